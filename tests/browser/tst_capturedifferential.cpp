#include "browserrunner.h"
#include "scenarioserver.h"
#include "verify/chromiumlaunch.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <optional>

using CorscopeTest::Browser;
using CorscopeTest::BrowserRunner;
using CorscopeTest::FetchObservation;
using CorscopeTest::RecordedRequest;
using CorscopeTest::ScenarioObservation;
using CorscopeTest::ScenarioServer;

namespace {

// The cases today's proxy gets wrong, keyed "browser:scenario", each with its defect class and
// why. Checked strictly both ways: a listed case that now agrees fails the test as much as a new
// disagreement does, so this list only shrinks as the proxy is fixed. Classes:
//   method               a request method the proxy's parser or evaluator does not take as sent
//   redirect-chain       a redirect's hops judged one by one instead of as one fetch
//   unfollowed-preflight a preflight after which the browser sent nothing, judged as passed
//   error-flow           a fetch that failed without a response, missing or misjudged
//   no-cors              a no-cors request judged as if it were CORS
//   readable-headers     the headers the page could read, wrong in the HAR
//   unjudged-element     an element request without Origin (no-cors, or a same-origin worker script)
//                        is not judged at all, so the element's own refusal is not seen
//   module-as-classic    a module script or module worker looks on the wire exactly like a classic
//                        one, so the capture applies the classic MIME rules
struct KnownDisagreement {
    const char *key;
    const char *defect;
    const char *reason;
};
// A disagreement that cannot be fixed at once is listed here, with its class and why, until it is.
constexpr const char *kUnjudgedElementReason =
    "the element refused what the server answered (a status outside 2xx, or a MIME type with nosniff) "
    "although no CORS check applied; the request carried no Origin (no-cors, or a same-origin worker "
    "script), and the capture path judges only requests with an Origin";
constexpr const char *kModuleAsClassicReason =
    "a module script (Sec-Fetch-Dest script, mode cors) or module worker (Sec-Fetch-Dest worker) is "
    "sent exactly like a classic one with crossorigin, so the capture judges it as classic and does not "
    "know that a text/plain answer fails";
const QList<KnownDisagreement> kKnownDisagreements{
    {"chromium:kind-module-text-plain", "module-as-classic", kModuleAsClassicReason},
    {"firefox:kind-module-text-plain", "module-as-classic", kModuleAsClassicReason},
    {"chromium:kind-worker-module-same-origin-text-plain", "module-as-classic", kModuleAsClassicReason},
    {"chromium:kind-script-no-attr-404-acao", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-script-no-attr-404-no-acao", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-script-no-attr-500-acao", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-script-no-attr-text-plain-nosniff", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-stylesheet-no-attr-404-acao", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-stylesheet-no-attr-404-no-acao", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-stylesheet-no-attr-500-acao", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-stylesheet-no-attr-text-plain-nosniff", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-worker-module-same-origin-404", "unjudged-element", kUnjudgedElementReason},
    {"chromium:kind-worker-same-origin-404", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-script-no-attr-404-acao", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-script-no-attr-404-no-acao", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-script-no-attr-500-acao", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-script-no-attr-text-plain-nosniff", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-stylesheet-no-attr-404-acao", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-stylesheet-no-attr-404-no-acao", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-stylesheet-no-attr-500-acao", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-stylesheet-no-attr-text-plain-nosniff", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-stylesheet-no-attr-text-plain", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-worker-module-same-origin-404", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-worker-module-same-origin-text-plain", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-worker-same-origin-404", "unjudged-element", kUnjudgedElementReason},
    {"firefox:kind-worker-same-origin-text-plain", "unjudged-element", kUnjudgedElementReason},
};

std::optional<KnownDisagreement> knownDisagreement(const QString &key)
{
    for (const KnownDisagreement &known : kKnownDisagreements) {
        if (key == QLatin1String(known.key))
            return known;
    }
    return std::nullopt;
}

// The HTTPS subset: scenarios run again with some of their hosts over https, through the proxy's
// interception (MITM) as well as directly. Each variant names the hosts it moves to https and the
// suffix of its name; the rest of the scenario is unchanged, so the browsers, not this list, say
// what the outcome is. A variant whose page stays http runs in the plain runner page, the others
// in a runner page loaded over https (a secure context, as an https site is).
struct HttpsVariant {
    const char *scenario;
    bool page;
    bool api;
    bool api2;
    const char *suffix;
};
const QList<HttpsVariant> kHttpsVariants{
    // simple requests
    {"simple-get-acao-star", true, true, true, "-https"},
    {"simple-get-acao-origin", true, true, true, "-https"},
    {"simple-get-no-acao", true, true, true, "-https"},
    {"simple-post-no-acao", true, true, true, "-https"},
    {"acao-uppercase-scheme", true, true, true, "-https"},
    {"acao-trailing-slash", true, true, true, "-https"},
    {"status-500-with-acao", true, true, true, "-https"},
    {"same-origin-get-all-readable", true, true, true, "-https"},
    {"expose-one", true, true, true, "-https"},
    {"no-cors-get-no-acao", true, true, true, "-https"},
    // preflighted requests and the preflight cache
    {"trigger-custom-header-x-trace", true, true, true, "-https"},
    {"trigger-content-type-json-allowed", true, true, true, "-https"},
    {"method-put-allowed", true, true, true, "-https"},
    {"method-put-no-acam", true, true, true, "-https"},
    {"preflight-status-404-with-acao", true, true, true, "-https"},
    {"preflight-ok-actual-no-acao", true, true, true, "-https"},
    {"unfollowed-preflight-status-500", true, true, true, "-https"},
    {"cache-max-age-60", true, true, true, "-https"},
    {"cache-three-fetches", true, true, true, "-https"},
    // credentialed requests, with a cookie that travels
    {"credentials-full", true, true, true, "-https"},
    {"credentials-acao-star", true, true, true, "-https"},
    {"preflight-credentials-full", true, true, true, "-https"},
    {"cookie-credentialed-allowed", true, true, true, "-https"},
    {"cookie-credentialed-preflighted-put", true, true, true, "-https"},
    // redirects, all https
    {"redirect-api-to-api2-star", true, true, true, "-https"},
    {"redirect-api-to-api2-origin", true, true, true, "-https"},
    {"redirect-put-307-new-preflight", true, true, true, "-https"},
    {"redirect-mode-manual", true, true, true, "-https"},
    {"redirect-credentials-to-api2", true, true, true, "-https"},
    {"redirect-page-to-api", true, true, true, "-https"},
    // errors: a refused port, a loop, a redirect mode that refuses
    {"redirect-to-blocked-port", true, true, true, "-https"},
    {"redirect-loop", true, true, true, "-https"},
    {"redirect-mode-error", true, true, true, "-https"},
    // https -> http: an https API redirects to plain http (from an https page, and its preflighted
    // form), and an https page fetches plain http. By scheme that is mixed content, but
    // http://127.0.0.1 is a potentially trustworthy URL ([secure-contexts] "Is origin
    // potentially trustworthy?", [mixed-content] "Should fetching request be blocked as mixed
    // content?" #should-block-fetch), so Chromium 156 and Firefox 153 send it, and the proxy
    // must capture it like any other fetch. A blocked one (a non-loopback host) would never reach
    // the proxy: no flow, which verdictAgrees() accepts for a rejected fetch.
    {"redirect-api-to-api2-star", true, true, false, "-https-to-http"},
    {"redirect-api-to-api2-origin", true, true, false, "-https-to-http"},
    {"redirect-put-307-to-api2", true, true, false, "-https-to-http"},
    {"simple-get-acao-star", true, false, false, "-mixed-content"},
    {"trigger-custom-header-x-trace", true, false, false, "-mixed-content"},
    {"redirect-page-to-api", true, false, false, "-mixed-content"},
    // http -> https: a plain API redirects to https, from a plain page
    {"redirect-api-to-api2-star", false, false, true, "-http-to-https"},
    {"redirect-api-to-api2-origin", false, false, true, "-http-to-https"},
    {"redirect-put-307-to-api2", false, false, true, "-http-to-https"},
    {"simple-get-acao-star", false, true, true, "-http-page"},
};

// The scenario with the variant's hosts moved to https ("http://api.test" → "https://api.test"
// wherever it appears: URLs, origins, ACAO values, Location) and its name suffixed.
QJsonObject httpsVariant(const QJsonObject &scenario, const HttpsVariant &variant)
{
    QByteArray text = QJsonDocument(scenario).toJson(QJsonDocument::Compact);
    const QList<QPair<const char *, bool>> hosts{
        {"page", variant.page}, {"api", variant.api}, {"api2", variant.api2}};
    for (const auto &[host, secure] : hosts) {
        if (secure)
            text.replace("\"http://" + QByteArray(host) + ".test", "\"https://" + QByteArray(host) + ".test")
                .replace(" http://" + QByteArray(host) + ".test", " https://" + QByteArray(host) + ".test");
    }
    QJsonObject out = QJsonDocument::fromJson(text).object();
    out.insert(u"name", scenario.value(u"name").toString() + QLatin1String(variant.suffix));
    return out;
}

// One HAR entry of the capture, reduced to what the comparison needs.
struct CapturedFlow {
    qsizetype entry = -1;
    QString scenario;
    QByteArray method;
    QByteArray target;
    bool secure = false; // an https URL: read inside an intercepted CONNECT
    QString verdict;     // _cors.verdict; empty when the entry has no _cors
    QString consoleMessage;
    // _cors.readings: what may have happened where the wire does not say (an unfollowed preflight
    // or redirect), most likely first — each reading's verdict and console message.
    QList<QPair<QString, QString>> readings;
    bool hasReadable = false;
    QStringList readable;
    bool readableFromHar = false; // re-evaluated by `corscope-cli har`, not in _cors
    int fetchIndex = -1;          // from the server's record of the same request
};

// What one browser did with the scenarios, directly and through `corscope-cli proxy`.
struct BrowserRun {
    QList<ScenarioObservation> direct;
    QList<ScenarioObservation> proxied;
    QList<RecordedRequest> proxiedRequests; // everything the server saw during the proxied run
    QList<CapturedFlow> flows;
    QByteArray proxyOutput;
};

QByteArray decodedTarget(const QByteArray &target)
{
    return QByteArray::fromPercentEncoding(target);
}

QByteArray rawHeader(const CorscopeTest::RawHeaders &headers, const char *name)
{
    for (const auto &header : headers) {
        if (header.first.compare(QByteArray(name), Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

// A request as it reached the server, reduced to what CORS decides.
QString describe(const RecordedRequest &request)
{
    QString text = QString::fromUtf8(request.method + ' ' + request.target);
    for (const char *name : {"origin", "access-control-request-method", "access-control-request-headers"}) {
        const QByteArray value = rawHeader(request.headers, name);
        if (!value.isNull())
            text += QLatin1Char(' ') + QLatin1String(name) + QLatin1Char('=') + QString::fromUtf8(value);
    }
    return text;
}

QString describe(const FetchObservation &o)
{
    if (!o.resolved)
        return QStringLiteral("rejected");
    return QStringLiteral("resolved %1 %2 [%3] body=%4")
        .arg(o.status)
        .arg(o.responseType, o.readableHeaders.join(QLatin1Char(',')), o.body.left(40));
}

bool isPreflight(const CapturedFlow &flow)
{
    return flow.verdict == QLatin1String("preflight-passed") ||
           flow.verdict == QLatin1String("preflight-failed");
}

// The capture's verdict for one fetch from all the flows it made (preflights, redirect hops):
// blocked when any flow was judged blocking — an unfollowed preflight too, since the browser then
// never sent the request — allowed when a request flow passed (or was not CORS at all:
// same-origin, no-cors GET), "one of: …" the outcomes of an unfollowed redirect's readings (the
// wire cannot tell redirect: 'manual' from 'error'), else "no verdict" (only a passed preflight).
QString capturedVerdict(const QList<const CapturedFlow *> &flows)
{
    bool allowed = false;
    QStringList possible;
    for (const CapturedFlow *flow : flows) {
        if (flow->verdict == QLatin1String("blocked") || flow->verdict == QLatin1String("preflight-failed") ||
            flow->verdict == QLatin1String("preflight-unfollowed"))
            return QStringLiteral("blocked");
        if (flow->verdict == QLatin1String("allowed") || flow->verdict == QLatin1String("not-cors"))
            allowed = true;
        if (flow->verdict == QLatin1String("redirect-unfollowed")) {
            for (const auto &reading : flow->readings) {
                if (!reading.first.isEmpty() && !possible.contains(reading.first))
                    possible << reading.first;
            }
        }
    }
    if (allowed)
        return QStringLiteral("allowed");
    if (!possible.isEmpty())
        return QStringLiteral("one of: ") + possible.join(QLatin1Char('/'));
    return QStringLiteral("no verdict");
}

bool verdictAgrees(const FetchObservation &page, const QString &verdict)
{
    const QString outcome = page.resolved ? QStringLiteral("allowed") : QStringLiteral("blocked");
    if (verdict == outcome)
        return true;
    if (verdict.startsWith(QLatin1String("one of: ")))
        return verdict.mid(8).split(QLatin1Char('/')).contains(outcome);
    // A fetch that never reached the network (refused before any request) leaves the proxy nothing
    // to judge, and nothing to get wrong.
    return !page.resolved && verdict == QLatin1String("no flow");
}

// Reads the HAR `corscope-cli proxy` wrote and assigns each entry of a scenario to the fetch
// whose request reached the server: the recorded requests carry the fetch index the runner
// announced, and entries and records are paired in order by method and target.
bool readCapture(const QString &path, const ScenarioServer &server, BrowserRun *run, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no HAR at %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("HAR does not parse: %1").arg(parseError.errorString());
        return false;
    }
    const QJsonArray entries = doc.object().value(u"log").toObject().value(u"entries").toArray();
    QList<bool> used(run->proxiedRequests.size(), false);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        const QJsonObject request = entry.value(u"request").toObject();
        const QUrl url(request.value(u"url").toString());
        CapturedFlow flow;
        flow.entry = i;
        flow.method = request.value(u"method").toString().toUtf8();
        flow.secure = url.scheme() == QLatin1String("https");
        flow.target = url.path(QUrl::FullyEncoded).toUtf8();
        if (url.hasQuery())
            flow.target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
        flow.scenario = server.scenarioForPath(flow.target);
        if (flow.scenario.isEmpty())
            continue; // the runner page's own requests, favicon.ico
        const QJsonObject cors = entry.value(u"_cors").toObject();
        flow.verdict = cors.value(u"verdict").toString();
        flow.consoleMessage = cors.value(u"consoleMessage").toString();
        for (const QJsonValue &reading : cors.value(u"readings").toArray())
            flow.readings.append({reading[u"verdict"].toString(), reading[u"consoleMessage"].toString()});
        flow.hasReadable = cors.contains(u"readableHeaders");
        for (const QJsonValue &name : cors.value(u"readableHeaders").toArray())
            flow.readable << name.toString();
        for (qsizetype r = 0; r < run->proxiedRequests.size(); ++r) {
            const RecordedRequest &recorded = run->proxiedRequests.at(r);
            if (used.at(r) || recorded.scenario != flow.scenario || recorded.method != flow.method ||
                decodedTarget(recorded.target) != decodedTarget(flow.target))
                continue;
            used[r] = true;
            flow.fetchIndex = recorded.fetchIndex;
            break;
        }
        run->flows.append(flow);
    }
    return true;
}

// `corscope-cli proxy` evaluates VerdictOnly, so its `_cors` lists no readable headers; Corscope's
// full evaluation of the same captured entries (`corscope-cli har --format json`) does.
bool readableFromHar(const QString &path, const QString &browser, BrowserRun *run, QString *error)
{
    QProcess cli;
    cli.start(QStringLiteral(CORSCOPE_CLI_PATH),
              {QStringLiteral("har"), path, QStringLiteral("--browser"), browser, QStringLiteral("--format"),
               QStringLiteral("json")});
    if (!cli.waitForFinished(120000)) {
        *error = QStringLiteral("corscope-cli har did not finish");
        return false;
    }
    QHash<qsizetype, QStringList> readable;
    for (const QByteArray &line : cli.readAllStandardOutput().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty() || object.value(u"verdict").toString() != QLatin1String("allowed"))
            continue;
        QStringList names;
        for (const QJsonValue &name : object.value(u"readableHeaders").toArray())
            names << name.toString();
        readable.insert(object.value(u"harEntry").toInteger(-1), names);
    }
    for (CapturedFlow &flow : run->flows) {
        const auto found = readable.constFind(flow.entry);
        if (flow.hasReadable || found == readable.cend())
            continue;
        flow.hasReadable = true;
        flow.readableFromHar = true;
        flow.readable = *found;
    }
    return true;
}

// Starts `corscope-cli proxy` on a free loopback port; returns "127.0.0.1:PORT", empty on failure.
QString startProxy(QProcess &cli, const QStringList &arguments, QByteArray *output)
{
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(QStringLiteral(CORSCOPE_CLI_PATH), arguments);
    if (!cli.waitForStarted(10000))
        return {};
    static const QRegularExpression listening(QStringLiteral(R"(listening on (127\.0\.0\.1:\d+))"));
    QString address;
    const bool settled = QTest::qWaitFor(
        [&] {
            *output += cli.readAll();
            const auto match = listening.match(QString::fromUtf8(*output));
            if (match.hasMatch())
                address = match.captured(1);
            return !address.isEmpty() || cli.state() == QProcess::NotRunning;
        },
        15000);
    return settled ? address : QString();
}

// A loopback page and WebSocket echo for one browser: GET / is a page that opens ws://…/echo,
// sends a text message and reports what came back with GET /report?echo=…; /echo upgrades
// ([rfc6455] 4.2.2: Sec-WebSocket-Accept is base64(SHA-1(key + GUID))) and echoes one text frame.
class WebSocketEcho : public QObject {
public:
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    QString report() const { return m_report; }
    bool upgraded() const { return m_upgraded; }

    WebSocketEcho()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (m_websockets.contains(socket)) {
            echoFrame(socket, buffer);
            return;
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        const QByteArray target = head.split(' ').value(1);
        QByteArray key;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(18).trimmed();
        }
        if (target == "/echo" && !key.isEmpty()) {
            const QByteArray accept = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                                               QCryptographicHash::Sha1)
                                          .toBase64();
            socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: " +
                          accept + "\r\n\r\n");
            m_websockets.insert(socket);
            m_upgraded = true;
            echoFrame(socket, buffer);
            return;
        }
        QByteArray body;
        if (target.startsWith("/report?echo=")) {
            m_report = QString::fromUtf8(QByteArray::fromPercentEncoding(target.mid(13)));
        } else if (target == "/") {
            body = "<!doctype html><script>"
                   "const ws = new WebSocket('ws://' + location.host + '/echo');"
                   "ws.onopen = () => ws.send('corscope-ping');"
                   "ws.onmessage = (e) => fetch('/report?echo=' + encodeURIComponent(e.data));"
                   "ws.onerror = () => fetch('/report?echo=error');"
                   "</script>";
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nCache-Control: no-store\r\n"
                      "Connection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    // [rfc6455] 5.2: the client's frames are masked, the server's are not. One short text frame
    // is all the page sends.
    static void echoFrame(QTcpSocket *socket, QByteArray &buffer)
    {
        if (buffer.size() < 6)
            return;
        const int opcode = buffer.at(0) & 0x0f;
        const int length = buffer.at(1) & 0x7f;
        if (opcode != 1 || length > 125 || buffer.size() < 6 + length)
            return;
        const QByteArray mask = buffer.mid(2, 4);
        QByteArray payload = buffer.mid(6, length);
        for (int i = 0; i < payload.size(); ++i)
            payload[i] = char(payload.at(i) ^ mask.at(i % 4));
        buffer.remove(0, 6 + length);
        socket->write(QByteArray(1, char(0x81)) + QByteArray(1, char(payload.size())) + payload);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QSet<QTcpSocket *> m_websockets;
    QString m_report;
    bool m_upgraded = false;
};

} // namespace

// Real headless Chromium and Firefox run every scenario through `corscope-cli proxy`; the verdict
// the proxy wrote into its HAR (`_cors`) must be what the page itself saw, for every fetch, with
// the same readable headers and (Chromium) the same console message; every request that reached
// the server must be a flow of the capture; and the page must not behave differently through the
// proxy than without it.
class TestCaptureDifferential : public QObject {
    Q_OBJECT

private:
    ScenarioServer m_server;
    QJsonArray m_localized;       // run by the plain (http) runner page
    QJsonArray m_secureLocalized; // the HTTPS subset whose page is https: the runner page over https
    QStringList m_httpsNames;     // every HTTPS-subset variant, either runner
    QHash<Browser, BrowserRun> m_runs;
    struct Tally {
        int fetches = 0;
        int agreeing = 0;         // the capture's verdict was the page's
        int readableCompared = 0; // allowed fetches whose readable headers were compared
    };
    QHash<Browser, Tally> m_tally;
    QHash<Browser, Tally> m_httpsTally; // the HTTPS subset alone
    QHash<Browser, QStringList> m_disagreements;
    QHash<QString, QString> m_kinds; // scenario name → its request's resourceType ("fetch" if none)

