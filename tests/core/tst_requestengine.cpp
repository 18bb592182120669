#include "loopbackhttpserver.h"
#include "sender/responseheadparser.h"
#include "sender/sendsession.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Corscope;
using CorscopeTest::LoopbackHttpServer;
using CorscopeTest::LoopbackReply;
using CorscopeTest::LoopbackRequest;

namespace {

const QByteArray pageOrigin = "http://app.test";

FetchRequest fetchRequest(const QUrl &url, const QByteArray &method = "GET", HeaderList headers = {},
                          std::optional<QByteArray> body = std::nullopt)
{
    FetchRequest request;
    request.url = url;
    request.origin = Origin::parse(QString::fromLatin1(pageOrigin));
    request.method = method;
    request.headers = std::move(headers);
    request.body = std::move(body);
    return request;
}

SendOptions quickOptions()
{
    SendOptions options;
    options.connectTimeoutMs = 5000;
    options.totalTimeoutMs = 10000;
    return options;
}

LoopbackReply reply(int status, const CorscopeTest::HeaderPairs &headers, const QByteArray &body = {})
{
    return {LoopbackHttpServer::response(status, headers, body), false, false};
}

// Answers a preflighted PUT the way a correctly configured API does.
LoopbackHttpServer::Handler corsApi(const QByteArray &maxAge)
{
    return [maxAge](const LoopbackRequest &request) {
        if (request.method == "OPTIONS")
            return reply(204, {{"Access-Control-Allow-Origin", pageOrigin},
                               {"Access-Control-Allow-Methods", "PUT"},
                               {"Access-Control-Allow-Headers", "x-token, content-type"},
                               {"Access-Control-Max-Age", maxAge}});
        return reply(200, {{"Access-Control-Allow-Origin", pageOrigin}, {"Content-Type", "application/json"}},
                     "{\"ok\":true}");
    };
}

FetchRequest preflightedPut(const LoopbackHttpServer &server)
{
    return fetchRequest(server.url(QStringLiteral("/items/1")), "PUT",
                        {{"Content-Type", "application/json"}, {"X-Token", "t1"}}, QByteArray("{\"a\":1}"));
}

QByteArrayList methods(const QList<LoopbackRequest> &requests)
{
    QByteArrayList list;
    for (const LoopbackRequest &request : requests)
        list.append(request.method);
    return list;
}

} // namespace

class TestRequestEngine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void sendsAPreflightedPutExactlyAsBuilt();
    void answersARepeatWithinMaxAgeFromTheCache();
    void preflightsAgainAfterMaxAgeExpires();
    void followsARedirectAcrossPortsWithOriginNull();
    void rewriteRulesChangeEveryHopBeforeTheEvaluator();
    void rewriteRulesAnswerAPreflightTheServerNeverSees();
    void reusesTheConnectionAndRecordsTiming();
    void sendIsAsynchronous();
    void reportsAFetchRefusedBeforeTheWire();
    void abortsARunningFetch();
    void destroyingTheSessionCancelsInFlightExchanges();

    void goesThroughTheGivenProxy();
    void reportsARefusedConnection();
    void reportsATimeout();

    void rejectsAnUnknownCertificateAuthority();
    void trustsTheGivenCaFile();
    void insecureAcceptsAnyCertificateAndSaysSo();

    void keepsDuplicateHeadersInOrderAndOnlyTheFinalBlock();
    void survivesHostileServers_data();
    void survivesHostileServers();
    void truncatesALargeBody();

    void parserFoldsContinuationLinesAndSeparatesTrailers();

private:
    QTemporaryDir m_certificates;
    bool m_haveCertificates = false;
    QString caFile() const { return m_certificates.filePath(QStringLiteral("ca.pem")); }
    bool startTlsServer(LoopbackHttpServer &server);
};

