#include "serverrig.h"

#include "childprocess.h"
#include "nginxconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTcpServer>
#include <QThread>
#include <algorithm>

namespace CorscopeTest {

ServerRig::~ServerRig()
{
    stop();
}

int ServerRig::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QByteArray ServerRig::substituted(const QByteArray &value, const QString &pageOrigin)
{
    QByteArray result = value;
    return result.replace("{origin}", pageOrigin.toUtf8());
}

QJsonObject ServerRig::brokenAsJson(const BrokenPolicy &broken, const QString &pageOrigin)
{
    auto pairs = [&pageOrigin](const HeaderPairs &headers) {
        QJsonArray result;
        for (const auto &[name, value] : headers)
            result.append(
                QJsonArray{QString::fromUtf8(name), QString::fromUtf8(substituted(value, pageOrigin))});
        return result;
    };
    return {
        {QStringLiteral("actual"), pairs(broken.actualHeaders)},
        {QStringLiteral("preflight"), pairs(broken.preflightHeaders)},
        {QStringLiteral("answerOptions"), broken.optionsStatus != 0 || !broken.preflightHeaders.isEmpty()},
        {QStringLiteral("optionsStatus"), broken.optionsStatus ? broken.optionsStatus : 204},
        {QStringLiteral("redirect"), QString::fromUtf8(broken.optionsRedirect)},
        {QStringLiteral("onlyForOrigin"), broken.actualOnlyForPageOrigin ? pageOrigin : QString()}};
}

QString ServerRig::doubleQuoted(const QByteArray &value)
{
    QString text = QString::fromUtf8(value);
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

bool ServerRig::hasLowerCase(QByteArrayView method)
{
    return std::any_of(method.begin(), method.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool ServerRig::writeFile(const QString &path, const QByteArray &content, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ServerRig::launch(const Launch &what, int port, QString *error)
{
    stopped(m_process);
    m_process = started(what.program, what.arguments, what.environment, what.workingDirectory);
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(what.program, m_process->errorString());
        return false;
    }
    if (!waitForPort(port, m_process.get(), error)) {
        *error += QStringLiteral("\n") + log();
        return false;
    }
    return true;
}

bool ServerRig::startBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                            const QString &dir, QString *error)
{
    Launch what;
    return writeBroken(broken, pageOrigin, port, dir, &what, error) && launch(what, port, error);
}

bool ServerRig::startFixed(const QJsonObject &snippet, int port, const QString &dir, QString *error)
{
    Launch what;
    return writeFixed(snippet, port, dir, &what, error) && launch(what, port, error);
}

void ServerRig::setApplicationHeaders(const HeaderPairs &headers, const QString &pageOrigin)
{
    m_applicationHeaders.clear();
    for (const auto &[name, value] : headers)
        m_applicationHeaders.append({name, substituted(value, pageOrigin)});
}

void ServerRig::stop()
{
    stopped(m_process);
    stopped(m_backend);
}

QString ServerRig::log() const
{
    QString text;
    if (m_process)
        text += QString::fromUtf8(m_process->readAll());
    if (!m_logPath.isEmpty()) {
        QFile file(m_logPath);
        if (file.open(QIODevice::ReadOnly))
            text += QString::fromUtf8(file.readAll().right(4000));
    }
    return text;
}

bool ServerRig::writeNginxConfig(const QString &dir, int port, const QString &httpContext,
                                 const QString &locationPath, const QString &locationContext, QString *error,
                                 int upstreamPort) const
{
    return writeFile(
        dir + QStringLiteral("/nginx.conf"),
        nginxConfig(dir, port, httpContext, locationPath, locationContext, upstreamPort).toUtf8(), error);
}

int ServerRig::startBackend(const QString &dir, QString *error)
{
    const int port = freePort();
    const QString root = dir + QStringLiteral("/backend");
    QDir().mkpath(root);
    QString application;
    for (const auto &[name, value] : m_applicationHeaders)
        application += QStringLiteral("            add_header %1 \"%2\" always;\n")
                           .arg(QString::fromUtf8(name), QString::fromUtf8(value));
    if (!writeNginxConfig(root, port, QString(), QStringLiteral("/"), application, error))
        return 0;
    stopped(m_backend);
    m_backend = started(
        QStringLiteral("nginx"),
        {QStringLiteral("-c"), root + QStringLiteral("/nginx.conf"), QStringLiteral("-p"), root}, {}, {});
    if (!m_backend->waitForStarted(10000) || !waitForPort(port, m_backend.get(), error))
        return 0;
    return port;
}

} // namespace CorscopeTest
