#include "corscopeversion.h"
#include "loopbackhttpserver.h"

#include <QElapsedTimer>
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
        QTest::newRow("compare needs two")
            << QStringList{QStringLiteral("compare"), QStringLiteral("http://a.test/"),
                           QStringLiteral("--origin"), QStringLiteral("http://b.test")}
            << QStringLiteral("expected URL_A and URL_B");
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
