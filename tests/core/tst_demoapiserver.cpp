#include "cors/websockethandshake.h"
#include "http/websocketframe.h"
#include "playground/demoapiserver.h"
#include "sender/sendsession.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Corscope;

namespace {

// Writes raw bytes to a port of the server and reads until the server closes the connection.
QByteArray exchange(const QUrl &url, const QByteArray &raw)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(url.port()));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(raw);
    QByteArray answer;
    // The server runs in this thread: spin the event loop while waiting for it to close.
    QDeadlineTimer deadline(5000);
    while (socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired()) {
        QTest::qWait(5);
        answer += socket.readAll();
    }
    return answer + socket.readAll();
}

QByteArray request(const QUrl &url, const QByteArray &method, const QList<QByteArray> &headers)
{
    QByteArray raw =
        method + ' ' + url.path().toLatin1() + " HTTP/1.1\r\nHost: " + url.authority().toLatin1() + "\r\n";
    for (const QByteArray &header : headers)
        raw += header + "\r\n";
    return raw + "Connection: close\r\n\r\n";
}

// The header block of the first response in `answer`, lines without CRLF.
QList<QByteArray> headLines(const QByteArray &answer)
{
    return answer.left(answer.indexOf("\r\n\r\n")).split('\n');
}

bool hasLine(const QByteArray &answer, const QByteArray &line)
{
    for (QByteArray candidate : headLines(answer)) {
        if (candidate.chopped(candidate.endsWith('\r') ? 1 : 0) == line)
            return true;
    }
    return false;
}

CorsPolicy pagePolicy(const DemoApiServer &server)
{
    CorsPolicy policy;
    policy.allowedOrigins = {server.pageOrigin().toString()};
    policy.allowedMethods = {"GET", "PUT"};
    policy.allowedHeaders = {"Content-Type", "X-Request-Id"};
    policy.maxAgeSeconds = 600;
    return policy;
}

FetchRequest putFromPage(const DemoApiServer &server)
{
    FetchRequest fetch;
    fetch.url = server.apiUrl();
    fetch.origin = server.pageOrigin();
    fetch.method = "PUT";
    fetch.headers.append("X-Request-Id", "42");
    fetch.body = QByteArray("{}");
    return fetch;
}

QByteArray handshake(const QUrl &url, const QByteArray &origin, const QByteArray &key)
{
    return "GET /socket/notifications HTTP/1.1\r\nHost: " + url.authority().toLatin1() +
           "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nOrigin: " + origin +
           "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n\r\n";
}

// A client frame as a browser sends it: masked ([rfc6455] 5.3), here with a fixed key.
QByteArray maskedFrame(quint8 opcode, const QByteArray &payload)
{
    const QByteArray mask = QByteArray::fromHex("37fa213d");
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    frame.append(char(0x80 | payload.size()));
    frame.append(mask);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask.at(i % 4)));
    return frame;
}

// Reads from socket until `predicate` holds for what arrived or five seconds passed.
QByteArray readUntil(QTcpSocket &socket, const std::function<bool(const QByteArray &)> &predicate)
{
    QByteArray received;
    QDeadlineTimer deadline(5000);
    while (!predicate(received) && !deadline.hasExpired() &&
           socket.state() != QAbstractSocket::UnconnectedState) {
        QTest::qWait(5);
        received += socket.readAll();
    }
    return received + socket.readAll();
}

} // namespace

class TestDemoApiServer : public QObject {
    Q_OBJECT

private slots:
    void listensOnTwoLoopbackOrigins()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        QCOMPARE(server.apiOrigin().host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(server.pageOrigin().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(!server.apiOrigin().isSameOrigin(server.pageOrigin()));
    }

    void preflightFollowsThePolicy()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        CorsPolicy policy = pagePolicy(server);
        policy.preflightStatus = 200;
        server.setPolicy(policy);
        const QByteArray origin = server.pageOrigin().serialize();
        const QByteArray answer =
            exchange(server.apiUrl(), request(server.apiUrl(), "OPTIONS",
                                              {"Origin: " + origin, "Access-Control-Request-Method: PUT",
                                               "Access-Control-Request-Headers: x-request-id"}));
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        QVERIFY(hasLine(answer, "Access-Control-Allow-Origin: " + origin));
        QVERIFY(hasLine(answer, "Access-Control-Allow-Methods: GET, PUT"));
        QVERIFY(hasLine(answer, "Access-Control-Allow-Headers: Content-Type, X-Request-Id"));
        QVERIFY(hasLine(answer, "Access-Control-Max-Age: 600"));
        QVERIFY(hasLine(answer, "Vary: Origin"));

        // An origin outside the allow-list gets no ACAO at all.
        const QByteArray stranger = exchange(
            server.apiUrl(), request(server.apiUrl(), "OPTIONS",
                                     {"Origin: https://evil.example", "Access-Control-Request-Method: PUT"}));
        QVERIFY(!stranger.toLower().contains("access-control-allow-origin"));
    }