void TestRequestEngine::initTestCase()
{
    // A throwaway CA and a server certificate for 127.0.0.1, made with the openssl CLI.
    QVERIFY(m_certificates.isValid());
    const QString dir = m_certificates.path();
    QFile extensions(m_certificates.filePath(QStringLiteral("server.ext")));
    QVERIFY(extensions.open(QIODevice::WriteOnly));
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                     "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
    extensions.close();
    const QList<QStringList> commands{
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
         QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"), QStringLiteral("-days"),
         QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=Corscope Test CA"),
         QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
         QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
        {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"),
         QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
         QStringLiteral("/CN=127.0.0.1")},
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
         QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
         QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
         QStringLiteral("server.ext")},
    };
    for (const QStringList &arguments : commands) {
        QProcess openssl;
        openssl.setWorkingDirectory(dir);
        openssl.start(QStringLiteral("openssl"), arguments);
        if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit ||
            openssl.exitCode() != 0) {
            qWarning() << "openssl failed:" << arguments << openssl.readAllStandardError();
            return;
        }
    }
    m_haveCertificates = QSslSocket::supportsSsl();
}

bool TestRequestEngine::startTlsServer(LoopbackHttpServer &server)
{
    return server.enableTls(m_certificates.filePath(QStringLiteral("server.pem")),
                            m_certificates.filePath(QStringLiteral("server.key"))) &&
           server.listenLoopback();
}

void TestRequestEngine::sendsAPreflightedPutExactlyAsBuilt()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler(corsApi("60"));
    SendSession session(BrowserProfile::chromium());

    const SendResult result = session.sendAndWait(preflightedPut(server), quickOptions());
    QVERIFY2(result.evaluation.allowed(), qPrintable(result.evaluation.consoleMessage));
    QVERIFY(result.evaluation.preflightSent);
    QVERIFY(!result.insecure);

    const QList<LoopbackRequest> seen = server.requests();
    QCOMPARE(methods(seen), QByteArrayList({"OPTIONS", "PUT"}));
    const LoopbackRequest &preflight = seen.at(0);
    QCOMPARE(preflight.target, QByteArray("/items/1"));
    QCOMPARE(preflight.header("access-control-request-method"), QByteArray("PUT"));
    QCOMPARE(preflight.header("access-control-request-headers"), QByteArray("content-type,x-token"));
    QCOMPARE(preflight.header("origin"), pageOrigin);
    QCOMPARE(preflight.header("accept"), QByteArray("*/*"));
    QVERIFY(!preflight.hasHeader("content-type"));
    QVERIFY(!preflight.hasHeader("expect"));
    QVERIFY(preflight.body.isEmpty());

    const LoopbackRequest &put = seen.at(1);
    QCOMPARE(put.header("origin"), pageOrigin);
    QCOMPARE(put.header("x-token"), QByteArray("t1"));
    QCOMPARE(put.headerCount("content-type"), 1);
    QCOMPARE(put.header("content-type"), QByteArray("application/json"));
    QVERIFY2(!put.hasHeader("accept"), "libcurl's default Accept must be suppressed");
    QVERIFY2(!put.hasHeader("expect"), "libcurl's Expect: 100-continue must be suppressed");
    QCOMPARE(put.body, QByteArray("{\"a\":1}"));

    QCOMPARE(result.exchanges.size(), 2);
    QCOMPARE(result.evaluation.exchanges.size(), 2);
    QCOMPARE(result.exchanges.at(0).request.kind, OutgoingRequest::Kind::Preflight);
    QCOMPARE(result.exchanges.at(0).response->status, 204);
    QCOMPARE(result.exchanges.at(1).response->status, 200);
    QCOMPARE(result.exchanges.at(1).response->body, QByteArray("{\"ok\":true}"));
    QVERIFY(result.exchanges.at(1).rawRequestHead.startsWith("PUT /items/1 HTTP/1.1\r\n"));
}

void TestRequestEngine::answersARepeatWithinMaxAgeFromTheCache()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler(corsApi("60"));
    SendSession session(BrowserProfile::chromium());

    QVERIFY(session.sendAndWait(preflightedPut(server), quickOptions()).evaluation.allowed());
    const SendResult second = session.sendAndWait(preflightedPut(server), quickOptions());
    QVERIFY(second.evaluation.allowed());
    QVERIFY(second.evaluation.preflightFromCache);
    QCOMPARE(second.evaluation.cache.kind, CacheEffect::Kind::Hit);
    QCOMPARE(second.exchanges.size(), 1);
    QCOMPARE(methods(server.requests()), QByteArrayList({"OPTIONS", "PUT", "PUT"}));
}

