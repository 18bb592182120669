#include "proxy/proxyserver.h"

#include <QNetworkInterface>
#include <QTcpSocket>

namespace Corscope {

ProxyServer::ProxyServer(ProxySettings settings, QObject *parent)
    : QTcpServer(parent)
    , m_settings(std::move(settings))
{
}

bool ProxyServer::start(QString *error, bool allowNonLoopback)
{
    if (!m_settings.address.isLoopback() && !allowNonLoopback) {
        if (error)
            *error = tr("Refusing to listen on %1: Corscope's proxy listens on loopback unless you "
                        "explicitly allow "
                        "another address.")
                         .arg(m_settings.address.toString());
        return false;
    }
    // Beyond loopback anyone on the network reaches the proxy: it is not an open relay there. It
    // takes a credential and goes only to allowed targets, never to this machine's own services
    // unless a target names them (ProxyAccess).
    if (!m_settings.address.isLoopback())
        m_settings.access.enforced = true;
    if (m_settings.access.enforced) {
        if (m_settings.access.credential.isEmpty() || !m_settings.access.credential.contains(':')) {
            if (error)
                *error = tr("Refusing to listen on %1 without a proxy credential (USER:PASSWORD): anyone "
                            "who can reach it could use it.")
                             .arg(m_settings.address.toString());
            return false;
        }
        m_settings.access.ownAddresses = QNetworkInterface::allAddresses();
    }
    setListenBacklogSize(m_settings.listenBacklog);
    if (!listen(m_settings.address, m_settings.port)) {
        if (error)
            *error = tr("Cannot listen on %1:%2: %3")
                         .arg(m_settings.address.toString())
                         .arg(m_settings.port)
                         .arg(errorString());
        return false;
    }
    return true;
}

void ProxyServer::stop()
{
    close();
    // A tunnel ends only when a side closes it; one still open when the capture stops is finished
    // now, with what it carried so far, or the capture would not show it at all.
    for (ProxyConnection *connection : findChildren<ProxyConnection *>(Qt::FindDirectChildrenOnly))
        connection->finishOpenTunnel();
    m_upstreamPool.clear();
}

QString ProxyServer::listenAddress() const
{
    const QHostAddress address = serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return host + u':' + QString::number(serverPort());
}

void ProxyServer::incomingConnection(qintptr descriptor)
{
    // Plain TCP: the connection swaps in a QSslSocket only if a CONNECT is intercepted.
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        socket->deleteLater();
        return;
    }
    if (m_connections >= m_settings.maxConnections) {
        socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 34\r\n"
                      "Connection: close\r\n\r\nToo many connections to the proxy\n");
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // Refused before a byte was read: a flow all the same, so the refusal shows in the capture.
        Flow refused;
        refused.id = m_nextFlowId++;
        refused.started = QDateTime::currentDateTimeUtc();
        refused.clientAddress = socket->peerAddress();
        refused.clientPort = socket->peerPort();
        refused.state = Flow::State::Error;
        refused.errorKind = FlowError::ProxyFailure;
        refused.proxyAnswerStatus = 503;
        refused.completeMs = 0;
        refused.error = tr("The proxy refused the connection: %n connection(s) are open already.", nullptr,
                           m_connections);
        emit flowStarted(refused);
        emit flowFinished(refused);
        return;
    }
    ++m_connections;
    auto *connection = new ProxyConnection(
        socket, m_settings, [this] { return m_nextFlowId++; }, this);
    if (m_rewriter)
        connection->setResponseRewriter([this](const Flow &flow, HeaderList &headers) {
            if (m_rewriter)
                m_rewriter(flow, headers);
        });
    connection->setRewriteRules([this] { return m_rules; });
    connection->setUpstreamPool(&m_upstreamPool);
    connect(connection, &ProxyConnection::flowStarted, this, &ProxyServer::flowStarted);
    connect(connection, &ProxyConnection::flowUpdated, this, &ProxyServer::flowUpdated);
    connect(connection, &ProxyConnection::flowFinished, this, &ProxyServer::flowFinished);
    connect(connection, &ProxyConnection::closed, this, [this] { --m_connections; });
}

} // namespace Corscope
