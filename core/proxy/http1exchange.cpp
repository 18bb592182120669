#include "proxy/http1exchange.h"

#include "http/reasonphrase.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace Corscope {

namespace {

// [rfc9110] 7.6.1: a connection option of the proxy's own that it may pass on in its own
// Connection field ("close", "keep-alive"; "upgrade" for a real protocol switch, [rfc9110] 7.8):
// the proxy means them for the next hop too, so a browser's "Connection: keep-alive" goes on as it
// was sent and nginx's reaches the browser as it would without the proxy.
bool isOwnConnectionOption(QByteArrayView token, bool upgrade)
{
    return HeaderList::equalsLowercaseName(token, "close") ||
           HeaderList::equalsLowercaseName(token, "keep-alive") ||
           (upgrade && HeaderList::equalsLowercaseName(token, "upgrade"));
}

// [rfc9110] 7.6.1: fields that are hop-by-hop whether or not Connection names them. Trailer is not
// among them: [rfc9110] 6.6.2 makes it end-to-end (it names the trailer fields, which the proxy
// forwards), unlike RFC 2616's list. Upgrade stays on a real protocol switch.
bool isFixedHopHeader(QByteArrayView name, bool upgrade)
{
    switch (name.size()) {
    case 2:
        return HeaderList::equalsLowercaseName(name, "te");
    case 7:
        return !upgrade && HeaderList::equalsLowercaseName(name, "upgrade");
    case 10:
        return HeaderList::equalsLowercaseName(name, "keep-alive");
    case 16:
        return HeaderList::equalsLowercaseName(name, "proxy-connection");
    case 19:
        return HeaderList::equalsLowercaseName(name, "proxy-authorization");
    default:
        return false;
    }
}

// Calls f with each comma-separated token of a field value, trimmed; empty ones skipped
// ([rfc9110] 5.6.1). No list is built: nearly every message has a Connection field to look at.
template<class F> void forEachToken(QByteArrayView value, F f)
{
    for (qsizetype start = 0; start <= value.size();) {
        qsizetype end = value.indexOf(',', start);
        if (end < 0)
            end = value.size();
        const QByteArrayView token = value.sliced(start, end - start).trimmed();
        if (!token.isEmpty())
            f(token);
        start = end + 1;
    }
}

// The header list as it goes to the next hop: [rfc9110] 7.6.1 "a proxy or gateway MUST parse a
// received Connection header field before a message is forwarded and, for each connection-option
// in this field, remove any header or trailer field(s) from the message with the same name as the
// connection-option, and then remove the Connection header field itself (or replace it with the
// intermediary's own control options for the forwarded message)". The Connection field keeps the
// options the proxy means too (isOwnConnectionOption), byte for byte when that is all it held.
// Nothing changed (the common case): no copy, *changed false.
HeaderList forwardedHeaders(const HeaderList &headers, bool upgrade, bool *changed = nullptr)
{
    QList<QByteArrayView> named; // what Connection names, besides the proxy's own options
    bool anyHop = false;
    for (const Header &header : headers) {
        if (isFixedHopHeader(header.name, upgrade)) {
            anyHop = true;
        } else if (HeaderList::equalsLowercaseName(header.name, "connection")) {
            forEachToken(header.value, [&](QByteArrayView token) {
                if (!isOwnConnectionOption(token, upgrade)) {
                    named.append(token);
                    anyHop = true;
                }
            });
        }
    }
    if (changed)
        *changed = anyHop;
    if (!anyHop)
        return headers;
    HeaderList out;
    out.reserve(headers.size());
    for (const Header &header : headers) {
        if (isFixedHopHeader(header.name, upgrade))
            continue;
        if (std::any_of(named.begin(), named.end(),
                        [&](QByteArrayView token) { return HeaderList::namesEqual(header.name, token); }))
            continue;
        if (HeaderList::equalsLowercaseName(header.name, "connection")) {
            QByteArray kept;
            bool all = true;
            forEachToken(header.value, [&](QByteArrayView token) {
                if (!isOwnConnectionOption(token, upgrade)) {
                    all = false;
                    return;
                }
                if (!kept.isEmpty())
                    kept += ", ";
                kept += token;
            });
            if (all)
                out.append(header.name, header.value);
            else if (!kept.isEmpty())
                out.append(header.name, kept);
            continue;
        }
        out.append(header.name, header.value);
    }
    return out;
}

// [rfc9112] 3.2.2: the authority of an absolute-form target, without userinfo ([rfc3986] 3.2),
// as the Host a proxy forwards.
QByteArrayView authorityOf(QByteArrayView absoluteTarget)
{
    const qsizetype scheme = absoluteTarget.indexOf("://");
    if (scheme < 0)
        return {};
    const qsizetype start = scheme + 3;
    qsizetype end = start;
    while (end < absoluteTarget.size() && absoluteTarget[end] != '/' && absoluteTarget[end] != '?' &&
           absoluteTarget[end] != '#')
        ++end;
    QByteArrayView authority = absoluteTarget.sliced(start, end - start);
    if (const qsizetype at = authority.lastIndexOf('@'); at >= 0)
        authority = authority.sliced(at + 1);
    return authority;
}

// [rfc9112] 3.2.2: "When a proxy receives a request with an absolute-form of request-target, the
// proxy MUST ignore the received Host header field (if any) and instead replace it with the host
// information of the request-target." A Host that already says so keeps its bytes and place; any
// other is replaced at the first one's place, or put first ([rfc9110] 7.2: Host comes first).
void setHostFromTarget(HeaderList &headers, QByteArrayView authority)
{
    qsizetype hosts = 0;
    bool agrees = false;
    for (const Header &header : headers) {
        if (HeaderList::equalsLowercaseName(header.name, "host")) {
            ++hosts;
            agrees = header.value == authority;
        }
    }
    if (hosts == 1 && agrees)
        return;
    if (hosts > 0) {
        headers.set("Host", authority.toByteArray());
        return;
    }
    HeaderList withHost;
    withHost.reserve(headers.size() + 1);
    withHost.append(QByteArrayLiteral("Host"), authority.toByteArray());
    for (const Header &header : headers)
        withHost.append(header.name, header.value);
    headers = std::move(withHost);
}

// The size of a head's header lines and the blank line after them.
qsizetype headBytes(const HeaderList &headers)
{
    qsizetype size = 2;
    for (const Header &header : headers)
        size += header.name.size() + header.value.size() + 4;
    return size;
}

// Appends the header lines and the blank line ending a head. The size is known before the first
// byte is copied: one allocation, where appending piece by piece cost a growth step per header.
void appendHead(QByteArray &out, const HeaderList &headers)
{
    const qsizetype start = out.size();
    out.resize(start + headBytes(headers));
    char *to = out.data() + start;
    const auto put = [&to](QByteArrayView bytes) {
        std::memcpy(to, bytes.data(), size_t(bytes.size()));
        to += bytes.size();
    };
    for (const Header &header : headers) {
        put(header.name);
        put(": ");
        put(header.value);
        put("\r\n");
    }
    put("\r\n");
}

// A head from its start line's pieces and its header lines, in one allocation and copied in
// place (QByteArray::append() goes through insert(), several times the cost of the copy).
QByteArray messageHead(std::initializer_list<QByteArrayView> startLine, const HeaderList &headers)
{
    qsizetype lineBytes = 2;
    for (const QByteArrayView piece : startLine)
        lineBytes += piece.size();
    QByteArray out;
    out.reserve(lineBytes + headBytes(headers));
    out.resize(lineBytes);
    char *to = out.data();
    for (const QByteArrayView piece : startLine) {
        std::memcpy(to, piece.data(), size_t(piece.size()));
        to += piece.size();
    }
    std::memcpy(to, "\r\n", 2);
    appendHead(out, headers);
    return out;
}

QByteArray statusCodeText(int status)
{
    if (status < 100 || status > 999)
        return QByteArray::number(status);
    const char digits[3] = {char('0' + status / 100), char('0' + status / 10 % 10), char('0' + status % 10)};
    return QByteArray(digits, 3);
}

QByteArray httpVersionText(int major, int minor)
{
    if (major == 1 && minor == 1)
        return QByteArrayLiteral("HTTP/1.1");
    if (major == 1 && minor == 0)
        return QByteArrayLiteral("HTTP/1.0");
    return "HTTP/" + QByteArray::number(major) + '.' + QByteArray::number(minor);
}

// [rfc9112] 3.2.2: a proxy forwards the path and query of an absolute-form target as the client
// sent them, without scheme and authority; an empty path becomes "/".
QByteArray originFormOf(const QByteArray &absoluteTarget)
{
    const qsizetype authorityStart = absoluteTarget.indexOf("://") + 3;
    qsizetype end = authorityStart;
    while (end < absoluteTarget.size() && absoluteTarget[end] != '/' && absoluteTarget[end] != '?' &&
           absoluteTarget[end] != '#')
        ++end;
    if (end < absoluteTarget.size() && absoluteTarget[end] == '/')
        return absoluteTarget.mid(end);
    return '/' + absoluteTarget.mid(end);
}

// The parser hands over de-chunked pieces; a chunked message is re-chunked on the way out.
// [rfc9112] 7.1: chunk-size CRLF chunk-data CRLF, in one write.
QByteArray chunkOf(QByteArrayView piece)
{
    char size[24];
    const int sizeLength =
        std::snprintf(size, sizeof size, "%llx\r\n", static_cast<unsigned long long>(piece.size()));
    QByteArray chunk;
    chunk.resize(sizeLength + piece.size() + 2);
    char *to = chunk.data();
    std::memcpy(to, size, size_t(sizeLength));
    std::memcpy(to + sizeLength, piece.data(), size_t(piece.size()));
    std::memcpy(to + sizeLength + piece.size(), "\r\n", 2);
    return chunk;
}

// [rfc9112] 7.1.2: last-chunk, then the trailer section, then the blank line.
QByteArray lastChunkWith(const HeaderList &trailers)
{
    QByteArray out = QByteArrayLiteral("0\r\n");
    appendHead(out, trailers);
    return out;
}

// A short text/plain answer from the proxy itself (an error), after which it closes.
QByteArray proxyAnswer(int status, const QString &message)
{
    const QByteArray body = message.toUtf8() + '\n';
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    HeaderList headers{{"Content-Type", "text/plain; charset=utf-8"},
                       {"Content-Length", QByteArray::number(body.size())},
                       {"Connection", "close"}};
    // [rfc9110] 15.5.8: a 407 carries Proxy-Authenticate with the scheme the proxy takes;
    // [rfc7617] 2.1: charset says the credential is UTF-8.
    if (status == 407)
        headers.append("Proxy-Authenticate", "Basic realm=\"Corscope\", charset=\"UTF-8\"");
    appendHead(out, headers);
    return out + body;
}

// [rfc9110] 10.1.1 Expect: only "100-continue" is defined; HTTP/1.0 clients do not know it.
bool expectsContinue(const HttpMessageHead &head)
{
    const auto expect = head.headers.get("expect");
    return expect && head.versionMinor >= 1 &&
           expect->trimmed().compare("100-continue", Qt::CaseInsensitive) == 0;
}

// [rfc9110] 5.6.2 tchar
bool isTokenChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c));
}

