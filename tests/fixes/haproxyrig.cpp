#include "haproxyrig.h"

#include <QStandardPaths>

namespace CorscopeTest {

namespace {

// A log-format argument: double-quoted, and '%' doubled.
QString quoted(const QByteArray &value)
{
    return ServerRig::doubleQuoted(value).replace(QLatin1Char('%'), QStringLiteral("%%"));
}

QString addHeaders(const HeaderPairs &headers, const QString &pageOrigin, const QString &condition)
{
    QString text;
    // add-header, not set-header: the duplicated-header family sends the same header twice.
    for (const auto &[name, value] : headers)
        text +=
            QStringLiteral("http-after-response add-header %1 %2%3\n")
                .arg(QString::fromUtf8(name), quoted(ServerRig::substituted(value, pageOrigin)), condition);
    return text;
}

} // namespace

bool HaproxyRig::available(QString *why) const
{
    if (QStandardPaths::findExecutable(QStringLiteral("haproxy"), {QStringLiteral("/usr/sbin")}).isEmpty()) {
        *why = QStringLiteral("haproxy is not installed (Debian package haproxy)");
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")}).isEmpty()) {
        *why = QStringLiteral("nginx (the backend) is not installed (Debian package nginx-light)");
        return false;
    }
    return true;
}

QString HaproxyRig::cannotServe(const FixFamily &family) const
{
    // HAProxy forwards a lower-case method, but the nginx backend behind it answers it 400
    // (ngx_http_parse_request_line takes only upper-case letters).
    if (hasLowerCase(family.method))
        return QStringLiteral("the nginx backend behind HAProxy answers the method '%1' with 400")
            .arg(QString::fromUtf8(family.method));
    return {};
}

bool HaproxyRig::writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                             const QString &dir, Launch *launch, QString *error)
{
    QString frontend;
    const bool answersOptions = broken.optionsStatus != 0 || !broken.preflightHeaders.isEmpty();
    // The request's headers are gone when http-after-response runs: keep the Origin in a variable.
    QString pageOnly;
    if (broken.actualOnlyForPageOrigin) {
        frontend += QStringLiteral("http-request set-var(txn.origin) req.hdr(origin)\n");
        pageOnly = QStringLiteral(" { var(txn.origin) -m str %1 }").arg(pageOrigin);
    }
    if (answersOptions) {
        frontend += QStringLiteral("http-request set-var(txn.options) bool(true) if METH_OPTIONS\n");
        if (broken.optionsStatus == 301)
            frontend += QStringLiteral("http-request redirect location %1 code 301 if METH_OPTIONS\n")
                            .arg(QString::fromUtf8(broken.optionsRedirect));
        else
            frontend += QStringLiteral("http-request return status %1 if METH_OPTIONS\n")
                            .arg(broken.optionsStatus ? broken.optionsStatus : 204);
        frontend += addHeaders(broken.preflightHeaders, pageOrigin,
                               QStringLiteral(" if { var(txn.options) -m found }"));
        frontend += addHeaders(broken.actualHeaders, pageOrigin,
                               QStringLiteral(" if !{ var(txn.options) -m found }") + pageOnly);
    } else {
        // Like the nginx fixture: without a preflight rule OPTIONS reaches the backend too.
        frontend += addHeaders(broken.actualHeaders, pageOrigin,
                               pageOnly.isEmpty() ? QString() : QStringLiteral(" if") + pageOnly);
    }
    return write(frontend, QString(), port, dir, launch, error);
}

bool HaproxyRig::writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                            QString *error)
{
    // Pasted as they are, each into the section it names.
    return write(snippet.value(QStringLiteral("frontend")).toString(),
                 snippet.value(QStringLiteral("backend")).toString(), port, dir, launch, error);
}

bool HaproxyRig::write(const QString &frontend, const QString &backend, int port, const QString &dir,
                       Launch *launch, QString *error)
{
    const int upstream = startBackend(dir, error);
    if (upstream == 0)
        return false;
    // No pidfile, no daemon, no chroot: run in the foreground (-db) by the test, logging to stderr.
    const QString config = QStringLiteral(R"(global
    log stderr format raw local0 info
defaults
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend api
    bind 127.0.0.1:%1
%2
    default_backend app
backend app
%3
    server app 127.0.0.1:%4
)")
                               .arg(port)
                               .arg(frontend, backend)
                               .arg(upstream);
    if (!writeFile(dir + QStringLiteral("/haproxy.cfg"), config.toUtf8(), error))
        return false;
    launch->program = QStringLiteral("haproxy");
    launch->arguments = {QStringLiteral("-f"), dir + QStringLiteral("/haproxy.cfg"), QStringLiteral("-db")};
    return true;
}

} // namespace CorscopeTest
