#include "widgets/corspolicyform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace Corscope {

namespace {

QString joined(const QByteArrayList &tokens)
{
    return QString::fromLatin1(tokens.join(", "));
}

QByteArrayList tokens(const QString &text)
{
    QByteArrayList list;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            list.append(part.trimmed().toLatin1());
    }
    return list;
}

QSpinBox *statusBox(QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(100, 599);
    return box;
}

} // namespace

CorsPolicyForm::CorsPolicyForm(QWidget *parent)
    : QWidget(parent)
    , m_originRule(new QComboBox(this))
    , m_origins(new QLineEdit(this))
    , m_methods(new QLineEdit(this))
    , m_headers(new QLineEdit(this))
    , m_credentials(new QCheckBox(tr("Allow credentials"), this))
    , m_hasMaxAge(new QCheckBox(tr("Max-Age"), this))
    , m_maxAge(new QSpinBox(this))
    , m_exposed(new QLineEdit(this))
    , m_vary(new QCheckBox(tr("Send Vary: Origin"), this))
    , m_preflightStatus(statusBox(this))
    , m_actualStatus(statusBox(this))
    , m_sharedCache(new QSpinBox(this))
    , m_extraHeaders(new QPlainTextEdit(this))
{
    m_originRule->addItem(tr("Allow-list"), int(OriginRule::AllowList));
    m_originRule->addItem(tr("Any origin (*)"), int(OriginRule::Wildcard));
    m_originRule->addItem(tr("Reflect any origin"), int(OriginRule::ReflectAny));
    m_originRule->setObjectName(QStringLiteral("originRule"));
    m_originRule->setAccessibleName(tr("Origin rule"));
    m_originRule->setToolTip(tr("How the server chooses Access-Control-Allow-Origin: the request's Origin if "
                                "listed, always \"*\", or whatever Origin arrives"));
    m_origins->setObjectName(QStringLiteral("allowedOrigins"));
    m_origins->setAccessibleName(tr("Allowed origins"));
    m_origins->setToolTip(tr("Comma-separated origins answered with their own Access-Control-Allow-Origin"));
    m_origins->setPlaceholderText(tr("none: no Access-Control-Allow-Origin"));
    m_methods->setObjectName(QStringLiteral("allowedMethods"));
    m_methods->setAccessibleName(tr("Allowed methods"));
    m_methods->setToolTip(tr("Access-Control-Allow-Methods on the preflight answer; empty sends none"));
    m_headers->setObjectName(QStringLiteral("allowedHeaders"));
    m_headers->setAccessibleName(tr("Allowed headers"));
    m_headers->setToolTip(tr("Access-Control-Allow-Headers on the preflight answer; \"*\" allows any "
                             "header except Authorization"));
    m_credentials->setObjectName(QStringLiteral("allowCredentials"));
    m_credentials->setAccessibleName(tr("Allow credentials"));
    m_credentials->setToolTip(tr("Send Access-Control-Allow-Credentials: true"));
    m_hasMaxAge->setObjectName(QStringLiteral("hasMaxAge"));
    m_hasMaxAge->setAccessibleName(tr("Send Max-Age"));
    m_hasMaxAge->setToolTip(tr("Send Access-Control-Max-Age: how long browsers may cache the preflight"));
    m_maxAge->setObjectName(QStringLiteral("maxAge"));
    m_maxAge->setRange(-1, 86400 * 7);
    m_maxAge->setSuffix(tr(" s"));
    m_maxAge->setAccessibleName(tr("Max-Age in seconds"));
    m_maxAge->setToolTip(tr("Access-Control-Max-Age in seconds (Chromium caps it at 7200)"));
    m_exposed->setObjectName(QStringLiteral("exposedHeaders"));
    m_exposed->setAccessibleName(tr("Exposed headers"));
    m_exposed->setToolTip(tr("Access-Control-Expose-Headers: response headers the page may read"));
    m_vary->setObjectName(QStringLiteral("varyOrigin"));
    m_vary->setAccessibleName(tr("Send Vary: Origin"));
    m_vary->setToolTip(tr("Tell caches that the answer depends on the request's Origin"));
    m_preflightStatus->setObjectName(QStringLiteral("preflightStatus"));
    m_preflightStatus->setAccessibleName(tr("Preflight status"));
    m_preflightStatus->setToolTip(tr("The status of the answer to OPTIONS preflights; browsers need 2xx"));
    m_actualStatus->setObjectName(QStringLiteral("actualStatus"));
    m_actualStatus->setAccessibleName(tr("Response status"));
    m_actualStatus->setToolTip(tr("The status of the answer to the request itself"));
    m_sharedCache->setObjectName(QStringLiteral("sharedCache"));
    m_sharedCache->setRange(0, 86400);
    m_sharedCache->setSuffix(tr(" s"));
    m_sharedCache->setSpecialValueText(tr("off"));
    m_sharedCache->setAccessibleName(tr("CDN cache time"));
    m_sharedCache->setToolTip(tr("A shared cache (CDN) in front of the API keeps GET answers this long; it "
                                 "tells origins apart only when the answer sends Vary: Origin"));
    m_extraHeaders->setObjectName(QStringLiteral("extraHeaders"));
    m_extraHeaders->setAccessibleName(tr("Extra response headers"));
    m_extraHeaders->setToolTip(tr("Raw headers added to every answer, one \"Name: value\" per line, e.g. a "
                                  "proxy's own CORS headers"));
    m_extraHeaders->setPlaceholderText(tr("Name: value"));
    m_extraHeaders->setTabChangesFocus(true);
    m_extraHeaders->setMaximumHeight(m_extraHeaders->fontMetrics().height() * 4);

    auto *maxAgeRow = new QHBoxLayout;
    maxAgeRow->addWidget(m_hasMaxAge);
    maxAgeRow->addWidget(m_maxAge, 1);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_preflightStatus);
    statusRow->addWidget(m_actualStatus);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Allow-Origin:"), m_originRule);
    form->addRow(tr("Origins:"), m_origins);
    form->addRow(tr("Methods:"), m_methods);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(QString(), m_credentials);
    form->addRow(tr("Preflight cache:"), maxAgeRow);
    form->addRow(tr("Expose:"), m_exposed);
    form->addRow(QString(), m_vary);
    form->addRow(tr("Status (OPTIONS, request):"), statusRow);
    form->addRow(tr("CDN cache:"), m_sharedCache);
    form->addRow(tr("Extra headers:"), m_extraHeaders);

    for (QLineEdit *edit : {m_origins, m_methods, m_headers, m_exposed})
        connect(edit, &QLineEdit::textEdited, this, &CorsPolicyForm::emitEdited);
    for (QCheckBox *box : {m_credentials, m_hasMaxAge, m_vary})
        connect(box, &QCheckBox::toggled, this, &CorsPolicyForm::emitEdited);
    for (QSpinBox *box : {m_maxAge, m_preflightStatus, m_actualStatus, m_sharedCache})
        connect(box, &QSpinBox::valueChanged, this, &CorsPolicyForm::emitEdited);
    connect(m_originRule, &QComboBox::currentIndexChanged, this, &CorsPolicyForm::emitEdited);
    connect(m_extraHeaders, &QPlainTextEdit::textChanged, this, &CorsPolicyForm::emitEdited);
    setPolicy(CorsPolicy());
}