// How much of a head that arrives in pieces is kept to name its flow should it fail.
constexpr qsizetype partialHeadBytes = 2048;

// [rfc9112] 3: method SP request-target SP HTTP-version, as far as the bytes go. Either part is empty
// when it is not there or is not what a request line holds (a TLS ClientHello sent to the plain
// proxy has no method).
std::pair<QByteArray, QByteArray> requestLineOf(QByteArrayView bytes)
{
    qsizetype end = 0;
    while (end < bytes.size() && bytes[end] != '\r' && bytes[end] != '\n')
        ++end;
    const QByteArrayView line = bytes.first(end);
    const qsizetype space = line.indexOf(' ');
    const QByteArrayView method = space < 0 ? line : line.first(space);
    if (method.isEmpty() || method.size() > 32 || !std::all_of(method.begin(), method.end(), isTokenChar))
        return {};
    if (space < 0)
        return {method.toByteArray(), {}};
    QByteArrayView target = line.sliced(space + 1);
    if (const qsizetype next = target.indexOf(' '); next >= 0)
        target = target.first(next);
    if (!std::all_of(target.begin(), target.end(), [](char c) { return c > 0x20 && c < 0x7f; }))
        target = {};
    return {method.toByteArray(), target.toByteArray()};
}

void capture(QByteArray &captured, qint64 &total, QByteArrayView piece, qint64 cap)
{
    total += piece.size();
    const qint64 room = cap - captured.size();
    if (room > 0)
        captured += piece.first(std::min<qint64>(room, piece.size()));
}

} // namespace