    QStringList compare(Browser browser, const QString &scenario, int *fetches, int *agreeing,
                        int *readableCompared) const
    {
        const BrowserRun &run = m_runs.value(browser);
        const auto find = [&scenario](const QList<ScenarioObservation> &list) {
            for (const ScenarioObservation &o : list) {
                if (o.name == scenario)
                    return o;
            }
            return ScenarioObservation{};
        };
        const ScenarioObservation direct = find(run.direct);
        const ScenarioObservation proxied = find(run.proxied);
        QStringList mismatches;
        if (!proxied.harnessError.isEmpty())
            mismatches << QStringLiteral("harness (proxied): ") + proxied.harnessError;

        QList<const CapturedFlow *> flows;
        for (const CapturedFlow &flow : run.flows) {
            if (flow.scenario == scenario)
                flows.append(&flow);
        }
        // No lost flows: every request the server answered is in the capture.
        for (const RecordedRequest &request : proxied.requests) {
            const bool captured = std::any_of(flows.begin(), flows.end(), [&](const CapturedFlow *flow) {
                return flow->method == request.method &&
                       decodedTarget(flow->target) == decodedTarget(request.target);
            });
            if (!captured)
                mismatches << QStringLiteral("lost flow: %1").arg(describe(request));
        }

        const QString kind = m_kinds.value(scenario, QStringLiteral("fetch"));
        // Only fetch() and XMLHttpRequest hand the page response headers; an element or an
        // EventSource exposes none, so there is nothing the page read to compare with.
        const bool pageReadsHeaders = kind == QLatin1String("fetch") || kind == QLatin1String("xhr");
        QStringList capturedMessages;
        bool unseenFailure = false; // a fetch the browser refused before sending anything
        for (qsizetype i = 0; i < proxied.fetches.size(); ++i) {
            const FetchObservation &page = proxied.fetches.at(i);
            QList<const CapturedFlow *> own;
            for (const CapturedFlow *flow : flows) {
                if (flow->fetchIndex == i)
                    own.append(flow);
            }
            ++*fetches;
            QString verdict = own.isEmpty() ? QStringLiteral("no flow") : capturedVerdict(own);
            const bool agrees = verdictAgrees(page, verdict);
            if (!page.resolved && own.isEmpty())
                unseenFailure = true;
            if (agrees)
                ++*agreeing;
            else
                mismatches
                    << QStringLiteral("fetch %1: page %2, capture %3").arg(i).arg(describe(page), verdict);
            if (agrees && page.resolved) {
                const CapturedFlow *last = nullptr;
                for (const CapturedFlow *flow : own) {
                    if (!isPreflight(*flow))
                        last = flow;
                }
                if (last && last->hasReadable && pageReadsHeaders)
                    ++*readableCompared;
                if (last && last->hasReadable && pageReadsHeaders && last->readable != page.readableHeaders)
                    mismatches << QStringLiteral("fetch %1: readable [%2], capture [%3]%4")
                                      .arg(i)
                                      .arg(page.readableHeaders.join(QLatin1Char(',')),
                                           last->readable.join(QLatin1Char(',')),
                                           last->readableFromHar ? QStringLiteral(" (corscope-cli har)")
                                                                 : QString());
            }
            for (const CapturedFlow *flow : own) {
                if ((flow->verdict == QLatin1String("blocked") ||
                     flow->verdict == QLatin1String("preflight-failed")) &&
                    !flow->consoleMessage.isEmpty())
                    capturedMessages << flow->consoleMessage;
                // The most likely reading is the one whose message must be the browser's.
                if (flow->verdict == QLatin1String("preflight-unfollowed") && !flow->readings.isEmpty() &&
                    !flow->readings.first().second.isEmpty())
                    capturedMessages << flow->readings.first().second;
            }
        }
        // The message of a fetch that never reached the network is nothing a capture can know.
        // Nor is the word Chromium's console uses for an XMLHttpRequest ("Access to XMLHttpRequest
        // at …"): on the wire it is a fetch() (Sec-Fetch-Dest 'empty', Sec-Fetch-Mode 'cors', the
        // same Accept), so the proxy judges it as one and its message says "fetch" — the verdict,
        // compared above, is the same for both.
        // A WebSocket's handshake failure Chromium logs with source "network", which stays out of
        // its stderr log (WebSocketHandshake::consoleMessage): the page's side has nothing to compare.
        const bool messageKnowable = kind != QLatin1String("xhr") && kind != QLatin1String("websocket");
        if (browser == Browser::Chromium && !unseenFailure && messageKnowable &&
            capturedMessages != proxied.consoleMessages)
            mismatches << QStringLiteral("console:\n    browser: %1\n    capture: %2")
                              .arg(proxied.consoleMessages.join(QStringLiteral(" / ")),
                                   capturedMessages.join(QStringLiteral(" / ")));

        // Transparency: the page saw the same outcomes, and the server the same requests.
        if (direct.fetches.size() != proxied.fetches.size()) {
            mismatches << QStringLiteral("transparency: %1 fetches direct, %2 through the proxy")
                              .arg(direct.fetches.size())
                              .arg(proxied.fetches.size());
        } else {
            for (qsizetype i = 0; i < direct.fetches.size(); ++i) {
                const QString a = describe(direct.fetches.at(i));
                const QString b = describe(proxied.fetches.at(i));
                if (a != b)
                    mismatches
                        << QStringLiteral("transparency: fetch %1 direct %2, proxied %3").arg(i).arg(a, b);
            }
        }
        QStringList directWire;
        for (const RecordedRequest &request : direct.requests)
            directWire << describe(request);
        QStringList proxiedWire;
        for (const RecordedRequest &request : proxied.requests)
            proxiedWire << describe(request);
        if (directWire != proxiedWire)
            mismatches << QStringLiteral("transparency on the wire:\n    direct:  %1\n    proxied: %2")
                              .arg(directWire.join(QStringLiteral(" | ")),
                                   proxiedWire.join(QStringLiteral(" | ")));
        return mismatches;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        // A credentialed fetch differs from an uncredentialed one on the wire only by its Cookie
        // header: with no cookie at all, no proxy can tell them apart. Pages that use credentials
        // have a session, so the runner page sets one.
        m_server.setSessionCookie(true);
        const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                       QStringLiteral("/tests/browser/scenarios"));
        // One prefix or several, comma-separated, as BrowserGroundTruth takes them.
        const QStringList only =
            qEnvironmentVariable("CORSCOPE_SCENARIO").split(QLatin1Char(','), Qt::SkipEmptyParts);
        QJsonArray scenarios;
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            if (!only.isEmpty() && std::none_of(only.cbegin(), only.cend(), [&name](const QString &prefix) {
                    return name.startsWith(prefix);
                }))
                continue;
            QFile in(dir.filePath(name));
            QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.fileName()));
            const QJsonObject scenario = QJsonDocument::fromJson(in.readAll()).object();
            m_kinds.insert(scenario.value(u"name").toString(),
                           scenario.value(u"request").toObject().value(u"resourceType").toString(
                               QStringLiteral("fetch")));
            scenarios.append(scenario);
        }
        QVERIFY(!scenarios.isEmpty());
        m_localized = m_server.localize(scenarios);
        const QString filter = qEnvironmentVariable("CORSCOPE_HTTPS_ONLY"); // "1": run the HTTPS subset only
        if (filter == QLatin1String("1"))
            m_localized = {};
        for (const HttpsVariant &variant : kHttpsVariants) {
            const QString base = QLatin1String(variant.scenario);
            if (!only.isEmpty() && std::none_of(only.cbegin(), only.cend(), [&base](const QString &prefix) {
                    return base.startsWith(prefix);
                }))
                continue;
            QFile in(dir.filePath(base + QStringLiteral(".json")));
            QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.fileName()));
            const QJsonObject localized =
                m_server.localize(httpsVariant(QJsonDocument::fromJson(in.readAll()).object(), variant));
            m_httpsNames << localized.value(u"name").toString();
            (variant.page ? m_secureLocalized : m_localized).append(localized);
        }

        bool any = false;
        for (Browser browser : {Browser::Chromium, Browser::Firefox}) {
            if (!BrowserRunner::available(browser))
                continue;
            any = true;
            BrowserRun run;
            BrowserRunner runner;
            // Directly, the browser trusts the scenario server's test CA; through the proxy only the
            // proxy's interception CA, and the proxy the test CA (--upstream-ca), as a user would set it.
            runner.setTrustedCa({m_server.caPath()});
            const auto runBoth = [&](QList<ScenarioObservation> *observations,
                                     QList<RecordedRequest> *requests, const QString &what) {
                QElapsedTimer clock;
                for (const bool secure : {false, true}) {
                    const QJsonArray &list = secure ? m_secureLocalized : m_localized;
                    if (list.isEmpty())
                        continue;
                    clock.start();
                    m_server.setSecureRunner(secure);
                    // The HTTPS runs take ~15 s: a broken trust chain (the runner page itself
                    // cannot load) fails in 3 minutes, not 10.
                    *observations += runner.run(browser, m_server, list, &error, secure ? 180000 : 600000);
                    if (requests)
                        *requests += m_server.recordedRequests();
                    qInfo().noquote() << QStringLiteral("%1 %2 (%3 runner page): %4 scenarios in %5 s")
                                             .arg(BrowserRunner::name(browser), what,
                                                  secure ? QStringLiteral("https") : QStringLiteral("http"))
                                             .arg(list.size())
                                             .arg(clock.elapsed() / 1000.0, 0, 'f', 1);
                    if (!error.isEmpty())
                        return;
                }
            };
            runBoth(&run.direct, nullptr, QStringLiteral("direct"));
            QVERIFY2(error.isEmpty(),
                     qPrintable(BrowserRunner::name(browser) + QStringLiteral(" direct: ") + error));

            QTemporaryDir work;
            QVERIFY(work.isValid());
            const QString har = work.filePath(QStringLiteral("capture.har"));
            QProcess cli;
            const QString listen = startProxy(
                cli,
                {QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--browser"), BrowserRunner::name(browser), QStringLiteral("--har"), har,
                 QStringLiteral("--ca-dir"), work.filePath(QStringLiteral("ca")),
                 QStringLiteral("--upstream-ca"), m_server.caPath()},
                &run.proxyOutput);
            QVERIFY2(!listen.isEmpty(), run.proxyOutput.constData());
            runner.setProxy(listen);
            runner.setTrustedCa({work.filePath(QStringLiteral("ca/ca-cert.pem"))});
            runBoth(&run.proxied, &run.proxiedRequests, QStringLiteral("through the proxy"));
            m_server.setSecureRunner(false);
            // SIGINT is how a user stops it: the HAR is written on the way out.
            ::kill(pid_t(cli.processId()), SIGINT);
            QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
            run.proxyOutput += cli.readAll();
            QVERIFY2(error.isEmpty(),
                     qPrintable(BrowserRunner::name(browser) + QStringLiteral(" proxied: ") + error));
            // The server knows the last run's scenarios only; the capture spans both runs.
            QJsonArray all = m_localized;
            for (const QJsonValue &scenario : std::as_const(m_secureLocalized))
                all.append(scenario);
            m_server.setScenarios(all);
            QVERIFY2(readCapture(har, m_server, &run, &error), qPrintable(error));
            QVERIFY2(readableFromHar(har, BrowserRunner::name(browser), &run, &error), qPrintable(error));
            m_runs.insert(browser, run);
        }
        if (!any)
            QSKIP("neither chromium nor firefox-esr is installed");
    }

    void captureAgreesWithThePage_data()
    {
        QTest::addColumn<int>("browser");
        QTest::addColumn<QString>("scenario");
        for (Browser browser : {Browser::Chromium, Browser::Firefox}) {
            if (!m_runs.contains(browser))
                continue;
            for (const QJsonArray *list : {&m_localized, &m_secureLocalized}) {
                for (const QJsonValue &scenario : *list) {
                    const QString name = scenario.toObject().value(u"name").toString();
                    QTest::newRow(qPrintable(BrowserRunner::name(browser) + QLatin1Char(':') + name))
                        << int(browser) << name;
                }
            }
        }
    }

    void captureAgreesWithThePage()
    {
        QFETCH(int, browser);
        QFETCH(QString, scenario);
        int fetches = 0;
        int agreeing = 0;
        int readableCompared = 0;
        const QStringList mismatches =
            compare(Browser(browser), scenario, &fetches, &agreeing, &readableCompared);
        Tally &tally = m_tally[Browser(browser)];
        tally.fetches += fetches;
        tally.agreeing += agreeing;
        tally.readableCompared += readableCompared;
        if (m_httpsNames.contains(scenario)) {
            Tally &https = m_httpsTally[Browser(browser)];
            https.fetches += fetches;
            https.agreeing += agreeing;
            https.readableCompared += readableCompared;
        }
        const QString key = BrowserRunner::name(Browser(browser)) + QLatin1Char(':') + scenario;
        if (!mismatches.isEmpty())
            m_disagreements[Browser(browser)]
                << key + QStringLiteral("\n  ") + mismatches.join(QStringLiteral("\n  "));
        if (const auto known = knownDisagreement(key))
            QEXPECT_FAIL("",
                         qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(known->defect),
                                                                 QLatin1String(known->reason))),
                         Abort);
        QVERIFY2(mismatches.isEmpty(), qPrintable(QLatin1Char('\n') + mismatches.join(QLatin1Char('\n'))));
    }

    // The credentialed scenarios are only worth their name if a real cookie travelled: the one the
    // API set on the first fetch is on the last fetch's request, directly and through the proxy.
    void cookiesReachTheServer()
    {
        int checked = 0;
        for (auto run = m_runs.cbegin(); run != m_runs.cend(); ++run) {
            for (const QList<ScenarioObservation> *observations : {&run->direct, &run->proxied}) {
                for (const ScenarioObservation &o : *observations) {
                    if (!o.name.startsWith(QLatin1String("cookie-credentialed-")))
                        continue;
                    QVERIFY2(!o.requests.isEmpty(), qPrintable(o.name));
                    const RecordedRequest &last = o.requests.last();
                    QVERIFY2(rawHeader(last.headers, "cookie").contains("sid=1"),
                             qPrintable(BrowserRunner::name(run.key()) + QLatin1Char(':') + o.name +
                                        QStringLiteral(": no cookie on ") + describe(last)));
                    ++checked;
                }
            }
        }
        if (m_runs.isEmpty() || !qEnvironmentVariableIsEmpty("CORSCOPE_SCENARIO"))
            return;
        QVERIFY(checked > 0);
    }

    // A WebSocket through the proxy, intercepting (the default) and tunnelling only: the page gets
    // its echo back as it does without the proxy, and the upgrade is a flow of the capture.
    // Chromium only: Firefox's launch (profile, prefs) is BrowserRunner's, which runs scenario
    // pages, not this one. Chromium sends ws:// through an HTTP proxy inside a CONNECT tunnel.
    void webSocketEchoThroughTheProxy_data()
    {
        QTest::addColumn<bool>("intercept");
        QTest::newRow("intercepting") << true;
        QTest::newRow("tunnel") << false;
    }

    void webSocketEchoThroughTheProxy()
    {
        QFETCH(bool, intercept);
        if (!BrowserRunner::available(Browser::Chromium))
            QSKIP("chromium is not installed");
        WebSocketEcho echo;
        QVERIFY(echo.listen());
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString har = work.filePath(QStringLiteral("ws.har"));
        QStringList arguments{QStringLiteral("proxy"), QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:0"), QStringLiteral("--har"), har};
        if (intercept)
            arguments << QStringLiteral("--ca-dir") << work.filePath(QStringLiteral("ca"));
        else
            arguments << QStringLiteral("--no-intercept");
        QProcess cli;
        QByteArray output;
        const QString listen = startProxy(cli, arguments, &output);
        QVERIFY2(!listen.isEmpty(), output.constData());
        QProcess chromium;
        chromium.setProcessChannelMode(QProcess::MergedChannels);
        chromium.start(Corscope::ChromiumLaunch::executable(),
                       Corscope::ChromiumLaunch()
                           .setHeadless(true)
                           .setAutomation(true)
                           .setUserDataDir(work.filePath(QStringLiteral("profile")))
                           .setProxy(listen)
                           .setStartUrl(echo.origin() + QStringLiteral("/"))
                           .arguments());
        const bool reported = QTest::qWaitFor([&] { return !echo.report().isEmpty(); }, 30000);
        chromium.kill();
        chromium.waitForFinished(5000);
        ::kill(pid_t(cli.processId()), SIGINT);
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 30000);
        QVERIFY2(reported, chromium.readAll().right(2000).constData());

        const QString key = intercept ? QStringLiteral("chromium:websocket-echo-intercepting")
                                      : QStringLiteral("chromium:websocket-echo-tunnel");
        const auto known = knownDisagreement(key);
        const QString reason =
            known ? QStringLiteral("%1: %2").arg(QLatin1String(known->defect), QLatin1String(known->reason))
                  : QString();
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray entries = QJsonDocument::fromJson(file.readAll())
                                       .object()
                                       .value(u"log")
                                       .toObject()
                                       .value(u"entries")
                                       .toArray();
        // Intercepting, the Upgrade request inside Chromium's CONNECT is the flow; tunnelling only, the
        // proxy sees no more than the CONNECT, which is an entry of its own (Chrome's HAR has none, but a
        // capture shows every request the browser made), not CORS, and ended cleanly.
        const QString authority = echo.origin().mid(int(qstrlen("http://")));
        const bool captured = std::any_of(entries.begin(), entries.end(), [&](const QJsonValue &entry) {
            const QJsonObject e = entry.toObject();
            const QJsonObject request = e.value(u"request").toObject();
            const QJsonObject response = e.value(u"response").toObject();
            if (intercept)
                return request.value(u"url").toString() == echo.origin() + QStringLiteral("/echo") &&
                       response.value(u"status").toInt() == 101;
            return request.value(u"method").toString() == QLatin1String("CONNECT") &&
                   request.value(u"url").toString().endsWith(QLatin1String("://") + authority) &&
                   response.value(u"status").toInt() == 200 && !response.contains(u"_error") &&
                   e.value(u"_cors").toObject().value(u"verdict").toString() == QLatin1String("not-cors") &&
                   request.value(u"bodySize").toInteger() > 0 && response.value(u"bodySize").toInteger() > 0;
        });
        const bool transparent = echo.report() == QLatin1String("corscope-ping") && echo.upgraded();
        if (known)
            QEXPECT_FAIL("", qPrintable(reason), Abort);
        QVERIFY2(transparent && captured,
                 qPrintable(
                     QStringLiteral("page got '%1' (upgrade reached the server: %2); its flow in the HAR: %3")
                         .arg(echo.report())
                         .arg(echo.upgraded())
                         .arg(captured)));
    }
    // The HTTPS subset is only worth its name if TLS was really spoken: every request of a variant
    // to a host it moved to https reached that host's TLS twin (so the browser accepted the test
    // CA directly, and the proxy's CA through it), the proxy read each one inside its CONNECT (an
    // https flow, not a tunnel), and some fetches resolved on both paths.
    void httpsSubsetSpokeTls()
    {
        if (m_runs.isEmpty())
            QSKIP("no browser ran");
        for (auto run = m_runs.cbegin(); run != m_runs.cend(); ++run) {
            const QString browser = BrowserRunner::name(run.key());
            for (const bool proxied : {false, true}) {
                int tls = 0;
                int resolved = 0;
                for (const ScenarioObservation &o : proxied ? run->proxied : run->direct) {
                    if (!m_httpsNames.contains(o.name))
                        continue;
                    const HttpsVariant *variant = nullptr;
                    for (const HttpsVariant &v : kHttpsVariants) {
                        if (o.name == QLatin1String(v.scenario) + QLatin1String(v.suffix))
                            variant = &v;
                    }
                    QVERIFY(variant);
                    for (const RecordedRequest &request : o.requests) {
                        const bool secure = request.server == QLatin1String("page")  ? variant->page
                                            : request.server == QLatin1String("api") ? variant->api
                                                                                     : variant->api2;
                        QVERIFY2(request.secure == secure,
                                 qPrintable(browser + QLatin1Char(':') + o.name + QStringLiteral(": ") +
                                            describe(request) + QStringLiteral(" on the wrong scheme")));
                        tls += request.secure ? 1 : 0;
                        if (proxied && request.secure) {
                            const bool read = std::any_of(
                                run->flows.begin(), run->flows.end(), [&](const CapturedFlow &flow) {
                                    return flow.scenario == o.name && flow.secure &&
                                           flow.method == request.method &&
                                           decodedTarget(flow.target) == decodedTarget(request.target);
                                });
                            QVERIFY2(read,
                                     qPrintable(browser + QLatin1Char(':') + o.name +
                                                QStringLiteral(": no https flow for ") + describe(request)));
                        }
                    }
                    for (const FetchObservation &fetch : o.fetches)
                        resolved += fetch.resolved ? 1 : 0;
                    // What the browsers do across schemes, for the record (the comparison is above).
                    if (!proxied && !(variant->page && variant->api && variant->api2)) {
                        QStringList outcomes;
                        for (const FetchObservation &fetch : o.fetches)
                            outcomes << describe(fetch);
                        qInfo().noquote() << browser + QLatin1Char(':') + o.name + QStringLiteral(": ") +
                                                 outcomes.join(QStringLiteral("; "));
                    }
                }
                if (!qEnvironmentVariableIsEmpty("CORSCOPE_SCENARIO"))
                    continue;
                QVERIFY2(tls > 0 && resolved > 0,
                         qPrintable(
                             QStringLiteral("%1 %2: %3 requests over TLS, %4 fetches resolved")
                                 .arg(browser, proxied ? QStringLiteral("proxied") : QStringLiteral("direct"))
                                 .arg(tls)
                                 .arg(resolved)));
            }
        }
    }

    // Every listed disagreement names a case that ran: a renamed scenario cannot hide in the list.
    void everyKnownDisagreementIsAScenario()
    {
        for (const KnownDisagreement &known : kKnownDisagreements) {
            const QString key = QLatin1String(known.key);
            if (key.isEmpty())
                continue;
            const qsizetype colon = key.indexOf(QLatin1Char(':'));
            const QString browser = key.left(colon);
            const Browser which = browser == QLatin1String("chromium") ? Browser::Chromium : Browser::Firefox;
            QVERIFY2(browser == BrowserRunner::name(which), qPrintable(key));
            if (!m_runs.contains(which) || !qEnvironmentVariableIsEmpty("CORSCOPE_SCENARIO"))
                continue;
            const QString scenario = key.mid(colon + 1);
            if (scenario.startsWith(QLatin1String("websocket-echo-")))
                continue; // checked by webSocketEchoThroughTheProxy
            const auto named = [&](const QJsonValue &v) {
                return v.toObject().value(u"name").toString() == scenario;
            };
            const bool ran = std::any_of(m_localized.begin(), m_localized.end(), named) ||
                             std::any_of(m_secureLocalized.begin(), m_secureLocalized.end(), named);
            QVERIFY2(ran, qPrintable(key));
        }
    }

    // The table: per browser, how often the capture's verdict was the page's, and every case that
    // disagreed (listed or not) with what the page saw and what the capture said.
    void cleanupTestCase()
    {
        for (Browser browser : {Browser::Chromium, Browser::Firefox}) {
            if (!m_runs.contains(browser))
                continue;
            const Tally tally = m_tally.value(browser);
            const int scenarios = int(m_localized.size() + m_secureLocalized.size());
            const int disagreeing = int(m_disagreements.value(browser).size());
            qInfo().noquote() << QStringLiteral(
                                     "%1: verdicts agree on %2 of %3 fetches (%4%), readable headers "
                                     "compared on %5; %6 of %7 scenarios agree in everything compared")
                                     .arg(BrowserRunner::name(browser))
                                     .arg(tally.agreeing)
                                     .arg(tally.fetches)
                                     .arg(tally.fetches ? 100.0 * tally.agreeing / tally.fetches : 0.0, 0,
                                          'f', 1)
                                     .arg(tally.readableCompared)
                                     .arg(scenarios - disagreeing)
                                     .arg(scenarios);
            const Tally https = m_httpsTally.value(browser);
            qInfo().noquote() << QStringLiteral(
                                     "%1 HTTPS subset (%2 scenarios): verdicts agree on %3 of %4 fetches")
                                     .arg(BrowserRunner::name(browser))
                                     .arg(m_httpsNames.size())
                                     .arg(https.agreeing)
                                     .arg(https.fetches);
            for (const QString &line : m_disagreements.value(browser))
                qInfo().noquote() << "  " << line;
        }
    }
};

QTEST_GUILESS_MAIN(TestCaptureDifferential)
#include "tst_capturedifferential.moc"
