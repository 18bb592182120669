#include "browserrunner.h"

#include "testcertificates.h"
#include "verify/chromiumlaunch.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace CorscopeTest {

namespace {

// Bounds the log kept in memory; a healthy run prints a few hundred KB at most.
constexpr qsizetype kMaxLogBytes = 32 * 1024 * 1024;
// Chromium logs a renderer's console message asynchronously to the fetch settling: give the
// last scenario's messages a moment to reach stderr before the browser is stopped.
constexpr int kConsoleFlushMs = 500;

// Keeps Firefox from doing anything but load our page: no first-run or welcome pages, no
// telemetry, updates, captive-portal/connectivity checks, safe browsing, remote settings,
// region lookup or speculative connections (the only network here is loopback anyway, but
// background requests slow startup and would clutter the logs).
const char kFirefoxUserJs[] = R"(user_pref("app.normandy.enabled", false);
user_pref("app.shield.optoutstudies.enabled", false);
user_pref("app.update.auto", false);
user_pref("app.update.checkInstallTime", false);
user_pref("app.update.disabledForTesting", true);
user_pref("browser.aboutwelcome.enabled", false);
user_pref("browser.discovery.enabled", false);
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.ping-centre.telemetry", false);
user_pref("browser.region.network.url", "");
user_pref("browser.region.update.enabled", false);
user_pref("browser.safebrowsing.blockedURIs.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.provider.google.updateURL", "");
user_pref("browser.safebrowsing.provider.google4.updateURL", "");
user_pref("browser.search.update", false);
user_pref("browser.sessionstore.resume_from_crash", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.startup.page", 0);
user_pref("browser.tabs.warnOnClose", false);
user_pref("browser.topsites.contile.enabled", false);
user_pref("browser.urlbar.suggest.quicksuggest.sponsored", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.policy.firstRunURL", "");
user_pref("dom.security.https_first", false);
user_pref("dom.security.https_only_mode", false);
user_pref("extensions.blocklist.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.http.http3.enable", false);
user_pref("network.http.speculative-parallel-limit", 0);
user_pref("network.predictor.enabled", false);
user_pref("security.OCSP.enabled", 0);
user_pref("network.prefetch-next", false);
user_pref("services.settings.server", "data:,#remote-settings-dummy/v1");
user_pref("startup.homepage_welcome_url", "");
user_pref("startup.homepage_welcome_url.additional", "");
user_pref("toolkit.startup.max_resumed_crashes", -1);
user_pref("toolkit.telemetry.archive.enabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("toolkit.telemetry.server", "");
user_pref("toolkit.telemetry.unified", false);
)";

QStringList firefoxArguments(const QString &profileDir, const QString &url)
{
    return {
        QStringLiteral("--headless"),
        QStringLiteral("--no-remote"),
        QStringLiteral("--profile"),
        profileDir,
        url,
    };
}

// Every request through the HTTP proxy at hostAndPort, or none at all without one. Firefox never
// proxies loopback unless allow_hijacking_localhost is set, and no_proxies_on defaults to
// localhost/127.0.0.1: both have to go, or the scenario server would be reached directly.
QByteArray firefoxProxyPrefs(const QString &hostAndPort)
{
    if (hostAndPort.isEmpty())
        return QByteArrayLiteral("user_pref(\"network.proxy.type\", 0);\n");
    const qsizetype colon = hostAndPort.lastIndexOf(QLatin1Char(':'));
    const QByteArray host = hostAndPort.left(colon).toUtf8();
    const QByteArray port = hostAndPort.mid(colon + 1).toUtf8();
    return "user_pref(\"network.proxy.type\", 1);\n"
           "user_pref(\"network.proxy.http\", \"" +
           host + "\");\nuser_pref(\"network.proxy.http_port\", " + port +
           ");\n"
           "user_pref(\"network.proxy.ssl\", \"" +
           host + "\");\nuser_pref(\"network.proxy.ssl_port\", " + port +
           ");\n"
           "user_pref(\"network.proxy.allow_hijacking_localhost\", true);\n"
           "user_pref(\"network.proxy.no_proxies_on\", \"\");\n";
}

// The browser runs in its own process group so that it can be stopped with all the helper
// processes (zygotes, renderers, content processes) it spawned, and nothing else.
void stopProcessGroup(QProcess &process)
{
    const qint64 pid = process.processId();
    if (pid <= 0)
        return;
    const pid_t group = static_cast<pid_t>(pid);
    ::kill(-group, SIGTERM);
    if (!process.waitForFinished(3000)) {
        ::kill(-group, SIGKILL);
        process.waitForFinished(3000);
    }
    // Helpers may outlive the main process briefly; make sure none keeps the profile busy.
    ::kill(-group, SIGKILL);
    const QDeadlineTimer deadline(3000);
    while (!deadline.hasExpired() && ::kill(-group, 0) == 0)
        QThread::msleep(50);
}

const char kWarmUpName[] = "corscope-harness-warmup";

// Firefox 153 observed: the first time in a process that a cached preflight could be reused,
// it is not (the repeat fetch is preflighted again, even with Access-Control-Max-Age: 60);
// every later reuse hits the cache, whatever the host. A preflight + immediate repeat on api2
// before the real scenarios absorbs that, so results don't depend on a scenario's position. It is
// of the runner page's scheme: an http warm-up did not absorb the first reuse of an https page's
// preflight (cache-max-age-60 over https, Firefox 153 observed).
QJsonObject warmUpScenario(bool secure)
{
    const QString scheme = secure ? QStringLiteral("https") : QStringLiteral("http");
    const QString url = scheme + QStringLiteral("://api2.test/warmup");
    const QJsonArray allow{
        QJsonArray{QStringLiteral("Access-Control-Allow-Origin"), QStringLiteral("*")},
        QJsonArray{QStringLiteral("Access-Control-Allow-Methods"), QStringLiteral("PUT")},
        QJsonArray{QStringLiteral("Access-Control-Max-Age"), QStringLiteral("60")},
    };
    return QJsonObject{
        {QStringLiteral("name"), QString::fromLatin1(kWarmUpName)},
        {QStringLiteral("request"),
         QJsonObject{{QStringLiteral("url"), url},
                     {QStringLiteral("origin"), scheme + QStringLiteral("://page.test")},
                     {QStringLiteral("method"), QStringLiteral("PUT")}}},
        {QStringLiteral("responses"),
         QJsonArray{QJsonObject{{QStringLiteral("method"), QStringLiteral("OPTIONS")},
                                {QStringLiteral("url"), url},
                                {QStringLiteral("status"), 204},
                                {QStringLiteral("headers"), allow}},
                    QJsonObject{{QStringLiteral("method"), QStringLiteral("*")},
                                {QStringLiteral("url"), url},
                                {QStringLiteral("status"), 200},
                                {QStringLiteral("headers"),
                                 QJsonArray{QJsonArray{QStringLiteral("Access-Control-Allow-Origin"),
                                                       QStringLiteral("*")}}}}}},
        {QStringLiteral("fetches"), QJsonArray{0, 0}},
    };
}

FetchObservation fetchFromJson(const QJsonObject &o)
{
    FetchObservation f;
    f.resolved = o.value(QLatin1String("resolved")).toBool();
    f.status = o.value(QLatin1String("status")).toInt();
    f.responseType = o.value(QLatin1String("responseType")).toString();
    for (const QJsonValue &v : o.value(QLatin1String("readableHeaders")).toArray())
        f.readableHeaders.append(v.toString());
    f.rejection = o.value(QLatin1String("rejection")).toString();
    f.body = o.value(QLatin1String("body")).toString();
    f.readable = o.value(QLatin1String("readable")).toBool();
    f.readError = o.value(QLatin1String("readError")).toString();
    return f;
}

// The scenario a console message is about: the first of our URLs in its text, else its source.
QString scenarioForMessage(const ScenarioServer &server, const ChromiumConsoleMessage &m)
{
    // ws:// and wss:// are the same servers: a WebSocket's console line names its ws:// URL.
    static const QRegularExpression urlRe(QStringLiteral(R"(((?:https?|wss?)://127\.0\.0\.1:\d+)(/[^\s'"]*))"));
    const QStringList origins = {server.pageOrigin(),      server.apiOrigin(),
                                 server.api2Origin(),      server.securePageOrigin(),
                                 server.secureApiOrigin(), server.secureApi2Origin()};
    for (const QString &text : {m.message, m.source}) {
        auto it = urlRe.globalMatch(text);
        while (it.hasNext()) {
            const auto match = it.next();
            QString origin = match.captured(1);
            if (origin.startsWith(QLatin1String("ws")))
                origin.replace(0, 2, QStringLiteral("http"));
            if (!origins.contains(origin))
                continue;
            const QString scenario = server.scenarioForPath(match.captured(2).toUtf8());
            if (!scenario.isEmpty())
                return scenario;
        }
    }
    return {};
}

// Firefox trusts what its profile's NSS database (cert9.db) trusts: a fresh database with each CA
// as a trusted TLS issuer ("C,,"). Enterprise roots read the OS store only on Windows and macOS,
// and a policies.json lives in the installation, shared by every profile: certutil is the
// per-profile way that works headless.
bool addFirefoxCertificates(const QString &profileDir, const QStringList &pemFiles, QString *error)
{
    if (pemFiles.isEmpty())
        return true;
    const QString certutil = QStandardPaths::findExecutable(QStringLiteral("certutil"));
    if (certutil.isEmpty()) {
        *error = QStringLiteral("certutil (libnss3-tools) is not installed");
        return false;
    }
    const QString database = QStringLiteral("sql:") + profileDir;
    const auto run = [&](const QStringList &arguments) {
        QProcess tool;
        tool.setProcessChannelMode(QProcess::MergedChannels);
        tool.start(certutil, arguments);
        if (!tool.waitForFinished(30000) || tool.exitStatus() != QProcess::NormalExit ||
            tool.exitCode() != 0) {
            *error = QStringLiteral("certutil %1 failed: %2")
                         .arg(arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(tool.readAll()));
            return false;
        }
        return true;
    };
    if (!run({QStringLiteral("-N"), QStringLiteral("-d"), database, QStringLiteral("--empty-password")}))
        return false;
    for (qsizetype i = 0; i < pemFiles.size(); ++i) {
        if (!run({QStringLiteral("-A"), QStringLiteral("-d"), database, QStringLiteral("-n"),
                  QStringLiteral("corscope-test-ca-%1").arg(i), QStringLiteral("-t"), QStringLiteral("C,,"),
                  QStringLiteral("-i"), pemFiles.at(i)}))
            return false;
    }
    return true;
}

// Chromium's --ignore-certificate-errors-spki-list: the SPKI hash of every certificate in the files.
QByteArray chromiumSpkiList(const QStringList &pemFiles, QString *error)
{
    QByteArrayList hashes;
    for (const QString &path : pemFiles) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem);
        if (certificates.isEmpty()) {
            *error = QStringLiteral("no certificate in %1").arg(path);
            return {};
        }
        for (const QSslCertificate &certificate : certificates)
            hashes << TestCertificates::spkiSha256Base64(certificate);
    }
    return hashes.join(',');
}

} // namespace

