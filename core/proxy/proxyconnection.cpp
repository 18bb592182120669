#include "proxy/proxyconnection.h"

#include "http/reasonphrase.h"
#include "proxy/certificateauthority.h"

#include <QScopeGuard>
#include <QSslCipher>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Corscope {

namespace {

// Bytes one side may have queued unwritten before the proxy stops reading the other: a slow
// reader then slows the fast writer through TCP instead of filling the proxy's memory.
constexpr qint64 backPressureBytes = 1024 * 1024;
// Without a bound a socket reads everything the kernel has, whether or not anyone consumes it.
constexpr qint64 socketReadBufferBytes = 256 * 1024;

// What a socket still has to send. A TLS socket encrypts at once: its queue is mostly ciphertext,
// which bytesToWrite() does not count. The caller says which kind it is: a qobject_cast here, on
// every read and write, was 2% of the proxy's time.
qint64 queuedBytes(const QTcpSocket *socket, bool tls)
{
    return socket->bytesToWrite() +
           (tls ? static_cast<const QSslSocket *>(socket)->encryptedBytesToWrite() : 0);
}

// Calls resume whenever the socket has sent something, in plain or encrypted form.
template<typename Resume> void onBytesSent(QTcpSocket *socket, bool tls, QObject *context, Resume resume)
{
    QObject::connect(socket, &QIODevice::bytesWritten, context, resume);
    if (tls)
        QObject::connect(static_cast<QSslSocket *>(socket), &QSslSocket::encryptedBytesWritten, context,
                         resume);
}

// Headers that belong to the hop between client and proxy, not to the origin server.
bool isProxyHopHeader(const QByteArray &name)
{
    return HeaderList::namesEqual(name, "proxy-connection") ||
           HeaderList::namesEqual(name, "proxy-authorization");
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

// Both directions copy through the sockets' own buffers rather than trading QByteArrays with them:
// Qt keeps a handed-over array as a block of its buffer (and readAll() hands out the block it
// read into), so each exchange dropped the blocks a socket keeps for reuse and allocated four
// new ones of 16-32 KiB, each large enough to make malloc consolidate its whole heap.
void send(QIODevice *to, QByteArrayView bytes)
{
    to->write(bytes.data(), bytes.size());
}

// Appends what the socket has received to buffer.
void receive(QIODevice *from, QByteArray &buffer)
{
    const qint64 available = from->bytesAvailable();
    if (available <= 0)
        return;
    const qsizetype had = buffer.size();
    buffer.resize(had + available);
    const qint64 got = from->read(buffer.data() + had, available);
    buffer.resize(had + std::max<qint64>(got, 0));
}

// Empties a buffer for the next read, keeping its block unless a burst made it large: an idle
// connection then holds a few hundred bytes, not the largest read it ever saw.
void recycle(QByteArray &buffer)
{
    constexpr qsizetype keptBytes = 16 * 1024;
    if (buffer.capacity() > keptBytes)
        buffer = QByteArray();
    else
        buffer.resize(0);
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

void appendChunk(QByteArray &out, QByteArrayView piece)
{
    out += QByteArray::number(piece.size(), 16);
    out += "\r\n";
    out += piece;
    out += "\r\n";
}

// The parser hands over de-chunked pieces; a chunked message is re-chunked on the way out.
void forwardBody(QIODevice *to, QByteArrayView piece, bool chunked)
{
    if (!chunked) {
        to->write(piece.data(), piece.size());
        return;
    }
    QByteArray chunk;
    appendChunk(chunk, piece);
    send(to, chunk);
}

// A short text/plain answer from the proxy itself (an error), after which it closes.
QByteArray proxyAnswer(int status, const QString &message)
{
    const QByteArray body = message.toUtf8() + '\n';
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    appendHead(out, {{"Content-Type", "text/plain; charset=utf-8"},
                     {"Content-Length", QByteArray::number(body.size())},
                     {"Connection", "close"}});
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

FlowError flowErrorOf(QAbstractSocket::SocketError error, bool connected)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return FlowError::ConnectionRefused;
    case QAbstractSocket::HostNotFoundError:
        return FlowError::DnsFailure;
    case QAbstractSocket::SocketTimeoutError:
        return FlowError::ConnectTimeout;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return FlowError::TlsFailure;
    default:
        return connected ? FlowError::UpstreamClosed : FlowError::ConnectionFailed;
    }
}

void capture(QByteArray &captured, qint64 &total, QByteArrayView piece, qint64 cap)
{
    total += piece.size();
    const qint64 room = cap - captured.size();
    if (room > 0)
        captured += piece.first(std::min<qint64>(room, piece.size()));
}

} // namespace

ProxyConnection::ProxyConnection(QTcpSocket *client, const ProxySettings &settings,
                                 std::function<quint64()> nextFlowId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_settings(settings)
    , m_nextFlowId(std::move(nextFlowId))
{
    m_client->setParent(this);
    m_connectionClock.start();
    attachClient();
    waitForRequestHead(m_settings.headerTimeoutMs);
}

ProxyConnection::~ProxyConnection() = default;

void ProxyConnection::attachClient()
{
    m_client->setReadBufferSize(socketReadBufferBytes);
    // Heads and bodies go out as separate small writes; with Nagle on, each would wait for the
    // peer's delayed ACK (40 ms) — latency a debugging proxy must not add.
    m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_client, &QTcpSocket::readyRead, this, &ProxyConnection::onClientReadyRead);
    // The client caught up: resume reading the server's side.
    onBytesSent(m_client, m_clientTls, this, [this] {
        if (m_tlsPending && queuedBytes(m_client, m_clientTls) == 0) {
            beginClientTls();
            return;
        }
        if (m_upstream && m_upstream->bytesAvailable() > 0 &&
            queuedBytes(m_client, m_clientTls) <= backPressureBytes)
            readUpstream(false);
    });
    connect(m_client, &QTcpSocket::disconnected, this, [this] {
        if (m_tunnel && m_flow.tunnel && m_flow.status != 0) {
            // A tunnel has no end of its own: either side closing it completes it, with what it carried.
            readUpstream(true);
            finishFlow();
        } else if (m_inFlight && !m_flow.isFinished())
            failFlow(0, FlowError::ClientClosed,
                     tr("The client closed the connection before the response was complete."));
        else if (m_clientTls && !static_cast<QSslSocket *>(m_client)->isEncrypted())
            failClientTls(tr("The client closed the connection during the TLS handshake."));
        close();
    });
}

void ProxyConnection::waitForRequestHead(int timeoutMs)
{
    const qint64 now = m_connectionClock.elapsed();
    m_headerDeadlineMs = now + timeoutMs;
    // A timer due before the new deadline re-arms itself when it fires; only a deadline earlier
    // than the armed one needs a restart, so a keep-alive exchange costs no timer registration.
    if (!m_headerTimer.isActive() || m_headerTimerDueMs > m_headerDeadlineMs) {
        m_headerTimer.start(timeoutMs, this);
        m_headerTimerDueMs = m_headerDeadlineMs;
    }
}

void ProxyConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_headerTimer.timerId()) {
        onHeaderTimeout();
    } else if (event->timerId() == m_connectTimer.timerId()) {
        m_connectTimer.stop();
        onConnectTimeout();
    } else {
        QObject::timerEvent(event);
    }
}

