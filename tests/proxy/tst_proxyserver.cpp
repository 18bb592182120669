#include "loopbackhttpserver.h"
#include "proxy/proxyserver.h"

#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;
using namespace CorscopeTest;

// Real curl through the real proxy to a real loopback server: what a browser's traffic meets.
class TestProxyServer : public QObject {
    Q_OBJECT

private:
    struct CurlResult {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    CurlResult curl(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral("curl"),
                      QStringList{QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("20"),
                                  QStringLiteral("-x"),
                                  QStringLiteral("http://") + m_proxy->listenAddress()} +
                          arguments);
        // The proxy and the server live on this thread: keep the event loop turning.
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30000))
            process.kill();
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }
    // Raw bytes to the proxy, the whole answer back (until the proxy closes or timeout).
    QByteArray raw(const QByteArray &bytes, int waitMs = 5000, int delayBetweenBytesMs = 0)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
            return {};
        if (delayBetweenBytesMs > 0) {
            for (char c : bytes) {
                socket.write(&c, 1);
                QTest::qWait(delayBetweenBytesMs);
                if (socket.state() != QAbstractSocket::ConnectedState)
                    break;
            }
        } else {
            socket.write(bytes);
        }
        QByteArray answer;
        (void)QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            waitMs);
        answer += socket.readAll();
        return answer;
    }

    std::unique_ptr<ProxyServer> m_proxy;
    std::unique_ptr<LoopbackHttpServer> m_server;
    QList<Flow> m_finished;

