#include "caddyrig.h"

#include <QStandardPaths>

namespace CorscopeTest {

namespace {

QString addHeaders(const HeaderPairs &headers, const QString &pageOrigin, const QString &matcher)
{
    QString text;
    // `+` adds instead of setting: the duplicated-header family sends the same header twice.
    for (const auto &[name, value] : headers)
        text += QStringLiteral("header %1+%2 %3\n")
                    .arg(matcher, QString::fromUtf8(name),
                         ServerRig::doubleQuoted(ServerRig::substituted(value, pageOrigin)));
    return text;
}

} // namespace

bool CaddyRig::available(QString *why) const
{
    if (!QStandardPaths::findExecutable(QStringLiteral("caddy")).isEmpty())
        return true;
    *why = QStringLiteral("caddy is not installed (Debian package caddy)");
    return false;
}

bool CaddyRig::writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                           const QString &dir, Launch *launch, QString *error)
{
    QString site;
    const bool answersOptions = broken.optionsStatus != 0 || !broken.preflightHeaders.isEmpty();
    // The conditions of a named matcher are ANDed.
    QString actual;
    if (answersOptions)
        actual += QStringLiteral("    not method OPTIONS\n");
    if (broken.actualOnlyForPageOrigin)
        actual += QStringLiteral("    header Origin %1\n").arg(ServerRig::doubleQuoted(pageOrigin.toUtf8()));
    if (!actual.isEmpty())
        site += QStringLiteral("@actual {\n%1}\n").arg(actual);
    const QString actualMatcher = actual.isEmpty() ? QString() : QStringLiteral("@actual ");
    if (answersOptions) {
        site += QStringLiteral("@options method OPTIONS\nhandle @options {\n");
        site += addHeaders(broken.preflightHeaders, pageOrigin, QString());
        if (broken.optionsStatus == 301)
            site += QStringLiteral("redir %1 301\n").arg(QString::fromUtf8(broken.optionsRedirect));
        else
            site += QStringLiteral("respond %1\n").arg(broken.optionsStatus ? broken.optionsStatus : 204);
        site += QStringLiteral("}\n");
    }
    // Without a preflight rule OPTIONS gets the endpoint's answer, like the nginx fixture.
    site += addHeaders(broken.actualHeaders, pageOrigin, actualMatcher);
    return write(site, port, dir, launch, error);
}

bool CaddyRig::writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                          QString *error)
{
    // Pasted as it is into the site block.
    return write(snippet.value(QStringLiteral("site")).toString(), port, dir, launch, error);
}

bool CaddyRig::write(const QString &site, int port, const QString &dir, Launch *launch, QString *error)
{
    // No admin endpoint, no automatic HTTPS (Caddy 2.6 has no persist_config: what it autosaves
    // lands in the XDG dirs set below): a private instance on loopback.
    // In front of an application, Caddy is its reverse proxy.
    QString answer = QStringLiteral("    header X-Total 5\n    header Content-Type application/json\n"
                                    "    respond `{\"ok\":true}` 200\n");
    if (hasApplicationHeaders()) {
        const int upstream = startBackend(dir, error);
        if (upstream == 0)
            return false;
        answer = QStringLiteral("    reverse_proxy 127.0.0.1:%1\n").arg(upstream);
    }
    const QString config = QStringLiteral(R"({
    admin off
    auto_https off
}
http://127.0.0.1:%1 {
    bind 127.0.0.1
%2
%3}
)")
                               .arg(port)
                               .arg(site, answer);
    if (!writeFile(dir + QStringLiteral("/Caddyfile"), config.toUtf8(), error))
        return false;
    launch->program = QStringLiteral("caddy");
    launch->arguments = {QStringLiteral("run"), QStringLiteral("--config"),
                         dir + QStringLiteral("/Caddyfile"), QStringLiteral("--adapter"),
                         QStringLiteral("caddyfile")};
    // Caddy keeps its data and config under $XDG_DATA_HOME / $XDG_CONFIG_HOME: the test's own.
    launch->environment = {QStringLiteral("HOME=") + dir, QStringLiteral("XDG_DATA_HOME=") + dir,
                           QStringLiteral("XDG_CONFIG_HOME=") + dir};
    return true;
}

} // namespace CorscopeTest