void ProxyConnection::onHeaderTimeout()
{
    if (m_headerDeadlineMs < 0) {
        m_headerTimer.stop(); // an exchange is in flight; the next waitForRequestHead() re-arms
        return;
    }
    const qint64 now = m_connectionClock.elapsed();
    if (now < m_headerDeadlineMs) {
        m_headerTimer.start(int(m_headerDeadlineMs - now), this);
        m_headerTimerDueMs = m_headerDeadlineMs;
        return;
    }
    m_headerTimer.stop();
    m_headerDeadlineMs = -1;
    if (m_clientTls && !m_interceptPlain && !static_cast<QSslSocket *>(m_client)->isEncrypted()) {
        // A client that got the CONNECT's 200 and never finished the handshake.
        failClientTls(tr("The TLS handshake did not finish within %1 ms.").arg(m_settings.headerTimeoutMs));
        close();
        return;
    }
    if ((m_requestParser && m_requestParser->inMessage()) || !m_clientBuffer.isEmpty())
        rejectRequest(408, FlowError::RequestTimeout,
                      tr("The request head did not arrive within %1 ms.").arg(m_settings.headerTimeoutMs));
    else
        close(); // an idle keep-alive connection
}

double ProxyConnection::elapsedMs() const
{
    return double(m_flowClock.nsecsElapsed()) / 1e6;
}

void ProxyConnection::resetRequestParser()
{
    m_requestParser.reset();
}

HttpMessageParser &ProxyConnection::requestParser()
{
    // Made on first use: an idle connection, of which a browser keeps many, holds no parser.
    if (!m_requestParser)
        m_requestParser = std::make_unique<HttpMessageParser>(
            HttpMessageParser::Kind::Request,
            HttpMessageParser::Callbacks{[this](const HttpMessageHead &head) { onRequestHead(head); },
                                         [this](QByteArrayView piece) { onRequestBody(piece); },
                                         [this] {
                                             onRequestComplete();
                                         }});
    return *m_requestParser;
}

