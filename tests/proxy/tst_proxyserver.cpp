#include "capture/flowanalyzer.h"
#include "capture/flowjournal.h"
#include "har/harwriter.h"
#include "loopbackhttpserver.h"
#include "proxy/certificateauthority.h"
#include "proxy/proxyserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QPointer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;
using namespace CorscopeTest;

namespace {

// An origin that keeps every byte each connection sent, so a test can say what reached it exactly.
// A request head gets `reply`; after a 101 (or with no head at all) it echoes what follows.
class RecordingOrigin : public QObject {
public:
    explicit RecordingOrigin(QByteArray reply)
        : m_reply(std::move(reply))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                m_received.append(QByteArray());
                const qsizetype index = m_received.size() - 1;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket, index] {
                    QByteArray &all = m_received[index];
                    const QByteArray bytes = socket->readAll();
                    const qsizetype before = all.size();
                    all += bytes;
                    const bool switching = m_reply.startsWith("HTTP/1.1 101");
                    if (!all.contains(" HTTP/1.1\r\n")) {
                        socket->write(bytes); // not HTTP: an echo
                        return;
                    }
                    const qsizetype bodyStart = all.indexOf("\r\n\r\n") + 4;
                    if (bodyStart < 4)
                        return; // the head is still arriving
                    if (before < bodyStart) {
                        socket->write(m_reply);
                        if (switching) // what came after the head is already the new protocol
                            socket->write(all.mid(bodyStart));
                    } else if (switching) {
                        socket->write(bytes);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> received() const { return m_received; }

private:
    QTcpServer m_server;
    QByteArray m_reply;
    QList<QByteArray> m_received;
};

// A client of the proxy that speaks through a CONNECT: sends it, waits for its 200, then sends
// `inside` and collects what comes back until `until` has arrived.
QByteArray throughConnect(quint16 proxyPort, quint16 originPort, const QByteArray &inside,
                          const QByteArray &until, QByteArray *connectAnswer, QTcpSocket *socket)
{
    socket->connectToHost(QHostAddress::LocalHost, proxyPort);
    if (!socket->waitForConnected(5000))
        return {};
    socket->write("CONNECT 127.0.0.1:" + QByteArray::number(originPort) +
                  " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(originPort) + "\r\n\r\n");
    QByteArray answer;
    (void)QTest::qWaitFor(
        [&] {
            answer += socket->readAll();
            return answer.contains("\r\n\r\n");
        },
        5000);
    *connectAnswer = answer;
    socket->write(inside);
    QByteArray got;
    (void)QTest::qWaitFor(
        [&] {
            got += socket->readAll();
            return got.contains(until) || socket->state() != QAbstractSocket::ConnectedState;
        },
        5000);
    return got;
}

} // namespace

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

    // An intercepting proxy with a CA of its own, for the tests of what a CONNECT carries.
    void startInterceptingProxy(QTemporaryDir &dir)
    {
        QString error;
        auto authority = CertificateAuthority::loadOrCreate(dir.filePath(QStringLiteral("ca")), &error);
        QVERIFY2(authority, qPrintable(error));
        ProxySettings settings;
        settings.authority = authority;
        settings.headerTimeoutMs = 800;
        m_proxy = std::make_unique<ProxyServer>(settings);
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        connect(m_proxy.get(), &ProxyServer::flowFinished, this,
                [this](const Flow &flow) { m_finished.append(flow); });
    }

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
            if (request.target == "/trailers")
                return LoopbackReply{
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                    "5\r\nhello\r\n0\r\nX-Checksum: sha-256=abc\r\nserver-timing: db;dur=53\r\n\r\n"};
            if (request.target == "/large")
                return LoopbackReply{LoopbackHttpServer::response(
                    200, {{"Content-Type", "application/octet-stream"}}, QByteArray(20 * 1024 * 1024, 'x'))};
            if (request.method == "OPTIONS")
                return LoopbackReply{LoopbackHttpServer::response(404, {}, "no route", "Not Found")};
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

    void beyondLoopbackItIsNotAnOpenRelay()
    {
        // A real listener on this machine's LAN address (not loopback: nothing is relaxed for the
        // test), reached over that address as another machine would.
        QHostAddress lan;
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback() &&
                !address.isLinkLocal()) {
                lan = address;
                break;
            }
        }
        if (lan.isNull())
            QSKIP("This machine has no non-loopback IPv4 address to listen on.");
        ProxySettings settings;
        settings.address = lan;
        ProxyServer withoutCredential(settings);
        QString error;
        QVERIFY(!withoutCredential.start(&error, true));
        QVERIFY2(error.contains(QStringLiteral("credential")), qPrintable(error));

        settings.access.credential = ProxyAccess::randomCredential();
        ProxyServer proxy(settings);
        QVERIFY2(proxy.start(&error, true), qPrintable(error));
        QList<Flow> finished;
        connect(&proxy, &ProxyServer::flowFinished, this,
                [&finished](const Flow &flow) { finished.append(flow); });
        const auto ask = [&](const QByteArray &bytes) {
            QTcpSocket socket;
            socket.connectToHost(lan, proxy.serverPort());
            if (!socket.waitForConnected(5000))
                return QByteArray("no connection");
            socket.write(bytes);
            QByteArray answer;
            (void)QTest::qWaitFor(
                [&] {
                    answer += socket.readAll();
                    return socket.state() == QAbstractSocket::UnconnectedState || answer.contains("\r\n\r\n");
                },
                5000);
            return answer + socket.readAll();
        };
        const QByteArray target = m_server->url(QStringLiteral("/home")).toEncoded();
        const QByteArray basic =
            "Proxy-Authorization: Basic " + settings.access.credential.toBase64() + "\r\n";
        const QByteArray noAuth = ask("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(noAuth.startsWith("HTTP/1.1 407 "), noAuth.constData());
        QVERIFY(noAuth.contains("Proxy-Authenticate: Basic realm=\"Corscope\""));
        // With the credential, this machine's own loopback (the test's origin) is still refused.
        const QByteArray home = ask("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + basic + "\r\n");
        QVERIFY2(home.startsWith("HTTP/1.1 403 "), home.constData());
        const QByteArray tunnel = ask("CONNECT 127.0.0.1:" + QByteArray::number(m_server->serverPort()) +
                                      " HTTP/1.1\r\n" + basic + "\r\n");
        QVERIFY2(tunnel.startsWith("HTTP/1.1 403 "), tunnel.constData());
        QTRY_COMPARE(finished.size(), 3);
        QCOMPARE(finished.at(0).errorKind, FlowError::ProxyAuthRequired);
        QCOMPARE(finished.at(1).errorKind, FlowError::TargetRefused);
        QCOMPARE(finished.at(2).errorKind, FlowError::TargetRefused);
        QVERIFY(m_server->requests().isEmpty());
        proxy.close();

        // Named with an allowed target, the origin is reached, and the credential stays at the proxy.
        settings.access.targets = {*ProxyAccess::parseTarget(
            QStringLiteral("127.0.0.1:") + QString::number(m_server->serverPort()), nullptr)};
        ProxyServer allowing(settings);
        QVERIFY2(allowing.start(&error, true), qPrintable(error));
        QTcpSocket socket;
        socket.connectToHost(lan, allowing.serverPort());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + basic + "Connection: close\r\n\r\n");
        QByteArray answer;
        QVERIFY(QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            5000));
        answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
        QVERIFY(answer.endsWith("GET /home "));
        QCOMPARE(m_server->requests().size(), 1);
        QVERIFY(m_server->requests().first().header("proxy-authorization").isEmpty());
        QCOMPARE(m_server->requests().first().header("host"),
                 "127.0.0.1:" + QByteArray::number(m_server->serverPort()));
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