void TestRequestEngine::preflightsAgainAfterMaxAgeExpires()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler(corsApi("1"));
    SendSession session(BrowserProfile::chromium());

    QVERIFY(session.sendAndWait(preflightedPut(server), quickOptions()).evaluation.allowed());
    QTest::qWait(1200);
    const SendResult second = session.sendAndWait(preflightedPut(server), quickOptions());
    QVERIFY(second.evaluation.allowed());
    QVERIFY(!second.evaluation.preflightFromCache);
    QCOMPARE(methods(server.requests()), QByteArrayList({"OPTIONS", "PUT", "OPTIONS", "PUT"}));
}

void TestRequestEngine::followsARedirectAcrossPortsWithOriginNull()
{
    LoopbackHttpServer first;
    LoopbackHttpServer second;
    QVERIFY(first.listenLoopback());
    QVERIFY(second.listenLoopback());
    const QByteArray target = second.url(QStringLiteral("/next")).toEncoded();
    first.setHandler([target](const LoopbackRequest &) {
        return reply(307, {{"Location", target}, {"Access-Control-Allow-Origin", "*"}});
    });
    second.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Access-Control-Allow-Origin", "*"}}, "done");
    });
    SendSession session(BrowserProfile::chromium());

    const SendResult result =
        session.sendAndWait(fetchRequest(first.url(QStringLiteral("/start"))), quickOptions());
    QVERIFY2(result.evaluation.allowed(), qPrintable(result.evaluation.consoleMessage));
    QCOMPARE(result.exchanges.size(), 2);
    QCOMPARE(result.exchanges.at(0).response->status, 307);
    QCOMPARE(result.evaluation.finalUrl, second.url(QStringLiteral("/next")));
    QCOMPARE(first.requests().size(), 1);
    QCOMPARE(first.requests().at(0).header("origin"), pageOrigin);
    QCOMPARE(second.requests().size(), 1);
    QCOMPARE(second.requests().at(0).header("origin"), QByteArray("null"));
}

// SendOptions::rewriteRules: the proxy's rules, applied to each response of a redirect chain
// before the simulation judges it; what the server sent is kept beside it.
void TestRequestEngine::rewriteRulesChangeEveryHopBeforeTheEvaluator()
{
    LoopbackHttpServer first;
    LoopbackHttpServer second;
    QVERIFY(first.listenLoopback());
    QVERIFY(second.listenLoopback());
    const QByteArray target = second.url(QStringLiteral("/next")).toEncoded();
    first.setHandler([target](const LoopbackRequest &) { return reply(307, {{"Location", target}}); });
    second.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Content-Type", "text/plain"}}, "done");
    });

    SendSession plain(BrowserProfile::chromium());
    QVERIFY(!plain.sendAndWait(fetchRequest(first.url(QStringLiteral("/start"))), quickOptions())
                 .evaluation.allowed());

    QString error;
    const std::optional<RewriteRules> rules = RewriteRules::parse(
        R"({"rules": [{"name": "allow any", "match": {"host": "127.0.0.1"},
                       "set": {"Access-Control-Allow-Origin": "*"}, "remove": ["Content-Type"]}]})",
        &error);
    QVERIFY2(rules, qPrintable(error));
    SendOptions options = quickOptions();
    options.rewriteRules = *rules;
    SendSession session(BrowserProfile::chromium());
    const SendResult result = session.sendAndWait(fetchRequest(first.url(QStringLiteral("/start"))), options);
    QVERIFY2(result.evaluation.allowed(), qPrintable(result.evaluation.consoleMessage));
    QCOMPARE(result.exchanges.size(), 2);
    for (const ExchangeRecord &record : result.exchanges) {
        QVERIFY(record.wasRewritten());
        QVERIFY(!record.answeredLocally);
        QCOMPARE(record.appliedRules, QStringList{QStringLiteral("allow any")});
        QCOMPARE(record.response->headers.get("access-control-allow-origin"), std::optional<QByteArray>("*"));
        QVERIFY(!record.originalResponseHeaders.contains("access-control-allow-origin"));
    }
    QVERIFY(result.exchanges.at(1).originalResponseHeaders.contains("content-type"));
    QVERIFY(!result.exchanges.at(1).response->headers.contains("content-type"));
    // The plain send stopped at the first hop (a redirect without Access-Control-Allow-Origin).
    QCOMPARE(first.requests().size(), 2);
    QCOMPARE(second.requests().size(), 1);
}