void ProxyConnection::onClientReadyRead()
{
    // Back-pressure toward the server: an upload faster than it reads, or pipelined requests
    // piling up behind a slow response, stay in the client's socket until there is room.
    if ((m_upstream && queuedBytes(m_upstream, m_upstreamTls) > backPressureBytes) ||
        m_clientBuffer.size() > backPressureBytes)
        return;
    if (m_tlsPending)
        return; // the TLS socket that takes the descriptor over reads what follows
    if (m_sniffPending) {
        sniffInsideConnect();
        return;
    }
    if (m_tunnel) {
        // switchToTunnel() sent what was buffered: the buffer is free to carry the tunnel's bytes.
        // Until the server has accepted they wait in it, behind what came before them.
        receive(m_client, m_clientBuffer);
        if (!m_upstream || m_upstream->state() != QAbstractSocket::ConnectedState)
            return;
        send(m_upstream, m_clientBuffer);
        m_flow.requestBodySize += m_clientBuffer.size();
        recycle(m_clientBuffer);
        return;
    }
    receive(m_client, m_clientBuffer);
    processClientBuffer();
    if (m_clientBuffer.isEmpty())
        recycle(m_clientBuffer);
    sendQueued(m_upstream);
}

void ProxyConnection::sendQueued(QTcpSocket *socket)
{
    if (socket && socket->bytesToWrite() > 0 && socket->state() == QAbstractSocket::ConnectedState)
        socket->flush();
}

void ProxyConnection::resumeClientReading()
{
    if (!m_closing && m_client->bytesAvailable() > 0)
        onClientReadyRead();
}

void ProxyConnection::processClientBuffer()
{
    while (!m_closing && !m_tunnel && !m_clientBuffer.isEmpty()) {
        // One exchange at a time: pipelined requests wait in the buffer until the response
        // before them is complete, so responses go back in order.
        HttpMessageParser &parser = requestParser();
        if (m_inFlight && !parser.inMessage())
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
        if (m_parserResetPending) {
            m_parserResetPending = false;
            resetRequestParser();
            continue;
        }
        if (parser.isUpgraded())
            return; // CONNECT or Upgrade: the rest is not HTTP; handled on the response
        if (consumed == 0)
            return;
    }
}

void ProxyConnection::onRequestHead(const HttpMessageHead &head)
{
    m_headerDeadlineMs = -1;
    if (!m_partialHead.isEmpty())
        m_partialHead.clear();
    m_flowClock.start();
    m_flow = Flow{};
    m_flowAnnounced = false;
    m_flow.id = m_nextFlowId();
    m_flow.started = QDateTime::currentDateTimeUtc();
    m_flow.method = head.method;
    m_flow.httpVersion = httpVersionText(head.versionMajor, head.versionMinor);
    m_flow.clientAddress = m_client->peerAddress();
    m_flow.clientPort = m_client->peerPort();
    // Shared with the parser's list unless a proxy hop header has to go: no copy per header.
    if (std::any_of(head.headers.begin(), head.headers.end(),
                    [](const Header &header) { return isProxyHopHeader(header.name); })) {
        for (const Header &header : head.headers) {
            if (!isProxyHopHeader(header.name))
                m_flow.requestHeaders.append(header.name, header.value);
        }
    } else {
        m_flow.requestHeaders = head.headers;
    }
    m_closeAfterResponse = !head.keepAlive;

    if (head.method == "CONNECT") {
        const qsizetype colon = head.target.lastIndexOf(':');
        bool ok = false;
        const quint16 port = colon > 0 ? head.target.mid(colon + 1).toUShort(&ok) : 0;
        if (!ok || port == 0) {
            m_flow.url = QUrl(QStringLiteral("https://%1").arg(QString::fromLatin1(head.target)));
            rejectRequest(400, FlowError::ParseError,
                          tr("CONNECT needs host:port, got '%1'.").arg(QString::fromLatin1(head.target)));
            return;
        }
        QString host = QString::fromLatin1(head.target.left(colon));
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        m_flow.tunnel = true;
        m_flow.url = QUrl(QStringLiteral("https://%1").arg(QString::fromLatin1(head.target)));
        if (m_settings.authority && !m_settings.tunnelOnlyHosts.contains(host, Qt::CaseInsensitive)) {
            startInterception(host, port);
            return;
        }
        m_inFlight = true;
        announceFlow();
        startTunnel(host, port);
        return;
    }

    // Absolute-form only: an origin-form request is meant for a server, not a proxy, and
    // answering it would make Corscope a relay for whatever Host the client names.
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
    }
    m_flow.url = url;
    m_flow.state = Flow::State::Request;
    m_inFlight = true;
    m_responseHeadSent = false;
    announceFlow();

    m_flowRules = m_rulesSource ? m_rulesSource() : nullptr;
    m_localAnswer.reset();
    m_continuePending = false;
    // A protocol switch cannot be answered by a canned response: it goes to the server.
    if (m_flowRules && !head.upgrade) {
        if (const RewriteRule *rule = m_flowRules->localAnswerFor(m_flow)) {
            m_localAnswer = rule->respond;
            m_flow.appliedRules.append(rule->name);
            m_requestChunked = false;
            // The answer goes out once the request is read whole, so let the client send its body.
            if (expectsContinue(head))
                m_client->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
    }

    HeaderList upstreamHeaders = m_flow.requestHeaders;
    // [rfc9110] 10.1.1: the proxy answers the expectation itself as soon as the server is
    // reachable; left to the server, one that ignores Expect makes curl wait a second per request.
    const bool continueExpected = expectsContinue(head);
    if (continueExpected)
        upstreamHeaders.remove("expect");
    const QByteArray out =
        messageHead({head.method, " ", originForm, " ", m_flow.httpVersion}, upstreamHeaders);
    m_requestChunked = head.chunked;
    connectUpstream(url.host(), quint16(url.port(url.scheme() == u"https" ? 443 : 80)));
    if (m_upstream)
        send(m_upstream, out);
    if (continueExpected) {
        m_continuePending = true;
        if (m_upstream && m_upstream->state() == QAbstractSocket::ConnectedState)
            sendContinue();
    }
}

