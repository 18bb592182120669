#include "widgets/requestbuilder.h"

#include "cors/websockethandshake.h"
#include "editors/headerlexer.h"
#include "editors/headernamecompletion.h"
#include "fix/fixtrial.h"
#include "http/headerblock.h"
#include "sender/copiedrequest.h"
#include "sender/curlcommand.h"
#include "sender/sendsession.h"
#include "widgets/explanationview.h"
#include "widgets/fixsnippetpanel.h"
#include "widgets/formscrollarea.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexerxml.h>
#include <Qsci/qsciscintilla.h>

namespace Corscope {

namespace {

const auto recentOriginsKey = QStringLiteral("requestBuilder/recentOrigins");
const auto splitterKey = QStringLiteral("requestBuilder/splitter");
constexpr int maxRecentOrigins = 12;

// The names people type most when reproducing a CORS problem, for autocompletion.
const QStringList commonRequestHeaders{
    QStringLiteral("Accept"),           QStringLiteral("Accept-Language"),  QStringLiteral("Authorization"),
    QStringLiteral("Cache-Control"),    QStringLiteral("Content-Language"), QStringLiteral("Content-Type"),
    QStringLiteral("If-Match"),         QStringLiteral("If-None-Match"),    QStringLiteral("Range"),
    QStringLiteral("X-Requested-With"), QStringLiteral("X-CSRF-Token"),     QStringLiteral("X-Api-Key"),
};
const QStringList commonResponseHeaders{
    QStringLiteral("Access-Control-Allow-Origin"),
    QStringLiteral("Access-Control-Allow-Credentials"),
    QStringLiteral("Access-Control-Allow-Methods"),
    QStringLiteral("Access-Control-Allow-Headers"),
    QStringLiteral("Access-Control-Expose-Headers"),
    QStringLiteral("Access-Control-Max-Age"),
    QStringLiteral("Access-Control-Allow-Private-Network"),
    QStringLiteral("Cache-Control"),
    QStringLiteral("Content-Type"),
    QStringLiteral("Location"),
    QStringLiteral("Set-Cookie"),
    QStringLiteral("Vary"),
};

QString formatResponse(const HttpResponse &response)
{
    QString statusLine = QStringLiteral("HTTP/1.1 %1").arg(response.status);
    if (!response.statusText.isEmpty())
        statusLine += QLatin1Char(' ') + QString::fromUtf8(response.statusText);
    return statusLine + QLatin1Char('\n') + HeaderBlockParser::format(response.headers);
}

} // namespace

RequestBuilder::RequestBuilder(QSettings &settings, const QList<SendSession *> &sessions, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_sessions(sessions)
    , m_url(new QLineEdit(this))
    , m_method(new QComboBox(this))
    , m_origin(new QComboBox(this))
    , m_credentials(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_resourceType(new QComboBox(this))
    , m_crossOrigin(new QComboBox(this))
    , m_browser(new QComboBox(this))
    , m_headers(createEditor(QStringLiteral("requestHeaders"), tr("Request headers")))
    , m_body(createEditor(QStringLiteral("requestBody"), tr("Request body")))
    , m_offline(new QCheckBox(tr("Explain off&line with pasted response headers"), this))
    , m_offlinePane(new QWidget(this))
    , m_responseHeaders(
          createEditor(QStringLiteral("responseHeaders"), tr("Response headers seen in DevTools")))
    , m_preflightHeaders(createEditor(QStringLiteral("preflightHeaders"), tr("Preflight response headers")))
    , m_run(new QPushButton(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_explanation(new ExplanationView(this))
    , m_split(new QSplitter(this))
{
    setAcceptDrops(true);
    setToolTip(tr("Paste or drop a request copied from DevTools: Copy as cURL (bash or cmd), Copy as "
                  "PowerShell, Copy as fetch or Copy as fetch (Node.js)"));
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setAccessibleName(tr("URL"));
    m_url->setPlaceholderText(tr("https://api.example/resource"));
    m_url->setClearButtonEnabled(true);

    m_method->setObjectName(QStringLiteral("method"));
    m_method->setAccessibleName(tr("Method"));
    m_method->setEditable(true);
    // Methods are case-sensitive on the wire and fetch() only upper-cases six of them: keep
    // what the user typed.
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                        QStringLiteral("OPTIONS")});

    m_origin->setObjectName(QStringLiteral("origin"));
    m_origin->setAccessibleName(tr("Initiator origin"));
    m_origin->setToolTip(tr("The origin of the page that calls fetch(); \"null\" for an opaque origin"));
    m_origin->setEditable(true);
    m_origin->setInsertPolicy(QComboBox::NoInsert);
    QStringList origins = m_settings.value(recentOriginsKey).toStringList();
    if (origins.isEmpty())
        origins << QStringLiteral("https://app.example");
    m_origin->addItems(origins);

    m_credentials->setObjectName(QStringLiteral("credentials"));
    m_credentials->setAccessibleName(tr("Credentials mode"));
    m_credentials->addItem(tr("omit"), int(CredentialsMode::Omit));
    m_credentials->addItem(tr("same-origin"), int(CredentialsMode::SameOrigin));
    m_credentials->addItem(tr("include"), int(CredentialsMode::Include));
    m_credentials->setCurrentIndex(1);

    m_mode->setObjectName(QStringLiteral("mode"));
    m_mode->setAccessibleName(tr("Request mode"));
    m_mode->addItem(tr("cors"), int(RequestMode::Cors));
    m_mode->addItem(tr("no-cors"), int(RequestMode::NoCors));
    m_mode->addItem(tr("same-origin"), int(RequestMode::SameOrigin));

    // DevTools' resource types, so a HAR entry and the form speak alike.
    m_resourceType->setObjectName(QStringLiteral("resourceType"));
    m_resourceType->setAccessibleName(tr("Resource type"));
    m_resourceType->addItem(tr("fetch()"), int(ResourceType::Fetch));
    m_resourceType->addItem(tr("XMLHttpRequest (axios)"), int(ResourceType::Xhr));
    m_resourceType->addItem(tr("<script>"), int(ResourceType::Script));
    m_resourceType->addItem(tr("<script type=module>"), int(ResourceType::Module));
    m_resourceType->addItem(tr("<link rel=stylesheet>"), int(ResourceType::Stylesheet));
    m_resourceType->addItem(tr("<img>"), int(ResourceType::Image));
    m_resourceType->addItem(tr("font (@font-face)"), int(ResourceType::Font));
    m_resourceType->addItem(tr("EventSource"), int(ResourceType::EventSource));
    m_resourceType->addItem(tr("new Worker()"), int(ResourceType::Worker));
    m_resourceType->addItem(tr("WebSocket"), int(ResourceType::WebSocket));
    m_resourceType->setItemData(
        m_resourceType->count() - 1,
        tr("new WebSocket(url): sends the opening handshake with the page's Origin and cookies. CORS does "
           "not apply: only the server's own Origin check can refuse a page."),
        Qt::ToolTipRole);
    m_crossOrigin->setObjectName(QStringLiteral("crossOrigin"));
    m_crossOrigin->setAccessibleName(tr("crossorigin attribute"));
    m_crossOrigin->addItem(tr("no crossorigin"), int(CrossOrigin::Absent));
    m_crossOrigin->addItem(tr("crossorigin=anonymous"), int(CrossOrigin::Anonymous));
    m_crossOrigin->addItem(tr("crossorigin=use-credentials"), int(CrossOrigin::UseCredentials));
    connect(m_resourceType, &QComboBox::currentIndexChanged, this, [this] { updateKindFields(); });
    updateKindFields();

    m_browser->setObjectName(QStringLiteral("browser"));
    m_browser->setAccessibleName(tr("Browser"));
    for (SendSession *session : m_sessions)
        m_browser->addItem(session->profile().displayName, session->profile().id);
    connect(m_browser, &QComboBox::currentIndexChanged, this, [this] { emit browserChanged(browserId()); });

    auto *headerLexer = new HeaderLexer(m_headers);
    m_headers->setLexer(headerLexer);
    new HeaderNameCompletion(headerLexer, commonRequestHeaders);
    m_headers->setAutoCompletionSource(QsciScintilla::AcsAPIs);
    m_headers->setAutoCompletionThreshold(2);
    m_headers->setAutoCompletionCaseSensitivity(false);
    connect(m_headers, &QsciScintilla::textChanged, this, &RequestBuilder::updateBodyLexer);

    for (QsciScintilla *editor : {m_responseHeaders, m_preflightHeaders}) {
        auto *lexer = new HeaderLexer(editor);
        editor->setLexer(lexer);
        new HeaderNameCompletion(lexer, commonResponseHeaders);
        editor->setAutoCompletionSource(QsciScintilla::AcsAPIs);
        editor->setAutoCompletionThreshold(2);
        editor->setAutoCompletionCaseSensitivity(false);
    }

    m_offline->setObjectName(QStringLiteral("offline"));
    m_offline->setToolTip(tr("Evaluate against response headers copied from DevTools; nothing is sent"));
    connect(m_offline, &QCheckBox::toggled, this, [this](bool on) {
        m_offlinePane->setVisible(on);
        m_cancel->setVisible(!on); // nothing to cancel: offline explanations are immediate
        updateRunButton();
    });

    m_run->setObjectName(QStringLiteral("run"));
    m_run->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setEnabled(false);
    connect(m_run, &QPushButton::clicked, this, &RequestBuilder::run);
    connect(m_cancel, &QPushButton::clicked, this, &RequestBuilder::cancel);
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &RequestBuilder::run);
    }

    // Issue 19: a result under a changed form is read as the new request's unless it says not.
    const auto formChanged = [this] {
        if (!isSending())
            m_explanation->setStale(tr("the form changed since this result. Send (Ctrl+Return) to see the "
                                       "verdict for what the form says now."));
    };
    connect(m_url, &QLineEdit::textChanged, this, formChanged);
    for (QComboBox *box : {m_method, m_origin})
        connect(box, &QComboBox::currentTextChanged, this, formChanged);
    for (QComboBox *box : {m_credentials, m_mode, m_resourceType, m_crossOrigin, m_browser})
        connect(box, &QComboBox::currentIndexChanged, this, formChanged);
    for (QsciScintilla *editor : {m_headers, m_body, m_responseHeaders, m_preflightHeaders})
        connect(editor, &QsciScintilla::textChanged, this, formChanged);
    connect(m_offline, &QCheckBox::toggled, this, formChanged);

    connect(m_explanation, &ExplanationView::tryFixRequested, this, &RequestBuilder::tryFix);
    connect(m_explanation, &ExplanationView::untriedResultRequested, this,
            &RequestBuilder::showUntriedResult);

    m_status->setObjectName(QStringLiteral("builderStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    for (SendSession *session : m_sessions) {
        connect(session, &SendSession::finished, this,
                [this, session](const SendResult &result) { onFinished(session, result); });
        connect(session, &QObject::destroyed, this, [this, session] {
            // A session gone with a fetch in flight never reports it: stop waiting.
            if (m_pendingId != 0 && (m_pendingSession.isNull() || m_pendingSession == session)) {
                m_pendingId = 0;
                setSending(false);
            }
            const auto index = m_sessions.indexOf(session);
            m_sessions.removeAt(index);
            m_browser->removeItem(static_cast<int>(index));
        });
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    auto *methodRow = new QHBoxLayout;
    methodRow->addWidget(m_method);
    methodRow->addWidget(new QLabel(tr("Mode:"), this));
    methodRow->addWidget(m_mode);
    methodRow->addWidget(new QLabel(tr("Credentials:"), this));
    methodRow->addWidget(m_credentials);
    methodRow->addStretch();
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_resourceType);
    kindRow->addWidget(m_crossOrigin);
    kindRow->addStretch();
    auto *methodLabel = new QLabel(tr("&Method:"), this);
    methodLabel->setBuddy(m_method);
    form->addRow(methodLabel, methodRow);
    auto *kindLabel = new QLabel(tr("&Made by:"), this);
    kindLabel->setBuddy(m_resourceType);
    form->addRow(kindLabel, kindRow);
    form->addRow(tr("&Origin:"), m_origin);
    form->addRow(tr("&Browser:"), m_browser);

    auto *offlineLayout = new QVBoxLayout(m_offlinePane);
    offlineLayout->setContentsMargins(0, 0, 0, 0);
    offlineLayout->addWidget(
        new QLabel(tr("Response headers seen in DevTools (status line optional):"), this));
    offlineLayout->addWidget(m_responseHeaders, 2);
    offlineLayout->addWidget(
        new QLabel(tr("Preflight (OPTIONS) response headers, if it answered differently:"), this));
    offlineLayout->addWidget(m_preflightHeaders, 1);
    m_offlinePane->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_offline);
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_run);

