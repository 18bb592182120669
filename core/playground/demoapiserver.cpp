#include "playground/demoapiserver.h"

#include "cors/websockethandshake.h"
#include "http/reasonphrase.h"
#include "http/websocketframe.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

namespace Corscope {

namespace {

constexpr qsizetype maxHeadBytes = 64 * 1024;
constexpr qint64 maxBodyBytes = 1024 * 1024;
const QByteArray dataPath = QByteArrayLiteral("/api/data");
const QByteArray verifyPrefix = QByteArrayLiteral("/verify/");
// The demo's chat and notification sockets: anything under it answers WebSocket handshakes.
const QByteArray socketPrefix = QByteArrayLiteral("/socket/");
// What an accepted socket sends first: the signed-in user's private data, which is exactly what a
// hijacking page reads.
const QByteArray socketGreeting =
    QByteArrayLiteral(R"({"type":"notification","for":"the signed-in user","text":"Your invoice #1042 is ready"})");
// The demo CDN's web fonts: whatever the name, a font a browser really accepts, so that a font
// lesson's "loaded" means the CORS outcome and not a decode failure.
const QByteArray fontPrefix = QByteArrayLiteral("/fonts/");
// A one-glyph TrueType font (glyph "A", family CorscopeProbe), the same the browser-differential
// scenarios serve (tests/browser/scenarios/generate.py FONT).
const QByteArray probeFontBase64 = QByteArrayLiteral(
    "AAEAAAAKAIAAAwAgT1MvMkUgRP0AAAEoAAAAYGNtYXAADACUAAABkAAAADRnbHlmTjxOOgAAAcwAAAA0aGVhZC/nH0gAAACs"
    "AAAANmhoZWEFegH2AAAA5AAAACRobXR4ArwAZAAAAYgAAAAGbG9jYQAaAA0AAAHEAAAABm1heHAABAAGAAABCAAAACBuYW1l"
    "HcLeTwAAAgAAAABycG9zdAAoAAAAAAJ0AAAAJgABAAAAAQAA0nt0y18PPPUAAwPoAAAAAOc8bdYAAAAA5zxt1gBkAAAB9AK8"
    "AAAAAwACAAAAAAAAAAEAAAMg/zgAAAJYAGQAZAH0AAEAAAAAAAAAAAAAAAAAAAABAAEAAAACAAQAAQAAAAAAAgAAAAAAAAAA"
    "AAAAAAAAAAAAAwJYAZAABQAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAPz8/PwAA"
    "AEEAQQMgAAAAAAMgAMgAAAAAAAAAAAAAAAAAAAAgAAACWABkAGQAAAAAAAIAAAADAAAAFAADAAEAAAAUAAQAIAAAAAQABAAB"
    "AAAAQf//AAAAQf///8AAAQAAAAAAAAANABoAAAABAGQAAAH0ArwAAwAAMxEhEWQBkAK8/UQAAAEAZAAAAfQCvAADAAAzESER"
    "ZAGQArz9RAAAAAAEADYAAQAAAAAAAQANAAAAAQAAAAAAAgAHAA0AAwABBAkAAQAaABQAAwABBAkAAgAOAC5Db3JzY29wZVBy"
    "b2JlUmVndWxhcgBDAG8AcgBzAGMAbwBwAGUAUAByAG8AYgBlAFIAZQBnAHUAbABhAHIAAAACAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAIAAAAkAAA=");

// [rfc9110] 5.6.2 token characters.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

QByteArray pathOf(const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

// [rfc6455] 4.2.1: an opening handshake is a GET that asks to upgrade to websocket.
bool isWebSocketUpgrade(const ReceivedRequest &request)
{
    return pathOf(request.target).startsWith(socketPrefix) &&
           HeaderList::namesEqual(request.headers.get("upgrade").value_or(QByteArray()).trimmed(), "websocket");
}

bool statusHasNoBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// The page a headless browser loads from the page origin: it makes one request through the API
// the lesson's kind names (fetch(), XMLHttpRequest, a FontFace …) exactly as a page would and
// posts what the page could observe back to the page origin (same-origin, so the report itself
// never needs CORS). The full page URL as Referer (the meta tag, for the kinds that take no
// referrerPolicy) tells this run's requests apart without touching anything CORS or a cache
// looks at (a marker in the URL would miss the CDN cache, for one).
QByteArray verificationPage(const QJsonObject &spec, const QByteArray &reportPath)
{
    QByteArray json = QJsonDocument(spec).toJson(QJsonDocument::Compact);
    json.replace("</", "<\\/"); // keep "</script>" in a string from ending the script
    return QByteArrayLiteral(
               "<!doctype html>\n<meta charset=\"utf-8\">\n<meta name=\"referrer\" content=\"unsafe-url\">\n"
               "<title>Corscope verification</title>\n"
               "<script>\nconst spec = ") +
           json + QByteArrayLiteral(";\nconst reportPath = \"") + reportPath + QByteArrayLiteral(R"js(";
async function viaFetch(result) {
  const init = {method: spec.method, headers: spec.headers, credentials: spec.credentials, mode: 'cors',
                referrerPolicy: 'unsafe-url'};
  if (typeof spec.body === 'string')
    init.body = spec.body;
  const response = await fetch(spec.url, init);
  result.resolved = true;
  result.status = response.status;
  result.type = response.type;
  result.headers = [...response.headers.keys()];
}
// axios and most older clients: [xhr] withCredentials is credentials "include".
function viaXhr(result) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(spec.method, spec.url);
    xhr.withCredentials = spec.credentials === 'include';
    for (const [name, value] of spec.headers)
      xhr.setRequestHeader(name, value);
    xhr.onload = () => {
      result.resolved = true;
      result.status = xhr.status;
      result.headers = [...new Set(xhr.getAllResponseHeaders().trim().split(/\r?\n/)
        .filter((line) => line.includes(':'))
        .map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase()))];
      resolve();
    };
    xhr.onerror = () => { result.resolved = false; result.rejection = 'XMLHttpRequest error (status ' + xhr.status + ')'; resolve(); };
    xhr.send(typeof spec.body === 'string' ? spec.body : null);
  });
}
// What @font-face does: a CORS-mode load; the page only learns whether the face is usable.
async function viaFont(result) {
  const family = 'corscope-lesson-font';
  const face = new FontFace(family, 'url("' + spec.url + '")');
  document.fonts.add(face);
  try {
    await face.load();
  } catch (error) {
    result.rejection = String(error) + '; the text falls back';
  }
  result.resolved = face.status === 'loaded' && document.fonts.check('16px "' + family + '"', 'A');
}
// new WebSocket(): no CORS, the page learns whether the socket opened and what it then read.
function viaWebSocket(result) {
  return new Promise((resolve) => {
    // [websockets] the handshake's referrer is "no-referrer": the run's token goes in the query.
    const url = new URL(spec.url.replace(/^http/, 'ws'));
    url.searchParams.set('corscope-verify', location.pathname.split('/')[2]);
    const socket = new WebSocket(url.href);
    const done = () => { clearTimeout(timer); resolve(); };
    const timer = setTimeout(() => { result.rejection = 'no close within 10 s'; done(); }, 10000);
    socket.onopen = () => { result.resolved = true; result.status = 101; };
    socket.onmessage = (event) => { result.message = String(event.data); socket.close(1000); };
    socket.onclose = (event) => {
      if (!result.resolved)
        result.rejection = 'error event, then close (code ' + event.code + ')';
      done();
    };
  });
}
(async () => {
  const result = {};
  try {
    const run = {fetch: viaFetch, xhr: viaXhr, font: viaFont, websocket: viaWebSocket}[spec.resourceType || 'fetch'];
    if (run)
      await run(result);
    else
      result.unsupported = spec.resourceType;
  } catch (error) {
    result.resolved = false;
    result.rejection = String(error);
  }
  await fetch(reportPath, {method: 'POST', body: JSON.stringify(result)});
  document.title = 'done';
})();
</script>
)js");
}

} // namespace