void ProxyConnection::sendContinue()
{
    if (!m_continuePending)
        return;
    m_continuePending = false;
    if (m_inFlight && !m_flow.isFinished() && !m_responseHeadSent)
        send(m_client, m_flow.httpVersion + " 100 Continue\r\n\r\n");
}

void ProxyConnection::onRequestBody(QByteArrayView piece)
{
    capture(m_flow.requestBody, m_flow.requestBodySize, piece, m_settings.bodyCaptureBytes);
    if (!m_upstream || m_localAnswer)
        return;
    forwardBody(m_upstream, piece, m_requestChunked);
}

void ProxyConnection::onRequestComplete()
{
    if (m_flow.tunnel)
        return;
    if (m_localAnswer) {
        m_flow.requestSentMs = elapsedMs();
        answerLocally();
        return;
    }
    if (m_upstream && m_requestChunked)
        m_upstream->write("0\r\n\r\n");
    m_flow.requestSentMs = elapsedMs();
    m_flow.state = Flow::State::ResponseHeaders;
    emit flowUpdated(m_flow);
}

void ProxyConnection::answerLocally()
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
    send(m_client, out);
    m_responseHeadSent = true;
    finishFlow();
    afterResponse();
}

void ProxyConnection::afterResponse()
{
    if (m_closeAfterResponse) {
        closeClientAfterWrite();
        return;
    }
    waitForRequestHead(m_settings.idleTimeoutMs);
    if (m_clientBuffer.isEmpty() && m_client->bytesAvailable() == 0)
        return;
    QTimer::singleShot(0, this, [this] {
        processClientBuffer();
        resumeClientReading();
    });
}

void ProxyConnection::onConnectTimeout()
{
    if (!m_upstream || m_upstream->state() == QAbstractSocket::ConnectedState)
        return;
    const QString message = tr("%1:%2 did not accept a connection within %3 ms.")
                                .arg(m_upstreamHost)
                                .arg(m_upstreamPort)
                                .arg(m_settings.connectTimeoutMs);
    m_upstream->disconnect(this);
    m_upstream->abort();
    if (!m_flow.isFinished())
        failFlow(504, FlowError::ConnectTimeout, message);
}

