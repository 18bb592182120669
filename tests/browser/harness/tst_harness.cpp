// Self-test of the browser harness: the scenario server on its own (raw bytes in and out), then
// a handful of well-known CORS behaviours in real headless Chromium and Firefox. If a browser
// stops behaving as asserted here, either the harness broke or the browser changed — both are
// things the browser-differential tests must not silently absorb.
//
// CORSCOPE_PROBE_SCENARIOS=file.json (an array of scenarios) additionally runs those scenarios
// in both browsers and writes the observations to $CORSCOPE_PROBE_OUT (default stdout);
// CORSCOPE_PROBE_NO_WARMUP=1 runs them without the runner's warm-up scenario.

#include "browserrunner.h"
#include "scenarioserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

using namespace CorscopeTest;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(CorscopeTest::Browser)

// Declared before the scenario raw strings: moc 6.4 stops parsing at some of them.
class TestBrowserHarness : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void localize();
    void serverSendsHeadersVerbatim();
    void serverRecordsAndSurvivesGarbage();
    void tlsTwinsServeHttps();
    void parseChromiumConsole();
    void browsers_data();
    void browsers();
    void probe();

private:
    ScenarioServer m_server;
};

namespace {

QJsonArray parseArray(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad scenario JSON in test: %s", qPrintable(error.errorString()));
    return doc.array();
}

// The scenarios every browser run asserts on. Placeholder origins; localized at run time.
const char kScenarios[] = R"([
 {"name": "simple-get-star",
  "request": {"url": "http://api.test/data", "origin": "http://page.test"},
  "responses": [{"method": "*", "url": "http://api.test/data", "status": 200,
                 "headers": [["Access-Control-Allow-Origin", "*"], ["X-Hidden", "1"]],
                 "body": "hello"}]},
 {"name": "get-no-acao",
  "request": {"url": "http://api.test/data", "origin": "http://page.test"},
  "responses": [{"method": "*", "url": "http://api.test/data", "status": 200, "body": "x"}]},
 {"name": "put-preflight-allowed",
  "request": {"url": "http://api.test/items/1", "origin": "http://page.test", "method": "PUT",
              "headers": [["Content-Type", "application/json"]], "body": "{\"a\":1}"},
  "responses": [
    {"method": "OPTIONS", "url": "http://api.test/items/1", "status": 204,
     "headers": [["Access-Control-Allow-Origin", "http://page.test"],
                 ["Access-Control-Allow-Methods", "PUT"],
                 ["Access-Control-Allow-Headers", "content-type"]]},
    {"method": "*", "url": "http://api.test/items/1", "status": 200,
     "headers": [["Access-Control-Allow-Origin", "{origin}"]], "body": "ok"}]},
 {"name": "custom-headers-preflight",
  "request": {"url": "http://api.test/h", "origin": "http://page.test",
              "headers": [["X-Zeta", "1"], ["X-Alpha", "2"]]},
  "responses": [
    {"method": "OPTIONS", "url": "http://api.test/h", "status": 204,
     "headers": [["Access-Control-Allow-Origin", "*"],
                 ["Access-Control-Allow-Headers", "x-alpha, x-zeta"]]},
    {"method": "*", "url": "http://api.test/h", "status": 200,
     "headers": [["Access-Control-Allow-Origin", "*"]]}]},
 {"name": "max-age-repeat",
  "request": {"url": "http://api.test/m", "origin": "http://page.test", "method": "PUT"},
  "responses": [
    {"method": "OPTIONS", "url": "http://api.test/m", "status": 204,
     "headers": [["Access-Control-Allow-Origin", "http://page.test"],
                 ["Access-Control-Allow-Methods", "PUT"],
                 ["Access-Control-Max-Age", "60"]]},
    {"method": "*", "url": "http://api.test/m", "status": 200,
     "headers": [["Access-Control-Allow-Origin", "http://page.test"]]}],
  "fetches": [0, 0]},
 {"name": "redirect-to-api2",
  "request": {"url": "http://api.test/start", "origin": "http://page.test"},
  "responses": [
    {"method": "*", "url": "http://api.test/start", "status": 302,
     "headers": [["Access-Control-Allow-Origin", "*"], ["Location", "http://api2.test/end"]]},
    {"method": "*", "url": "http://api2.test/end", "status": 200,
     "headers": [["Access-Control-Allow-Origin", "*"]], "body": "end"}]},
 {"name": "opaque-origin-frame",
  "request": {"url": "http://api.test/o", "origin": "null"},
  "responses": [{"method": "*", "url": "http://api.test/o", "status": 200,
                 "headers": [["Access-Control-Allow-Origin", "null"]]}]}
])";

