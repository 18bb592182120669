#include "scenarioserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

// Resources of a static library are only linked in when something references them.
static void initHarnessResources()
{
    Q_INIT_RESOURCE(harness);
}

namespace CorscopeTest {

namespace {

// Large enough for any browser request head, small enough that garbage cannot grow unbounded.
constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 16 * 1024 * 1024;

const QString kHarnessPrefix = QStringLiteral("/__harness/");

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// RFC 9110 OWS is only SP and HTAB; QByteArray::trimmed() would also eat \v and \f.
QByteArray trimOws(const QByteArray &value)
{
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && (value[begin] == ' ' || value[begin] == '\t'))
        ++begin;
    while (end > begin && (value[end - 1] == ' ' || value[end - 1] == '\t'))
        --end;
    return value.mid(begin, end - begin);
}

bool isTokenChar(char c)
{
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

bool statusHasNoBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

bool hasHeader(const RawHeaders &headers, const char *name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray headerValue(const RawHeaders &headers, const char *name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

// [rfc6455] 5.2: an unmasked frame from the server (FIN set), payloads below 64 KiB.
QByteArray webSocketFrame(quint8 opcode, const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    if (payload.size() < 126) {
        frame.append(char(payload.size()));
    } else {
        frame.append(char(126));
        frame.append(char((payload.size() >> 8) & 0xff));
        frame.append(char(payload.size() & 0xff));
    }
    return frame + payload;
}

// The request-target a browser sends for `url` (origin-form), without fragment.
QByteArray targetOf(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return target;
}

QByteArray stripFragment(const QByteArray &target)
{
    const qsizetype hash = target.indexOf('#');
    return hash < 0 ? target : target.left(hash);
}

QByteArray pathOf(const QByteArray &target)
{
    const qsizetype q = target.indexOf('?');
    return stripFragment(q < 0 ? target : target.left(q));
}

QByteArray readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

ScenarioServer::ScenarioServer(QObject *parent)
    : QObject(parent)
{
    initHarnessResources();
}

ScenarioServer::~ScenarioServer() = default;

bool ScenarioServer::start(QString *error)
{
    if (isListening())
        return true;
    QString certificateError;
    if (!m_certificates.isValid() && !m_certificates.create(&certificateError)) {
        if (error)
            *error = QStringLiteral("no TLS certificate for the https hosts: %1").arg(certificateError);
        return false;
    }
    struct Slot {
        QTcpServer **server;
        QString name;
        bool secure;
    };
    const QList<Slot> servers = {
        {&m_page, QStringLiteral("page"), false},    {&m_api, QStringLiteral("api"), false},
        {&m_api2, QStringLiteral("api2"), false},    {&m_securePage, QStringLiteral("page"), true},
        {&m_secureApi, QStringLiteral("api"), true}, {&m_secureApi2, QStringLiteral("api2"), true},
    };
    for (const Slot &slot : servers) {
        QTcpServer *server = nullptr;
        if (slot.secure) {
            auto *tls = new QSslServer(this);
            tls->setSslConfiguration(m_certificates.serverConfiguration());
            // A QSslServer queues a connection only once its handshake is done; newConnection
            // fires before that, pendingConnectionAvailable after.
            connect(tls, &QTcpServer::pendingConnectionAvailable, this,
                    [this, tls, name = slot.name] { onNewConnection(tls, name, true); });
            server = tls;
        } else {
            server = new QTcpServer(this);
            connect(server, &QTcpServer::newConnection, this,
                    [this, server, name = slot.name] { onNewConnection(server, name, false); });
        }
        // Loopback only: the harness must never be reachable from outside this machine.
        if (!server->listen(QHostAddress::LocalHost, 0)) {
            if (error)
                *error = QStringLiteral("cannot listen for %1: %2").arg(slot.name, server->errorString());
            delete server;
            for (const Slot &other : servers) {
                delete *other.server;
                *other.server = nullptr;
            }
            return false;
        }
        *slot.server = server;
    }
    return true;
}

bool ScenarioServer::isListening() const
{
    return m_page && m_api && m_api2 && m_securePage && m_secureApi && m_secureApi2;
}

QString ScenarioServer::pageOrigin() const
{
    return m_page ? QStringLiteral("http://127.0.0.1:%1").arg(m_page->serverPort()) : QString();
}

QString ScenarioServer::apiOrigin() const
{
    return m_api ? QStringLiteral("http://127.0.0.1:%1").arg(m_api->serverPort()) : QString();
}

QString ScenarioServer::api2Origin() const
{
    return m_api2 ? QStringLiteral("http://127.0.0.1:%1").arg(m_api2->serverPort()) : QString();
}

QString ScenarioServer::securePageOrigin() const
{
    return m_securePage ? QStringLiteral("https://127.0.0.1:%1").arg(m_securePage->serverPort()) : QString();
}

QString ScenarioServer::secureApiOrigin() const
{
    return m_secureApi ? QStringLiteral("https://127.0.0.1:%1").arg(m_secureApi->serverPort()) : QString();
}

QString ScenarioServer::secureApi2Origin() const
{
    return m_secureApi2 ? QStringLiteral("https://127.0.0.1:%1").arg(m_secureApi2->serverPort()) : QString();
}

QString ScenarioServer::originFor(const QString &server, bool secure) const
{
    if (server == QLatin1String("page"))
        return secure ? securePageOrigin() : pageOrigin();
    if (server == QLatin1String("api"))
        return secure ? secureApiOrigin() : apiOrigin();
    if (server == QLatin1String("api2"))
        return secure ? secureApi2Origin() : api2Origin();
    return {};
}

QString ScenarioServer::pathPrefix(const QString &scenarioName)
{
    return QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(scenarioName));
}

// ---------------------------------------------------------------------------------------------
// Localization

namespace {
// A placeholder origin, not followed by anything that would make it a different host or add a
// port ("http://api.tester", "http://api.test:81" stay untouched and so fail visibly).
const QRegularExpression &placeholderRe()
{
    static const QRegularExpression re(
        QStringLiteral(R"((https?)://(page|api|api2)\.test(?![A-Za-z0-9.\-_:]))"));
    return re;
}
} // namespace

QString ScenarioServer::localizeOriginsOnly(const QString &value) const
{
    QString out;
    qsizetype last = 0;
    auto it = placeholderRe().globalMatch(value);
    while (it.hasNext()) {
        const auto m = it.next();
        out += value.mid(last, m.capturedStart() - last);
        out += originFor(m.captured(2), m.captured(1) == QLatin1String("https"));
        last = m.capturedEnd();
    }
    out += value.mid(last);
    return out;
}

QString ScenarioServer::localizeUrlString(const QString &value, const QString &prefix) const
{
    // Relative absolute-path references (a Location of "/next") stay on the same host, which
    // only routes the scenario's own prefixed paths.
    if (value.startsWith(QLatin1Char('/')) && !value.startsWith(QLatin1String("//")))
        return prefix + value;
    QString out;
    qsizetype last = 0;
    auto it = placeholderRe().globalMatch(value);
    while (it.hasNext()) {
        const auto m = it.next();
        out += value.mid(last, m.capturedStart() - last);
        out += originFor(m.captured(2), m.captured(1) == QLatin1String("https")) + prefix;
        // A URL with an empty path ("http://api.test", "http://api.test?q") means path "/".
        const qsizetype end = m.capturedEnd();
        if (end >= value.size() || value.at(end) != QLatin1Char('/'))
            out += QLatin1Char('/');
        last = end;
    }
    out += value.mid(last);
    return out;
}

QJsonValue ScenarioServer::localizeValue(const QJsonValue &value, const QString &prefix, bool isUrl) const
{
    switch (value.type()) {
    case QJsonValue::String:
        return isUrl ? localizeUrlString(value.toString(), prefix) : localizeOriginsOnly(value.toString());
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(localizeValue(v, prefix, false));
        return out;
    }
    case QJsonValue::Object: {
        QJsonObject out;
        const QJsonObject obj = value.toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it)
            out.insert(it.key(), localizeValue(it.value(), prefix, false));
        return out;
    }
    default:
        return value;
    }
}

QJsonObject ScenarioServer::localize(const QJsonObject &scenario) const
{
    const QString prefix = pathPrefix(scenario.value(QLatin1String("name")).toString());
    // Everything origins-only first, then the URL-valued fields from the original text.
    QJsonObject out = localizeValue(scenario, prefix, false).toObject();

    QJsonObject request = out.value(QLatin1String("request")).toObject();
    const QJsonObject origRequest = scenario.value(QLatin1String("request")).toObject();
    if (origRequest.contains(QLatin1String("url")))
        request.insert(QLatin1String("url"),
                       localizeValue(origRequest.value(QLatin1String("url")), prefix, true));
    if (!request.isEmpty())
        out.insert(QLatin1String("request"), request);
    // A fetch that overrides the URL (fetches[i].url) must stay under the scenario's prefix too,
    // or its requests would miss every route and go unrecorded.
    if (scenario.contains(QLatin1String("fetches"))) {
        QJsonArray fetches = out.value(QLatin1String("fetches")).toArray();
        const QJsonArray origFetches = scenario.value(QLatin1String("fetches")).toArray();
        for (qsizetype i = 0; i < origFetches.size(); ++i) {
            const QJsonObject orig = origFetches.at(i).toObject();
            if (!orig.contains(QLatin1String("url")))
                continue;
            QJsonObject fetch = fetches.at(i).toObject();
            fetch.insert(QLatin1String("url"), localizeValue(orig.value(QLatin1String("url")), prefix, true));
            fetches[i] = fetch;
        }
        out.insert(QLatin1String("fetches"), fetches);
    }

    const QJsonArray origResponses = scenario.value(QLatin1String("responses")).toArray();
    QJsonArray responses;
    for (const QJsonValue &rv : origResponses) {
        QJsonObject orig = rv.toObject();
        QJsonObject resp = localizeValue(orig, prefix, false).toObject();
        if (orig.contains(QLatin1String("url")))
            resp.insert(QLatin1String("url"), localizeValue(orig.value(QLatin1String("url")), prefix, true));
        QJsonArray headers;
        for (const QJsonValue &hv : orig.value(QLatin1String("headers")).toArray()) {
            QJsonArray pair = hv.toArray();
            const QString name = pair.at(0).toString();
            const bool isUrl = name.compare(QLatin1String("location"), Qt::CaseInsensitive) == 0 ||
                               name.compare(QLatin1String("content-location"), Qt::CaseInsensitive) == 0;
            for (qsizetype i = 0; i < pair.size(); ++i)
                pair[i] = localizeValue(pair.at(i), prefix, isUrl && i == 1);
            headers.append(pair);
        }
        if (orig.contains(QLatin1String("headers")))
            resp.insert(QLatin1String("headers"), headers);
        responses.append(resp);
    }
    if (scenario.contains(QLatin1String("responses")))
        out.insert(QLatin1String("responses"), responses);
    return out;
}

QJsonArray ScenarioServer::localize(const QJsonArray &scenarios) const
{
    QJsonArray out;
    for (const QJsonValue &v : scenarios)
        out.append(localize(v.toObject()));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Run state

void ScenarioServer::setScenarios(const QJsonArray &localizedScenarios)
{
    m_scenarios = localizedScenarios;
    m_scenarioByName.clear();
    for (const QJsonValue &v : localizedScenarios) {
        const QJsonObject s = v.toObject();
        m_scenarioByName.insert(s.value(QLatin1String("name")).toString(), s);
    }
    m_requests.clear();
    m_results.clear();
    m_runnerLog.clear();
    m_runFinished = false;
    m_markScenario.clear();
    m_markFetch = -1;
    m_session.clear();
    m_sessionClaimed = false;
}

QString ScenarioServer::newSession()
{
    m_session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_sessionClaimed = false;
    m_runFinished = false;
    return m_session;
}

QString ScenarioServer::runnerUrl() const
{
    return originFor(QStringLiteral("page"), m_secureRunner) + kHarnessPrefix +
           QStringLiteral("runner.html?session=") + m_session;
}

QList<RecordedRequest> ScenarioServer::recordedRequests(const QString &scenario) const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest &r : m_requests) {
        if (r.scenario == scenario)
            out.append(r);
    }
    return out;
}