    void gatewayStatusAndExtraHeadersReachTheWire()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        CorsPolicy policy;
        policy.originRule = OriginRule::ReflectAny;
        policy.preflightStatus = 404;
        policy.extraHeaders.append("Access-Control-Allow-Origin", "*");
        server.setPolicy(policy);
        const QByteArray answer = exchange(
            server.apiUrl(), request(server.apiUrl(), "OPTIONS",
                                     {"Origin: http://a.test", "Access-Control-Request-Method: PUT"}));
        QVERIFY2(answer.startsWith("HTTP/1.1 404 Not Found\r\n"), answer.constData());
        // Both ACAO lines, in order: the duplicate is the lesson.
        const qsizetype reflected = answer.indexOf("Access-Control-Allow-Origin: http://a.test\r\n");
        const qsizetype star = answer.indexOf("Access-Control-Allow-Origin: *\r\n");
        QVERIFY(reflected > 0);
        QVERIFY(star > reflected);
    }

    void liveChangeTakesEffectOnTheNextRequest()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        SendSession session(BrowserProfile::chromium());
        CorsPolicy broken = pagePolicy(server);
        broken.allowedHeaders = {"Content-Type"};
        server.setPolicy(broken);
        const SendResult blocked = session.sendAndWait(putFromPage(server));
        QVERIFY(!blocked.evaluation.allowed());
        QCOMPARE(blocked.exchanges.size(), 1); // the preflight only

        QSignalSpy changed(&server, &DemoApiServer::policyChanged);
        server.setPolicy(pagePolicy(server));
        QCOMPARE(changed.size(), 1);
        const SendResult allowed = session.sendAndWait(putFromPage(server));
        QVERIFY2(allowed.evaluation.allowed(), qPrintable(allowed.evaluation.consoleMessage));
        QCOMPARE(allowed.exchanges.size(), 2);
        QCOMPARE(allowed.exchanges.at(1).response->status, 200);
        QVERIFY(allowed.exchanges.at(1).response->body.contains("Hello from the Corscope demo API"));
    }

    void recordsEveryRequest()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        server.setPolicy(pagePolicy(server));
        QSignalSpy received(&server, &DemoApiServer::requestReceived);
        SendSession session(BrowserProfile::chromium());
        QVERIFY(session.sendAndWait(putFromPage(server)).evaluation.allowed());
        QCOMPARE(received.size(), 2);
        const auto preflight = received.at(0).at(0).value<ReceivedRequest>();
        const auto actual = received.at(1).at(0).value<ReceivedRequest>();
        QCOMPARE(preflight.method, QByteArray("OPTIONS"));
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.headers.get("access-control-request-headers"), QByteArray("x-request-id"));
        QCOMPARE(actual.method, QByteArray("PUT"));
        QCOMPARE(actual.body, QByteArray("{}"));
        QCOMPARE(actual.port, ReceivedRequest::Port::Api);
        QCOMPARE(server.receivedRequests().size(), 2);
    }

    void keepAliveAnswersPipelinedRequestsInOrder()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        const QUrl url = server.apiUrl();
        const QByteArray host = "Host: " + url.authority().toLatin1() + "\r\n";
        const QByteArray answer =
            exchange(url, "POST /api/data HTTP/1.1\r\n" + host + "Content-Length: 5\r\n\r\nhello" +
                              "GET /nowhere HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        const qsizetype second = answer.indexOf("HTTP/1.1 404 Not Found\r\n");
        QVERIFY2(second > 0, answer.constData());
        QVERIFY(!answer.left(second).contains("Connection: close"));
        QCOMPARE(server.receivedRequests().size(), 2);
        QCOMPARE(server.receivedRequests().at(0).body, QByteArray("hello"));
    }

    void garbageGetsA400_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                                << QByteArray("400");
        QTest::newRow("no version") << QByteArray("GET /api/data\r\n\r\n") << QByteArray("400");
        QTest::newRow("no host") << QByteArray("GET /api/data HTTP/1.1\r\n\r\n") << QByteArray("400");
        QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n")
                                    << QByteArray("400");
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")
                                << QByteArray("400");
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
            << QByteArray("400");
        QTest::newRow("chunked") << QByteArray(
                                        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                                 << QByteArray("501");
    }

    void garbageGetsA400()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, status);
        DemoApiServer server;
        QVERIFY(server.start());
        const QByteArray answer = exchange(server.apiUrl(), raw);
        QVERIFY2(answer.startsWith("HTTP/1.1 " + status + ' '), answer.constData());
        QVERIFY(hasLine(answer, "Connection: close"));
        QVERIFY(server.receivedRequests().isEmpty());
    }

    void sharedCacheWithoutVaryServesAnotherOriginsAnswer()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        const QByteArray page = server.pageOrigin().serialize();
        CorsPolicy policy;
        policy.allowedOrigins = {QStringLiteral("https://admin.example"), QString::fromLatin1(page)};
        policy.varyOrigin = false;
        policy.sharedCacheSeconds = 300;
        server.setPolicy(policy);
        server.primeSharedCache("https://admin.example");
        const QByteArray stale =
            exchange(server.apiUrl(), request(server.apiUrl(), "GET", {"Origin: " + page}));
        QVERIFY2(hasLine(stale, "Access-Control-Allow-Origin: https://admin.example"), stale.constData());
        QVERIFY(hasLine(stale, "X-Cache: HIT"));
        QVERIFY(server.receivedRequests().last().fromSharedCache);

        policy.varyOrigin = true;
        server.setPolicy(policy);
        server.primeSharedCache("https://admin.example");
        const QByteArray fresh =
            exchange(server.apiUrl(), request(server.apiUrl(), "GET", {"Origin: " + page}));
        QVERIFY2(hasLine(fresh, "Access-Control-Allow-Origin: " + page), fresh.constData());
        QVERIFY(hasLine(fresh, "X-Cache: MISS"));
        // Now the page's own answer is stored next to the admin one and served to it.
        const QByteArray again =
            exchange(server.apiUrl(), request(server.apiUrl(), "GET", {"Origin: " + page}));
        QVERIFY(hasLine(again, "Access-Control-Allow-Origin: " + page));
        QVERIFY(hasLine(again, "X-Cache: HIT"));
    }

    // The playground's WebSocket endpoint is a real one: a browser's handshake gets 101 with the
    // accept value of its key, the user's notification arrives as the first frame, and frames the
    // page sends are echoed until it closes.
    void socketAcceptsAnyOriginUnderReflect()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        CorsPolicy policy;
        policy.originRule = OriginRule::ReflectAny;
        server.setPolicy(policy);
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(server.apiUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";
        socket.write(handshake(server.apiUrl(), "https://evil.example", key));
        const QByteArray greeting = "Your invoice #1042 is ready";
        const QByteArray answer =
            readUntil(socket, [&](const QByteArray &in) { return in.contains(greeting); });
        QVERIFY2(answer.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), answer.constData());
        QVERIFY(hasLine(answer, "Upgrade: websocket"));
        QVERIFY(hasLine(answer, "Connection: Upgrade"));
        // [rfc6455] 1.3's own example key and accept value.
        QVERIFY(hasLine(answer, "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        QVERIFY(!answer.contains("Content-Length"));
        QByteArray frames = answer.mid(answer.indexOf("\r\n\r\n") + 4);
        QCOMPARE(quint8(frames.at(0)), quint8(0x81)); // FIN, text, unmasked
        QVERIFY(frames.contains(greeting));

        socket.write(maskedFrame(WebSocketFrame::Text, "hello"));
        QVERIFY(readUntil(socket, [](const QByteArray &in) { return in.contains("hello"); }) ==
                WebSocketFrame::serverFrame(WebSocketFrame::Text, "hello"));
        socket.write(maskedFrame(WebSocketFrame::Close, QByteArray::fromHex("03e8")));
        const QByteArray close = readUntil(socket, [](const QByteArray &) { return false; });
        QCOMPARE(close, WebSocketFrame::serverFrame(WebSocketFrame::Close, QByteArray::fromHex("03e8")));
        QCOMPARE(server.receivedRequests().last().status, 101);
    }

    void socketRefusesAnOriginOffItsAllowList()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        CorsPolicy policy;
        policy.allowedOrigins = {QStringLiteral("https://app.example")};
        server.setPolicy(policy);
        const QByteArray key = WebSocketHandshake::newKey();
        const QByteArray refused = exchange(server.apiUrl(), handshake(server.apiUrl(), "https://evil.example", key));
        QVERIFY2(refused.startsWith("HTTP/1.1 403 Forbidden\r\n"), refused.constData());
        QVERIFY(!refused.contains("Sec-WebSocket-Accept"));

        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(server.apiUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write(handshake(server.apiUrl(), "https://app.example", key));
        const QByteArray accepted = readUntil(socket, [](const QByteArray &in) { return in.contains("invoice"); });
        QVERIFY2(accepted.startsWith("HTTP/1.1 101 "), accepted.constData());
        QVERIFY(hasLine(accepted, "Sec-WebSocket-Accept: " + WebSocketHandshake::acceptFor(key)));
    }

    void notAHandshakeGetsA400_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("no key") << QByteArray("GET /socket/x HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                                              "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QTest::newRow("version 8") << QByteArray(
            "GET /socket/x HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        QTest::newRow("POST") << QByteArray(
            "POST /socket/x HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    }

    void notAHandshakeGetsA400()
    {
        QFETCH(QByteArray, raw);
        DemoApiServer server;
        QVERIFY(server.start());
        CorsPolicy policy;
        policy.originRule = OriginRule::ReflectAny;
        server.setPolicy(policy);
        const QByteArray answer = exchange(server.apiUrl(), raw);
        QVERIFY2(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer.constData());
        QVERIFY(hasLine(answer, "Sec-WebSocket-Version: 13"));
    }

    // A GET to the socket without the upgrade (a proxy dropped it) gets what WebSocket servers
    // answer: 426 naming the protocol it needs.
    void socketWithoutUpgradeGetsA426()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        const QUrl socket = server.apiUrl(QStringLiteral("/socket/notifications"));
        const QByteArray answer = exchange(socket, request(socket, "GET", {"Origin: https://a.example"}));
        QVERIFY2(answer.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), answer.constData());
        QVERIFY(hasLine(answer, "Upgrade: websocket"));
    }

    // An unmasked client frame is a protocol error ([rfc6455] 5.1): close 1002, not a crash.
    void anUnmaskedClientFrameClosesWith1002()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        CorsPolicy policy;
        policy.originRule = OriginRule::ReflectAny;
        server.setPolicy(policy);
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(server.apiUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write(handshake(server.apiUrl(), "https://a.example", "dGhlIHNhbXBsZSBub25jZQ==") +
                     WebSocketFrame::serverFrame(WebSocketFrame::Text, "unmasked"));
        const QByteArray answer = readUntil(socket, [](const QByteArray &) { return false; });
        QVERIFY2(answer.endsWith(WebSocketFrame::serverFrame(WebSocketFrame::Close, QByteArray::fromHex("03ea"))),
                 answer.toHex().constData());
    }

    void servesVerificationPagesAndReportsTheirResult()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        const QUrl page = server.addVerificationPage(QStringLiteral("t1"),
                                                     {{QStringLiteral("url"), QStringLiteral("</script>")}});
        QCOMPARE(Origin::fromUrl(page).serialize(), server.pageOrigin().serialize());
        const QByteArray html = exchange(page, request(page, "GET", {}));
        QVERIFY2(html.startsWith("HTTP/1.1 200 OK\r\n"), html.constData());
        QVERIFY(html.contains("fetch(spec.url"));
        QVERIFY(!html.contains("\"</script>\"")); // escaped inside the script
        QSignalSpy reported(&server, &DemoApiServer::verificationReported);
        const QByteArray body = R"({"resolved":true,"status":200})";
        const QByteArray answer =
            exchange(page, "POST /verify/t1/result HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                               QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        QVERIFY2(answer.startsWith("HTTP/1.1 204 No Content\r\n"), answer.constData());
        QCOMPARE(reported.size(), 1);
        QCOMPARE(reported.at(0).at(0).toString(), QStringLiteral("t1"));
        QCOMPARE(reported.at(0).at(1).toJsonObject().value(QStringLiteral("status")).toInt(), 200);
        // An unknown token is just a 404.
        QVERIFY(exchange(page, request(server.pageUrl(QStringLiteral("/verify/nope")), "GET", {}))
                    .startsWith("HTTP/1.1 404 "));
    }
};

QTEST_GUILESS_MAIN(TestDemoApiServer)
#include "tst_demoapiserver.moc"