QByteArray header(const RecordedRequest &r, const char *name)
{
    for (const auto &h : r.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool hasHeader(const RecordedRequest &r, const char *name)
{
    for (const auto &h : r.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Compact, because QtTest truncates long failure messages.
QString dump(const ScenarioObservation &o)
{
    QString out = o.name + (o.harnessError.isEmpty() ? QString() : u" harnessError="_s + o.harnessError);
    for (const FetchObservation &f : o.fetches) {
        out += QStringLiteral("\n fetch: %1 %2 %3 [%4] %5")
                   .arg(f.resolved ? u"resolved"_s : u"rejected"_s)
                   .arg(f.status)
                   .arg(f.responseType, f.readableHeaders.join(u','), f.rejection);
    }
    for (const RecordedRequest &r : o.requests) {
        out += QStringLiteral("\n request: %1 %2 %3 #%4")
                   .arg(r.server, QString::fromLatin1(r.method), QString::fromLatin1(r.target))
                   .arg(r.fetchIndex);
        for (const auto &h : r.headers) {
            if (h.first.compare("origin", Qt::CaseInsensitive) == 0 || h.first.startsWith("Access-Control") ||
                h.first.startsWith("access-control"))
                out +=
                    QStringLiteral(" %1=%2").arg(QString::fromLatin1(h.first), QString::fromLatin1(h.second));
        }
    }
    for (const QString &m : o.consoleMessages)
        out += u"\n console: "_s + m.left(300);
    return out;
}

// Sends raw bytes to a port and returns everything received until the server closes.
QByteArray exchange(quint16 port, const QByteArray &bytes, bool closeWriteSide = false)
{
    QTcpSocket socket;
    QEventLoop loop;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        socket.write(bytes);
        if (closeWriteSide)
            socket.disconnectFromHost();
    });
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    received += socket.readAll();
    return received;
}

// The same over TLS, verifying the server against `ca` as a browser would (the name is the
// IP address: its subjectAltName). Empty when the handshake fails.
QByteArray secureExchange(quint16 port, const QByteArray &bytes, const QSslCertificate &ca, QString *sslError)
{
    QSslSocket socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({ca});
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(configuration);
    QEventLoop loop;
    QByteArray received;
    QObject::connect(&socket, &QSslSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QSslSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::errorOccurred, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::sslErrors, &loop, [&](const QList<QSslError> &errors) {
        *sslError = errors.value(0).errorString();
        loop.quit();
    });
    QObject::connect(&socket, &QSslSocket::encrypted, &loop, [&] { socket.write(bytes); });
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    loop.exec();
    received += socket.readAll();
    return received;
}

quint16 portOf(const QString &origin)
{
    return QUrl(origin).port();
}

} // namespace

void TestBrowserHarness::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QVERIFY(m_server.pageOrigin().startsWith(QLatin1String("http://127.0.0.1:")));
    QVERIFY(m_server.pageOrigin() != m_server.apiOrigin());
    QVERIFY(m_server.apiOrigin() != m_server.api2Origin());
}