QString ScenarioServer::scenarioForPath(const QByteArray &rawPath) const
{
    const QByteArray path = pathOf(rawPath);
    const QByteArray decoded = QByteArray::fromPercentEncoding(path);
    QString best;
    for (auto it = m_scenarioByName.cbegin(); it != m_scenarioByName.cend(); ++it) {
        const QByteArray encodedPrefix = pathPrefix(it.key()).toUtf8();
        const QByteArray decodedPrefix = '/' + it.key().toUtf8();
        const auto under = [](const QByteArray &p, const QByteArray &prefix) {
            return p == prefix || p.startsWith(prefix + '/');
        };
        if ((under(path, encodedPrefix) || under(decoded, decodedPrefix)) && it.key().size() > best.size()) {
            best = it.key();
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------
// Connections and parsing

void ScenarioServer::onNewConnection(QTcpServer *server, const QString &name, bool secure)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        m_connections.insert(socket, Connection{name, secure, {}});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            m_webSockets.remove(socket);
            socket->deleteLater();
        });
        // Data may already be buffered before the connection was picked up.
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

int ScenarioServer::parseRequest(const QByteArray &buffer, Request *request, int *status)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (buffer.size() > kMaxHeadBytes) {
            *status = 431;
            return -1;
        }
        return 0;
    }
    if (headEnd > kMaxHeadBytes) {
        *status = 431;
        return -1;
    }
    *status = 400;
    QList<QByteArray> lines;
    const QByteArray head = buffer.left(headEnd);
    for (qsizetype pos = 0; pos <= head.size();) {
        qsizetype next = head.indexOf("\r\n", pos);
        if (next < 0)
            next = head.size();
        lines.append(head.mid(pos, next - pos));
        pos = next + 2;
    }
    const QList<QByteArray> parts = lines.value(0).split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
        return -1;
    }
    for (char c : parts[0]) {
        if (!isTokenChar(c))
            return -1;
    }
    request->method = parts[0];
    request->target = parts[1];
    request->headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.contains('\r') || line.contains('\n'))
            return -1; // bare CR or LF: not something a browser sends
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return -1; // also rejects obsolete line folding (leading whitespace)
        const QByteArray name = line.left(colon);
        for (char c : name) {
            if (!isTokenChar(c))
                return -1;
        }
        request->headers.append({name, trimOws(line.mid(colon + 1))});
    }
    if (hasHeader(request->headers, "transfer-encoding")) {
        *status = 501; // fetch() with a string body always sends Content-Length
        return -1;
    }
    qint64 length = 0;
    bool seenLength = false;
    for (const auto &h : request->headers) {
        if (h.first.compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const qint64 value = h.second.toLongLong(&ok);
        if (!ok || value < 0 || (seenLength && value != length))
            return -1;
        length = value;
        seenLength = true;
    }
    if (length > kMaxBodyBytes) {
        *status = 413;
        return -1;
    }
    const qsizetype bodyStart = headEnd + 4;
    if (buffer.size() - bodyStart < length)
        return 0;
    request->body = buffer.mid(bodyStart, length);
    return 1;
}

