#include "loopbackhttpserver.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QUrl>

namespace CorscopeTest {

namespace {

constexpr qsizetype maxRequestBytes = 8 * 1024 * 1024;
const char *bufferProperty = "corscopeBuffer";
const char *connectionProperty = "corscopeConnection";
const char *silencedProperty = "corscopeSilenced";

QByteArray trimmed(const QByteArray &value)
{
    return value.trimmed();
}

} // namespace

bool LoopbackRequest::hasHeader(const QByteArray &name) const
{
    return headerCount(name) > 0;
}

QByteArray LoopbackRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int LoopbackRequest::headerCount(const QByteArray &name) const
{
    int count = 0;
    for (const auto &header : headers)
        count += header.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
    return count;
}

LoopbackHttpServer::LoopbackHttpServer(QObject *parent)
    : QTcpServer(parent)
{
}

LoopbackHttpServer::~LoopbackHttpServer()
{
    closeConnections();
}

bool LoopbackHttpServer::listenLoopback(quint16 port)
{
    return listen(QHostAddress::LocalHost, port);
}

bool LoopbackHttpServer::enableTls(const QString &certificateFile, const QString &keyFile)
{
    m_chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    QFile key(keyFile);
    if (m_chain.isEmpty() || !key.open(QIODevice::ReadOnly))
        return false;
    const QByteArray pem = key.readAll();
    m_key = QSslKey(pem, QSsl::Rsa, QSsl::Pem);
    if (m_key.isNull())
        m_key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    m_tls = !m_key.isNull();
    return m_tls;
}

QString LoopbackHttpServer::origin() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(serverPort());
}

QUrl LoopbackHttpServer::url(const QString &path) const
{
    return QUrl(origin() + path);
}

void LoopbackHttpServer::reset()
{
    m_requests.clear();
    m_connections = 0;
}

void LoopbackHttpServer::closeConnections()
{
    for (QTcpSocket *socket : findChildren<QTcpSocket *>()) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void LoopbackHttpServer::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *ssl = new QSslSocket(this);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificateChain(m_chain);
        configuration.setPrivateKey(m_key);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->setSslConfiguration(configuration);
        if (!ssl->setSocketDescriptor(descriptor)) {
            delete ssl;
            return;
        }
        ssl->startServerEncryption();
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
    }
    socket->setProperty(connectionProperty, ++m_connections);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

void LoopbackHttpServer::onReadyRead(QTcpSocket *socket)
{
    if (socket->property(silencedProperty).toBool()) {
        socket->readAll();
        return;
    }
    QByteArray buffer = socket->property(bufferProperty).toByteArray() + socket->readAll();
    if (buffer.size() > maxRequestBytes) {
        socket->abort();
        return;
    }
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        LoopbackRequest request;
        request.connection = socket->property(connectionProperty).toInt();
        const QList<QByteArray> requestLine = trimmed(lines.value(0)).split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        request.version = requestLine.value(2);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.append({line.left(colon), trimmed(line.mid(colon + 1))});
        }
        const qsizetype bodyLength = request.header("content-length").toLongLong();
        if (buffer.size() < headEnd + 4 + bodyLength)
            break;
        request.body = buffer.mid(headEnd + 4, bodyLength);
        buffer.remove(0, headEnd + 4 + bodyLength);
        m_requests.append(request);

        const LoopbackReply reply =
            m_handler
                ? m_handler(request)
                : LoopbackReply{response(404, {{"Content-Type", "text/plain"}}, "no handler"), false, false};
        if (reply.neverAnswer) {
            socket->setProperty(silencedProperty, true);
            return;
        }
        socket->write(reply.raw);
        if (reply.close || request.header("connection").compare("close", Qt::CaseInsensitive) == 0) {
            socket->disconnectFromHost();
            return;
        }
    }
    socket->setProperty(bufferProperty, buffer);
}

QByteArray LoopbackHttpServer::response(int status, const HeaderPairs &headers, const QByteArray &body,
                                        const QByteArray &reason)
{
    QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto &[name, value] : headers)
        raw += name + ": " + value + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    raw += body;
    return raw;
}

} // namespace CorscopeTest
