#include "sharedcache.h"

#include "childprocess.h"
#include "nginxconfig.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <unistd.h>

namespace CorscopeTest {

SharedCache::~SharedCache()
{
    stop();
}

bool SharedCache::start(int upstreamPort, int port, const QString &dir, QString *error)
{
    m_dir = dir;
    m_port = port;
    QDir().mkpath(dir + QStringLiteral("/cache"));
    // proxy_cache_valid makes answers without Cache-Control cacheable, as CDNs' default TTLs do;
    // the upstream's own Vary decides the variants.
    // Started as root, nginx runs its workers as nobody, who cannot write into the test's
    // private directory: the cache's files must be written by whoever runs the test.
    const QString config =
        (::geteuid() == 0 ? QStringLiteral("user root;\n") : QString()) +
        nginxConfig(dir, port, QStringLiteral("    proxy_cache_path %1/cache keys_zone=api:1m;").arg(dir),
                    QStringLiteral("/"),
                    QStringLiteral("            proxy_cache api;\n"
                                   "            proxy_cache_valid 200 10m;\n"
                                   "            add_header X-Cache-Status $upstream_cache_status always;"),
                    upstreamPort);
    QFile file(dir + QStringLiteral("/nginx.conf"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(config.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    file.close();
    stopped(m_process);
    m_process = started(QStringLiteral("nginx"),
                        {QStringLiteral("-c"), file.fileName(), QStringLiteral("-p"), dir}, {}, {});
    if (!m_process->waitForStarted(10000) || !waitForPort(port, m_process.get(), error)) {
        *error += QStringLiteral("\n") + log();
        return false;
    }
    return true;
}

void SharedCache::stop()
{
    stopped(m_process);
}

QByteArray SharedCache::visit(const QByteArray &path, const QByteArray &origin, QString *error) const
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_port));
    if (!socket.waitForConnected(5000)) {
        *error = QStringLiteral("cannot connect to the cache: %1").arg(socket.errorString());
        return {};
    }
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                         "\r\nConnection: close\r\n";
    if (!origin.isEmpty())
        request += "Origin: " + origin + "\r\n";
    socket.write(request + "\r\n");
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
        answer += socket.readAll();
    answer += socket.readAll();
    const QByteArray head = answer.left(answer.indexOf("\r\n\r\n"));
    if (!head.startsWith("HTTP/1.1 200")) {
        *error = QStringLiteral("the cache answered: %1\n%2").arg(QString::fromUtf8(head), log());
        return {};
    }
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("x-cache-status:"))
            return line.mid(line.indexOf(':') + 1).trimmed();
    }
    *error = QStringLiteral("no X-Cache-Status in: %1").arg(QString::fromUtf8(head));
    return {};
}

QString SharedCache::log() const
{
    QString text;
    if (m_process)
        text += QString::fromUtf8(m_process->readAll());
    QFile file(m_dir + QStringLiteral("/error.log"));
    if (file.open(QIODevice::ReadOnly))
        text += QString::fromUtf8(file.readAll().right(4000));
    return text;
}

} // namespace CorscopeTest