void ScenarioServer::onReadyRead(QTcpSocket *socket)
{
    if (m_webSockets.contains(socket)) {
        onWebSocketData(socket);
        return;
    }
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return; // already answered; ignore anything pipelined after it
    it->buffer += socket->readAll();
    Request request;
    int status = 400;
    const int parsed = parseRequest(it->buffer, &request, &status);
    if (parsed == 0)
        return;
    const QString server = it->server;
    const bool secure = it->secure;
    // One request per connection: every answer carries "Connection: close".
    m_connections.erase(it);
    if (parsed < 0) {
        Response error;
        error.status = status;
        writeResponse(socket, QByteArray(), error);
    } else {
        const Response response = handle(server, secure, request);
        writeResponse(socket, request.method, response);
        if (response.status == 101 &&
            headerValue(request.headers, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
            socket->write(webSocketFrame(0x1, "corscope-probe"));
            m_webSockets.insert(socket, QByteArray());
            return;
        }
    }
    socket->disconnectFromHost();
}

void ScenarioServer::onWebSocketData(QTcpSocket *socket)
{
    QByteArray &buffer = m_webSockets[socket];
    buffer += socket->readAll();
    // [rfc6455] 5.2, 5.3: every client frame is masked; short frames are all the pages send.
    while (buffer.size() >= 2) {
        const quint8 opcode = quint8(buffer.at(0)) & 0x0f;
        const bool masked = quint8(buffer.at(1)) & 0x80;
        qsizetype length = quint8(buffer.at(1)) & 0x7f;
        qsizetype pos = 2;
        if (length == 126) {
            if (buffer.size() < 4)
                return;
            length = (qsizetype(quint8(buffer.at(2))) << 8) | quint8(buffer.at(3));
            pos = 4;
        } else if (length == 127) {
            socket->disconnectFromHost(); // no page here sends 64 KiB
            return;
        }
        const qsizetype maskAt = pos;
        if (masked)
            pos += 4;
        if (buffer.size() < pos + length)
            return;
        QByteArray payload = buffer.mid(pos, length);
        if (masked) {
            for (qsizetype i = 0; i < payload.size(); ++i)
                payload[i] = char(payload.at(i) ^ buffer.at(maskAt + i % 4));
        }
        buffer.remove(0, pos + length);
        if (opcode == 0x1) {
            socket->write(webSocketFrame(0x1, payload)); // echo: the page proves it can send
        } else if (opcode == 0x8) {
            socket->write(webSocketFrame(0x8, payload.left(2)));
            m_webSockets.remove(socket);
            socket->disconnectFromHost();
            return;
        }
    }
}

void ScenarioServer::writeResponse(QTcpSocket *socket, const QByteArray &method, const Response &response)
{
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    // Scenario headers verbatim, in order, duplicates and odd values included.
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    const bool noBody = statusHasNoBody(response.status);
    if (!noBody && !hasHeader(response.headers, "content-length"))
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (!hasHeader(response.headers, "connection"))
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!noBody && method != "HEAD")
        out += response.body;
    socket->write(out);
}

