#include "dialogs/harexportdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Corscope {

namespace {

QStringList names(const QLineEdit *edit)
{
    QStringList list;
    for (const QString &name : edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!name.trimmed().isEmpty())
            list << name.trimmed();
    return list;
}

} // namespace

HarExportDialog::HarExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_shared(new QCheckBox(tr("I will share this file: leave secrets out"), this))
    , m_options(new QGroupBox(tr("Leave out"), this))
    , m_cookies(new QCheckBox(tr("Cookie values (Cookie, Set-Cookie, cookies)"), m_options))
    , m_authorization(
          new QCheckBox(tr("Credentials (Authorization, Proxy-Authorization, URL passwords)"), m_options))
    , m_query(new QCheckBox(tr("Values of these query parameters:"), m_options))
    , m_queryNames(new QLineEdit(m_options))
    , m_headerNames(new QLineEdit(m_options))
    , m_bodies(new QCheckBox(tr("Request and response bodies"), m_options))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export HAR"));
    m_shared->setObjectName(QStringLiteral("sharedExport"));
    m_cookies->setObjectName(QStringLiteral("redactCookies"));
    m_authorization->setObjectName(QStringLiteral("redactAuthorization"));
    m_query->setObjectName(QStringLiteral("redactQuery"));
    m_queryNames->setObjectName(QStringLiteral("queryParameters"));
    m_headerNames->setObjectName(QStringLiteral("headerNames"));
    m_bodies->setObjectName(QStringLiteral("redactBodies"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_queryNames->setToolTip(tr("Comma-separated parameter names, compared without case; also in the "
                                "URL's fragment, Referer, Location and form bodies"));
    m_headerNames->setPlaceholderText(tr("e.g. X-Api-Key, X-Csrf-Token"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    m_problem->setWordWrap(true);

    auto *optionsLayout = new QFormLayout(m_options);
    optionsLayout->addRow(m_cookies);
    optionsLayout->addRow(m_authorization);
    optionsLayout->addRow(m_query);
    optionsLayout->addRow(m_queryNames);
    optionsLayout->addRow(tr("Values of these headers:"), m_headerNames);
    optionsLayout->addRow(m_bodies);

    auto *explanation = new QLabel(
        tr("Removed values become %1 and each entry lists in _redacted what it lost. Names stay, and "
           "Origin and the Access-Control headers are never touched, so the CORS verdicts read the same "
           "when the file is imported again. The file is readable by you alone.")
            .arg(QString(HarRedaction::kMarker)),
        this);
    explanation->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_shared);
    layout->addWidget(m_options);
    layout->addWidget(explanation);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QCheckBox *box : {m_shared, m_query})
        connect(box, &QCheckBox::toggled, this, &HarExportDialog::updateState);
    connect(m_headerNames, &QLineEdit::textChanged, this, &HarExportDialog::updateState);
    setRedaction(HarRedaction::shared());
}

HarRedaction HarExportDialog::redaction() const
{
    HarRedaction redaction;
    if (!m_shared->isChecked())
        return redaction;
    redaction.cookies = m_cookies->isChecked();
    redaction.authorization = m_authorization->isChecked();
    if (m_query->isChecked())
        redaction.queryParameters = names(m_queryNames);
    for (const QString &name : names(m_headerNames))
        redaction.headers << name.toLatin1().toLower();
    redaction.bodies = m_bodies->isChecked();
    return redaction;
}

void HarExportDialog::setRedaction(const HarRedaction &redaction)
{
    const bool shared = !redaction.isEmpty();
    m_shared->setChecked(shared);
    // A private export keeps the shared defaults ready for the next time the box is ticked.
    const HarRedaction shown = shared ? redaction : HarRedaction::shared();
    m_cookies->setChecked(shown.cookies);
    m_authorization->setChecked(shown.authorization);
    m_query->setChecked(!shown.queryParameters.isEmpty());
    m_queryNames->setText(
        (shown.queryParameters.isEmpty() ? HarRedaction::defaultQueryParameters() : shown.queryParameters)
            .join(QStringLiteral(", ")));
    QStringList headers;
    for (const QByteArray &name : shown.headers)
        headers << QString::fromLatin1(name);
    m_headerNames->setText(headers.join(QStringLiteral(", ")));
    m_bodies->setChecked(shown.bodies);
    updateState();
}

QString HarExportDialog::problem() const
{
    if (!m_shared->isChecked())
        return {};
    for (const QString &name : names(m_headerNames)) {
        const QString refusal = HarRedaction::refusalFor(name.toLatin1());
        if (!refusal.isEmpty())
            return refusal;
    }
    return {};
}

void HarExportDialog::updateState()
{
    m_options->setEnabled(m_shared->isChecked());
    m_queryNames->setEnabled(m_query->isChecked());
    const QString problemText = problem();
    m_problem->setText(problemText);
    m_problem->setVisible(!problemText.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problemText.isEmpty());
}

} // namespace Corscope
