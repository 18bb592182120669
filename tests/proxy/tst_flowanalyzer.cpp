#include "capturedflows.h"
#include "har/harreader.h"
#include "proxy/flowanalyzer.h"
#include "proxy/flowimportjob.h"
#include "proxy/harwriter.h"
#include "proxy/rewriterules.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Corscope;
using namespace CapturedFlows;

class TestFlowAnalyzer : public QObject {
    Q_OBJECT

private:
    static HeaderList grant()
    {
        return {{"Access-Control-Allow-Origin", "http://app.example"},
                {"Access-Control-Allow-Methods", "PUT"},
                {"Access-Control-Allow-Headers", "content-type, x-trace"}};
    }

    // The requests a browser could send for each cross-origin request flow, including ones no
    // captured response answers (another method, another URL, the URL with a fragment).
    static QList<OutgoingRequest> probes(const Flow &request)
    {
        QList<OutgoingRequest> result;
        const QByteArray origin = request.requestHeaders.get("origin").value_or(QByteArray());
        QUrl withFragment = request.url;
        withFragment.setFragment(QStringLiteral("top"));
        for (const QUrl &url :
             {request.url, withFragment, QUrl(QStringLiteral("http://elsewhere.example/x"))}) {
            for (const QByteArray &method : {QByteArray("OPTIONS"), request.method, QByteArray("DELETE")}) {
                OutgoingRequest outgoing;
                outgoing.kind =
                    method == "OPTIONS" ? OutgoingRequest::Kind::Preflight : OutgoingRequest::Kind::Actual;
                outgoing.url = url;
                outgoing.method = method;
                outgoing.headers.append("Origin", origin);
                result.append(outgoing);
            }
        }
        return result;
    }