    void originConnectionsOutliveTheClientConnection()
    {
        // Two curl runs are two client connections; the second request reuses the first's origin
        // connection from the pool instead of opening another.
        QCOMPARE(curl({m_server->url(QStringLiteral("/a")).toString()}).out, QByteArray("GET /a "));
        QTRY_COMPARE(m_proxy->idleUpstreamCount(), 1);
        QCOMPARE(curl({m_server->url(QStringLiteral("/b")).toString()}).out, QByteArray("GET /b "));
        QTRY_COMPARE(m_finished.size(), 2);
        QCOMPARE(m_server->connectionCount(), 1);
        QCOMPARE(m_server->requests().at(1).connection, 1);
        QCOMPARE(m_finished.at(1).serverAddress, QStringLiteral("127.0.0.1"));
        QTRY_COMPARE(m_proxy->idleUpstreamCount(), 1);
    }

    void anOriginThatClosesAnIdleConnectionLeavesThePool()
    {
        QCOMPARE(curl({m_server->url(QStringLiteral("/a")).toString()}).out, QByteArray("GET /a "));
        QTRY_COMPARE(m_proxy->idleUpstreamCount(), 1);
        m_server->closeConnections();
        QTRY_COMPARE(m_proxy->idleUpstreamCount(), 0);
        const CurlResult again = curl({m_server->url(QStringLiteral("/b")).toString()});
        QCOMPARE(again.out, QByteArray("GET /b "));
        QCOMPARE(m_server->connectionCount(), 2);
    }

