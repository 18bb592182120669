#pragma once

#include <QByteArray>
#include <QByteArrayView>

class QTcpSocket;

namespace Corscope {

// Writes to one side of a proxied connection. What the exchange sends while a socket event is
// handled is gathered and goes out as one send(2) straight from here when the socket has
// nothing queued: QIODevice::write would copy it into the socket's ring buffer, switch its write
// notifier on and off again and emit bytesWritten — per keep-alive request, on both sides, a
// tenth of the proxy's event-loop time. Whatever the kernel does not take at once, a TLS socket,
// and a socket still connecting go through Qt's buffer as before, so order and back-pressure stay
// Qt's.
class SocketWriter {
public:
    void setSocket(QTcpSocket *socket, bool tls);

    // Until the matching end(), writes are gathered; the outermost end() sends them.
    void begin() { ++m_depth; }
    void end();
    void write(QByteArrayView bytes);
    // Sends what was gathered now: before anyone else writes to the socket (a tunnel, the TLS
    // takeover) or asks what it still has to send.
    void flush();
    // The socket is being dropped: what was gathered for it goes nowhere.
    void discard() { m_gathered.resize(0); }

private:
    void send(QByteArrayView bytes);

    QTcpSocket *m_socket = nullptr;
    bool m_tls = false;
    int m_depth = 0;
    QByteArray m_gathered;
};

// Gathers the writes of one event handler.
class SocketWriteBatch {
public:
    explicit SocketWriteBatch(SocketWriter &first, SocketWriter &second)
        : m_first(first)
        , m_second(second)
    {
        m_first.begin();
        m_second.begin();
    }
    ~SocketWriteBatch()
    {
        m_first.end();
        m_second.end();
    }
    SocketWriteBatch(const SocketWriteBatch &) = delete;
    SocketWriteBatch &operator=(const SocketWriteBatch &) = delete;

private:
    SocketWriter &m_first;
    SocketWriter &m_second;
};

} // namespace Corscope
