#include "verify/chromiumlaunch.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using Corscope::ChromiumLaunch;

// The one builder of Chromium's command line: what each option puts on it, and that a real
// Chromium started with it loads a page.
class TestChromiumLaunch : public QObject {
    Q_OBJECT

private slots:
    void interactiveLaunchThroughAProxy()
    {
        const QStringList arguments = ChromiumLaunch()
                                          .setUserDataDir(QStringLiteral("/tmp/p"))
                                          .setProxy(QStringLiteral("127.0.0.1:8080"))
                                          .setTrustedSpki("abc=")
                                          .setStartUrl(QStringLiteral("http://app.example/"))
                                          .arguments();
        QVERIFY(!arguments.join(u' ').contains(QLatin1String("--headless")));
        QVERIFY(!arguments.contains(QStringLiteral("--no-sandbox"))); // a user's browser keeps its sandbox
        QVERIFY(arguments.contains(QStringLiteral("--user-data-dir=/tmp/p")));
        QVERIFY(arguments.contains(QStringLiteral("--proxy-server=http://127.0.0.1:8080")));
        QVERIFY(arguments.contains(QStringLiteral("--proxy-bypass-list=<-loopback>")));
        QVERIFY(arguments.contains(QStringLiteral("--ignore-certificate-errors-spki-list=abc=")));
        QCOMPARE(arguments.last(), QStringLiteral("http://app.example/"));
    }

    void headlessAutomation()
    {
        const QStringList arguments = ChromiumLaunch()
                                          .setHeadless(true)
                                          .setAutomation(true)
                                          .setConsoleLogging(true)
                                          .addArguments({QStringLiteral("--dump-dom")})
                                          .setStartUrl(QStringLiteral("about:blank"))
                                          .arguments();
        QCOMPARE(arguments.count(QStringLiteral("--headless=new")), 1);
        for (const char *flag : {"--no-sandbox", "--disable-quic", "--disable-background-networking",
                                 "--enable-logging=stderr", "--dump-dom"})
            QVERIFY2(arguments.contains(QLatin1String(flag)), flag);
        QVERIFY(!arguments.join(u' ').contains(QLatin1String("--proxy-server")));
        QCOMPARE(arguments.last(), QStringLiteral("about:blank"));
        QCOMPARE(arguments.count(QStringLiteral("--no-first-run")), 1);
    }

    void realChromiumRunsWithIt()
    {
        const QString chromium = ChromiumLaunch::executable();
        if (chromium.isEmpty())
            QSKIP("chromium is not installed");
        QTemporaryDir profile;
        QProcess process;
        process.start(chromium, ChromiumLaunch()
                                    .setHeadless(true)
                                    .setAutomation(true)
                                    .setUserDataDir(profile.path())
                                    .addArguments({QStringLiteral("--dump-dom")})
                                    .setStartUrl(QStringLiteral("data:text/html,<p>corscope-launch</p>"))
                                    .arguments());
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.readAllStandardOutput().contains("corscope-launch"),
                 process.readAllStandardError().right(2000));
    }

    void executableHonoursTheEnvironment()
    {
        qputenv("CORSCOPE_CHROMIUM", "/nonexistent/chromium");
        QVERIFY(ChromiumLaunch::executable().isEmpty()); // an explicit choice is not second-guessed
        qunsetenv("CORSCOPE_CHROMIUM");
    }
};

QTEST_GUILESS_MAIN(TestChromiumLaunch)
#include "tst_chromiumlaunch.moc"