void ProxyConnection::connectUpstream(const QString &host, quint16 port)
{
    if (m_upstream && m_upstreamHost == host && m_upstreamPort == port &&
        m_upstream->state() != QAbstractSocket::UnconnectedState) {
        m_flow.serverAddress = m_upstreamAddress; // formatting it per exchange was 4% of the proxy's time
        m_flow.serverPort = port;
    } else {
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
            m_upstream->deleteLater();
        }
        // Plain http needs no QSslSocket, whose unencrypted mode still copies every byte through
        // an inner socket and relays its signals.
        m_upstreamTls = !m_interceptHost.isEmpty() && !m_interceptPlain;
        m_upstream = m_upstreamTls ? new QSslSocket(this) : new QTcpSocket(this);
        m_upstreamHost = host;
        m_upstreamPort = port;
        m_upstreamAddress.clear();
        m_upstream->setReadBufferSize(socketReadBufferBytes);
        connect(m_upstream, &QTcpSocket::readyRead, this, &ProxyConnection::onUpstreamReadyRead);
        connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::onUpstreamDisconnected);
        onBytesSent(m_upstream, m_upstreamTls, this, [this] {
            if (m_upstream && queuedBytes(m_upstream, m_upstreamTls) <= backPressureBytes)
                resumeClientReading();
        });
        connect(m_upstream, &QTcpSocket::connected, this, [this] {
            m_connectTimer.stop();
            m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_upstreamAddress = m_upstream->peerAddress().toString();
            m_flow.serverAddress = m_upstreamAddress;
            m_flow.serverPort = m_upstream->peerPort();
            sendContinue();
        });
        connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::RemoteHostClosedError)
                return; // handled as a disconnect: it may end a read-until-close body
            m_connectTimer.stop();
            if (m_inFlight && !m_localAnswer && !m_flow.isFinished())
                failFlow(502, flowErrorOf(error, !m_upstreamAddress.isEmpty()),
                         tr("Could not reach %1:%2: %3")
                             .arg(m_upstreamHost)
                             .arg(m_upstreamPort)
                             .arg(m_upstream->errorString()));
        });
        if (!m_upstreamTls) {
            m_upstream->connectToHost(host, port);
        } else {
            // The origin server is verified as the browser would: system store plus what the
            // settings add (a development CA).
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.addCaCertificates(m_settings.upstreamCaCertificates);
            configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
            auto *upstream = static_cast<QSslSocket *>(m_upstream.data());
            upstream->setSslConfiguration(configuration);
            connect(upstream, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
                if (m_inFlight && !m_flow.isFinished() && !errors.isEmpty())
                    failFlow(502, FlowError::UntrustedCertificate,
                             tr("The certificate of %1 is not trusted: %2")
                                 .arg(m_upstreamHost, errors.first().errorString()));
            });
            upstream->connectToHostEncrypted(host, port);
        }
        m_connectTimer.start(m_settings.connectTimeoutMs, this);
    }
    if (m_responseParser)
        m_responseParser->reset();
    else
        m_responseParser = std::make_unique<HttpMessageParser>(
            HttpMessageParser::Kind::Response,
            HttpMessageParser::Callbacks{[this](const HttpMessageHead &head) { onResponseHead(head); },
                                         [this](QByteArrayView piece) { onResponseBody(piece); },
                                         [this] {
                                             onResponseComplete();
                                         }});
    if (m_flow.method == "HEAD")
        m_responseParser->expectNoBody();
}

void ProxyConnection::startInterception(const QString &host, quint16 port)
{
    m_interceptHost = host;
    m_interceptPort = port;
    m_inFlight = false;
    // This runs inside the parser's callback: the fresh parser replaces it once feed() returns.
    m_parserResetPending = true;
    waitForRequestHead(m_settings.headerTimeoutMs);
    // The plain socket's unsent bytes (a response a pipelining client has not read yet) would be
    // lost with it: the descriptor changes hands once they are out. The client sends nothing for
    // the tunnel before it has the 200, which only the TLS socket writes.
    m_client->flush();
    if (queuedBytes(m_client, m_clientTls) > 0) {
        m_tlsPending = true;
        return;
    }
    beginClientTls();
}

