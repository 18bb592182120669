#include "widgets/playgroundview.h"

#include "playground/demoapiserver.h"
#include "sender/sendsession.h"
#include "widgets/corspolicyform.h"
#include "widgets/explanationview.h"
#include "widgets/formscrollarea.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

// The lessons live in a resource of the static corscope_ui library, which the linker would
// otherwise drop.
static void initPlaygroundLessons()
{
    Q_INIT_RESOURCE(resources);
}

namespace Corscope {

namespace {

QList<ExchangePhases> phasesOf(const SendResult &result)
{
    QList<ExchangePhases> phases;
    for (const ExchangeRecord &exchange : result.exchanges)
        phases.append(exchange.timing.phases());
    return phases;
}

QString verdictWord(bool allowed)
{
    return allowed ? PlaygroundView::tr("allowed") : PlaygroundView::tr("blocked");
}

} // namespace

PlaygroundView::PlaygroundView(DemoApiServer &server, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_session(std::make_unique<SendSession>(BrowserProfile::chromium()))
    , m_verifier(new BrowserVerifier(server, this))
    , m_lessons(new QListWidget(this))
    , m_symptom(new QTextBrowser(this))
    , m_form(new CorsPolicyForm(this))
    , m_resourceType(new QComboBox(this))
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_requestHeaders(new QPlainTextEdit(this))
    , m_credentials(new QComboBox(this))
    , m_body(new QLineEdit(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_verify(new QPushButton(tr("&Verify in Chromium"), this))
    , m_cancelVerify(new QPushButton(tr("Cancel"), this))
    , m_showFix(new QPushButton(tr("Show the &fix"), this))
    , m_reset(new QPushButton(tr("&Reset"), this))
    , m_origins(new QLabel(this))
    , m_verification(new QLabel(this))
    , m_resultHint(new QLabel(this))
    , m_explanation(new ExplanationView(this))
    , m_serverLog(new QPlainTextEdit(this))
{
    QString error;
    if (!m_server.isListening() && !m_server.start(&error))
        m_origins->setText(error);

    m_lessons->setObjectName(QStringLiteral("playgroundLessons"));
    m_lessons->setAccessibleName(tr("Lessons"));
    m_lessons->setToolTip(tr("Classic CORS failures: pick one, send, then fix the policy"));
    m_lessons->setWordWrap(true);
    // Titles read a few words a line, never one: the list keeps room for about 30 characters.
    m_lessons->setMinimumWidth(m_lessons->fontMetrics().averageCharWidth() * 30);
    m_lessons->setSpacing(3);
    m_lessons->setAlternatingRowColors(true);
    m_symptom->setObjectName(QStringLiteral("symptom"));
    m_symptom->setAccessibleName(tr("Lesson"));
    m_symptom->setToolTip(tr("What users report, and why it happens"));

    m_form->setObjectName(QStringLiteral("policyForm"));
    m_form->setAccessibleName(tr("Server CORS policy"));
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE")});
    m_method->setObjectName(QStringLiteral("requestMethod"));
    m_method->setAccessibleName(tr("Request method"));
    m_method->setToolTip(tr("The method the page passes to fetch()"));
    for (ResourceType type : allResourceTypes())
        m_resourceType->addItem(toString(type), int(type));
    m_resourceType->setObjectName(QStringLiteral("requestResourceType"));
    m_resourceType->setAccessibleName(tr("Request kind"));
    m_resourceType->setToolTip(tr("How the page makes the request, in DevTools' words: fetch(), an "
                                  "XMLHttpRequest (axios), an @font-face font … The kind decides the mode, "
                                  "the credentials and the console message"));
    m_path->setObjectName(QStringLiteral("requestPath"));
    m_path->setAccessibleName(tr("Request path"));
    m_path->setToolTip(tr("Path on the demo API; /api/data answers JSON, /fonts/… a web font"));
    m_requestHeaders->setObjectName(QStringLiteral("requestHeaders"));
    m_requestHeaders->setAccessibleName(tr("Request headers"));
    m_requestHeaders->setToolTip(tr("Headers the page sets, one \"Name: value\" per line"));
    m_requestHeaders->setPlaceholderText(tr("Name: value"));
    m_requestHeaders->setTabChangesFocus(true);
    m_requestHeaders->setMaximumHeight(m_requestHeaders->fontMetrics().height() * 4);
    for (CredentialsMode mode :
         {CredentialsMode::Omit, CredentialsMode::SameOrigin, CredentialsMode::Include})
        m_credentials->addItem(toString(mode), int(mode));
    m_credentials->setObjectName(QStringLiteral("requestCredentials"));
    m_credentials->setAccessibleName(tr("Credentials mode"));
    m_credentials->setToolTip(tr("fetch()'s credentials option: include sends cookies cross-origin and "
                                 "needs a named origin and Allow-Credentials"));
    m_body->setObjectName(QStringLiteral("requestBody"));
    m_body->setAccessibleName(tr("Request body"));
    m_body->setToolTip(tr("A string body; empty sends none"));
    m_body->setPlaceholderText(tr("no body"));

    m_send->setObjectName(QStringLiteral("send"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setToolTip(tr("Send the request from the page origin to the demo API, as Chromium would "
                          "(Ctrl+Return)"));
    m_send->setDefault(true);
    m_verify->setObjectName(QStringLiteral("verify"));
    m_verify->setAccessibleName(tr("Verify in Chromium"));
    m_cancelVerify->setObjectName(QStringLiteral("cancelVerify"));
    m_cancelVerify->setAccessibleName(tr("Cancel verification"));
    m_cancelVerify->setToolTip(tr("Stop the headless Chromium"));
    m_showFix->setObjectName(QStringLiteral("showFix"));
    m_showFix->setAccessibleName(tr("Show the fix"));
    m_showFix->setToolTip(tr("Apply the policy that fixes this lesson to the demo API"));
    m_reset->setObjectName(QStringLiteral("reset"));
    m_reset->setAccessibleName(tr("Reset"));
    m_reset->setToolTip(tr("Back to the lesson's broken policy and request, with an empty preflight cache"));
    m_origins->setObjectName(QStringLiteral("origins"));
    m_origins->setAccessibleName(tr("Demo origins"));
    m_origins->setToolTip(
        tr("The demo API and the page origin it is called from, both on this machine only"));
    m_origins->setWordWrap(true);
    m_origins->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verification->setObjectName(QStringLiteral("verification"));
    m_verification->setAccessibleName(tr("Browser verification"));
    m_verification->setToolTip(tr("What a real headless Chromium did with the same request"));
    m_verification->setWordWrap(true);
    m_verification->setTextFormat(Qt::RichText);
    m_serverLog->setObjectName(QStringLiteral("serverLog"));
    m_serverLog->setAccessibleName(tr("Requests the demo API received"));
    m_serverLog->setToolTip(tr("Every request that reached the demo API, with its answer status"));
    m_serverLog->setReadOnly(true);
    m_serverLog->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_serverLog->setMaximumBlockCount(500);
    m_serverLog->setPlaceholderText(tr("No request has reached the demo API yet."));
    m_explanation->setAccessibleName(tr("Explanation"));
    m_resultHint->setObjectName(QStringLiteral("resultHint"));
    m_resultHint->setAccessibleName(tr("Result status"));
    m_resultHint->setWordWrap(true);
    m_resultHint->setStyleSheet(QStringLiteral("background: #fff8c5; padding: 4px"));

    if (m_server.isListening())
        m_origins->setText(
            tr("Page %1 → API %2").arg(m_server.pageOrigin().toString(), m_server.apiUrl().toString()));

    // Left: lessons and what they are about.
    auto *lessonSplit = new QSplitter(Qt::Vertical, this);
    lessonSplit->addWidget(m_lessons);
    lessonSplit->addWidget(m_symptom);
    lessonSplit->setStretchFactor(0, 1);
    lessonSplit->setStretchFactor(1, 2);

    // Centre: the server's policy and the page's request.
    auto *policyBox = new QGroupBox(tr("Server policy (applied live)"), this);
    auto *policyLayout = new QVBoxLayout(policyBox);
    policyLayout->addWidget(m_form);
    auto *requestBox = new QGroupBox(tr("Request from the page"), this);
    auto *requestLayout = new QFormLayout(requestBox);
    auto *methodRow = new QHBoxLayout;
    methodRow->addWidget(m_method);
    methodRow->addWidget(m_path, 1);
    requestLayout->addRow(tr("Kind:"), m_resourceType);
    requestLayout->addRow(tr("Method, path:"), methodRow);
    requestLayout->addRow(tr("Headers:"), m_requestHeaders);
    requestLayout->addRow(tr("Credentials:"), m_credentials);
    requestLayout->addRow(tr("Body:"), m_body);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_send);
    sendRow->addWidget(m_showFix);
    sendRow->addWidget(m_reset);
    sendRow->addStretch();
    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verify);
    verifyRow->addWidget(m_cancelVerify);
    verifyRow->addStretch();
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->addWidget(m_origins);
    centreLayout->addWidget(policyBox);
    centreLayout->addWidget(requestBox);
    centreLayout->addStretch();
    auto *centreScroll = new FormScrollArea(centre, this);
    // The actions stay below the scrolled form: Send, Show the fix and Verify are never
    // scrolled out of sight, however low the window.
    auto *centreColumn = new QWidget(this);
    auto *columnLayout = new QVBoxLayout(centreColumn);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(centreScroll, 1);
    columnLayout->addLayout(sendRow);
    columnLayout->addLayout(verifyRow);
    columnLayout->addWidget(m_verification);

    // Right: the verdict and the server's view of it.
    auto *resultPane = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(resultPane);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_resultHint);
    resultLayout->addWidget(m_explanation, 1);
    auto *resultSplit = new QSplitter(Qt::Vertical, this);
    resultSplit->addWidget(resultPane);
    resultSplit->addWidget(m_serverLog);
    resultSplit->setStretchFactor(0, 3);
    resultSplit->setStretchFactor(1, 1);

    auto *split = new QSplitter(this);
    split->setObjectName(QStringLiteral("playgroundSplitter"));
    split->addWidget(lessonSplit);
    split->addWidget(centreColumn);
    split->addWidget(resultSplit);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 4);
    split->setSizes({260, 420, 560}); // the lesson titles need room to be read at a glance
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &PlaygroundView::send);
    connect(m_send, &QPushButton::clicked, this, &PlaygroundView::send);
    connect(m_verify, &QPushButton::clicked, this, &PlaygroundView::verify);
    connect(m_cancelVerify, &QPushButton::clicked, this, &PlaygroundView::cancelVerification);
    connect(m_showFix, &QPushButton::clicked, this, &PlaygroundView::showFix);
    connect(m_reset, &QPushButton::clicked, this, &PlaygroundView::reset);
    connect(m_form, &CorsPolicyForm::policyEdited, this, &PlaygroundView::applyPolicy);
    const auto requestEdited = [this] {
        if (m_hasResult)
            showHint(tr("The request changed since this result. Press Send (Ctrl+Return) to send it."));
    };
    connect(m_method, &QComboBox::currentTextChanged, this, requestEdited);
    connect(m_path, &QLineEdit::textEdited, this, requestEdited);
    connect(m_requestHeaders, &QPlainTextEdit::textChanged, this, requestEdited);
    connect(m_credentials, &QComboBox::currentIndexChanged, this, requestEdited);
    connect(m_resourceType, &QComboBox::currentIndexChanged, this, requestEdited);
    connect(m_body, &QLineEdit::textEdited, this, requestEdited);
    connect(m_lessons, &QListWidget::currentRowChanged, this, &PlaygroundView::selectLesson);
    connect(m_session.get(), &SendSession::finished, this, &PlaygroundView::onSendFinished);
    connect(m_verifier, &BrowserVerifier::finished, this, &PlaygroundView::onBrowserFinished);
    connect(&m_server, &DemoApiServer::requestReceived, this, &PlaygroundView::logRequest);

    initPlaygroundLessons();
    loadLessons();
    updateButtons();
}

PlaygroundView::~PlaygroundView() = default;

void PlaygroundView::loadLessons()
{
    const QDir dir(QStringLiteral(":/playground"));
    for (const QString &name : dir.entryList({QStringLiteral("lesson-*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QString error;
        const auto lesson = PlaygroundLesson::read(file.readAll(), m_server.pageOrigin(), &error);
        if (!lesson) {
            qWarning("Playground lesson %s: %s", qPrintable(name), qPrintable(error));
            continue;
        }
        m_lessonList.append(*lesson);
        auto *item = new QListWidgetItem(lesson->title, m_lessons);
        item->setToolTip(lesson->symptom);
    }
    if (!m_lessonList.isEmpty())
        m_lessons->setCurrentRow(0);
}

int PlaygroundView::currentLesson() const
{
    return m_lessons->currentRow();
}

void PlaygroundView::selectLesson(int index)
{
    if (index < 0 || index >= m_lessonList.size())
        return;
    if (m_lessons->currentRow() != index) {
        m_lessons->setCurrentRow(index); // comes back here through currentRowChanged
        return;
    }
    const PlaygroundLesson &lesson = m_lessonList.at(index);
    m_symptom->setHtml(QStringLiteral("<h3>%1</h3><p><b>%2</b> %3</p><p><b>%4</b> %5</p>")
                           .arg(lesson.title.toHtmlEscaped(), tr("Symptom:"), lesson.symptom.toHtmlEscaped(),
                                tr("Why:"), lesson.lesson.toHtmlEscaped()));
    m_form->setPolicy(lesson.policy);
    applyPolicy(lesson.policy);
    setRequest(lesson.request);
    // A fresh tab: nothing cached from the previous lesson decides this one.
    m_session->preflightCache().clearAll();
    m_verification->clear();
    m_serverLog->clear();
    m_hasResult = false;
    showHint(tr("Press Send (Ctrl+Return) to run the request against the demo API."));
}

void PlaygroundView::showHint(const QString &text)
{
    m_resultHint->setText(text);
    m_resultHint->setVisible(!text.isEmpty());
}

void PlaygroundView::showFix()
{
    const int index = currentLesson();
    if (index < 0)
        return;
    m_form->setPolicy(m_lessonList.at(index).fix);
    applyPolicy(m_lessonList.at(index).fix);
}

void PlaygroundView::reset()
{
    selectLesson(currentLesson());
}

void PlaygroundView::applyPolicy(const CorsPolicy &policy)
{
    m_server.setPolicy(policy);
    showHint(m_hasResult ? tr("The server policy changed since this result. Press Send (Ctrl+Return) to see "
                              "what the browser decides now.")
                         : tr("Press Send (Ctrl+Return) to run the request against the demo API."));
    // In the shared-cache lesson the other site always asks first, so every policy the user
    // tries meets a cache that site has already filled.
    const int index = currentLesson();
    if (index >= 0 && !m_lessonList.at(index).sharedCacheFilledBy.isEmpty())
        m_server.primeSharedCache(m_lessonList.at(index).sharedCacheFilledBy);
}

PlaygroundRequest PlaygroundView::request() const
{
    PlaygroundRequest request;
    request.resourceType = ResourceType(m_resourceType->currentData().toInt());
    request.method = m_method->currentText().trimmed().toLatin1();
    request.path = m_path->text().trimmed();
    if (!request.path.startsWith(QLatin1Char('/')))
        request.path.prepend(QLatin1Char('/'));
    request.headers = headersFromLines(m_requestHeaders->toPlainText().toLatin1());
    request.credentials = CredentialsMode(m_credentials->currentData().toInt());
    if (!m_body->text().isEmpty())
        request.body = m_body->text().toUtf8();
    return request;
}

void PlaygroundView::setRequest(const PlaygroundRequest &request)
{
    m_resourceType->setCurrentIndex(m_resourceType->findData(int(request.resourceType)));
    m_method->setCurrentText(QString::fromLatin1(request.method));
    m_path->setText(request.path);
    m_requestHeaders->setPlainText(QString::fromLatin1(headerLines(request.headers)));
    m_credentials->setCurrentIndex(m_credentials->findData(int(request.credentials)));
    m_body->setText(request.body ? QString::fromUtf8(*request.body) : QString());
}

FetchRequest PlaygroundView::fetchRequest() const
{
    return request().toFetchRequest(m_server.apiUrl(), m_server.pageOrigin());
}

void PlaygroundView::send()
{
    if (m_pendingSend || !m_server.isListening())
        return;
    m_pendingSend = m_session->send(fetchRequest());
    updateButtons();
}

void PlaygroundView::onSendFinished(const SendResult &result)
{
    if (result.id != m_pendingSend)
        return;
    m_pendingSend = 0;
    m_hasResult = true;
    showHint({});
    m_explanation->setEvaluation(result.evaluation, std::nullopt, phasesOf(result));
    updateButtons();
    emit sendFinished(result);
}

void PlaygroundView::verify()
{
    m_browserVerdict.reset();
    if (!m_verifier->start(request()))
        return;
    m_verification->setText(tr("Running the request in headless Chromium…"));
    updateButtons();
}

void PlaygroundView::cancelVerification()
{
    m_verifier->cancel();
    m_freshSession.reset();
    updateButtons();
}

void PlaygroundView::onBrowserFinished(const BrowserVerdict &verdict)
{
    if (!verdict.completed) {
        m_verification->setText(tr("No verdict from Chromium: %1").arg(verdict.error.toHtmlEscaped()));
        updateButtons();
        return;
    }
    // Chromium started from an empty profile; compare it with the evaluator in the same state.
    m_browserVerdict = verdict;
    m_freshSession = std::make_unique<SendSession>(BrowserProfile::chromium());
    connect(m_freshSession.get(), &SendSession::finished, this, &PlaygroundView::onFreshEvaluation);
    m_freshSession->send(fetchRequest());
    updateButtons();
}

void PlaygroundView::onFreshEvaluation(const SendResult &result)
{
    // Deleting the session inside its own signal is not allowed: let the event loop do it.
    m_freshSession.release()->deleteLater();
    if (!m_browserVerdict)
        return;
    const BrowserVerdict &browser = *m_browserVerdict;
    const bool evaluatorAllowed = result.evaluation.allowed();
    const bool agrees = evaluatorAllowed == browser.allowed;
    QStringList reached;
    for (const ReceivedRequest &request : browser.requests)
        reached.append(
            QStringLiteral("%1 → %2").arg(QString::fromLatin1(request.method)).arg(request.status));
    const QString colour = agrees ? QStringLiteral("#1a7f37") : QStringLiteral("#cf222e");
    const QString headline =
        agrees ? tr("Chromium agrees with the evaluator: %1.").arg(verdictWord(browser.allowed))
               : tr("Chromium disagrees with the evaluator: Chromium %1, evaluator %2.")
                     .arg(verdictWord(browser.allowed), verdictWord(evaluatorAllowed));
    QString text = QStringLiteral("<b style=\"color:%1\">%2</b><br>").arg(colour, headline.toHtmlEscaped());
    text += tr("Requests from Chromium that reached the API: %1")
                .arg(reached.isEmpty() ? tr("none") : reached.join(QStringLiteral(", ")))
                .toHtmlEscaped();
    if (browser.allowed && !browser.socketMessage.isEmpty())
        text += QStringLiteral("<br>") +
                tr("The page read from the socket: %1").arg(browser.socketMessage).toHtmlEscaped();
    if (!browser.allowed && !browser.rejection.isEmpty())
        text += QStringLiteral("<br>") + tr("The page saw: %1").arg(browser.rejection).toHtmlEscaped();
    m_verification->setText(text);
    m_hasResult = true;
    showHint(tr("The explanation shows a fresh browser, as Chromium ran it: no cached preflight."));
    m_explanation->setEvaluation(result.evaluation, std::nullopt, phasesOf(result));
    m_browserVerdict.reset();
    updateButtons();
    emit verificationFinished(agrees);
}

QString PlaygroundView::verificationText() const
{
    return m_verification->text();
}

QString PlaygroundView::serverLogText() const
{
    return m_serverLog->toPlainText();
}

void PlaygroundView::logRequest(const ReceivedRequest &request)
{
    if (request.port != ReceivedRequest::Port::Api)
        return;
    QString line = QStringLiteral("%1 %2 → %3")
                       .arg(QString::fromLatin1(request.method), QString::fromLatin1(request.target))
                       .arg(request.status);
    if (const auto origin = request.headers.get("origin"))
        line += QStringLiteral("  Origin: ") + QString::fromLatin1(*origin);
    if (const auto method = request.headers.get("access-control-request-method"))
        line += QStringLiteral("  ACRM: ") + QString::fromLatin1(*method);
    if (const auto headers = request.headers.get("access-control-request-headers"))
        line += QStringLiteral("  ACRH: ") + QString::fromLatin1(*headers);
    if (request.headers.get("referer").value_or(QByteArray()).contains("/verify/") ||
        request.target.contains("corscope-verify="))
        line += QLatin1Char(' ') + tr("(from headless Chromium)");
    if (request.fromSharedCache)
        line += QLatin1Char(' ') + tr("(answered by the CDN cache)");
    m_serverLog->appendPlainText(line);
}

void PlaygroundView::updateButtons()
{
    const bool listening = m_server.isListening();
    const bool verifying = m_verifier->isRunning() || m_freshSession != nullptr;
    m_send->setEnabled(listening && !m_pendingSend);
    m_showFix->setEnabled(currentLesson() >= 0);
    m_reset->setEnabled(currentLesson() >= 0);
    const bool chromium = BrowserVerifier::isAvailable();
    m_verify->setEnabled(listening && chromium && !verifying);
    m_verify->setToolTip(chromium
                             ? tr("Run the same request in a real headless Chromium and compare its verdict "
                                  "with the evaluator's")
                             : tr("Chromium is not installed (set CORSCOPE_CHROMIUM to its path)"));
    m_cancelVerify->setEnabled(verifying);
}

} // namespace Corscope
