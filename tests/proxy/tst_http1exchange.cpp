#include "proxy/certificateauthority.h"
#include "proxy/http1exchange.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;

namespace {

// The connection side of an exchange as a test sees it: everything the exchange asks for is
// recorded, time is a fake clock, the timer fires when the test advances the clock past it.
class RecordingIo : public Http1ExchangeIo {
public:
    void sendToClient(QByteArrayView bytes) override { toClient += bytes; }
    void sendUpstream(QByteArrayView bytes) override { toUpstream += bytes; }
    QString openUpstream(const QString &host, quint16 port, bool tls) override
    {
        opened.append(QStringLiteral("%1:%2%3").arg(host).arg(port).arg(tls ? u" tls" : u""));
        return reuseAddress;
    }
    void abortUpstream() override { ++aborts; }
    void openTunnel(const QString &host, quint16 port, QByteArray clientBytes, bool answered) override
    {
        tunnel = QStringLiteral("%1:%2%3").arg(host).arg(port).arg(answered ? u" answered" : u"");
        tunnelBytes = clientBytes;
    }
    void switchToTunnel(QByteArray clientBytes) override
    {
        switched = true;
        tunnelBytes = clientBytes;
    }
    void interceptConnect(const QString &host) override { intercepted = host; }
    void resumeLater() override { ++resumes; }
    void closeClientAfterWrite() override { closed = true; }
    void scheduleTimer(int delayMs) override { timerDueMs = delayMs < 0 ? -1 : nowMs + delayMs; }
    bool clientConnected() const override { return !closed; }
    qint64 nowNs() const override { return nowMs * 1'000'000; }
    void reportStarted(const Flow &flow) override { started.append(flow); }
    void reportUpdated(const Flow &flow) override { updated.append(flow); }
    void reportFinished(const Flow &flow) override { finished.append(flow); }

    QByteArray toClient;
    QByteArray toUpstream;
    QStringList opened;
    QString reuseAddress; // what openUpstream answers: non-empty for a kept-alive connection
    int aborts = 0;
    QString tunnel;
    QByteArray tunnelBytes;
    bool switched = false;
    QString intercepted;
    int resumes = 0;
    bool closed = false;
    qint64 nowMs = 1000;
    qint64 timerDueMs = -1;
    QList<Flow> started, updated, finished;
};

struct Harness {
    explicit Harness(ProxySettings settings = {})
        : exchange(
              io, settings, [this] { return ++ids; }, QHostAddress::LocalHost, 40000)
    {
        exchange.start();
    }
    // Moves the fake clock, firing the exchange's timer whenever it comes due on the way.
    void advance(qint64 ms)
    {
        const qint64 until = io.nowMs + ms;
        while (io.timerDueMs >= 0 && io.timerDueMs <= until) {
            io.nowMs = io.timerDueMs;
            io.timerDueMs = -1;
            exchange.timerFired();
        }
        io.nowMs = until;
    }
    void feedClientBytewise(QByteArrayView bytes)
    {
        for (qsizetype i = 0; i < bytes.size(); ++i)
            exchange.feedClient(bytes.sliced(i, 1));
    }
    void feedUpstreamBytewise(QByteArrayView bytes)
    {
        for (qsizetype i = 0; i < bytes.size(); ++i)
            exchange.upstreamData(bytes.sliced(i, 1));
    }

    RecordingIo io;
    quint64 ids = 0;
    Http1Exchange exchange;
};

const QByteArray getRequest = "GET http://origin.test:8080/a?b=1 HTTP/1.1\r\nHost: origin.test:8080\r\n"
                              "x-Lower-Case: kept\r\nAccept: */*\r\nProxy-Connection: keep-alive\r\n\r\n";
const QByteArray getUpstream =
    "GET /a?b=1 HTTP/1.1\r\nHost: origin.test:8080\r\nx-Lower-Case: kept\r\nAccept: */*\r\n\r\n";
// The credential the access tests' proxies take, as a request carries it.
const QByteArray auth = "Proxy-Authorization: Basic " + QByteArray("u:p").toBase64() + "\r\n";
const QByteArray okResponse = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nContent-Length: 5\r\n"
                              "X-B: 2\r\nX-A: 1\r\n\r\nhello";

} // namespace

