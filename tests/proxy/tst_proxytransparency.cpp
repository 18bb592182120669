#include "loopbackhttpserver.h"
#include "proxy/proxyserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>
#include <unistd.h>

using namespace Corscope;
using namespace CorscopeTest;

namespace {

// A free loopback port for a server the test starts as a process.
quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
}

// Peak and current resident memory of this process, from /proc/self/status (kB).
qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// The Date header is the one thing two answers a second apart may differ in: its value is masked,
// its place and its name's case are kept.
QByteArray maskDate(QByteArray bytes)
{
    static const QRegularExpression date(QStringLiteral("\r\nDate: [^\r]*\r\n"));
    return QString::fromLatin1(bytes).replace(date, QStringLiteral("\r\nDate: *\r\n")).toLatin1();
}

// A response's head and its de-chunked body; chunk boundaries are the one thing a proxy that
// re-chunks may change. Empty head when the bytes are not one whole chunked response.
std::pair<QByteArray, QByteArray> dechunked(const QByteArray &response)
{
    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return {};
    QByteArray body;
    qsizetype at = headEnd + 4;
    for (;;) {
        const qsizetype lineEnd = response.indexOf("\r\n", at);
        if (lineEnd < 0)
            return {};
        bool ok = false;
        const qsizetype size = response.mid(at, lineEnd - at).split(';').first().toLongLong(&ok, 16);
        if (!ok)
            return {};
        at = lineEnd + 2;
        if (size == 0)
            break;
        body += response.mid(at, size);
        at += size + 2;
    }
    return {response.left(headEnd + 4), body};
}

// A raw HTTP/1.1 client: writes the bytes, returns all it receives until the peer closes. With
// a body, it sends the head first and the body only once "100 Continue" arrived.
QByteArray exchange(quint16 port, const QByteArray &head, const QByteArray &body = {}, int timeoutMs = 10000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return "not connected";
    socket.write(head);
    QByteArray received;
    if (!body.isEmpty()) {
        if (!QTest::qWaitFor(
                [&] {
                    received += socket.readAll();
                    return received.contains("\r\n\r\n");
                },
                timeoutMs))
            return "no 100 Continue: " + received;
        socket.write(body);
    }
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    return received + socket.readAll();
}

