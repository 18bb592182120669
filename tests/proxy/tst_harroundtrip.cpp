#include "capture/flowimportjob.h"
#include "capturedflows.h"
#include "cors/corserror.h"
#include "har/harwriter.h"
#include "importedhar.h"

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

using ImportedHar::import;
using ImportedHar::Imported;

QString kindName(FlowVerdict::Kind kind)
{
    switch (kind) {
    case FlowVerdict::Kind::NotCors:
        return QStringLiteral("not-cors");
    case FlowVerdict::Kind::Allowed:
        return QStringLiteral("allowed");
    case FlowVerdict::Kind::Blocked:
        return QStringLiteral("blocked");
    case FlowVerdict::Kind::PreflightPassed:
        return QStringLiteral("preflight-passed");
    case FlowVerdict::Kind::PreflightFailed:
        return QStringLiteral("preflight-failed");
    case FlowVerdict::Kind::PreflightUnfollowed:
        return QStringLiteral("preflight-unfollowed");
    case FlowVerdict::Kind::RedirectFollowed:
        return QStringLiteral("redirect-followed");
    case FlowVerdict::Kind::RedirectUnfollowed:
        return QStringLiteral("redirect-unfollowed");
    }
    return {};
}

// A capture with every field HarWriter writes: a refused request and a timed-out one (each a flow
// with its error), a redirect chain whose first hop the browser dropped before the body, a
// preflight and its request, a preflight nothing followed, a redirect whose next hop never came,
// an intercepted HTTPS exchange, a rewritten response, a locally answered preflight, a tunnel,
// text and binary bodies.
QList<Flow> everyFieldCapture(const QDateTime &start)
{
    using CapturedFlows::flow;
    QList<Flow> flows;
    auto add = [&](Flow f) {
        f.id = quint64(flows.size() + 1);
        f.started = start.addMSecs(qint64(flows.size()) * 50);
        f.requestSentMs = 1;
        f.responseHeadersMs = 4;
        f.completeMs = f.completeMs < 0 ? -1 : 6;
        f.clientAddress = QHostAddress::LocalHost;
        f.clientPort = 50000;
        flows.append(f);
    };
    const HeaderList page{
        {"Origin", "http://app.example"}, {"Sec-Fetch-Mode", "cors"}, {"Sec-Fetch-Dest", "empty"}};
    Flow refused = flow(0, "GET", page, 0, {}, QStringLiteral("http://api.example/refused"));
    refused.state = Flow::State::Error;
    refused.reason.clear();
    refused.errorKind = FlowError::ConnectionRefused;
    refused.error = QStringLiteral("Connection refused by api.example:80");
    refused.proxyAnswerStatus = 502;
    add(refused);
    Flow timedOut = flow(0, "GET", page, 0, {}, QStringLiteral("http://slow.example/x"));
    timedOut.state = Flow::State::Error;
    timedOut.reason.clear();
    timedOut.errorKind = FlowError::ConnectTimeout;
    timedOut.error = QStringLiteral("slow.example did not accept the connection within 10 s");
    timedOut.proxyAnswerStatus = 504;
    add(timedOut);
    // Chromium follows a redirect and drops the connection before the 3xx body.
    Flow hop =
        flow(0, "GET", page, 302,
             {{"Access-Control-Allow-Origin", "http://app.example"}, {"Location", "http://cdn.example/b"}},
             QStringLiteral("http://api.example/a"));
    hop.state = Flow::State::Error;
    hop.errorKind = FlowError::ClientClosed;
    hop.error = QStringLiteral("The client closed the connection before the response was complete.");
    add(hop);
    HeaderList nullOrigin = page;
    nullOrigin.remove("origin");
    nullOrigin.append("Origin", "null");
    add(flow(0, "GET", nullOrigin, 200,
             {{"Access-Control-Allow-Origin", "*"}, {"Content-Type", "text/plain"}},
             QStringLiteral("http://cdn.example/b")));
    flows.last().responseBody = "hello";
    flows.last().responseBodySize = 5;
    const HeaderList grant{{"Access-Control-Allow-Origin", "http://app.example"},
                           {"Access-Control-Allow-Methods", "PUT"},
                           {"Access-Control-Allow-Headers", "content-type, x-trace"}};
    add(CapturedFlows::preflight(0, grant));
    Flow put = CapturedFlows::put(0, {{"Access-Control-Allow-Origin", "http://app.example"},
                                      {"Access-Control-Expose-Headers", "X-Total"},
                                      {"X-Total", "3"}});
    put.requestBody = "{\"qty\":2}";
    put.requestBodySize = put.requestBody.size();
    put.responseBody = QByteArray("\x89PNG\r\n\x1a\n\xff\xfe", 10);
    put.responseBodySize = 4096; // the capture kept the first bytes only
    put.tls = TlsDetails{QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"),
                         QStringLiteral("api.example"), QStringLiteral("Corscope test CA"),
                         QDateTime(QDate(2027, 1, 2), QTime(3, 4, 5), Qt::UTC)};
    put.url = QUrl(QStringLiteral("https://api.example/v1/items"));
    flows.last().url = put.url;
    put.originalResponseHeaders = {{"Access-Control-Allow-Origin", "http://other.example"}};
    put.appliedRules = {QStringLiteral("allow app.example")};
    add(put);
    // A preflight answered * that nothing followed: credentials 'include' fails it, with a fix.
    Flow star = CapturedFlows::preflight(0, {{"Access-Control-Allow-Origin", "*"},
                                             {"Access-Control-Allow-Methods", "PUT"},
                                             {"Access-Control-Allow-Headers", "content-type, x-trace"}});
    star.url = QUrl(QStringLiteral("http://api.example/v1/other"));
    star.answeredLocally = true;
    star.appliedRules = {QStringLiteral("answer preflights")};
    add(star);
    add(flow(0, "GET", page, 307,
             {{"Access-Control-Allow-Origin", "*"}, {"Location", "http://api.example/moved"}},
             QStringLiteral("http://api.example/redirect")));
    Flow tunnel = flow(0, "CONNECT", {{"Host", "secure.example:443"}}, 200, {},
                       QStringLiteral("https://secure.example:443"));
    tunnel.tunnel = true;
    add(tunnel);
    return flows;
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

    // A Corscope capture saved as HAR and opened again is the capture it was: every flow field
    // HarWriter writes comes back (a failed flow as a failed flow, with its kind, words and the
    // proxy's answer), the analyzer gives every flow the verdict it had, and HarReader reads every
    // `_cors` field back as written.
    void aCorscopeCaptureComesBackAsItWas()
    {
        const QList<Flow> flows = everyFieldCapture(QDateTime::currentDateTimeUtc());
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        QHash<quint64, FlowVerdict> verdicts;
        for (const Flow &flow : flows) {
            verdicts.insert(flow.id, analyzer.analyze(flow));
            for (FlowRevision &revision : analyzer.takeRevisions())
                verdicts.insert(revision.verdict.flowId, revision.verdict);
        }
        analyzer.finish();
        for (FlowRevision &revision : analyzer.takeRevisions())
            verdicts.insert(revision.verdict.flowId, revision.verdict);
        const QByteArray har = HarWriter::write(flows, verdicts, QStringLiteral("chromium"));

        const auto imported = import(har);
        QVERIFY(imported);
        QCOMPARE(imported->flows.size(), flows.size());
        QHash<quint64, qsizetype> indexById;
        for (qsizetype i = 0; i < flows.size(); ++i)
            indexById.insert(flows.at(i).id, i);
        for (qsizetype i = 0; i < flows.size(); ++i) {
            const Flow &before = flows.at(i);
            const Flow &after = imported->flows.at(i);
            const QByteArray at = "flow " + QByteArray::number(i) + " " + before.url.toEncoded();
            QVERIFY2(after.state == before.state, at);
            QVERIFY2(after.errorKind == before.errorKind, at);
            QCOMPARE(after.error, before.error);
            QCOMPARE(after.proxyAnswerStatus, before.proxyAnswerStatus);
            QCOMPARE(after.status, before.status);
            QCOMPARE(after.method, before.method);
            QCOMPARE(after.url, before.url);
            QCOMPARE(after.started, before.started);
            QVERIFY2(after.requestHeaders == before.requestHeaders, at);
            QVERIFY2(after.responseHeaders == before.responseHeaders, at);
            QVERIFY2(after.originalResponseHeaders == before.originalResponseHeaders, at);
            QCOMPARE(after.requestBody, before.requestBody);
            QCOMPARE(after.requestBodySize, before.requestBodySize);
            QCOMPARE(after.responseBody, before.responseBody);
            QCOMPARE(after.responseBodySize, before.responseBodySize);
            QCOMPARE(after.tunnel, before.tunnel);
            QCOMPARE(after.answeredLocally, before.answeredLocally);
            QCOMPARE(after.appliedRules, before.appliedRules);
            QCOMPARE(bool(after.tls), bool(before.tls));
            if (before.tls)
                QCOMPARE(after.tls->summary(), before.tls->summary());
            QCOMPARE(after.requestSentMs, before.requestSentMs);
            QCOMPARE(after.responseHeadersMs, before.responseHeadersMs);
            QCOMPARE(after.completeMs, before.completeMs);
            QCOMPARE(after.chromeNetError(), before.chromeNetError());

            // The same verdict, evaluated again from the file.
            const FlowVerdict &was = verdicts.value(before.id);
            const FlowVerdict &is = imported->verdicts.value(after.id);
            QVERIFY2(is.kind == was.kind,
                     at + " " + kindName(is.kind).toUtf8() + " for " + kindName(was.kind).toUtf8());
            QCOMPARE(is.readings.size(), was.readings.size());
            QCOMPARE(bool(is.chain), bool(was.chain));
            QCOMPARE(bool(is.evaluation), bool(was.evaluation));
            if (was.evaluation)
                QCOMPARE(is.evaluation->errorCode(), was.evaluation->errorCode());
        }
        // Saved again, every entry carries the same _cors.
        const QByteArray again =
            HarWriter::write(imported->flows, imported->verdicts, QStringLiteral("chromium"));
        const QJsonArray first = entriesOf(har);
        const QJsonArray second = entriesOf(again);
        QCOMPARE(second.size(), first.size());
        for (qsizetype i = 0; i < first.size(); ++i)
            QVERIFY2(second.at(i).toObject().value(u"_cors") == first.at(i).toObject().value(u"_cors"),
                     qPrintable(QStringLiteral("entry %1").arg(i)));

        // HarReader gives back every _cors field HarWriter wrote, as the verdict had it.
        HarError error;
        const auto entries = HarReader::read(har, &error);
        QVERIFY2(entries, qPrintable(error.toString()));
        bool sawEach[6] = {}; // error, chain, followedHop, readings with a fix, pairing, readable
        for (qsizetype i = 0; i < flows.size(); ++i) {
            const HarEntry &entry = entries->at(i);
            const Flow &flow = flows.at(i);
            const FlowVerdict &verdict = verdicts.value(flow.id);
            QVERIFY(entry.cors);
            const HarRecordedVerdict &cors = *entry.cors;
            QCOMPARE(cors.verdict, kindName(verdict.kind));
            QCOMPARE(cors.browser, QStringLiteral("chromium"));
            QCOMPARE(cors.preflightFromCache, verdict.preflightFromBrowserCache);
            QCOMPARE(cors.errorCode, verdict.evaluation ? verdict.evaluation->errorCode() : QString());
            QCOMPARE(cors.consoleMessage,
                     verdict.evaluation ? verdict.evaluation->consoleMessage : QString());
            if (verdict.evaluation && verdict.evaluation->allowed()) {
                QVERIFY(cors.readableHeaders);
                QCOMPARE(*cors.readableHeaders, verdict.evaluation->readableHeaders);
                sawEach[5] = sawEach[5] || cors.readableHeaders->contains("x-total");
            } else {
                QVERIFY(!cors.readableHeaders);
            }
            QCOMPARE(cors.pairedPreflight,
                     verdict.pairedFlowId ? std::optional<qsizetype>(indexById.value(*verdict.pairedFlowId))
                                          : std::nullopt);
            sawEach[4] = sawEach[4] || cors.pairedPreflight;
            QCOMPARE(cors.assumptions, verdict.assumptions);
            QCOMPARE(cors.pending, !verdict.settled);
            QCOMPARE(bool(cors.chain), bool(verdict.chain));
            if (verdict.chain) {
                QCOMPARE(cors.chain->id, std::optional<qsizetype>(indexById.value(verdict.chain->id)));
                QCOMPARE(cors.chain->hop, verdict.chain->hop);
                QCOMPARE(cors.chain->hops, verdict.chain->hops);
                sawEach[1] = true;
            }
            QCOMPARE(cors.followedHop, verdict.chain && verdict.chain->hop + 1 < verdict.chain->hops);
            sawEach[2] = sawEach[2] || cors.followedHop;
            QCOMPARE(cors.readings.size(), verdict.readings.size());
            for (qsizetype r = 0; r < cors.readings.size(); ++r) {
                const FlowReading &reading = verdict.readings.at(r);
                QCOMPARE(cors.readings.at(r).description, reading.description);
                QCOMPARE(cors.readings.at(r).verdict, !reading.evaluation             ? QString()
                                                      : reading.evaluation->allowed() ? u"allowed"_qs
                                                                                      : u"blocked"_qs);
                QCOMPARE(cors.readings.at(r).errorCode,
                         reading.evaluation ? reading.evaluation->errorCode() : QString());
                QCOMPARE(cors.readings.at(r).consoleMessage,
                         reading.evaluation ? reading.evaluation->consoleMessage : QString());
                QCOMPARE(cors.readings.at(r).fix, reading.fix);
                sawEach[3] = sawEach[3] || !reading.fix.isEmpty();
            }
            QCOMPARE(cors.fetchMode, verdict.fetchMode);
            QCOMPARE(cors.destination, verdict.destination);
            QCOMPARE(cors.pageSaw, verdict.pageSaw);
            QCOMPARE(bool(entry.corscopeError), flow.state == Flow::State::Error);
            if (entry.corscopeError) {
                QCOMPARE(entry.corscopeError->kind, flowErrorName(flow.errorKind));
                QCOMPARE(entry.corscopeError->message, flow.error);
                QCOMPARE(entry.corscopeError->proxyAnswerStatus, flow.proxyAnswerStatus);
                QCOMPARE(entry.networkError, flow.chromeNetError());
                sawEach[0] = true;
            }
        }
        for (const bool saw : sawEach)
            QVERIFY2(saw, "the capture exercises every field");
    }

    // A capture saved while a verdict was still waiting for later flows: the file says so, and
    // the import, for which the file is all there is, settles it and says it was pending.
    void aPendingVerdictIsReadBackAndSettledOnImport()
    {
        const QDateTime start = QDateTime::currentDateTimeUtc();
        Flow preflight =
            CapturedFlows::preflight(1, {{"Access-Control-Allow-Origin", "http://app.example"},
                                         {"Access-Control-Allow-Methods", "PUT"},
                                         {"Access-Control-Allow-Headers", "content-type, x-trace"}});
        preflight.started = start;
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const FlowVerdict verdict = analyzer.analyze(preflight);
        QVERIFY(!verdict.settled);
        const QByteArray har =
            HarWriter::write({preflight}, {{preflight.id, verdict}}, QStringLiteral("chromium"));
        HarError error;
        const auto entries = HarReader::read(har, &error);
        QVERIFY(entries && entries->first().cors);
        QVERIFY(entries->first().cors->pending);
        QCOMPARE(entries->first().cors->verdict, QStringLiteral("preflight-passed"));

        const auto imported = import(har);
        QVERIFY(imported);
        const FlowVerdict &settled = imported->verdicts.value(imported->flows.first().id);
        QVERIFY(settled.settled);
        QCOMPARE(settled.kind, FlowVerdict::Kind::PreflightUnfollowed);
        QVERIFY2(settled.assumptions.join(u'\n').contains(QStringLiteral("still waiting")),
                 qPrintable(settled.assumptions.join(u'\n')));
    }

    // A browser's HAR of new Worker('/r') answered with a redirect to another origin: one
    // same-origin entry, no Origin, no next hop. Imported (the Traffic tab's path), it is the
    // blocked fetch the browser saw, from Chrome's export (_resourceType "script", redirectURL)
    // and Firefox's (neither) alike.
    void aWorkerRedirectedAwayImportsBlocked_data()
    {
        QTest::addColumn<QString>("resourceType");
        QTest::addColumn<QString>("redirectUrl");
        QTest::addRow("Chrome") << QStringLiteral("script") << QStringLiteral("http://api.test/final");
        QTest::addRow("Firefox") << QString() << QString();
    }

    void aWorkerRedirectedAwayImportsBlocked()
    {
        QFETCH(QString, resourceType);
        QFETCH(QString, redirectUrl);
        const auto header = [](const char *name, const char *value) {
            return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                               {QStringLiteral("value"), QLatin1String(value)}};
        };
        QJsonObject entry{
            {QStringLiteral("startedDateTime"), QStringLiteral("2026-12-08T01:00:00.000Z")},
            {QStringLiteral("time"), 3},
            {QStringLiteral("request"),
             QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                         {QStringLiteral("url"), QStringLiteral("http://page.test/r")},
                         {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                         {QStringLiteral("headers"), QJsonArray{header("Sec-Fetch-Dest", "worker"),
                                                                header("Sec-Fetch-Mode", "same-origin"),
                                                                header("Sec-Fetch-Site", "same-origin"),
                                                                header("Referer", "http://page.test/app/")}},
                         {QStringLiteral("queryString"), QJsonArray{}},
                         {QStringLiteral("cookies"), QJsonArray{}},
                         {QStringLiteral("headersSize"), -1},
                         {QStringLiteral("bodySize"), 0}}},
            {QStringLiteral("response"),
             QJsonObject{{QStringLiteral("status"), 302},
                         {QStringLiteral("statusText"), QStringLiteral("Found")},
                         {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                         {QStringLiteral("headers"), QJsonArray{header("Location", "http://api.test/final")}},
                         {QStringLiteral("cookies"), QJsonArray{}},
                         {QStringLiteral("content"),
                          QJsonObject{{QStringLiteral("size"), 0}, {QStringLiteral("mimeType"), QString()}}},
                         {QStringLiteral("redirectURL"), redirectUrl},
                         {QStringLiteral("headersSize"), -1},
                         {QStringLiteral("bodySize"), 0}}},
            {QStringLiteral("cache"), QJsonObject{}},
            {QStringLiteral("timings"), QJsonObject{{QStringLiteral("send"), 0},
                                                    {QStringLiteral("wait"), 3},
                                                    {QStringLiteral("receive"), 0}}}};
        if (!resourceType.isEmpty())
            entry.insert(QStringLiteral("_resourceType"), resourceType);
        const QJsonObject log{{QStringLiteral("log"),
                               QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2")},
                                           {QStringLiteral("creator"),
                                            QJsonObject{{QStringLiteral("name"), QStringLiteral("test")},
                                                        {QStringLiteral("version"), QStringLiteral("1")}}},
                                           {QStringLiteral("entries"), QJsonArray{entry}}}}};
        const auto imported = import(QJsonDocument(log).toJson());
        QVERIFY(imported);
        QCOMPARE(imported->flows.size(), 1);
        const FlowVerdict &verdict = imported->verdicts.value(imported->flows.first().id);
        QVERIFY(verdict.settled);
        QCOMPARE(kindName(verdict.kind), kindName(FlowVerdict::Kind::Blocked));
        QVERIFY(verdict.evaluation);
        QCOMPARE(verdict.evaluation->errorCode(), corsErrorCode(CorsError::DisallowedByMode));
        QCOMPARE(toString(verdict.evaluation->resourceType), toString(ResourceType::Worker));
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

    // The proxy keeps a gzip body as sent; a HAR holds it decoded (DevTools' content.text), or
    // every HAR viewer shows base64 of gzip. Read back, the body previews as the same JSON.
    void anEncodedBodyIsExportedDecoded()
    {
        const QByteArray json = "{\"id\":1,\"name\":\"widget\"}";
        Flow flow;
        flow.id = 8;
        flow.state = Flow::State::Complete;
        flow.started = QDateTime::currentDateTimeUtc();
        flow.method = "GET";
        flow.url = QUrl(QStringLiteral("http://api.example/x"));
        flow.status = 200;
        flow.responseHeaders = {{"Content-Type", "application/json"}, {"Content-Encoding", "deflate"}};
        flow.responseBody = qCompress(json).mid(4);
        flow.responseBodySize = flow.responseBody.size();
        QJsonObject content = entriesOf(HarWriter::write({flow}, {}, QStringLiteral("chromium")))
                                  .first().toObject().value(u"response").toObject().value(u"content").toObject();
        QCOMPARE(content.value(u"text").toString(), QString::fromUtf8(json));
        QVERIFY(!content.contains(u"encoding"));
        QCOMPARE(content.value(u"size").toInteger(), json.size());
        QCOMPARE(content.value(u"compression").toInteger(), json.size() - flow.responseBodySize);

        // Cut short by the capture cap: kept as sent, not half decoded.
        flow.responseBodySize = flow.responseBody.size() + 100;
        content = entriesOf(HarWriter::write({flow}, {}, QStringLiteral("chromium")))
                      .first().toObject().value(u"response").toObject().value(u"content").toObject();
        QCOMPARE(content.value(u"encoding").toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(content.value(u"text").toString().toLatin1()), flow.responseBody);
    }
};

QTEST_GUILESS_MAIN(TestHarRoundTrip)
#include "tst_harroundtrip.moc"
