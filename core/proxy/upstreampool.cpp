#include "proxy/upstreampool.h"

#include <QTcpSocket>
#include <QTimerEvent>
#include <algorithm>

namespace Corscope {

UpstreamPool::UpstreamPool(int idleMs, int capacity, QObject *parent)
    : QObject(parent)
    , m_idleMs(idleMs)
    , m_capacity(capacity)
{
    m_clock.start();
}

UpstreamPool::~UpstreamPool()
{
    for (const Idle &idle : m_idle)
        idle.socket->disconnect(this);
}

QTcpSocket *UpstreamPool::take(const QString &host, quint16 port, QObject *newOwner)
{
    for (auto it = m_idle.rbegin(); it != m_idle.rend(); ++it) {
        if (it->port != port || it->host != host)
            continue;
        QTcpSocket *socket = it->socket;
        m_idle.erase(std::next(it).base());
        socket->disconnect(this);
        // A close or stray bytes the event loop has not reported yet: not reusable.
        if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0) {
            socket->abort();
            socket->deleteLater();
            return take(host, port, newOwner);
        }
        socket->setParent(newOwner);
        return socket;
    }
    return nullptr;
}

void UpstreamPool::give(QTcpSocket *socket, const QString &host, quint16 port)
{
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0 || m_capacity <= 0) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (int(m_idle.size()) >= m_capacity) {
        close(m_idle.front());
        m_idle.erase(m_idle.begin());
    }
    socket->setParent(this);
    // An idle connection has nothing to say: bytes or a close from the server end it.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { drop(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
    m_idle.push_back({socket, host, port, m_clock.elapsed()});
    if (!m_sweep.isActive())
        m_sweep.start(std::max(100, m_idleMs / 4), this);
}

void UpstreamPool::clear()
{
    for (const Idle &idle : m_idle)
        close(idle);
    m_idle.clear();
    m_sweep.stop();
}

void UpstreamPool::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_sweep.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    const qint64 now = m_clock.elapsed();
    const auto expired = [&](const Idle &idle) { return now - idle.sinceMs >= m_idleMs; };
    // Oldest first: the expired ones are a prefix.
    const auto firstKept = std::find_if_not(m_idle.begin(), m_idle.end(), expired);
    std::for_each(m_idle.begin(), firstKept, [this](const Idle &idle) { close(idle); });
    m_idle.erase(m_idle.begin(), firstKept);
    if (m_idle.empty())
        m_sweep.stop();
}

void UpstreamPool::drop(QTcpSocket *socket)
{
    const auto it = std::find_if(m_idle.begin(), m_idle.end(), [socket](const Idle &idle) { return idle.socket == socket; });
    if (it == m_idle.end())
        return;
    close(*it);
    m_idle.erase(it);
}

void UpstreamPool::close(const Idle &idle)
{
    idle.socket->disconnect(this);
    idle.socket->abort();
    idle.socket->deleteLater();
}

} // namespace Corscope