    void aConnectionThatMustCloseIsNotPooled()
    {
        m_server->setHandler([](const LoopbackRequest &) {
            return LoopbackReply{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", true};
        });
        QCOMPARE(curl({m_server->url(QStringLiteral("/a")).toString()}).out, QByteArray("ok"));
        QTRY_COMPARE(m_finished.size(), 1);
        QTest::qWait(50);
        QCOMPARE(m_proxy->idleUpstreamCount(), 0);
        // A body that runs until the server closes cannot leave the connection reusable either.
        m_server->setHandler([](const LoopbackRequest &) { return LoopbackReply{"HTTP/1.1 200 OK\r\n\r\nuntil close", true}; });
        QCOMPARE(curl({m_server->url(QStringLiteral("/b")).toString()}).out, QByteArray("until close"));
        QTRY_COMPARE(m_finished.size(), 2);
        QTest::qWait(50);
        QCOMPARE(m_proxy->idleUpstreamCount(), 0);
    }

    void anHttp10ClientIsForwardedAsHttp11AndAnsweredAsHttp10()
    {
        // [rfc9110] 2.5: the proxy speaks its own version upstream; the 1.0 client gets no chunks.
        const QByteArray target = m_server->url(QStringLiteral("/chunked")).toEncoded();
        const QByteArray answer = raw("GET " + target + " HTTP/1.0\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        QVERIFY2(!answer.contains("Transfer-Encoding"), answer.constData());
        QVERIFY2(answer.endsWith("\r\n\r\nhello world"), answer.constData()); // close-delimited
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_server->requests().first().version, QByteArray("HTTP/1.1"));
        QCOMPARE(m_finished.first().httpVersion, QByteArray("HTTP/1.0")); // what the client sent
        QCOMPARE(m_finished.first().responseBodySize, 11);
        QVERIFY(m_finished.first().originalResponseHeaders.contains("transfer-encoding"));
        // The origin connection outlives the closed client connection.
        QTRY_COMPARE(m_proxy->idleUpstreamCount(), 1);
    }

    void anHttp10KeepAliveClientIsToldItsConnectionStaysOpen()
    {
        // An HTTP/1.1 origin says nothing about keep-alive; a 1.0 client closes unless told.
        const QByteArray request = "GET " + m_server->url(QStringLiteral("/a")).toEncoded() +
                                   " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray answer;
        for (int i = 0; i < 2; ++i) {
            socket.write(request);
            QVERIFY(QTest::qWaitFor([&] { answer += socket.readAll(); return answer.count("GET /a ") == i + 1; }, 5000));
        }
        QCOMPARE(answer.count("\r\nConnection: keep-alive\r\n"), 2);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        // Three requests in one write: each waits in the proxy until the response before it is
        // complete, then goes out on the same server connection.
        const QByteArray url = m_server->url(QStringLiteral("/")).toString().toLatin1();
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(m_server->serverPort()) + "\r\n";
        const QByteArray answer =
            raw("GET " + url + "one HTTP/1.1\r\n" + host + "\r\n" +                           //
                "POST " + url + "two HTTP/1.1\r\n" + host + "Content-Length: 4\r\n\r\nbody" + //
                "GET " + url + "three HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        const qsizetype one = answer.indexOf("GET /one ");
        const qsizetype two = answer.indexOf("POST /two body");
        const qsizetype three = answer.indexOf("GET /three ");
        QVERIFY2(one > 0 && two > one && three > two, answer.constData());
        QCOMPARE(answer.count("HTTP/1.1 200"), 3);
        QTRY_COMPARE(m_finished.size(), 3);
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void chunkedResponseArrivesWhole()
    {
        const CurlResult result = curl({m_server->url(QStringLiteral("/chunked")).toString()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("hello world"));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().responseBody, QByteArray("hello world"));
    }

    // [rfc9112] 7.1.2: the trailer section reaches the client after the last chunk, as the server
    // sent it (it used to be dropped), and the connection stays usable for the next exchange.
    void chunkedTrailersReachTheClient()
    {
        const QByteArray url = m_server->url(QStringLiteral("/trailers")).toEncoded();
        const QByteArray answer = raw("GET " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET " + url +
                                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        const QByteArray one =
            "5\r\nhello\r\n0\r\nX-Checksum: sha-256=abc\r\nserver-timing: db;dur=53\r\n\r\n";
        QCOMPARE(answer.count(one), 2);
        QVERIFY2(answer.endsWith(one), answer.constData());
        QTRY_COMPARE(m_finished.size(), 2);
        QCOMPARE(m_finished.first().responseBody, QByteArray("hello"));
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

    void preflightIsAnsweredByARuleWithoutTheServer()
    {
        QString error;
        const auto rules =
            RewriteRules::parse("[{\"name\": \"answer preflights\", \"match\": {\"path\": \"/api/*\"},"
                                " \"respond\": {\"status\": 204, \"headers\": "
                                "{\"Access-Control-Allow-Origin\": \"http://app.example\","
                                " \"Access-Control-Allow-Methods\": \"PUT\"}}}]",
                                &error);
        QVERIFY2(rules, qPrintable(error));
        m_proxy->setRewriteRules(*rules);
        const QString url = m_server->url(QStringLiteral("/api/items")).toString();
        // The preflight, then the PUT on the same connection: the first is the proxy's, the
        // second the server's.
        const CurlResult preflight = curl(
            {QStringLiteral("-i"), QStringLiteral("-X"), QStringLiteral("OPTIONS"), QStringLiteral("-H"),
             QStringLiteral("Origin: http://app.example"), QStringLiteral("-H"),
             QStringLiteral("Access-Control-Request-Method: PUT"), url, QStringLiteral("--next"),
             QStringLiteral("-x"), QStringLiteral("http://") + m_proxy->listenAddress(), QStringLiteral("-X"),
             QStringLiteral("PUT"), QStringLiteral("-d"), QStringLiteral("v=1"), url});
        QCOMPARE(preflight.exitCode, 0);
        QVERIFY2(preflight.out.startsWith("HTTP/1.1 204 No Content\r\n"), preflight.out.constData());
        QVERIFY(preflight.out.contains("Access-Control-Allow-Methods: PUT\r\n"));
        QVERIFY2(preflight.out.endsWith("PUT /api/items v=1"), preflight.out.constData());
        QTRY_COMPARE(m_finished.size(), 2);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().first().method, QByteArray("PUT"));
        QCOMPARE(m_server->connectionCount(), 1);
        const Flow &answered = m_finished.at(0);
        QCOMPARE(answered.state, Flow::State::Complete);
        QVERIFY(answered.answeredLocally);
        QCOMPARE(answered.appliedRules, QStringList{QStringLiteral("answer preflights")});
        QCOMPARE(answered.status, 204);
        QCOMPARE(answered.responseHeaders.get("access-control-allow-origin"),
                 std::optional<QByteArray>("http://app.example"));
        QVERIFY(answered.serverAddress.isEmpty());
        QVERIFY(!m_finished.at(1).answeredLocally);
        QVERIFY(m_finished.at(1).appliedRules.isEmpty());

        // Without the Access-Control-Request-Method header it is no preflight: the server answers.
        const CurlResult plainOptions =
            curl({QStringLiteral("-i"), QStringLiteral("-X"), QStringLiteral("OPTIONS"), QStringLiteral("-H"),
                  QStringLiteral("Origin: http://app.example"), url});
        QVERIFY(plainOptions.out.startsWith("HTTP/1.1 404"));
        QTRY_COMPARE(m_finished.size(), 3);
        QVERIFY(!m_finished.at(2).answeredLocally);
    }

    void aRuleCanAnswerAnyRequestWithABody()
    {
        QString error;
        const auto rules =
            RewriteRules::parse("[{\"name\": \"mock\", \"match\": {\"method\": \"POST\"},"
                                " \"respond\": {\"status\": 201, \"body\": \"mocked\", \"answers\": \"all\","
                                " \"headers\": {\"Content-Type\": \"text/plain\"}}}]",
                                &error);
        QVERIFY2(rules, qPrintable(error));
        m_proxy->setRewriteRules(*rules);
        // Expect: 100-continue makes curl wait for the proxy's go-ahead before the body.
        const CurlResult result =
            curl({QStringLiteral("-H"), QStringLiteral("Expect: 100-continue"), QStringLiteral("-d"),
                  QStringLiteral("sent=1"), m_server->url(QStringLiteral("/submit")).toString()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("mocked"));
        QTRY_COMPARE(m_finished.size(), 1);
        QVERIFY(m_finished.first().answeredLocally);
        QCOMPARE(m_finished.first().requestBody, QByteArray("sent=1"));
        QCOMPARE(m_finished.first().responseBody, QByteArray("mocked"));
        QVERIFY(m_server->requests().isEmpty());
    }

    void expectContinueIsAnsweredWithoutWaiting()
    {
        // The loopback server, like many, ignores Expect; curl would wait a second for a 100.
        QElapsedTimer clock;
        clock.start();
        const CurlResult result =
            curl({QStringLiteral("-H"), QStringLiteral("Expect: 100-continue"), QStringLiteral("-d"),
                  QStringLiteral("name=corscope"), m_server->url(QStringLiteral("/upload")).toString()});
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("POST /upload name=corscope"));
        QVERIFY2(elapsed < 900, qPrintable(QString::number(elapsed)));
        QVERIFY(!m_server->requests().first().hasHeader("expect"));
        QTRY_COMPARE(m_finished.size(), 1);
        // The capture keeps what the client sent.
        QCOMPARE(m_finished.first().requestHeaders.get("expect"), std::optional<QByteArray>("100-continue"));
    }

    void aSlowReaderSlowsTheServerDown()
    {
        // An origin that writes 64 MiB as fast as it can, and a client that reads nothing for a
        // while: the proxy must stop reading the origin instead of buffering it all.
        const qint64 total = 64 * 1024 * 1024;
        QTcpServer origin;
        QVERIFY(origin.listen(QHostAddress::LocalHost));
        QPointer<QTcpSocket> originSide;
        connect(&origin, &QTcpServer::newConnection, this, [&] {
            originSide = origin.nextPendingConnection();
            connect(originSide, &QTcpSocket::readyRead, this, [&] {
                if (!originSide->readAll().contains("\r\n\r\n"))
                    return;
                originSide->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(total) +
                                  "\r\n\r\n");
                originSide->write(QByteArray(total, 'x'));
            });
        });
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(client.waitForConnected(5000));
        client.setReadBufferSize(64 * 1024); // what the test does not read stays in the kernel
        client.write("GET http://127.0.0.1:" + QByteArray::number(origin.serverPort()) +
                     "/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY(originSide && originSide->bytesToWrite() > 0);
        QTest::qWait(1500);
        // Kernel buffers on the three sockets hold a few MiB; the rest waits at the origin.
        QVERIFY2(originSide->bytesToWrite() > total / 2,
                 qPrintable(QString::number(originSide->bytesToWrite())));
        client.setReadBufferSize(0); // now read as fast as possible
        qint64 received = 0;
        QByteArray head;
        QVERIFY(QTest::qWaitFor(
            [&] {
                const QByteArray data = client.readAll();
                if (head.isEmpty() && !data.isEmpty()) {
                    const qsizetype end = data.indexOf("\r\n\r\n");
                    head = data.left(end + 4);
                    received += data.size() - end - 4;
                } else {
                    received += data.size();
                }
                return received >= total;
            },
            60000));
        QVERIFY(head.startsWith("HTTP/1.1 200"));
        QCOMPARE(received, total);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().responseBodySize, total);
    }

    void aSlowServerSlowsTheUploadDown()
    {
        // The other direction: a client uploads 64 MiB to an origin that reads nothing for a
        // while. The proxy must leave the upload in the client's socket, not in its own memory.
        const qint64 total = 64 * 1024 * 1024;
        QTcpServer origin;
        QVERIFY(origin.listen(QHostAddress::LocalHost));
        QPointer<QTcpSocket> originSide;
        connect(&origin, &QTcpServer::newConnection, this, [&] {
            originSide = origin.nextPendingConnection();
            originSide->setReadBufferSize(64 * 1024); // unread bytes stay in the kernel
        });
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(client.waitForConnected(5000));
        client.write("POST http://127.0.0.1:" + QByteArray::number(origin.serverPort()) +
                     "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + QByteArray::number(total) +
                     "\r\n\r\n");
        client.write(QByteArray(total, 'u'));
        QTRY_VERIFY(originSide);
        QTest::qWait(1500);
        QVERIFY2(client.bytesToWrite() > total / 2, qPrintable(QString::number(client.bytesToWrite())));
        // The origin starts reading: everything arrives, and its answer comes back.
        qint64 received = 0;
        QByteArray request;
        originSide->setReadBufferSize(0);
        QVERIFY(QTest::qWaitFor(
            [&] {
                request += originSide->readAll();
                const qsizetype end = request.indexOf("\r\n\r\n");
                if (end >= 0) {
                    received += request.size() - end - 4;
                    request = request.left(end + 4);
                }
                return received >= total;
            },
            60000));
        QCOMPARE(received, total);
        originSide->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        QByteArray answer;
        QTRY_VERIFY((answer += client.readAll()).endsWith("\r\n\r\nok"));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().requestBodySize, total);
    }

    void connectTimeoutIs504()
    {
        ProxySettings settings;
        settings.connectTimeoutMs = 300;
        m_proxy = std::make_unique<ProxyServer>(settings);
        QString error;
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        connect(m_proxy.get(), &ProxyServer::flowFinished, this,
                [this](const Flow &flow) { m_finished.append(flow); });
        // A listener that accepts nothing with a full backlog: the kernel drops further SYNs, so
        // a connect hangs as it would to an unroutable host.
        QTcpServer stuck;
        stuck.setListenBacklogSize(0);
        QVERIFY(stuck.listen(QHostAddress::LocalHost));
        stuck.pauseAccepting();
        std::vector<std::unique_ptr<QTcpSocket>> fillers;
        bool full = false;
        for (int i = 0; i < 16 && !full; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, stuck.serverPort());
            full = !socket->waitForConnected(300);
            fillers.push_back(std::move(socket));
        }
        QVERIFY(full);
        QElapsedTimer clock;
        clock.start();
        const CurlResult result =
            curl({QStringLiteral("-i"), QStringLiteral("http://127.0.0.1:%1/").arg(stuck.serverPort())});
        QVERIFY2(result.out.startsWith("HTTP/1.1 504 Gateway Timeout"), result.out.constData());
        QVERIFY(clock.elapsed() < 5000);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().state, Flow::State::Error);
        QVERIFY(m_finished.first().error.contains(QStringLiteral("300 ms")));
        QCOMPARE(m_finished.first().errorKind, FlowError::ConnectTimeout);
        QCOMPARE(m_finished.first().proxyAnswerStatus, 504);
    }