void TestRequestEngine::rewriteRulesAnswerAPreflightTheServerNeverSees()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([](const LoopbackRequest &request) {
        if (request.method == "OPTIONS")
            return reply(404, {});
        return reply(200, {{"Access-Control-Allow-Origin", pageOrigin}}, "{}");
    });
    QString error;
    const std::optional<RewriteRules> rules = RewriteRules::parse(
        R"({"rules": [{"name": "answer", "match": {"path": "/items/1"},
                       "respond": {"status": 204, "headers": {"Access-Control-Allow-Origin": "http://app.test",
                                   "Access-Control-Allow-Methods": "PUT",
                                   "Access-Control-Allow-Headers": "x-token, content-type"}}}]})",
        &error);
    QVERIFY2(rules, qPrintable(error));
    SendOptions options = quickOptions();
    options.rewriteRules = *rules;
    SendSession session(BrowserProfile::chromium());
    const SendResult result = session.sendAndWait(preflightedPut(server), options);
    QVERIFY2(result.evaluation.allowed(), qPrintable(result.evaluation.consoleMessage));
    QCOMPARE(result.exchanges.size(), 2);
    QVERIFY(result.exchanges.at(0).answeredLocally);
    QCOMPARE(result.exchanges.at(0).response->status, 204);
    QCOMPARE(result.exchanges.at(0).appliedRules, QStringList{QStringLiteral("answer")});
    QVERIFY(!result.exchanges.at(1).wasRewritten()); // the PUT's answer is the server's own
    QCOMPARE(methods(server.requests()), QByteArrayList{"PUT"});
}

void TestRequestEngine::reusesTheConnectionAndRecordsTiming()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Access-Control-Allow-Origin", "*"}}, "x");
    });
    SendSession session(BrowserProfile::firefox());

    const SendResult first =
        session.sendAndWait(fetchRequest(server.url(QStringLiteral("/a"))), quickOptions());
    const SendResult second =
        session.sendAndWait(fetchRequest(server.url(QStringLiteral("/b"))), quickOptions());
    QVERIFY(first.evaluation.allowed());
    QVERIFY(second.evaluation.allowed());
    QCOMPARE(server.connectionCount(), 1);
    const ExchangeRecord &a = first.exchanges.at(0);
    const ExchangeRecord &b = second.exchanges.at(0);
    QVERIFY(!a.connectionReused);
    QVERIFY(b.connectionReused);
    QCOMPARE(a.localPort, b.localPort);
    QCOMPARE(a.remoteAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(a.remotePort, int(server.serverPort()));
    QCOMPARE(a.httpVersion, QByteArray("HTTP/1.1"));
    QVERIFY(a.timing.startedAtMs > 0);
    QVERIFY(a.timing.connectUs > 0);
    QCOMPARE(a.timing.tlsUs, 0);
    QVERIFY(a.timing.firstByteUs >= a.timing.connectUs);
    QVERIFY(a.timing.totalUs >= a.timing.firstByteUs);
    QVERIFY(b.timing.startedAtMs >= a.timing.startedAtMs);
}

void TestRequestEngine::sendIsAsynchronous()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler(corsApi("0"));
    SendSession session(BrowserProfile::chromium());
    QSignalSpy finished(&session, &SendSession::finished);
    QSignalSpy exchanges(&session, &SendSession::exchangeFinished);

    const quint64 id = session.send(preflightedPut(server), quickOptions());
    QVERIFY(server.requests().isEmpty());
    QCOMPARE(finished.size(), 0);
    QCOMPARE(session.pendingCount(), 1);
    QVERIFY(finished.wait(10000));
    const auto result = finished.at(0).at(0).value<SendResult>();
    QCOMPARE(result.id, id);
    QVERIFY(result.evaluation.allowed());
    QCOMPARE(exchanges.size(), 2);
    QCOMPARE(session.pendingCount(), 0);
}

void TestRequestEngine::reportsAFetchRefusedBeforeTheWire()
{
    SendSession session(BrowserProfile::chromium());
    QSignalSpy finished(&session, &SendSession::finished);
    session.send(fetchRequest(QUrl(QStringLiteral("http://127.0.0.1:9/")), "TRACE"));
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(5000));
    const auto result = finished.at(0).at(0).value<SendResult>();
    QVERIFY(!result.evaluation.allowed());
    QVERIFY(result.exchanges.isEmpty());
}

