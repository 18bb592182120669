#pragma once

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <vector>

class QTcpSocket;

namespace Corscope {

// Idle keep-alive connections to origin servers that outlive the client connection which opened
// them, so the next client's request to the same origin skips the TCP handshake and the server's
// accept ([rfc9112] 9.3, as Squid's server-side persistent connections). Plain http only: a TLS
// connection's handshake details belong to the flow that made it.
class UpstreamPool : public QObject {
public:
    // idleMs stays below the shortest keep-alive timeouts servers use by default (Apache httpd and
    // Node's http module: 5 s), so a pooled connection is dropped before the server closes it and
    // a request is never written onto a connection the server is closing.
    explicit UpstreamPool(int idleMs = 4'000, int capacity = 64, QObject *parent = nullptr);
    ~UpstreamPool() override;

    // An idle connection to host:port, now owned by newOwner (its parent, its signals), or nullptr.
    QTcpSocket *take(const QString &host, quint16 port, QObject *newOwner);
    // Keeps a connected, idle socket (the pool becomes its parent); the oldest goes when full.
    void give(QTcpSocket *socket, const QString &host, quint16 port);
    int idleCount() const { return int(m_idle.size()); }
    // Closes every idle connection (the proxy stops).
    void clear();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Idle {
        QTcpSocket *socket;
        QString host;
        quint16 port;
        qint64 sinceMs;
    };
    void drop(QTcpSocket *socket);
    void close(const Idle &idle);

    int m_idleMs;
    int m_capacity;
    std::vector<Idle> m_idle; // the most recently given last: take() reuses the warmest
    QBasicTimer m_sweep;
    QElapsedTimer m_clock;
};

} // namespace Corscope
