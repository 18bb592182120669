#include "corscopeversion.h"
#include "loopbackhttpserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <QXmlStreamReader>

// Runs the real corscope-cli binary: exit statuses and help text are a contract for scripts.
class TestCli : public QObject {
    Q_OBJECT

private:
    struct Result {
        int exitCode;
        QString out;
        QString err;
    };

    // Runs the CLI while this thread's event loop keeps a loopback server answering.
    static Result runCli(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(CORSCOPE_CLI_PATH), arguments);
        if (!process.waitForStarted())
            return {-1, {}, QStringLiteral("did not start")};
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < 30000)
            QTest::qWait(10);
        if (process.state() != QProcess::NotRunning)
            return {-1, {}, QStringLiteral("timed out")};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

private slots:
    void helpDocumentsUsageAndExitsZero()
    {
        const Result result = runCli({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QLatin1String("Usage: corscope-cli COMMAND")));
        QVERIFY(result.out.contains(QLatin1String("Exit status:")));
        for (const char *command : {"check URL --origin ORIGIN", "compare URL_A URL_B", "explain FILE"})
            QVERIFY2(result.out.contains(QLatin1String(command)), command);
        QVERIFY(result.err.isEmpty());
    }

    void checkReportsAllowedBlockedAndUnreachable()
    {
        CorscopeTest::LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const CorscopeTest::LoopbackRequest &request) {
            CorscopeTest::HeaderPairs headers;
            if (request.target.startsWith("/cors"))
                headers.append({"Access-Control-Allow-Origin", request.header("origin")});
            return CorscopeTest::LoopbackReply{
                CorscopeTest::LoopbackHttpServer::response(200, headers, "ok")};
        });
        const QString origin = QStringLiteral("http://app.test");
        const Result allowed =
            runCli({QStringLiteral("check"), server.url(QStringLiteral("/cors")).toString(),
                    QStringLiteral("--origin"), origin, QStringLiteral("--format"), QStringLiteral("json"),
                    QStringLiteral("--repeat"), QStringLiteral("2")});
        QCOMPARE(allowed.exitCode, 0);
        const QStringList lines = allowed.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2); // JSON Lines: one object per fetch
        const QJsonObject first = QJsonDocument::fromJson(lines.first().toUtf8()).object();
        QCOMPARE(first.value(QStringLiteral("verdict")).toString(), QStringLiteral("allowed"));
        QVERIFY(first.value(QStringLiteral("error")).isNull());
        QVERIFY(first.value(QStringLiteral("preflight")).isNull());
        QVERIFY(first.value(QStringLiteral("actualRequestSent")).toBool());
        QVERIFY(first.value(QStringLiteral("timing")).isObject());

        const Result blocked =
            runCli({QStringLiteral("check"), server.url(QStringLiteral("/plain")).toString(),
                    QStringLiteral("--origin"), origin, QStringLiteral("-d"), QStringLiteral("x"),
                    QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("--format"),
                    QStringLiteral("junit")});
        QCOMPARE(blocked.exitCode, 1);
        QXmlStreamReader xml(blocked.out);
        int failures = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("failure")) {
                ++failures;
                QCOMPARE(xml.attributes().value(QStringLiteral("type")).toString(),
                         QStringLiteral("missing-allow-origin"));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(failures, 1);
        // The string body's Content-Type is reported, as fetch() would set it.
        const Result text = runCli({QStringLiteral("check"), server.url(QStringLiteral("/cors")).toString(),
                                    QStringLiteral("--origin"), origin, QStringLiteral("-X"),
                                    QStringLiteral("POST"), QStringLiteral("-d"), QStringLiteral("x")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(QLatin1String("text/plain;charset=UTF-8")));

        const quint16 closedPort = [] {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost);
            return probe.serverPort();
        }();
        const Result unreachable =
            runCli({QStringLiteral("check"), QStringLiteral("http://127.0.0.1:%1/").arg(closedPort),
                    QStringLiteral("--origin"), origin});
        QCOMPARE(unreachable.exitCode, 2);
        QVERIFY2(unreachable.err.contains(QLatin1String("can't be reached")), qPrintable(unreachable.err));
        QCOMPARE(unreachable.err.count(QLatin1Char('\n')), 1);
    }

    static QJsonObject lastJson(const Result &result)
    {
        return QJsonDocument::fromJson(result.out.trimmed().split(QLatin1Char('\n')).constLast().toUtf8())
            .object();
    }

    // The header changes one rewritten response of a "triedFix" report lists, by lower-case name.
    static QJsonObject changesOf(const QJsonObject &rewrite)
    {
        QJsonObject byName;
        for (const QJsonValue &header : rewrite.value(QStringLiteral("headers")).toArray())
            byName.insert(header.toObject().value(QStringLiteral("name")).toString().toLower(), header);
        return byName;
    }

    // --try-fix against a real server that sends no Access-Control-Allow-Origin: the request,
    // sent again with the fix as rewrite rules, is allowed; the server itself still blocks it.
    void tryFixAllowsAMissingAllowOriginWithoutChangingTheServer()
    {
        CorscopeTest::LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const CorscopeTest::LoopbackRequest &) {
            return CorscopeTest::LoopbackReply{
                CorscopeTest::LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "ok")};
        });
        const QString url = server.url(QStringLiteral("/plain")).toString();
        const QString origin = QStringLiteral("http://app.test");
        const Result tried =
            runCli({QStringLiteral("check"), url, QStringLiteral("--origin"), origin,
                    QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--try-fix")});
        // The exit status is the real server's: still blocked.
        QCOMPARE(tried.exitCode, 1);
        const QJsonObject report = lastJson(tried);
        QCOMPARE(report.value(QStringLiteral("verdict")).toString(), QStringLiteral("blocked"));
        QCOMPARE(report.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("missing-allow-origin"));
        QVERIFY(report.value(QStringLiteral("fix")).isObject());
        const QJsonObject triedFix = report.value(QStringLiteral("triedFix")).toObject();
        QCOMPARE(triedFix.value(QStringLiteral("verdict")).toString(), QStringLiteral("allowed"));
        const QJsonArray rewrites = triedFix.value(QStringLiteral("rewrittenHeaders")).toArray();
        QCOMPARE(rewrites.size(), 1);
        const QJsonObject actual = rewrites.at(0).toObject();
        QCOMPARE(actual.value(QStringLiteral("kind")).toString(), QStringLiteral("actual"));
        QVERIFY(!actual.value(QStringLiteral("answeredLocally")).toBool());
        const QJsonObject acao =
            changesOf(actual).value(QStringLiteral("access-control-allow-origin")).toObject();
        QCOMPARE(acao.value(QStringLiteral("change")).toString(), QStringLiteral("added"));
        QCOMPARE(acao.value(QStringLiteral("after")).toArray(), QJsonArray{origin});
        // Both sends reached the server, which answered both the same way.
        QCOMPARE(server.requests().size(), 2);

        const Result plain = runCli({QStringLiteral("check"), url, QStringLiteral("--origin"), origin,
                                     QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(plain.exitCode, 1);
        const QJsonObject plainReport = lastJson(plain);
        QCOMPARE(plainReport.value(QStringLiteral("verdict")).toString(), QStringLiteral("blocked"));
        QVERIFY(!plainReport.contains(QStringLiteral("triedFix"))); // additive: only when asked for

        const Result text = runCli(
            {QStringLiteral("check"), url, QStringLiteral("--origin"), origin, QStringLiteral("--try-fix")});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(
            text.out.contains(QStringLiteral("Fix tried: responses rewritten by Corscope — the server is "
                                             "unchanged.")),
            qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("Access-Control-Allow-Origin: %1 (added)").arg(origin)),
                 qPrintable(text.out));

        // JUnit: the real case fails, the tried fix's own case passes.
        const Result junit =
            runCli({QStringLiteral("check"), url, QStringLiteral("--origin"), origin,
                    QStringLiteral("--format"), QStringLiteral("junit"), QStringLiteral("--try-fix")});
        QCOMPARE(junit.exitCode, 1);
        QXmlStreamReader xml(junit.out);
        QStringList cases;
        int failures = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("testcase"))
                cases << xml.attributes().value(QStringLiteral("name")).toString();
            else if (xml.name() == QLatin1String("failure"))
                ++failures;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cases.size(), 2);
        QVERIFY(cases.at(1).contains(QLatin1String("with the fix tried (responses rewritten by Corscope)")));
        QCOMPARE(failures, 1);
    }

    // A preflighted PUT with a custom header, and a gateway answering OPTIONS with 404: rules
    // cannot change the server's status, so the tried fix answers the preflight itself (as the
    // proxy does) and adds Access-Control-Allow-Origin to the real PUT's response.
    void tryFixAnswersAPreflightTheServerFails()
    {
        CorscopeTest::LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const CorscopeTest::LoopbackRequest &request) {
            if (request.method == "OPTIONS")
                return CorscopeTest::LoopbackReply{CorscopeTest::LoopbackHttpServer::response(
                    404, {{"Content-Type", "text/plain"}}, "no route", "Not Found")};
            return CorscopeTest::LoopbackReply{
                CorscopeTest::LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "stored")};
        });
        const QStringList request{
            QStringLiteral("check"),    server.url(QStringLiteral("/items/7")).toString(),
            QStringLiteral("--origin"), QStringLiteral("http://app.test"),
            QStringLiteral("-X"),       QStringLiteral("PUT"),
            QStringLiteral("-H"),       QStringLiteral("X-Trace: 1"),
            QStringLiteral("--format"), QStringLiteral("json")};
        const Result tried = runCli(request + QStringList{QStringLiteral("--try-fix")});
        QCOMPARE(tried.exitCode, 1);
        const QJsonObject report = lastJson(tried);
        QCOMPARE(report.value(QStringLiteral("verdict")).toString(), QStringLiteral("blocked"));
        const QJsonObject triedFix = report.value(QStringLiteral("triedFix")).toObject();
        QVERIFY2(triedFix.value(QStringLiteral("verdict")).toString() == QLatin1String("allowed"),
                 qPrintable(tried.out));
        const QJsonArray rewrites = triedFix.value(QStringLiteral("rewrittenHeaders")).toArray();
        QCOMPARE(rewrites.size(), 2);
        const QJsonObject preflight = rewrites.at(0).toObject();
        QCOMPARE(preflight.value(QStringLiteral("kind")).toString(), QStringLiteral("preflight"));
        QVERIFY(preflight.value(QStringLiteral("answeredLocally")).toBool());
        const QJsonObject preflightHeaders = changesOf(preflight);
        QVERIFY(preflightHeaders.contains(QStringLiteral("access-control-allow-origin")));
        QVERIFY(preflightHeaders.contains(QStringLiteral("access-control-allow-methods")));
        QVERIFY(preflightHeaders.contains(QStringLiteral("access-control-allow-headers")));
        const QJsonObject put = rewrites.at(1).toObject();
        QCOMPARE(put.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
        QVERIFY(!put.value(QStringLiteral("answeredLocally")).toBool());
        QVERIFY(changesOf(put).contains(QStringLiteral("access-control-allow-origin")));
        // The real check's preflight, then the tried fix's PUT: its preflight never left Corscope.
        QList<QByteArray> methods;
        for (const CorscopeTest::LoopbackRequest &received : server.requests())
            methods << received.method;
        QCOMPARE(methods, (QList<QByteArray>{"OPTIONS", "PUT"}));

        const Result plain = runCli(request);
        QCOMPARE(plain.exitCode, 1);
        QCOMPARE(lastJson(plain).value(QStringLiteral("verdict")).toString(), QStringLiteral("blocked"));
    }

    // What rewrite rules cannot fix is said, not tried: the JSON names the reason.
    void tryFixOnAnAllowedRequestReportsNothingTried()
    {
        CorscopeTest::LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const CorscopeTest::LoopbackRequest &request) {
            return CorscopeTest::LoopbackReply{CorscopeTest::LoopbackHttpServer::response(
                200, {{"Access-Control-Allow-Origin", request.header("origin")}}, "ok")};
        });
        const Result result =
            runCli({QStringLiteral("check"), server.url(QStringLiteral("/")).toString(),
                    QStringLiteral("--origin"), QStringLiteral("http://app.test"), QStringLiteral("--format"),
                    QStringLiteral("json"), QStringLiteral("--try-fix")});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject report = lastJson(result);
        QVERIFY(report.contains(QStringLiteral("triedFix")));
        QVERIFY(report.value(QStringLiteral("triedFix")).isNull());
        QCOMPARE(server.requests().size(), 1); // nothing to fix: nothing sent again
    }

    // --resource-type and --crossorigin (issue 21): the kind decides mode, credentials and what the
    // engine adds on the wire, and the JSON names it.
    // check ws://… reports the URL the user asked for: the handshake is an HTTP GET on the wire,
    // but finalUrl, the exchanges, the timing and the text all say ws://, as DevTools does.
    void checkReportsTheWsUrlItWasGiven()
    {
        CorscopeTest::LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const CorscopeTest::LoopbackRequest &request) {
            if (request.target.startsWith("/deny"))
                return CorscopeTest::LoopbackReply{
                    CorscopeTest::LoopbackHttpServer::response(403, {}, "no", "Forbidden"), true};
            // [rfc6455] 4.2.2, computed here on its own so the CLI's value is not checked by itself.
            const QByteArray accept = QCryptographicHash::hash(request.header("sec-websocket-key").trimmed() +
                                                                   "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                                               QCryptographicHash::Sha1)
                                          .toBase64();
            return CorscopeTest::LoopbackReply{"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                               "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                                                   accept + "\r\n\r\n",
                                               true};
        });
        const QString http = server.url(QStringLiteral("/socket")).toString();
        QString ws = http;
        ws.replace(QLatin1String("http://"), QLatin1String("ws://"));
        const QString origin = QStringLiteral("http://app.test");
        for (const QString &path : {QStringLiteral("/socket"), QStringLiteral("/deny")}) {
            const QString asked = QString(ws).replace(QLatin1String("/socket"), path);
            const QString wire = QString(http).replace(QLatin1String("/socket"), path);
            const Result json = runCli({QStringLiteral("check"), asked, QStringLiteral("--origin"), origin,
                                        QStringLiteral("--format"), QStringLiteral("json")});
            QCOMPARE(json.exitCode, path == QLatin1String("/deny") ? 1 : 0);
            const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
            QCOMPARE(object.value(QStringLiteral("resourceType")).toString(), QStringLiteral("websocket"));
            QCOMPARE(object.value(QStringLiteral("finalUrl")).toString(), asked);
            const QJsonArray exchanges = object.value(QStringLiteral("exchanges")).toArray();
            QCOMPARE(exchanges.size(), 1);
            QCOMPARE(exchanges.at(0).toObject().value(QStringLiteral("url")).toString(), asked);
            const QJsonArray timing =
                object.value(QStringLiteral("timing")).toObject().value(QStringLiteral("exchanges")).toArray();
            QCOMPARE(timing.size(), 1);
            QCOMPARE(timing.at(0).toObject().value(QStringLiteral("url")).toString(), asked);
            QVERIFY2(!json.out.contains(wire), qPrintable(json.out));

            const Result text = runCli({QStringLiteral("check"), asked, QStringLiteral("--origin"), origin});
            QVERIFY2(text.out.contains(QStringLiteral("GET ") + asked), qPrintable(text.out));
            QVERIFY2(!text.out.contains(wire), qPrintable(text.out));
        }
        // The server saw the handshake on its http twin, as a browser sends it.
        QCOMPARE(server.requests().first().target, QByteArray("/socket"));
        QCOMPARE(server.requests().first().header("upgrade"), QByteArray("websocket"));
    }

    void checkTakesTheResourceType()
    {
        CorscopeTest::LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        QList<CorscopeTest::LoopbackRequest> seen;
        server.setHandler([&seen](const CorscopeTest::LoopbackRequest &request) {
            seen.append(request);
            return CorscopeTest::LoopbackReply{CorscopeTest::LoopbackHttpServer::response(200, {}, "GIF89a")};
        });
        const QString url = server.url(QStringLiteral("/logo.gif")).toString();
        const QString origin = QStringLiteral("http://app.test");
        const auto check = [&](const QStringList &extra) {
            return runCli(QStringList{QStringLiteral("check"), url, QStringLiteral("--origin"), origin,
                                      QStringLiteral("--format"), QStringLiteral("json")} +
                          extra);
        };

        // Without --resource-type it stays a fetch(): blocked without ACAO.
        const Result fetch = check({});
        QCOMPARE(fetch.exitCode, 1);
        const QJsonObject fetchJson = QJsonDocument::fromJson(fetch.out.toUtf8()).object();
        QCOMPARE(fetchJson.value(QStringLiteral("resourceType")).toString(), QStringLiteral("fetch"));
        QVERIFY(!fetchJson.contains(QStringLiteral("crossorigin")));

        // <img> without crossorigin: no-cors, never CORS-checked, drawn but not readable.
        seen.clear();
        const Result image = check({QStringLiteral("--resource-type"), QStringLiteral("image")});
        QCOMPARE(image.exitCode, 0);
        const QJsonObject imageJson = QJsonDocument::fromJson(image.out.toUtf8()).object();
        QCOMPARE(imageJson.value(QStringLiteral("verdict")).toString(), QStringLiteral("allowed"));
        QCOMPARE(imageJson.value(QStringLiteral("resourceType")).toString(), QStringLiteral("image"));
        QCOMPARE(imageJson.value(QStringLiteral("responseType")).toString(), QStringLiteral("opaque"));
        QCOMPARE(imageJson.value(QStringLiteral("contentReadable")).toBool(), false);
        QVERIFY(!imageJson.contains(QStringLiteral("crossorigin")));
        QVERIFY2(image.out.contains(QLatin1String("getImageData()")), qPrintable(image.out));
        QCOMPARE(seen.size(), 1);
        QVERIFY(!seen.first().hasHeader("origin"));
        QCOMPARE(seen.first().header("sec-fetch-mode"), QByteArray("no-cors"));
        QCOMPARE(seen.first().header("sec-fetch-dest"), QByteArray("image"));
        QVERIFY(seen.first().header("accept").startsWith("image/"));

        // <img crossorigin=anonymous>: cors, blocked without ACAO, Chromium names the image.
        seen.clear();
        const Result anonymous = check({QStringLiteral("--resource-type"), QStringLiteral("image"),
                                        QStringLiteral("--crossorigin"), QStringLiteral("anonymous")});
        QCOMPARE(anonymous.exitCode, 1);
        const QJsonObject anonymousJson = QJsonDocument::fromJson(anonymous.out.toUtf8()).object();
        QCOMPARE(anonymousJson.value(QStringLiteral("crossorigin")).toString(), QStringLiteral("anonymous"));
        QVERIFY(anonymousJson.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QLatin1String("Access to image at ")));
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().header("origin"), origin.toUtf8());
        QCOMPARE(seen.first().header("sec-fetch-mode"), QByteArray("cors"));

        // An axios call is an XMLHttpRequest: Chromium's message says so.
        const Result xhr = check({QStringLiteral("--resource-type"), QStringLiteral("xhr")});
        QCOMPARE(xhr.exitCode, 1);
        QVERIFY2(xhr.out.contains(QLatin1String("Access to XMLHttpRequest at ")), qPrintable(xhr.out));

        // new Worker() on another origin: refused before any request, whatever the server says;
        // Chromium's uncaught SecurityError and the way out are in the explanation.
        seen.clear();
        const Result worker = check({QStringLiteral("--resource-type"), QStringLiteral("worker")});
        QCOMPARE(worker.exitCode, 1);
        const QJsonObject workerJson = QJsonDocument::fromJson(worker.out.toUtf8()).object();
        QCOMPARE(workerJson.value(QStringLiteral("resourceType")).toString(), QStringLiteral("worker"));
        QCOMPARE(workerJson.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Uncaught SecurityError: Failed to construct 'Worker': Script at '%1' cannot be "
                                "accessed from origin '%2'.")
                     .arg(url, origin));
        QVERIFY2(worker.out.contains(QLatin1String("importScripts()")), qPrintable(worker.out));
        QVERIFY(seen.isEmpty());
        const Result workerText = runCli({QStringLiteral("check"), url, QStringLiteral("--origin"), origin,
                                          QStringLiteral("--resource-type"), QStringLiteral("worker"),
                                          QStringLiteral("--browser"), QStringLiteral("firefox")});
        QCOMPARE(workerText.exitCode, 1);
        QVERIFY2(workerText.out.contains(QStringLiteral("Security Error: Content at %1 may not load data from %2.")
                                             .arg(origin, url)),
                 qPrintable(workerText.out));
        QVERIFY(seen.isEmpty());
    }

    void checkUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no origin") << QStringList{QStringLiteral("check"), QStringLiteral("http://a.test/")}
                                   << QStringLiteral("--origin is required");
        QTest::newRow("bad origin") << QStringList{QStringLiteral("check"), QStringLiteral("http://a.test/"),
                                                   QStringLiteral("--origin"),
                                                   QStringLiteral("http://b.test/")}
                                    << QStringLiteral("--origin: an origin has no path");
        QTest::newRow("bad format") << QStringList{QStringLiteral("check"),
                                                   QStringLiteral("http://a.test/"),
                                                   QStringLiteral("--origin"),
                                                   QStringLiteral("http://b.test"),
                                                   QStringLiteral("--format"),
                                                   QStringLiteral("xml")}
                                    << QStringLiteral("--format must be text, json or junit");
        QTest::newRow("bad curl") << QStringList{QStringLiteral("check"), QStringLiteral("--curl"),
                                                 QStringLiteral("curl 'http://a")}
                                  << QStringLiteral("--curl:");
        const QStringList base{QStringLiteral("check"), QStringLiteral("http://a.test/"),
                               QStringLiteral("--origin"), QStringLiteral("http://b.test")};
        QTest::newRow("bad resource type")
            << base + QStringList{QStringLiteral("--resource-type"), QStringLiteral("picture")}
            << QStringLiteral("--resource-type must be fetch, xhr, script, module, stylesheet, image, font, "
                              "eventsource, worker or websocket");
        QTest::newRow("crossorigin on a worker")
            << base + QStringList{QStringLiteral("--resource-type"), QStringLiteral("worker"),
                                  QStringLiteral("--crossorigin"), QStringLiteral("anonymous")}
            << QStringLiteral("--crossorigin applies to --resource-type script, module, stylesheet or image, "
                              "not worker");
        QTest::newRow("bad crossorigin")
            << base + QStringList{QStringLiteral("--resource-type"), QStringLiteral("image"),
                                  QStringLiteral("--crossorigin"), QStringLiteral("yes")}
            << QStringLiteral("--crossorigin must be anonymous or use-credentials");
        QTest::newRow("crossorigin on fetch")
            << base + QStringList{QStringLiteral("--crossorigin"), QStringLiteral("anonymous")}
            << QStringLiteral("--crossorigin applies to --resource-type script, module, stylesheet or image");
        QTest::newRow("header on an image")
            << base + QStringList{QStringLiteral("--resource-type"), QStringLiteral("image"),
                                  QStringLiteral("-H"), QStringLiteral("X-A: 1")}
            << QStringLiteral("--resource-type image is always a GET");
        QTest::newRow("mode with a kind")
            << base + QStringList{QStringLiteral("--resource-type"), QStringLiteral("script"),
                                  QStringLiteral("--mode"), QStringLiteral("cors")}
            << QStringLiteral("--mode cannot be combined with --resource-type script");
        QTest::newRow("xhr cannot omit")
            << base + QStringList{QStringLiteral("--resource-type"), QStringLiteral("xhr"),
                                  QStringLiteral("--credentials"), QStringLiteral("omit")}
            << QStringLiteral("--credentials omit is not possible for an XMLHttpRequest");
        QTest::newRow("compare needs two")
            << QStringList{QStringLiteral("compare"), QStringLiteral("http://a.test/"),
                           QStringLiteral("--origin"), QStringLiteral("http://b.test")}
            << QStringLiteral("expected URL_A and URL_B");
        QTest::newRow("try-fix is check's")
            << QStringList{QStringLiteral("compare"),        QStringLiteral("http://a.test/"),
                           QStringLiteral("http://c.test/"), QStringLiteral("--origin"),
                           QStringLiteral("http://b.test"),  QStringLiteral("--try-fix")}
            << QStringLiteral("--try-fix is an option of check");
    }

    void checkUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Result result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }

    void versionComesFromTheProjectVersion()
    {
        const Result result = runCli({QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out,
                 QStringLiteral("corscope-cli %1\n").arg(QStringLiteral(CORSCOPE_VERSION_STRING)));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("unknown option '--frobnicate'");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("no arguments") << QStringList{} << QStringLiteral("Usage: corscope-cli");
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Result result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