void TestBrowserHarness::localize()
{
    const QJsonObject s = parseArray(R"([{"name": "loc test",
      "request": {"url": "http://api.test/a?x=1", "origin": "http://page.test",
                  "headers": [["X-Url", "http://api2.test/keep"]]},
      "responses": [{"method": "*", "url": "http://api.test", "status": 302,
        "headers": [["Access-Control-Allow-Origin", "http://page.test"],
                    ["X-Slash", "http://page.test/"],
                    ["Location", "http://api2.test/b"], ["location", "/rel"],
                    ["X-Other", "http://api.tester/x"]]}]}])")
                              .at(0)
                              .toObject();
    const QJsonObject l = m_server.localize(s);
    m_server.setScenarios(QJsonArray{l});
    const QString page = m_server.pageOrigin();
    const QString api = m_server.apiOrigin();
    const QString api2 = m_server.api2Origin();
    const QJsonObject req = l.value(u"request"_s).toObject();
    QCOMPARE(req.value(u"url"_s).toString(), api + u"/loc%20test/a?x=1"_s);
    QCOMPARE(req.value(u"origin"_s).toString(), page);
    // Only URL-valued fields get the path prefix.
    QCOMPARE(req.value(u"headers"_s).toArray().at(0).toArray().at(1).toString(), api2 + u"/keep"_s);
    const QJsonObject resp = l.value(u"responses"_s).toArray().at(0).toObject();
    QCOMPARE(resp.value(u"url"_s).toString(), api + u"/loc%20test/"_s);
    const QJsonArray h = resp.value(u"headers"_s).toArray();
    QCOMPARE(h.at(0).toArray().at(1).toString(), page);
    QCOMPARE(h.at(1).toArray().at(1).toString(), page + u"/"_s);
    QCOMPARE(h.at(2).toArray().at(1).toString(), api2 + u"/loc%20test/b"_s);
    QCOMPARE(h.at(3).toArray().at(1).toString(), u"/loc%20test/rel"_s);
    QCOMPARE(h.at(4).toArray().at(1).toString(), u"http://api.tester/x"_s);
    QCOMPARE(m_server.scenarioForPath("/loc%20test/b"), QStringLiteral("loc test"));
}

void TestBrowserHarness::serverSendsHeadersVerbatim()
{
    const QJsonArray scenarios = m_server.localize(parseArray(R"([{"name": "raw",
      "request": {"url": "http://api.test/r", "origin": "http://page.test"},
      "responses": [
        {"method": "OPTIONS", "url": "http://api.test/r", "status": 204,
         "headers": [["A", "1"], ["a", "2"]]},
        {"method": "*", "url": "http://api.test/r?q=1", "status": 201,
         "headers": [["X-Empty", ""], ["X-Spaces", "  v  "], ["Access-Control-Allow-Origin", "{origin}"],
                     ["X-Dup", "1"], ["X-Dup", "1"]], "body": "abc"}]}])"));
    m_server.setScenarios(scenarios);
    const quint16 api = portOf(m_server.apiOrigin());

    const QByteArray got = exchange(api, "GET /raw/r?q=1 HTTP/1.1\r\nHost: x\r\n"
                                         "Origin: http://o.example\r\nContent-Length: 3\r\n\r\nxyz");
    QCOMPARE(got, QByteArray("HTTP/1.1 201 Created\r\nX-Empty: \r\nX-Spaces:   v  \r\n"
                             "Access-Control-Allow-Origin: http://o.example\r\nX-Dup: 1\r\n"
                             "X-Dup: 1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"));
    // OPTIONS matches the first entry; 204 carries no body and no Content-Length.
    QCOMPARE(exchange(api, "OPTIONS /raw/r HTTP/1.1\r\nHost: x\r\n\r\n"),
             QByteArray("HTTP/1.1 204 No Content\r\nA: 1\r\na: 2\r\nConnection: close\r\n\r\n"));
    // No Origin header: {origin} becomes empty. Query must match exactly.
    QVERIFY(
        exchange(api, "GET /raw/r?q=1 HTTP/1.1\r\n\r\n").contains("\r\nAccess-Control-Allow-Origin: \r\n"));
    QCOMPARE(exchange(api, "GET /raw/r?q=2 HTTP/1.1\r\n\r\n"),
             QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    // The same path on another port is a different URL.
    QVERIFY(exchange(portOf(m_server.api2Origin()), "GET /raw/r?q=1 HTTP/1.1\r\n\r\n")
                .startsWith("HTTP/1.1 404 "));
}