    auto *formPane = new QWidget(this);
    auto *builderLayout = new QVBoxLayout(formPane);
    builderLayout->setContentsMargins(0, 0, 0, 0);
    builderLayout->addLayout(form);
    auto *headersLabel = new QLabel(tr("Request hea&ders (Name: value per line):"), this);
    headersLabel->setBuddy(m_headers);
    builderLayout->addWidget(headersLabel);
    builderLayout->addWidget(m_headers, 2);
    auto *bodyLabel = new QLabel(tr("Request bod&y:"), this);
    bodyLabel->setBuddy(m_body);
    builderLayout->addWidget(bodyLabel);
    builderLayout->addWidget(m_body, 2);
    builderLayout->addWidget(m_offlinePane, 4);
    // The form scrolls when the window is low; Send and the status below it never do.
    auto *formScroll = new FormScrollArea(formPane, this);
    auto *builderPane = new QWidget(this);
    auto *paneLayout = new QVBoxLayout(builderPane);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    paneLayout->addWidget(formScroll, 1);
    paneLayout->addLayout(buttons);
    paneLayout->addWidget(m_status);

    m_split->setObjectName(QStringLiteral("requestSplitter"));
    m_split->addWidget(builderPane);
    m_split->addWidget(m_explanation);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);
    m_split->restoreState(m_settings.value(splitterKey).toByteArray());
    connect(m_split, &QSplitter::splitterMoved, this,
            [this] { m_settings.setValue(splitterKey, m_split->saveState()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_split);
    updateRunButton();
}

RequestBuilder::~RequestBuilder()
{
    if (!isSending())
        return;
    // abort() reports finished() at once; this half-destroyed builder must not hear it.
    disconnect(m_pendingSession, nullptr, this, nullptr);
    m_pendingSession->abort(m_pendingId);
}

QsciScintilla *RequestBuilder::createEditor(const QString &objectName, const QString &accessibleName)
{
    auto *editor = new QsciScintilla(this);
    editor->setObjectName(objectName);
    editor->setAccessibleName(accessibleName);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setMarginWidth(1, 0);
    editor->setWrapMode(QsciScintilla::WrapWord);
    editor->setUtf8(true);
    editor->setMinimumHeight(60);
    return editor;
}

std::optional<FetchRequest> RequestBuilder::request(QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    FetchRequest request;
    request.url = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    const auto type = static_cast<ResourceType>(m_resourceType->currentData().toInt());
    const bool socketUrl = WebSocketHandshake::isSocketScheme(request.url);
    if (!request.url.isValid() || request.url.host().isEmpty() ||
        (request.url.scheme() != QLatin1String("http") && request.url.scheme() != QLatin1String("https") &&
         !socketUrl))
        return fail(tr("Enter an http://, https://, ws:// or wss:// URL."));
    if (socketUrl && type != ResourceType::WebSocket)
        return fail(tr("A ws:// or wss:// URL is a WebSocket: choose the WebSocket kind."));

    const QString originText = m_origin->currentText().trimmed();
    if (originText != QLatin1String("null")) {
        QString originError;
        request.origin = Origin::parse(originText, &originError);
        if (!originError.isEmpty())
            return fail(tr("Origin: %1").arg(originError));
    }

    request.method = m_method->currentText().trimmed().toUtf8();
    if (request.method.isEmpty() || !HeaderBlockParser::isFieldName(request.method))
        return fail(tr("Enter a method, e.g. GET."));

    const HeaderBlock headers =
        HeaderBlockParser::parse(m_headers->text(), HeaderBlockParser::StatusLine::NotAllowed);
    if (!headers.ok())
        return fail(tr("Request headers, line %1: %2")
                        .arg(headers.problems.constFirst().line + 1)
                        .arg(headers.problems.constFirst().message));
    request.headers = headers.headers;
    if (!m_body->text().isEmpty())
        request.body = m_body->text().toUtf8();
    request.credentials = static_cast<CredentialsMode>(m_credentials->currentData().toInt());
    request.mode = static_cast<RequestMode>(m_mode->currentData().toInt());
    if (type == ResourceType::WebSocket && (request.method != "GET" || !request.headers.isEmpty() || request.body))
        return fail(tr("A WebSocket handshake is always a GET without a body or custom headers."));
    // [html] an element fetches with GET, without a body or page-set headers.
    if (isElementKind(type) && (request.method != "GET" || !request.headers.isEmpty() || request.body))
        return fail(
            tr("%1 always sends a GET without a body or custom headers.").arg(m_resourceType->currentText()));
    applyResourceType(request, type, static_cast<CrossOrigin>(m_crossOrigin->currentData().toInt()));
    return request;
}

void RequestBuilder::updateKindFields()
{
    const auto type = static_cast<ResourceType>(m_resourceType->currentData().toInt());
    m_mode->setEnabled(type == ResourceType::Fetch);
    m_credentials->setEnabled(!isElementKind(type) && type != ResourceType::WebSocket);
    m_crossOrigin->setEnabled(isElementKind(type) && type != ResourceType::Font && type != ResourceType::Worker);
}

void RequestBuilder::setRequest(const FetchRequest &request)
{
    m_url->setText(request.url.toString());
    m_method->setCurrentText(QString::fromUtf8(request.method));
    m_origin->setCurrentText(request.origin.toString());
    m_credentials->setCurrentIndex(m_credentials->findData(int(request.credentials)));
    m_mode->setCurrentIndex(m_mode->findData(int(request.mode)));
    m_resourceType->setCurrentIndex(m_resourceType->findData(int(request.resourceType)));
    m_crossOrigin->setCurrentIndex(m_crossOrigin->findData(int(request.crossOrigin)));
    m_headers->setText(HeaderBlockParser::format(request.headers));
    m_body->setText(request.body ? QString::fromUtf8(*request.body) : QString());
}

bool RequestBuilder::importCurl(const QString &command)
{
    CurlParseError error;
    const std::optional<CurlImport> imported = CopiedRequest::parse(command, &error);
    if (!imported) {
        setStatus(
            tr("Not a cURL command, nor DevTools' Copy as PowerShell or fetch: %1").arg(error.toString()),
            true);
        return false;
    }
    const QString origin = m_origin->currentText();
    setRequest(imported->request);
    QString message = tr("Imported the %1 copy.").arg(CopiedRequest::formatName(imported->format));
    if (imported->originMissing) {
        // The copy does not say which page made the request: the origin the user had stays.
        m_origin->setCurrentText(origin);
        message += QLatin1Char(' ') + tr("It does not name the page's origin: check the Origin field.");
    }
    if (!imported->warnings.isEmpty())
        message += QLatin1Char(' ') + imported->warnings.join(QLatin1Char(' '));
    setStatus(message, false);
    return true;
}

void RequestBuilder::showEntry(const SessionEntry &entry)
{
    setRequest(entry.request());
    selectBrowser(entry.browser);
    // A tried fix's answers are Corscope's rewrite, not what DevTools showed: the pasted headers
    // stay as they are.
    if (entry.kind == SessionEntry::Kind::Offline && !entry.triedFix) {
        m_preflightHeaders->clear();
        for (const ScenarioResponse &answer : entry.scenario.responses) {
            QsciScintilla *editor = answer.method == "OPTIONS" ? m_preflightHeaders : m_responseHeaders;
            editor->setText(formatResponse(answer.response));
        }
    }
    setOffline(entry.kind == SessionEntry::Kind::Offline);
    showEvaluation(entry);
    if (isSending()) {
        // Both panes switch to the entry; say where the request still in flight went.
        m_formShowsPending = false;
        setStatus(tr("Showing an earlier request from History; %1 %2 is still being sent and will be "
                     "added to History when it ends.")
                      .arg(QString::fromUtf8(m_pendingRequest.method), m_pendingRequest.url.toString()),
                  false);
    }
}

void RequestBuilder::selectBrowser(const QString &id)
{
    const int index = m_browser->findData(id);
    if (index >= 0)
        m_browser->setCurrentIndex(index);
}

QString RequestBuilder::browserId() const
{
    return m_browser->currentData().toString();
}

SendSession *RequestBuilder::currentSession() const
{
    const int index = m_browser->currentIndex();
    return index >= 0 && index < m_sessions.size() ? m_sessions.at(index) : nullptr;
}

bool RequestBuilder::isOffline() const
{
    return m_offline->isChecked();
}

void RequestBuilder::setOffline(bool offline)
{
    m_offline->setChecked(offline);
}

QString RequestBuilder::statusText() const
{
    return m_status->text();
}

void RequestBuilder::run()
{
    if (isOffline())
        explainOffline();
    else
        send();
}

void RequestBuilder::send()
{
    if (isSending())
        return;
    QString error;
    const std::optional<FetchRequest> built = request(&error);
    SendSession *session = currentSession();
    if (!built || !session) {
        setStatus(error, true);
        m_explanation->setStale(
            tr("the form has an error (%1); this is the result of the last request that could be made.").arg(error));
        return;
    }
    rememberOrigin(m_origin->currentText().trimmed());
    m_explanation->setStale(tr("%1 %2 is being sent; this is the result before it.")
                                .arg(QString::fromUtf8(built->method), built->url.toString()));
    m_pendingRequest = *built;
    m_pendingSession = session;
    m_pendingTrial = false;
    m_cancelRequested = false;
    m_formShowsPending = true;
    m_pendingId = session->send(*built);
    setSending(true);
    setStatus(tr("Sending %1 %2…").arg(QString::fromUtf8(built->method), built->url.toString()), false);
}

void RequestBuilder::cancel()
{
    if (!isSending())
        return;
    m_cancelRequested = true;
    m_pendingSession->abort(m_pendingId);
}

void RequestBuilder::onFinished(SendSession *session, const SendResult &result)
{
    if (session != m_pendingSession || result.id != m_pendingId)
        return;
    m_pendingId = 0;
    m_pendingSession = nullptr;
    setSending(false);
    const bool trial = std::exchange(m_pendingTrial, false);
    const SessionEntry entry =
        trial ? FixTrial::entryFor(m_pendingRequest, result, session->profile().id)
              : SessionEntry::fromSendResult(m_pendingRequest, result, session->profile().id);
    const bool networkError = result.evaluation.failure.error == CorsError::NetworkError;
    std::optional<NetworkFailure> failure;
    if (networkError) {
        failure.emplace();
        failure->cancelled = m_cancelRequested;
        if (!result.exchanges.isEmpty() && result.exchanges.constLast().error)
            failure->netError = chromiumNetError(*result.exchanges.constLast().error);
    }
    const QString what = QStringLiteral("%1 %2").arg(QString::fromUtf8(m_pendingRequest.method),
                                                     m_pendingRequest.url.toString());
    QString status;
    if (failure && failure->cancelled)
        status = tr("Cancelled %1.").arg(what);
    else if (failure)
        status = tr("%1 failed: %2 — a network error, not a CORS problem.")
                     .arg(what, result.evaluation.failure.hint.isEmpty()
                                    ? failure->netError
                                    : QString::fromUtf8(result.evaluation.failure.hint));
    else if (trial)
        status = tr("Fix tried in %1 ms: the server's responses were rewritten by Corscope; the server is "
                    "unchanged.")
                     .arg(result.durationMs);
    else
        status = tr("Done in %1 ms, %2 request(s) on the wire.")
                     .arg(result.durationMs)
                     .arg(result.exchanges.size());
    m_cancelRequested = false;
    if (m_formShowsPending) {
        setStatus(status, failure && !failure->cancelled);
        showEvaluation(entry, failure);
    } else {
        // The form shows a History entry the user picked meanwhile: keep both panes on it.
        setStatus(tr("%1 It is in History; the form and result still show the entry you picked.").arg(status),
                  false);
    }
    m_formShowsPending = false;
    emit entryCompleted(entry);
}

void RequestBuilder::explainOffline()
{
    QString error;
    const std::optional<FetchRequest> built = request(&error);
    const BrowserProfile *profile = BrowserProfile::byId(browserId());
    if (!built || !profile) {
        setStatus(error, true);
        m_explanation->setStale(
            tr("the form has an error (%1); this is the result of the last request that could be made.").arg(error));
        return;
    }
    const auto readResponse = [this](QsciScintilla *editor, const QString &what, HttpResponse *into) -> bool {
        const HeaderBlock block =
            HeaderBlockParser::parse(editor->text(), HeaderBlockParser::StatusLine::Allowed);
        if (!block.ok()) {
            const QString problem = tr("%1, line %2: %3")
                                        .arg(what)
                                        .arg(block.problems.constFirst().line + 1)
                                        .arg(block.problems.constFirst().message);
            setStatus(problem, true);
            m_explanation->setStale(
                tr("the pasted response has an error (%1); this is the last result that could be made.").arg(problem));
            return false;
        }
        into->status = block.status ? block.status : 200;
        into->statusText = block.statusText;
        into->headers = block.headers;
        return true;
    };
    HttpResponse actual;
    if (!readResponse(m_responseHeaders, tr("Response headers"), &actual))
        return;
    std::optional<HttpResponse> preflight;
    if (!m_preflightHeaders->text().trimmed().isEmpty()) {
        preflight.emplace();
        if (!readResponse(m_preflightHeaders, tr("Preflight response headers"), &*preflight))
            return;
    }
    rememberOrigin(m_origin->currentText().trimmed());
    const SessionEntry entry = SessionEntry::explainOffline(*built, preflight, actual, *profile,
                                                            QDateTime::currentMSecsSinceEpoch());
    setStatus(tr("Explained offline; nothing was sent."), false);
    showEvaluation(entry);
    emit entryCompleted(entry);
}

void RequestBuilder::showEvaluation(const SessionEntry &entry, const std::optional<NetworkFailure> &failure)
{
    std::optional<FixPlan> fix;
    const BrowserProfile *profile = BrowserProfile::byId(entry.browser);
    // A network error has no server header to change: no fix to offer.
    if (!entry.evaluation.allowed() && profile && entry.evaluation.failure.error != CorsError::NetworkError)
        fix = FixAdvisor::minimalFix(entry.scenario, 0, *profile);
    m_explanation->setEvaluation(entry.evaluation, fix, entry.phases, failure);
    m_explanation->setSubject(subjectFor(entry));
    if (entry.triedFix)
        m_explanation->setTriedFix(
            entry.rewrittenHeaders,
            m_untriedEntry && m_untriedEntry->request().method == entry.request().method &&
                m_untriedEntry->request().url == entry.request().url &&
                m_untriedEntry->request().origin.toString() == entry.request().origin.toString());
    updateTryFix(entry, fix);
}

void RequestBuilder::updateTryFix(const SessionEntry &entry, const std::optional<FixPlan> &fix)
{
    m_shownEntry = entry;
    m_tryRules.reset();
    // A tried fix is tried already. Offline the rules are applied to the pasted headers.
    if (!entry.triedFix && fix)
        m_tryRules = FixTrial::rulesFor(fix, entry.scenario);
    m_explanation->fixPanel()->setTryAvailable(m_tryRules.has_value());
}

void RequestBuilder::tryFix()
{
    if (isSending()) {
        setStatus(tr("A request is still being sent; try the fix when it has finished."), true);
        return;
    }
    if (!m_shownEntry || !m_tryRules)
        return;
    const BrowserProfile *profile = BrowserProfile::byId(m_shownEntry->browser);
    if (!profile)
        return;
    m_untriedEntry = m_shownEntry;
    if (m_shownEntry->kind == SessionEntry::Kind::Offline) {
        // No server to send to: the same rules rewrite the headers pasted from DevTools.
        const std::optional<SessionEntry> tried =
            FixTrial::explainOffline(*m_shownEntry, *m_tryRules, QDateTime::currentMSecsSinceEpoch());
        if (!tried)
            return;
        setStatus(tr("Fix tried on the pasted headers: rewritten by Corscope; nothing was sent."), false);
        showEvaluation(*tried);
        emit entryCompleted(*tried);
        return;
    }
    m_trialSession = std::make_unique<SendSession>(*profile);
    SendSession *trial = m_trialSession.get();
    connect(trial, &SendSession::finished, this,
            [this, trial](const SendResult &result) { onFinished(trial, result); });
    m_pendingRequest = m_shownEntry->request();
    m_pendingSession = trial;
    m_pendingTrial = true;
    m_cancelRequested = false;
    m_formShowsPending = true;
    m_pendingId = trial->send(m_pendingRequest, FixTrial::optionsFor(SendOptions(), *m_tryRules));
    setSending(true);
    setStatus(tr("Trying the fix: sending %1 %2 again with Corscope's rewrite rules…")
                  .arg(QString::fromUtf8(m_pendingRequest.method), m_pendingRequest.url.toString()),
              false);
}

void RequestBuilder::showUntriedResult()
{
    if (!m_untriedEntry)
        return;
    const SessionEntry entry = *m_untriedEntry;
    showEvaluation(entry);
    setStatus(entry.kind == SessionEntry::Kind::Offline
                  ? tr("Showing the pasted headers' result again, without the tried fix.")
                  : tr("Showing the server's real answer again, without the tried fix."),
              false);
}

QString RequestBuilder::subjectFor(const SessionEntry &entry) const
{
    const BrowserProfile *profile = BrowserProfile::byId(entry.browser);
    const QString time = QDateTime::fromMSecsSinceEpoch(entry.timeMs).toString(QStringLiteral("HH:mm:ss"));
    return tr("%1 %2 · %3 · %4 at %5")
        .arg(QString::fromUtf8(entry.request().method), entry.request().url.toString(),
             profile ? profile->displayName : entry.browser,
             entry.kind == SessionEntry::Kind::Offline
                 ? (entry.triedFix ? tr("explained offline with the fix tried by Corscope")
                                   : tr("explained offline"))
                 : (entry.triedFix ? tr("sent with the fix tried by Corscope") : tr("sent")),
             time);
}

void RequestBuilder::pasteCurlFromClipboard()
{
    importCurl(QApplication::clipboard()->text());
}

void RequestBuilder::copyAsCurl()
{
    QString error;
    const std::optional<FetchRequest> built = request(&error);
    if (!built) {
        setStatus(error, true);
        return;
    }
    QApplication::clipboard()->setText(CurlCommand::toCurl(*built));
    setStatus(tr("Copied the request as a cURL command."), false);
}

void RequestBuilder::copyAsFetch()
{
    QString error;
    const std::optional<FetchRequest> built = request(&error);
    if (!built) {
        setStatus(error, true);
        return;
    }
    QApplication::clipboard()->setText(CurlCommand::toFetch(*built));
    setStatus(tr("Copied the request as a fetch() call."), false);
}

void RequestBuilder::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasText())
        event->acceptProposedAction();
}