// nginx from Debian, on a generated config in a temporary prefix: a real origin server whose
// bytes are not of the project's making.
class Nginx {
public:
    ~Nginx()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished();
        }
    }
    static QString binary()
    {
        return QStandardPaths::findExecutable(QStringLiteral("nginx"),
                                              {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    }
    QString root() const { return m_dir.filePath(QStringLiteral("www")); }
    quint16 port() const { return m_port; }
    QString log() const
    {
        QFile file(m_dir.filePath(QStringLiteral("error.log")));
        return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll()) : QString();
    }

    bool start(QString *error)
    {
        m_port = freePort();
        QDir(m_dir.path()).mkpath(QStringLiteral("www/dav"));
        QDir(m_dir.path()).mkpath(QStringLiteral("temp"));
        const QString prefix = m_dir.path();
        // Single process, in the foreground: the test owns it and stops it.
        QByteArray config = "daemon off;\nmaster_process off;\nworker_processes 1;\n";
        if (::geteuid() == 0)
            config += "user root;\n";
        config += "pid " + prefix.toLocal8Bit() + "/nginx.pid;\nerror_log " + prefix.toLocal8Bit() +
                  "/error.log warn;\nevents { worker_connections 64; }\nhttp {\n"
                  "  access_log off;\n"
                  "  default_type text/plain;\n"
                  "  client_body_temp_path temp/body; proxy_temp_path temp/proxy;\n"
                  "  fastcgi_temp_path temp/fastcgi; uwsgi_temp_path temp/uwsgi; scgi_temp_path temp/scgi;\n"
                  "  if_modified_since before;\n"
                  "  server {\n"
                  "    listen 127.0.0.1:" +
                  QByteArray::number(m_port) +
                  ";\n"
                  "    root " +
                  root().toLocal8Bit() +
                  ";\n"
                  "    gzip on; gzip_min_length 0; gzip_types text/plain;\n"
                  "    keepalive_requests 100;\n"
                  "    location /hello.txt { add_header X-Dup one; add_header X-Dup two; add_header x-lower "
                  "yes; }\n"
                  "    location = /empty { return 204; }\n"
                  "    location /dav/ { dav_methods PUT DELETE; create_full_put_path on; "
                  "client_max_body_size 16m; }\n"
                  "  }\n}\n";
        QFile file(m_dir.filePath(QStringLiteral("nginx.conf")));
        if (!file.open(QIODevice::WriteOnly) || file.write(config) < 0)
            return false;
        file.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(binary(), {QStringLiteral("-p"), prefix, QStringLiteral("-c"), file.fileName(),
                                   QStringLiteral("-e"), m_dir.filePath(QStringLiteral("error.log"))});
        const bool up = QTest::qWaitFor(
            [&] {
                if (m_process.state() == QProcess::NotRunning)
                    return true;
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, m_port);
                return probe.waitForConnected(100);
            },
            10000);
        if (!up || m_process.state() == QProcess::NotRunning) {
            *error = QStringLiteral("nginx did not start: %1 %2")
                         .arg(QString::fromLocal8Bit(m_process.readAll()), log());
            return false;
        }
        return true;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

// A server of the test's own for what nginx cannot do on its own: a body that runs until close,
// events sent over time, a WebSocket echo. Each connection's request head goes to the handler,
// which writes what it likes, when it likes.
class ScriptedServer : public QTcpServer {
public:
    using Handler = std::function<void(QTcpSocket *socket, const QByteArray &head)>;
    explicit ScriptedServer(Handler handler)
        : m_handler(std::move(handler))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto *buffer = new QByteArray;
                connect(socket, &QObject::destroyed, [buffer] { delete buffer; });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    if (buffer->contains("\r\n\r\n"))
                        return; // the handler reads what follows
                    *buffer += socket->readAll();
                    if (buffer->contains("\r\n\r\n"))
                        m_handler(socket, *buffer);
                });
            }
        });
    }

private:
    Handler m_handler;
};

// [rfc6455] 4.2.2: the accept key is base64(SHA-1(key + GUID)).
QByteArray webSocketAccept(const QByteArray &key)
{
    return QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1)
        .toBase64();
}

// [rfc6455] 5.2: a text frame, masked as a client must send it.
QByteArray maskedTextFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame += char(0x81);
    frame += char(0x80 | payload.size()); // short payloads only
    const char mask[4] = {0x11, 0x22, 0x33, 0x44};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame += char(payload[i] ^ mask[i % 4]);
    return frame;
}

} // namespace

// What the browser receives through the proxy is what it receives without it (issue 14): the same
// bytes from a real nginx and from the test's own servers, directly and through Corscope.
class TestProxyTransparency : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Nginx> m_nginx;
    std::unique_ptr<ProxyServer> m_proxy;
    QList<Flow> m_finished;

    QByteArray origin() const { return "127.0.0.1:" + QByteArray::number(m_nginx->port()); }
    // The same request, in origin-form to the server and in absolute-form to the proxy.
    QByteArray direct(const QByteArray &requestTemplate, const QByteArray &body = {})
    {
        return exchange(m_nginx->port(), QByteArray(requestTemplate).replace("{target}", ""), body);
    }
    QByteArray proxied(const QByteArray &requestTemplate, const QByteArray &body = {})
    {
        return exchange(m_proxy->serverPort(),
                        QByteArray(requestTemplate).replace("{target}", "http://" + origin()), body);
    }