DemoApiServer::DemoApiServer(QObject *parent)
    : QObject(parent)
    , m_api(new QTcpServer(this))
    , m_page(new QTcpServer(this))
{
    qRegisterMetaType<ReceivedRequest>();
    connect(m_api, &QTcpServer::newConnection, this,
            [this] { onNewConnection(m_api, ReceivedRequest::Port::Api); });
    connect(m_page, &QTcpServer::newConnection, this,
            [this] { onNewConnection(m_page, ReceivedRequest::Port::Page); });
}

DemoApiServer::~DemoApiServer() = default;

bool DemoApiServer::start(QString *error)
{
    if (isListening())
        return true;
    for (QTcpServer *server : {m_api, m_page}) {
        // Loopback only: the playground is for the user's eyes, not for the network.
        if (!server->listen(QHostAddress::LocalHost, 0)) {
            if (error)
                *error = tr("The demo API cannot listen on 127.0.0.1: %1").arg(server->errorString());
            m_api->close();
            m_page->close();
            return false;
        }
    }
    return true;
}

bool DemoApiServer::isListening() const
{
    return m_api->isListening() && m_page->isListening();
}

Origin DemoApiServer::apiOrigin() const
{
    return Origin::fromUrl(apiUrl());
}

Origin DemoApiServer::pageOrigin() const
{
    return Origin::fromUrl(pageUrl(QStringLiteral("/")));
}

