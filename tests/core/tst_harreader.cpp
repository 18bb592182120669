#include "har/harreader.h"

#include <QDir>
#include <QTest>

using namespace Corscope;

namespace {

QByteArray readData(const QString &relative)
{
    QFile file(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har/") + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestHarReader : public QObject {
    Q_OBJECT

private slots:
    void chromeExportPairsPreflightsAndSkipsSameOrigin()
    {
        const QByteArray har = readData(QStringLiteral("chrome-export.har"));
        QVERIFY(HarReader::looksLikeHar(har));
        HarError error;
        const std::optional<QList<HarEntry>> entries = HarReader::read(har, &error);
        QVERIFY2(entries, qPrintable(error.toString()));
        QCOMPARE(entries->size(), 5);
        QVERIFY(!entries->at(0).requestHeaders.contains(":authority")); // HTTP/2 pseudo-headers dropped
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(*entries);
        QCOMPARE(scenarios.size(), 3); // the preflight is paired, the document is same-origin

        const HarScenario &put = scenarios.at(0);
        QCOMPARE(put.entryIndex, 1);
        QCOMPARE(put.scenario.request.method, QByteArray("PUT"));
        QVERIFY(put.scenario.request.headers.contains("x-trace-id"));
        QVERIFY(!put.scenario.request.headers.contains("user-agent"));
        QVERIFY(!put.scenario.request.headers.contains("referer"));
        const Evaluation blocked = ScenarioRunner::run(put.scenario, BrowserProfile::chromium()).first();
        QCOMPARE(blocked.errorCode(), QStringLiteral("method-not-allowed"));

        const HarScenario &me = scenarios.at(1);
        QVERIFY(me.scenario.request.credentials == CredentialsMode::Include);
        QCOMPARE(ScenarioRunner::run(me.scenario, BrowserProfile::chromium()).first().errorCode(),
                 QStringLiteral("wildcard-origin-with-credentials"));

        const Evaluation catalog =
            ScenarioRunner::run(scenarios.at(2).scenario, BrowserProfile::chromium()).first();
        QVERIFY(catalog.allowed());
        QCOMPARE(catalog.readableHeaders, (QByteArrayList{"content-type"}));
    }

    void firefoxExportFollowsTheRedirectChain()
    {
        HarError error;
        const std::optional<QList<HarEntry>> entries =
            HarReader::read(readData(QStringLiteral("firefox-export.har")), &error);
        QVERIFY2(entries, qPrintable(error.toString()));
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(*entries);
        QCOMPARE(scenarios.size(), 1); // the second hop belongs to the first request
        const Evaluation e =
            ScenarioRunner::run(scenarios.first().scenario, BrowserProfile::firefox()).first();
        QCOMPARE(e.errorCode(), QStringLiteral("allow-origin-mismatch"));
        QCOMPARE(e.exchanges.size(), 2);
        QCOMPARE(e.exchanges.at(1).request.headers.get("origin").value(), QByteArray("null"));
    }

    void brokenFilesGiveClearErrors_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                       QStringLiteral("/tests/data/har/broken"));
        for (const QString &file : dir.entryList({QStringLiteral("*.har")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << file;
    }

    void brokenFilesGiveClearErrors()
    {
        QFETCH(QString, file);
        const QByteArray har = readData(QStringLiteral("broken/") + file);
        const QString expected =
            QString::fromUtf8(readData(QStringLiteral("broken/") + file + QStringLiteral(".expected")))
                .trimmed();
        HarError error;
        QVERIFY(!HarReader::read(har, &error));
        QCOMPARE(error.toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestHarReader)
#include "tst_harreader.moc"
