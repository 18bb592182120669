#include "nginxrig.h"

#include <QStandardPaths>

namespace CorscopeTest {

namespace {

QString addHeaders(const HeaderPairs &headers, const QString &pageOrigin, const QString &indent)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += QStringLiteral("%1add_header %2 \"%3\" always;\n")
                    .arg(indent, QString::fromUtf8(name),
                         QString::fromUtf8(ServerRig::substituted(value, pageOrigin)));
    return text;
}

} // namespace

bool NginxRig::available(QString *why) const
{
    if (!QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")}).isEmpty())
        return true;
    *why = QStringLiteral("nginx is not installed (Debian package nginx-light)");
    return false;
}

QString NginxRig::cannotServe(const FixFamily &family) const
{
    // ngx_http_parse_request_line takes only upper-case letters, '_' and '-' in a method.
    if (hasLowerCase(family.method))
        return QStringLiteral("nginx answers the method '%1' with 400 before any configuration runs "
                              "(the snippet's note says so)")
            .arg(QString::fromUtf8(family.method));
    return {};
}

bool NginxRig::writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                           const QString &dir, Launch *launch, QString *error)
{
    QString location;
    if (broken.optionsStatus != 0 || !broken.preflightHeaders.isEmpty()) {
        location += QStringLiteral("if ($request_method = OPTIONS) {\n");
        location += addHeaders(broken.preflightHeaders, pageOrigin, QStringLiteral("    "));
        if (broken.optionsStatus == 301)
            location += QStringLiteral("    return 301 %1;\n").arg(QString::fromUtf8(broken.optionsRedirect));
        else
            location +=
                QStringLiteral("    return %1;\n").arg(broken.optionsStatus ? broken.optionsStatus : 204);
        location += QStringLiteral("}\n");
    }
    QString http;
    if (broken.actualOnlyForPageOrigin) {
        // add_header sends nothing for an empty value: one map per header.
        for (qsizetype i = 0; i < broken.actualHeaders.size(); ++i) {
            const auto &[name, value] = broken.actualHeaders.at(i);
            http +=
                QStringLiteral("map $http_origin $broken_%1 {\n    \"%2\" \"%3\";\n    default \"\";\n}\n")
                    .arg(i)
                    .arg(pageOrigin, QString::fromUtf8(ServerRig::substituted(value, pageOrigin)));
            location +=
                QStringLiteral("add_header %1 $broken_%2 always;\n").arg(QString::fromUtf8(name)).arg(i);
        }
    } else {
        location += addHeaders(broken.actualHeaders, pageOrigin, QString());
    }
    return write(http, location, port, dir, launch, error);
}

bool NginxRig::writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                          QString *error)
{
    // Pasted as they are, each into the context it names.
    return write(snippet.value(QStringLiteral("http")).toString() +
                     snippet.value(QStringLiteral("server")).toString(),
                 snippet.value(QStringLiteral("location")).toString(), port, dir, launch, error);
}

bool NginxRig::write(const QString &http, const QString &location, int port, const QString &dir,
                     Launch *launch, QString *error)
{
    m_logPath = dir + QStringLiteral("/error.log");
    // In front of an application, as nginx so often is: proxy_pass to it.
    int upstream = 0;
    if (hasApplicationHeaders() && (upstream = startBackend(dir, error)) == 0)
        return false;
    if (!writeNginxConfig(dir, port, http, QString::fromLatin1(endpointPath), location, error, upstream))
        return false;
    launch->program = QStringLiteral("nginx");
    launch->arguments = {QStringLiteral("-c"), dir + QStringLiteral("/nginx.conf"), QStringLiteral("-p"),
                         dir};
    return true;
}

} // namespace CorscopeTest
