#include "proxy/proxyconnection.h"

#include "proxy/certificateauthority.h"
#include "proxy/rawtunnel.h"
#include "proxy/tlsinterception.h"
#include "proxy/upstreampool.h"

#include <QScopeGuard>
#include <QSslCipher>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>
#include <algorithm>

namespace Corscope {

namespace {

// Without a bound a socket reads everything the kernel has, whether or not anyone consumes it.
constexpr qint64 socketReadBufferBytes = 256 * 1024;

// Calls resume whenever the socket has sent something, in plain or encrypted form.
template<typename Resume> void onBytesSent(QTcpSocket *socket, bool tls, QObject *context, Resume resume)
{
    QObject::connect(socket, &QIODevice::bytesWritten, context, resume);
    if (tls)
        QObject::connect(static_cast<QSslSocket *>(socket), &QSslSocket::encryptedBytesWritten, context,
                         resume);
}

// Both directions copy through the sockets' own buffers rather than trading QByteArrays with them:
// Qt keeps a handed-over array as a block of its buffer (and readAll() hands out the block it
// read into), so each exchange dropped the blocks a socket keeps for reuse and allocated four
// new ones of 16-32 KiB, each large enough to make malloc consolidate its whole heap.
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

void sendQueued(QTcpSocket *socket)
{
    if (socket && socket->bytesToWrite() > 0 && socket->state() == QAbstractSocket::ConnectedState)
        socket->flush();
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

TlsDetails tlsDetailsOf(const QSslSocket *tls)
{
    const QSslCipher cipher = tls->sessionCipher();
    const QSslCertificate certificate = tls->peerCertificate();
    TlsDetails details;
    details.protocol = cipher.protocolString();
    details.cipher = cipher.name();
    details.certificateSubject = certificate.subjectInfo(QSslCertificate::CommonName).join(u", ");
    details.certificateIssuer = certificate.issuerInfo(QSslCertificate::CommonName).join(u", ");
    details.certificateExpiry = certificate.expiryDate();
    return details;
}

} // namespace

ProxyConnection::ProxyConnection(QTcpSocket *client, const ProxySettings &settings,
                                 std::function<quint64()> nextFlowId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_exchange(*this, settings, std::move(nextFlowId), client->peerAddress(), client->peerPort())
{
    m_client->setParent(this);
    m_clock.start();
    attachClient();
    m_exchange.start();
}

ProxyConnection::~ProxyConnection() = default;

void ProxyConnection::attachClient()
{
    m_toClient.setSocket(m_client, m_clientTls);
    m_client->setReadBufferSize(socketReadBufferBytes);
    // Heads and bodies go out as separate small writes; with Nagle on, each would wait for the
    // peer's delayed ACK (40 ms) — latency a debugging proxy must not add.
    m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_client, &QTcpSocket::readyRead, this, &ProxyConnection::onClientReadyRead);
    onBytesSent(m_client, m_clientTls, this, [this] { onClientBytesWritten(); });
    connect(m_client, &QTcpSocket::disconnected, this, &ProxyConnection::onClientDisconnected);
}

// ---- what the exchange asks for -----------------------------------------------------------------

void ProxyConnection::sendToClient(QByteArrayView bytes)
{
    m_toClient.write(bytes);
}

void ProxyConnection::sendUpstream(QByteArrayView bytes)
{
    if (m_upstream)
        m_toUpstream.write(bytes);
}

QString ProxyConnection::openUpstream(const QString &host, quint16 port, bool tls)
{
    if (m_upstream && !m_tunnel && m_upstreamTls == tls && m_upstreamHost == host && m_upstreamPort == port &&
        m_upstream->state() != QAbstractSocket::UnconnectedState)
        return m_upstreamAddress; // kept alive; empty while it is still connecting
    releaseUpstream();
    m_upstreamHost = host;
    m_upstreamPort = port;
    if (QTcpSocket *idle = (m_pool && !tls) ? m_pool->take(host, port, this) : nullptr) {
        attachUpstream(idle, false);
        watchExchangeUpstream();
        m_upstreamAddress = idle->peerAddress().toString();
        return m_upstreamAddress;
    }
    QTcpSocket *upstream = newUpstream(tls);
    watchExchangeUpstream();
    connect(upstream, &QTcpSocket::connected, this, [this] {
        m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_upstreamAddress = m_upstream->peerAddress().toString();
        const SocketWriteBatch batch(m_toClient, m_toUpstream);
        m_exchange.upstreamConnected(m_upstreamAddress, m_upstream->peerPort());
    });
    if (!tls) {
        upstream->connectToHost(host, port);
        return {};
    }
    // The origin server is verified as the browser would: system store plus what the settings add
    // (a development CA).
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(m_exchange.settings().upstreamCaCertificates);
    configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    auto *secure = static_cast<QSslSocket *>(upstream);
    secure->setSslConfiguration(configuration);
    connect(secure, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (!errors.isEmpty()) {
            const SocketWriteBatch batch(m_toClient, m_toUpstream);
            m_exchange.upstreamFailed(502, FlowError::UntrustedCertificate, errors.first().errorString());
        }
    });
    connect(secure, &QSslSocket::encrypted, this,
            [this, secure] { m_exchange.upstreamTlsEstablished(tlsDetailsOf(secure)); });
    secure->connectToHostEncrypted(host, port);
    return {};
}

// The exchange's view of the origin connection, new or from the pool.
void ProxyConnection::watchExchangeUpstream()
{
    connect(m_upstream, &QTcpSocket::readyRead, this, &ProxyConnection::onUpstreamReadyRead);
    connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::onUpstreamDisconnected);
    connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            return; // handled as a disconnect: it may end a read-until-close body
        const SocketWriteBatch batch(m_toClient, m_toUpstream);
        m_exchange.upstreamFailed(502, flowErrorOf(error, !m_upstreamAddress.isEmpty()),
                                  m_upstream->errorString());
    });
}