private slots:
    void initTestCase()
    {
        if (Nginx::binary().isEmpty())
            QSKIP("nginx is not installed (packaging/install-deps.sh installs nginx-light)");
        m_nginx = std::make_unique<Nginx>();
        QString error;
        QVERIFY2(m_nginx->start(&error), qPrintable(error));
        QFile hello(m_nginx->root() + QStringLiteral("/hello.txt"));
        QVERIFY(hello.open(QIODevice::WriteOnly));
        hello.write("Hello through Corscope.\n");
        hello.close();
        QFile text(m_nginx->root() + QStringLiteral("/text.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        for (int i = 0; i < 20000; ++i)
            text.write("line " + QByteArray::number(i) + " of a text nginx compresses on the fly\n");
        text.close();
        // Sparse: a gibibyte that takes no disk.
        QFile big(m_nginx->root() + QStringLiteral("/big.bin"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(qint64(1) << 30));
        big.close();
    }
    void init()
    {
        ProxySettings settings;
        settings.bodyCaptureBytes = 64 * 1024;
        m_proxy = std::make_unique<ProxyServer>(settings);
        QString error;
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        m_finished.clear();
        connect(m_proxy.get(), &ProxyServer::flowFinished, this,
                [this](const Flow &flow) { m_finished.append(flow); });
    }
    void cleanup() { m_proxy.reset(); }
    void cleanupTestCase() { m_nginx.reset(); }

    void responsesAreByteIdentical_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray host = "\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        QTest::newRow("GET, duplicate and lower-case headers")
            << QByteArray("GET {target}/hello.txt HTTP/1.1" + host + "\r\n") << 200;
        QTest::newRow("HEAD") << QByteArray("HEAD {target}/hello.txt HTTP/1.1" + host + "\r\n") << 200;
        QTest::newRow("204") << QByteArray("GET {target}/empty HTTP/1.1" + host + "\r\n") << 204;
        QTest::newRow("304") << QByteArray("GET {target}/hello.txt HTTP/1.1" + host +
                                           "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n\r\n")
                             << 304;
        QTest::newRow("404") << QByteArray("GET {target}/missing HTTP/1.1" + host + "\r\n") << 404;
        QTest::newRow("HTTP/1.0") << QByteArray("GET {target}/hello.txt HTTP/1.0\r\n\r\n") << 200;
        QTest::newRow("OPTIONS") << QByteArray("OPTIONS {target}/hello.txt HTTP/1.1" + host + "\r\n") << 405;
        QTest::newRow("DELETE") << QByteArray("DELETE {target}/dav/none HTTP/1.1" + host + "\r\n") << 404;
        QTest::newRow("PATCH") << QByteArray("PATCH {target}/hello.txt HTTP/1.1" + host + "\r\n") << 405;
        QTest::newRow("PROPFIND") << QByteArray("PROPFIND {target}/hello.txt HTTP/1.1" + host + "\r\n")
                                  << 405;
        // [rfc9110] 9.1: methods are an open set; a proxy forwards ones it does not know.
        QTest::newRow("extension method")
            << QByteArray("BREW {target}/hello.txt HTTP/1.1" + host + "\r\n") << 405;
    }
    void responsesAreByteIdentical()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const QByteArray without = maskDate(direct(request));
        QVERIFY2(without.startsWith("HTTP/1.1 " + QByteArray::number(status)), without.constData());
        QCOMPARE(maskDate(proxied(request)), without);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().state, Flow::State::Complete);
        QCOMPARE(m_finished.first().status, status);
    }

    void keepAliveCarriesSeveralExchangesOnOneConnection()
    {
        const QByteArray host = "\r\nHost: 127.0.0.1\r\n";
        const QByteArray requests = "GET {target}/hello.txt HTTP/1.1" + host +
                                    "\r\nHEAD {target}/hello.txt HTTP/1.1" + host +
                                    "\r\nGET {target}/empty HTTP/1.1" + host +
                                    "\r\nGET {target}/missing HTTP/1.1" + host + "Connection: close\r\n\r\n";
        const QByteArray without = maskDate(direct(requests));
        QCOMPARE(without.count("HTTP/1.1 "), 4);
        QCOMPARE(maskDate(proxied(requests)), without);
        QTRY_COMPARE(m_finished.size(), 4);
    }

    void chunkedResponsesKeepHeadAndBody()
    {
        // nginx compresses on the fly: the length is unknown, so the body goes out chunked.
        const QByteArray request = "GET {target}/text.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: "
                                   "gzip\r\nConnection: close\r\n\r\n";
        const auto [directHead, directBody] = dechunked(direct(request));
        QVERIFY2(directHead.contains("\r\nTransfer-Encoding: chunked\r\n"), directHead.constData());
        QVERIFY(directBody.size() > 1000);
        const auto [proxiedHead, proxiedBody] = dechunked(proxied(request));
        QCOMPARE(maskDate(proxiedHead), maskDate(directHead));
        QCOMPARE(proxiedBody, directBody);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().responseBodySize, directBody.size());
    }

    void uploadsWithContinueAndChunks_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("body");
        const QByteArray payload(200 * 1024, 'u');
        QTest::newRow("Expect: 100-continue")
            << QByteArray("PUT {target}/dav/upload.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                          QByteArray::number(payload.size()) +
                          "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
            << payload;
        QByteArray chunked;
        for (int i = 0; i < 10; ++i)
            chunked += "5000\r\n" + QByteArray(0x5000, char('a' + i)) + "\r\n";
        chunked += "0\r\n\r\n";
        QTest::newRow("chunked, Expect: 100-continue")
            << QByteArray("PUT {target}/dav/upload.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
                          "chunked\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
            << chunked;
    }
    void uploadsWithContinueAndChunks()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, body);
        const QString stored = m_nginx->root() + QStringLiteral("/dav/upload.bin");
        QFile::remove(stored);
        const QByteArray without = maskDate(direct(head, body));
        QVERIFY2(without.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201"), without.constData());
        QFile directFile(stored);
        QVERIFY(directFile.open(QIODevice::ReadOnly));
        const QByteArray directStored = directFile.readAll();
        directFile.close();
        QFile::remove(stored);
        QCOMPARE(maskDate(proxied(head, body)), without);
        QFile proxiedFile(stored);
        QVERIFY(proxiedFile.open(QIODevice::ReadOnly));
        QCOMPARE(proxiedFile.readAll(), directStored);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().status, 201);
    }

    // [rfc9112] 6.3 rules 1-2: a response to HEAD, a 204 and a 304 end with their head, whatever
    // Transfer-Encoding says (Node and others do send "chunked" on them). A proxy that adds the
    // last chunk anyway corrupts the next response on the connection.
    void bodylessResponsesThatSayChunked_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("HEAD") << QByteArray("HEAD")
                              << QByteArray(
                                     "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: "
                                     "chunked\r\n\r\n");
        QTest::newRow("204") << QByteArray("GET")
                             << QByteArray("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n");
        QTest::newRow("304") << QByteArray("GET")
                             << QByteArray("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nTransfer-Encoding: "
                                           "chunked\r\n\r\n");
    }
    void bodylessResponsesThatSayChunked()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, reply);
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([reply](const LoopbackRequest &request) {
            if (request.target == "/first")
                return LoopbackReply{reply};
            return LoopbackReply{
                LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "second")};
        });
        const QByteArray requests =
            method + " {target}/first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                     "GET {target}/second HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        const QByteArray without =
            exchange(server.serverPort(), QByteArray(requests).replace("{target}", ""));
        QCOMPARE(without,
                 reply + LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "second"));
        const QByteArray with =
            exchange(m_proxy->serverPort(),
                     QByteArray(requests).replace("{target}", "http://127.0.0.1:" +
                                                                  QByteArray::number(server.serverPort())));
        QCOMPARE(with, without);
        QTRY_COMPARE(m_finished.size(), 2);
        QCOMPARE(m_finished.at(1).state, Flow::State::Complete);
    }

    void requestHeadersKeepOrderCaseAndDuplicates()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const LoopbackRequest &) {
            return LoopbackReply{LoopbackHttpServer::response(
                200, {{"x-Mixed-CASE", "1"}, {"X-Dup", "a"}, {"X-Dup", "b"}}, "ok")};
        });
        // The Host a browser sends, the target's authority: [rfc9112] 3.2.2 has the proxy forward
        // that whatever the client's Host said (tst_http1exchange, theHostIsTheTargetsAuthority).
        const QByteArray authority = "127.0.0.1:" + QByteArray::number(server.serverPort());
        const QByteArray head = "GET {target}/echo HTTP/1.1\r\nHost: " + authority +
                                "\r\nx-lower: 1\r\nX-UPPER: 2\r\n"
                                "Accept: a\r\nAccept: b\r\nCookie: c=1\r\nConnection: close\r\n\r\n";
        const QByteArray without = exchange(server.serverPort(), QByteArray(head).replace("{target}", ""));
        const QByteArray with =
            exchange(m_proxy->serverPort(), QByteArray(head).replace("{target}", "http://" + authority));
        QCOMPARE(with, without);
        QTRY_COMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(1).headers, server.requests().at(0).headers);
        QCOMPARE(server.requests().at(1).target, server.requests().at(0).target);
    }

    void aBodyUntilCloseArrivesWhole()
    {
        const QByteArray body = QByteArray(300 * 1024, 'c') + "end";
        ScriptedServer server([&body](QTcpSocket *socket, const QByteArray &) {
            // [rfc9112] 6.3 rule 8: no length, no chunks: the body ends when the server closes.
            socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nX-Case: Kept\r\n\r\n");
            socket->write(body);
            socket->disconnectFromHost();
        });
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QByteArray head = "GET {target}/until-close HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        const QByteArray without = exchange(server.serverPort(), QByteArray(head).replace("{target}", ""));
        QVERIFY(without.endsWith(body));
        const QByteArray with =
            exchange(m_proxy->serverPort(),
                     QByteArray(head).replace("{target}",
                                              "http://127.0.0.1:" + QByteArray::number(server.serverPort())));
        QCOMPARE(with, without);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().state, Flow::State::Complete);
        QCOMPARE(m_finished.first().responseBodySize, body.size());
    }

    void aGibibyteStreamsInBoundedMemory()
    {
        // Peak RSS from here on: writing 5 to clear_refs resets VmHWM to the current RSS.
        QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
        const bool reset = clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
        clearRefs.close();
        const qint64 rssBeforeKb = statusKb("VmRSS:");
        const qint64 peakBeforeKb = statusKb("VmHWM:");
        QVERIFY(rssBeforeKb > 0 && peakBeforeKb > 0);
        QElapsedTimer clock;
        clock.start();
        QProcess curl;
        curl.start(QStringLiteral("curl"),
                   {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("60"),
                    QStringLiteral("-x"), QStringLiteral("http://") + m_proxy->listenAddress(),
                    QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                    QStringLiteral("%{size_download}"),
                    QStringLiteral("http://%1/big.bin").arg(QString::fromLatin1(origin()))});
        // An event loop of its own, not qWaitFor(): that sleeps 10 ms between turns, which alone
        // held the proxy (on this thread) to a 256 KiB read per turn, 25 MiB/s.
        QEventLoop loop;
        connect(&curl, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(90000, &loop, &QEventLoop::quit);
        if (curl.state() != QProcess::NotRunning)
            loop.exec();
        QCOMPARE(curl.state(), QProcess::NotRunning);
        const qint64 elapsedMs = clock.elapsed();
        QCOMPARE(curl.exitCode(), 0);
        QCOMPARE(curl.readAllStandardOutput(), QByteArray::number(qint64(1) << 30));
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().responseBodySize, qint64(1) << 30);
        QCOMPARE(m_finished.first().responseBody.size(), 64 * 1024); // the capture cap, not the body
        const qint64 growthKb = statusKb("VmHWM:") - (reset ? rssBeforeKb : peakBeforeKb);
        qInfo("1 GiB through the proxy in %lld ms (%.0f MiB/s); peak RSS grew by %lld KiB%s", elapsedMs,
              1024.0 * 1000.0 / double(std::max<qint64>(elapsedMs, 1)), growthKb,
              reset ? "" : " (VmHWM could not be reset: measured against the earlier peak)");
        QVERIFY2(growthKb < 64 * 1024, qPrintable(QString::number(growthKb)));
    }

    void aWebSocketEchoPassesThroughAndIsAFlow()
    {
        ScriptedServer server([](QTcpSocket *socket, const QByteArray &head) {
            const QRegularExpression key(QStringLiteral("\r\nSec-WebSocket-Key: *([^\r]+)\r\n"),
                                         QRegularExpression::CaseInsensitiveOption);
            const QByteArray accept =
                webSocketAccept(key.match(QString::fromLatin1(head)).captured(1).toLatin1());
            socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: " +
                          accept + "\r\n\r\n");
            // [rfc6455] 5.2: unmask the client's short text frames and send each back unmasked.
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                const QByteArray frame = socket->readAll();
                if (frame.size() < 6)
                    return;
                const int length = frame[1] & 0x7f;
                QByteArray payload = frame.mid(6, length);
                for (int i = 0; i < payload.size(); ++i)
                    payload[i] = char(payload[i] ^ frame[2 + i % 4]);
                socket->write(QByteArray(1, char(0x81)) + char(payload.size()) + payload);
            });
        });
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(client.waitForConnected(5000));
        const QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";
        client.write("GET http://127.0.0.1:" + QByteArray::number(server.serverPort()) +
                     "/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: " +
                     key + "\r\nSec-WebSocket-Version: 13\r\nOrigin: http://app.example\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY((received += client.readAll()).contains("\r\n\r\n"));
        QCOMPARE(received, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Accept: " +
                               webSocketAccept(key) + "\r\n\r\n");
        QCOMPARE(webSocketAccept(key), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")); // RFC 6455's own example
        received.clear();
        client.write(maskedTextFrame("hello"));
        QTRY_COMPARE((received += client.readAll()), QByteArray("\x81\x05hello"));
        received.clear();
        client.write(maskedTextFrame("again"));
        QTRY_COMPARE((received += client.readAll()), QByteArray("\x81\x05"
                                                                "again"));
        QTRY_COMPARE(m_finished.size(), 1);
        QVERIFY(m_finished.first().websocket);
        QCOMPARE(m_finished.first().status, 101);
        QCOMPARE(m_finished.first().url.path(), QStringLiteral("/chat"));
    }

    void eventSourceEventsArriveOneByOne()
    {
        // Four events 400 ms apart, then the end of the stream: the client must see the first long
        // before the server sends the last.
        QElapsedTimer clock;
        qint64 streamEndedMs = -1;
        ScriptedServer server([&](QTcpSocket *socket, const QByteArray &) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n");
            auto *timer = new QTimer(socket);
            auto *sent = new int(0);
            QObject::connect(timer, &QObject::destroyed, [sent] { delete sent; });
            QObject::connect(timer, &QTimer::timeout, socket, [&, socket, timer, sent] {
                const QByteArray event = "id: " + QByteArray::number(*sent) + "\ndata: event " +
                                         QByteArray::number(*sent) + "\n\n";
                socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
                if (++*sent == 4) {
                    timer->stop();
                    socket->write("0\r\n\r\n");
                    streamEndedMs = clock.elapsed();
                }
            });
            timer->start(400);
        });
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_proxy->serverPort());
        QVERIFY(client.waitForConnected(5000));
        clock.start();
        client.write("GET http://127.0.0.1:" + QByteArray::number(server.serverPort()) +
                     "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        QByteArray received;
        qint64 firstEventMs = -1;
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += client.readAll();
                if (firstEventMs < 0 && received.contains("data: event 0\n\n"))
                    firstEventMs = clock.elapsed();
                return received.contains("0\r\n\r\n") && received.contains("data: event 3");
            },
            10000));
        QVERIFY(firstEventMs >= 0);
        QVERIFY2(firstEventMs < streamEndedMs - 800,
                 qPrintable(QStringLiteral("first event at %1 ms, stream ended at %2 ms")
                                .arg(firstEventMs)
                                .arg(streamEndedMs)));
        const auto [head, body] = dechunked(received);
        QVERIFY2(head.startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"), head.constData());
        QCOMPARE(body.count("data: event "), 4);
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().responseHeaders.get("content-type"),
                 std::optional<QByteArray>("text/event-stream"));
        QCOMPARE(m_finished.first().responseBody, body);
    }
};

QTEST_GUILESS_MAIN(TestProxyTransparency)
#include "tst_proxytransparency.moc"