// ---------------------------------------------------------------------------------------------
// Routing

ScenarioServer::Response ScenarioServer::handle(const QString &server, bool secure, const Request &request)
{
    const QByteArray path = pathOf(request.target);
    if (path.startsWith(kHarnessPrefix.toUtf8()))
        return handleHarness(server, secure, request, path);
    return handleScenario(server, secure, request);
}

ScenarioServer::Response ScenarioServer::handleHarness(const QString &server, bool secure,
                                                       const Request &request, const QByteArray &path)
{
    Response r;
    const auto json = [&r](int status, const QJsonDocument &doc) {
        r.status = status;
        r.headers = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
        r.body = doc.toJson(QJsonDocument::Compact);
    };
    const auto file = [&r](const QString &resource, const QByteArray &type) {
        r.body = readResource(resource);
        r.status = r.body.isEmpty() ? 500 : 200;
        r.headers = {{"Content-Type", type}, {"Cache-Control", "no-store"}};
    };
    const QByteArray name = path.mid(kHarnessPrefix.size());

    // The frame page and script are served by every origin so the runner can fetch from an
    // api.test (or opaque) origin inside an iframe.
    if (name == "frame.html" && request.method == "GET") {
        file(QStringLiteral(":/corscope-harness/frame.html"), "text/html; charset=utf-8");
        return r;
    }
    if (name == "harness.js" && request.method == "GET") {
        file(QStringLiteral(":/corscope-harness/harness.js"), "text/javascript; charset=utf-8");
        return r;
    }
    if (server != QLatin1String("page"))
        return r; // 404

    if (name == "runner.html" && request.method == "GET") {
        file(QStringLiteral(":/corscope-harness/runner.html"), "text/html; charset=utf-8");
        if (m_sessionCookie)
            r.headers.append(
                {QByteArray("Set-Cookie"), QByteArray("corscope-session=1; Path=/; SameSite=None; Secure")});
        return r;
    }
    if (name == "scenarios" && request.method == "GET") {
        const QUrlQuery query(QUrl::fromEncoded("http://x" + request.target));
        const QString session = query.queryItemValue(QStringLiteral("session"));
        if (m_session.isEmpty() || session != m_session || m_sessionClaimed) {
            json(409, QJsonDocument(QJsonObject{
                          {QStringLiteral("error"), QStringLiteral("stale or claimed session")}}));
            return r;
        }
        m_sessionClaimed = true;
        // The runner's own origin and its frames' are of the scheme it was loaded over.
        json(200, QJsonDocument(QJsonObject{
                      {QStringLiteral("scenarios"), m_scenarios},
                      {QStringLiteral("pageOrigin"), originFor(QStringLiteral("page"), secure)},
                      {QStringLiteral("apiOrigin"), originFor(QStringLiteral("api"), secure)},
                      {QStringLiteral("api2Origin"), originFor(QStringLiteral("api2"), secure)}}));
        return r;
    }
    if (request.method != "POST")
        return r;

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonObject body = doc.object();
    if (name == "log") {
        m_runnerLog.append(QString::fromUtf8(request.body));
        json(200, QJsonDocument(QJsonObject{}));
        return r;
    }
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        json(400, QJsonDocument(QJsonObject{{QStringLiteral("error"), parseError.errorString()}}));
        return r;
    }
    if (name == "mark") {
        m_markScenario = body.value(QLatin1String("scenario")).toString();
        m_markFetch = body.value(QLatin1String("fetch")).toInt(-1);
        json(200, QJsonDocument(QJsonObject{}));
        return r;
    }
    if (name == "result") {
        const QString scenario = body.value(QLatin1String("name")).toString();
        m_results.insert(scenario, body);
        m_markScenario.clear();
        m_markFetch = -1;
        json(200, QJsonDocument(QJsonObject{}));
        emit resultPosted(scenario);
        return r;
    }
    if (name == "done") {
        m_runFinished = true;
        json(200, QJsonDocument(QJsonObject{}));
        emit runnerFinished();
        return r;
    }
    return r;
}