void TestRequestEngine::goesThroughTheGivenProxy()
{
    // The loopback server plays a forward proxy: it gets the absolute URL, and the made-up host
    // is never resolved locally.
    LoopbackHttpServer proxy;
    QVERIFY(proxy.listenLoopback());
    proxy.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Access-Control-Allow-Origin", "*"}}, "via");
    });
    SendSession session(BrowserProfile::chromium());
    SendOptions options = quickOptions();
    options.proxyUrl = proxy.origin();

    const SendResult result =
        session.sendAndWait(fetchRequest(QUrl(QStringLiteral("http://api.invalid/p?q=1"))), options);
    QVERIFY(result.evaluation.allowed());
    QCOMPARE(result.proxyUrl, proxy.origin());
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.requests().at(0).target, QByteArray("http://api.invalid/p?q=1"));
    QCOMPARE(proxy.requests().at(0).header("origin"), pageOrigin);
}

void TestRequestEngine::abortsARunningFetch()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
    SendSession session(BrowserProfile::chromium());
    QSignalSpy finished(&session, &SendSession::finished);

    const quint64 id = session.send(fetchRequest(server.url(QStringLiteral("/hang"))), quickOptions());
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 5000);
    session.abort(id);
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<SendResult>();
    QCOMPARE(result.id, id);
    QVERIFY(!result.evaluation.allowed());
    QCOMPARE(result.evaluation.failure.error, CorsError::NetworkError);
    QCOMPARE(session.pendingCount(), 0);
    QTest::qWait(100); // nothing else arrives for the aborted exchange
    QCOMPARE(finished.size(), 1);
}

void TestRequestEngine::destroyingTheSessionCancelsInFlightExchanges()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
    auto session = std::make_unique<SendSession>(BrowserProfile::chromium());
    session->send(fetchRequest(server.url(QStringLiteral("/a"))), quickOptions());
    session->send(fetchRequest(server.url(QStringLiteral("/b"))), quickOptions());
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 2, 5000);
    session.reset();
    QTest::qWait(50); // late socket events must find nothing to touch
    QCOMPARE(server.requests().size(), 2);
}

void TestRequestEngine::reportsARefusedConnection()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    SendSession session(BrowserProfile::chromium());
    const SendResult result = session.sendAndWait(
        fetchRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))), quickOptions());
    QVERIFY(!result.evaluation.allowed());
    QCOMPARE(result.evaluation.failure.error, CorsError::NetworkError);
    QCOMPARE(result.exchanges.size(), 1);
    const ExchangeRecord &record = result.exchanges.at(0);
    QVERIFY(!record.response);
    QVERIFY(record.error);
    QCOMPARE(toString(record.error->kind), toString(TransportErrorKind::ConnectionRefused));
    QVERIFY2(record.error->reason.contains(QLatin1String("refused")), qPrintable(record.error->reason));
    QCOMPARE(result.evaluation.exchanges.at(0).networkError, record.error->reason);
}

void TestRequestEngine::reportsATimeout()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
    SendSession session(BrowserProfile::chromium());
    SendOptions options = quickOptions();
    options.totalTimeoutMs = 1000;

    QElapsedTimer elapsed;
    elapsed.start();
    const SendResult result = session.sendAndWait(fetchRequest(server.url(QStringLiteral("/slow"))), options);
    QVERIFY(elapsed.elapsed() < 5000);
    QVERIFY(elapsed.elapsed() >= 900);
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(!result.evaluation.allowed());
    const ExchangeRecord &record = result.exchanges.at(0);
    QVERIFY(record.error);
    QCOMPARE(toString(record.error->kind), toString(TransportErrorKind::Timeout));
    QVERIFY2(record.error->reason.contains(QLatin1String("timed out")), qPrintable(record.error->reason));
}

void TestRequestEngine::rejectsAnUnknownCertificateAuthority()
{
    if (!m_haveCertificates)
        QSKIP("no openssl CLI or no TLS backend");
    LoopbackHttpServer server;
    QVERIFY(startTlsServer(server));
    server.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Access-Control-Allow-Origin", "*"}});
    });
    SendSession session(BrowserProfile::chromium());

    const SendResult result =
        session.sendAndWait(fetchRequest(server.url(QStringLiteral("/"))), quickOptions());
    QVERIFY(!result.evaluation.allowed());
    QVERIFY(server.requests().isEmpty());
    const ExchangeRecord &record = result.exchanges.at(0);
    QVERIFY(record.error);
    QCOMPARE(toString(record.error->kind), toString(TransportErrorKind::TlsCertificate));
    QVERIFY2(record.error->reason.contains(QLatin1String("certificate")), qPrintable(record.error->reason));
}