Http1Exchange::Http1Exchange(Http1ExchangeIo &io, const ProxySettings &settings,
                             std::function<quint64()> nextFlowId, QHostAddress clientAddress,
                             quint16 clientPort)
    : m_io(io)
    , m_settings(settings)
    , m_nextFlowId(std::move(nextFlowId))
    , m_clientAddress(std::move(clientAddress))
    , m_clientPort(clientPort)
{
}

void Http1Exchange::start()
{
    waitForRequestHead(m_settings.headerTimeoutMs);
}

Http1Exchange::~Http1Exchange() = default;

bool Http1Exchange::inFlight() const
{
    switch (m_state) {
    case State::SendingRequest:
    case State::AwaitingResponse:
    case State::StreamingResponse:
    case State::AnsweringLocally:
    case State::Tunnel:
        return true;
    default:
        return false;
    }
}

bool Http1Exchange::requestInProgress() const
{
    return (m_requestParser && m_requestParser->inMessage()) || !m_clientBuffer.isEmpty();
}

double Http1Exchange::elapsedMs() const
{
    return double(m_io.nowNs() - m_flowStartNs) / 1e6;
}

// ---- timers -------------------------------------------------------------------------------------

void Http1Exchange::waitForRequestHead(int timeoutMs)
{
    m_headerDeadlineMs = nowMs() + timeoutMs;
    armTimer();
}

void Http1Exchange::armTimer()
{
    qint64 nearest = m_headerDeadlineMs;
    if (m_connectDeadlineMs >= 0 && (nearest < 0 || m_connectDeadlineMs < nearest))
        nearest = m_connectDeadlineMs;
    // A timer due before the nearest deadline re-arms itself when it fires; only a deadline earlier
    // than the armed one needs a restart, so a keep-alive exchange costs no timer registration.
    if (nearest < 0 || (m_timerDueMs >= 0 && m_timerDueMs <= nearest))
        return;
    m_timerDueMs = nearest;
    m_io.scheduleTimer(int(std::max<qint64>(nearest - nowMs(), 0)));
}

void Http1Exchange::timerFired()
{
    m_timerDueMs = -1;
    const qint64 now = nowMs();
    if (m_connectDeadlineMs >= 0 && now >= m_connectDeadlineMs) {
        m_connectDeadlineMs = -1;
        const QString message = tr("%1:%2 did not accept a connection within %3 ms.")
                                    .arg(m_upstreamHost)
                                    .arg(m_upstreamPort)
                                    .arg(m_settings.connectTimeoutMs);
        m_io.abortUpstream();
        failFlow(504, FlowError::ConnectTimeout, message);
    }
    if (m_headerDeadlineMs >= 0 && now >= m_headerDeadlineMs) {
        m_headerDeadlineMs = -1;
        if (m_state == State::Intercepting || m_state == State::TlsHandshake) {
            // A client that got the CONNECT's 200 and never finished the handshake.
            clientTlsFailed(
                tr("The TLS handshake did not finish within %1 ms.").arg(m_settings.headerTimeoutMs));
            close();
        } else if (m_state == State::ReadingRequestHead) {
            if (requestInProgress())
                rejectRequest(
                    408, FlowError::RequestTimeout,
                    tr("The request head did not arrive within %1 ms.").arg(m_settings.headerTimeoutMs));
            else
                close(); // an idle keep-alive connection
        }
    }
    if (m_state != State::Closing)
        armTimer();
    else
        m_io.scheduleTimer(-1);
}

// ---- client side --------------------------------------------------------------------------------

HttpMessageParser &Http1Exchange::requestParser()
{
    // Made on first use: an idle connection, of which a browser keeps many, holds no parser.
    if (!m_requestParser) {
        m_requestParser = std::make_unique<HttpMessageParser>(
            HttpMessageParser::Kind::Request,
            HttpMessageParser::Callbacks{[this](const HttpMessageHead &head) { onRequestHead(head); },
                                         [this](QByteArrayView piece) { onRequestBody(piece); },
                                         [this] {
                                             onRequestComplete();
                                         }});
        m_requestParser->setTrailersCallback(
            [this](const HeaderList &trailers) { onRequestTrailers(trailers); });
    }
    return *m_requestParser;
}

void Http1Exchange::feedClient(QByteArrayView bytes)
{
    m_clientBuffer += bytes;
    clientData();
}

void Http1Exchange::clientData()
{
    processClientBuffer();
}

void Http1Exchange::resume()
{
    processClientBuffer();
}