QUrl DemoApiServer::apiUrl(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_api->serverPort()).arg(pathAndQuery));
}

QUrl DemoApiServer::pageUrl(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_page->serverPort()).arg(pathAndQuery));
}

void DemoApiServer::setPolicy(const CorsPolicy &policy)
{
    m_policy = policy;
    m_sharedCache.clear();
    emit policyChanged();
}

void DemoApiServer::clearSharedCache()
{
    m_sharedCache.clear();
}

void DemoApiServer::primeSharedCache(const QByteArray &origin)
{
    ReceivedRequest request;
    request.method = "GET";
    request.target = dataPath;
    request.headers.append("Host", apiUrl().authority().toLatin1());
    request.headers.append("Origin", origin);
    request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    request.status = answerApi(request).status;
    m_received.append(request);
    emit requestReceived(request);
}

QUrl DemoApiServer::addVerificationPage(const QString &token, const QJsonObject &fetchSpec)
{
    m_verificationPages.insert(token, fetchSpec);
    return pageUrl(QString::fromLatin1(verifyPrefix) + token);
}

void DemoApiServer::removeVerificationPage(const QString &token)
{
    m_verificationPages.remove(token);
}

void DemoApiServer::onNewConnection(QTcpServer *server, ReceivedRequest::Port port)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, port] { onReadyRead(socket, port); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            m_webSockets.remove(socket);
            socket->deleteLater();
        });
    }
}

void DemoApiServer::onReadyRead(QTcpSocket *socket, ReceivedRequest::Port port)
{
    if (m_webSockets.contains(socket)) {
        onWebSocketData(socket);
        return;
    }
    auto buffer = m_buffers.find(socket);
    if (buffer == m_buffers.end())
        return; // answered with "close"; whatever follows is ignored
    buffer->append(socket->readAll());
    // [rfc9112] 9.3: requests on one connection are answered in order, pipelined ones included.
    while (buffer != m_buffers.end() && !buffer->isEmpty()) {
        Parsed parsed;
        int errorStatus = 400;
        const ParseState state = parse(*buffer, &parsed, &errorStatus);
        if (state == ParseState::Incomplete)
            return;
        if (state == ParseState::Malformed) {
            Response error;
            error.status = errorStatus;
            error.headers.append("Content-Type", "text/plain; charset=utf-8");
            error.body = reasonPhrase(errorStatus) + '\n';
            error.close = true;
            socket->write(serialize("GET", error));
            m_buffers.erase(buffer);
            socket->disconnectFromHost();
            return;
        }
        buffer->remove(0, parsed.consumed);
        ReceivedRequest &request = parsed.request;
        request.port = port;
        request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        Response response = port == ReceivedRequest::Port::Api ? answerApi(request) : answerPage(request);
        // [rfc9112] 9.3: HTTP/1.1 is persistent unless either side says "close"; HTTP/1.0 only
        // when the client asked for keep-alive.
        const QByteArray connection = request.headers.get("connection").value_or(QByteArray()).toLower();
        if (connection.contains("close") ||
            (parsed.version == "HTTP/1.0" && !connection.contains("keep-alive")))
            response.close = true;
        request.status = response.status;
        socket->write(serialize(request.method, response));
        m_received.append(request);
        emit requestReceived(request);
        if (response.status == 101) {
            // [rfc6455] 4.2.2: from here on the connection carries frames, not HTTP.
            const QByteArray rest = *buffer;
            m_buffers.erase(buffer);
            startWebSocket(socket, rest);
            return;
        }
        if (response.close) {
            m_buffers.erase(buffer);
            socket->disconnectFromHost();
            return;
        }
        buffer = m_buffers.find(socket);
    }
}

