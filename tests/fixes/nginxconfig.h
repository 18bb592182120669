#pragma once

// The private nginx the fix tests run (the nginx rig, the backend behind the proxies, the shared
// cache): its own pid, logs and temp files under dir, listening on 127.0.0.1:port. httpContext
// goes into http { }, locationContext into the location of locationPath, before the endpoint's
// answer (200 {"ok":true} with X-Total: 5) — or, with an upstreamPort, before proxy_pass to
// 127.0.0.1:upstreamPort.

#include <QString>

namespace CorscopeTest {

QString nginxConfig(const QString &dir, int port, const QString &httpContext, const QString &locationPath,
                    const QString &locationContext, int upstreamPort = 0);

} // namespace CorscopeTest
