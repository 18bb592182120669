#pragma once

// Runs a list of localized scenarios (see ScenarioServer::localize) in one real headless
// browser process and returns what the browser did: the fetch() outcomes reported by the runner
// page, the requests that reached the server and, for Chromium, the browser's own console
// messages (CORS errors) captured from its stderr log.
//
// Firefox's CORS console messages ("Cross-Origin Request Blocked: ...") are NOT captured: a
// release build reports them only to the console service (devtools / browser console), which
// writes nothing to stdout/stderr on Linux, and no MOZ_LOG module carries them. Capturing them
// would need a privileged listener (autoconfig in the install dir, or a remote protocol), both
// out of bounds here, so consoleMessages stays empty for Firefox.

#include "scenarioserver.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace CorscopeTest {

enum class Browser { Chromium, Firefox };

struct FetchObservation {
    bool resolved = false;
    int status = 0;
    QString responseType;        // response.type: basic, cors, opaque, opaqueredirect
    QStringList readableHeaders; // [...response.headers.keys()]: lower-case, sorted by browser
    QString rejection;           // String(error) when the fetch promise rejected
    QString body;                // response.text(), empty when unreadable
    // Kinds beyond fetch() (harness.js corscopeLoad): whether the page could read what loaded
    // (canvas pixels, unmuted script errors, cssRules, an XHR's body), and what it got instead.
    bool readable = false;
    QString readError;
};

struct ScenarioObservation {
    QString name;
    QList<FetchObservation> fetches;
    QList<RecordedRequest> requests; // in arrival order
    QStringList consoleMessages;     // browser console messages about this scenario's URLs, verbatim
    QString harnessError;            // set when the harness itself could not run the scenario as written
};

// One console message parsed out of Chromium's `--enable-logging=stderr` output.
struct ChromiumConsoleMessage {
    QString message;
    QString source;
};

class BrowserRunner {
public:
    // Runs all scenarios sequentially in one fresh browser process (fresh temporary profile,
    // killed and removed afterwards). Starts `server` if it is not listening yet. Returns one
    // observation per scenario, in input order; on failure (browser missing, crash, timeout)
    // sets *error and returns what was observed until then (incomplete scenarios carry a
    // harnessError).
    QList<ScenarioObservation> run(Browser browser, ScenarioServer &server,
                                   const QJsonArray &localizedScenarios, QString *error,
                                   int timeoutMs = 180000);

    // Whether the browser binary can be found (PATH, or $CORSCOPE_CHROMIUM / $CORSCOPE_FIREFOX).
    static bool available(Browser browser);
    static QString executable(Browser browser);
    static QString name(Browser browser);

    // Parses Chromium's console log lines, e.g.
    //   [4140:4140:1126/174329.884731:INFO:CONSOLE:0] "Access to fetch at ...", source: URL (0)
    // (older builds print "INFO:CONSOLE(0)"). Multi-line messages are joined with '\n'.
    static QList<ChromiumConsoleMessage> parseChromiumConsole(const QByteArray &log);

    static QJsonObject toJson(const ScenarioObservation &observation);

    // Runs a hidden preflight + cached-repeat scenario first (default on); see browserrunner.cpp
    // for the Firefox first-reuse quirk it absorbs. Its requests are recorded but not returned.
    void setWarmUp(bool enabled) { m_warmUp = enabled; }

    // Sends every request of the next runs (the runner page's own included) through the HTTP
    // proxy at hostAndPort ("127.0.0.1:8080"); empty for direct connections (the default).
    // Chromium gets --proxy-server with loopback no longer bypassed, Firefox the equivalent prefs.
    void setProxy(const QString &hostAndPort) { m_proxy = hostAndPort; }

    // Makes the next runs' browser trust the CA certificates in these PEM files for https: the
    // scenario server's test CA directly, the proxy's interception CA through it. Chromium gets
    // their SPKI hashes (--ignore-certificate-errors-spki-list, as Corscope launches it for the
    // proxy); Firefox gets them in its profile's NSS database (certutil). Empty: none (default).
    void setTrustedCa(const QStringList &pemFiles) { m_trustedCa = pemFiles; }

    // Everything the browser printed during the last run (stdout + stderr), for diagnostics.
    QByteArray lastBrowserLog() const { return m_log; }

private:
    QByteArray m_log;
    bool m_warmUp = true;
    QString m_proxy;
    QStringList m_trustedCa;
};

} // namespace CorscopeTest