DemoApiServer::ParseState DemoApiServer::parse(const QByteArray &buffer, Parsed *parsed, int *errorStatus)
{
    *errorStatus = 400;
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (buffer.size() > maxHeadBytes) {
            *errorStatus = 431;
            return ParseState::Malformed;
        }
        // Something that cannot become a request line is garbage now, not later.
        const qsizetype firstLineEnd = buffer.indexOf("\r\n");
        const QByteArray firstLine = firstLineEnd < 0 ? buffer : buffer.left(firstLineEnd);
        const qsizetype space = firstLine.indexOf(' ');
        if (!isToken(space < 0 ? QByteArrayView(firstLine) : QByteArrayView(firstLine).first(space)) &&
            !firstLine.isEmpty())
            return ParseState::Malformed;
        return ParseState::Incomplete;
    }
    if (headEnd > maxHeadBytes) {
        *errorStatus = 431;
        return ParseState::Malformed;
    }
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    // [rfc9112] 3: request-line = method SP request-target SP HTTP-version
    QByteArray requestLine = lines.value(0);
    if (!requestLine.endsWith('\r') && lines.size() > 1)
        return ParseState::Malformed;
    requestLine.chop(lines.size() > 1 ? 1 : 0);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !parts[1].startsWith('/') ||
        (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0"))
        return ParseState::Malformed;
    ReceivedRequest &request = parsed->request;
    request.method = parts[0];
    request.target = parts[1];
    parsed->version = parts[2];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (i + 1 < lines.size()) {
            if (!line.endsWith('\r'))
                return ParseState::Malformed; // a bare LF
            line.chop(1);
        }
        // [rfc9112] 5: field-line = field-name ":" OWS field-value OWS; no obs-fold.
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)) || line.contains('\r'))
            return ParseState::Malformed;
        request.headers.append(line.left(colon), normalizeHeaderValue(line.mid(colon + 1)));
    }
    if (parsed->version == "HTTP/1.1" && !request.headers.contains("host"))
        return ParseState::Malformed; // [rfc9112] 3.2: a client MUST send Host
    if (request.headers.contains("transfer-encoding")) {
        *errorStatus = 501; // browsers send string bodies with Content-Length
        return ParseState::Malformed;
    }
    qint64 length = 0;
    const QList<QByteArray> lengths = request.headers.values("content-length");
    for (const QByteArray &value : lengths) {
        bool ok = false;
        const qint64 parsedLength = value.toLongLong(&ok);
        // [rfc9112] 6.3: differing or invalid Content-Length values are unrecoverable.
        if (!ok || parsedLength < 0 || (value != lengths.first()))
            return ParseState::Malformed;
        length = parsedLength;
    }
    if (length > maxBodyBytes) {
        *errorStatus = 413;
        return ParseState::Malformed;
    }
    const qsizetype bodyStart = headEnd + 4;
    if (buffer.size() - bodyStart < length)
        return ParseState::Incomplete;
    request.body = buffer.mid(bodyStart, length);
    parsed->consumed = bodyStart + length;
    return ParseState::Complete;
}

