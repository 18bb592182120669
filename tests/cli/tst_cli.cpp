#include "corscopeversion.h"

#include <QProcess>
#include <QTest>

// Runs the real corscope-cli binary: exit statuses and help text are a contract for scripts.
class TestCli : public QObject {
    Q_OBJECT

private:
    struct Result {
        int exitCode;
        QString out;
        QString err;
    };

    static Result runCli(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(CORSCOPE_CLI_PATH), arguments);
        if (!process.waitForFinished(30000))
            return {-1, {}, QStringLiteral("timed out")};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

private slots:
    void helpDocumentsUsageAndExitsZero()
    {
        const Result result = runCli({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QLatin1String("Usage: corscope-cli COMMAND")));
        QVERIFY(result.out.contains(QLatin1String("Exit status:")));
        QVERIFY(result.err.isEmpty());
    }

    void versionComesFromTheProjectVersion()
    {
        const Result result = runCli({QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QStringLiteral("corscope-cli %1\n").arg(QStringLiteral(CORSCOPE_VERSION_STRING)));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")}
                                        << QStringLiteral("unknown option '--frobnicate'");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("unknown command 'frobnicate'");
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
