#include "proxy/socketwriter.h"

#include <QTcpSocket>
#include <cerrno>
#include <sys/socket.h>

namespace Corscope {

void SocketWriter::setSocket(QTcpSocket *socket, bool tls)
{
    flush();
    m_socket = socket;
    m_tls = tls;
}

void SocketWriter::end()
{
    if (--m_depth == 0)
        flush();
}

void SocketWriter::write(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_depth > 0)
        m_gathered.append(bytes);
    else
        send(bytes);
}

void SocketWriter::flush()
{
    if (m_gathered.isEmpty())
        return;
    send(m_gathered);
    // Keep the block for the next request unless a large body made it large.
    constexpr qsizetype keptBytes = 16 * 1024;
    if (m_gathered.capacity() > keptBytes)
        m_gathered = QByteArray();
    else
        m_gathered.resize(0);
}

void SocketWriter::send(QByteArrayView bytes)
{
    // A socket that was closed meanwhile takes nothing, as QIODevice::write would not.
    if (!m_socket || !m_socket->isOpen())
        return;
    qsizetype sent = 0;
    // Straight to the kernel only when nothing waits in Qt's buffer ahead of these bytes.
    if (!m_tls && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() == 0) {
        const ssize_t n = ::send(int(m_socket->socketDescriptor()), bytes.data(), size_t(bytes.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        // A full socket buffer (EAGAIN) or a failure: Qt's buffer takes the rest, and Qt reports
        // the failure through the socket's own signals as it would have.
        if (n > 0)
            sent = qsizetype(n);
    }
    if (sent < bytes.size())
        m_socket->write(bytes.data() + sent, bytes.size() - sent);
}

} // namespace Corscope