QString BrowserRunner::name(Browser browser)
{
    return browser == Browser::Chromium ? QStringLiteral("chromium") : QStringLiteral("firefox");
}

QString BrowserRunner::executable(Browser browser)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString override = env.value(browser == Browser::Chromium ? QStringLiteral("CORSCOPE_CHROMIUM")
                                                                    : QStringLiteral("CORSCOPE_FIREFOX"));
    if (!override.isEmpty())
        return QFile::exists(override) ? override : QString();
    const QStringList candidates =
        browser == Browser::Chromium
            ? QStringList{QStringLiteral("chromium"), QStringLiteral("chromium-browser")}
            : QStringList{QStringLiteral("firefox-esr"), QStringLiteral("firefox")};
    for (const QString &candidate : candidates) {
        const QString path = QStandardPaths::findExecutable(candidate);
        if (!path.isEmpty())
            return path;
    }
    return {};
}

bool BrowserRunner::available(Browser browser)
{
    return !executable(browser).isEmpty();
}

QList<ChromiumConsoleMessage> BrowserRunner::parseChromiumConsole(const QByteArray &log)
{
    // Head: "[pid:tid:MMDD/HHMMSS.micro:INFO:CONSOLE:7] "" or "...:INFO:CONSOLE(7)] "".
    static const QRegularExpression headRe(QStringLiteral(R"(^\[[^\]]*:CONSOLE(?::\d+|\(\d+\))\] ")"));
    // Tail: "", source: URL (7)" — the source may be empty for some messages.
    static const QRegularExpression tailRe(QStringLiteral(R"(", source: (.*) \((\d+)\)$)"));
    // Any Chromium log record: "[pid:tid:MMDD/HHMMSS.micro:LEVEL:...".
    static const QRegularExpression recordRe(QStringLiteral(R"(^\[\d+:\d+:\d{4}/\d{6}\.\d+:)"));
    QList<ChromiumConsoleMessage> out;
    const QStringList lines = QString::fromUtf8(log).split(QLatin1Char('\n'));
    QString pending;
    bool inMessage = false;
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (!inMessage) {
            const auto head = headRe.match(line);
            if (!head.hasMatch())
                continue;
            pending = line.mid(head.capturedEnd());
            inMessage = true;
        } else if (recordRe.match(line).hasMatch()) {
            // A new log record started before the tail: the previous one was cut; drop it.
            inMessage = false;
            const auto head = headRe.match(line);
            if (!head.hasMatch())
                continue;
            pending = line.mid(head.capturedEnd());
            inMessage = true;
        } else {
            pending += QLatin1Char('\n') + line;
        }
        const auto tail = tailRe.match(pending);
        if (tail.hasMatch()) {
            out.append({pending.left(tail.capturedStart()), tail.captured(1)});
            inMessage = false;
            pending.clear();
        }
    }
    return out;
}

QJsonObject BrowserRunner::toJson(const ScenarioObservation &o)
{
    QJsonArray fetches;
    for (const FetchObservation &f : o.fetches) {
        fetches.append(QJsonObject{
            {QStringLiteral("resolved"), f.resolved},
            {QStringLiteral("status"), f.status},
            {QStringLiteral("responseType"), f.responseType},
            {QStringLiteral("readableHeaders"), QJsonArray::fromStringList(f.readableHeaders)},
            {QStringLiteral("rejection"), f.rejection},
            {QStringLiteral("body"), f.body},
            {QStringLiteral("readable"), f.readable},
            {QStringLiteral("readError"), f.readError},
        });
    }
    QJsonArray requests;
    for (const RecordedRequest &r : o.requests) {
        QJsonArray headers;
        for (const auto &h : r.headers)
            headers.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
        requests.append(QJsonObject{
            {QStringLiteral("server"), r.server},
            {QStringLiteral("method"), QString::fromLatin1(r.method)},
            {QStringLiteral("target"), QString::fromLatin1(r.target)},
            {QStringLiteral("fetchIndex"), r.fetchIndex},
            {QStringLiteral("headers"), headers},
        });
    }
    QJsonObject out{
        {QStringLiteral("name"), o.name},
        {QStringLiteral("fetches"), fetches},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("consoleMessages"), QJsonArray::fromStringList(o.consoleMessages)},
    };
    if (!o.harnessError.isEmpty())
        out.insert(QStringLiteral("harnessError"), o.harnessError);
    return out;
}