CorsPolicy CorsPolicyForm::policy() const
{
    CorsPolicy policy;
    policy.originRule = OriginRule(m_originRule->currentData().toInt());
    for (const QByteArray &origin : tokens(m_origins->text()))
        policy.allowedOrigins.append(QString::fromLatin1(origin));
    policy.allowedMethods = tokens(m_methods->text());
    policy.allowedHeaders = tokens(m_headers->text());
    policy.allowCredentials = m_credentials->isChecked();
    if (m_hasMaxAge->isChecked())
        policy.maxAgeSeconds = m_maxAge->value();
    policy.exposedHeaders = tokens(m_exposed->text());
    policy.varyOrigin = m_vary->isChecked();
    policy.preflightStatus = m_preflightStatus->value();
    policy.actualStatus = m_actualStatus->value();
    policy.sharedCacheSeconds = m_sharedCache->value();
    policy.extraHeaders = headersFromLines(m_extraHeaders->toPlainText().toLatin1());
    return policy;
}

void CorsPolicyForm::setPolicy(const CorsPolicy &policy)
{
    // Programmatic changes are not edits: the owner already knows this policy.
    m_settingPolicy = true;
    m_originRule->setCurrentIndex(m_originRule->findData(int(policy.originRule)));
    m_origins->setText(policy.allowedOrigins.join(QStringLiteral(", ")));
    m_methods->setText(joined(policy.allowedMethods));
    m_headers->setText(joined(policy.allowedHeaders));
    m_credentials->setChecked(policy.allowCredentials);
    m_hasMaxAge->setChecked(policy.maxAgeSeconds.has_value());
    m_maxAge->setValue(policy.maxAgeSeconds.value_or(600));
    m_exposed->setText(joined(policy.exposedHeaders));
    m_vary->setChecked(policy.varyOrigin);
    m_preflightStatus->setValue(policy.preflightStatus);
    m_actualStatus->setValue(policy.actualStatus);
    m_sharedCache->setValue(policy.sharedCacheSeconds);
    m_extraHeaders->setPlainText(QString::fromLatin1(headerLines(policy.extraHeaders)));
    updateEnabledFields();
    m_settingPolicy = false;
}

void CorsPolicyForm::emitEdited()
{
    if (m_settingPolicy)
        return;
    updateEnabledFields();
    emit policyEdited(policy());
}

void CorsPolicyForm::updateEnabledFields()
{
    m_origins->setEnabled(OriginRule(m_originRule->currentData().toInt()) == OriginRule::AllowList);
    m_maxAge->setEnabled(m_hasMaxAge->isChecked());
}

} // namespace Corscope
