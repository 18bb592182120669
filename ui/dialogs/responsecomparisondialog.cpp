#include "dialogs/responsecomparisondialog.h"

#include "widgets/headerdiffview.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace Corscope {

ResponseComparisonDialog::ResponseComparisonDialog(const SessionEntry &left, const SessionEntry &right,
                                                   QWidget *parent)
    : QDialog(parent)
    , m_diff(new HeaderDiffView(this))
{
    setObjectName(QStringLiteral("responseComparison"));
    setWindowTitle(tr("Compare Responses"));
    m_diff->setNegotiationVisible(false);
    m_diff->compareResponses(entryTitle(left), finalResponseHeaders(left), entryTitle(right),
                             finalResponseHeaders(right));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_diff, 1);
    layout->addWidget(buttons);
    resize(900, 520);
}

QString ResponseComparisonDialog::entryTitle(const SessionEntry &entry)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(entry.timeMs).toString(QStringLiteral("HH:mm:ss"));
    return tr("%1 %2 · %3 · %4")
        .arg(QString::fromLatin1(entry.request().method), entry.request().url.toString(), time,
             entry.evaluation.allowed() ? tr("allowed") : tr("blocked"));
}

HeaderList ResponseComparisonDialog::finalResponseHeaders(const SessionEntry &entry)
{
    const QList<Exchange> &exchanges = entry.evaluation.exchanges;
    for (auto it = exchanges.rbegin(); it != exchanges.rend(); ++it)
        if (it->response)
            return it->response->headers;
    return {};
}

} // namespace Corscope