void TestRequestEngine::trustsTheGivenCaFile()
{
    if (!m_haveCertificates)
        QSKIP("no openssl CLI or no TLS backend");
    LoopbackHttpServer server;
    QVERIFY(startTlsServer(server));
    server.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Access-Control-Allow-Origin", "*"}}, "tls");
    });
    SendSession session(BrowserProfile::chromium());
    SendOptions options = quickOptions();
    options.caFile = caFile();

    const SendResult result = session.sendAndWait(fetchRequest(server.url(QStringLiteral("/"))), options);
    QVERIFY2(result.evaluation.allowed(),
             qPrintable(result.exchanges.value(0).error.value_or(TransportError{}).reason));
    QVERIFY(!result.insecure);
    const ExchangeRecord &record = result.exchanges.at(0);
    QCOMPARE(record.response->body, QByteArray("tls"));
    QVERIFY(record.timing.tlsUs >= record.timing.connectUs);
    QVERIFY(record.timing.tlsUs > 0);
    QCOMPARE(result.caFile, caFile());
}

void TestRequestEngine::insecureAcceptsAnyCertificateAndSaysSo()
{
    if (!m_haveCertificates)
        QSKIP("no openssl CLI or no TLS backend");
    LoopbackHttpServer server;
    QVERIFY(startTlsServer(server));
    server.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Access-Control-Allow-Origin", "*"}});
    });
    SendSession session(BrowserProfile::chromium());
    SendOptions options = quickOptions();
    options.insecure = true;

    const SendResult result = session.sendAndWait(fetchRequest(server.url(QStringLiteral("/"))), options);
    QVERIFY(result.evaluation.allowed());
    QVERIFY(result.insecure);
    QVERIFY(result.exchanges.at(0).insecure);
}

void TestRequestEngine::keepsDuplicateHeadersInOrderAndOnlyTheFinalBlock()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([](const LoopbackRequest &) {
        return LoopbackReply{"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                             "HTTP/1.1 200 Fine\r\n"
                             "Access-Control-Allow-Origin: *\r\n"
                             "X-Dup: one\r\n"
                             "Access-Control-Expose-Headers: x-dup\r\n"
                             "x-dup:  two \r\n"
                             "X-Empty:\r\n"
                             "Content-Length: 2\r\n\r\nok",
                             false, false};
    });
    SendSession session(BrowserProfile::chromium());

    const SendResult result =
        session.sendAndWait(fetchRequest(server.url(QStringLiteral("/dup"))), quickOptions());
    QVERIFY(result.evaluation.allowed());
    const ExchangeRecord &record = result.exchanges.at(0);
    QCOMPARE(record.interimResponses, 1);
    QCOMPARE(record.response->status, 200);
    QCOMPARE(record.response->statusText, QByteArray("Fine"));
    const HeaderList expected{{"Access-Control-Allow-Origin", "*"},
                              {"X-Dup", "one"},
                              {"Access-Control-Expose-Headers", "x-dup"},
                              {"x-dup", "two"},
                              {"X-Empty", ""},
                              {"Content-Length", "2"}};
    QCOMPARE(record.response->headers, expected);
    QVERIFY(record.rawResponseHead.startsWith("HTTP/1.1 200 Fine\r\n"));
    QVERIFY(record.rawResponseHead.contains("x-dup:  two \r\n"));
    QVERIFY(!record.rawResponseHead.contains("Link"));
    QVERIFY(result.evaluation.readableHeaders.contains("x-dup"));
}

void TestRequestEngine::survivesHostileServers_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<TransportErrorKind>("kind");

    QTest::newRow("garbage status line")
        << QByteArray("FOO BAR BAZ\r\n\r\nhello") << TransportErrorKind::InvalidResponse;
    QTest::newRow("status not a number")
        << QByteArray("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n") << TransportErrorKind::InvalidResponse;
    QTest::newRow("closed without a byte") << QByteArray() << TransportErrorKind::ConnectionClosed;

    QByteArray manyHeaders = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 300; ++i)
        manyHeaders += "X-Big-" + QByteArray::number(i) + ": " + QByteArray(1000, 'a') + "\r\n";
    manyHeaders += "Content-Length: 0\r\n\r\n";
    QTest::newRow("300 KiB of headers") << manyHeaders << TransportErrorKind::HeadersTooLarge;

    const QByteArray giantLine =
        "HTTP/1.1 200 OK\r\nX-Giant: " + QByteArray(200 * 1024, 'b') + "\r\nContent-Length: 0\r\n\r\n";
    QTest::newRow("one 200 KiB header line") << giantLine << TransportErrorKind::HeadersTooLarge;
}