void Http1Exchange::processClientBuffer()
{
    while (!m_clientBuffer.isEmpty()) {
        if (m_state != State::ReadingRequestHead && m_state != State::SendingRequest &&
            m_state != State::AwaitingResponse && m_state != State::StreamingResponse &&
            m_state != State::AnsweringLocally)
            return;
        // One exchange at a time: pipelined requests wait in the buffer until the response
        // before them is complete, so responses go back in order. [rfc9112] 9.3.2
        HttpMessageParser &parser = requestParser();
        if (inFlight() && !parser.inMessage())
            return;
        const qsizetype consumed = parser.feed(m_clientBuffer);
        if (parser.hasError()) {
            // Before the bytes go: the failed request's line names its flow.
            rejectRequest(parser.errorStatus(), FlowError::ParseError, parser.errorString());
            return;
        }
        // Only a head split across reads is copied; one that arrives whole costs nothing here.
        if (m_headerDeadlineMs >= 0 && parser.inMessage() && m_partialHead.size() < partialHeadBytes)
            m_partialHead += QByteArrayView(m_clientBuffer)
                                 .first(std::min(consumed, partialHeadBytes - m_partialHead.size()));
        m_clientBuffer.remove(0, consumed);
        if (m_state == State::Tunnel && m_flow.tunnel) {
            // A CONNECT passed through: what the client sent after its head belongs to the tunnel.
            m_requestParser.reset();
            m_flow.requestBodySize = m_clientBuffer.size();
            m_io.openTunnel(m_upstreamHost, m_upstreamPort, std::exchange(m_clientBuffer, QByteArray()),
                            false);
            return;
        }
        if (m_parserResetPending) {
            // An intercepted CONNECT: a fresh parser reads what it carries. The connection takes over
            // last, after this parser is gone: it may feed the next bytes at once.
            m_parserResetPending = false;
            m_requestParser.reset();
            m_io.interceptConnect(m_interceptHost);
            return;
        }
        if (parser.isUpgraded())
            return; // an Upgrade request: the rest is not HTTP; handled on the response
        if (consumed == 0)
            return;
    }
}

void Http1Exchange::newFlow()
{
    m_flowStartNs = m_io.nowNs();
    m_flow = Flow{};
    m_flowAnnounced = false;
    m_flow.id = m_nextFlowId();
    m_flow.started = QDateTime::currentDateTimeUtc();
    m_flow.clientAddress = m_clientAddress;
    m_flow.clientPort = m_clientPort;
}