QTcpSocket *ProxyConnection::newUpstream(bool tls)
{
    // Plain http needs no QSslSocket, whose unencrypted mode still copies every byte through an
    // inner socket and relays its signals.
    attachUpstream(tls ? new QSslSocket(this) : new QTcpSocket(this), tls);
    m_upstreamAddress.clear();
    return m_upstream;
}

void ProxyConnection::attachUpstream(QTcpSocket *socket, bool tls)
{
    m_upstreamTls = tls;
    m_upstream = socket;
    m_toUpstream.setSocket(m_upstream, tls);
    m_upstream->setReadBufferSize(socketReadBufferBytes);
    // The server caught up: resume reading the client's side.
    onBytesSent(m_upstream, tls, this, [this] {
        if (m_upstream && queuedBytes(m_upstream, m_upstreamTls) <= backPressureBytes)
            resumeClientReading();
    });
}

void ProxyConnection::dropUpstream()
{
    m_tunnel.reset();
    m_toUpstream.discard();
    m_toUpstream.setSocket(nullptr, false);
    if (!m_upstream)
        return;
    m_upstream->disconnect(this);
    m_upstream->abort();
    m_upstream->deleteLater();
    m_upstream = nullptr;
}

void ProxyConnection::releaseUpstream()
{
    if (!m_pool || !m_upstream || m_upstreamTls || m_tunnel || !m_exchange.upstreamIdle() ||
        m_upstream->state() != QAbstractSocket::ConnectedState || m_upstream->bytesToWrite() > 0 ||
        m_upstream->bytesAvailable() > 0) {
        dropUpstream();
        return;
    }
    m_toUpstream.flush();
    m_toUpstream.setSocket(nullptr, false);
    m_upstream->disconnect(this);
    QTcpSocket *idle = m_upstream;
    m_upstream = nullptr;
    m_pool->give(idle, m_upstreamHost, m_upstreamPort);
}

void ProxyConnection::abortUpstream()
{
    dropUpstream();
}

void ProxyConnection::openTunnel(const QString &host, quint16 port, QByteArray clientBytes, bool)
{
    m_toClient.flush(); // the tunnel writes to the client itself from now on
    dropUpstream();     // a keep-alive connection from requests before the CONNECT
    QTcpSocket *upstream = newUpstream(false);
    m_upstreamHost = host;
    m_upstreamPort = port;
    m_tunnel = std::make_unique<RawTunnel>(m_client, m_clientTls, upstream, false, false);
    m_tunnel->sendUpstream(clientBytes);
    connect(upstream, &QTcpSocket::connected, this, [this] {
        // The exchange first: it may refuse the peer (a proxy open beyond loopback reaching its own
        // machine), which drops the tunnel before any client byte is relayed.
        m_exchange.tunnelEstablished(m_upstream->peerAddress().toString(), m_upstream->peerPort());
        if (!m_tunnel)
            return;
        m_tunnel->upstreamConnected();
        m_tunnel->fromClient();
    });
    connect(upstream, &QTcpSocket::readyRead, this, &ProxyConnection::onUpstreamReadyRead);
    connect(upstream, &QTcpSocket::disconnected, this, &ProxyConnection::onUpstreamDisconnected);
    connect(upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError) {
            const SocketWriteBatch batch(m_toClient, m_toUpstream);
            m_exchange.upstreamFailed(502, flowErrorOf(error, false), m_upstream->errorString());
        }
    });
    upstream->connectToHost(host, port);
}