void TestRequestEngine::survivesHostileServers()
{
    QFETCH(QByteArray, raw);
    QFETCH(TransportErrorKind, kind);
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([raw](const LoopbackRequest &) { return LoopbackReply{raw, true, false}; });
    SendSession session(BrowserProfile::chromium());

    const SendResult result =
        session.sendAndWait(fetchRequest(server.url(QStringLiteral("/evil"))), quickOptions());
    QVERIFY(!result.evaluation.allowed());
    QCOMPARE(result.evaluation.failure.error, CorsError::NetworkError);
    const ExchangeRecord &record = result.exchanges.at(0);
    QVERIFY(record.error);
    QVERIFY2(record.error->kind == kind,
             qPrintable(toString(record.error->kind) + QLatin1String(": ") + record.error->reason +
                        QLatin1String(" / ") + record.error->detail + QLatin1String(" / ") +
                        QString::number(record.error->curlCode)));
    QVERIFY(!record.error->reason.isEmpty());
    if (kind == TransportErrorKind::HeadersTooLarge)
        QVERIFY2(record.error->reason.contains(QLatin1String("KiB")), qPrintable(record.error->reason));
}

void TestRequestEngine::truncatesALargeBody()
{
    LoopbackHttpServer server;
    QVERIFY(server.listenLoopback());
    server.setHandler([](const LoopbackRequest &) {
        return reply(200, {{"Access-Control-Allow-Origin", "*"}}, QByteArray(3 * 1024 * 1024, 'z'));
    });
    SendSession session(BrowserProfile::chromium());
    SendOptions options = quickOptions();
    options.maxBodyBytes = 1024 * 1024;

    const SendResult result = session.sendAndWait(fetchRequest(server.url(QStringLiteral("/big"))), options);
    QVERIFY(result.evaluation.allowed());
    const ExchangeRecord &record = result.exchanges.at(0);
    QVERIFY(!record.error);
    QVERIFY(record.bodyTruncated);
    QCOMPARE(record.response->body.size(), 1024 * 1024);
    QVERIFY(record.bodyBytesReceived > 1024 * 1024);
}

void TestRequestEngine::parserFoldsContinuationLinesAndSeparatesTrailers()
{
    ResponseHeadParser parser(1024);
    for (const char *line : {"HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 404 Not Found\r\n", "X-A: 1\r\n",
                             "X-Folded: a\r\n", "\t b\r\n", "junk line\r\n", "\r\n"})
        QCOMPARE(parser.feedLine(line), ResponseHeadParser::Result::Ok);
    parser.bodyStarted();
    QCOMPARE(parser.feedLine("X-Trailer: t\r\n"), ResponseHeadParser::Result::Ok);
    QCOMPARE(parser.status(), 404);
    QCOMPARE(parser.reasonPhrase(), QByteArray("Not Found"));
    QCOMPARE(parser.interimResponses(), 1);
    QCOMPARE(parser.headers(), HeaderList({{"X-A", "1"}, {"X-Folded", "a b"}}));
    QCOMPARE(parser.trailers(), HeaderList({{"X-Trailer", "t"}}));
    QCOMPARE(parser.malformedLines(), 1);
    QVERIFY(parser.rawHead().startsWith("HTTP/1.1 404 Not Found\r\n"));
    QCOMPARE(parser.feedLine(QByteArray(2000, 'x')), ResponseHeadParser::Result::TooLarge);

    ResponseHeadParser http2;
    QCOMPARE(http2.feedLine("HTTP/2 204 \r\n"), ResponseHeadParser::Result::Ok);
    QCOMPARE(http2.status(), 204);
    QCOMPARE(http2.httpVersion(), QByteArray("HTTP/2"));
}

QTEST_GUILESS_MAIN(TestRequestEngine)
#include "tst_requestengine.moc"
