#include "capture/flowimportjob.h"
#include "har/harwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Corscope;

namespace {

QByteArray readData(const QString &relative)
{
    QFile file(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har/") + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonArray entriesOf(const QByteArray &har)
{
    return QJsonDocument::fromJson(har).object().value(u"log").toObject().value(u"entries").toArray();
}

struct Imported {
    QList<Flow> flows;
    QHash<quint64, FlowVerdict> verdicts;
};

// Through the importer the Traffic tab uses: read and evaluated on the worker thread.
std::optional<Imported> import(const QByteArray &har)
{
    auto job = FlowImportJob::fromHar(har, BrowserProfile::chromium());
    Imported imported;
    QObject::connect(job.get(), &FlowImportJob::batchReady,
                     [&](const QList<Flow> &flows, const QList<FlowVerdict> &verdicts) {
                         imported.flows += flows;
                         for (const FlowVerdict &verdict : verdicts)
                             imported.verdicts.insert(verdict.flowId, verdict);
                     });
    // As the Traffic tab takes them: a later entry may settle an earlier one's verdict.
    QObject::connect(job.get(), &FlowImportJob::verdictsRevised, [&](const QList<FlowVerdict> &verdicts) {
        for (const FlowVerdict &verdict : verdicts)
            imported.verdicts.insert(verdict.flowId, verdict);
    });
    QSignalSpy finished(job.get(), &FlowImportJob::finished);
    job->start(1);
    if (!finished.wait(20000) || !finished.first().at(1).toString().isEmpty())
        return std::nullopt;
    return imported;
}

} // namespace

// HAR from the browsers' DevTools goes in, is evaluated, comes out through HarWriter and goes in
// again: nothing the browser wrote may be lost, and the verdicts must read the same.
class TestHarRoundTrip : public QObject {
    Q_OBJECT

private slots:
    void exportKeepsWhatTheBrowserWrote_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("verdicts");
        QTest::addColumn<QStringList>("errorCodes");
        QTest::newRow("chrome") << QStringLiteral("chrome-devtools-save-all.har")
                                << QStringList{u"not-cors"_qs, u"preflight-passed"_qs, u"allowed"_qs,
                                               u"blocked"_qs, u"blocked"_qs}
                                << QStringList{{}, {}, {}, u"wildcard-origin-with-credentials"_qs, {}};
        QTest::newRow("firefox") << QStringLiteral("firefox-devtools-save-all.har")
                                 << QStringList{u"preflight-failed"_qs, u"allowed"_qs}
                                 << QStringList{u"method-not-allowed"_qs, {}};
    }

    void exportKeepsWhatTheBrowserWrote()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, verdicts);
        QFETCH(QStringList, errorCodes);
        const QByteArray original = readData(file);
        QVERIFY(!original.isEmpty());
        const auto first = import(original);
        QVERIFY(first);
        const QByteArray exported =
            HarWriter::write(first->flows, first->verdicts, QStringLiteral("chromium"));
        const auto second = import(exported);
        QVERIFY(second);
        const QByteArray again =
            HarWriter::write(second->flows, second->verdicts, QStringLiteral("chromium"));

        const QJsonArray originalEntries = entriesOf(original);
        const QJsonArray exportedEntries = entriesOf(exported);
        const QJsonArray againEntries = entriesOf(again);
        QCOMPARE(first->flows.size(), originalEntries.size());
        QCOMPARE(second->flows.size(), originalEntries.size());
        QCOMPARE(exportedEntries.size(), originalEntries.size());
        for (qsizetype i = 0; i < originalEntries.size(); ++i) {
            const QJsonObject in = originalEntries.at(i).toObject();
            const QJsonObject out = exportedEntries.at(i).toObject();
            const QByteArray at = file.toUtf8() + " entry " + QByteArray::number(i);
            const Flow &before = first->flows.at(i);
            const Flow &after = second->flows.at(i);
            QVERIFY2(before.method == after.method && before.url == after.url, at);
            QVERIFY2(before.requestHeaders == after.requestHeaders, at);
            QVERIFY2(before.responseHeaders == after.responseHeaders, at);
            QVERIFY2(before.status == after.status, at);
            QVERIFY2(before.requestBody == after.requestBody, at);
            // Everything the browser wrote, its own "_" fields and timings included, is still there.
            for (auto field = in.begin(); field != in.end(); ++field)
                QVERIFY2(out.value(field.key()) == field.value(), at + " " + field.key().toUtf8());
            QVERIFY2(out.value(u"timings") == in.value(u"timings"), at);
            QCOMPARE(after.completeMs, in.value(u"time").toDouble());

            const QJsonObject cors = out.value(u"_cors").toObject();
            QVERIFY2(!cors.isEmpty(), at);
            QCOMPARE(cors.value(u"verdict").toString(), verdicts.at(i));
            if (!errorCodes.at(i).isEmpty())
                QCOMPARE(cors.value(u"errorCode").toString(), errorCodes.at(i));
            // Evaluated again from the export, the verdict reads the same.
            QVERIFY2(againEntries.at(i).toObject().value(u"_cors") == cors, at);
        }
        const auto pagesOf = [](const QByteArray &har) {
            return QJsonDocument::fromJson(har).object().value(u"log").toObject().value(u"pages");
        };
        QCOMPARE(pagesOf(exported), pagesOf(original));
    }

    void chromeSpecificFieldsAndBodiesAreRead()
    {
        const auto imported = import(readData(QStringLiteral("chrome-devtools-save-all.har")));
        QVERIFY(imported);
        const Flow &put = imported->flows.at(2);
        QCOMPARE(put.requestBody, QByteArray("{\"qty\":2,\"note\":\"gift wrap\"}"));
        QVERIFY(!put.requestHeaders.contains(":authority"));
        QCOMPARE(put.serverAddress, QStringLiteral("203.0.113.7"));
        // [HAR 1.2] the phases before "wait" add up to when the request was sent.
        QCOMPARE(put.requestSentMs, 0.9 + 0.19);
        QCOMPARE(put.responseHeadersMs, 0.9 + 0.19 + 41.27);
        const FlowVerdict &verdict = imported->verdicts.value(put.id);
        QCOMPARE(verdict.pairedFlowId, std::optional<quint64>(imported->flows.at(1).id));
        QCOMPARE(put.harEntry.value(u"_connectionId").toString(), QStringLiteral("118431"));
        QCOMPARE(put.harPage.value(u"id").toString(), QStringLiteral("page_2"));
    }

    void capturedFlowsStillExportInTheDevToolsShape()
    {
        Flow flow;
        flow.id = 7;
        flow.state = Flow::State::Complete;
        flow.started = QDateTime::currentDateTimeUtc();
        flow.method = "GET";
        flow.url = QUrl(QStringLiteral("http://api.example/x"));
        flow.requestHeaders = {{"Origin", "http://app.example"}};
        flow.status = 200;
        flow.requestSentMs = 1;
        flow.responseHeadersMs = 5;
        flow.completeMs = 6;
        const QJsonObject entry =
            entriesOf(HarWriter::write({flow}, {}, QStringLiteral("chromium"))).first().toObject();
        QCOMPARE(entry.value(u"timings").toObject().value(u"wait").toDouble(), 4.0);
        QCOMPARE(entry.value(u"_id").toString(), QStringLiteral("7"));
        QVERIFY(entry.value(u"request").toObject().value(u"cookies").isArray());
    }
};

QTEST_GUILESS_MAIN(TestHarRoundTrip)
#include "tst_harroundtrip.moc"
