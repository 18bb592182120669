#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Corscope {

// The one place that knows how to start Chromium: the GUI's "Open Chromium through Corscope",
// the playground's "Verify in Chromium" and every browser test build their command line here,
// so a flag fixed for one is fixed for all (five hand-written copies had drifted apart).
//
//   const QStringList args = ChromiumLaunch()
//                                .setHeadless(true)
//                                .setAutomation(true)
//                                .setUserDataDir(profile.path())
//                                .setProxy(QStringLiteral("127.0.0.1:8080"))
//                                .setStartUrl(url)
//                                .arguments();
class ChromiumLaunch {
public:
    // No window. See chromiumlaunch.cpp for why the flag is --headless=new.
    ChromiumLaunch &setHeadless(bool headless);
    // A quiet, scriptable browser: no sandbox (root without user namespaces cannot start it), no
    // GPU, no QUIC, and none of the background traffic (component updates, sync, safe browsing,
    // metrics, ...) that would otherwise reach a proxy or the test servers as extra flows.
    ChromiumLaunch &setAutomation(bool automation);
    // A profile of its own: no preflight cache, HTTP cache or cookies from earlier runs, and the
    // user's own browser left alone.
    ChromiumLaunch &setUserDataDir(const QString &directory);
    // Every request through the HTTP proxy at hostAndPort ("127.0.0.1:8080"), loopback included.
    ChromiumLaunch &setProxy(const QString &hostAndPort);
    // Trusts certificates whose SubjectPublicKeyInfo hashes to spkiSha256Base64 (an interception
    // CA's key, or a test server's), for this profile only: nothing is installed system-wide.
    // Chromium 156 applies it with or without a proxy (the capture differential's direct HTTPS
    // runs rely on it).
    ChromiumLaunch &setTrustedSpki(const QByteArray &spkiSha256Base64);
    // Every renderer console message (the CORS errors included) on stderr as
    // `[...:INFO:CONSOLE:N] "text", source: URL (N)`.
    ChromiumLaunch &setConsoleLogging(bool enabled);
    ChromiumLaunch &setStartUrl(const QString &url);
    // Flags no option covers (--dump-dom, ...), placed before the start URL.
    ChromiumLaunch &addArguments(const QStringList &arguments);

    QStringList arguments() const;

    // $CORSCOPE_CHROMIUM (an explicit choice that does not exist means "no Chromium"), else
    // chromium, chromium-browser, google-chrome or google-chrome-stable on PATH; empty if none.
    static QString executable();

private:
    bool m_headless = false;
    bool m_automation = false;
    bool m_consoleLogging = false;
    QString m_userDataDir;
    QString m_proxy;
    QByteArray m_spki;
    QString m_startUrl;
    QStringList m_extra;
};

} // namespace Corscope
