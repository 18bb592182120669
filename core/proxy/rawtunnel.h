#pragma once

#include <QByteArray>
#include <QtGlobal>

class QTcpSocket;

namespace Corscope {

// Bytes one side may have queued unwritten before the proxy stops reading the other: a slow
// reader then slows the fast writer through TCP instead of filling the proxy's memory.
constexpr qint64 backPressureBytes = 1024 * 1024;

// What a socket still has to send. A TLS socket encrypts at once: its queue is mostly ciphertext,
// which bytesToWrite() does not count. The caller says which kind it is: a qobject_cast here, on
// every read and write, was 2% of the proxy's time.
qint64 queuedBytes(const QTcpSocket *socket, bool tls);

// A raw byte relay between the client and a server: an uninspected CONNECT, or a connection after
// 101 Switching Protocols (WebSocket). It reads only when the other side has room (back-pressure)
// and counts what it carried each way for the flow. It owns neither socket; the connection calls
// it from its sockets' signals.
class RawTunnel {
public:
    RawTunnel(QTcpSocket *client, bool clientTls, QTcpSocket *upstream, bool upstreamTls,
              bool upstreamConnected);

    // Bytes for the server that came before the tunnel (after the CONNECT head, or after the
    // Upgrade request); they wait until the server has accepted.
    void sendUpstream(QByteArrayView bytes);
    void upstreamConnected();
    // Relays what the client sent, unless the server's side has too much queued.
    void fromClient();
    // Relays what the server sent; ignoreBackPressure once the server is gone.
    void fromUpstream(bool ignoreBackPressure);

    qint64 bytesUp() const { return m_bytesUp; }
    qint64 bytesDown() const { return m_bytesDown; }

private:
    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    bool m_clientTls;
    bool m_upstreamTls;
    bool m_connected;
    QByteArray m_waiting; // for the server, until it accepts
    QByteArray m_buffer;  // reused for every read
    qint64 m_bytesUp = 0;
    qint64 m_bytesDown = 0;
};

} // namespace Corscope
