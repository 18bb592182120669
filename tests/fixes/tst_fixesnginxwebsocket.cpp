#include "childprocess.h"
#include "nginxconfig.h"
#include "playground/demoapiserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;
using namespace CorscopeTest;

// The fix advisor's advice for a reverse proxy that drops the WebSocket upgrade, applied to a
// real nginx in front of a real WebSocket server (the playground's demo API): without the
// directives check sees the handshake fail, with exactly the directives the advice names it opens.
class TestFixesNginxWebSocket : public QObject {
    Q_OBJECT

    struct Result {
        int exitCode = -1;
        QJsonObject json;
        QString output;
    };

    // The CLI runs while this thread's event loop keeps the demo server answering.
    static Result check(const QString &url)
    {
        QProcess process;
        process.start(QStringLiteral(CORSCOPE_CLI_PATH),
                      {QStringLiteral("check"), url, QStringLiteral("--origin"), QStringLiteral("http://app.test"),
                       QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--fix"),
                       QStringLiteral("nginx")});
        if (!process.waitForStarted())
            return {};
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < 30000)
            QTest::qWait(10);
        Result result;
        result.output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        if (process.state() != QProcess::NotRunning || process.exitStatus() != QProcess::NormalExit)
            return result;
        result.exitCode = process.exitCode();
        result.json = QJsonDocument::fromJson(result.output.toUtf8()).object();
        return result;
    }

    static int freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    static std::unique_ptr<QProcess> startNginx(const QString &dir, int port, const QString &location,
                                                int upstream, QString *error)
    {
        QFile config(dir + QStringLiteral("/nginx.conf"));
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = config.errorString();
            return {};
        }
        config.write(nginxConfig(dir, port, {}, QStringLiteral("/socket/"), location, upstream).toUtf8());
        config.close();
        std::unique_ptr<QProcess> nginx =
            started(QStringLiteral("nginx"),
                    {QStringLiteral("-c"), config.fileName(), QStringLiteral("-p"), dir}, {}, dir);
        if (!waitForPort(port, nginx.get(), error))
            stopped(nginx);
        return nginx;
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")}).isEmpty())
            QSKIP("nginx is not installed (Debian package nginx-light)");
    }

    void theUpgradeDirectivesTheAdviceNamesOpenTheSocket()
    {
        DemoApiServer backend;
        QVERIFY(backend.start());
        CorsPolicy acceptsAny;
        acceptsAny.originRule = OriginRule::ReflectAny;
        backend.setPolicy(acceptsAny);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const int port = freePort();
        const QString url = QStringLiteral("ws://127.0.0.1:%1/socket/notifications").arg(port);

        // nginx's default proxy_pass: HTTP/1.0, hop-by-hop headers dropped.
        QString error;
        std::unique_ptr<QProcess> nginx =
            startNginx(dir.path(), port, {}, backend.apiUrl().port(), &error);
        QVERIFY2(nginx, qPrintable(error));
        const Result broken = check(url);
        stopped(nginx);
        QCOMPARE(broken.exitCode, 1);
        QCOMPARE(broken.json.value(QStringLiteral("finalUrl")).toString(), url);
        QCOMPARE(backend.receivedRequests().last().status, 426); // it arrived without the Upgrade
        const QJsonObject plan = broken.json.value(QStringLiteral("fix")).toObject().value(QStringLiteral("plan")).toObject();
        QVERIFY(plan.value(QStringLiteral("webSocket")).toBool());
        const QString advice = plan.value(QStringLiteral("notes")).toArray().first().toString();
        QVERIFY2(advice.contains(QLatin1String("426 Upgrade Required")), qPrintable(advice));
        // No CORS configuration is offered for a WebSocket.
        QVERIFY(broken.json.value(QStringLiteral("fix")).toObject().value(QStringLiteral("snippets")).toObject().isEmpty());
        const QRegularExpressionMatch directives =
            QRegularExpression(QStringLiteral("nginx: (proxy_http_version .*?\"upgrade\";)")).match(advice);
        QVERIFY2(directives.hasMatch(), qPrintable(advice));

        // The directives pasted as the advice gives them, into the location that proxies.
        nginx = startNginx(dir.path(), port, directives.captured(1), backend.apiUrl().port(), &error);
        QVERIFY2(nginx, qPrintable(error));
        const Result fixed = check(url);
        stopped(nginx);
        QVERIFY2(fixed.exitCode == 0, qPrintable(fixed.output));
        QCOMPARE(fixed.json.value(QStringLiteral("verdict")).toString(), QStringLiteral("allowed"));
        QCOMPARE(backend.receivedRequests().last().status, 101);
        QCOMPARE(backend.receivedRequests().last().headers.get("origin"), QByteArray("http://app.test"));
    }
};

QTEST_GUILESS_MAIN(TestFixesNginxWebSocket)
#include "tst_fixesnginxwebsocket.moc"