private slots:
    void init()
    {
        ProxySettings settings;
        settings.bodyCaptureBytes = 64 * 1024;
        settings.headerTimeoutMs = 800;
        m_proxy = std::make_unique<ProxyServer>(settings);
        QString error;
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        m_finished.clear();
        connect(m_proxy.get(), &ProxyServer::flowFinished, this,
                [this](const Flow &flow) { m_finished.append(flow); });
        m_server = std::make_unique<LoopbackHttpServer>();
        QVERIFY(m_server->listenLoopback());
        m_server->setHandler([](const LoopbackRequest &request) {
            if (request.target == "/chunked")
                return LoopbackReply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: "
                                     "chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"};
            if (request.target == "/large")
                return LoopbackReply{LoopbackHttpServer::response(
                    200, {{"Content-Type", "application/octet-stream"}}, QByteArray(20 * 1024 * 1024, 'x'))};
            if (request.target == "/cors")
                return LoopbackReply{LoopbackHttpServer::response(
                    200, {{"Access-Control-Allow-Origin", request.header("origin")}}, "{}")};
            return LoopbackReply{LoopbackHttpServer::response(
                200, {{"Content-Type", "text/plain"}, {"X-Seen-Method", request.method}},
                request.method + ' ' + request.target + ' ' + request.body)};
        });
    }
    void cleanup()
    {
        m_proxy.reset();
        m_server.reset();
    }

    void refusesNonLoopbackUnlessAllowed()
    {
        ProxySettings settings;
        settings.address = QHostAddress::AnyIPv4;
        ProxyServer open(settings);
        QString error;
        QVERIFY(!open.start(&error));
        QVERIFY(error.contains(QStringLiteral("loopback")));
    }

    void getAndPostPassThroughAndAreRecorded()
    {
        const CurlResult get = curl({m_server->url(QStringLiteral("/hello?x=1")).toString()});
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(get.out, QByteArray("GET /hello?x=1 "));
        const CurlResult post = curl({QStringLiteral("-d"), QStringLiteral("name=corscope"),
                                      m_server->url(QStringLiteral("/submit")).toString()});
        QCOMPARE(post.exitCode, 0);
        QCOMPARE(post.out, QByteArray("POST /submit name=corscope"));
        QTRY_COMPARE(m_finished.size(), 2);
        const Flow &flow = m_finished.at(1);
        QCOMPARE(flow.state, Flow::State::Complete);
        QCOMPARE(flow.method, QByteArray("POST"));
        QCOMPARE(flow.status, 200);
        QCOMPARE(flow.requestBody, QByteArray("name=corscope"));
        QCOMPARE(flow.responseHeaders.get("x-seen-method"), std::optional<QByteArray>("POST"));
        QVERIFY(flow.id > m_finished.at(0).id);
        QVERIFY(flow.completeMs >= flow.responseHeadersMs && flow.responseHeadersMs >= 0);
        QCOMPARE(flow.serverPort, m_server->serverPort());
        // The origin server got an origin-form request line without the proxy's hop headers.
        QCOMPARE(m_server->requests().at(1).target, QByteArray("/submit"));
        QVERIFY(!m_server->requests().at(1).hasHeader("proxy-connection"));
    }

    void keepAliveReusesBothConnections()
    {
        const CurlResult result = curl(
            {m_server->url(QStringLiteral("/a")).toString(), m_server->url(QStringLiteral("/b")).toString()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("GET /a GET /b "));
        QTRY_COMPARE(m_finished.size(), 2);
        QCOMPARE(m_server->connectionCount(), 1);
        QVERIFY(result.err.isEmpty());
    }

    void chunkedResponseArrivesWhole()
    {
        const CurlResult result = curl({m_server->url(QStringLiteral("/chunked")).toString()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("hello world"));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().responseBody, QByteArray("hello world"));
    }

    void largeBodyStreamsAndCaptureIsCapped()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("large"));
        const CurlResult result =
            curl({QStringLiteral("-o"), file, m_server->url(QStringLiteral("/large")).toString()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QFileInfo(file).size(), qint64(20 * 1024 * 1024));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().responseBodySize, qint64(20 * 1024 * 1024));
        QCOMPARE(m_finished.first().responseBody.size(), qsizetype(64 * 1024));
    }

    void connectTunnelPassesBytesThrough()
    {
        // --proxytunnel makes curl CONNECT even for http://, so the tunnel is testable without TLS.
        const CurlResult result =
            curl({QStringLiteral("--proxytunnel"), m_server->url(QStringLiteral("/through")).toString()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("GET /through "));
        QTRY_COMPARE(m_finished.size(), 1);
        QVERIFY(m_finished.first().tunnel);
        QCOMPARE(m_finished.first().method, QByteArray("CONNECT"));
        QVERIFY(m_finished.first().responseBodySize > 0);
    }

    void unreachableServerIs502()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const CurlResult result =
            curl({QStringLiteral("-i"), QStringLiteral("http://127.0.0.1:%1/").arg(port)});
        QVERIFY(result.out.startsWith("HTTP/1.1 502"));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().state, Flow::State::Error);
        QVERIFY(!m_finished.first().error.isEmpty());
    }

    void garbageIs400AndTheProxyKeepsServing()
    {
        QVERIFY(raw("\x16\x03\x01 definitely not http\r\n\r\n").startsWith("HTTP/1.1 400"));
        QVERIFY(raw("GET /relative HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").startsWith("HTTP/1.1 400"));
        const QByteArray oversized =
            raw("GET http://127.0.0.1:1/ HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n");
        QVERIFY2(oversized.startsWith("HTTP/1.1 431"), oversized.left(200).constData());
        QByteArray manyHeaders = "GET http://127.0.0.1:1/ HTTP/1.1\r\n";
        for (int i = 0; i < 300; ++i)
            manyHeaders += "X-" + QByteArray::number(i) + ": 1\r\n";
        QVERIFY(raw(manyHeaders + "\r\n").startsWith("HTTP/1.1 431"));
        const CurlResult after = curl({m_server->url(QStringLiteral("/still")).toString()});
        QCOMPARE(after.out, QByteArray("GET /still "));
    }

    void slowClientTimesOut()
    {
        // One byte every 50 ms: the head never completes within the 800 ms limit.
        const QByteArray answer =
            raw("GET http://127.0.0.1:1/ HTTP/1.1\r\nX-Slow: 1111111111111111111111\r\n", 4000, 50);
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
    }

    void corsRequestKeepsItsOrigin()
    {
        const CurlResult result = curl({QStringLiteral("-H"), QStringLiteral("Origin: http://app.example"),
                                        m_server->url(QStringLiteral("/cors")).toString()});
        QCOMPARE(result.exitCode, 0);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().requestHeaders.get("origin"),
                 std::optional<QByteArray>("http://app.example"));
        QCOMPARE(m_finished.first().responseHeaders.get("access-control-allow-origin"),
                 std::optional<QByteArray>("http://app.example"));
    }

    void rewriterChangesResponseHeadersAndKeepsTheOriginal()
    {
        m_proxy->setResponseRewriter(
            [](const Flow &, HeaderList &headers) { headers.set("Access-Control-Allow-Origin", "*"); });
        // The rewriter applies to connections accepted after it was set.
        const CurlResult result =
            curl({QStringLiteral("-i"), m_server->url(QStringLiteral("/plain")).toString()});
        QVERIFY(result.out.contains("Access-Control-Allow-Origin: *"));
        QTRY_COMPARE(m_finished.size(), 1);
        QVERIFY(m_finished.first().wasRewritten());
        QVERIFY(!m_finished.first().originalResponseHeaders.contains("access-control-allow-origin"));
    }
};

QTEST_GUILESS_MAIN(TestProxyServer)
#include "tst_proxyserver.moc"
