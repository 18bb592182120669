#include "dialogs/responsecomparisondialog.h"

#include "widgets/headerdiffview.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QLabel>
#include <QShortcut>
#include <QVBoxLayout>

namespace Corscope {

namespace {

QString kindName(const ResponseComparisonDialog::FinalResponse &response)
{
    if (!response.found)
        return ResponseComparisonDialog::tr("no response (a network error)");
    return response.preflight ? ResponseComparisonDialog::tr("the preflight (OPTIONS) response")
                              : ResponseComparisonDialog::tr("the actual response");
}

} // namespace

ResponseComparisonDialog::ResponseComparisonDialog(const SessionEntry &left, const SessionEntry &right,
                                                   QWidget *parent)
    : QDialog(parent)
    , m_diff(new HeaderDiffView(this))
    , m_mismatch(new QLabel(this))
{
    setObjectName(QStringLiteral("responseComparison"));
    setWindowTitle(tr("Compare Responses"));
    const FinalResponse leftResponse = finalResponse(left);
    const FinalResponse rightResponse = finalResponse(right);
    m_diff->setNegotiationVisible(false);
    m_diff->compareResponses(entryTitle(left), leftResponse.headers, entryTitle(right),
                             rightResponse.headers);

    // The columns' titles elide; the whole names, wrapped, stay readable above the table.
    auto *titles = new QLabel(this);
    titles->setObjectName(QStringLiteral("comparisonTitles"));
    titles->setWordWrap(true);
    titles->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titles->setText(
        tr("Left: %1 — %2\nRight: %3 — %4")
            .arg(entryTitle(left), kindName(leftResponse), entryTitle(right), kindName(rightResponse)));

    m_mismatch->setObjectName(QStringLiteral("comparisonMismatch"));
    m_mismatch->setWordWrap(true);
    m_mismatch->setStyleSheet(QStringLiteral("color: #9a6700"));
    if (leftResponse.found && rightResponse.found && leftResponse.preflight != rightResponse.preflight)
        m_mismatch->setText(tr("These are different kinds of response: the left is %1, the right is %2. The "
                               "request that stopped at its preflight never got an actual response, so "
                               "headers the actual handler sends are missing from it.")
                                .arg(kindName(leftResponse), kindName(rightResponse)));
    m_mismatch->setVisible(!m_mismatch->text().isEmpty());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Escape closes the dialog wherever the focus is: the tables take the key for themselves.
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WindowShortcut);
    connect(escape, &QShortcut::activated, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(titles);
    layout->addWidget(m_mismatch);
    layout->addWidget(m_diff, 1);
    layout->addWidget(buttons);
    resize(900, 520);
}

QString ResponseComparisonDialog::mismatchText() const
{
    return m_mismatch->text();
}

QString ResponseComparisonDialog::entryTitle(const SessionEntry &entry)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(entry.timeMs).toString(QStringLiteral("HH:mm:ss"));
    return tr("%1 %2 · %3 · %4")
        .arg(QString::fromLatin1(entry.request().method), entry.request().url.toString(), time,
             entry.evaluation.allowed() ? tr("allowed") : tr("blocked"));
}

ResponseComparisonDialog::FinalResponse ResponseComparisonDialog::finalResponse(const SessionEntry &entry)
{
    const QList<Exchange> &exchanges = entry.evaluation.exchanges;
    for (auto it = exchanges.rbegin(); it != exchanges.rend(); ++it)
        if (it->response)
            return {it->response->headers, true, it->request.kind == OutgoingRequest::Kind::Preflight};
    return {};
}

} // namespace Corscope
