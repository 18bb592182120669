#include "nginxconfig.h"

namespace CorscopeTest {

QString nginxConfig(const QString &dir, int port, const QString &httpContext, const QString &locationPath,
                    const QString &locationContext, int upstreamPort)
{
    return QStringLiteral(R"(daemon off;
pid %1/nginx.pid;
error_log %1/error.log;
events {}
http {
    access_log off;
    client_body_temp_path %1; proxy_temp_path %1; fastcgi_temp_path %1; uwsgi_temp_path %1; scgi_temp_path %1;
%3
    server {
        listen 127.0.0.1:%2;
        location %4 {
%5
%6
        }
    }
}
)")
        .arg(dir)
        .arg(port)
        .arg(httpContext, locationPath, locationContext,
             upstreamPort ? QStringLiteral("            proxy_pass http://127.0.0.1:%1;").arg(upstreamPort)
                          : QStringLiteral("            add_header X-Total 5 always;\n"
                                           "            default_type application/json;\n"
                                           "            return 200 '{\"ok\":true}';"));
}

} // namespace CorscopeTest