void TestBrowserHarness::serverRecordsAndSurvivesGarbage()
{
    const QJsonArray scenarios = m_server.localize(parseArray(R"([{"name": "rec",
      "request": {"url": "http://api.test/r", "origin": "http://page.test"},
      "responses": [{"method": "*", "url": "http://api.test/r", "status": 200}]},
      {"name": "rec-2", "request": {"url": "http://api.test/r", "origin": "http://page.test"},
       "responses": []}])"));
    m_server.setScenarios(scenarios);
    const quint16 api = portOf(m_server.apiOrigin());
    const quint16 page = portOf(m_server.pageOrigin());

    QVERIFY(exchange(api, "\x01\x02garbage\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(exchange(api, "GET /rec/r HTTP/1.1\r\nBad Header\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(exchange(api, "GET /rec/r HTTP/1.1\r\nContent-Length: nope\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(exchange(api, QByteArray(70000, 'a')).startsWith("HTTP/1.1 431 "));
    QVERIFY(exchange(api, "GET /rec/r HTTP/1.1\r\n", true).isEmpty()); // truncated, then closed
    QVERIFY(m_server.recordedRequests().isEmpty());

    QVERIFY(exchange(page, "POST /__harness/mark HTTP/1.1\r\nContent-Length: 28\r\n\r\n"
                           "{\"scenario\":\"rec\",\"fetch\":1}")
                .startsWith("HTTP/1.1 200 "));
    QVERIFY(exchange(api, "GET /rec/r HTTP/1.1\r\nX-A:  1 \r\nx-a: 2\r\n\r\n").startsWith("HTTP/1.1 200 "));
    QVERIFY(exchange(api, "GET /rec-2/r HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "));
    QVERIFY(exchange(api, "GET /favicon.ico HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "));

    const QList<RecordedRequest> all = m_server.recordedRequests();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].scenario, QStringLiteral("rec"));
    QCOMPARE(all[0].server, QStringLiteral("api"));
    QCOMPARE(all[0].method, QByteArray("GET"));
    QCOMPARE(all[0].target, QByteArray("/rec/r"));
    QCOMPARE(all[0].fetchIndex, 1);
    QCOMPARE(all[0].headers.size(), 2);
    QCOMPARE(all[0].headers[0], qMakePair(QByteArray("X-A"), QByteArray("1")));
    QCOMPARE(all[0].headers[1], qMakePair(QByteArray("x-a"), QByteArray("2")));
    QCOMPARE(all[1].scenario, QStringLiteral("rec-2"));
    QCOMPARE(all[1].fetchIndex, -1); // the mark was for another scenario
}

// The https twins: https placeholders localize onto them, they answer the same routes over TLS
// with a certificate for 127.0.0.1 signed by the server's CA, record their requests as secure,
// and the runner served there hands out https origins.
void TestBrowserHarness::tlsTwinsServeHttps()
{
    QVERIFY(m_server.securePageOrigin().startsWith(QLatin1String("https://127.0.0.1:")));
    QVERIFY(m_server.secureApiOrigin() != m_server.secureApi2Origin());
    QVERIFY(portOf(m_server.secureApiOrigin()) != portOf(m_server.apiOrigin()));
    const QJsonArray scenarios = m_server.localize(parseArray(R"([{"name": "tls",
      "request": {"url": "https://api.test/r", "origin": "https://page.test"},
      "responses": [{"method": "*", "url": "https://api.test/r", "status": 302,
                     "headers": [["Access-Control-Allow-Origin", "https://page.test"],
                                 ["Location", "http://api2.test/down"]]}]}])"));
    const QJsonObject l = scenarios.at(0).toObject();
    QCOMPARE(l.value(u"request"_s).toObject().value(u"url"_s).toString(),
             m_server.secureApiOrigin() + u"/tls/r"_s);
    QCOMPARE(l.value(u"request"_s).toObject().value(u"origin"_s).toString(), m_server.securePageOrigin());
    const QJsonArray headers =
        l.value(u"responses"_s).toArray().at(0).toObject().value(u"headers"_s).toArray();
    QCOMPARE(headers.at(0).toArray().at(1).toString(), m_server.securePageOrigin());
    QCOMPARE(headers.at(1).toArray().at(1).toString(), m_server.api2Origin() + u"/tls/down"_s);
    m_server.setScenarios(scenarios);

    QString sslError;
    const QByteArray got =
        secureExchange(portOf(m_server.secureApiOrigin()), "GET /tls/r HTTP/1.1\r\nOrigin: x\r\n\r\n",
                       m_server.caCertificate(), &sslError);
    QVERIFY2(got.startsWith("HTTP/1.1 302 Found\r\n"), qPrintable(sslError + QString::fromLatin1(got)));
    QVERIFY(got.contains("\r\nLocation: " + m_server.api2Origin().toUtf8() + "/tls/down\r\n"));
    // The plain twin does not serve the https URL: its route names the TLS port.
    QVERIFY(
        exchange(portOf(m_server.apiOrigin()), "GET /tls/r HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "));
    // Plain bytes to the TLS port get no HTTP answer.
    QVERIFY(!exchange(portOf(m_server.secureApiOrigin()), "GET /tls/r HTTP/1.1\r\n\r\n").startsWith("HTTP/"));
    // A client without the CA refuses the certificate.
    QString untrusted;
    QVERIFY(secureExchange(portOf(m_server.secureApiOrigin()), "GET /tls/r HTTP/1.1\r\n\r\n",
                           QSslCertificate(), &untrusted)
                .isEmpty());
    QVERIFY(!untrusted.isEmpty());

    const QList<RecordedRequest> all = m_server.recordedRequests();
    QCOMPARE(all.size(), 2);
    QVERIFY(all[0].secure);
    QCOMPARE(all[0].server, QStringLiteral("api"));
    QVERIFY(!all[1].secure);

    m_server.newSession();
    m_server.setSecureRunner(true);
    QVERIFY(m_server.runnerUrl().startsWith(m_server.securePageOrigin() + u"/__harness/runner.html"_s));
    const QByteArray config = secureExchange(
        portOf(m_server.securePageOrigin()),
        "GET /__harness/scenarios?session=" + QUrl::toPercentEncoding(m_server.runnerUrl().section(u'=', 1)) +
            " HTTP/1.1\r\n\r\n",
        m_server.caCertificate(), &sslError);
    m_server.setSecureRunner(false);
    QVERIFY2(config.contains("\"apiOrigin\":\"" + m_server.secureApiOrigin().toUtf8() + '"'),
             config.constData());
    QVERIFY(config.contains("\"pageOrigin\":\"" + m_server.securePageOrigin().toUtf8() + '"'));
}