class TestHttp1Exchange : public QObject {
    Q_OBJECT

private slots:
    void everySplitPointOfARequestAndItsResponse()
    {
        // Header order and case, the origin-form target, the hop header dropped, at any TCP split.
        for (qsizetype requestSplit = 0; requestSplit <= getRequest.size(); ++requestSplit) {
            Harness h;
            h.exchange.feedClient(QByteArrayView(getRequest).first(requestSplit));
            h.exchange.feedClient(QByteArrayView(getRequest).sliced(requestSplit));
            QCOMPARE(h.io.toUpstream, getUpstream);
            QCOMPARE(h.io.opened, QStringList{QStringLiteral("origin.test:8080")});
            QCOMPARE(h.exchange.state(), Http1Exchange::State::AwaitingResponse);
        }
        for (qsizetype responseSplit = 0; responseSplit <= okResponse.size(); ++responseSplit) {
            Harness h;
            h.exchange.feedClient(getRequest);
            h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 8080);
            h.exchange.upstreamData(QByteArrayView(okResponse).first(responseSplit));
            h.exchange.upstreamData(QByteArrayView(okResponse).sliced(responseSplit));
            QCOMPARE(h.io.toClient, okResponse);
            QCOMPARE(h.io.finished.size(), 1);
            const Flow &flow = h.io.finished.first();
            QCOMPARE(flow.state, Flow::State::Complete);
            QCOMPARE(flow.status, 200);
            QCOMPARE(flow.responseBody, QByteArray("hello"));
            QCOMPARE(flow.serverAddress, QStringLiteral("127.0.0.1"));
            QCOMPARE(flow.url, QUrl(QStringLiteral("http://origin.test:8080/a?b=1")));
            QVERIFY(!flow.requestHeaders.contains("proxy-connection"));
            QCOMPARE(h.exchange.state(), Http1Exchange::State::ReadingRequestHead);
            QVERIFY(!h.io.closed);
        }
    }

    void theHostIsTheTargetsAuthority_data()
    {
        // [rfc9112] 3.2.2: for an absolute-form target the forwarded Host is the target's
        // authority (userinfo dropped), whatever the client's Host said; one that agrees keeps its
        // bytes and place.
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("upstream");
        QTest::newRow("agrees")
            << QByteArray("GET http://origin.test:8080/ HTTP/1.1\r\nA: 1\r\nHost: origin.test:8080\r\n\r\n")
            << QByteArray("GET / HTTP/1.1\r\nA: 1\r\nHost: origin.test:8080\r\n\r\n");
        QTest::newRow("another host")
            << QByteArray("GET http://origin.test/x HTTP/1.1\r\nA: 1\r\nhost: evil.test\r\nB: 2\r\n\r\n")
            << QByteArray("GET /x HTTP/1.1\r\nA: 1\r\nhost: origin.test\r\nB: 2\r\n\r\n");
        QTest::newRow("port missing")
            << QByteArray("GET http://origin.test:81/ HTTP/1.1\r\nHost: origin.test\r\n\r\n")
            << QByteArray("GET / HTTP/1.1\r\nHost: origin.test:81\r\n\r\n");
        QTest::newRow("two hosts")
            << QByteArray("GET http://origin.test/ HTTP/1.1\r\nHost: origin.test\r\nX: 1\r\nHost: b\r\n\r\n")
            << QByteArray("GET / HTTP/1.1\r\nHost: origin.test\r\nX: 1\r\n\r\n");
        QTest::newRow("no host") << QByteArray("GET http://origin.test/?q HTTP/1.0\r\nAccept: */*\r\n\r\n")
                                 << QByteArray(
                                        "GET /?q HTTP/1.1\r\nHost: origin.test\r\nAccept: */*\r\n\r\n"); // [rfc9110] 2.5
        QTest::newRow("userinfo") << QByteArray("GET http://user:pw@origin.test/ HTTP/1.1\r\nHost: x\r\n\r\n")
                                  << QByteArray("GET / HTTP/1.1\r\nHost: origin.test\r\n\r\n");
    }

    void anHttp10ClientGetsNoInterimResponsesAndNoChunks()
    {
        Harness h;
        h.feedClientBytewise("GET http://origin.test/ HTTP/1.0\r\n\r\n");
        QVERIFY(h.io.toUpstream.startsWith("GET / HTTP/1.1\r\n"));
        h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 80);
        h.feedUpstreamBytewise("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                               "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        // [rfc9110] 15.2: no 1xx for a 1.0 client; [rfc9112] 6.3: its body ends with the connection.
        QCOMPARE(h.io.toClient, QByteArray("HTTP/1.1 200 OK\r\n\r\nhello"));
        QVERIFY(h.io.closed);
        QCOMPARE(h.io.finished.size(), 1);
        QVERIFY(h.exchange.upstreamIdle()); // the origin's connection is fine for someone else
    }

    void theOriginConnectionIsIdleOnlyAfterACleanKeepAliveExchange()
    {
        Harness h;
        QVERIFY(!h.exchange.upstreamIdle());
        h.feedClientBytewise(getRequest);
        h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 8080);
        QVERIFY(!h.exchange.upstreamIdle()); // in flight
        h.feedUpstreamBytewise(okResponse);
        QVERIFY(h.exchange.upstreamIdle());
        h.exchange.resume();
        h.feedClientBytewise(getRequest);
        QVERIFY(!h.exchange.upstreamIdle());
        h.feedUpstreamBytewise("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx");
        QCOMPARE(h.io.finished.size(), 2);
        QVERIFY(!h.exchange.upstreamIdle()); // the origin said close
    }

    void theHostIsTheTargetsAuthority()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, upstream);
        Harness h;
        h.feedClientBytewise(request);
        QCOMPARE(h.io.toUpstream, upstream);
        // The flow shows the request as it was forwarded.
        QCOMPARE(h.io.started.size(), 1);
        QCOMPARE(h.io.started.first().requestHeaders.values("host").size(), 1);
    }

    void hopByHopFieldsStayOnTheirHop_data()
    {
        // [rfc9110] 7.6.1: what Connection names goes, and so do Proxy-Connection, Keep-Alive, TE,
        // Upgrade (but for a real switch) and Proxy-Authorization; Connection keeps the proxy's own
        // options (close, keep-alive) and goes when nothing is left.
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("upstream");
        QTest::newRow("named by Connection")
            << QByteArray("GET http://o.test/ HTTP/1.1\r\nHost: o.test\r\nConnection: keep-alive, X-Hop, "
                          "te\r\nX-Hop: 1\r\nx-hop: 2\r\nX-End: 3\r\nTE: trailers\r\n\r\n")
            << QByteArray("GET / HTTP/1.1\r\nHost: o.test\r\nConnection: keep-alive\r\nX-End: 3\r\n\r\n");
        QTest::newRow("fixed list")
            << QByteArray("GET http://o.test/ HTTP/1.1\r\nHost: o.test\r\nProxy-Connection: keep-alive\r\n"
                          "Keep-Alive: 300\r\nProxy-Authorization: Basic eDp5\r\nUpgrade: h2c\r\n"
                          "Trailer: X-Sum\r\nConnection: close\r\n\r\n")
            << QByteArray("GET / HTTP/1.1\r\nHost: o.test\r\nTrailer: X-Sum\r\nConnection: close\r\n\r\n");
        QTest::newRow("only named options")
            << QByteArray("GET http://o.test/ HTTP/1.1\r\nHost: o.test\r\nConnection: X-A\r\nX-A: 1\r\n\r\n")
            << QByteArray("GET / HTTP/1.1\r\nHost: o.test\r\n\r\n");
        QTest::newRow("kept as sent")
            << QByteArray("GET http://o.test/ HTTP/1.1\r\nHost: o.test\r\nconnection: Keep-Alive\r\n\r\n")
            << QByteArray("GET / HTTP/1.1\r\nHost: o.test\r\nconnection: Keep-Alive\r\n\r\n");
        QTest::newRow("a real upgrade keeps Upgrade")
            << QByteArray("GET http://o.test/ws HTTP/1.1\r\nHost: o.test\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nKeep-Alive: 5\r\n\r\n")
            << QByteArray(
                   "GET /ws HTTP/1.1\r\nHost: o.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    }

    void hopByHopFieldsStayOnTheirHop()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, upstream);
        Harness h;
        h.exchange.feedClient(request);
        QCOMPARE(h.io.toUpstream, upstream);
        QVERIFY(!h.io.started.first().requestHeaders.contains("proxy-authorization"));
    }

    void hopByHopFieldsOfTheResponseStayOnTheirHop()
    {
        Harness h;
        h.exchange.feedClient(getRequest);
        const QByteArray response =
            "HTTP/1.1 200 OK\r\nConnection: keep-alive, X-Srv\r\nKeep-Alive: timeout=5\r\n"
            "X-Srv: hop\r\nUpgrade: h2\r\nAccess-Control-Allow-Origin: *\r\n"
            "Content-Length: 2\r\n\r\nok";
        h.exchange.upstreamData(response);
        QCOMPARE(h.io.toClient, "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nAccess-Control-Allow-Origin: "
                                "*\r\nContent-Length: 2\r\n\r\nok");
        QCOMPARE(h.io.finished.size(), 1);
        const Flow &flow = h.io.finished.first();
        // The browser's view is what the evaluator judges; the server's is kept beside it.
        QCOMPARE(flow.responseHeaders.size(), 3);
        QCOMPARE(flow.originalResponseHeaders.size(), 6);
        QCOMPARE(flow.originalResponseHeaders.get("x-srv"), QByteArray("hop"));
        QVERIFY(!h.io.closed);

        // A response without hop fields is passed on as it came and is not marked as changed.
        Harness plain;
        plain.exchange.feedClient(getRequest);
        plain.exchange.upstreamData(okResponse);
        QCOMPARE(plain.io.toClient, okResponse);
        QVERIFY(!plain.io.finished.first().wasRewritten());
    }

    void chunkDataWithoutItsCrlfIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("next chunk glued on") << QByteArray("3\r\nabc0\r\n\r\n");
        QTest::newRow("longer than its size") << QByteArray("3\r\nabcdef\r\n0\r\n\r\n");
        QTest::newRow("LF only") << QByteArray("3\r\nabc\n0\r\n\r\n");
        QTest::newRow("CR only") << QByteArray("3\r\nabc\r0\r\n\r\n");
    }

    void chunkDataWithoutItsCrlfIsRefused()
    {
        // [rfc9112] 7.1: chunk = chunk-size CRLF chunk-data CRLF. Whatever the split, the request
        // is a 400 and a ParseError flow, and the origin never gets a message that ends: no last
        // chunk goes upstream, so it cannot take a repaired body for the client's.
        QFETCH(QByteArray, body);
        const QByteArray head = "POST http://origin.test/up HTTP/1.1\r\nHost: origin.test\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n";
        for (int bytewise = 0; bytewise < 2; ++bytewise) {
            Harness h;
            if (bytewise)
                h.feedClientBytewise(head + body);
            else
                h.exchange.feedClient(head + body);
            QVERIFY2(h.io.toClient.startsWith("HTTP/1.1 400 "), h.io.toClient.constData());
            QCOMPARE(h.io.finished.size(), 1);
            QCOMPARE(h.io.finished.first().errorKind, FlowError::ParseError);
            QCOMPARE(h.io.finished.first().proxyAnswerStatus, 400);
            QVERIFY(!h.io.toUpstream.endsWith("0\r\n\r\n"));
            QVERIFY(h.io.closed);
        }
        // From the origin: a 502, not a body the server did not send.
        Harness h;
        h.exchange.feedClient(getRequest);
        h.feedUpstreamBytewise("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().errorKind, FlowError::BadUpstreamResponse);
        QVERIFY(h.io.closed);
    }

    void oneHugeHeaderIs431LikeManyLines_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray start = "GET http://origin.test/ HTTP/1.1\r\nHost: origin.test\r\n";
        QTest::newRow("one 1 MiB line") << start + "X-Huge: " + QByteArray(1024 * 1024, 'h') + "\r\n\r\n";
        QTest::newRow("one 70 KB line") << start + "X-Big: " + QByteArray(70 * 1024, 'b') + "\r\n\r\n";
        QByteArray many = start;
        for (int i = 0; i < 150; ++i)
            many += "X-" + QByteArray::number(i) + ": " + QByteArray(500, 'm') + "\r\n";
        QTest::newRow("150 lines of 500 bytes") << many + "\r\n";
        // A name alone, without its colon yet, counts too.
        QTest::newRow("a 1 MiB name") << start + QByteArray(1024 * 1024, 'n');
    }

    void oneHugeHeaderIs431LikeManyLines()
    {
        // The limit is on the head's bytes however few lines carry them, in one piece or in many.
        QFETCH(QByteArray, request);
        for (const qsizetype piece : {request.size(), qsizetype(1), qsizetype(1460), qsizetype(65536)}) {
            Harness h;
            for (qsizetype at = 0; at < request.size() && !h.io.closed; at += piece)
                h.exchange.feedClient(
                    QByteArrayView(request).sliced(at, std::min(piece, request.size() - at)));
            QVERIFY2(h.io.toClient.startsWith("HTTP/1.1 431 "), h.io.toClient.left(60).constData());
            QCOMPARE(h.io.finished.size(), 1);
            QCOMPARE(h.io.finished.first().errorKind, FlowError::ParseError);
            QCOMPARE(h.io.finished.first().method, QByteArray("GET"));
            QVERIFY(h.io.toUpstream.isEmpty());
            QVERIFY(h.io.opened.isEmpty());
        }
    }

    void beyondLoopbackTheProxyTakesACredential()
    {
        ProxySettings settings;
        settings.access.enforced = true;
        settings.access.credential = "user:pass word";
        const QByteArray basic = "Basic " + QByteArray("user:pass word").toBase64();
        const QByteArray target = "GET http://origin.test/ HTTP/1.1\r\nHost: origin.test\r\n";
        for (const QByteArray &authorization :
             {QByteArray(),
              QByteArray("Proxy-Authorization: Basic " + QByteArray("user:wrong").toBase64() + "\r\n"),
              QByteArray("Proxy-Authorization: Bearer " + QByteArray("user:pass word").toBase64() + "\r\n"),
              QByteArray("Authorization: " + basic + "\r\n")}) {
            Harness h(settings);
            h.exchange.feedClient(target + authorization + "\r\n");
            // [rfc9110] 15.5.8: a 407 names the scheme to use.
            QVERIFY2(h.io.toClient.startsWith("HTTP/1.1 407 "), h.io.toClient.constData());
            QVERIFY(h.io.toClient.contains("\r\nProxy-Authenticate: Basic realm=\"Corscope\""));
            QCOMPARE(h.io.finished.size(), 1);
            QCOMPARE(h.io.finished.first().errorKind, FlowError::ProxyAuthRequired);
            QCOMPARE(h.io.finished.first().proxyAnswerStatus, 407);
            QCOMPARE(h.io.finished.first().url, QUrl(QStringLiteral("http://origin.test/")));
            QVERIFY(h.io.opened.isEmpty());
            QVERIFY(h.io.toUpstream.isEmpty());
        }
        // The scheme is case-insensitive; the credential goes no further than the proxy.
        Harness h(settings);
        h.exchange.feedClient(target + "proxy-authorization: basic " +
                              QByteArray("user:pass word").toBase64() + "\r\n\r\n");
        QCOMPARE(h.io.toUpstream, "GET / HTTP/1.1\r\nHost: origin.test\r\n\r\n");
        QVERIFY(h.io.toClient.isEmpty());
        // A CONNECT too.
        Harness tunnel(settings);
        tunnel.exchange.feedClient("CONNECT origin.test:443 HTTP/1.1\r\n\r\n");
        QVERIFY(tunnel.io.toClient.startsWith("HTTP/1.1 407 "));
        QVERIFY(tunnel.io.tunnel.isEmpty());
        QVERIFY(tunnel.io.finished.first().tunnel);
        // On loopback, as before, nobody is asked.
        Harness open;
        open.exchange.feedClient(target + "\r\n");
        QCOMPARE(open.io.opened, QStringList{QStringLiteral("origin.test:80")});
    }

    void beyondLoopbackOnlyAllowedTargets_data()
    {
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<bool>("allowed");
        const QStringList none;
        const auto get = [](const char *url) {
            return "GET " + QByteArray(url) + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n";
        };
        const auto connect = [](const char *authority) {
            return "CONNECT " + QByteArray(authority) + " HTTP/1.1\r\n" + auth + "\r\n";
        };
        QTest::newRow("default: http on 80") << none << get("http://origin.test/") << true;
        QTest::newRow("default: http on 8080") << none << get("http://origin.test:8080/") << false;
        QTest::newRow("default: CONNECT 443") << none << connect("origin.test:443") << true;
        QTest::newRow("default: CONNECT 22") << none << connect("origin.test:22") << false;
        QTest::newRow("default: CONNECT 80") << none << connect("origin.test:80") << false;
        QTest::newRow("default: loopback") << none << get("http://127.0.0.1/") << false;
        QTest::newRow("default: loopback elsewhere in 127/8") << none << get("http://127.3.4.5/") << false;
        QTest::newRow("default: ::1") << none << connect("[::1]:443") << false;
        QTest::newRow("default: mapped v4 loopback") << none << get("http://[::ffff:127.0.0.1]/") << false;
        QTest::newRow("default: localhost") << none << get("http://localhost/") << false;
        QTest::newRow("default: app.localhost") << none << connect("App.LocalHost:443") << false;
        QTest::newRow("default: 0.0.0.0") << none << get("http://0.0.0.0/") << false;
        QTest::newRow("default: an own address") << none << get("http://192.0.2.77/") << false;
        const QStringList listed{QStringLiteral("api.test"), QStringLiteral("127.0.0.1:8080"),
                                 QStringLiteral("db.test:5432")};
        QTest::newRow("listed host on 80") << listed << get("http://API.test/") << true;
        QTest::newRow("listed host, CONNECT 443") << listed << connect("api.test:443") << true;
        QTest::newRow("listed host, another port") << listed << get("http://api.test:81/") << false;
        QTest::newRow("listed loopback port") << listed << get("http://127.0.0.1:8080/") << true;
        QTest::newRow("listed loopback, another port") << listed << get("http://127.0.0.1:8081/") << false;
        QTest::newRow("listed port, CONNECT") << listed << connect("db.test:5432") << true;
        QTest::newRow("unlisted host") << listed << get("http://other.test/") << false;
        QTest::newRow("unlisted host, CONNECT 443") << listed << connect("other.test:443") << false;
        const QStringList wildcard{QStringLiteral("*:8443")};
        QTest::newRow("wildcard port, CONNECT") << wildcard << connect("any.test:8443") << true;
        QTest::newRow("wildcard port, not 443") << wildcard << connect("any.test:443") << false;
        QTest::newRow("wildcard port, not loopback") << wildcard << connect("127.0.0.1:8443") << false;
    }

    void beyondLoopbackOnlyAllowedTargets()
    {
        QFETCH(QStringList, targets);
        QFETCH(QByteArray, request);
        QFETCH(bool, allowed);
        ProxySettings settings;
        settings.access.enforced = true;
        settings.access.credential = "u:p";
        settings.access.ownAddresses = {QHostAddress(QStringLiteral("192.0.2.77"))};
        for (const QString &text : targets) {
            QString error;
            const auto target = ProxyAccess::parseTarget(text, &error);
            QVERIFY2(target, qPrintable(error));
            settings.access.targets.append(*target);
        }
        Harness h(settings);
        h.exchange.feedClient(request);
        if (allowed) {
            QVERIFY2(!h.io.toClient.startsWith("HTTP/1.1 403"), h.io.toClient.constData());
            QVERIFY(h.io.finished.isEmpty());
            QVERIFY(!h.io.opened.isEmpty() || !h.io.tunnel.isEmpty() ||
                    h.exchange.state() == Http1Exchange::State::Tunnel);
        } else {
            QVERIFY2(h.io.toClient.startsWith("HTTP/1.1 403 "), h.io.toClient.constData());
            QCOMPARE(h.io.finished.size(), 1);
            QCOMPARE(h.io.finished.first().errorKind, FlowError::TargetRefused);
            QCOMPARE(h.io.finished.first().proxyAnswerStatus, 403);
            QVERIFY(h.io.opened.isEmpty());
            QVERIFY(h.io.tunnel.isEmpty());
            QVERIFY(h.io.closed);
        }
    }

    void beyondLoopbackANameThatLeadsHomeIsRefused()
    {
        // A public name may resolve to the proxy machine itself: the peer is checked once connected,
        // before a byte is relayed.
        ProxySettings settings;
        settings.access.enforced = true;
        settings.access.credential = "u:p";
        {
            Harness h(settings);
            h.exchange.feedClient("GET http://rebound.test/ HTTP/1.1\r\nHost: rebound.test\r\n" + auth +
                                  "\r\n");
            h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 80);
            QVERIFY2(h.io.toClient.startsWith("HTTP/1.1 403 "), h.io.toClient.constData());
            QCOMPARE(h.io.aborts, 1);
            QCOMPARE(h.io.finished.size(), 1);
            QCOMPARE(h.io.finished.first().errorKind, FlowError::TargetRefused);
        }
        {
            Harness h(settings);
            h.exchange.feedClient("CONNECT rebound.test:443 HTTP/1.1\r\n" + auth + "\r\n");
            h.exchange.tunnelEstablished(QStringLiteral("::1"), 443);
            QVERIFY2(h.io.toClient.startsWith("HTTP/1.1 403 "), h.io.toClient.constData()); // no 200
            QCOMPARE(h.io.aborts, 1);
            QCOMPARE(h.io.finished.first().errorKind, FlowError::TargetRefused);
        }
        {
            // A connect reported with nothing in flight refuses nothing (found by fuzz_http1exchange).
            Harness h(settings);
            h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 80);
            h.exchange.tunnelEstablished(QStringLiteral("127.0.0.1"), 443);
            QVERIFY(h.io.started.isEmpty());
            QVERIFY(h.io.finished.isEmpty());
            QVERIFY(!h.io.toClient.contains("403"));
            QVERIFY(!h.io.closed);
        }
        {
            // Named, it may go there.
            settings.access.targets = {*ProxyAccess::parseTarget(QStringLiteral("rebound.test"), nullptr)};
            Harness h(settings);
            h.exchange.feedClient("GET http://rebound.test/ HTTP/1.1\r\nHost: rebound.test\r\n" + auth +
                                  "\r\n");
            h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 80);
            QCOMPARE(h.io.aborts, 0);
            h.exchange.upstreamData(okResponse);
            QCOMPARE(h.io.toClient, okResponse);
        }
    }

    void allowTargetsAreParsed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("host") << QStringLiteral("API.Example") << QStringLiteral("api.example") << -1;
        QTest::newRow("host:port") << QStringLiteral("api.example:8443") << QStringLiteral("api.example")
                                   << 8443;
        QTest::newRow("v4:port") << QStringLiteral("127.0.0.1:3000") << QStringLiteral("127.0.0.1") << 3000;
        QTest::newRow("[v6]:port") << QStringLiteral("[::1]:3000") << QStringLiteral("::1") << 3000;
        QTest::newRow("bare v6") << QStringLiteral("fd00::2") << QStringLiteral("fd00::2") << -1;
        QTest::newRow("any") << QStringLiteral("*") << QStringLiteral("*") << -1;
        QTest::newRow("any:port") << QStringLiteral("*:8080") << QStringLiteral("*") << 8080;
        QTest::newRow("port 0") << QStringLiteral("a.test:0") << QString() << 0;
        QTest::newRow("port too big") << QStringLiteral("a.test:70000") << QString() << 0;
        QTest::newRow("not a port") << QStringLiteral("a.test:http") << QString() << 0;
        QTest::newRow("empty") << QString() << QString() << 0;
        QTest::newRow("a URL") << QStringLiteral("http://a.test/") << QString() << 0;
        QTest::newRow("spaces") << QStringLiteral("a b") << QString() << 0;
    }

    void allowTargetsAreParsed()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        QString error;
        const auto target = ProxyAccess::parseTarget(text, &error);
        if (host.isEmpty()) {
            QVERIFY(!target);
            QVERIFY(error.contains(text));
        } else {
            QVERIFY2(target, qPrintable(error));
            QCOMPARE(target->host, host);
            QCOMPARE(target->port, port);
        }
    }

    void aRandomCredentialIsNewEachTime()
    {
        const QByteArray a = ProxyAccess::randomCredential();
        const QByteArray b = ProxyAccess::randomCredential();
        QVERIFY(a != b);
        QVERIFY(a.startsWith("corscope:"));
        QVERIFY(a.size() >= 9 + 22); // 128 bits in base64url
    }

    void byteByByte()
    {
        Harness h;
        h.feedClientBytewise(getRequest);
        QCOMPARE(h.io.toUpstream, getUpstream);
        h.feedUpstreamBytewise(okResponse);
        QCOMPARE(h.io.toClient, okResponse);
        QCOMPARE(h.io.started.size(), 1);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().state, Flow::State::Complete);
    }

    void pipelinedRequestsWaitForTheResponseBeforeThem()
    {
        Harness h;
        const QByteArray second =
            "GET http://origin.test:8080/second HTTP/1.1\r\nHost: origin.test:8080\r\n\r\n";
        h.exchange.feedClient(getRequest + second);
        QCOMPARE(h.io.toUpstream, getUpstream); // the second waits
        h.io.reuseAddress = QStringLiteral("127.0.0.1");
        h.exchange.upstreamData(okResponse);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.resumes, 1);
        // The connection resumes once the call that ended the response has returned.
        h.exchange.resume();
        QCOMPARE(h.io.toUpstream, getUpstream + "GET /second HTTP/1.1\r\nHost: origin.test:8080\r\n\r\n");
        QCOMPARE(h.io.opened.size(), 2); // asked again; the connection keeps the one it has
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.started.size(), 2);
        QCOMPARE(h.exchange.flow().serverAddress, QStringLiteral("127.0.0.1"));
    }

    void continueIsAnsweredOnceTheOriginAccepts()
    {
        Harness h;
        const QByteArray request = "PUT http://origin.test/up HTTP/1.1\r\nHost: origin.test\r\n"
                                   "Expect: 100-continue\r\nContent-Length: 4\r\n\r\n";
        h.exchange.feedClient(request);
        QVERIFY(h.io.toClient.isEmpty()); // the origin has not accepted yet
        QVERIFY(!h.io.toUpstream.contains("Expect"));
        h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 80);
        QCOMPARE(h.io.toClient, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        h.exchange.feedClient("data");
        QVERIFY(h.io.toUpstream.endsWith("\r\n\r\ndata"));
        QCOMPARE(h.exchange.state(), Http1Exchange::State::AwaitingResponse);
        h.exchange.upstreamData("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().requestBody, QByteArray("data"));
    }

    void interimResponsesPassAndTheFinalOneCounts()
    {
        Harness h;
        h.exchange.feedClient(getRequest);
        const QByteArray hints = "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n";
        h.exchange.upstreamData(hints);
        QCOMPARE(h.io.toClient, hints);
        QVERIFY(h.io.finished.isEmpty()); // an interim response does not end the exchange
        h.exchange.upstreamData(okResponse);
        QCOMPARE(h.io.toClient, hints + okResponse);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().status, 200);
    }

    void chunkedTrailersAreForwarded()
    {
        // [rfc9112] 7.1.2: the trailer section, in order and with the names as sent, at any split.
        const QByteArray response =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
            "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: abc\r\nx-other: 1\r\n\r\n";
        for (qsizetype split = 0; split <= response.size(); ++split) {
            Harness h;
            h.exchange.feedClient(getRequest);
            h.exchange.upstreamData(QByteArrayView(response).first(split));
            h.exchange.upstreamData(QByteArrayView(response).sliced(split));
            // The body is re-chunked as it arrives (a chunk TCP split becomes two); the trailer
            // section is what the server sent.
            if (split == 0 || split == response.size())
                QCOMPARE(h.io.toClient, response);
            QVERIFY(h.io.toClient.startsWith(response.first(response.indexOf("\r\n\r\n") + 4)));
            QVERIFY2(h.io.toClient.endsWith("\r\n0\r\nX-Checksum: abc\r\nx-other: 1\r\n\r\n"),
                     h.io.toClient.constData());
            QCOMPARE(h.io.finished.size(), 1);
            QCOMPARE(h.io.finished.first().responseBody, QByteArray("hello world"));
        }
        // And from the client to the origin.
        Harness h;
        const QByteArray request =
            "POST http://origin.test/up HTTP/1.1\r\nHost: origin.test\r\n"
            "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nDigest: sha-256=x\r\n\r\n";
        h.exchange.feedClient(request);
        QCOMPARE(h.io.toUpstream,
                 "POST /up HTTP/1.1\r\nHost: origin.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3\r\nabc\r\n0\r\nDigest: sha-256=x\r\n\r\n");
    }

    void chunkedWithoutTrailersEndsWithTheLastChunk()
    {
        Harness h;
        h.exchange.feedClient(getRequest);
        const QByteArray response =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n";
        h.exchange.upstreamData(response);
        QCOMPARE(h.io.toClient, response);
    }

    void bodylessResponses_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QByteArray>("forwarded");
        QTest::newRow("HEAD with a length")
            << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        QTest::newRow("HEAD that says chunked")
            << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        QTest::newRow("304 that says chunked")
            << QByteArray("GET")
            << QByteArray("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\nETag: \"1\"\r\n\r\n")
            << QByteArray("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\nETag: \"1\"\r\n\r\n");
        QTest::newRow("204") << QByteArray("DELETE") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n")
                             << QByteArray("HTTP/1.1 204 No Content\r\n\r\n");
    }

    void bodylessResponses()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, response);
        QFETCH(QByteArray, forwarded);
        Harness h;
        h.exchange.feedClient(method + " http://origin.test/x HTTP/1.1\r\nHost: origin.test\r\n\r\n");
        h.exchange.upstreamData(response);
        QCOMPARE(h.io.toClient, forwarded);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().state, Flow::State::Complete);
        QCOMPARE(h.exchange.state(), Http1Exchange::State::ReadingRequestHead);
        QVERIFY(!h.io.closed); // kept alive: the next response is not mistaken for a body
    }

    void aBodyUntilCloseEndsTheClientConnection()
    {
        Harness h;
        h.exchange.feedClient(getRequest);
        h.exchange.upstreamData("HTTP/1.1 200 OK\r\n\r\nsome");
        h.exchange.upstreamData(" more");
        h.exchange.upstreamClosed();
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().state, Flow::State::Complete);
        QCOMPARE(h.io.finished.first().responseBody, QByteArray("some more"));
        QVERIFY(h.io.closed);
    }

    void upgradeBecomesATunnel()
    {
        Harness h;
        const QByteArray request =
            "GET http://origin.test/ws HTTP/1.1\r\nHost: origin.test\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\n\r\n";
        h.exchange.feedClient(request + "\x81\x01"
                                        "a");
        const QByteArray switching =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        h.exchange.upstreamData(switching + "\x81\x01"
                                            "b");
        QCOMPARE(h.io.toClient, switching + "\x81\x01"
                                            "b");
        QVERIFY(h.io.switched);
        QCOMPARE(h.io.tunnelBytes, QByteArray("\x81\x01"
                                              "a")); // the client's frame goes on raw
        QCOMPARE(h.exchange.state(), Http1Exchange::State::Tunnel);
        QCOMPARE(h.io.finished.size(), 1);
        QVERIFY(h.io.finished.first().websocket);
        QCOMPARE(h.io.finished.first().status, 101);
    }

    void connectBecomesATunnel()
    {
        Harness h;
        h.exchange.feedClient(
            "CONNECT origin.test:443 HTTP/1.1\r\nHost: origin.test:443\r\n\r\n\x16\x03\x01");
        QCOMPARE(h.io.tunnel, QStringLiteral("origin.test:443"));
        QCOMPARE(h.io.tunnelBytes, QByteArray("\x16\x03\x01"));
        QCOMPARE(h.io.started.size(), 1);
        QVERIFY(h.io.toClient.isEmpty()); // the 200 waits for the server to accept
        h.exchange.tunnelEstablished(QStringLiteral("127.0.0.1"), 443);
        QCOMPARE(h.io.toClient, QByteArray("HTTP/1.1 200 Connection Established\r\n\r\n"));
        h.exchange.tunnelClosed(300, 4000);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().requestBodySize, 300);
        QCOMPARE(h.io.finished.first().responseBodySize, 4000);
        QCOMPARE(h.io.finished.first().state, Flow::State::Complete);
    }

    void upstreamFailureAtEachState_data()
    {
        QTest::addColumn<int>("stage");
        QTest::addColumn<int>("errorKind");
        QTest::addColumn<int>("proxyAnswer");
        // 0: connecting, refused; 1: connect timeout; 2: no response; 3: malformed response;
        // 4: closed mid-body; 5: tunnel refused; 6: request body still streaming, refused
        QTest::newRow("refused") << 0 << int(FlowError::ConnectionRefused) << 502;
        QTest::newRow("connect timeout") << 1 << int(FlowError::ConnectTimeout) << 504;
        QTest::newRow("closed without a response") << 2 << int(FlowError::UpstreamClosed) << 502;
        QTest::newRow("malformed response") << 3 << int(FlowError::BadUpstreamResponse) << 502;
        QTest::newRow("closed mid-body") << 4 << int(FlowError::UpstreamClosed) << 0;
        QTest::newRow("tunnel refused") << 5 << int(FlowError::ConnectionRefused) << 502;
        QTest::newRow("refused while sending the body") << 6 << int(FlowError::ConnectionRefused) << 502;
    }

    void upstreamFailureAtEachState()
    {
        QFETCH(int, stage);
        QFETCH(int, errorKind);
        QFETCH(int, proxyAnswer);
        ProxySettings settings;
        settings.connectTimeoutMs = 500;
        Harness h(settings);
        if (stage == 5)
            h.exchange.feedClient("CONNECT origin.test:443 HTTP/1.1\r\n\r\n");
        else if (stage == 6)
            h.exchange.feedClient("POST http://origin.test/x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
        else
            h.exchange.feedClient(getRequest);
        switch (stage) {
        case 0:
        case 5:
        case 6:
            QCOMPARE(h.exchange.state(), stage == 5   ? Http1Exchange::State::Tunnel
                                         : stage == 6 ? Http1Exchange::State::SendingRequest
                                                      : Http1Exchange::State::AwaitingResponse);
            h.exchange.upstreamFailed(502, FlowError::ConnectionRefused,
                                      QStringLiteral("Connection refused"));
            break;
        case 1:
            h.advance(499);
            QVERIFY(h.io.finished.isEmpty());
            h.advance(1);
            QCOMPARE(h.io.aborts, 1);
            break;
        case 2:
            h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 8080);
            h.exchange.upstreamClosed();
            break;
        case 3:
            h.exchange.upstreamData("SMTP ready\r\n\r\n");
            break;
        case 4:
            h.exchange.upstreamData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            QCOMPARE(h.exchange.state(), Http1Exchange::State::StreamingResponse);
            h.exchange.upstreamClosed();
            break;
        }
        QCOMPARE(h.io.finished.size(), 1);
        const Flow &flow = h.io.finished.first();
        QCOMPARE(flow.state, Flow::State::Error);
        QCOMPARE(int(flow.errorKind), errorKind);
        QCOMPARE(flow.proxyAnswerStatus, proxyAnswer);
        QVERIFY(!flow.error.isEmpty());
        if (proxyAnswer != 0)
            QVERIFY(h.io.toClient.startsWith("HTTP/1.1 " + QByteArray::number(proxyAnswer)));
        QVERIFY(h.io.closed);
        QCOMPARE(h.exchange.state(), Http1Exchange::State::Closing);
        // Late bytes from the failed origin go nowhere.
        const QByteArray sent = h.io.toClient;
        h.exchange.upstreamData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(h.io.toClient, sent);
        QCOMPARE(h.io.finished.size(), 1);
    }

    void theClientLeavingMidResponse()
    {
        Harness h;
        h.exchange.feedClient(getRequest);
        h.exchange.upstreamData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        h.exchange.clientClosed();
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().errorKind, FlowError::ClientClosed);
        QCOMPARE(h.io.finished.first().proxyAnswerStatus, 0);
    }

    void aSlowHeadTimesOutWithWhatItGotAsFar()
    {
        ProxySettings settings;
        settings.headerTimeoutMs = 2000;
        Harness h(settings);
        QCOMPARE(h.io.timerDueMs, 3000);
        h.exchange.feedClient("GET http://origin.test/slow HTTP/1.1\r\nHost: orig");
        h.advance(1999);
        QVERIFY(h.io.finished.isEmpty());
        h.advance(1);
        QCOMPARE(h.io.finished.size(), 1);
        const Flow &flow = h.io.finished.first();
        QCOMPARE(flow.errorKind, FlowError::RequestTimeout);
        QCOMPARE(flow.method, QByteArray("GET"));
        QCOMPARE(flow.url, QUrl(QStringLiteral("http://origin.test/slow")));
        QCOMPARE(flow.proxyAnswerStatus, 408);
        QVERIFY(h.io.toClient.startsWith("HTTP/1.1 408 "));
        QVERIFY(h.io.closed);
    }

    void anIdleKeepAliveConnectionClosesWithoutAFlow()
    {
        ProxySettings settings;
        settings.headerTimeoutMs = 2000;
        settings.idleTimeoutMs = 60000;
        Harness h(settings);
        h.exchange.feedClient(getRequest);
        h.exchange.upstreamData(okResponse);
        // The header timer armed for the first head is not restarted: it fires, finds the idle
        // deadline later, and re-arms for it.
        h.advance(59000);
        QVERIFY(!h.io.closed);
        QVERIFY(h.io.timerDueMs > h.io.nowMs);
        h.advance(1000);
        QVERIFY(h.io.closed);
        QCOMPARE(h.io.finished.size(), 1); // only the exchange itself
        QCOMPARE(h.io.started.size(), 1);
    }

    void noTimeoutWhileAResponseIsInFlight()
    {
        ProxySettings settings;
        settings.headerTimeoutMs = 2000;
        Harness h(settings);
        h.exchange.feedClient(getRequest);
        h.exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 8080);
        h.advance(100000);
        QVERIFY(!h.io.closed);
        QVERIFY(h.io.finished.isEmpty());
        h.exchange.upstreamData(okResponse);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().state, Flow::State::Complete);
    }

    void malformedRequestsAreRefusedAsFlows_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("origin-form") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x00\r\n\r\n") << 400;
        QTest::newRow("CONNECT without a port") << QByteArray("CONNECT origin.test HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("TE without chunked")
            << QByteArray("POST http://a/ HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 400;
    }

    void malformedRequestsAreRefusedAsFlows()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        Harness h;
        h.exchange.feedClient(request);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().errorKind, FlowError::ParseError);
        QCOMPARE(h.io.finished.first().proxyAnswerStatus, status);
        QCOMPARE(h.io.started.size(), 1);
        QVERIFY(h.io.toClient.startsWith("HTTP/1.1 " + QByteArray::number(status)));
        QVERIFY(h.io.toUpstream.isEmpty());
        QVERIFY(h.io.opened.isEmpty());
        QVERIFY(h.io.closed);
    }

    void aRuleAnswersLocally()
    {
        QString error;
        const auto rules = RewriteRules::parse(
            R"({"rules": [{"name": "answer", "match": {"host": "origin.test"},
                "respond": {"status": 200, "headers": [["X-From", "rule"]], "body": "local", "answers": "all"}}]})",
            &error);
        QVERIFY2(rules, qPrintable(error));
        Harness h;
        const auto shared = std::make_shared<const RewriteRules>(*rules);
        h.exchange.setRewriteRules([shared] { return shared; });
        h.exchange.feedClient(
            "POST http://origin.test/x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        QCOMPARE(h.exchange.state(), Http1Exchange::State::AnsweringLocally);
        QCOMPARE(h.io.toClient, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        h.exchange.feedClient("abc");
        QCOMPARE(h.io.toClient, QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nX-From: "
                                           "rule\r\nContent-Length: 5\r\n\r\nlocal"));
        QVERIFY(h.io.opened.isEmpty());
        QVERIFY(h.io.toUpstream.isEmpty());
        QCOMPARE(h.io.finished.size(), 1);
        QVERIFY(h.io.finished.first().answeredLocally);
        QCOMPARE(h.io.finished.first().appliedRules, QStringList{QStringLiteral("answer")});
        QCOMPARE(h.exchange.state(), Http1Exchange::State::ReadingRequestHead);
    }

    void aRuleRewritesTheResponseHead()
    {
        QString error;
        const auto rules = RewriteRules::parse(
            R"({"rules": [{"name": "allow", "set": {"Access-Control-Allow-Origin": "https://app.test"}}]})",
            &error);
        QVERIFY2(rules, qPrintable(error));
        Harness h;
        const auto shared = std::make_shared<const RewriteRules>(*rules);
        h.exchange.setRewriteRules([shared] { return shared; });
        h.exchange.feedClient(getRequest);
        h.exchange.upstreamData(okResponse);
        QVERIFY(h.io.toClient.contains("Access-Control-Allow-Origin: https://app.test\r\n"));
        QVERIFY(h.io.toClient.endsWith("\r\n\r\nhello"));
        QCOMPARE(h.io.finished.first().originalResponseHeaders.size(), 4);
    }

    void connectionCloseEndsAfterTheResponse()
    {
        Harness h;
        h.exchange.feedClient("GET http://origin.test/ HTTP/1.1\r\nConnection: close\r\n\r\n");
        h.exchange.upstreamData(okResponse);
        QCOMPARE(h.io.finished.size(), 1);
        QVERIFY(h.io.closed);
        QCOMPARE(h.exchange.state(), Http1Exchange::State::Closing);
    }

    void anInterceptedConnectHandsOverAndReadsTheRequestsInside()
    {
        ProxySettings settings;
        QTemporaryDir directory;
        QString error;
        settings.authority = CertificateAuthority::loadOrCreate(directory.path(), &error);
        QVERIFY2(settings.authority, qPrintable(error));
        Harness h(settings);
        h.exchange.feedClient("CONNECT secure.test:8443 HTTP/1.1\r\n\r\n");
        QCOMPARE(h.io.intercepted, QStringLiteral("secure.test"));
        QCOMPARE(h.exchange.state(), Http1Exchange::State::Intercepting);
        QVERIFY(h.io.started.isEmpty()); // a flow only if the handshake fails
        h.exchange.interceptedTls();
        h.exchange.interceptedTlsEstablished();
        h.exchange.feedClient("GET /inside HTTP/1.1\r\nHost: secure.test:8443\r\n\r\n");
        QCOMPARE(h.io.opened, QStringList{QStringLiteral("secure.test:8443 tls")});
        QCOMPARE(h.io.toUpstream, QByteArray("GET /inside HTTP/1.1\r\nHost: secure.test:8443\r\n\r\n"));
        QCOMPARE(h.io.started.size(), 1);
        QCOMPARE(h.io.started.first().url, QUrl(QStringLiteral("https://secure.test:8443/inside")));
    }

    void aRefusedHandshakeIsTheConnectsFlow()
    {
        ProxySettings settings;
        QTemporaryDir directory;
        QString error;
        settings.authority = CertificateAuthority::loadOrCreate(directory.path(), &error);
        QVERIFY2(settings.authority, qPrintable(error));
        settings.headerTimeoutMs = 1000;
        Harness h(settings);
        h.exchange.feedClient("CONNECT secure.test:443 HTTP/1.1\r\n\r\n");
        h.exchange.interceptedTls();
        h.advance(1000);
        QCOMPARE(h.io.finished.size(), 1);
        QCOMPARE(h.io.finished.first().errorKind, FlowError::ClientTlsFailure);
        QCOMPARE(h.io.finished.first().method, QByteArray("CONNECT"));
        QVERIFY(h.io.closed);
    }
};

QTEST_GUILESS_MAIN(TestHttp1Exchange)
#include "tst_http1exchange.moc"