void Http1Exchange::onRequestHead(const HttpMessageHead &head)
{
    m_headerDeadlineMs = -1;
    if (!m_partialHead.isEmpty())
        m_partialHead.clear();
    newFlow();
    m_flow.method = head.method;
    m_flow.httpVersion = httpVersionText(head.versionMajor, head.versionMinor);
    // The flow shows the request as it is forwarded: hop-by-hop fields gone ([rfc9110] 7.6.1), the
    // parser's list shared when there are none.
    m_flow.requestHeaders = forwardedHeaders(head.headers, head.upgrade && head.method != "CONNECT");
    m_closeAfterResponse = !head.keepAlive;
    m_clientHttp10 = head.versionMajor == 1 && head.versionMinor == 0;
    m_requestSent = false;
    m_upstreamKeepAlive = false;
    m_responseHeadSent = false;
    m_localAnswer.reset();
    m_continuePending = false;

    if (head.method == "CONNECT") {
        // [rfc9110] 9.3.6: CONNECT's target is host:port (authority-form, [rfc9112] 3.2.3).
        const qsizetype colon = head.target.lastIndexOf(':');
        bool ok = false;
        const quint16 port = colon > 0 ? head.target.mid(colon + 1).toUShort(&ok) : 0;
        m_flow.url = QUrl(QStringLiteral("https://%1").arg(QString::fromLatin1(head.target)));
        if (!ok || port == 0) {
            rejectRequest(400, FlowError::ParseError,
                          tr("CONNECT needs host:port, got '%1'.").arg(QString::fromLatin1(head.target)));
            return;
        }
        QString host = QString::fromLatin1(head.target.left(colon));
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        m_flow.tunnel = true;
        if (!admitted(head, host, port, true))
            return;
        if (m_settings.authority && !m_settings.tunnelOnlyHosts.contains(host, Qt::CaseInsensitive)) {
            // Intercepted: the CONNECT is a flow only if the handshake fails; once it succeeds the
            // requests inside are the flows.
            m_interceptHost = host;
            m_interceptPort = port;
            m_parserResetPending = true;
            setState(State::Intercepting);
            waitForRequestHead(m_settings.headerTimeoutMs);
            return;
        }
        m_upstreamHost = host;
        m_upstreamPort = port;
        setState(State::Tunnel);
        announceFlow();
        m_connectDeadlineMs = nowMs() + m_settings.connectTimeoutMs;
        armTimer();
        return; // processClientBuffer() opens the tunnel with the bytes after the head
    }

    // Absolute-form only: an origin-form request is meant for a server, not a proxy, and
    // answering it would make Corscope a relay for whatever Host the client names. [rfc9112] 3.2.2
    QUrl url;
    QByteArray originForm; // the target as it goes upstream
    if (!m_interceptHost.isEmpty() && head.target.startsWith('/')) {
        // Inside an intercepted tunnel requests are origin-form, for the CONNECT's host: https, or
        // http when the client spoke plain HTTP in it (Chromium's ws:// through a proxy).
        url = QUrl::fromEncoded((m_interceptPlain ? "http://" : "https://") + QUrl::toAce(m_interceptHost) +
                                ':' + QByteArray::number(m_interceptPort) + head.target);
        if (m_interceptPort == (m_interceptPlain ? 80 : 443))
            url.setPort(-1);
        originForm = head.target;
    } else {
        // QUrl::fromEncoded was a tenth of the event loop's instructions per request.
        if (head.target != m_lastTarget) {
            m_lastTargetUrl = QUrl::fromEncoded(head.target, QUrl::StrictMode);
            m_lastTarget = head.target;
        }
        url = m_lastTargetUrl;
        if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty()) {
            m_flow.url = url; // as far as it goes: the flow shows what was asked for
            rejectRequest(400, FlowError::ParseError,
                          tr("Corscope is a forward proxy: it takes absolute http:// URLs (and CONNECT "
                             "for https), not '%1'.")
                              .arg(QString::fromLatin1(head.target.left(200))));
            return;
        }
        originForm = originFormOf(head.target);
        setHostFromTarget(m_flow.requestHeaders, authorityOf(head.target));
        m_flow.url = url;
        if (!admitted(head, url.host(), quint16(url.port(80)), false))
            return;
    }
    m_flow.url = url;
    m_flow.state = Flow::State::Request;
    announceFlow();

    m_flowRules = m_rulesSource ? m_rulesSource() : nullptr;
    // A protocol switch cannot be answered by a canned response: it goes to the server.
    if (m_flowRules && !head.upgrade) {
        if (const RewriteRule *rule = m_flowRules->localAnswerFor(m_flow)) {
            m_localAnswer = rule->respond;
            m_flow.appliedRules.append(rule->name);
            m_requestChunked = false;
            setState(State::AnsweringLocally);
            // The answer goes out once the request is read whole, so let the client send its body.
            if (expectsContinue(head))
                m_io.sendToClient("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
    }

    HeaderList upstreamHeaders = m_flow.requestHeaders;
    // [rfc9110] 10.1.1: the proxy answers the expectation itself as soon as the server is
    // reachable; left to the server, one that ignores Expect makes curl wait a second per request.
    const bool continueExpected = expectsContinue(head);
    if (continueExpected)
        upstreamHeaders.remove("expect");
    // [rfc9110] 2.5: an intermediary sends its own HTTP-version. An HTTP/1.0 client's request goes on
    // as HTTP/1.1, so the origin connection stays open for the next request (UpstreamPool).
    const QByteArray out = messageHead(
        {head.method, " ", originForm, " ", m_clientHttp10 ? QByteArrayLiteral("HTTP/1.1") : m_flow.httpVersion},
        upstreamHeaders);
    m_requestChunked = head.chunked;
    setState(State::SendingRequest);
    startConnect(url.host(), quint16(url.port(url.scheme() == u"https" ? 443 : 80)));
    m_io.sendUpstream(out);
    if (continueExpected) {
        m_continuePending = true;
        if (!m_upstreamAddress.isEmpty())
            sendContinue();
    }
}

bool Http1Exchange::admitted(const HttpMessageHead &head, const QString &host, quint16 port, bool connect)
{
    const ProxyAccess &access = m_settings.access;
    if (!access.enforced)
        return true;
    // [rfc9110] 15.5.8: 407 until the client proves it may use the proxy. The header was read from
    // head, not from the flow: it never goes on to the origin ([rfc9110] 11.7.2).
    if (!access.authorizes(head.headers)) {
        rejectRequest(407, FlowError::ProxyAuthRequired,
                      head.headers.contains("proxy-authorization")
                          ? tr("The proxy credential is wrong (Proxy-Authorization: Basic).")
                          : tr("This proxy needs a credential (Proxy-Authorization: Basic)."));
        return false;
    }
    if (const std::optional<QString> refusal = access.refusal(host, port, connect)) {
        rejectRequest(403, FlowError::TargetRefused, *refusal);
        return false;
    }
    return true;
}

bool Http1Exchange::peerRefused(const QString &address)
{
    // Only a connection this exchange asked for, for a flow still open (fuzz_http1exchange: a
    // connect reported with nothing in flight refused a flow that had never started).
    if (!m_settings.access.enforced || !inFlight() || m_flow.id == 0 || m_flow.isFinished())
        return false;
    const std::optional<QString> refusal = m_settings.access.refusalOfPeer(m_upstreamHost, address);
    if (!refusal)
        return false;
    // Nothing reached the peer: the request head or tunnel bytes were only queued on the socket.
    m_io.abortUpstream();
    failFlow(403, FlowError::TargetRefused, *refusal);
    return true;
}

void Http1Exchange::startConnect(const QString &host, quint16 port)
{
    // Plain http needs no TLS socket; inside an intercepted CONNECT the origin speaks https.
    const bool tls = !m_interceptHost.isEmpty() && !m_interceptPlain;
    m_upstreamHost = host;
    m_upstreamPort = port;
    m_upstreamIdle = false;
    const QString reused = m_io.openUpstream(host, port, tls);
    if (reused.isEmpty()) {
        // A new connection (or one still connecting): its address and TLS come with it.
        m_upstreamAddress.clear();
        m_upstreamTls.reset();
        m_connectDeadlineMs = nowMs() + m_settings.connectTimeoutMs;
        armTimer();
    } else {
        m_upstreamAddress = reused; // formatting it per exchange was 4% of the proxy's time
        m_flow.serverAddress = reused;
        m_flow.serverPort = port;
    }
    prepareResponseParser();
}

void Http1Exchange::prepareResponseParser()
{
    if (m_responseParser) {
        m_responseParser->reset();
    } else {
        m_responseParser = std::make_unique<HttpMessageParser>(
            HttpMessageParser::Kind::Response,
            HttpMessageParser::Callbacks{[this](const HttpMessageHead &head) { onResponseHead(head); },
                                         [this](QByteArrayView piece) { onResponseBody(piece); },
                                         [this] {
                                             onResponseComplete();
                                         }});
        m_responseParser->setTrailersCallback(
            [this](const HeaderList &trailers) { onResponseTrailers(trailers); });
    }
    // [rfc9112] 6.3 rule 1: a response to HEAD has no body whatever its headers say.
    if (m_flow.method == "HEAD")
        m_responseParser->expectNoBody();
}

void Http1Exchange::sendContinue()
{
    if (!m_continuePending)
        return;
    m_continuePending = false;
    if (inFlight() && !m_flow.isFinished() && !m_responseHeadSent)
        m_io.sendToClient(m_flow.httpVersion + " 100 Continue\r\n\r\n");
}

void Http1Exchange::onRequestBody(QByteArrayView piece)
{
    capture(m_flow.requestBody, m_flow.requestBodySize, piece, m_settings.bodyCaptureBytes);
    // A body goes on even after an early response (a 413): the server's connection must see the
    // whole request before it can carry the next.
    if (m_localAnswer || m_state == State::Closing)
        return;
    if (m_requestChunked)
        m_io.sendUpstream(chunkOf(piece));
    else
        m_io.sendUpstream(piece);
}

void Http1Exchange::onRequestTrailers(const HeaderList &trailers)
{
    // [rfc9112] 7.1.2: a proxy forwards the trailer section with the message.
    if (m_requestChunked && !m_localAnswer && m_state != State::Closing) {
        m_io.sendUpstream(lastChunkWith(trailers));
        m_requestChunked = false; // the last chunk is out
    }
}

void Http1Exchange::onRequestComplete()
{
    if (m_flow.tunnel || m_state == State::Closing)
        return;
    if (m_localAnswer) {
        m_flow.requestSentMs = elapsedMs();
        answerLocally();
        return;
    }
    if (m_requestChunked)
        m_io.sendUpstream("0\r\n\r\n");
    m_requestChunked = false;
    m_requestSent = true;
    if (m_flow.isFinished())
        return; // the response came first and is done; the body went on to the server
    m_flow.requestSentMs = elapsedMs();
    if (m_state == State::SendingRequest)
        setState(State::AwaitingResponse);
    m_flow.state = Flow::State::ResponseHeaders;
    m_io.reportUpdated(m_flow);
}

void Http1Exchange::answerLocally()
{
    const LocalResponse answer = *m_localAnswer;
    m_localAnswer.reset();
    HeaderList headers = answer.headers;
    // [rfc9112] 6.3: on a kept-alive connection the client finds the end by Content-Length;
    // 204 and 304 responses, and any to HEAD, have no body.
    const bool bodyless = answer.status == 204 || answer.status == 304 || m_flow.method == "HEAD";
    if (!bodyless)
        headers.set("Content-Length", QByteArray::number(answer.body.size()));
    if (m_closeAfterResponse && !headers.contains("connection"))
        headers.append("Connection", "close");
    m_flow.answeredLocally = true;
    m_flow.status = answer.status;
    m_flow.reason = reasonPhrase(answer.status);
    m_flow.responseHeaders = headers;
    m_flow.responseHeadersMs = elapsedMs();
    QByteArray out =
        m_flow.httpVersion + ' ' + QByteArray::number(answer.status) + ' ' + m_flow.reason + "\r\n";
    appendHead(out, headers);
    if (!bodyless) {
        out += answer.body;
        capture(m_flow.responseBody, m_flow.responseBodySize, answer.body, m_settings.bodyCaptureBytes);
    }
    m_io.sendToClient(out);
    m_responseHeadSent = true;
    finishFlow();
    afterResponse();
}

void Http1Exchange::afterResponse()
{
    if (m_closeAfterResponse) {
        close();
        return;
    }
    setState(State::ReadingRequestHead);
    waitForRequestHead(m_settings.idleTimeoutMs);
    m_io.resumeLater();
}

void Http1Exchange::clientClosed()
{
    if (inFlight() && !m_flow.isFinished())
        failFlow(0, FlowError::ClientClosed,
                 tr("The client closed the connection before the response was complete."));
    else if (m_state == State::Intercepting || m_state == State::TlsHandshake)
        clientTlsFailed(tr("The client closed the connection during the TLS handshake."));
    setState(State::Closing);
    m_headerDeadlineMs = m_connectDeadlineMs = -1;
}

// ---- server side --------------------------------------------------------------------------------

void Http1Exchange::upstreamConnected(const QString &address, quint16 port)
{
    m_connectDeadlineMs = -1;
    if (peerRefused(address))
        return;
    m_upstreamAddress = address;
    m_flow.serverAddress = address;
    m_flow.serverPort = port;
    sendContinue();
}

void Http1Exchange::upstreamTlsEstablished(const TlsDetails &details)
{
    m_upstreamTls = details;
}

void Http1Exchange::upstreamFailed(int status, FlowError kind, const QString &message)
{
    m_connectDeadlineMs = -1;
    if (m_state == State::Tunnel && m_flow.tunnel) {
        if (m_flow.status == 0)
            failFlow(status, kind,
                     tr("Could not open a tunnel to %1:%2: %3")
                         .arg(m_upstreamHost)
                         .arg(m_upstreamPort)
                         .arg(message));
        return;
    }
    if (!inFlight() || m_localAnswer || m_flow.isFinished())
        return;
    if (kind == FlowError::UntrustedCertificate)
        failFlow(status, kind, tr("The certificate of %1 is not trusted: %2").arg(m_upstreamHost, message));
    else
        failFlow(status, kind,
                 tr("Could not reach %1:%2: %3").arg(m_upstreamHost).arg(m_upstreamPort).arg(message));
}

void Http1Exchange::upstreamData(QByteArrayView data)
{
    qsizetype offset = 0;
    while (offset < data.size()) {
        if ((m_state != State::SendingRequest && m_state != State::AwaitingResponse &&
             m_state != State::StreamingResponse) ||
            !m_responseParser)
            return; // bytes nobody asked for; a keep-alive server must not send them
        const qsizetype consumed = m_responseParser->feed(data.sliced(offset));
        offset += consumed;
        if (m_responseParser->hasError()) {
            failFlow(502, FlowError::BadUpstreamResponse,
                     tr("The server's response is malformed: %1").arg(m_responseParser->errorString()));
            return;
        }
        if (m_responseParser->isUpgraded()) {
            // [rfc9110] 15.2.2 101 Switching Protocols: what follows is the new protocol's bytes.
            if (offset < data.size())
                m_io.sendToClient(data.sliced(offset));
            setState(State::Tunnel);
            m_flow.websocket = true;
            finishFlow();
            m_io.switchToTunnel(std::exchange(m_clientBuffer, QByteArray()));
            return;
        }
        if (consumed == 0)
            break;
    }
}

void Http1Exchange::upstreamClosed()
{
    if (!inFlight() || m_state == State::Tunnel || m_localAnswer || !m_responseParser || m_flow.isFinished())
        return;
    m_responseParser->finish();
    if (m_flow.isFinished())
        return; // finish() completed a read-until-close body
    failFlow(502, FlowError::UpstreamClosed,
             m_responseParser->hasError() ? m_responseParser->errorString()
             : m_responseHeadSent ? tr("The server closed the connection before the response was complete.")
                                  : tr("The server closed the connection without a response."));
}

void Http1Exchange::onResponseHead(const HttpMessageHead &head)
{
    if (head.status >= 100 && head.status < 200 && head.status != 101) {
        // [rfc9110] 15.2: "A server MUST NOT send a 1xx response to an HTTP/1.0 client"; the origin
        // sent it because the proxy spoke HTTP/1.1 for that client.
        if (m_clientHttp10)
            return;
        // [rfc9110] 15.2: an interim response (100 Continue, 103): pass it on, the real one follows.
        QByteArray out =
            m_flow.httpVersion + ' ' + QByteArray::number(head.status) + ' ' + head.reason + "\r\n";
        appendHead(out, forwardedHeaders(head.headers, false));
        m_io.sendToClient(out);
        return;
    }
    m_flow.status = head.status;
    m_flow.reason = head.reason;
    // [rfc9110] 7.6.1 applies to responses too. The flow's responseHeaders are what the browser
    // gets, so the evaluator judges what the browser judged; what the server sent is kept beside
    // them as originalResponseHeaders whenever the two differ (hop fields removed, or a rule).
    bool hopRemoved = false;
    m_flow.responseHeaders = forwardedHeaders(head.headers, head.status == 101, &hopRemoved);
    if (m_upstreamTls)
        m_flow.tls = m_upstreamTls;
    m_flow.responseHeadersMs = elapsedMs();
    if (m_rewriter || m_flowRules) {
        HeaderList rewritten = m_flow.responseHeaders;
        if (m_flowRules)
            m_flow.appliedRules = m_flowRules->apply(m_flow, rewritten);
        if (m_rewriter)
            m_rewriter(m_flow, rewritten);
        if (!(rewritten == m_flow.responseHeaders)) {
            hopRemoved = true;
            m_flow.responseHeaders = rewritten;
        }
    }
    m_flow.websocket = head.status == 101;
    // [rfc9112] 6.3 rules 1-2: a response to HEAD, a 204 and a 304 end with their head whatever
    // Transfer-Encoding says. Read as chunked, a 204 left the exchange waiting for chunks that never
    // come; forwarded as chunked, a HEAD answer got a last chunk the client takes for the start of
    // the next response (tst_proxytransparency, bodylessResponsesThatSayChunked).
    const bool bodyless = m_flow.method == "HEAD" || head.status == 204 || head.status == 304;
    if (bodyless && head.chunked)
        m_responseParser->expectNoBody(); // the head callback runs before the parser decides
    m_responseChunked = head.chunked && !bodyless;
    const bool lengthKnown =
        head.chunked || m_flow.responseHeaders.contains("content-length") || bodyless || head.status == 101;
    // A body that runs until the server closes must also end the client's connection.
    if (!lengthKnown || !head.keepAlive)
        m_closeAfterResponse = true;
    m_upstreamKeepAlive = lengthKnown && head.keepAlive && head.status != 101;
    if (m_clientHttp10 && answerAsHttp10(m_flow.responseHeaders))
        hopRemoved = true;
    if (hopRemoved)
        m_flow.originalResponseHeaders = head.headers;
    const QByteArray out = messageHead({httpVersionText(head.versionMajor, head.versionMinor), " ",
                                        statusCodeText(head.status), " ", head.reason},
                                       m_flow.responseHeaders);
    m_io.sendToClient(out);
    m_responseHeadSent = true;
    setState(State::StreamingResponse);
    m_flow.state = Flow::State::ResponseHeaders;
    m_io.reportUpdated(m_flow);
}

// The response to an HTTP/1.0 client, whose request went upstream as HTTP/1.1: 1.0 knows no chunked
// coding, so such a body runs until the connection closes ([rfc9112] 6.3 rule 8), and a 1.0 connection
// stays open only when the response says keep-alive ([rfc9112] C.2.2). True when headers changed.
bool Http1Exchange::answerAsHttp10(HeaderList &headers)
{
    bool changed = false;
    if (m_responseChunked) {
        m_responseChunked = false;
        m_closeAfterResponse = true;
        headers.remove("transfer-encoding");
        changed = true;
    }
    const QByteArray wanted = m_closeAfterResponse ? QByteArrayLiteral("close") : QByteArrayLiteral("keep-alive");
    const std::optional<QByteArray> connection = headers.get("connection");
    if (connection ? !HeaderList::namesEqual(*connection, wanted) : !m_closeAfterResponse) {
        if (connection)
            headers.set("Connection", wanted);
        else
            headers.append("Connection", wanted);
        changed = true;
    }
    return changed;
}

void Http1Exchange::onResponseBody(QByteArrayView piece)
{
    capture(m_flow.responseBody, m_flow.responseBodySize, piece, m_settings.bodyCaptureBytes);
    if (m_responseChunked)
        m_io.sendToClient(chunkOf(piece));
    else
        m_io.sendToClient(piece);
}

void Http1Exchange::onResponseTrailers(const HeaderList &trailers)
{
    // [rfc9112] 7.1.2: the trailer section goes on with the message, in order, names as sent.
    if (m_responseChunked) {
        m_io.sendToClient(lastChunkWith(trailers));
        m_responseChunked = false; // the last chunk is out
    }
}

void Http1Exchange::onResponseComplete()
{
    if (m_flow.status >= 100 && m_flow.status < 200 && m_flow.status != 101 && !m_responseHeadSent)
        return;
    if (m_flow.status == 0)
        return; // an interim response's end: the final one is still to come
    if (m_responseChunked)
        m_io.sendToClient("0\r\n\r\n");
    m_responseChunked = false;
    if (m_flow.websocket)
        return; // upstreamData() switches to the tunnel once the parser returns
    m_upstreamIdle = m_upstreamKeepAlive && m_requestSent;
    // The server refused a protocol switch: what the client sent after its request may already be
    // the new protocol, so this connection carries no more HTTP.
    if (m_requestParser && m_requestParser->isUpgraded())
        m_closeAfterResponse = true;
    finishFlow();
    afterResponse();
}

// ---- interception and tunnels -------------------------------------------------------------------

void Http1Exchange::interceptedTls()
{
    setState(State::TlsHandshake);
}

void Http1Exchange::interceptedTlsEstablished()
{
    // The requests inside are the flows from now on.
    m_flow = Flow{};
    m_flowAnnounced = false;
    setState(State::ReadingRequestHead);
    processClientBuffer(); // decrypted bytes that came with the handshake's end
}

void Http1Exchange::interceptedPlain()
{
    // Plain HTTP inside the tunnel: its requests are the flows, as after a handshake.
    m_interceptPlain = true;
    m_flow = Flow{};
    m_flowAnnounced = false;
    setState(State::ReadingRequestHead);
    processClientBuffer();
}

void Http1Exchange::interceptedRaw()
{
    // Neither TLS nor HTTP: the bytes pass through uninspected and the CONNECT is the tunnel's flow.
    m_headerDeadlineMs = -1;
    setState(State::Tunnel);
    announceFlow();
    m_upstreamHost = m_interceptHost;
    m_upstreamPort = m_interceptPort;
    m_connectDeadlineMs = nowMs() + m_settings.connectTimeoutMs;
    armTimer();
    m_flow.requestBodySize = m_clientBuffer.size();
    m_tunnelAnswered = true;
    m_io.openTunnel(m_interceptHost, m_interceptPort, std::exchange(m_clientBuffer, QByteArray()), true);
}

void Http1Exchange::interceptionFailed(const QString &message)
{
    rejectRequest(503, FlowError::ProxyFailure,
                  tr("The proxy could not take the connection over for TLS: %1").arg(message));
}

void Http1Exchange::clientTlsFailed(const QString &message)
{
    // Only the CONNECT whose handshake this is: the handshake's success replaced it.
    if (m_flow.id == 0 || m_flow.isFinished() || m_flow.method != "CONNECT")
        return;
    endFlowWithError(FlowError::ClientTlsFailure,
                     tr("The client refused the TLS handshake for %1 (does it trust Corscope's CA?): %2")
                         .arg(m_interceptHost, message.isEmpty() ? tr("no reason given") : message));
}

void Http1Exchange::tunnelEstablished(const QString &address, quint16 port)
{
    m_connectDeadlineMs = -1;
    if (peerRefused(address))
        return;
    m_flow.serverAddress = address;
    m_flow.serverPort = port;
    m_flow.status = 200;
    m_flow.reason = "Connection Established";
    m_flow.responseHeadersMs = elapsedMs();
    // An intercepted CONNECT got its 200 before the proxy saw what it carries.
    if (!m_tunnelAnswered)
        m_io.sendToClient("HTTP/1.1 200 Connection Established\r\n\r\n");
    m_io.reportUpdated(m_flow);
}

void Http1Exchange::tunnelClosed(qint64 bytesUp, qint64 bytesDown)
{
    // A tunnel has no end of its own: either side closing it completes it, with what it carried.
    if (m_state != State::Tunnel || !m_flow.tunnel || m_flow.status == 0 || m_flow.isFinished())
        return;
    m_flow.requestBodySize = bytesUp;
    m_flow.responseBodySize = bytesDown;
    finishFlow();
}

// ---- flows and errors ---------------------------------------------------------------------------

void Http1Exchange::rejectRequest(int status, FlowError kind, const QString &message)
{
    // A response already on its way to the client cannot be followed by the proxy's own.
    const bool answer = !(inFlight() && m_responseHeadSent) && m_io.clientConnected();
    if (answer)
        m_io.sendToClient(proxyAnswer(status, message));
    adoptFlowForError();
    if (answer)
        m_flow.proxyAnswerStatus = status;
    endFlowWithError(kind, message);
    close();
}

void Http1Exchange::failFlow(int status, FlowError kind, const QString &message)
{
    if (m_flow.isFinished())
        return;
    const bool answer = status != 0 && !m_responseHeadSent && m_io.clientConnected();
    if (answer)
        m_flow.proxyAnswerStatus = status;
    endFlowWithError(kind, message);
    if (answer)
        m_io.sendToClient(proxyAnswer(status, message));
    close();
}

void Http1Exchange::adoptFlowForError()
{
    if (m_flow.id != 0 && !m_flow.isFinished())
        return; // the head arrived: its flow is the one that fails
    // Refused before a head was parsed (malformed, too large, too slow): a flow of its own with what
    // the request line said, so the refusal is in the list, the journal and the HAR like any other.
    newFlow();
    QByteArray seen = m_partialHead;
    seen += QByteArrayView(m_clientBuffer).first(std::min(m_clientBuffer.size(), partialHeadBytes));
    m_partialHead.clear();
    const auto [method, target] = requestLineOf(seen);
    m_flow.method = method;
    if (method == "CONNECT" && !target.isEmpty()) {
        m_flow.tunnel = true;
        m_flow.url = QUrl(QStringLiteral("https://%1").arg(QString::fromLatin1(target)));
    } else if (!m_interceptHost.isEmpty() && target.startsWith('/')) {
        m_flow.url =
            QUrl::fromEncoded((m_interceptPlain ? "http://" : "https://") + QUrl::toAce(m_interceptHost) +
                              ':' + QByteArray::number(m_interceptPort) + target);
    } else if (!target.isEmpty()) {
        m_flow.url = QUrl::fromEncoded(target);
    }
}

void Http1Exchange::endFlowWithError(FlowError kind, const QString &message)
{
    m_flow.error = message;
    m_flow.errorKind = kind;
    m_flow.state = Flow::State::Error;
    m_flow.completeMs = elapsedMs();
    announceFlow();
    m_io.reportFinished(m_flow);
}

void Http1Exchange::announceFlow()
{
    if (m_flowAnnounced)
        return;
    m_flowAnnounced = true;
    m_io.reportStarted(m_flow);
}

void Http1Exchange::finishFlow()
{
    if (m_flow.isFinished())
        return;
    m_flow.state = Flow::State::Complete;
    m_flow.completeMs = elapsedMs();
    m_io.reportFinished(m_flow);
}

void Http1Exchange::close()
{
    m_headerDeadlineMs = m_connectDeadlineMs = -1;
    if (m_state == State::Closing)
        return;
    setState(State::Closing);
    m_io.closeClientAfterWrite();
}

} // namespace Corscope