    void webSocketUpgradeIsRecordedAndPassesBytesBothWays()
    {
        // No QtWebSockets here: a raw server that answers the upgrade with 101, then echoes.
        QTcpServer echo;
        QVERIFY(echo.listen(QHostAddress::LocalHost));
        QByteArray upgradeRequest;
        connect(&echo, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = echo.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                if (!upgradeRequest.contains("\r\n\r\n")) {
                    upgradeRequest += socket->readAll();
                    if (upgradeRequest.contains("\r\n\r\n"))
                        socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                      "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                                      "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
                    return;
                }
                socket->write("echo:" + socket->readAll());
            });
        });
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(client.waitForConnected(5000));
        client.write("GET http://127.0.0.1:" + QByteArray::number(echo.serverPort()) +
                     "/socket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Origin: http://app.example\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY((received += client.readAll()).contains("\r\n\r\n"));
        QVERIFY2(received.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), received.constData());
        QVERIFY(upgradeRequest.startsWith("GET /socket HTTP/1.1\r\n"));
        QVERIFY(upgradeRequest.contains("Upgrade: websocket\r\n"));
        received.clear();
        client.write("\x81\x05hello");
        QTRY_COMPARE((received += client.readAll()), QByteArray("echo:\x81\x05hello"));
        received.clear();
        client.write("second frame");
        QTRY_COMPARE((received += client.readAll()), QByteArray("echo:second frame"));
        QTRY_COMPARE(m_finished.size(), 1);
        const Flow &flow = m_finished.first();
        QVERIFY(flow.websocket);
        QCOMPARE(flow.status, 101);
        QCOMPARE(flow.state, Flow::State::Complete);
        QCOMPARE(flow.url.path(), QStringLiteral("/socket"));
        QCOMPARE(flow.requestHeaders.get("origin"), std::optional<QByteArray>("http://app.example"));
    }

    void aRefusedUpgradeEndsTheConnection()
    {
        // The server answers an Upgrade request with an ordinary 200: what the client sent after
        // its request may be the new protocol already, so the proxy closes after the response
        // instead of waiting for more HTTP that will never parse.
        QElapsedTimer clock;
        clock.start();
        const QByteArray answer = raw("GET " + m_server->url(QStringLiteral("/no-upgrade")).toEncoded() +
                                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                      "Connection: Upgrade\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.endsWith("GET /no-upgrade "));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QTRY_COMPARE(m_finished.size(), 1);
        QVERIFY(!m_finished.first().websocket);
        QCOMPARE(m_finished.first().state, Flow::State::Complete);
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

    // Issue 14: every request the proxy refuses or cannot forward is a flow with its error, in the
    // list, the journal and the HAR — never only a log line.
    void refusedRequestsAreErrorFlows_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("answer");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("delayBetweenBytesMs");
        QTest::newRow("not http") << QByteArray("\x16\x03\x01 definitely not http\r\n\r\n") << 400
                                  << QByteArray() << QString() << 0;
        QTest::newRow("origin-form") << QByteArray("GET /relative HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") << 400
                                     << QByteArray("GET") << QStringLiteral("/relative") << 0;
        QTest::newRow("bad CONNECT") << QByteArray("CONNECT nohost HTTP/1.1\r\n\r\n") << 400
                                     << QByteArray("CONNECT") << QStringLiteral("https://nohost") << 0;
        QTest::newRow("head too large")
            << QByteArray("PUT http://127.0.0.1:1/big HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') +
                          "\r\n\r\n")
            << 431 << QByteArray("PUT") << QStringLiteral("http://127.0.0.1:1/big") << 0;
        // One header line of 1 MiB is refused like a 70 KB one: the limit is on the head's bytes,
        // however few lines carry them, and the 431 arrives though the client is still sending.
        QTest::newRow("one 1 MiB header")
            << QByteArray("GET http://127.0.0.1:1/huge HTTP/1.1\r\nHost: 127.0.0.1:1\r\nX-Huge: " +
                          QByteArray(1024 * 1024, 'h') + "\r\n\r\n")
            << 431 << QByteArray("GET") << QStringLiteral("http://127.0.0.1:1/huge") << 0;
        // [rfc9112] 7.1: chunk = chunk-size CRLF chunk-data CRLF. Data without its CRLF is not
        // repaired into a body the client did not send.
        QTest::newRow("chunk data without CRLF")
            << QByteArray("POST http://127.0.0.1:1/up HTTP/1.1\r\nHost: 127.0.0.1:1\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n3\r\nabc0\r\n\r\n")
            << 400 << QByteArray("POST") << QStringLiteral("http://127.0.0.1:1/up") << 0;
        QTest::newRow("chunk data longer than its size")
            << QByteArray("POST http://127.0.0.1:1/up HTTP/1.1\r\nHost: 127.0.0.1:1\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n")
            << 400 << QByteArray("POST") << QStringLiteral("http://127.0.0.1:1/up") << 0;
        QTest::newRow("bad chunked body")
            << QByteArray("POST http://127.0.0.1:1/up HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Transfer-Encoding: chunked\r\n\r\nzz\r\n")
            << 400 << QByteArray("POST") << QStringLiteral("http://127.0.0.1:1/up") << 0;
        // One byte every 10 ms: the request line is in by the 800 ms limit, the head is not.
        QTest::newRow("slow head") << QByteArray("GET http://127.0.0.1:1/slow HTTP/1.1\r\nX-Slow: " +
                                                 QByteArray(200, '1') + "\r\n")
                                   << 408 << QByteArray("GET") << QStringLiteral("http://127.0.0.1:1/slow")
                                   << 10;
    }
    void refusedRequestsAreErrorFlows()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, answer);
        QFETCH(QByteArray, method);
        QFETCH(QString, url);
        QFETCH(int, delayBetweenBytesMs);
        const QByteArray received = raw(bytes, 4000, delayBetweenBytesMs);
        QVERIFY2(received.startsWith("HTTP/1.1 " + QByteArray::number(answer)),
                 received.left(200).constData());
        QTRY_COMPARE(m_finished.size(), 1);
        const Flow &flow = m_finished.first();
        QCOMPARE(flow.state, Flow::State::Error);
        QCOMPARE(flow.errorKind, answer == 408 ? FlowError::RequestTimeout : FlowError::ParseError);
        QCOMPARE(flow.proxyAnswerStatus, answer);
        QCOMPARE(flow.status, 0); // no origin answered
        QVERIFY(!flow.error.isEmpty());
        QVERIFY2(received.contains(flow.error.toUtf8()), received.left(300).constData());
        QCOMPARE(flow.method, method);
        QCOMPARE(flow.url.toString(), url);
        QVERIFY(flow.id > 0);
        QVERIFY(flow.started.isValid());
        // What the list and the CLI do with it: a flow without a method or URL must not trip them.
        FlowAnalyzer analyzer(*BrowserProfile::byId(QStringLiteral("chromium")));
        const FlowVerdict verdict = analyzer.analyze(flow);
        QCOMPARE(verdict.kind, FlowVerdict::Kind::NotCors);
        QCOMPARE(FlowAnalyzer::trafficEntry(flow, verdict).error, flow.error);
    }

    void unforwardableRequestsAreErrorFlows_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("answer");
        QTest::addColumn<FlowError>("kind");
        QTest::addColumn<QString>("chromeError");
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QString refusedOrigin = QStringLiteral("http://127.0.0.1:%1/refused").arg(closed.serverPort());
        closed.close();
        QTest::newRow("refused") << refusedOrigin << 502 << FlowError::ConnectionRefused
                                 << QStringLiteral("net::ERR_CONNECTION_REFUSED");
        // [rfc6761] 6.4: .invalid never resolves.
        QTest::newRow("dns") << QStringLiteral("http://corscope-test.invalid/") << 502
                             << FlowError::DnsFailure << QStringLiteral("net::ERR_NAME_NOT_RESOLVED");
        QTest::newRow("no response") << QStringLiteral("/close-silently") << 502 << FlowError::UpstreamClosed
                                     << QStringLiteral("net::ERR_EMPTY_RESPONSE");
        QTest::newRow("malformed response")
            << QStringLiteral("/garbage") << 502 << FlowError::BadUpstreamResponse
            << QStringLiteral("net::ERR_INVALID_HTTP_RESPONSE");
        QTest::newRow("closed mid-body") << QStringLiteral("/truncated") << 0 << FlowError::UpstreamClosed
                                         << QStringLiteral("net::ERR_CONNECTION_CLOSED");
    }
    void unforwardableRequestsAreErrorFlows()
    {
        QFETCH(QString, target);
        QFETCH(int, answer);
        QFETCH(FlowError, kind);
        QFETCH(QString, chromeError);
        m_server->setHandler([](const LoopbackRequest &request) {
            if (request.target == "/garbage")
                return LoopbackReply{"SMTP 220 ready\r\n\r\n", true};
            if (request.target == "/truncated")
                return LoopbackReply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part", true};
            return LoopbackReply{{}, true}; // closes without a byte
        });
        const QString url = target.startsWith(u'/') ? m_server->url(target).toString() : target;
        const CurlResult result = curl({QStringLiteral("-i"), url});
        if (answer)
            QVERIFY2(result.out.startsWith("HTTP/1.1 " + QByteArray::number(answer)), result.out.constData());
        else
            QVERIFY2(result.out.startsWith("HTTP/1.1 200"), result.out.constData()); // the head had gone out
        QTRY_COMPARE(m_finished.size(), 1);
        const Flow flow = m_finished.first();
        QCOMPARE(flow.state, Flow::State::Error);
        QCOMPARE(flow.errorKind, kind);
        QCOMPARE(flow.proxyAnswerStatus, answer);
        QCOMPARE(flow.method, QByteArray("GET"));
        QCOMPARE(flow.url.toString(), url);
        QVERIFY(!flow.error.isEmpty());
        QCOMPARE(flow.chromeNetError(), chromeError);

        // The journal gives the same flow back.
        const std::optional<Flow> restored = FlowJournal::deserialize(FlowJournal::serialize(flow));
        QVERIFY(restored);
        QCOMPARE(restored->state, Flow::State::Error);
        QCOMPARE(restored->errorKind, kind);
        QCOMPARE(restored->error, flow.error);
        QCOMPARE(restored->proxyAnswerStatus, answer);
        QCOMPARE(restored->url, flow.url);
        QCOMPARE(restored->status, flow.status);

        // The HAR says it as Chrome's DevTools do, and Corscope's account beside it.
        const QJsonObject har =
            QJsonDocument::fromJson(HarWriter::write({flow}, {}, QStringLiteral("chromium"))).object();
        const QJsonObject response = har.value(u"log")
                                         .toObject()
                                         .value(u"entries")
                                         .toArray()
                                         .at(0)
                                         .toObject()
                                         .value(u"response")
                                         .toObject();
        QCOMPARE(response.value(u"status").toInt(-1), flow.status);
        QCOMPARE(response.value(u"_error").toString(), chromeError);
        const QJsonObject corscopeError = response.value(u"_corscopeError").toObject();
        QCOMPARE(corscopeError.value(u"kind").toString(), flowErrorName(kind));
        QCOMPARE(corscopeError.value(u"message").toString(), flow.error);
        QCOMPARE(corscopeError.value(u"proxyAnswerStatus").toInt(), answer);
    }

    void aSuccessfulFlowHasNoErrorInTheHar()
    {
        QCOMPARE(curl({m_server->url(QStringLiteral("/fine")).toString()}).exitCode, 0);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().errorKind, FlowError::None);
        QCOMPARE(m_finished.first().chromeNetError(), QString());
        const QJsonObject response =
            QJsonDocument::fromJson(HarWriter::write(m_finished, {}, QStringLiteral("chromium")))
                .object()
                .value(u"log")
                .toObject()
                .value(u"entries")
                .toArray()
                .at(0)
                .toObject()
                .value(u"response")
                .toObject();
        QCOMPARE(response.value(u"status").toInt(), 200);
        QVERIFY(!response.contains(u"_error"));
        QVERIFY(!response.contains(u"_corscopeError"));
    }

    void aConnectToAnUnreachableHostIsAnErrorFlow()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const QByteArray answer = raw("CONNECT 127.0.0.1:" + QByteArray::number(port) + " HTTP/1.1\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 502"), answer.constData());
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().state, Flow::State::Error);
        QVERIFY(m_finished.first().tunnel);
        QCOMPARE(m_finished.first().method, QByteArray("CONNECT"));
        QCOMPARE(m_finished.first().errorKind, FlowError::ConnectionRefused);
        QCOMPARE(m_finished.first().url.toString(), QStringLiteral("https://127.0.0.1:%1").arg(port));
    }

    void theClientGivingUpIsAnErrorFlow()
    {
        m_server->setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
        {
            QTcpSocket client;
            client.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
            QVERIFY(client.waitForConnected(5000));
            client.write("GET " + m_server->url(QStringLiteral("/never")).toEncoded() +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QTRY_COMPARE(m_server->requests().size(), 1);
        }
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().errorKind, FlowError::ClientClosed);
        QCOMPARE(m_finished.first().chromeNetError(), QStringLiteral("net::ERR_ABORTED"));
    }

    void tooManyConnectionsIsAnErrorFlow()
    {
        ProxySettings settings;
        settings.maxConnections = 1;
        m_proxy = std::make_unique<ProxyServer>(settings);
        QString error;
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        connect(m_proxy.get(), &ProxyServer::flowFinished, this,
                [this](const Flow &flow) { m_finished.append(flow); });
        QTcpSocket first;
        first.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(first.waitForConnected(5000));
        QTRY_COMPARE(m_proxy->connectionCount(), 1);
        QVERIFY(raw("GET http://127.0.0.1:1/ HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 503"));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().errorKind, FlowError::ProxyFailure);
        QCOMPARE(m_finished.first().proxyAnswerStatus, 503);
    }

    // Intercepted HTTPS: the origin's certificate not trusted, and the client not trusting ours.
    void tlsFailuresOnEitherSideAreErrorFlows()
    {
        QTemporaryDir dir;
        QString error;
        auto authority = CertificateAuthority::loadOrCreate(dir.filePath(QStringLiteral("ca")), &error);
        QVERIFY2(authority, qPrintable(error));
        QProcess openssl;
        openssl.start(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
             dir.filePath(QStringLiteral("cert.pem")), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
        LoopbackHttpServer origin;
        QVERIFY(origin.listenLoopback());
        QVERIFY(origin.enableTls(dir.filePath(QStringLiteral("cert.pem")),
                                 dir.filePath(QStringLiteral("key.pem"))));
        origin.setHandler([](const LoopbackRequest &) {
            return LoopbackReply{LoopbackHttpServer::response(200, {}, "secret")};
        });
        ProxySettings settings;
        settings.authority = authority; // the origin's self-signed certificate is not added: untrusted
        settings.headerTimeoutMs = 800;
        m_proxy = std::make_unique<ProxyServer>(settings);
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        connect(m_proxy.get(), &ProxyServer::flowFinished, this,
                [this](const Flow &flow) { m_finished.append(flow); });
        const QString caFile = dir.filePath(QStringLiteral("ca/ca-cert.pem"));
        QVERIFY(QFile::exists(caFile));

        const CurlResult untrustedOrigin = curl({QStringLiteral("-i"), QStringLiteral("--cacert"), caFile,
                                                 origin.url(QStringLiteral("/x")).toString()});
        // After the CONNECT's own 200, which curl -i prints too.
        QVERIFY2(untrustedOrigin.out.contains("\r\n\r\nHTTP/1.1 502"), untrustedOrigin.out.constData());
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().errorKind, FlowError::UntrustedCertificate);
        QCOMPARE(m_finished.first().url, origin.url(QStringLiteral("/x")));
        QCOMPARE(m_finished.first().chromeNetError(), QStringLiteral("net::ERR_CERT_AUTHORITY_INVALID"));

        // curl without our CA aborts the handshake, as a browser that does not trust it does.
        const CurlResult untrustedProxy = curl({origin.url(QStringLiteral("/y")).toString()});
        QVERIFY(untrustedProxy.exitCode != 0);
        QTRY_COMPARE(m_finished.size(), 2);
        const Flow &refused = m_finished.at(1);
        QCOMPARE(refused.state, Flow::State::Error);
        QCOMPARE(refused.errorKind, FlowError::ClientTlsFailure);
        QCOMPARE(refused.method, QByteArray("CONNECT"));
        QCOMPARE(refused.url.toString(), QStringLiteral("https://127.0.0.1:%1").arg(origin.serverPort()));
        QVERIFY(refused.error.contains(QStringLiteral("127.0.0.1")));

        // A client that gets the CONNECT's 200 and never starts the handshake.
        const QByteArray stalled = raw("CONNECT 127.0.0.1:" + QByteArray::number(origin.serverPort()) +
                                       " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY2(stalled.startsWith("HTTP/1.1 200"), stalled.constData());
        QTRY_COMPARE(m_finished.size(), 3);
        QCOMPARE(m_finished.at(2).errorKind, FlowError::ClientTlsFailure);
        QVERIFY2(m_finished.at(2).error.contains(QStringLiteral("800 ms")),
                 qPrintable(m_finished.at(2).error));
    }

    // [rfc9110] 9.1: any token is a method, case-sensitive; a page's fetch() sends `patch` as
    // written (Fetch upper-cases only DELETE GET HEAD OPTIONS POST PUT). Each reaches the
    // server byte for byte, pipelined on one connection, and each is a flow.
    void tokenMethodsReachTheServerAsSent()
    {
        const QList<QByteArray> methods{"patch", "FOO", "Patch", "M-SEARCH", "connect"};
        const QByteArray url = m_server->url(QStringLiteral("/v1/items")).toEncoded();
        QByteArray requests;
        for (const QByteArray &method : methods) {
            const bool last = &method == &methods.last();
            requests += method + ' ' + url +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://app.example\r\n"
                        "x-Trace: 7\r\nContent-Length: 2\r\n" +
                        (last ? QByteArray("Connection: close\r\n") : QByteArray()) + "\r\n{}";
        }
        const QByteArray answer = raw(requests);
        QCOMPARE(answer.count("HTTP/1.1 200 OK\r\n"), methods.size());
        const QList<LoopbackRequest> seen = m_server->requests();
        QCOMPARE(seen.size(), methods.size());
        QTRY_COMPARE(m_finished.size(), methods.size());
        for (qsizetype i = 0; i < methods.size(); ++i) {
            QCOMPARE(seen.at(i).method, methods.at(i));
            QCOMPARE(seen.at(i).target, QByteArray("/v1/items"));
            QCOMPARE(seen.at(i).body, QByteArray("{}"));
            QCOMPARE(seen.at(i).header("x-Trace"), QByteArray("7"));
            QVERIFY(seen.at(i).headers.contains({"x-Trace", "7"})); // the name's case as sent
            QVERIFY(answer.contains("X-Seen-Method: " + methods.at(i) + "\r\n"));
            const Flow &flow = m_finished.at(i);
            QCOMPARE(flow.method, methods.at(i));
            QCOMPARE(flow.state, Flow::State::Complete);
            QCOMPARE(flow.status, 200);
            QCOMPARE(flow.requestBody, QByteArray("{}"));
            QCOMPARE(flow.responseBody, methods.at(i) + " /v1/items {}");
            QVERIFY(!flow.tunnel && !flow.isPreflight());
        }
        // A preflight is OPTIONS exactly, as browsers send it: `options` is an ordinary request.
        const QByteArray lower = raw("options " + url +
                                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://app.example\r\n"
                                     "Access-Control-Request-Method: patch\r\nConnection: close\r\n\r\n");
        QVERIFY2(lower.startsWith("HTTP/1.1 200"), lower.constData());
        QTRY_COMPARE(m_finished.size(), methods.size() + 1);
        QVERIFY(!m_finished.last().isPreflight());
        QCOMPARE(m_finished.last().method, QByteArray("options"));
    }
    // Chromium sends ws:// (and any http:// it tunnels) through an HTTP proxy as a CONNECT with plain
    // HTTP inside. Intercepting, the proxy must not insist on TLS: the request is a flow for
    // http://host:port and reaches the server as the client sent it.
    void plainHttpInsideAnInterceptedConnectIsAFlow()
    {
        QTemporaryDir dir;
        startInterceptingProxy(dir);
        RecordingOrigin origin("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-From: origin\r\n\r\nok");
        QVERIFY(origin.listen());
        const QByteArray host = "127.0.0.1:" + QByteArray::number(origin.port());
        const QByteArray request = "GET /plain?x=1 HTTP/1.1\r\nHost: " + host + "\r\nx-Case: Kept\r\n\r\n";
        QTcpSocket socket;
        QByteArray connectAnswer;
        const QByteArray answer =
            throughConnect(m_proxy->serverPort(), origin.port(), request, "ok", &connectAnswer, &socket);
        QCOMPARE(connectAnswer, QByteArray("HTTP/1.1 200 Connection Established\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("\r\n\r\nok"),
                 answer.constData());
        QVERIFY(answer.contains("X-From: origin\r\n"));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(origin.received(), QList<QByteArray>{request});
        const Flow &flow = m_finished.first();
        QCOMPARE(flow.state, Flow::State::Complete);
        QCOMPARE(flow.method, QByteArray("GET"));
        QCOMPARE(flow.url, QUrl(QStringLiteral("http://%1/plain?x=1").arg(QString::fromLatin1(host))));
        QCOMPARE(flow.status, 200);
        QCOMPARE(flow.responseBody, QByteArray("ok"));
        QVERIFY(!flow.tunnel && !flow.websocket && !flow.tls);
    }

    // The WebSocket handshake inside the CONNECT is a flow with websocket = true, as a proxied ws://
    // upgrade is, and the frames after it pass both ways untouched.
    void webSocketInsideAnInterceptedConnectIsAFlow()
    {
        QTemporaryDir dir;
        startInterceptingProxy(dir);
        RecordingOrigin origin("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: "
                               "Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
        QVERIFY(origin.listen());
        const QByteArray host = "127.0.0.1:" + QByteArray::number(origin.port());
        const QByteArray handshake = "GET /echo HTTP/1.1\r\nHost: " + host +
                                     "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nOrigin: "
                                     "http://app.example\r\nSec-WebSocket-Version: 13\r\n"
                                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
        QTcpSocket socket;
        QByteArray connectAnswer;
        const QByteArray head = throughConnect(m_proxy->serverPort(), origin.port(), handshake, "\r\n\r\n",
                                               &connectAnswer, &socket);
        QCOMPARE(connectAnswer, QByteArray("HTTP/1.1 200 Connection Established\r\n\r\n"));
        QVERIFY2(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head.constData());
        QTRY_COMPARE(m_finished.size(), 1);
        const Flow &flow = m_finished.first();
        QVERIFY(flow.websocket);
        QCOMPARE(flow.status, 101);
        QCOMPARE(flow.url, QUrl(QStringLiteral("http://%1/echo").arg(QString::fromLatin1(host))));
        // A masked text frame "ping" (RFC 6455 5.7), then its echo back through the tunnel.
        const QByteArray frame = QByteArray::fromHex("818437fa213d4793464a") + QByteArray("\0\xff", 2);
        socket.write(frame);
        QByteArray echoed;
        QVERIFY(QTest::qWaitFor(
            [&] {
                echoed += socket.readAll();
                return echoed.size() >= frame.size();
            },
            5000));
        QCOMPARE(echoed, frame);
        QCOMPARE(origin.received(), QList<QByteArray>{handshake + frame});
        const QJsonObject entry =
            QJsonDocument::fromJson(HarWriter::write(m_finished, {}, QStringLiteral("chromium")))
                .object()[QLatin1String("log")][QLatin1String("entries")][0]
                .toObject();
        QCOMPARE(entry[QLatin1String("request")][QLatin1String("url")].toString(), flow.url.toString());
        QCOMPARE(entry[QLatin1String("response")][QLatin1String("status")].toInt(), 101);
    }

    // Bytes that are neither TLS nor HTTP pass through as they came, and the CONNECT is the flow.
    void otherBytesInsideAnInterceptedConnectAreATunnel()
    {
        QTemporaryDir dir;
        startInterceptingProxy(dir);
        RecordingOrigin origin("unused");
        QVERIFY(origin.listen());
        const QByteArray bytes("\x00\x01 not http\r\n\r\n", 16);
        {
            QTcpSocket socket;
            QByteArray connectAnswer;
            const QByteArray echoed =
                throughConnect(m_proxy->serverPort(), origin.port(), bytes, bytes, &connectAnswer, &socket);
            QCOMPARE(connectAnswer, QByteArray("HTTP/1.1 200 Connection Established\r\n\r\n"));
            QCOMPARE(echoed, bytes);
        }
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(origin.received(), QList<QByteArray>{bytes});
        const Flow &flow = m_finished.first();
        QCOMPARE(flow.state, Flow::State::Complete);
        QVERIFY(flow.tunnel);
        QCOMPARE(flow.method, QByteArray("CONNECT"));
        QCOMPARE(flow.requestBodySize, qint64(bytes.size()));
        QCOMPARE(flow.responseBodySize, qint64(bytes.size()));
    }

    // Chrome's HAR leaves CONNECTs out, but a capture shows every request the browser made: the
    // tunnel is an entry with method CONNECT, its sizes, and no CORS to judge. The client ends it.
    void aTunnelIsAnEntryOfTheHar()
    {
        const CurlResult result =
            curl({QStringLiteral("--proxytunnel"), m_server->url(QStringLiteral("/through")).toString()});
        QCOMPARE(result.exitCode, 0);
        QTRY_COMPARE(m_finished.size(), 1);
        const Flow &flow = m_finished.first();
        QCOMPARE(flow.state, Flow::State::Complete);
        QCOMPARE(flow.errorKind, FlowError::None);
        FlowAnalyzer analyzer(*BrowserProfile::byId(QStringLiteral("chromium")));
        const FlowVerdict verdict = analyzer.analyze(flow);
        const QJsonArray entries = QJsonDocument::fromJson(HarWriter::write(m_finished, {{flow.id, verdict}},
                                                                            QStringLiteral("chromium")))
                                       .object()[QLatin1String("log")][QLatin1String("entries")]
                                       .toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.at(0).toObject();
        QCOMPARE(entry[QLatin1String("request")][QLatin1String("method")].toString(),
                 QStringLiteral("CONNECT"));
        QCOMPARE(entry[QLatin1String("request")][QLatin1String("url")].toString(),
                 QStringLiteral("https://127.0.0.1:%1").arg(m_server->url(QString()).port()));
        QCOMPARE(entry[QLatin1String("response")][QLatin1String("status")].toInt(), 200);
        QVERIFY(!entry[QLatin1String("response")].toObject().contains(u"_error"));
        QCOMPARE(entry[QLatin1String("_cors")][QLatin1String("verdict")].toString(),
                 QStringLiteral("not-cors"));
        QCOMPARE(entry[QLatin1String("request")][QLatin1String("bodySize")].toInteger(),
                 flow.requestBodySize);
        QVERIFY(flow.requestBodySize > 0);
        QCOMPARE(entry[QLatin1String("response")][QLatin1String("bodySize")].toInteger(),
                 flow.responseBodySize);
        QVERIFY(flow.responseBodySize > 0);
    }
    // A tunnel the client still holds open when the capture stops is still a flow of it: finished
    // with the bytes it carried, not dropped because neither side closed it.
    void aTunnelOpenWhenTheProxyStopsIsFinished()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray authority = "127.0.0.1:" + QByteArray::number(m_server->url(QString()).port());
        socket.write("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
        QByteArray answer;
        QVERIFY(QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return answer.contains("\r\n\r\n");
            },
            5000));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        const QByteArray request = "GET /open HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
        socket.write(request);
        QVERIFY(QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return answer.endsWith("GET /open ");
            },
            5000));
        QVERIFY(m_finished.isEmpty()); // both sides keep the tunnel open
        m_proxy->stop();
        QCOMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().state, Flow::State::Complete);
        QVERIFY(m_finished.first().tunnel);
        QCOMPARE(m_finished.first().requestBodySize, qint64(request.size()));
        QVERIFY(m_finished.first().responseBodySize > 0);
    }
};

QTEST_GUILESS_MAIN(TestProxyServer)
#include "tst_proxyserver.moc"