QList<ScenarioObservation> BrowserRunner::run(Browser browser, ScenarioServer &server,
                                              const QJsonArray &localizedScenarios, QString *error,
                                              int timeoutMs)
{
    m_log.clear();
    QString failure;
    const auto fail = [&failure](const QString &message) {
        if (failure.isEmpty())
            failure = message;
    };

    if (!server.isListening() && !server.start(&failure)) {
        if (error)
            *error = failure;
        return {};
    }
    const QString program = executable(browser);
    if (program.isEmpty()) {
        if (error)
            *error = name(browser) + QStringLiteral(" not found");
        return {};
    }
    QJsonArray served = localizedScenarios;
    if (m_warmUp)
        served.prepend(server.localize(warmUpScenario(server.secureRunner())));
    server.setScenarios(served);
    server.newSession();

    QTemporaryDir profile(QDir::tempPath() + QStringLiteral("/corscope-") + name(browser) +
                          QStringLiteral("-XXXXXX"));
    if (!profile.isValid()) {
        if (error)
            *error = QStringLiteral("cannot create profile dir: ") + profile.errorString();
        return {};
    }

    QStringList arguments;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (browser == Browser::Firefox) {
        QFile userJs(profile.filePath(QStringLiteral("user.js")));
        const QByteArray prefs = QByteArray(kFirefoxUserJs) + firefoxProxyPrefs(m_proxy);
        if (!userJs.open(QIODevice::WriteOnly) || userJs.write(prefs) != prefs.size()) {
            if (error)
                *error = QStringLiteral("cannot write user.js: ") + userJs.errorString();
            return {};
        }
        userJs.close();
        QString certificateError;
        if (!addFirefoxCertificates(profile.path(), m_trustedCa, &certificateError)) {
            if (error)
                *error = certificateError;
            return {};
        }
        env.insert(QStringLiteral("MOZ_CRASHREPORTER_DISABLE"), QStringLiteral("1"));
        env.insert(QStringLiteral("MOZ_DISABLE_AUTO_SAFE_MODE"), QStringLiteral("1"));
        arguments = firefoxArguments(profile.path(), server.runnerUrl());
    } else {
        Corscope::ChromiumLaunch launch;
        launch.setHeadless(true)
            .setAutomation(true)
            .setConsoleLogging(true)
            .setUserDataDir(profile.path())
            .setStartUrl(server.runnerUrl());
        if (!m_proxy.isEmpty())
            launch.setProxy(m_proxy);
        if (!m_trustedCa.isEmpty()) {
            QString certificateError;
            const QByteArray spki = chromiumSpkiList(m_trustedCa, &certificateError);
            if (spki.isEmpty()) {
                if (error)
                    *error = certificateError;
                return {};
            }
            launch.setTrustedSpki(spki);
        }
        arguments = launch.arguments();
    }

    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setChildProcessModifier([] { ::setpgid(0, 0); });

    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&process, &QProcess::readyReadStandardOutput, &loop, [this, &process] {
        const QByteArray chunk = process.readAllStandardOutput();
        if (m_log.size() < kMaxLogBytes)
            m_log += chunk;
    });
    QObject::connect(&server, &ScenarioServer::runnerFinished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&loop, &process, &fail] {
        if (process.error() == QProcess::FailedToStart) {
            fail(QStringLiteral("browser failed to start: ") + process.errorString());
            loop.quit();
        }
    });
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&loop, &timedOut] {
        timedOut = true;
        loop.quit();
    });

    timeout.start(timeoutMs);
    process.start();
    if (failure.isEmpty() && !server.runFinished())
        loop.exec();

    if (timedOut) {
        fail(QStringLiteral("%1 timed out after %2 ms (%3 of %4 scenarios reported)")
                 .arg(name(browser))
                 .arg(timeoutMs)
                 .arg(server.results().size())
                 .arg(served.size()));
    } else if (failure.isEmpty() && !server.runFinished()) {
        fail(QStringLiteral("%1 exited early (code %2) after %3 of %4 scenarios")
                 .arg(name(browser))
                 .arg(process.exitCode())
                 .arg(server.results().size())
                 .arg(served.size()));
    }

    if (process.state() != QProcess::NotRunning) {
        // Let the final console messages through, then stop the whole browser.
        QTimer::singleShot(kConsoleFlushMs, &loop, &QEventLoop::quit);
        loop.exec();
        stopProcessGroup(process);
    }
    m_log += process.readAllStandardOutput();

    const QStringList log = server.runnerLog();
    if (!log.isEmpty() && failure.isEmpty()) {
        for (const QString &line : log) {
            if (line.startsWith(QLatin1String("runner failed")))
                fail(QStringLiteral("runner page: ") + line);
        }
    }

    // Assemble per-scenario observations.
    QHash<QString, QStringList> console;
    if (browser == Browser::Chromium) {
        for (const ChromiumConsoleMessage &m : parseChromiumConsole(m_log)) {
            const QString scenario = scenarioForMessage(server, m);
            if (!scenario.isEmpty())
                console[scenario].append(m.message);
        }
    }
    const QHash<QString, QJsonObject> results = server.results();
    QList<ScenarioObservation> observations;
    for (const QJsonValue &v : localizedScenarios) {
        ScenarioObservation o;
        o.name = v.toObject().value(QLatin1String("name")).toString();
        const auto result = results.constFind(o.name);
        if (result == results.cend()) {
            o.harnessError = QStringLiteral("no result reported");
        } else {
            for (const QJsonValue &f : result->value(QLatin1String("fetches")).toArray())
                o.fetches.append(fetchFromJson(f.toObject()));
            o.harnessError = result->value(QLatin1String("harnessError")).toString();
        }
        o.requests = server.recordedRequests(o.name);
        o.consoleMessages = console.value(o.name);
        observations.append(o);
    }
    if (error)
        *error = failure;
    return observations;
}

} // namespace CorscopeTest