DemoApiServer::Response DemoApiServer::answerApi(ReceivedRequest &request)
{
    // A handshake opens a connection of its own: no cache stores a 101.
    const bool cacheable = m_policy.sharedCacheSeconds > 0 &&
                           (request.method == "GET" || request.method == "HEAD") && !isWebSocketUpgrade(request);
    if (!cacheable)
        return answerApiUncached(request);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const std::optional<QByteArray> origin = request.headers.get("origin");
    QList<CachedResponse> &entries = m_sharedCache[request.target];
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const CachedResponse &entry = entries.at(i);
        const qint64 ageSeconds = (now - entry.storedAtMs) / 1000;
        if (ageSeconds >= m_policy.sharedCacheSeconds) {
            entries.removeAt(i--);
            continue;
        }
        if (entry.variesOnOrigin && entry.origin != origin)
            continue;
        Response hit = entry.response;
        hit.headers.append("Age", QByteArray::number(ageSeconds));
        hit.headers.append("X-Cache", "HIT");
        request.fromSharedCache = true;
        return hit;
    }
    Response response = answerApiUncached(request);
    CachedResponse entry;
    entry.response = response;
    entry.storedAtMs = now;
    entry.origin = origin;
    for (const QByteArray &vary : response.headers.values("vary")) {
        for (const QByteArray &name : vary.split(','))
            entry.variesOnOrigin |= HeaderList::namesEqual(name.trimmed(), "origin");
    }
    entries.append(entry);
    response.headers.append("X-Cache", "MISS");
    return response;
}