void ProxyConnection::switchToTunnel(QByteArray clientBytes)
{
    // The 101 and the request before the switch go first; the tunnel writes what follows.
    m_toClient.flush();
    m_toUpstream.flush();
    m_tunnel = std::make_unique<RawTunnel>(m_client, m_clientTls, m_upstream, m_upstreamTls, true);
    m_tunnel->sendUpstream(clientBytes);
    resumeClientReading();
}

void ProxyConnection::interceptConnect(const QString &host)
{
    m_interceptHost = host;
    m_toClient.flush();
    // The plain socket's unsent bytes (a response a pipelining client has not read yet) would be
    // lost with it: the descriptor changes hands once they are out (onClientBytesWritten). The
    // client sends nothing for the tunnel before it has the 200, which only the TLS socket writes.
    m_client->flush();
    if (queuedBytes(m_client, m_clientTls) == 0)
        beginClientTls();
}

void ProxyConnection::beginClientTls()
{
    QString why;
    QSslSocket *tls = TlsInterception::takeOver(m_client, this, &why);
    if (!tls) {
        m_exchange.interceptionFailed(why);
        return;
    }
    m_client = tls;
    m_clientTls = true;
    attachClient();
    // Answer the CONNECT in plain text, then speak TLS to the client with a certificate minted
    // for the host, and read the requests inside like any other.
    tls->write("HTTP/1.1 200 Connection Established\r\n\r\n");
    tls->flush();
    tls->setSslConfiguration(m_exchange.settings().authority->serverConfigurationFor(m_interceptHost));
    connect(tls, &QSslSocket::encrypted, this, [this] { m_exchange.interceptedTlsEstablished(); });
    connect(tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_exchange.clientTlsFailed(errors.isEmpty() ? QString() : errors.first().errorString());
        closeNow();
    });
    connect(tls, &QAbstractSocket::errorOccurred, this, [this, tls](QAbstractSocket::SocketError error) {
        if (!tls->isEncrypted() && error != QAbstractSocket::RemoteHostClosedError)
            m_exchange.clientTlsFailed(tls->errorString());
    });
    // The handshake starts on the client's first byte: a CONNECT need not carry TLS (Chromium sends
    // ws:// through an HTTP proxy as a CONNECT with the plain Upgrade request inside). The socket is
    // still unencrypted, so peeking leaves the ClientHello where the handshake reads it from.
    if (tls->bytesAvailable() > 0)
        sniffInsideConnect();
}

void ProxyConnection::sniffInsideConnect()
{
    char first[TlsInterception::sniffBytes];
    const qint64 got = m_client->peek(first, qint64(sizeof first));
    if (got <= 0)
        return;
    switch (TlsInterception::classify(QByteArrayView(first, got))) {
    case TlsInterception::Inside::Unknown:
        return;
    case TlsInterception::Inside::Tls:
        m_exchange.interceptedTls();
        static_cast<QSslSocket *>(m_client)->startServerEncryption();
        return;
    case TlsInterception::Inside::PlainHttp:
        receive(m_client, m_exchange.clientBuffer());
        {
            const SocketWriteBatch batch(m_toClient, m_toUpstream);
            m_exchange.interceptedPlain();
        }
        sendQueued(m_upstream);
        return;
    case TlsInterception::Inside::Raw:
        receive(m_client, m_exchange.clientBuffer());
        m_exchange.interceptedRaw();
        return;
    }
}

void ProxyConnection::resumeLater()
{
    if (m_exchange.clientBuffer().isEmpty() && m_client->bytesAvailable() == 0)
        return;
    // Not from inside the parser callback that ended the response: the next request may reset
    // the parser whose bytes are being read.
    QTimer::singleShot(0, this, [this] {
        const SocketWriteBatch batch(m_toClient, m_toUpstream);
        m_exchange.resume();
        resumeClientReading();
        sendQueued(m_upstream);
    });
}

void ProxyConnection::scheduleTimer(int delayMs)
{
    if (delayMs < 0)
        m_timer.stop();
    else
        m_timer.start(delayMs, this);
}

void ProxyConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    const SocketWriteBatch batch(m_toClient, m_toUpstream);
    m_exchange.timerFired();
}

bool ProxyConnection::clientConnected() const
{
    return m_client->state() == QAbstractSocket::ConnectedState;
}

qint64 ProxyConnection::nowNs() const
{
    return m_clock.nsecsElapsed();
}

// ---- client socket ------------------------------------------------------------------------------

