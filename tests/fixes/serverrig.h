#pragma once

// One real server (nginx, Apache httpd, Caddy, HAProxy, Express, Flask, Django) started on
// loopback by a test, either with a family's broken CORS behaviour or with the configuration
// Corscope's snippet says — pasted into the contexts the snippet names, nothing else changed.

#include "fixfamily.h"

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

namespace CorscopeTest {

class ServerRig {
public:
    virtual ~ServerRig();

    // The SnippetRenderer id whose snippets this rig applies ("nginx", "apache", …).
    virtual QString server() const = 0;
    // Whether the server can run here; *why says what is missing.
    virtual bool available(QString *why) const = 0;
    // Why this server cannot serve the family's request at all, whatever its config (nginx
    // answers a lowercase method with 400); empty when it can.
    virtual QString cannotServe(const FixFamily &family) const
    {
        Q_UNUSED(family)
        return {};
    }

    // Whether the server is the application itself (Express, Flask, Django), with nothing behind
    // it that sends headers of its own.
    virtual bool isApplication() const { return false; }
    // What the application behind this rig sends (FixFamily::applicationHeaders, pageOrigin
    // replacing "{origin}"), for the start that follows: a rig that serves the endpoint itself
    // then proxies to a backend that does.
    void setApplicationHeaders(const HeaderPairs &headers, const QString &pageOrigin);

    // Starts the server on 127.0.0.1:port with the broken behaviour (pageOrigin replaces
    // "{origin}"), or with the snippet (fix.snippets.<server>: context → fragment). Waits until
    // the port accepts connections. dir is a fresh directory the rig may write into.
    bool startBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     QString *error);
    bool startFixed(const QJsonObject &snippet, int port, const QString &dir, QString *error);
    void stop();

    // The server's own log (stderr, error log), for failure messages.
    QString log() const;

    static int freePort();
    static QByteArray substituted(const QByteArray &value, const QString &pageOrigin);
    // A double-quoted argument with backslash and double quote escaped, as Apache, Caddy and
    // HAProxy read their configuration files.
    static QString doubleQuoted(const QByteArray &value);
    // The broken behaviour as data, for rigs whose broken server is a program that reads it
    // (Express, Flask, Django): {actual, preflight: [[name, value]…], answerOptions,
    // optionsStatus, redirect, onlyForOrigin: the Origin actual headers need, empty for any}.
    static QJsonObject brokenAsJson(const BrokenPolicy &broken, const QString &pageOrigin);
    // Whether a method has a lower-case letter, which several servers' request parsers refuse.
    static bool hasLowerCase(QByteArrayView method);

protected:
    // What to run: the rig writes its config files into dir and fills program/arguments. A rig
    // that needs a second process (a backend behind a proxy) starts it with startHelper().
    struct Launch {
        QString program;
        QStringList arguments;
        QStringList environment; // added to the system environment, "NAME=value"
        QString workingDirectory;
    };
    virtual bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                             const QString &dir, Launch *launch, QString *error) = 0;
    virtual bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                            QString *error) = 0;
    // A backend that answers every method on endpointPath with 200 {"ok":true}, X-Total: 5 and
    // the application headers, for rigs that are proxies (Apache, HAProxy, and nginx and Caddy
    // when there are application headers): a real nginx on its own port. Returns its port.
    int startBackend(const QString &dir, QString *error);
    bool hasApplicationHeaders() const { return !m_applicationHeaders.isEmpty(); }
    bool writeFile(const QString &path, const QByteArray &content, QString *error) const;
    // A private nginx (the nginx rig, and the backend behind the proxies) serving the endpoint
    // on 127.0.0.1:port from dir: httpContext goes into http { }, locationContext into the
    // location of locationPath, before the endpoint's answer — or, with an upstreamPort, before
    // proxy_pass to 127.0.0.1:upstreamPort. Writes dir/nginx.conf.
    bool writeNginxConfig(const QString &dir, int port, const QString &httpContext,
                          const QString &locationPath, const QString &locationContext, QString *error,
                          int upstreamPort = 0) const;
    QString m_logPath; // a log file the rig's server writes, read by log()

private:
    bool launch(const Launch &what, int port, QString *error);
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QProcess> m_backend;
    HeaderPairs m_applicationHeaders; // "{origin}" already replaced
};

} // namespace CorscopeTest