    // The analyzer rebuilds each request straight from its flow; rebuiltScenario (Fix with a rule)
    // goes through HAR entries as the HAR reader pairs them. Every cross-origin request, alone and
    // with every earlier preflight for its URL and origin, must come out the same both ways.
    static void compareDirectWithHarRebuild(const QList<Flow> &flows)
    {
        int compared = 0;
        for (qsizetype i = 0; i < flows.size(); ++i) {
            const Flow &request = flows.at(i);
            const std::optional<QByteArray> originHeader = request.requestHeaders.get("origin");
            if (request.tunnel || !originHeader || request.isPreflight())
                continue;
            const Origin origin = Origin::parse(QString::fromUtf8(*originHeader));
            if (!origin.isOpaque() && origin.isSameOriginAs(request.url))
                continue;
            QList<std::optional<Flow>> preflights{std::nullopt};
            for (qsizetype j = 0; j < i; ++j) {
                if (flows.at(j).isPreflight() && flows.at(j).url == request.url &&
                    flows.at(j).requestHeaders.get("origin") == originHeader)
                    preflights.append(flows.at(j));
            }
            for (const std::optional<Flow> &preflight : preflights) {
                const std::optional<HarScenario> rebuilt = FlowAnalyzer::rebuiltScenario(request, preflight);
                QVERIFY(rebuilt);
                QStringList assumptions;
                const FetchRequest direct =
                    FlowAnalyzer::pageRequest(request, origin, preflight, &assumptions);
                const FetchRequest &expected = rebuilt->scenario.request;
                QCOMPARE(direct.url, expected.url);
                QCOMPARE(direct.origin.serialize(), expected.origin.serialize());
                QCOMPARE(direct.method, expected.method);
                QVERIFY(direct.headers == expected.headers);
                QCOMPARE(direct.body, expected.body);
                QCOMPARE(toString(direct.mode), toString(expected.mode));
                QCOMPARE(toString(direct.credentials), toString(expected.credentials));
                QCOMPARE(toString(direct.redirect), toString(expected.redirect));
                QCOMPARE(assumptions, rebuilt->assumptions);
                const CapturedResponses responses(request, preflight);
                for (const OutgoingRequest &outgoing : probes(request)) {
                    const HttpResponse got = responses.respond(outgoing);
                    const HttpResponse want = rebuilt->scenario.respond(outgoing);
                    QCOMPARE(got.status, want.status);
                    QCOMPARE(got.statusText, want.statusText);
                    QVERIFY(got.headers == want.headers);
                    QCOMPARE(got.body, want.body);
                }
                ++compared;
            }
        }
        QVERIFY(compared > 0);
    }

private slots:
    void aPreflightTheProxyAnsweredStillPairsAndSaysSo()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        Flow answered = preflight(1, grant());
        answered.answeredLocally = true;
        answered.appliedRules = {QStringLiteral("answer preflights")};
        const FlowVerdict first = analyzer.analyze(answered);
        QCOMPARE(first.kind, FlowVerdict::Kind::PreflightPassed);
        QVERIFY(first.assumptions.join(u' ').contains(QStringLiteral("'answer preflights'")));
        const FlowVerdict second =
            analyzer.analyze(put(2, {{"Access-Control-Allow-Origin", "http://app.example"}}));
        QCOMPARE(second.kind, FlowVerdict::Kind::Allowed);
        QCOMPARE(second.pairedFlowId, std::optional<quint64>(1));
        QVERIFY(second.assumptions.join(u' ').contains(QStringLiteral("not by the server")));
    }

    void preflightIsPairedWithItsRequest()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const FlowVerdict first = analyzer.analyze(preflight(1, grant()));
        QCOMPARE(first.kind, FlowVerdict::Kind::PreflightPassed);
        const FlowVerdict second =
            analyzer.analyze(put(2, {{"Access-Control-Allow-Origin", "http://app.example"}}));
        QCOMPARE(second.kind, FlowVerdict::Kind::Allowed);
        QCOMPARE(second.pairedFlowId, std::optional<quint64>(1));
        QVERIFY(second.evaluation->preflightSent);
        QVERIFY(!second.preflightFromBrowserCache);
    }

    void actualResponseWithoutAllowOriginIsBlockedWithTheConsoleMessage()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        analyzer.analyze(preflight(1, grant()));
        const FlowVerdict verdict = analyzer.analyze(put(2, {{"Content-Type", "application/json"}}));
        QCOMPARE(verdict.kind, FlowVerdict::Kind::Blocked);
        QVERIFY(verdict.evaluation->consoleMessage.startsWith(QStringLiteral(
            "Access to fetch at 'http://api.example/v1/items' from origin 'http://app.example'")));
        const TrafficEntry entry = FlowAnalyzer::trafficEntry(put(2, {}), verdict);
        QVERIFY(entry.facts.blocked);
        QCOMPARE(entry.pairedFlowId, std::optional<quint64>(1));
    }

    void failingPreflightIsFlaggedOnItsOwn()
    {
        FlowAnalyzer analyzer(BrowserProfile::firefox());
        const FlowVerdict verdict =
            analyzer.analyze(preflight(1, {{"Access-Control-Allow-Origin", "http://app.example"}}, 404));
        QCOMPARE(verdict.kind, FlowVerdict::Kind::PreflightFailed);
        QVERIFY(verdict.isBlocked());
        QVERIFY(
            verdict.evaluation->consoleMessage.startsWith(QStringLiteral("Cross-Origin Request Blocked")));
        const TrafficEntry entry = FlowAnalyzer::trafficEntry(preflight(1, {}, 404), verdict);
        QVERIFY(entry.facts.preflightFailed && entry.facts.isPreflight);
    }

    void requestSentDespiteAFailedPreflightIsPairedAndBlocked()
    {
        // A browser never does this; curl and scripts do. The request is explained by the
        // preflight it ignored, not by an imagined cache hit.
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const HeaderList narrowGrant{{"Access-Control-Allow-Origin", "http://app.example"},
                                     {"Access-Control-Allow-Methods", "PUT"},
                                     {"Access-Control-Allow-Headers", "content-type"}};
        QCOMPARE(analyzer.analyze(preflight(1, narrowGrant)).kind, FlowVerdict::Kind::PreflightFailed);
        const FlowVerdict verdict =
            analyzer.analyze(put(2, {{"Access-Control-Allow-Origin", "http://app.example"}}));
        QCOMPARE(verdict.kind, FlowVerdict::Kind::Blocked);
        QCOMPARE(verdict.pairedFlowId, std::optional<quint64>(1));
        QVERIFY(!verdict.preflightFromBrowserCache);
        QVERIFY(verdict.evaluation->consoleMessage.contains(QStringLiteral("x-trace")));
        QVERIFY(verdict.assumptions.join(u' ').contains(QStringLiteral("never sends the request")));
    }

    void missingPreflightMeansTheBrowserCacheAnswered()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const FlowVerdict verdict =
            analyzer.analyze(put(5, {{"Access-Control-Allow-Origin", "http://app.example"}}));
        QCOMPARE(verdict.kind, FlowVerdict::Kind::Allowed);
        QVERIFY(verdict.preflightFromBrowserCache);
        QVERIFY(FlowAnalyzer::trafficEntry(put(5, {}), verdict).facts.preflightCached);
    }

    void sameOriginAndTunnelsAreNotCors()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        QCOMPARE(analyzer.analyze(flow(1, "GET", {}, 200, {})).kind, FlowVerdict::Kind::NotCors);
        QCOMPARE(analyzer.analyze(flow(2, "POST", {{"Origin", "http://api.example"}}, 200, {})).kind,
                 FlowVerdict::Kind::NotCors);
    }

    void reflectedOriginWithoutVaryIsNoted()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const Flow get = flow(1, "GET", {{"Origin", "http://app.example"}}, 200,
                              {{"Access-Control-Allow-Origin", "http://app.example"}});
        const TrafficEntry entry = FlowAnalyzer::trafficEntry(get, analyzer.analyze(get));
        QVERIFY(entry.facts.reflectsOrigin);
        QVERIFY(entry.facts.noVary);
        const Flow varied =
            flow(2, "GET", {{"Origin", "http://app.example"}}, 200,
                 {{"Access-Control-Allow-Origin", "http://app.example"}, {"Vary", "Accept, Origin"}});
        QVERIFY(!FlowAnalyzer::trafficEntry(varied, analyzer.analyze(varied)).facts.noVary);
    }

    void directRebuildMatchesHarPairing_data()
    {
        QTest::addColumn<QString>("har");
        const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har"));
        for (const QString &name : dir.entryList({QStringLiteral("*.har")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
        QVERIFY(!dir.entryList({QStringLiteral("*.har")}, QDir::Files).isEmpty());
    }

    void directRebuildMatchesHarPairing()
    {
        QFETCH(QString, har);
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const std::optional<QList<Flow>> flows = FlowImportJob::flowsFromHar(file.readAll(), &error);
        QVERIFY2(flows, qPrintable(error));
        compareDirectWithHarRebuild(*flows);
    }

    void directRebuildMatchesHarPairingForCapturedFlows()
    {
        Flow cookies = put(5, {{"Access-Control-Allow-Origin", "http://app.example"}});
        cookies.requestHeaders.append("Cookie", "session=1");
        cookies.requestHeaders.append("Pragma", "no-cache");
        cookies.requestBody = "{}";
        cookies.requestBodySize = 2;
        Flow substituted = flow(6, "GET", {{"Origin", "http://app.example"}, {"Accept", "*/*"}}, 200,
                                {{"Access-Control-Allow-Origin", "{origin}"}});
        Flow failed = flow(7, "DELETE", {{"Origin", "http://app.example"}, {"User-Agent", "ab"}}, 0, {});
        failed.state = Flow::State::Error;
        Flow fragment =
            flow(8, "PUT", {{"Origin", "http://app.example"}, {"X-Trace", "2"}}, 200,
                 {{"Access-Control-Allow-Origin", "*"}}, QStringLiteral("http://api.example/v1/items#x"));
        const QList<Flow> flows{preflight(1, grant()),
                                put(2, {{"Access-Control-Allow-Origin", "http://app.example"}}),
                                preflight(3, {{"Access-Control-Allow-Origin", "*"}}, 403),
                                preflight(4, grant()),
                                cookies,
                                substituted,
                                failed,
                                fragment,
                                flow(9, "GET", {{"Origin", "null"}}, 302, {{"Location", "/next"}}),
                                flow(10, "GET", {{"Origin", "http://api.example"}}, 200, {})};
        compareDirectWithHarRebuild(flows);
    }

    void harExportCarriesCorsAndReadsBack()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QList<Flow> flows{preflight(10, grant()),
                                put(11, {{"Access-Control-Allow-Origin", "http://app.example"}}),
                                flow(12, "GET", {{"Origin", "http://app.example"}}, 200, {})};
        QHash<quint64, FlowVerdict> verdicts;
        for (const Flow &f : flows)
            verdicts.insert(f.id, analyzer.analyze(f));
        const QByteArray har = HarWriter::write(flows, verdicts, QStringLiteral("chromium"));
        const QJsonArray entries =
            QJsonDocument::fromJson(har).object().value(u"log").toObject().value(u"entries").toArray();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(1).toObject().value(u"_cors").toObject().value(u"verdict").toString(),
                 QStringLiteral("allowed"));
        QCOMPARE(entries.at(1).toObject().value(u"_cors").toObject().value(u"pairedPreflight").toInt(), 0);
        QCOMPARE(entries.at(2).toObject().value(u"_cors").toObject().value(u"errorCode").toString(),
                 QStringLiteral("missing-allow-origin"));

        // Read back with the HAR reader: the same pairing and the same verdicts.
        HarError error;
        const auto read = HarReader::read(har, &error);
        QVERIFY2(read, qPrintable(error.toString()));
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(*read);
        QCOMPARE(scenarios.size(), 2);
        QCOMPARE(scenarios.first().preflightEntryIndex, std::optional<qsizetype>(0));
        const QList<Evaluation> first =
            ScenarioRunner::run(scenarios.first().scenario, BrowserProfile::chromium());
        QVERIFY(first.last().allowed());
        const QList<Evaluation> second =
            ScenarioRunner::run(scenarios.last().scenario, BrowserProfile::chromium());
        QVERIFY(!second.last().allowed());
    }

    void rewriteRulesMatchAndEdit()
    {
        QString error;
        // Plain escaped JSON: moc does not understand raw string literals.
        const QByteArray json =
            "{\"rules\": [{\"name\": \"fix api\", \"match\": {\"host\": \"*.example\", \"path\": \"/v1/*\", "
            "\"method\": \"PUT\"}, \"set\": {\"Access-Control-Allow-Origin\": \"http://app.example\"}, "
            "\"add\": {\"Vary\": \"Origin\"}, \"remove\": [\"X-Powered-By\"]}, "
            "{\"name\": \"off\", \"enabled\": false, \"set\": {\"X-Never\": \"1\"}}]}";
        const auto rules = RewriteRules::parse(json, &error);
        QVERIFY2(rules, qPrintable(error));
        HeaderList headers{{"X-Powered-By", "php"}, {"Access-Control-Allow-Origin", "*"}};
        QCOMPARE(rules->apply(put(1, {}), headers), QStringList{QStringLiteral("fix api")});
        QCOMPARE(headers.get("access-control-allow-origin"), std::optional<QByteArray>("http://app.example"));
        QVERIFY(!headers.contains("x-powered-by") && headers.contains("vary") &&
                !headers.contains("x-never"));
        HeaderList untouched;
        QVERIFY(rules->apply(flow(2, "GET", {}, 200, {}), untouched).isEmpty());

        QVERIFY(!RewriteRules::parse("{\"rules\": [{\"match\": {}}]}", &error));
        QVERIFY(error.contains(QStringLiteral("changes nothing")));
        QVERIFY(!RewriteRules::parse("[{\"set\": {\"A\": 1}}]", &error));
        QVERIFY(!RewriteRules::parse("{", &error));
    }
    // A captured `patch` (the proxy passes it as sent) is evaluated as the browser does: Fetch
    // upper-cases only DELETE GET HEAD OPTIONS POST PUT, so `patch` stays lower-case, is not
    // CORS-safelisted, and needs a preflight naming `patch` whose Access-Control-Allow-Methods
    // lists `patch`, compared case-sensitively ([fetch] CORS-preflight fetch, step 7.5).
    void lowercasePatchNeedsItsOwnSpellingAllowed_data()
    {
        QTest::addColumn<QByteArray>("allowMethods");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("patch") << QByteArray("patch") << true;
        QTest::newRow("among others") << QByteArray("PUT, patch") << true;
        QTest::newRow("wildcard") << QByteArray("*") << true;
        QTest::newRow("PATCH does not cover patch") << QByteArray("PATCH") << false;
        QTest::newRow("Patch does not cover patch") << QByteArray("Patch") << false;
    }
    void lowercasePatchNeedsItsOwnSpellingAllowed()
    {
        QFETCH(QByteArray, allowMethods);
        QFETCH(bool, allowed);
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const Flow options = flow(
            1, "OPTIONS", {{"Origin", "http://app.example"}, {"Access-Control-Request-Method", "patch"}}, 204,
            {{"Access-Control-Allow-Origin", "http://app.example"},
             {"Access-Control-Allow-Methods", allowMethods}});
        QVERIFY(options.isPreflight());
        const FlowVerdict first = analyzer.analyze(options);
        QCOMPARE(first.kind,
                 allowed ? FlowVerdict::Kind::PreflightPassed : FlowVerdict::Kind::PreflightFailed);
        const FlowVerdict second =
            analyzer.analyze(flow(2, "patch", {{"Origin", "http://app.example"}}, 200,
                                  {{"Access-Control-Allow-Origin", "http://app.example"}}));
        QCOMPARE(second.kind, allowed ? FlowVerdict::Kind::Allowed : FlowVerdict::Kind::Blocked);
        QCOMPARE(second.pairedFlowId, std::optional<quint64>(1));
        QVERIFY(second.evaluation->preflightSent);
        QVERIFY(!second.preflightFromBrowserCache);
    }

    // A preflight is `OPTIONS` exactly, as browsers send it: an `options` request is a request.
    void lowercaseOptionsIsNotAPreflight()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const Flow lower =
            flow(1, "options", {{"Origin", "http://app.example"}, {"Access-Control-Request-Method", "PUT"}},
                 200, {{"Access-Control-Allow-Origin", "http://app.example"}});
        QVERIFY(!lower.isPreflight());
        const FlowVerdict verdict = analyzer.analyze(lower);
        QVERIFY(verdict.kind != FlowVerdict::Kind::PreflightPassed &&
                verdict.kind != FlowVerdict::Kind::PreflightFailed);
    }
};

QTEST_GUILESS_MAIN(TestFlowAnalyzer)
#include "tst_flowanalyzer.moc"
