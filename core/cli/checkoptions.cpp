#include "cli/checkoptions.h"

#include "cors/corssafelist.h"
#include "cors/websockethandshake.h"
#include "fix/snippetrenderer.h"
#include "sender/copiedrequest.h"

#include <QCommandLineParser>

namespace Corscope {

std::optional<CheckOptions> CheckOptionsParser::parse(Command command, const QStringList &arguments,
                                                      QString *error, QString *helpText)
{
    const bool compare = command == Command::Compare;
    const QString name = compare ? QStringLiteral("compare") : QStringLiteral("check");
    QCommandLineParser parser;
    if (compare) {
        parser.setApplicationDescription(
            tr("Sends the same request, as the browser would, to two base URLs (say the "
               "origin server and the CDN in front of it) and shows both verdicts and "
               "how their response headers differ."));
        parser.addPositionalArgument(QStringLiteral("URL_A"), tr("The first URL."));
        parser.addPositionalArgument(QStringLiteral("URL_B"), tr("The second URL."));
    } else {
        parser.setApplicationDescription(
            tr("Sends a request to a real server exactly as the chosen browser would "
               "(preflight first) and reports what the browser decides."));
        parser.addPositionalArgument(QStringLiteral("URL"),
                                     tr("The URL the page fetches (optional with --curl)."));
    }
    const QCommandLineOption origin(QStringLiteral("origin"),
                                    tr("The page's origin, e.g. https://app.example."),
                                    QStringLiteral("ORIGIN"));
    const QCommandLineOption method(QStringLiteral("X"),
                                    tr("The method, exactly as the page writes it (default GET)."),
                                    QStringLiteral("METHOD"));
    const QCommandLineOption header(QStringLiteral("H"), tr("A request header the page sets; repeatable."),
                                    QStringLiteral("Name: value"));
    const QCommandLineOption data(QStringLiteral("d"),
                                  tr("A string body, as fetch(url, {body}); without a "
                                     "Content-Type the browser sends text/plain;charset=UTF-8."),
                                  QStringLiteral("DATA"));
    const QCommandLineOption credentials(QStringLiteral("credentials"),
                                         tr("omit, same-origin (default) or include."),
                                         QStringLiteral("MODE"), QStringLiteral("same-origin"));
    const QCommandLineOption mode(QStringLiteral("mode"), tr("cors (default), no-cors or same-origin."),
                                  QStringLiteral("MODE"), QStringLiteral("cors"));
    const QCommandLineOption resourceType(
        QStringLiteral("resource-type"),
        tr("What makes the request, as DevTools' resource type: fetch (default), xhr, script, "
           "module, stylesheet, image, font, eventsource, worker (new Worker(), classic or module) or "
           "websocket. It sets the request's mode and credentials as the browser does; websocket sends "
           "the opening handshake instead (ws:// and wss:// URLs too) and reports whether the server "
           "accepted the Origin."),
        QStringLiteral("TYPE"), QStringLiteral("fetch"));
    const QCommandLineOption crossOrigin(QStringLiteral("crossorigin"),
                                         tr("The element's crossorigin attribute (script, module, "
                                            "stylesheet, image): anonymous or use-credentials; "
                                            "absent when not given."),
                                         QStringLiteral("VALUE"));
    const QCommandLineOption workerType(QStringLiteral("worker-type"),
                                        tr("For --resource-type worker: classic (default) or module, as "
                                           "new Worker(url, {type}); a module worker's script must be "
                                           "JavaScript in every browser."),
                                        QStringLiteral("TYPE"));
    const QCommandLineOption reconnect(QStringLiteral("reconnect"),
                                       tr("For --resource-type eventsource: after the stream ends, reconnect "
                                          "once as the browser does (with Last-Event-ID) and check that "
                                          "request too."));
    const QCommandLineOption browser(QStringLiteral("browser"), tr("chromium (default) or firefox."),
                                     QStringLiteral("BROWSER"), QStringLiteral("chromium"));
    const QCommandLineOption repeat(QStringLiteral("repeat"),
                                    tr("Perform the same fetch() N times sharing one "
                                       "preflight cache (default 1)."),
                                    QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption interval(QStringLiteral("interval-ms"),
                                      tr("Milliseconds between repeated fetches "
                                         "(default 0)."),
                                      QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    tr("text (default), json (one object per fetch, JSON "
                                       "Lines) or junit."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption curl(QStringLiteral("curl"),
                                  tr("A request copied from DevTools: \"Copy as cURL\" (bash or "
                                     "cmd), \"Copy as PowerShell\", \"Copy as fetch\" or \"Copy as "
                                     "fetch (Node.js)\"; other options override what it says."),
                                  QStringLiteral("COMMAND"));
    const QCommandLineOption caFile(QStringLiteral("cacert"), tr("Trust the CA certificates in FILE (PEM)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
                                      tr("Do not verify TLS certificates (reported loudly)."));
    const QCommandLineOption proxy(QStringLiteral("proxy"),
                                   tr("Send through this proxy, e.g. http://127.0.0.1:8080."),
                                   QStringLiteral("URL"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"),
                                     tr("Give up on an exchange after MS milliseconds "
                                        "(default 30000)."),
                                     QStringLiteral("MS"), QStringLiteral("30000"));
    const QCommandLineOption fix(QStringLiteral("fix"),
                                 tr("When blocked, print the fix as this server's configuration; "
                                    "repeatable: %1.")
                                     .arg(SnippetRenderer::ids().join(QStringLiteral(", "))),
                                 QStringLiteral("SERVER"));
    const QCommandLineOption readHeader(QStringLiteral("read-header"),
                                        tr("A response header the page reads; the fix exposes it. "
                                           "Repeatable."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption tryFix(QStringLiteral("try-fix"),
                                    tr("When blocked, send the request again with the fix applied by "
                                       "Corscope to the server's responses (the proxy's rewrite rules) and "
                                       "report that verdict too. The server is not changed; the exit "
                                       "status stays the real server's."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    parser.addOptions({origin,      method,  header,  data,     credentials, mode, resourceType,
                       crossOrigin, workerType, reconnect, browser, repeat,  interval, format,      curl, caFile,
                       insecure,    proxy,   timeout, fix,      readHeader,  tryFix, help});

    if (!parser.parse(QStringList{QStringLiteral("corscope-cli ") + name} + arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        *helpText = parser.helpText();
        return std::nullopt;
    }
    CheckOptions options;
    FetchRequest &request = options.request;
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(curl)) {
        CurlParseError curlError;
        const std::optional<CurlImport> imported = CopiedRequest::parse(parser.value(curl), &curlError);
        if (!imported) {
            *error = tr("--curl: %1").arg(curlError.toString());
            return std::nullopt;
        }
        request = imported->request;
        options.notes = imported->warnings;
        options.insecure = imported->insecure;
    }
    const int urls = compare ? 2 : 1;
    if (positional.size() > urls ||
        (positional.size() < urls && !(parser.isSet(curl) && positional.isEmpty() && !compare))) {
        *error = compare ? tr("expected URL_A and URL_B") : tr("expected one URL (or --curl)");
        return std::nullopt;
    }
    if (!positional.isEmpty()) {
        request.url = QUrl(positional.first(), QUrl::StrictMode);
        if (!request.url.isValid() || request.url.host().isEmpty()) {
            *error = tr("'%1' is not an absolute URL").arg(positional.first());
            return std::nullopt;
        }
    }
    if (compare) {
        options.compareUrl = QUrl(positional.at(1), QUrl::StrictMode);
        if (!options.compareUrl.isValid() || options.compareUrl.host().isEmpty()) {
            *error = tr("'%1' is not an absolute URL").arg(positional.at(1));
            return std::nullopt;
        }
    }
    if (parser.isSet(origin)) {
        QString originError;
        request.origin = Origin::parse(parser.value(origin), &originError);
        if (!originError.isEmpty()) {
            *error = tr("--origin: %1").arg(originError);
            return std::nullopt;
        }
    } else if (parser.isSet(curl) && request.origin.isOpaque()) {
        // The copy named no origin (CurlImport::originMissing); --origin was not given either.
        *error = tr("--origin is required: the copied request does not name the page's origin");
        return std::nullopt;
    } else if (!parser.isSet(curl)) {
        *error = tr("--origin is required: the origin of the page that makes the request");
        return std::nullopt;
    }
    if (parser.isSet(method))
        request.method = parser.value(method).toUtf8();
    for (const QString &line : parser.values(header)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            *error = tr("-H '%1': expected 'Name: value'").arg(line);
            return std::nullopt;
        }
        request.headers.append(line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8());
    }
    // As with fetch(), not curl: a body does not change the default method, so -d without -X is
    // a GET with a body, which fetch() refuses; the report says so.
    if (parser.isSet(data))
        request.body = parser.value(data).toUtf8();
    if (parser.isSet(credentials) || !parser.isSet(curl)) {
        const std::optional<CredentialsMode> value = credentialsModeFromString(parser.value(credentials));
        if (!value) {
            *error = tr("--credentials must be omit, same-origin or include");
            return std::nullopt;
        }
        request.credentials = *value;
    }
    const std::optional<RequestMode> requestMode = requestModeFromString(parser.value(mode));
    if (!requestMode) {
        *error = tr("--mode must be cors, no-cors or same-origin");
        return std::nullopt;
    }
    request.mode = *requestMode;
    std::optional<ResourceType> type = resourceTypeFromString(parser.value(resourceType));
    // A ws:// or wss:// URL is a WebSocket whatever else would be the default.
    if (type && WebSocketHandshake::isSocketScheme(request.url)) {
        if (parser.isSet(resourceType) && *type != ResourceType::WebSocket) {
            *error = tr("a %1:// URL is a WebSocket: --resource-type %2 cannot fetch it")
                         .arg(request.url.scheme(), toString(*type));
            return std::nullopt;
        }
        type = ResourceType::WebSocket;
    }
    if (!type) {
        *error =
            tr("--resource-type must be fetch, xhr, script, module, stylesheet, image, font, eventsource, "
               "worker or websocket");
        return std::nullopt;
    }
    CrossOrigin attribute = CrossOrigin::Absent;
    if (parser.isSet(crossOrigin)) {
        const std::optional<CrossOrigin> value = crossOriginFromString(parser.value(crossOrigin));
        if (!value) {
            *error = tr("--crossorigin must be anonymous or use-credentials");
            return std::nullopt;
        }
        // Only these elements have the attribute that decides their mode; a font's mode is
        // always cors whatever its stylesheet says.
        if (!isElementKind(*type) || *type == ResourceType::Font || *type == ResourceType::Worker) {
            *error = tr("--crossorigin applies to --resource-type script, module, stylesheet or image, "
                        "not %1")
                         .arg(toString(*type));
            return std::nullopt;
        }
        attribute = *value;
    }
    if (*type != ResourceType::Fetch) {
        // The kind decides the mode, and for elements the credentials mode too: a contradicting
        // option would be silently overridden, so it is an error instead.
        if (parser.isSet(mode)) {
            *error = tr("--mode cannot be combined with --resource-type %1: the resource type decides "
                        "the mode")
                         .arg(toString(*type));
            return std::nullopt;
        }
        if (*type == ResourceType::Xhr && parser.isSet(credentials) &&
            request.credentials == CredentialsMode::Omit) {
            *error = tr("--credentials omit is not possible for an XMLHttpRequest: it sends credentials "
                        "with withCredentials (include) and otherwise same-origin");
            return std::nullopt;
        }
        if (*type == ResourceType::WebSocket) {
            // [websockets] the constructor takes a URL and subprotocols, nothing else: no method,
            // header or body, and credentials always go along.
            if (request.method != "GET" || !request.headers.isEmpty() || request.body ||
                parser.isSet(credentials)) {
                *error = tr("--resource-type websocket is always a GET handshake with cookies, without a "
                            "body or custom headers; drop -X, -H, -d and --credentials");
                return std::nullopt;
            }
        }
        if (isElementKind(*type)) {
            if (parser.isSet(credentials)) {
                *error = tr("--credentials cannot be combined with --resource-type %1: use --crossorigin "
                            "use-credentials to send credentials")
                             .arg(toString(*type));
                return std::nullopt;
            }
            // [html] elements fetch with GET, no body and no page-set headers.
            if (request.method != "GET" || !request.headers.isEmpty() || request.body) {
                *error = tr("--resource-type %1 is always a GET without a body or custom headers; drop "
                            "-X, -H and -d")
                             .arg(toString(*type));
                return std::nullopt;
            }
        }
    }
    if (parser.isSet(workerType)) {
        const QString value = parser.value(workerType);
        if (*type != ResourceType::Worker ||
            (value != QLatin1String("classic") && value != QLatin1String("module"))) {
            *error = tr("--worker-type is classic or module, with --resource-type worker");
            return std::nullopt;
        }
        request.moduleWorker = value == QLatin1String("module");
    }
    if (parser.isSet(reconnect)) {
        if (*type != ResourceType::EventSource) {
            *error = tr("--reconnect applies to --resource-type eventsource");
            return std::nullopt;
        }
        request.eventSourceReconnects = true;
    }
    applyResourceType(request, *type, attribute);
    options.profile = BrowserProfile::byId(parser.value(browser));
    if (!options.profile) {
        *error = tr("--browser must be chromium or firefox");
        return std::nullopt;
    }
    bool ok = false;
    options.repeat = parser.value(repeat).toInt(&ok);
    if (!ok || options.repeat < 1 || options.repeat > 10000) {
        *error = tr("--repeat must be a number from 1 to 10000");
        return std::nullopt;
    }
    options.intervalMs = parser.value(interval).toInt(&ok);
    if (!ok || options.intervalMs < 0 || options.intervalMs > 3600000) {
        *error = tr("--interval-ms must be a number of milliseconds, 0 to 3600000");
        return std::nullopt;
    }
    options.timeoutMs = parser.value(timeout).toInt(&ok);
    if (!ok || options.timeoutMs < 1) {
        *error = tr("--timeout-ms must be a positive number of milliseconds");
        return std::nullopt;
    }
    const QString formatName = parser.value(format);
    if (formatName == QLatin1String("text"))
        options.format = ReportFormat::Text;
    else if (formatName == QLatin1String("json"))
        options.format = ReportFormat::Json;
    else if (formatName == QLatin1String("junit"))
        options.format = ReportFormat::Junit;
    else {
        *error = tr("--format must be text, json or junit");
        return std::nullopt;
    }
    for (const QString &server : parser.values(fix)) {
        if (!SnippetRenderer::byId(server)) {
            *error = tr("--fix: unknown server '%1' (%2)")
                         .arg(server, SnippetRenderer::ids().join(QStringLiteral(", ")));
            return std::nullopt;
        }
        if (!options.fixServers.contains(server))
            options.fixServers << server;
    }
    for (const QString &headerName : parser.values(readHeader)) {
        if (!CorsSafelist::isToken(headerName.toUtf8())) {
            *error = tr("--read-header: '%1' is not a header name").arg(headerName);
            return std::nullopt;
        }
        options.readHeaders << headerName.toUtf8();
    }
    if (parser.isSet(tryFix) && command != Command::Check) {
        *error = tr("--try-fix is an option of check");
        return std::nullopt;
    }
    options.tryFix = parser.isSet(tryFix);
    options.caFile = parser.value(caFile);
    options.insecure = options.insecure || parser.isSet(insecure);
    options.proxy = parser.value(proxy);
    return options;
}

} // namespace Corscope