void ProxyConnection::beginClientTls()
{
    m_tlsPending = false;
    if (!upgradeClientToTls()) {
        rejectRequest(503, FlowError::ProxyFailure,
                      tr("The proxy could not take the connection over for TLS: %1")
                          .arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    // Answer the CONNECT in plain text, then speak TLS to the client with a certificate minted
    // for the host, and read the requests inside like any other.
    auto *tls = static_cast<QSslSocket *>(m_client);
    tls->write("HTTP/1.1 200 Connection Established\r\n\r\n");
    tls->flush();
    tls->setSslConfiguration(m_settings.authority->serverConfigurationFor(m_interceptHost));
    // The intercepted CONNECT is a flow only if the handshake fails: once it succeeds, the requests
    // inside are the flows.
    connect(tls, &QSslSocket::encrypted, this, [this] {
        m_flow = Flow{};
        m_flowAnnounced = false;
    });
    connect(tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        failClientTls(errors.isEmpty() ? QString() : errors.first().errorString());
        close();
    });
    connect(tls, &QAbstractSocket::errorOccurred, this, [this, tls](QAbstractSocket::SocketError error) {
        if (!m_interceptPlain && !tls->isEncrypted() && error != QAbstractSocket::RemoteHostClosedError)
            failClientTls(tls->errorString());
    });
    // The handshake starts on the client's first byte: a CONNECT need not carry TLS (Chromium sends
    // ws:// through an HTTP proxy as a CONNECT with the plain Upgrade request inside). The socket is
    // still unencrypted, so peeking leaves the ClientHello where the handshake reads it from.
    m_sniffPending = true;
    if (tls->bytesAvailable() > 0)
        sniffInsideConnect();
}

void ProxyConnection::sniffInsideConnect()
{
    char first[24];
    const qint64 got = m_client->peek(first, qint64(sizeof first));
    if (got <= 0)
        return;
    const QByteArrayView seen(first, got);
    // [rfc8446] 5.1: a TLS record starts with its content type; a ClientHello is handshake(22).
    if (seen.front() == 0x16) {
        m_sniffPending = false;
        static_cast<QSslSocket *>(m_client)->startServerEncryption();
        return;
    }
    // [rfc9112] 3: a request line starts with a method token and a space.
    const qsizetype space = seen.indexOf(' ');
    const QByteArrayView token = space < 0 ? seen : seen.first(space);
    const bool tokenSoFar = std::all_of(token.begin(), token.end(), isTokenChar);
    if (tokenSoFar && space < 0 && got < qint64(sizeof first))
        return; // the method is still arriving
    m_sniffPending = false;
    if (tokenSoFar && space > 0) {
        // Plain HTTP inside the tunnel: its requests are the flows, as after a handshake.
        m_interceptPlain = true;
        m_flow = Flow{};
        m_flowAnnounced = false;
        onClientReadyRead();
        return;
    }
    // Neither TLS nor HTTP: the bytes pass through uninspected and the CONNECT is the tunnel's flow.
    m_headerDeadlineMs = -1;
    m_inFlight = true;
    announceFlow();
    receive(m_client, m_clientBuffer);
    startTunnel(m_interceptHost, m_interceptPort, true);
}

bool ProxyConnection::upgradeClientToTls()
{
    // QAbstractSocket cannot hand its descriptor over, so the QSslSocket gets a duplicate; closing
    // the plain socket's copy (a close, no shutdown) leaves the connection itself open.
    const int descriptor = ::fcntl(int(m_client->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (descriptor < 0)
        return false;
    auto *tls = new QSslSocket(this);
    if (!tls->setSocketDescriptor(descriptor)) {
        ::close(descriptor);
        delete tls;
        errno = EBADF;
        return false;
    }
    QTcpSocket *plain = m_client;
    plain->disconnect(this);
    plain->abort();
    plain->deleteLater();
    m_client = tls;
    m_clientTls = true;
    attachClient();
    return true;
}

void ProxyConnection::startTunnel(const QString &host, quint16 port, bool answered)
{
    m_tunnel = true;
    m_upstream = new QTcpSocket(this);
    m_upstreamTls = false;
    m_upstreamHost = host;
    m_upstreamPort = port;
    m_upstream->setReadBufferSize(socketReadBufferBytes);
    onBytesSent(m_upstream, false, this, [this] {
        if (m_upstream && queuedBytes(m_upstream, m_upstreamTls) <= backPressureBytes)
            resumeClientReading();
    });
    connect(m_upstream, &QTcpSocket::connected, this, [this, answered] {
        m_connectTimer.stop();
        m_flow.serverAddress = m_upstream->peerAddress().toString();
        m_flow.serverPort = m_upstream->peerPort();
        m_flow.status = 200;
        m_flow.reason = "Connection Established";
        m_flow.responseHeadersMs = elapsedMs();
        if (!answered) // an intercepted CONNECT got its 200 before the proxy saw what it carries
            m_client->write("HTTP/1.1 200 Connection Established\r\n\r\n");
        // Bytes the client sent right after the CONNECT head belong to the tunnel.
        if (!m_clientBuffer.isEmpty()) {
            send(m_upstream, m_clientBuffer);
            m_flow.requestBodySize += m_clientBuffer.size();
            m_clientBuffer.clear();
        }
        emit flowUpdated(m_flow);
    });
    connect(m_upstream, &QTcpSocket::readyRead, this, &ProxyConnection::onUpstreamReadyRead);
    connect(m_upstream, &QTcpSocket::disconnected, this, [this] {
        readUpstream(true);
        finishFlow();
        closeClientAfterWrite();
    });
    connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            return;
        m_connectTimer.stop();
        if (m_flow.status == 0)
            failFlow(502, flowErrorOf(error, false),
                     tr("Could not open a tunnel to %1:%2: %3")
                         .arg(m_upstreamHost)
                         .arg(m_upstreamPort)
                         .arg(m_upstream->errorString()));
    });
    m_upstream->connectToHost(host, port);
    m_connectTimer.start(m_settings.connectTimeoutMs, this);
}

void ProxyConnection::finishOpenTunnel()
{
    if (m_tunnel && m_flow.tunnel && m_flow.status != 0)
        finishFlow();
}

void ProxyConnection::onUpstreamReadyRead()
{
    readUpstream(false);
}

void ProxyConnection::readUpstream(bool ignoreBackPressure)
{
    if (!m_upstream)
        return;
    // Back-pressure toward the client: while it has more than this unread, the server's bytes
    // stay in the upstream socket, whose bounded buffer lets TCP slow the server down. Once the
    // server is gone what it sent is delivered regardless.
    if (!ignoreBackPressure && queuedBytes(m_client, m_clientTls) > backPressureBytes)
        return;
    // Lent for this read: a callback that reads again gets a buffer of its own, not the one
    // being parsed here.
    QByteArray data;
    data.swap(m_upstreamBuffer);
    const auto giveBack = qScopeGuard([this, &data] {
        recycle(data);
        m_upstreamBuffer.swap(data);
    });
    receive(m_upstream, data);
    if (m_tunnel) {
        m_flow.responseBodySize += data.size();
        send(m_client, data);
        return;
    }
    if (!m_responseParser || !m_inFlight || m_localAnswer)
        return; // bytes nobody asked for; a keep-alive server must not send them
    qsizetype offset = 0;
    while (offset < data.size() && m_responseParser && !m_tunnel) {
        const qsizetype consumed = m_responseParser->feed(QByteArrayView(data).sliced(offset));
        offset += consumed;
        if (m_responseParser->hasError()) {
            failFlow(502, FlowError::BadUpstreamResponse,
                     tr("The server's response is malformed: %1").arg(m_responseParser->errorString()));
            return;
        }
        if (m_responseParser->isUpgraded()) {
            // 101 Switching Protocols: what follows is the new protocol's bytes.
            if (offset < data.size())
                m_client->write(data.constData() + offset, data.size() - offset);
            switchToTunnel();
            return;
        }
        if (consumed == 0)
            break;
    }
    sendQueued(m_client);
}

void ProxyConnection::onUpstreamDisconnected()
{
    if (m_upstream && m_upstream->bytesAvailable() > 0)
        readUpstream(true);
    if (!m_inFlight || m_localAnswer || !m_responseParser || m_flow.isFinished())
        return;
    m_responseParser->finish();
    if (m_flow.isFinished())
        return; // finish() completed a read-until-close body
    failFlow(502, FlowError::UpstreamClosed,
             m_responseParser->hasError() ? m_responseParser->errorString()
             : m_responseHeadSent ? tr("The server closed the connection before the response was complete.")
                                  : tr("The server closed the connection without a response."));
}

void ProxyConnection::recordUpstreamTls()
{
    const auto *tls = qobject_cast<const QSslSocket *>(m_upstream.data());
    if (!tls || !tls->isEncrypted())
        return;
    const QSslCipher cipher = tls->sessionCipher();
    const QSslCertificate certificate = tls->peerCertificate();
    TlsDetails details;
    details.protocol = cipher.protocolString();
    details.cipher = cipher.name();
    details.certificateSubject = certificate.subjectInfo(QSslCertificate::CommonName).join(u", ");
    details.certificateIssuer = certificate.issuerInfo(QSslCertificate::CommonName).join(u", ");
    details.certificateExpiry = certificate.expiryDate();
    m_flow.tls = details;
}

void ProxyConnection::onResponseHead(const HttpMessageHead &head)
{
    if (head.status >= 100 && head.status < 200 && head.status != 101) {
        // An interim response (100 Continue): pass it on, the real one follows.
        QByteArray out =
            m_flow.httpVersion + ' ' + QByteArray::number(head.status) + ' ' + head.reason + "\r\n";
        appendHead(out, head.headers);
        send(m_client, out);
        return;
    }
    m_flow.status = head.status;
    m_flow.reason = head.reason;
    m_flow.responseHeaders = head.headers;
    recordUpstreamTls();
    m_flow.responseHeadersMs = elapsedMs();
    if (m_rewriter || m_flowRules) {
        HeaderList rewritten = head.headers;
        if (m_flowRules)
            m_flow.appliedRules = m_flowRules->apply(m_flow, rewritten);
        if (m_rewriter)
            m_rewriter(m_flow, rewritten);
        if (!(rewritten == head.headers)) {
            m_flow.originalResponseHeaders = head.headers;
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
    const QByteArray out = messageHead({httpVersionText(head.versionMajor, head.versionMinor), " ",
                                        statusCodeText(head.status), " ", head.reason},
                                       m_flow.responseHeaders);
    send(m_client, out);
    m_responseHeadSent = true;
    m_flow.state = Flow::State::ResponseHeaders;
    emit flowUpdated(m_flow);
}

void ProxyConnection::onResponseBody(QByteArrayView piece)
{
    capture(m_flow.responseBody, m_flow.responseBodySize, piece, m_settings.bodyCaptureBytes);
    forwardBody(m_client, piece, m_responseChunked);
}

void ProxyConnection::onResponseComplete()
{
    if (m_flow.status >= 100 && m_flow.status < 200 && m_flow.status != 101 && !m_responseHeadSent)
        return;
    if (m_responseChunked)
        m_client->write("0\r\n\r\n");
    if (m_flow.websocket)
        return; // the tunnel takes over in onUpstreamReadyRead
    // The server refused a protocol switch: what the client sent after its request may already be
    // the new protocol, so this connection carries no more HTTP.
    if (m_requestParser && m_requestParser->isUpgraded())
        m_closeAfterResponse = true;
    finishFlow();
    afterResponse();
}

void ProxyConnection::switchToTunnel()
{
    m_tunnel = true;
    m_flow.websocket = true;
    finishFlow();
    if (!m_clientBuffer.isEmpty()) {
        send(m_upstream, m_clientBuffer);
        m_clientBuffer.clear();
    }
    connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::closeClientAfterWrite);
}

void ProxyConnection::rejectRequest(int status, FlowError kind, const QString &message)
{
    // A response already on its way to the client cannot be followed by the proxy's own.
    const bool answer =
        !(m_inFlight && m_responseHeadSent) && m_client->state() == QAbstractSocket::ConnectedState;
    if (answer)
        send(m_client, proxyAnswer(status, message));
    adoptFlowForError();
    if (answer)
        m_flow.proxyAnswerStatus = status;
    m_inFlight = false;
    endFlowWithError(kind, message);
    closeClientAfterWrite();
}

void ProxyConnection::failFlow(int status, FlowError kind, const QString &message)
{
    if (m_flow.isFinished())
        return;
    const bool answer =
        status != 0 && !m_responseHeadSent && m_client->state() == QAbstractSocket::ConnectedState;
    if (answer)
        m_flow.proxyAnswerStatus = status;
    m_inFlight = false;
    endFlowWithError(kind, message);
    if (answer)
        send(m_client, proxyAnswer(status, message));
    closeClientAfterWrite();
}

void ProxyConnection::failClientTls(const QString &message)
{
    // Only the CONNECT whose handshake this is: encrypted() replaced it once the handshake succeeded.
    if (m_flow.id == 0 || m_flow.isFinished() || m_flow.method != "CONNECT")
        return;
    endFlowWithError(FlowError::ClientTlsFailure,
                     tr("The client refused the TLS handshake for %1 (does it trust Corscope's CA?): %2")
                         .arg(m_interceptHost, message.isEmpty() ? tr("no reason given") : message));
}

void ProxyConnection::adoptFlowForError()
{
    if (m_flow.id != 0 && !m_flow.isFinished())
        return; // the head arrived: its flow is the one that fails
    // Refused before a head was parsed (malformed, too large, too slow): a flow of its own with what
    // the request line said, so the refusal is in the list, the journal and the HAR like any other.
    m_flowClock.start();
    m_flow = Flow{};
    m_flowAnnounced = false;
    m_flow.id = m_nextFlowId();
    m_flow.started = QDateTime::currentDateTimeUtc();
    m_flow.clientAddress = m_client->peerAddress();
    m_flow.clientPort = m_client->peerPort();
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

void ProxyConnection::endFlowWithError(FlowError kind, const QString &message)
{
    m_flow.error = message;
    m_flow.errorKind = kind;
    m_flow.state = Flow::State::Error;
    m_flow.completeMs = elapsedMs();
    announceFlow();
    emit flowFinished(m_flow);
}

void ProxyConnection::announceFlow()
{
    if (m_flowAnnounced)
        return;
    m_flowAnnounced = true;
    emit flowStarted(m_flow);
}

void ProxyConnection::finishFlow()
{
    if (m_flow.isFinished())
        return;
    m_flow.state = Flow::State::Complete;
    m_flow.completeMs = elapsedMs();
    m_inFlight = false;
    emit flowFinished(m_flow);
}

void ProxyConnection::closeClientAfterWrite()
{
    if (m_closing)
        return;
    m_closing = true;
    if (m_client->bytesToWrite() > 0) {
        connect(m_client, &QTcpSocket::bytesWritten, this, [this] {
            if (m_client->bytesToWrite() == 0)
                m_client->disconnectFromHost();
        });
    } else {
        m_client->disconnectFromHost();
    }
    // disconnected() fires once the socket is down and calls close().
    if (m_client->state() == QAbstractSocket::UnconnectedState)
        close();
}

void ProxyConnection::close()
{
    m_connectTimer.stop();
    if (m_upstream) {
        m_upstream->disconnect(this);
        m_upstream->abort();
    }
    m_client->disconnect(this);
    m_headerTimer.stop();
    emit closed();
    deleteLater();
}

} // namespace Corscope
