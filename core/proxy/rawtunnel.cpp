#include "proxy/rawtunnel.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace Corscope {

namespace {

// Keeps the read buffer's block unless a burst made it large: an open but quiet tunnel (a
// WebSocket) then holds a few hundred bytes, not the largest read it ever saw.
void recycle(QByteArray &buffer)
{
    constexpr qsizetype keptBytes = 16 * 1024;
    if (buffer.capacity() > keptBytes)
        buffer = QByteArray();
}

} // namespace

qint64 queuedBytes(const QTcpSocket *socket, bool tls)
{
    return socket->bytesToWrite() +
           (tls ? static_cast<const QSslSocket *>(socket)->encryptedBytesToWrite() : 0);
}

RawTunnel::RawTunnel(QTcpSocket *client, bool clientTls, QTcpSocket *upstream, bool upstreamTls,
                     bool upstreamConnected)
    : m_client(client)
    , m_upstream(upstream)
    , m_clientTls(clientTls)
    , m_upstreamTls(upstreamTls)
    , m_connected(upstreamConnected)
{
}

void RawTunnel::sendUpstream(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_bytesUp += bytes.size();
    if (m_connected)
        m_upstream->write(bytes.data(), bytes.size());
    else
        m_waiting += bytes;
}

void RawTunnel::upstreamConnected()
{
    m_connected = true;
    if (!m_waiting.isEmpty()) {
        m_upstream->write(m_waiting);
        m_waiting = QByteArray();
    }
}

void RawTunnel::fromClient()
{
    // Until the server has accepted, the client's bytes stay in its socket (bounded by its read
    // buffer), behind what came before them.
    if (!m_connected || queuedBytes(m_upstream, m_upstreamTls) > backPressureBytes)
        return;
    const qint64 available = m_client->bytesAvailable();
    if (available <= 0)
        return;
    m_buffer.resize(available);
    const qint64 got = m_client->read(m_buffer.data(), available);
    if (got > 0) {
        m_upstream->write(m_buffer.constData(), got);
        m_bytesUp += got;
    }
    recycle(m_buffer);
}

void RawTunnel::fromUpstream(bool ignoreBackPressure)
{
    // Back-pressure toward the client: while it has more than this unread, the server's bytes
    // stay in the upstream socket, whose bounded buffer lets TCP slow the server down. Once the
    // server is gone what it sent is delivered regardless.
    if (!ignoreBackPressure && queuedBytes(m_client, m_clientTls) > backPressureBytes)
        return;
    const qint64 available = m_upstream->bytesAvailable();
    if (available <= 0)
        return;
    m_buffer.resize(available);
    const qint64 got = m_upstream->read(m_buffer.data(), available);
    if (got > 0) {
        m_client->write(m_buffer.constData(), got);
        m_bytesDown += got;
    }
    recycle(m_buffer);
}

} // namespace Corscope
