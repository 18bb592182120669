#pragma once

// A shared cache in front of a rig's server, as a CDN or a caching reverse proxy puts one in
// front of an API: a private nginx with proxy_cache that keeps every 200 answer to GET for ten
// minutes and honours Vary (nginx >= 1.7.7 stores one variant per value of the named request
// headers). X-Cache-Status says whether an answer came from the cache (HIT) or not (MISS).

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <memory>

namespace CorscopeTest {

class SharedCache {
public:
    ~SharedCache();

    // Listens on 127.0.0.1:port and forwards what it does not hold to 127.0.0.1:upstreamPort.
    bool start(int upstreamPort, int port, const QString &dir, QString *error);
    void stop();

    // Sends GET path through the cache with this Origin (none when empty), as another visitor
    // does before the page's fetch: someone opening the API's URL in a tab sends no Origin.
    // Returns the answer's X-Cache-Status ("MISS" when it was fetched and stored), empty and
    // *error on failure.
    QByteArray visit(const QByteArray &path, const QByteArray &origin, QString *error) const;

    QString log() const;

private:
    std::unique_ptr<QProcess> m_process;
    QString m_dir;
    int m_port = 0;
};

} // namespace CorscopeTest