DemoApiServer::Response DemoApiServer::answerApiUncached(const ReceivedRequest &request) const
{
    Response response;
    // [fetch] CORS-preflight request: OPTIONS with Access-Control-Request-Method.
    if (request.method == "OPTIONS" && request.headers.contains("access-control-request-method")) {
        response.status = m_policy.preflightStatus;
        response.headers = m_policy.preflightHeaders(request.headers);
        return response;
    }
    if (isWebSocketUpgrade(request))
        return answerHandshake(request);
    if (pathOf(request.target).startsWith(socketPrefix)) {
        // [rfc9110] 15.5.22: what WebSocket servers answer a GET that lost its Upgrade (a proxy
        // that does not pass it on), naming the protocol it needs.
        response.status = 426;
        response.headers.append("Upgrade", "websocket");
        response.headers.append("Connection", "Upgrade");
        response.headers.append("Content-Type", "text/plain; charset=utf-8");
        response.body = "This is a WebSocket endpoint: send Upgrade: websocket\n";
        return response;
    }
    response.headers = m_policy.actualHeaders(request.headers);
    if (pathOf(request.target).startsWith(fontPrefix) && pathOf(request.target).size() > fontPrefix.size()) {
        response.status = m_policy.actualStatus;
        response.headers.append("Content-Type", "font/ttf");
        response.body = QByteArray::fromBase64(probeFontBase64);
        return response;
    }
    if (pathOf(request.target) != dataPath) {
        response.status = 404;
        response.headers.append("Content-Type", "application/json");
        response.body = R"({"error":"not found","try":"/api/data"})";
        return response;
    }
    response.status = m_policy.actualStatus;
    response.headers.append("Content-Type", "application/json");
    QJsonObject body;
    body.insert(QStringLiteral("message"), QStringLiteral("Hello from the Corscope demo API"));
    body.insert(QStringLiteral("method"), QString::fromLatin1(request.method));
    body.insert(QStringLiteral("servedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

DemoApiServer::Response DemoApiServer::answerHandshake(const ReceivedRequest &request) const
{
    Response response;
    response.headers.append("Content-Type", "text/plain; charset=utf-8");
    const QByteArray key = request.headers.get("sec-websocket-key").value_or(QByteArray()).trimmed();
    // [rfc6455] 4.2.1: a GET with a 16-byte key and version 13; 4.4: a wrong version is answered
    // with the versions the server speaks.
    if (request.method != "GET" || QByteArray::fromBase64(key).size() != 16 ||
        request.headers.get("sec-websocket-version").value_or(QByteArray()).trimmed() != "13") {
        response.status = 400;
        response.headers.append("Sec-WebSocket-Version", "13");
        response.body = "Not a WebSocket handshake: GET with Sec-WebSocket-Key and Sec-WebSocket-Version: 13\n";
        response.close = true;
        return response;
    }
    // [rfc6455] 10.2: the Origin check is the server's own; no browser makes it for the server.
    if (!m_policy.acceptsWebSocketOrigin(request.headers.get("origin"))) {
        response.status = 403;
        response.body = "Origin not allowed\n";
        response.close = true;
        return response;
    }
    response.status = 101;
    response.headers = {};
    response.headers.append("Upgrade", "websocket");
    response.headers.append("Connection", "Upgrade");
    response.headers.append("Sec-WebSocket-Accept", WebSocketHandshake::acceptFor(key));
    return response;
}

void DemoApiServer::startWebSocket(QTcpSocket *socket, const QByteArray &alreadyReceived)
{
    m_webSockets.insert(socket, alreadyReceived);
    socket->write(WebSocketFrame::serverFrame(WebSocketFrame::Text, socketGreeting));
    if (!alreadyReceived.isEmpty())
        onWebSocketData(socket);
}

void DemoApiServer::onWebSocketData(QTcpSocket *socket)
{
    auto buffer = m_webSockets.find(socket);
    if (buffer == m_webSockets.end())
        return;
    buffer->append(socket->readAll());
    WebSocketFrame frame;
    for (;;) {
        const WebSocketFrame::ReadState state = WebSocketFrame::takeClientFrame(*buffer, &frame);
        if (state == WebSocketFrame::ReadState::Incomplete)
            return;
        if (state == WebSocketFrame::ReadState::Malformed) {
            // [rfc6455] 7.4.1: 1002 protocol error.
            socket->write(WebSocketFrame::serverFrame(WebSocketFrame::Close, QByteArray::fromHex("03ea")));
            m_webSockets.erase(buffer);
            socket->disconnectFromHost();
            return;
        }
        switch (frame.opcode) {
        case WebSocketFrame::Text:
        case WebSocketFrame::Binary:
            // An echo: what the page sends proves it can talk to the socket as the user.
            socket->write(WebSocketFrame::serverFrame(frame.opcode, frame.payload));
            break;
        case WebSocketFrame::Ping:
            socket->write(WebSocketFrame::serverFrame(WebSocketFrame::Pong, frame.payload));
            break;
        case WebSocketFrame::Close:
            // [rfc6455] 5.5.1: answer with a Close echoing the status code, then end the connection.
            socket->write(WebSocketFrame::serverFrame(WebSocketFrame::Close, frame.payload.left(2)));
            m_webSockets.erase(buffer);
            socket->disconnectFromHost();
            return;
        default:
            break;
        }
    }
}

DemoApiServer::Response DemoApiServer::answerPage(const ReceivedRequest &request)
{
    Response response;
    response.headers.append("Cache-Control", "no-store");
    const QByteArray path = pathOf(request.target);
    if (path.startsWith(verifyPrefix)) {
        QByteArray token = path.mid(verifyPrefix.size());
        const bool isReport = token.endsWith("/result");
        if (isReport)
            token.chop(int(qstrlen("/result")));
        const auto page = m_verificationPages.constFind(QString::fromLatin1(token));
        if (page != m_verificationPages.cend() && isReport && request.method == "POST") {
            const QJsonObject result = QJsonDocument::fromJson(request.body).object();
            response.status = 204;
            emit verificationReported(page.key(), result);
            return response;
        }
        if (page != m_verificationPages.cend() && !isReport && request.method == "GET") {
            response.headers.append("Content-Type", "text/html; charset=utf-8");
            response.body = verificationPage(*page, path + "/result");
            return response;
        }
    }
    if (path == "/" && request.method == "GET") {
        response.headers.append("Content-Type", "text/html; charset=utf-8");
        response.body = QByteArrayLiteral(
            "<!doctype html>\n<meta charset=\"utf-8\">\n<title>Corscope page origin</title>\n"
            "<p>The page origin of the Corscope playground.</p>\n");
        return response;
    }
    response.status = 404;
    response.headers.append("Content-Type", "text/plain; charset=utf-8");
    response.body = "Not Found\n";
    return response;
}

QByteArray DemoApiServer::serialize(const QByteArray &method, const Response &response)
{
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Server: corscope-demo\r\n";
    for (const Header &header : response.headers)
        out += header.name + ": " + header.value + "\r\n";
    const bool noBody = statusHasNoBody(response.status);
    if (!noBody)
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (response.close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!noBody && method != "HEAD")
        out += response.body;
    return out;
}

} // namespace Corscope