void RequestBuilder::dropEvent(QDropEvent *event)
{
    if (importCurl(event->mimeData()->text()))
        event->acceptProposedAction();
}

void RequestBuilder::setStatus(const QString &text, bool isError)
{
    m_status->setStyleSheet(isError ? QStringLiteral("color: #cf222e") : QString());
    m_status->setText(text);
}

void RequestBuilder::setSending(bool sending)
{
    m_cancel->setEnabled(sending);
    m_run->setEnabled(!sending);
    m_browser->setEnabled(!sending);
}

void RequestBuilder::rememberOrigin(const QString &origin)
{
    QStringList origins = m_settings.value(recentOriginsKey).toStringList();
    origins.removeAll(origin);
    origins.prepend(origin);
    while (origins.size() > maxRecentOrigins)
        origins.removeLast();
    m_settings.setValue(recentOriginsKey, origins);
    const QSignalBlocker blocker(m_origin);
    m_origin->clear();
    m_origin->addItems(origins);
    m_origin->setCurrentText(origin);
}

void RequestBuilder::updateBodyLexer()
{
    const HeaderBlock headers =
        HeaderBlockParser::parse(m_headers->text(), HeaderBlockParser::StatusLine::NotAllowed);
    const QByteArray type = headers.headers.get("content-type").value_or(QByteArray()).toLower();
    // "application/problem+json", "text/xml; charset=utf-8": the suffix or subtype decides.
    const QString kind = type.contains("json")  ? QStringLiteral("json")
                         : type.contains("xml") ? QStringLiteral("xml")
                                                : QString();
    if (kind == m_bodyLexerKind)
        return;
    m_bodyLexerKind = kind;
    QsciLexer *old = m_body->lexer();
    QsciLexer *lexer = nullptr;
    if (kind == QLatin1String("json"))
        lexer = new QsciLexerJSON(m_body);
    else if (kind == QLatin1String("xml"))
        lexer = new QsciLexerXML(m_body);
    if (lexer)
        lexer->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLexer(lexer);
    if (!lexer)
        m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    delete old;
}

void RequestBuilder::updateRunButton()
{
    m_run->setText(isOffline() ? tr("Ex&plain") : tr("&Send"));
    m_run->setToolTip(isOffline() ? tr("Explain against the pasted headers (Ctrl+Return)")
                                  : tr("Send the request for real, preflight first (Ctrl+Return)"));
}

} // namespace Corscope
