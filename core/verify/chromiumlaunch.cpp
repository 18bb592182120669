#include "verify/chromiumlaunch.h"

#include <QStandardPaths>

namespace Corscope {

ChromiumLaunch &ChromiumLaunch::setHeadless(bool headless)
{
    m_headless = headless;
    return *this;
}

ChromiumLaunch &ChromiumLaunch::setAutomation(bool automation)
{
    m_automation = automation;
    return *this;
}

ChromiumLaunch &ChromiumLaunch::setUserDataDir(const QString &directory)
{
    m_userDataDir = directory;
    return *this;
}

ChromiumLaunch &ChromiumLaunch::setProxy(const QString &hostAndPort)
{
    m_proxy = hostAndPort;
    return *this;
}

ChromiumLaunch &ChromiumLaunch::setTrustedSpki(const QByteArray &spkiSha256Base64)
{
    m_spki = spkiSha256Base64;
    return *this;
}

ChromiumLaunch &ChromiumLaunch::setConsoleLogging(bool enabled)
{
    m_consoleLogging = enabled;
    return *this;
}

ChromiumLaunch &ChromiumLaunch::setStartUrl(const QString &url)
{
    m_startUrl = url;
    return *this;
}

ChromiumLaunch &ChromiumLaunch::addArguments(const QStringList &arguments)
{
    m_extra += arguments;
    return *this;
}

QStringList ChromiumLaunch::arguments() const
{
    QStringList out;
    if (m_headless) {
        // Chromium 156 (Debian) measured: --headless, --headless=new and even --headless=old all
        // start the same browser (user agent HeadlessChrome/156, same page behaviour): the old
        // implementation left the chrome binary in 132 for chrome-headless-shell. Between 112
        // and 131, though, a bare --headless still meant the old one, so =new is the spelling
        // that means the same browser on every Chromium a user may have.
        out << QStringLiteral("--headless=new");
    }
    if (m_automation) {
        out << QStringLiteral("--no-sandbox") // root without user namespaces: the sandbox cannot start
            << QStringLiteral("--disable-gpu")
            // HTTP/3 would bypass an HTTP proxy and is not what the test servers speak.
            << QStringLiteral("--disable-quic") << QStringLiteral("--no-first-run")
            << QStringLiteral("--no-default-browser-check")
            << QStringLiteral("--disable-background-networking")
            << QStringLiteral("--disable-component-update") << QStringLiteral("--disable-sync")
            << QStringLiteral("--disable-extensions") << QStringLiteral("--disable-default-apps")
            << QStringLiteral("--disable-breakpad") << QStringLiteral("--disable-domain-reliability")
            << QStringLiteral("--disable-client-side-phishing-detection")
            << QStringLiteral("--metrics-recording-only") << QStringLiteral("--password-store=basic")
            << QStringLiteral("--mute-audio");
    } else {
        // Even an interactive, throw-away profile should not greet the user with first-run pages.
        out << QStringLiteral("--no-first-run") << QStringLiteral("--no-default-browser-check");
    }
    if (m_consoleLogging)
        out << QStringLiteral("--enable-logging=stderr") << QStringLiteral("--v=0");
    if (!m_userDataDir.isEmpty())
        out << QStringLiteral("--user-data-dir=") + m_userDataDir;
    if (!m_proxy.isEmpty()) {
        out << QStringLiteral("--proxy-server=http://") + m_proxy
            // Chromium never proxies loopback unless told to ("<-loopback>" removes the implicit
            // bypass rule); local dev servers and the test servers are exactly what is debugged.
            << QStringLiteral("--proxy-bypass-list=<-loopback>");
    }
    if (!m_spki.isEmpty())
        out << QStringLiteral("--ignore-certificate-errors-spki-list=") + QString::fromLatin1(m_spki);
    out += m_extra;
    if (!m_startUrl.isEmpty())
        out << m_startUrl;
    return out;
}

QString ChromiumLaunch::executable()
{
    const QString configured = qEnvironmentVariable("CORSCOPE_CHROMIUM");
    if (!configured.isEmpty())
        return QStandardPaths::findExecutable(configured);
    for (const QString &name : {QStringLiteral("chromium"), QStringLiteral("chromium-browser"),
                                QStringLiteral("google-chrome"), QStringLiteral("google-chrome-stable")}) {
        const QString path = QStandardPaths::findExecutable(name);
        if (!path.isEmpty())
            return path;
    }
    return {};
}

} // namespace Corscope