void TestBrowserHarness::parseChromiumConsole()
{
    const QByteArray log =
        "[1:1:1126/174329.884713:WARNING:foo.cc(1)] noise\n"
        "[4140:4140:1126/174329.884731:INFO:CONSOLE:0] \"Access to fetch at 'http://x/a' from "
        "origin 'http://y' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' "
        "header is present on the requested resource.\", source: http://y/ (0)\n"
        "[4140:4140:1126/174329.9:INFO:CONSOLE(12)] \"two\nlines\", source:  (12)\n"
        "[4140:4140:1126/174330.1:INFO:CONSOLE:3] \"cut off\n"
        "[4140:4140:1126/174330.2:INFO:CONSOLE:4] \"last\", source: http://z/p (4)\n";
    const QList<ChromiumConsoleMessage> m = BrowserRunner::parseChromiumConsole(log);
    QCOMPARE(m.size(), 3);
    QVERIFY(m[0].message.startsWith(u"Access to fetch at 'http://x/a'"_s));
    QVERIFY(m[0].message.endsWith(u"on the requested resource."_s));
    QCOMPARE(m[0].source, QStringLiteral("http://y/"));
    QCOMPARE(m[1].message, QStringLiteral("two\nlines"));
    QCOMPARE(m[1].source, QString());
    QCOMPARE(m[2].message, QStringLiteral("last"));
}

void TestBrowserHarness::browsers_data()
{
    QTest::addColumn<Browser>("browser");
    QTest::newRow("chromium") << Browser::Chromium;
    QTest::newRow("firefox") << Browser::Firefox;
}