void ProxyConnection::onClientReadyRead()
{
    if (m_closed)
        return;
    if (m_tunnel) {
        m_tunnel->fromClient();
        return;
    }
    if (m_exchange.state() == Http1Exchange::State::Intercepting) {
        // Before the takeover the TLS socket that gets the descriptor reads what follows.
        if (m_clientTls)
            sniffInsideConnect();
        return;
    }
    // Back-pressure toward the server: an upload faster than it reads, or pipelined requests
    // piling up behind a slow response, stay in the client's socket until there is room.
    if ((m_upstream && queuedBytes(m_upstream, m_upstreamTls) > backPressureBytes) ||
        m_exchange.clientBuffer().size() > backPressureBytes)
        return;
    {
        const SocketWriteBatch batch(m_toClient, m_toUpstream);
        receive(m_client, m_exchange.clientBuffer());
        m_exchange.clientData();
    }
    if (m_exchange.clientBuffer().isEmpty())
        recycle(m_exchange.clientBuffer());
    sendQueued(m_upstream);
}

void ProxyConnection::onClientBytesWritten()
{
    if (m_exchange.state() == Http1Exchange::State::Intercepting && !m_clientTls) {
        if (queuedBytes(m_client, false) == 0)
            beginClientTls();
        return;
    }
    // The client caught up: resume reading the server's side.
    if (m_upstream && m_upstream->bytesAvailable() > 0 &&
        queuedBytes(m_client, m_clientTls) <= backPressureBytes)
        readUpstream(false);
}

void ProxyConnection::onClientDisconnected()
{
    if (m_tunnel) {
        readUpstream(true);
        m_exchange.tunnelClosed(m_tunnel->bytesUp(), m_tunnel->bytesDown());
    }
    m_exchange.clientClosed();
    closeNow();
}

void ProxyConnection::resumeClientReading()
{
    if (!m_closing && m_client->bytesAvailable() > 0)
        onClientReadyRead();
}

// ---- upstream socket ----------------------------------------------------------------------------

void ProxyConnection::onUpstreamReadyRead()
{
    readUpstream(false);
}

void ProxyConnection::readUpstream(bool ignoreBackPressure)
{
    if (!m_upstream)
        return;
    if (m_tunnel) {
        m_tunnel->fromUpstream(ignoreBackPressure);
        return;
    }
    // Back-pressure toward the client: while it has more than this unread, the server's bytes
    // stay in the upstream socket, whose bounded buffer lets TCP slow the server down. Once the
    // server is gone what it sent is delivered regardless.
    if (!ignoreBackPressure && queuedBytes(m_client, m_clientTls) > backPressureBytes)
        return;
    // Lent for this read: a call that reads again gets a buffer of its own, not the one being
    // parsed here.
    QByteArray data;
    data.swap(m_upstreamBuffer);
    const auto giveBack = qScopeGuard([this, &data] {
        recycle(data);
        m_upstreamBuffer.swap(data);
    });
    {
        const SocketWriteBatch batch(m_toClient, m_toUpstream);
        receive(m_upstream, data);
        m_exchange.upstreamData(data);
    }
    sendQueued(m_client);
}

void ProxyConnection::onUpstreamDisconnected()
{
    if (m_tunnel) {
        readUpstream(true);
        m_exchange.tunnelClosed(m_tunnel->bytesUp(), m_tunnel->bytesDown());
        closeClientAfterWrite();
        return;
    }
    if (m_upstream && m_upstream->bytesAvailable() > 0)
        readUpstream(true);
    const SocketWriteBatch batch(m_toClient, m_toUpstream);
    m_exchange.upstreamClosed();
}

void ProxyConnection::finishOpenTunnel()
{
    if (m_tunnel)
        m_exchange.tunnelClosed(m_tunnel->bytesUp(), m_tunnel->bytesDown());
}

// ---- closing ------------------------------------------------------------------------------------

void ProxyConnection::closeClientAfterWrite()
{
    if (m_closing)
        return;
    m_closing = true;
    m_toClient.flush();
    if (m_client->bytesToWrite() > 0) {
        connect(m_client, &QTcpSocket::bytesWritten, this, [this] {
            if (m_client->bytesToWrite() == 0)
                m_client->disconnectFromHost();
        });
    } else {
        m_client->disconnectFromHost();
    }
    // disconnected() fires once the socket is down and calls closeNow().
    if (m_client->state() == QAbstractSocket::UnconnectedState)
        closeNow();
}

void ProxyConnection::closeNow()
{
    if (m_closed)
        return;
    m_closed = true;
    m_timer.stop();
    m_tunnel.reset();
    releaseUpstream();
    m_client->disconnect(this);
    emit closed();
    deleteLater();
}

} // namespace Corscope
