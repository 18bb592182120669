#include "apacherig.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace CorscopeTest {

namespace {

const QString modules = QStringLiteral("/usr/lib/apache2/modules");

QString addHeaders(const HeaderPairs &headers, const QString &pageOrigin, const QString &condition)
{
    QString text;
    // `add`, not `set`: the duplicated-header family sends the same header twice.
    for (const auto &[name, value] : headers)
        text += QStringLiteral("Header always add %1 %2%3\n")
                    .arg(QString::fromUtf8(name),
                         ServerRig::doubleQuoted(ServerRig::substituted(value, pageOrigin)), condition);
    return text;
}

} // namespace

bool ApacheRig::available(QString *why) const
{
    if (QStandardPaths::findExecutable(QStringLiteral("apache2"), {QStringLiteral("/usr/sbin")}).isEmpty()) {
        *why = QStringLiteral("apache2 is not installed (Debian package apache2)");
        return false;
    }
    if (!QFileInfo::exists(modules + QStringLiteral("/mod_proxy_http.so"))) {
        *why = QStringLiteral("mod_proxy_http is missing from %1").arg(modules);
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")}).isEmpty()) {
        *why = QStringLiteral("nginx (the backend) is not installed (Debian package nginx-light)");
        return false;
    }
    return true;
}

QString ApacheRig::cannotServe(const FixFamily &family) const
{
    // Apache passes a lower-case method through, but the backend behind it is nginx, whose
    // ngx_http_parse_request_line answers it 400 (curl -X patch to the backend shows it).
    if (hasLowerCase(family.method))
        return QStringLiteral("the nginx backend behind Apache answers the method '%1' with 400")
            .arg(QString::fromUtf8(family.method));
    return {};
}

bool ApacheRig::writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                            const QString &dir, Launch *launch, QString *error)
{
    QString server;
    // SetEnvIf, not %{HTTP:Origin} in the expression: Apache adds every request header an
    // expression reads to Vary by itself, and this fixture is the server that forgets Vary.
    QString pageOnly;
    if (broken.actualOnlyForPageOrigin) {
        server += QStringLiteral("SetEnvIf Origin \"^%1$\" broken_page_origin=1\n")
                      .arg(QRegularExpression::escape(pageOrigin));
        pageOnly = QStringLiteral(" && reqenv('broken_page_origin') == '1'");
    }
    const bool answersOptions = broken.optionsStatus != 0 || !broken.preflightHeaders.isEmpty();
    if (answersOptions) {
        server += addHeaders(broken.preflightHeaders, pageOrigin,
                             QStringLiteral(" \"expr=%{REQUEST_METHOD} == 'OPTIONS'\""));
        server += addHeaders(broken.actualHeaders, pageOrigin,
                             QStringLiteral(" \"expr=%{REQUEST_METHOD} != 'OPTIONS'%1\"").arg(pageOnly));
        server += QStringLiteral("RewriteEngine On\nRewriteCond %{REQUEST_METHOD} =OPTIONS\n");
        if (broken.optionsStatus == 301)
            server +=
                QStringLiteral("RewriteRule ^ %1 [R=301,L]\n").arg(QString::fromUtf8(broken.optionsRedirect));
        else
            server += QStringLiteral("RewriteRule ^ - [R=%1,L]\n")
                          .arg(broken.optionsStatus ? broken.optionsStatus : 204);
    } else {
        // Like the nginx fixture: without a preflight rule OPTIONS reaches the backend too.
        server +=
            addHeaders(broken.actualHeaders, pageOrigin,
                       pageOnly.isEmpty() ? QString() : QStringLiteral(" \"expr=true%1\"").arg(pageOnly));
    }
    return write(server, port, dir, launch, error);
}

bool ApacheRig::writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                           QString *error)
{
    // Pasted as it is into the server config.
    return write(snippet.value(QStringLiteral("server")).toString(), port, dir, launch, error);
}

bool ApacheRig::write(const QString &server, int port, const QString &dir, Launch *launch, QString *error)
{
    const int backend = startBackend(dir, error);
    if (backend == 0)
        return false;
    QString loads;
    for (const char *module :
         {"mpm_event", "authz_core", "headers", "setenvif", "rewrite", "proxy", "proxy_http"})
        loads +=
            QStringLiteral("LoadModule %1_module %2/mod_%1.so\n").arg(QString::fromLatin1(module), modules);
    // Its own ServerRoot, PidFile, ErrorLog and runtime dir: nothing of the system's apache2.
    const QString config = QStringLiteral(R"(ServerRoot %1
ServerName 127.0.0.1
Listen 127.0.0.1:%2
PidFile %1/httpd.pid
ErrorLog %1/error.log
DefaultRuntimeDir %1
%3
%4
ProxyPass / http://127.0.0.1:%5/
ProxyPassReverse / http://127.0.0.1:%5/
)")
                               .arg(dir)
                               .arg(port)
                               .arg(loads, server)
                               .arg(backend);
    m_logPath = dir + QStringLiteral("/error.log");
    if (!writeFile(dir + QStringLiteral("/httpd.conf"), config.toUtf8(), error))
        return false;
    launch->program = QStringLiteral("apache2");
    launch->arguments = {QStringLiteral("-f"), dir + QStringLiteral("/httpd.conf"),
                         QStringLiteral("-DFOREGROUND")};
    return true;
}

} // namespace CorscopeTest