void TestBrowserHarness::browsers()
{
    QFETCH(Browser, browser);
    if (!BrowserRunner::available(browser))
        QSKIP("browser binary not installed");
    const bool chromium = browser == Browser::Chromium;

    const QJsonArray scenarios = m_server.localize(parseArray(kScenarios));
    BrowserRunner runner;
    QString error;
    QElapsedTimer timer;
    timer.start();
    const QList<ScenarioObservation> obs = runner.run(browser, m_server, scenarios, &error, 120000);
    qInfo("%s: %d scenarios in %lld ms", qPrintable(BrowserRunner::name(browser)), int(obs.size()),
          timer.elapsed());
    QVERIFY2(error.isEmpty(),
             qPrintable(error + u"\n"_s + QString::fromUtf8(runner.lastBrowserLog().right(4000))));
    QCOMPARE(obs.size(), scenarios.size());
    QHash<QString, ScenarioObservation> by;
    for (const ScenarioObservation &o : obs) {
        QVERIFY2(o.harnessError.isEmpty(), qPrintable(dump(o)));
        QCOMPARE(o.fetches.size(), o.name == QLatin1String("max-age-repeat") ? 2 : 1);
        by.insert(o.name, o);
    }
    const QByteArray page = m_server.pageOrigin().toUtf8();

    {
        const ScenarioObservation &o = by[u"simple-get-star"_s];
        const QString d = dump(o);
        QVERIFY2(o.fetches[0].resolved && o.fetches[0].status == 200, qPrintable(d));
        QCOMPARE(o.fetches[0].responseType, QStringLiteral("cors"));
        QVERIFY2(!o.fetches[0].readableHeaders.contains(u"x-hidden"_s), qPrintable(d));
        QCOMPARE(o.fetches[0].body, QStringLiteral("hello"));
        QVERIFY2(o.requests.size() == 1 && o.requests[0].method == "GET", qPrintable(d));
        QCOMPARE(header(o.requests[0], "Origin"), page);
        QCOMPARE(o.requests[0].fetchIndex, 0);
        QVERIFY2(o.consoleMessages.isEmpty(), qPrintable(d));
    }
    {
        const ScenarioObservation &o = by[u"get-no-acao"_s];
        const QString d = dump(o);
        QVERIFY2(!o.fetches[0].resolved && !o.fetches[0].rejection.isEmpty(), qPrintable(d));
        QVERIFY2(o.fetches[0].rejection.startsWith(u"TypeError"_s), qPrintable(d));
        QVERIFY2(o.requests.size() == 1 && o.requests[0].method == "GET", qPrintable(d));
        if (chromium) {
            QVERIFY2(o.consoleMessages.size() >= 1, qPrintable(d));
            QVERIFY2(o.consoleMessages[0].startsWith(u"Access to fetch at '"_s + m_server.apiOrigin() +
                                                     u"/get-no-acao/data' from origin '"_s +
                                                     m_server.pageOrigin() +
                                                     u"' has been blocked by CORS policy: "_s),
                     qPrintable(d));
            QVERIFY2(o.consoleMessages[0].contains(u"No 'Access-Control-Allow-Origin' header"_s),
                     qPrintable(d));
        }
    }
    {
        const ScenarioObservation &o = by[u"put-preflight-allowed"_s];
        const QString d = dump(o);
        QVERIFY2(o.fetches[0].resolved && o.fetches[0].status == 200, qPrintable(d));
        QVERIFY2(o.requests.size() == 2, qPrintable(d));
        QCOMPARE(o.requests[0].method, QByteArray("OPTIONS"));
        QCOMPARE(header(o.requests[0], "Access-Control-Request-Method"), QByteArray("PUT"));
        QCOMPARE(header(o.requests[0], "Access-Control-Request-Headers"), QByteArray("content-type"));
        QCOMPARE(header(o.requests[0], "Origin"), page);
        QCOMPARE(o.requests[1].method, QByteArray("PUT"));
        QCOMPARE(header(o.requests[1], "Content-Type"), QByteArray("application/json"));
        QVERIFY(!hasHeader(o.requests[1], "Access-Control-Request-Method"));
        QCOMPARE(o.requests[1].fetchIndex, 0);
    }
    {
        const ScenarioObservation &o = by[u"custom-headers-preflight"_s];
        const QString d = dump(o);
        QVERIFY2(o.fetches[0].resolved, qPrintable(d));
        QVERIFY2(o.requests.size() == 2 && o.requests[0].method == "OPTIONS", qPrintable(d));
        QCOMPARE(header(o.requests[0], "Access-Control-Request-Method"), QByteArray("GET"));
        QCOMPARE(header(o.requests[0], "Access-Control-Request-Headers"), QByteArray("x-alpha,x-zeta"));
        QCOMPARE(header(o.requests[1], "X-Zeta"), QByteArray("1"));
    }
    {
        const ScenarioObservation &o = by[u"max-age-repeat"_s];
        const QString d = dump(o);
        QVERIFY2(o.fetches[0].resolved && o.fetches[1].resolved, qPrintable(d));
        QVERIFY2(o.requests.size() == 3, qPrintable(d));
        QCOMPARE(o.requests[0].method, QByteArray("OPTIONS"));
        QCOMPARE(o.requests[0].fetchIndex, 0);
        QCOMPARE(o.requests[1].method, QByteArray("PUT"));
        QCOMPARE(o.requests[1].fetchIndex, 0);
        QCOMPARE(o.requests[2].method, QByteArray("PUT"));
        QCOMPARE(o.requests[2].fetchIndex, 1);
    }
    {
        const ScenarioObservation &o = by[u"redirect-to-api2"_s];
        const QString d = dump(o);
        QVERIFY2(o.fetches[0].resolved && o.fetches[0].status == 200, qPrintable(d));
        QCOMPARE(o.fetches[0].body, QStringLiteral("end"));
        QVERIFY2(o.requests.size() == 2, qPrintable(d));
        QCOMPARE(o.requests[0].server, QStringLiteral("api"));
        QCOMPARE(header(o.requests[0], "Origin"), page);
        QCOMPARE(o.requests[1].server, QStringLiteral("api2"));
        QCOMPARE(o.requests[1].target, QByteArray("/redirect-to-api2/end"));
        QCOMPARE(header(o.requests[1], "Origin"), QByteArray("null"));
    }
    {
        const ScenarioObservation &o = by[u"opaque-origin-frame"_s];
        const QString d = dump(o);
        QVERIFY2(o.fetches[0].resolved && o.fetches[0].status == 200, qPrintable(d));
        QVERIFY2(o.requests.size() == 1, qPrintable(d));
        QCOMPARE(header(o.requests[0], "Origin"), QByteArray("null"));
    }
}