ScenarioServer::Response ScenarioServer::handleScenario(const QString &server, bool secure,
                                                        const Request &request)
{
    Response r; // unmatched: 404 with no headers
    const QString scenarioName = scenarioForPath(request.target);
    if (scenarioName.isEmpty())
        return r; // favicon.ico and friends: not part of any scenario, not recorded

    RecordedRequest rec;
    rec.server = server;
    rec.secure = secure;
    rec.method = request.method;
    rec.target = request.target;
    rec.headers = request.headers;
    rec.scenario = scenarioName;
    rec.fetchIndex = (m_markScenario == scenarioName) ? m_markFetch : -1;
    m_requests.append(rec);

    const QByteArray target = stripFragment(request.target);
    const QString origin = originFor(server, secure);
    const QByteArray requestOrigin = headerValue(request.headers, "origin");
    const QJsonObject scenario = m_scenarioByName.value(scenarioName);
    // [rfc6455] 4.2.2, server step 5.4: base64(SHA-1(key + GUID)).
    const QByteArray webSocketAccept =
        QCryptographicHash::hash(headerValue(request.headers, "sec-websocket-key").trimmed() +
                                     "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                 QCryptographicHash::Sha1)
            .toBase64();
    for (const QJsonValue &rv : scenario.value(QLatin1String("responses")).toArray()) {
        const QJsonObject resp = rv.toObject();
        const QString method = resp.value(QLatin1String("method")).toString(QStringLiteral("*"));
        if (method != QLatin1String("*") && method.toUtf8() != request.method)
            continue;
        if (resp.contains(QLatin1String("origins"))) {
            QStringList listed;
            for (const QJsonValue &value : resp.value(QLatin1String("origins")).toArray())
                listed << value.toString();
            if (!listed.contains(QString::fromUtf8(requestOrigin)))
                continue;
        }
        // An EventSource's reconnection carries the id of the last event it got: a response with
        // lastEventId answers only that reconnection (see resources/scenarios/FORMAT.md).
        if (resp.contains(QLatin1String("lastEventId")) &&
            resp.value(QLatin1String("lastEventId")).toString().toUtf8() !=
                headerValue(request.headers, "last-event-id"))
            continue;
        const QUrl url(resp.value(QLatin1String("url")).toString());
        if (!url.isValid() ||
            url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString() != origin) {
            continue;
        }
        const QByteArray expected = targetOf(url);
        if (expected != target &&
            QByteArray::fromPercentEncoding(expected) != QByteArray::fromPercentEncoding(target)) {
            continue;
        }
        r.status = resp.value(QLatin1String("status")).toInt(200);
        for (const QJsonValue &hv : resp.value(QLatin1String("headers")).toArray()) {
            const QJsonArray pair = hv.toArray();
            QByteArray value = pair.at(1).toString().toUtf8();
            value.replace("{origin}", requestOrigin);
            value.replace("{websocket-accept}", webSocketAccept);
            r.headers.append({pair.at(0).toString().toUtf8(), value});
        }
        r.body = resp.contains(QLatin1String("bodyBase64"))
                     ? QByteArray::fromBase64(resp.value(QLatin1String("bodyBase64")).toString().toLatin1())
                     : resp.value(QLatin1String("body")).toString().toUtf8();
        return r;
    }
    return r;
}

} // namespace CorscopeTest