void TestBrowserHarness::probe()
{
    const QString path = qEnvironmentVariable("CORSCOPE_PROBE_SCENARIOS");
    if (path.isEmpty())
        QSKIP("set CORSCOPE_PROBE_SCENARIOS to run ad-hoc scenarios");
    QFile in(path);
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    QVERIFY2(doc.isArray(), qPrintable(parseError.errorString()));
    const QJsonArray scenarios = m_server.localize(doc.array());

    QJsonObject out{{u"pageOrigin"_s, m_server.pageOrigin()},
                    {u"apiOrigin"_s, m_server.apiOrigin()},
                    {u"api2Origin"_s, m_server.api2Origin()}};
    for (Browser browser : {Browser::Chromium, Browser::Firefox}) {
        if (!BrowserRunner::available(browser))
            continue;
        BrowserRunner runner;
        runner.setWarmUp(qEnvironmentVariableIsEmpty("CORSCOPE_PROBE_NO_WARMUP"));
        QString error;
        QElapsedTimer timer;
        timer.start();
        const QList<ScenarioObservation> obs = runner.run(browser, m_server, scenarios, &error);
        QJsonArray list;
        for (const ScenarioObservation &o : obs)
            list.append(BrowserRunner::toJson(o));
        out.insert(BrowserRunner::name(browser),
                   QJsonObject{{u"error"_s, error}, {u"ms"_s, timer.elapsed()}, {u"scenarios"_s, list}});
    }
    const QByteArray json = QJsonDocument(out).toJson(QJsonDocument::Indented);
    const QString outPath = qEnvironmentVariable("CORSCOPE_PROBE_OUT");
    if (outPath.isEmpty()) {
        fputs(json.constData(), stdout);
        return;
    }
    QFile file(outPath);
    QVERIFY2(file.open(QIODevice::WriteOnly) && file.write(json) == json.size(),
             qPrintable(file.errorString()));
}

QTEST_GUILESS_MAIN(TestBrowserHarness)
#include "tst_harness.moc"
