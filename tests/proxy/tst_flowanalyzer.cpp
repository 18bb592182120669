#include "capture/flowanalyzer.h"
#include "capture/flowimportjob.h"
#include "capturedflows.h"
#include "cors/corserror.h"
#include "har/harreader.h"
#include "har/harwriter.h"
#include "proxy/rewriterules.h"
#include "report/sequencediagram.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Corscope;
using namespace CapturedFlows;

Q_DECLARE_METATYPE(Corscope::HeaderList)

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

    // One hop of a redirect chain as the server answers it.
    struct Hop {
        QString url;
        int status = 200;
        HeaderList headers;
    };
    struct ChainCase {
        const char *name;
        bool firefox = false;
        QByteArray method = "GET";
        bool preflighted = false; // the page sets Content-Type: application/json and X-Trace
        bool credentials = false; // credentials: 'include', so the requests carry a cookie
        QList<Hop> hops;
        HeaderList preflightGrant; // every preflight's answer, when preflighted
    };

    static const QString app() { return QStringLiteral("http://app.example"); }

    static HeaderList cors(const QByteArray &allowOrigin, const QString &location = {})
    {
        HeaderList headers;
        if (!allowOrigin.isEmpty())
            headers.append("Access-Control-Allow-Origin", allowOrigin);
        if (!location.isEmpty())
            headers.append("Location", location.toUtf8());
        return headers;
    }

    static QList<ChainCase> chainCases()
    {
        QList<ChainCase> cases;
        const QString api = QStringLiteral("http://api.example");
        const QString cdn = QStringLiteral("http://cdn.example");
        for (const int status : {301, 302, 303, 307, 308}) {
            for (const bool firefox : {false, true}) {
                ChainCase same;
                same.name = "same-origin hop";
                same.firefox = firefox;
                same.hops = {{api + QStringLiteral("/a"), status,
                              cors("http://app.example", api + QStringLiteral("/b"))},
                             {api + QStringLiteral("/b"), 200, cors("http://app.example")}};
                cases << same;
                ChainCase bare = same;
                bare.name = "redirect without CORS headers";
                bare.hops[0].headers = cors({}, api + QStringLiteral("/b"));
                cases << bare;
                ChainCase finalBare = same;
                finalBare.name = "final hop without CORS headers";
                finalBare.hops[1].headers = {};
                cases << finalBare;
                ChainCase cross = same;
                cross.name = "cross-origin hop, origin null, final allows the page";
                cross.hops[0].headers = cors("http://app.example", cdn + QStringLiteral("/b"));
                cross.hops[1] = {cdn + QStringLiteral("/b"), 200, cors("http://app.example")};
                cases << cross;
                ChainCase crossNull = cross;
                crossNull.name = "cross-origin hop, final allows null";
                crossNull.hops[1].headers = cors("null");
                cases << crossNull;
                ChainCase crossStar = cross;
                crossStar.name = "cross-origin hop, final allows *";
                crossStar.hops[1].headers = cors("*");
                cases << crossStar;
                ChainCase credentialed = crossStar;
                credentialed.name = "credentials across a cross-origin hop, final *";
                credentialed.credentials = true;
                credentialed.hops[0].headers.append("Access-Control-Allow-Credentials", "true");
                cases << credentialed;
                ChainCase credentialedOk = same;
                credentialedOk.name = "credentials across a same-origin hop, both allow them";
                credentialedOk.credentials = true;
                for (Hop &hop : credentialedOk.hops)
                    hop.headers.append("Access-Control-Allow-Credentials", "true");
                cases << credentialedOk;
                ChainCase post = same;
                post.name = "POST redirected";
                post.method = "POST";
                cases << post;
                ChainCase preflighted = same;
                preflighted.name = "preflighted PUT redirected";
                preflighted.method = "PUT";
                preflighted.preflighted = true;
                preflighted.preflightGrant = {{"Access-Control-Allow-Origin", "http://app.example"},
                                              {"Access-Control-Allow-Methods", "PUT"},
                                              {"Access-Control-Allow-Headers", "content-type, x-trace"}};
                cases << preflighted;
                ChainCase preflightedCross = preflighted;
                preflightedCross.name = "preflighted PUT redirected cross-origin";
                preflightedCross.hops[0].headers = cors("http://app.example", cdn + QStringLiteral("/b"));
                preflightedCross.hops[1] = {cdn + QStringLiteral("/b"), 200, cors("*")};
                cases << preflightedCross;
            }
        }
        ChainCase three;
        three.name = "three hops across two origins";
        three.hops = {{api + QStringLiteral("/a"), 302, cors("*", cdn + QStringLiteral("/b"))},
                      {cdn + QStringLiteral("/b"), 307, cors("*", api + QStringLiteral("/c"))},
                      {api + QStringLiteral("/c"), 200, cors("*")}};
        cases << three;
        for (const int redirects : {20, 21}) {
            ChainCase longChain;
            longChain.name = redirects == 20 ? "20 redirects (the limit)" : "21 redirects (one too many)";
            for (int i = 0; i < redirects; ++i)
                longChain.hops.append({api + QStringLiteral("/r%1").arg(i), 302,
                                       cors("*", api + QStringLiteral("/r%1").arg(i + 1))});
            longChain.hops.append({api + QStringLiteral("/r%1").arg(redirects), 200, cors("*")});
            cases << longChain;
        }
        return cases;
    }

    // The page's fetch of a case, as `check` would be given it.
    static FetchRequest pageFetch(const ChainCase &c)
    {
        FetchRequest request;
        request.url = QUrl(c.hops.first().url);
        request.origin = Origin::parse(app());
        request.method = c.method;
        if (c.preflighted) {
            request.headers.append("Content-Type", "application/json");
            request.headers.append("X-Trace", "1");
        }
        if (c.method == "POST" || c.method == "PUT")
            request.body = QByteArray("{}");
        request.credentials = c.credentials ? CredentialsMode::Include : CredentialsMode::SameOrigin;
        return request;
    }

    static Scenario scenarioOf(const ChainCase &c)
    {
        Scenario scenario;
        scenario.request = pageFetch(c);
        for (const Hop &hop : c.hops) {
            HttpResponse response;
            response.status = hop.status;
            response.headers = hop.headers;
            if (c.preflighted) {
                HttpResponse grant;
                grant.status = 204;
                grant.headers = c.preflightGrant;
                scenario.responses.append({"OPTIONS", QUrl(hop.url), grant});
            }
            scenario.responses.append({"*", QUrl(hop.url), response});
        }
        return scenario;
    }

    // What `check` decides for a scenario: runFetch, the code path the CLI's check runs.
    static Evaluation checked(const Scenario &scenario, const BrowserProfile &profile)
    {
        ManualClock clock;
        PreflightCache cache(profile, clock);
        return runFetch(
            scenario.request, profile, cache,
            [&](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
                return scenario.respond(outgoing);
            },
            EvaluationDetail::Full);
    }

    // The flows a browser puts through the proxy for an evaluation: every request it sent, as it
    // sent it (a cookie when credentials are included), with the response it got.
    static QList<Flow> wireFlows(const Evaluation &evaluation, quint64 firstId, const QDateTime &start)
    {
        QList<Flow> flows;
        for (const Exchange &exchange : evaluation.exchanges) {
            Flow f;
            f.id = firstId + quint64(flows.size());
            f.state = Flow::State::Complete;
            f.started = start.addMSecs(qint64(flows.size()) * 20);
            f.method = exchange.request.method;
            f.url = exchange.request.url;
            f.requestHeaders = exchange.request.headers;
            f.requestHeaders.append("Sec-Fetch-Mode", "cors");
            f.requestHeaders.append("Sec-Fetch-Dest", "empty");
            if (exchange.request.withCredentials)
                f.requestHeaders.append("Cookie", "session=1");
            if (exchange.request.body) {
                f.requestBody = *exchange.request.body;
                f.requestBodySize = f.requestBody.size();
            }
            if (exchange.response) {
                f.status = exchange.response->status;
                f.reason = exchange.response->statusText;
                f.responseHeaders = exchange.response->headers;
            }
            f.completeMs = 5;
            f.clientAddress = QHostAddress::LocalHost;
            f.clientPort = 50000;
            flows.append(f);
        }
        return flows;
    }

    // Every flow through the analyzer; the final verdict of each once the capture is over.
    static QHash<quint64, FlowVerdict> finalVerdicts(FlowAnalyzer &analyzer, const QList<Flow> &flows)
    {
        QHash<quint64, FlowVerdict> verdicts;
        auto collect = [&] {
            for (FlowRevision &revision : analyzer.takeRevisions())
                verdicts.insert(revision.verdict.flowId, std::move(revision.verdict));
        };
        for (const Flow &f : flows) {
            FlowVerdict verdict = analyzer.analyze(f);
            collect();
            verdicts.insert(f.id, std::move(verdict));
        }
        analyzer.finish();
        collect();
        return verdicts;
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

    // A redirect chain is one fetch: its verdict, error and console message are what `check`
    // (runFetch over the same responses) decides, on the hop where the browser decided; every
    // hop before it is a followed hop of the chain.
    void redirectChainIsJudgedAsCheckJudgesIt_data()
    {
        QTest::addColumn<int>("index");
        const QList<ChainCase> cases = chainCases();
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const ChainCase &c = cases.at(i);
            QTest::newRow(qPrintable(QStringLiteral("%1 %2 %3 %4")
                                         .arg(i)
                                         .arg(c.hops.first().status)
                                         .arg(c.firefox ? u"firefox" : u"chromium")
                                         .arg(QString::fromLatin1(c.name))))
                << int(i);
        }
    }

    void redirectChainIsJudgedAsCheckJudgesIt()
    {
        QFETCH(int, index);
        const ChainCase c = chainCases().at(index);
        const BrowserProfile &profile = c.firefox ? BrowserProfile::firefox() : BrowserProfile::chromium();
        const Evaluation expected = checked(scenarioOf(c), profile);
        const QList<Flow> flows = wireFlows(expected, 1, QDateTime::currentDateTimeUtc());
        QVERIFY(!flows.isEmpty());
        for (const EvaluationDetail detail : {EvaluationDetail::Full, EvaluationDetail::VerdictOnly}) {
            FlowAnalyzer analyzer(profile, detail);
            const QHash<quint64, FlowVerdict> verdicts = finalVerdicts(analyzer, flows);
            QVERIFY(!analyzer.hasPending());
            // The browser decided at the last request it sent.
            const FlowVerdict &deciding = verdicts.value(flows.last().id);
            QVERIFY(deciding.settled);
            QVERIFY2(deciding.evaluation, "the deciding hop carries the evaluation");
            QCOMPARE(deciding.evaluation->allowed(), expected.allowed());
            QCOMPARE(deciding.evaluation->errorCode(), expected.errorCode());
            QCOMPARE(deciding.evaluation->consoleMessage, expected.consoleMessage);
            QCOMPARE(deciding.isBlocked(), !expected.allowed());
            if (detail == EvaluationDetail::Full) {
                // One evaluation holds every exchange of the chain: its sequence diagram draws all hops.
                QCOMPARE(deciding.evaluation->exchanges.size(), expected.exchanges.size());
                QCOMPARE(SequenceDiagram::fromEvaluation(*deciding.evaluation).size(),
                         SequenceDiagram::fromEvaluation(expected).size());
            }
            QCOMPARE(deciding.kind, expected.allowed()           ? FlowVerdict::Kind::Allowed
                                    : flows.last().isPreflight() ? FlowVerdict::Kind::PreflightFailed
                                                                 : FlowVerdict::Kind::Blocked);
            // The chain: every flow after the guarding preflight, in order.
            const qsizetype firstHop = flows.first().isPreflight() ? 1 : 0;
            const int hops = int(flows.size() - firstHop);
            if (hops == 1) {
                QVERIFY(!deciding.chain);
                continue;
            }
            for (qsizetype i = firstHop; i < flows.size(); ++i) {
                const FlowVerdict &verdict = verdicts.value(flows.at(i).id);
                QVERIFY(verdict.settled);
                QVERIFY2(verdict.chain, qPrintable(QStringLiteral("flow %1 has no chain").arg(i)));
                QCOMPARE(verdict.chain->id, flows.at(firstHop).id);
                QCOMPARE(verdict.chain->hop, int(i - firstHop));
                QCOMPARE(verdict.chain->hops, hops);
                if (i + 1 < flows.size()) {
                    QVERIFY(!verdict.isBlocked());
                    QCOMPARE(verdict.followedHop(), !flows.at(i).isPreflight());
                }
            }
            if (firstHop == 1)
                QCOMPARE(verdicts.value(flows.at(1).id).pairedFlowId,
                         std::optional<quint64>(flows.first().id));
        }
    }

    // A redirect into a URL whose preflight an earlier fetch cached (Access-Control-Max-Age): the
    // browser sends that hop's request with no OPTIONS before it. The chain is still one fetch,
    // judged as `check` judges the second fetch with the first one's cache.
    void aRedirectIntoACachedPreflightIsStitched_data()
    {
        QTest::addColumn<bool>("firefox");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QByteArray>("finalAllowOrigin");
        for (const bool firefox : {false, true}) {
            const QString browser = firefox ? u"firefox"_qs : u"chromium"_qs;
            QTest::newRow(qPrintable(browser + QStringLiteral(" same origin, allowed")))
                << firefox << u"http://api.example/b"_qs << QByteArray("http://app.example");
            QTest::newRow(qPrintable(browser + QStringLiteral(" same origin, final blocked")))
                << firefox << u"http://api.example/b"_qs << QByteArray();
            // Chromium preflights the cross-origin hop from 'null', which the cache does not hold;
            // Firefox preflights it from the page's origin, which it does.
            QTest::newRow(qPrintable(browser + QStringLiteral(" cross-origin hop")))
                << firefox << u"http://cdn.example/b"_qs << QByteArray("*");
        }
    }

    void aRedirectIntoACachedPreflightIsStitched()
    {
        QFETCH(bool, firefox);
        QFETCH(QString, target);
        QFETCH(QByteArray, finalAllowOrigin);
        const BrowserProfile &profile = firefox ? BrowserProfile::firefox() : BrowserProfile::chromium();
        HeaderList cached = grant();
        cached.append("Access-Control-Max-Age", "600");
        if (target.startsWith(u"http://cdn"))
            cached.set("Access-Control-Allow-Origin", "*");
        Scenario scenario;
        scenario.responses.append({"OPTIONS", QUrl(target), HttpResponse{204, "No Content", cached, {}}});
        scenario.responses.append({"*", QUrl(target), HttpResponse{200, "OK", cors(finalAllowOrigin), {}}});
        scenario.responses.append(
            {"OPTIONS", QUrl(u"http://api.example/a"_qs), HttpResponse{204, "No Content", grant(), {}}});
        scenario.responses.append(
            {"*", QUrl(u"http://api.example/a"_qs),
             HttpResponse{307, "Temporary Redirect", cors("http://app.example", target), {}}});
        ChainCase put;
        put.method = "PUT";
        put.preflighted = true;
        put.hops = {{target, 200, {}}};
        FetchRequest direct = pageFetch(put);
        put.hops = {{u"http://api.example/a"_qs, 307, {}}};
        FetchRequest redirected = pageFetch(put);
        // `check` with one page's cache: the direct fetch, then the redirected one.
        ManualClock clock;
        PreflightCache cache(profile, clock);
        auto server = [&](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
            return scenario.respond(outgoing);
        };
        const Evaluation first = runFetch(direct, profile, cache, server, EvaluationDetail::Full);
        QVERIFY(first.exchanges.size() == 2 && first.allowed() == !finalAllowOrigin.isEmpty());
        const Evaluation expected = runFetch(redirected, profile, cache, server, EvaluationDetail::Full);
        const bool hit = expected.exchanges.size() == 3;
        // (Firefox drops the entry when the direct fetch's response fails its CORS check.)
        if (first.allowed())
            QCOMPARE(hit, !target.startsWith(u"http://cdn") || firefox);

        const QDateTime start = QDateTime::currentDateTimeUtc();
        QList<Flow> flows = wireFlows(first, 1, start);
        const QList<Flow> second = wireFlows(expected, 10, start.addSecs(1));
        flows += second;
        FlowAnalyzer analyzer(profile);
        const QHash<quint64, FlowVerdict> verdicts = finalVerdicts(analyzer, flows);
        const FlowVerdict &deciding = verdicts.value(flows.last().id);
        QVERIFY(deciding.evaluation);
        QCOMPARE(deciding.evaluation->allowed(), expected.allowed());
        QCOMPARE(deciding.evaluation->errorCode(), expected.errorCode());
        QCOMPARE(deciding.evaluation->consoleMessage, expected.consoleMessage);
        QCOMPARE(deciding.evaluation->exchanges.size(), expected.exchanges.size());
        QCOMPARE(deciding.kind, expected.allowed() ? FlowVerdict::Kind::Allowed : FlowVerdict::Kind::Blocked);
        QCOMPARE(deciding.preflightFromBrowserCache, hit);
        // The chain: the redirect and every request after it (a preflight on the wire is a hop).
        QVERIFY(deciding.chain);
        QCOMPARE(deciding.chain->id, second.at(1).id);
        QCOMPARE(deciding.chain->hops, int(second.size()) - 1);
        const FlowVerdict &redirect = verdicts.value(second.at(1).id);
        QCOMPARE(redirect.kind, FlowVerdict::Kind::RedirectFollowed);
        QCOMPARE(redirect.pairedFlowId, std::optional<quint64>(second.first().id));
        QVERIFY(!analyzer.hasPending());
        for (const FlowVerdict &verdict : verdicts)
            QVERIFY(verdict.kind != FlowVerdict::Kind::RedirectUnfollowed);
    }

    // A redirect into HTTPS the proxy only tunnels: the next hop is not visible, and the verdict
    // says so — the redirect's own CORS checks, where it went, and how to see it — whether the
    // tunnel is analysed before the window passes or (a tunnel is a flow once it closes) after.
    void aRedirectIntoATunnelSaysTheNextHopIsNotVisible_data()
    {
        QTest::addColumn<bool>("afterTheWindow");
        QTest::newRow("tunnel within the window") << false;
        QTest::newRow("tunnel after the window") << true;
    }

    void aRedirectIntoATunnelSaysTheNextHopIsNotVisible()
    {
        QFETCH(bool, afterTheWindow);
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QDateTime start = QDateTime::currentDateTimeUtc();
        Flow redirect = flow(1, "GET", {{"Origin", "http://app.example"}}, 302,
                             {{"Access-Control-Allow-Origin", "*"}, {"Location", "https://secure.example/b"}},
                             QStringLiteral("http://api.example/a"));
        redirect.started = start;
        redirect.clientAddress = QHostAddress::LocalHost;
        Flow other = tunnel(2, QStringLiteral("elsewhere.example:443"));
        other.started = start.addMSecs(10);
        other.clientAddress = QHostAddress::LocalHost;
        Flow tunnelled = tunnel(3, QStringLiteral("secure.example:443"));
        tunnelled.started = start.addMSecs(20);
        tunnelled.clientAddress = QHostAddress::LocalHost;
        QVERIFY(!analyzer.analyze(redirect).settled);
        QCOMPARE(analyzer.analyze(other).kind, FlowVerdict::Kind::NotCors);
        QVERIFY(analyzer.takeRevisions().empty()); // another host says nothing of this hop
        if (afterTheWindow) {
            analyzer.settle(start.addSecs(10));
            const std::vector<FlowRevision> expired = analyzer.takeRevisions();
            QCOMPARE(expired.size(), size_t(1));
            QCOMPARE(expired.front().verdict.readings.size(), 4);
        }
        QCOMPARE(analyzer.analyze(tunnelled).kind, FlowVerdict::Kind::NotCors);
        const std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        const FlowVerdict &verdict = revisions.front().verdict;
        QCOMPARE(verdict.flowId, redirect.id);
        QVERIFY(verdict.settled);
        QCOMPARE(verdict.kind, FlowVerdict::Kind::RedirectUnfollowed);
        QVERIFY(!verdict.isBlocked());
        // Exactly what can be known, and no guesses beside it.
        QCOMPARE(verdict.readings.size(), 1);
        const FlowReading &reading = verdict.readings.first();
        QVERIFY2(reading.description.contains(
                     QStringLiteral("not visible: HTTPS not intercepted for secure.example")),
                 qPrintable(reading.description));
        QVERIFY(reading.description.contains(QStringLiteral("https://secure.example/b")));
        QVERIFY2(reading.fix.startsWith(QStringLiteral("intercept secure.example")), qPrintable(reading.fix));
        QVERIFY(reading.fix.contains(QStringLiteral("CA")));
        // The redirect hop's own checks, as `check` runs them up to the redirect.
        QVERIFY(reading.evaluation);
        QVERIFY(reading.evaluation->allowed());
        // The redirect with its response, then the request into the tunnel with none seen.
        QCOMPARE(reading.evaluation->exchanges.size(), 2);
        QVERIFY(reading.evaluation->exchanges.first().response);
        QCOMPARE(reading.evaluation->exchanges.last().request.url,
                 QUrl(QStringLiteral("https://secure.example/b")));
        QVERIFY(!reading.evaluation->exchanges.last().response);
        QVERIFY(!reading.evaluation->steps.isEmpty());
        QVERIFY(verdict.assumptions.join(u'\n').contains(QStringLiteral("CONNECT to secure.example:443")));
        QVERIFY(!analyzer.hasPending());
        analyzer.finish();
        QVERIFY(analyzer.takeRevisions().empty());
    }

    // A tunnel that could not be opened, or whose TLS the browser refused: the redirected fetch
    // failed as a network error, which `check` decides the same way; the CONNECT is its last hop.
    void aRedirectIntoAFailedTunnelIsANetworkError_data()
    {
        QTest::addColumn<int>("errorKind");
        QTest::addColumn<QString>("fix");
        QTest::newRow("refused") << int(FlowError::ConnectionRefused) << QString();
        QTest::newRow("dns") << int(FlowError::DnsFailure) << QString();
        QTest::newRow("untrusted CA")
            << int(FlowError::ClientTlsFailure) << QStringLiteral("trust Corscope's CA");
    }

    void aRedirectIntoAFailedTunnelIsANetworkError()
    {
        QFETCH(int, errorKind);
        QFETCH(QString, fix);
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QDateTime start = QDateTime::currentDateTimeUtc();
        Flow redirect = flow(1, "GET", {{"Origin", "http://app.example"}}, 302,
                             {{"Access-Control-Allow-Origin", "*"}, {"Location", "https://secure.example/b"}},
                             QStringLiteral("http://api.example/a"));
        redirect.started = start;
        Flow failed = tunnel(2, QStringLiteral("secure.example:443"));
        failed.started = start.addMSecs(20);
        failed.state = Flow::State::Error;
        failed.errorKind = FlowError(errorKind);
        failed.error = QStringLiteral("it failed");
        if (failed.errorKind != FlowError::ClientTlsFailure) {
            failed.status = 0;
            failed.proxyAnswerStatus = 502;
        }
        QVERIFY(!analyzer.analyze(redirect).settled);
        const FlowVerdict verdict = analyzer.analyze(failed);
        QCOMPARE(verdict.flowId, failed.id);
        QCOMPARE(verdict.kind, FlowVerdict::Kind::Blocked);
        QVERIFY(verdict.chain);
        QCOMPARE(verdict.chain->hop, 1);
        QCOMPARE(verdict.chain->hops, 2);
        QCOMPARE(verdict.pageSaw, QStringLiteral("a rejected promise: TypeError: Failed to fetch"));
        // `check` over the same exchange, the HTTPS hop a network error.
        FetchRequest request;
        request.url = redirect.url;
        request.origin = Origin::parse(app());
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        const Evaluation expected = runFetch(
            request, BrowserProfile::chromium(), cache,
            [&](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
                if (outgoing.url == redirect.url)
                    return HttpResponse{302, "Found", redirect.responseHeaders, {}};
                return std::nullopt;
            },
            EvaluationDetail::Full);
        QVERIFY(!expected.allowed());
        QCOMPARE(verdict.evaluation->errorCode(), expected.errorCode());
        const std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::RedirectFollowed);
        QCOMPARE(verdict.readings.size(), 1);
        if (fix.isEmpty())
            QVERIFY(verdict.readings.first().fix.isEmpty());
        else
            QVERIFY2(verdict.readings.first().fix.contains(fix), qPrintable(verdict.readings.first().fix));
        QVERIFY(!analyzer.hasPending());
    }

    // The wire shows Origin: null after a cross-origin hop; the chain is stitched by it and the
    // final hop is judged against null.
    void originBecomesNullAfterACrossOriginHop()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QDateTime start = QDateTime::currentDateTimeUtc();
        Flow first = flow(
            1, "GET", {{"Origin", "http://app.example"}}, 302,
            {{"Access-Control-Allow-Origin", "http://app.example"}, {"Location", "http://cdn.example/b"}},
            QStringLiteral("http://api.example/a"));
        first.started = start;
        // As Chromium leaves it: it follows the redirect and drops the connection before the body.
        first.state = Flow::State::Error;
        first.error = QStringLiteral("The client closed the connection before the response was complete.");
        Flow second =
            flow(2, "GET", {{"Origin", "null"}}, 200, {{"Access-Control-Allow-Origin", "http://app.example"}},
                 QStringLiteral("http://cdn.example/b"));
        second.started = start.addMSecs(30);
        const FlowVerdict pending = analyzer.analyze(first);
        QVERIFY(!pending.settled);
        QCOMPARE(FlowAnalyzer::trafficEntry(first, pending).verdict, TrafficEntry::Verdict::Pending);
        const FlowVerdict verdict = analyzer.analyze(second);
        QCOMPARE(verdict.kind, FlowVerdict::Kind::Blocked);
        QCOMPARE(verdict.evaluation->errorCode(), QStringLiteral("allow-origin-mismatch"));
        QVERIFY2(verdict.evaluation->consoleMessage.contains(
                     QStringLiteral("(redirected from 'http://api.example/a')")),
                 qPrintable(verdict.evaluation->consoleMessage));
        const std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.flowId, quint64(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::RedirectFollowed);
        QCOMPARE(verdict.chain->hops, 2);
        QCOMPARE(verdict.pageSaw, QStringLiteral("a rejected promise: TypeError: Failed to fetch"));
    }

    // A redirect answered to a preflight is never followed: the preflight fails on its own.
    void aRedirectedPreflightAlwaysFails()
    {
        for (const BrowserProfile *profile : {&BrowserProfile::chromium(), &BrowserProfile::firefox()}) {
            FlowAnalyzer analyzer(*profile);
            HeaderList headers = grant();
            headers.append("Location", "http://api.example/v1/items/");
            const FlowVerdict verdict = analyzer.analyze(preflight(1, headers, 307));
            QCOMPARE(verdict.kind, FlowVerdict::Kind::PreflightFailed);
            QVERIFY(verdict.settled);
            QCOMPARE(verdict.evaluation->errorCode(), QStringLiteral("preflight-redirect"));
        }
    }

    // A redirect that passed its check and whose next request never came: each reading that fits.
    void aRedirectWhoseNextHopNeverComesListsItsReadings()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const Flow redirect =
            flow(1, "GET", {{"Origin", "http://app.example"}}, 302,
                 {{"Access-Control-Allow-Origin", "*"}, {"Location", "https://api.example/a"}},
                 QStringLiteral("http://api.example/a"));
        QVERIFY(!analyzer.analyze(redirect).settled);
        QVERIFY(analyzer.hasPending());
        analyzer.settle(redirect.started.addMSecs(100));
        QVERIFY(analyzer.takeRevisions().empty()); // still within the window
        analyzer.settle(redirect.started.addSecs(5));
        const std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        const FlowVerdict &verdict = revisions.front().verdict;
        QCOMPARE(verdict.kind, FlowVerdict::Kind::RedirectUnfollowed);
        QVERIFY(!verdict.isBlocked());
        QCOMPARE(verdict.readings.size(), 4);
        QVERIFY(verdict.readings.at(0).description.contains(QStringLiteral("'manual'")));
        QCOMPARE(verdict.readings.at(0).evaluation->responseType, QStringLiteral("opaqueredirect"));
        QVERIFY(verdict.readings.at(1).description.contains(QStringLiteral("'error'")));
        QCOMPARE(verdict.readings.at(1).evaluation->errorCode(), QStringLiteral("redirect-mode-error"));
        QVERIFY(verdict.readings.at(2).description.contains(QStringLiteral("https://api.example/a")));
        QVERIFY(!analyzer.hasPending());
    }

    // A preflight the page's fetch never followed: the readings that explain it, most likely
    // first, each judged by the evaluator; credentials: 'include' only where it fails.
    void unfollowedPreflightExplainsItself_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<HeaderList>("response");
        QTest::addColumn<QString>("credentialsError"); // empty: credentials explain nothing
        QTest::addColumn<int>("readings");
        const HeaderList exact{{"Access-Control-Allow-Origin", "http://app.example"},
                               {"Access-Control-Allow-Methods", "PUT"},
                               {"Access-Control-Allow-Headers", "content-type, x-trace"}};
        QTest::newRow("no Allow-Credentials")
            << QByteArray("PUT") << exact << QStringLiteral("preflight-invalid-allow-credentials") << 2;
        HeaderList star = exact;
        star.remove("access-control-allow-origin");
        star.append("Access-Control-Allow-Origin", "*");
        QTest::newRow("Allow-Origin *")
            << QByteArray("PUT") << star << QStringLiteral("preflight-wildcard-origin-with-credentials") << 2;
        HeaderList wildcards{{"Access-Control-Allow-Origin", "http://app.example"},
                             {"Access-Control-Allow-Credentials", "true"},
                             {"Access-Control-Allow-Methods", "*"},
                             {"Access-Control-Allow-Headers", "*"}};
        QTest::newRow("methods * with credentials")
            << QByteArray("PUT") << wildcards << QStringLiteral("method-not-allowed") << 2;
        HeaderList credentialed = exact;
        credentialed.append("Access-Control-Allow-Credentials", "true");
        QTest::newRow("credentials allowed: PUT") << QByteArray("PUT") << credentialed << QString() << 1;
        QTest::newRow("credentials allowed: GET, the HTTP cache")
            << QByteArray("GET") << credentialed << QString() << 2;
    }

    void unfollowedPreflightExplainsItself()
    {
        QFETCH(QByteArray, method);
        QFETCH(HeaderList, response);
        QFETCH(QString, credentialsError);
        QFETCH(int, readings);
        for (const BrowserProfile *profile : {&BrowserProfile::chromium(), &BrowserProfile::firefox()}) {
            FlowAnalyzer analyzer(*profile, EvaluationDetail::VerdictOnly);
            Flow options = preflight(1, response);
            options.requestHeaders.remove("access-control-request-method");
            options.requestHeaders.append("Access-Control-Request-Method", method);
            const FlowVerdict first = analyzer.analyze(options);
            QCOMPARE(first.kind, FlowVerdict::Kind::PreflightPassed);
            QVERIFY(!first.settled);
            analyzer.settle(options.started.addMSecs(analyzer.settleWindowMs() + 100));
            std::vector<FlowRevision> revisions = analyzer.takeRevisions();
            QCOMPARE(revisions.size(), size_t(1));
            const FlowVerdict &verdict = revisions.front().verdict;
            QCOMPARE(verdict.kind, FlowVerdict::Kind::PreflightUnfollowed);
            QVERIFY(verdict.isBlocked());
            QVERIFY(verdict.settled);
            QCOMPARE(verdict.readings.size(), readings);
            if (credentialsError.isEmpty()) {
                QVERIFY(!verdict.readings.first().evaluation);
                QVERIFY(!verdict.evaluation);
                continue;
            }
            // The credentials reading is `check`'s verdict for the page's fetch with credentials.
            FetchRequest request = FlowAnalyzer::announcedRequest(options);
            request.credentials = CredentialsMode::Include;
            ManualClock clock;
            PreflightCache cache(*profile, clock);
            const Evaluation expected = runFetch(request, *profile, cache, [&](const OutgoingRequest &) {
                return std::optional<HttpResponse>(HttpResponse{204, "OK", response, {}});
            });
            const FlowReading &likely = verdict.readings.first();
            QVERIFY(likely.description.contains(QStringLiteral("'include'")));
            QVERIFY(likely.evaluation);
            QCOMPARE(likely.evaluation->errorCode(), credentialsError);
            QCOMPARE(expected.errorCode(), credentialsError);
            QCOMPARE(likely.evaluation->consoleMessage, expected.consoleMessage);
            QVERIFY(!likely.fix.isEmpty());
            QCOMPARE(verdict.evaluation->consoleMessage, expected.consoleMessage);
        }
    }

    // The actual request settles its preflight the moment it arrives, even one the window had
    // already declared unfollowed.
    void aPreflightIsSettledWhenItsRequestArrives()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        Flow options = preflight(1, grant());
        QVERIFY(!analyzer.analyze(options).settled);
        Flow request = put(2, {{"Access-Control-Allow-Origin", "http://app.example"}});
        request.started = options.started.addMSecs(40);
        const FlowVerdict verdict = analyzer.analyze(request);
        QCOMPARE(verdict.kind, FlowVerdict::Kind::Allowed);
        std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.flowId, quint64(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::PreflightPassed);
        QVERIFY(revisions.front().verdict.settled);
        QVERIFY(!analyzer.hasPending());

        // Late: declared unfollowed, then restored when the request turns up after all.
        Flow late = preflight(3, grant());
        analyzer.analyze(late);
        analyzer.settle(late.started.addSecs(10));
        revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::PreflightUnfollowed);
        Flow slow = put(4, {{"Access-Control-Allow-Origin", "http://app.example"}});
        slow.started = late.started.addMSecs(500);
        QCOMPARE(analyzer.analyze(slow).pairedFlowId, std::optional<quint64>(3));
        revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::PreflightPassed);

        // finish(): the capture ended, nothing more will come.
        analyzer.analyze(preflight(5, grant()));
        analyzer.finish();
        revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::PreflightUnfollowed);
        QVERIFY(revisions.front().verdict.assumptions.join(u' ').contains(QStringLiteral("capture ended")));
    }

    // A fetch that starts same-origin (Chromium and Firefox send no Origin on a same-origin GET)
    // and is redirected cross-origin: one fetch, judged from its first hop as `check` judges it,
    // so the console message says "(redirected from …)".
    void aSameOriginFirstHopIsStitched_data()
    {
        QTest::addColumn<bool>("firefox");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("preflighted");
        QTest::addColumn<QByteArray>("allowOrigin");
        QTest::addColumn<bool>("twoSameOriginHops");
        for (const bool firefox : {false, true}) {
            const char *browser = firefox ? "firefox" : "chromium";
            for (const int status : {301, 302, 303, 307, 308}) {
                QTest::addRow("%s GET %d no ACAO", browser, status)
                    << firefox << QByteArray("GET") << status << false << QByteArray() << false;
                QTest::addRow("%s GET %d ACAO", browser, status)
                    << firefox << QByteArray("GET") << status << false << QByteArray("http://app.example")
                    << false;
                QTest::addRow("%s POST %d no ACAO", browser, status)
                    << firefox << QByteArray("POST") << status << false << QByteArray() << false;
            }
            QTest::addRow("%s GET two same-origin hops", browser)
                << firefox << QByteArray("GET") << 302 << false << QByteArray() << true;
            QTest::addRow("%s preflighted PUT 307 no ACAO", browser)
                << firefox << QByteArray("PUT") << 307 << true << QByteArray() << false;
            QTest::addRow("%s preflighted PUT 307 granted", browser)
                << firefox << QByteArray("PUT") << 307 << true << QByteArray("http://app.example") << false;
        }
    }

    void aSameOriginFirstHopIsStitched()
    {
        QFETCH(bool, firefox);
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        QFETCH(bool, preflighted);
        QFETCH(QByteArray, allowOrigin);
        QFETCH(bool, twoSameOriginHops);
        const BrowserProfile &profile = firefox ? BrowserProfile::firefox() : BrowserProfile::chromium();
        ChainCase c;
        c.method = method;
        c.preflighted = preflighted;
        c.preflightGrant = grant();
        c.preflightGrant.set("Access-Control-Allow-Origin",
                             allowOrigin.isEmpty() ? "http://app.example" : allowOrigin);
        c.hops = {
            {app() + QStringLiteral("/r"), status, cors({}, QStringLiteral("http://api.example/final"))},
            {QStringLiteral("http://api.example/final"), 200, cors(allowOrigin)}};
        if (twoSameOriginHops)
            c.hops.prepend(
                {app() + QStringLiteral("/start"), status, cors({}, app() + QStringLiteral("/r"))});
        const Evaluation expected = checked(scenarioOf(c), profile);
        QVERIFY(expected.exchanges.size() >= 2);
        QList<Flow> flows = wireFlows(expected, 1, QDateTime::currentDateTimeUtc());
        const int sameOriginHops = twoSameOriginHops ? 2 : 1;
        for (int i = 0; i < sameOriginHops; ++i) {
            QVERIFY(Origin::parse(app()).isSameOriginAs(flows.at(i).url));
            // As browsers send a same-origin GET; a same-origin POST keeps its Origin either way.
            if (method == "GET")
                flows[i].requestHeaders.remove("origin");
        }
        QCOMPARE(expected.allowed(), !allowOrigin.isEmpty());
        for (const EvaluationDetail detail : {EvaluationDetail::Full, EvaluationDetail::VerdictOnly}) {
            FlowAnalyzer analyzer(profile, detail);
            const QHash<quint64, FlowVerdict> verdicts = finalVerdicts(analyzer, flows);
            QVERIFY(!analyzer.hasPending());
            const FlowVerdict &deciding = verdicts.value(flows.last().id);
            QVERIFY(deciding.settled);
            QVERIFY(deciding.evaluation);
            QCOMPARE(deciding.evaluation->allowed(), expected.allowed());
            QCOMPARE(deciding.evaluation->errorCode(), expected.errorCode());
            QCOMPARE(deciding.evaluation->consoleMessage, expected.consoleMessage);
            if (!expected.allowed() && !firefox)
                QVERIFY2(deciding.evaluation->consoleMessage.contains(
                             QStringLiteral("(redirected from '%1')").arg(flows.first().url.toString())),
                         qPrintable(deciding.evaluation->consoleMessage));
            if (detail == EvaluationDetail::Full)
                QCOMPARE(deciding.evaluation->exchanges.size(), expected.exchanges.size());
            // Every flow is a hop of the one chain, the same-origin ones too.
            for (qsizetype i = 0; i < flows.size(); ++i) {
                const FlowVerdict &verdict = verdicts.value(flows.at(i).id);
                QVERIFY2(verdict.chain, qPrintable(QStringLiteral("flow %1 has no chain").arg(i)));
                QCOMPARE(verdict.chain->id, flows.first().id);
                QCOMPARE(verdict.chain->hop, int(i));
                QCOMPARE(verdict.chain->hops, int(flows.size()));
                if (i + 1 < flows.size())
                    QVERIFY(!verdict.isBlocked());
            }
            QCOMPARE(verdicts.value(flows.first().id).kind, FlowVerdict::Kind::RedirectFollowed);
        }
    }

    // What is not the same-origin redirect's next hop is judged alone: a request after the window,
    // one from another page's origin, one to another URL.
    void aSameOriginRedirectIsStitchedOnlyToItsNextHop()
    {
        const QDateTime start = QDateTime::currentDateTimeUtc();
        Flow redirect = flow(1, "GET", {{"Sec-Fetch-Mode", "cors"}}, 302,
                             {{"Location", "http://api.example/final"}}, app() + QStringLiteral("/r"));
        redirect.started = start;
        auto next = [&](quint64 id, const QByteArray &origin, const QString &url, qint64 afterMs) {
            Flow f = flow(id, "GET", {{"Origin", origin}, {"Sec-Fetch-Mode", "cors"}}, 200, {}, url);
            f.started = start.addMSecs(afterMs);
            return f;
        };
        const QString final = QStringLiteral("http://api.example/final");
        struct Case {
            const char *name;
            Flow next;
            bool stitched;
        };
        const QList<Case> cases{
            {"the next hop", next(2, "http://app.example", final, 30), true},
            {"after the window", next(2, "http://app.example", final, 5000), false},
            {"another page's origin", next(2, "http://other.example", final, 30), false},
            {"another URL", next(2, "http://app.example", final + QStringLiteral("?x"), 30), false},
            {"another method",
             [&] {
                 Flow f = next(2, "http://app.example", final, 30);
                 f.method = "DELETE";
                 return f;
             }(),
             false},
        };
        for (const Case &c : cases) {
            FlowAnalyzer analyzer(BrowserProfile::chromium());
            QCOMPARE(analyzer.analyze(redirect).kind, FlowVerdict::Kind::NotCors);
            QVERIFY(!analyzer.hasPending()); // nothing waits on a same-origin redirect
            const FlowVerdict verdict = analyzer.analyze(c.next);
            QVERIFY2(verdict.isBlocked(), c.name);
            QCOMPARE(verdict.chain.has_value(), c.stitched);
            QCOMPARE(verdict.evaluation->consoleMessage.contains(QStringLiteral("redirected from")),
                     c.stitched);
            const std::vector<FlowRevision> revisions = analyzer.takeRevisions();
            QCOMPARE(revisions.size(), size_t(c.stitched ? 1 : 0));
            // Stitched once: the same URL again is another fetch.
            if (c.stitched) {
                Flow again = c.next;
                again.id = 3;
                again.started = c.next.started.addMSecs(10);
                QVERIFY(!analyzer.analyze(again).chain);
            }
        }
        // A same-origin flow that is not a redirect is remembered by nobody.
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        Flow page =
            flow(1, "GET", {}, 200, {{"Location", "http://api.example/final"}}, app() + QStringLiteral("/r"));
        page.started = start;
        analyzer.analyze(page);
        QVERIFY(!analyzer.analyze(next(2, "http://app.example", final, 30)).chain);
    }

    // Browsers run fetches in parallel: two preflights for the same request, then the two
    // requests. Neither preflight is unfollowed, each pairs with one request, oldest first.
    void parallelPreflightsEachPairWithARequest()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QDateTime start = QDateTime::currentDateTimeUtc();
        QList<Flow> flows{preflight(1, grant()), preflight(2, grant()),
                          put(3, {{"Access-Control-Allow-Origin", "http://app.example"}}),
                          put(4, {{"Access-Control-Allow-Origin", "http://app.example"}})};
        for (qsizetype i = 0; i < flows.size(); ++i)
            flows[i].started = start.addMSecs(i * 20);
        QVERIFY(!analyzer.analyze(flows.at(0)).settled);
        QVERIFY(!analyzer.analyze(flows.at(1)).settled);
        QVERIFY(analyzer.takeRevisions().empty()); // the second preflight settles nothing
        QCOMPARE(analyzer.analyze(flows.at(2)).pairedFlowId, std::optional<quint64>(1));
        QCOMPARE(analyzer.analyze(flows.at(3)).pairedFlowId, std::optional<quint64>(2));
        const std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(2));
        for (const FlowRevision &revision : revisions)
            QCOMPARE(revision.verdict.kind, FlowVerdict::Kind::PreflightPassed);
        QVERIFY(!analyzer.hasPending());
        analyzer.finish();
        QVERIFY(analyzer.takeRevisions().empty());
    }

    // "Before the page's next request to that URL": a request from the same origin that is not
    // the one announced (another method, an announced header missing) settles a waiting
    // preflight as unfollowed at once, and a late request that fits restores it.
    void aRequestNotTheAnnouncedOneSettlesThePreflight_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("withTrace");
        QTest::newRow("a GET") << QByteArray("GET") << false;
        QTest::newRow("a PUT without the announced X-Trace") << QByteArray("PUT") << false;
        QTest::newRow("a DELETE with the headers") << QByteArray("DELETE") << true;
    }

    void aRequestNotTheAnnouncedOneSettlesThePreflight()
    {
        QFETCH(QByteArray, method);
        QFETCH(bool, withTrace);
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        Flow options = preflight(1, grant());
        QVERIFY(!analyzer.analyze(options).settled);
        HeaderList headers{{"Origin", "http://app.example"}, {"Content-Type", "application/json"}};
        if (withTrace)
            headers.append("X-Trace", "1");
        Flow other = flow(2, method, headers, 200, {{"Access-Control-Allow-Origin", "*"}});
        other.started = options.started.addMSecs(30); // well within the window
        const FlowVerdict verdict = analyzer.analyze(other);
        QVERIFY(!verdict.pairedFlowId);
        std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.flowId, quint64(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::PreflightUnfollowed);
        QVERIFY(revisions.front().verdict.assumptions.join(u' ').contains(QStringLiteral("next request")));
        QVERIFY(!analyzer.hasPending());

        // The other order: the announced request comes after all (a parallel fetch): restored.
        Flow announced = put(3, {{"Access-Control-Allow-Origin", "http://app.example"}});
        announced.started = other.started.addMSecs(10);
        QCOMPARE(analyzer.analyze(announced).pairedFlowId, std::optional<quint64>(1));
        revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::PreflightPassed);

        // A request to another URL, or from another origin, says nothing of the preflight.
        FlowAnalyzer quiet(BrowserProfile::chromium());
        quiet.analyze(preflight(1, grant()));
        quiet.analyze(flow(2, method, headers, 200, {}, QStringLiteral("http://api.example/v1/other")));
        HeaderList elsewhere = headers;
        elsewhere.set("Origin", "http://other.example");
        quiet.analyze(flow(3, method, elsewhere, 200, {}));
        QVERIFY(quiet.takeRevisions().empty());
        QVERIFY(quiet.hasPending());
    }

    // A request that came before the preflight is not "the page's next request" after it.
    void aRequestBeforeThePreflightLeavesItWaiting()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QDateTime start = QDateTime::currentDateTimeUtc();
        Flow get =
            flow(1, "GET", {{"Origin", "http://app.example"}}, 200, {{"Access-Control-Allow-Origin", "*"}});
        get.started = start;
        Flow options = preflight(2, grant());
        options.started = start.addMSecs(10);
        Flow request = put(3, {{"Access-Control-Allow-Origin", "http://app.example"}});
        request.started = start.addMSecs(40);
        analyzer.analyze(get);
        QVERIFY(!analyzer.analyze(options).settled);
        QVERIFY(analyzer.takeRevisions().empty());
        QCOMPARE(analyzer.analyze(request).pairedFlowId, std::optional<quint64>(2));
        const std::vector<FlowRevision> revisions = analyzer.takeRevisions();
        QCOMPARE(revisions.size(), size_t(1));
        QCOMPARE(revisions.front().verdict.kind, FlowVerdict::Kind::PreflightPassed);
    }

    // Sec-Fetch-Mode settles the request's mode: no-cors is never CORS-checked (the page gets an
    // opaque response), a navigation is not CORS at all; Sec-Fetch-Dest is recorded.
    // [fetch] main fetch, step 12: a same-origin-mode request (a worker's script, a fetch() with
    // mode: 'same-origin') that a redirect sends to another origin fails there. No next hop comes,
    // no Origin is on the wire: the redirect is where the browser decided, as `check` decides.
    void aSameOriginModeRedirectAwayIsRefusedThere_data()
    {
        QTest::addColumn<bool>("firefox");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<HeaderList>("sent");
        QTest::addColumn<bool>("worker");
        QTest::addColumn<bool>("twoSameOriginHops");
        const HeaderList workerScript{{"Sec-Fetch-Mode", "same-origin"},
                                      {"Sec-Fetch-Dest", "worker"},
                                      {"Referer", "http://app.example/page.html"}};
        const HeaderList sameOriginFetch{{"Sec-Fetch-Mode", "same-origin"},
                                         {"Sec-Fetch-Dest", "empty"},
                                         {"Referer", "http://app.example/page.html"}};
        for (const bool firefox : {false, true}) {
            const char *browser = firefox ? "firefox" : "chromium";
            QTest::addRow("%s new Worker()", browser)
                << firefox << QByteArray("GET") << workerScript << true << false;
            QTest::addRow("%s new Worker() after a same-origin hop", browser)
                << firefox << QByteArray("GET") << workerScript << true << true;
            QTest::addRow("%s worker without Sec-Fetch-Mode or Referer", browser)
                << firefox << QByteArray("GET") << HeaderList{{"Sec-Fetch-Dest", "worker"}} << true << false;
            QTest::addRow("%s fetch() mode same-origin", browser)
                << firefox << QByteArray("GET") << sameOriginFetch << false << false;
            HeaderList post = sameOriginFetch;
            post.append("Origin", "http://app.example"); // a same-origin POST carries Origin
            QTest::addRow("%s fetch() POST mode same-origin", browser)
                << firefox << QByteArray("POST") << post << false << false;
        }
    }

    void aSameOriginModeRedirectAwayIsRefusedThere()
    {
        QFETCH(bool, firefox);
        QFETCH(QByteArray, method);
        QFETCH(HeaderList, sent);
        QFETCH(bool, worker);
        QFETCH(bool, twoSameOriginHops);
        const BrowserProfile &profile = firefox ? BrowserProfile::firefox() : BrowserProfile::chromium();
        const QString away = QStringLiteral("http://api.example/final");
        // What `check` decides: the page's request, with every response the server would give.
        Scenario scenario;
        scenario.request.url =
            QUrl(app() + (twoSameOriginHops ? QStringLiteral("/start") : QStringLiteral("/r")));
        scenario.request.origin = Origin::parse(app());
        scenario.request.method = method;
        if (worker) {
            applyResourceType(scenario.request, ResourceType::Worker, CrossOrigin::Absent);
        } else {
            scenario.request.mode = RequestMode::SameOrigin;
            scenario.request.credentials = CredentialsMode::SameOrigin;
        }
        HttpResponse toAway;
        toAway.status = 302;
        toAway.headers = cors("*", away);
        HttpResponse toR;
        toR.status = 302;
        toR.headers = cors({}, app() + QStringLiteral("/r"));
        HttpResponse final;
        final.status = 200;
        final.headers = cors("*");
        scenario.responses.append({"*", QUrl(app() + QStringLiteral("/start")), toR});
        scenario.responses.append({"*", QUrl(app() + QStringLiteral("/r")), toAway});
        scenario.responses.append({"*", QUrl(away), final});
        const Evaluation expected = checked(scenario, profile);
        QVERIFY(!expected.allowed());
        QCOMPARE(expected.errorCode(), corsErrorCode(CorsError::DisallowedByMode));

        QList<Flow> flows;
        const QDateTime start = QDateTime::currentDateTimeUtc();
        if (twoSameOriginHops)
            flows.append(flow(1, method, sent, 302, toR.headers, app() + QStringLiteral("/start")));
        flows.append(flow(2, method, sent, 302, toAway.headers, app() + QStringLiteral("/r")));
        for (qsizetype i = 0; i < flows.size(); ++i)
            flows[i].started = start.addMSecs(20 * i);
        for (const EvaluationDetail detail : {EvaluationDetail::Full, EvaluationDetail::VerdictOnly}) {
            FlowAnalyzer analyzer(profile, detail);
            QHash<quint64, FlowVerdict> verdicts;
            FlowVerdict deciding;
            for (const Flow &f : flows) {
                deciding = analyzer.analyze(f);
                for (FlowRevision &revision : analyzer.takeRevisions())
                    verdicts.insert(revision.verdict.flowId, std::move(revision.verdict));
            }
            // Decided at once: nothing waits for a next hop the browser never sends.
            QVERIFY(!analyzer.hasPending());
            QVERIFY(deciding.settled);
            QCOMPARE(deciding.flowId, flows.last().id);
            QCOMPARE(deciding.kind, FlowVerdict::Kind::Blocked);
            QVERIFY(deciding.evaluation);
            QCOMPARE(deciding.evaluation->errorCode(), expected.errorCode());
            QCOMPARE(deciding.evaluation->consoleMessage, expected.consoleMessage);
            QCOMPARE(toString(deciding.evaluation->resourceType),
                     toString(worker ? ResourceType::Worker : ResourceType::Fetch));
            QVERIFY2(worker ? !deciding.pageSaw.contains(QStringLiteral("promise"))
                            : deciding.pageSaw.contains(QStringLiteral("rejected promise")),
                     qPrintable(deciding.pageSaw));
            if (twoSameOriginHops) {
                QVERIFY(deciding.chain);
                QCOMPARE(deciding.chain->id, flows.first().id);
                QCOMPARE(deciding.chain->hop, 1);
                QCOMPARE(verdicts.value(flows.first().id).kind, FlowVerdict::Kind::RedirectFollowed);
                QCOMPARE(verdicts.value(flows.first().id).chain->hops, 2);
            } else {
                QVERIFY(!deciding.chain);
                QVERIFY(verdicts.isEmpty());
            }
            // The Location's URL fetched later is another fetch, not a hop of this one.
            Flow later = flow(3, "GET", {{"Origin", "http://app.example"}, {"Sec-Fetch-Mode", "cors"}}, 200,
                              cors("*"), away);
            later.started = start.addMSecs(100);
            const FlowVerdict other = analyzer.analyze(later);
            QVERIFY(!other.chain);
            QCOMPARE(other.kind, FlowVerdict::Kind::Allowed);
        }
    }

    // The neighbours the browser does follow: a same-origin redirect in mode same-origin that stays
    // on the page's origin, a <script> (no-cors) and a fetch() (cors) redirected cross-origin. None
    // is judged refused at the redirect.
    void aRedirectTheModeAllowsIsNotRefused()
    {
        const QString away = QStringLiteral("http://api.example/final");
        const QString page = app() + QStringLiteral("/r");
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QDateTime start = QDateTime::currentDateTimeUtc();
        Flow sameOrigin = flow(1, "GET", {{"Sec-Fetch-Mode", "same-origin"}, {"Sec-Fetch-Dest", "worker"}},
                               302, cors({}, app() + QStringLiteral("/w.js")), page);
        sameOrigin.started = start;
        QCOMPARE(analyzer.analyze(sameOrigin).kind, FlowVerdict::Kind::NotCors);
        QVERIFY(analyzer.takeRevisions().empty());

        // <script src="/r"> is no-cors: the browser follows it, and the next hop carries no Origin.
        Flow script = flow(2, "GET", {{"Sec-Fetch-Mode", "no-cors"}, {"Sec-Fetch-Dest", "script"}}, 302,
                           cors({}, away), page);
        script.started = start.addMSecs(100);
        QCOMPARE(analyzer.analyze(script).kind, FlowVerdict::Kind::NotCors);
        Flow scriptHop =
            flow(3, "GET", {{"Sec-Fetch-Mode", "no-cors"}, {"Sec-Fetch-Dest", "script"}}, 200, {}, away);
        scriptHop.started = start.addMSecs(120);
        QVERIFY(!analyzer.analyze(scriptHop).isBlocked());

        // A fetch() in cors mode is followed: its next hop carries Origin and is stitched.
        Flow fetch = flow(4, "GET", {{"Sec-Fetch-Mode", "cors"}, {"Sec-Fetch-Dest", "empty"}}, 302,
                          cors({}, away + QStringLiteral("?f")), page);
        fetch.started = start.addMSecs(200);
        QCOMPARE(analyzer.analyze(fetch).kind, FlowVerdict::Kind::NotCors);
        Flow fetchHop =
            flow(5, "GET",
                 {{"Origin", "http://app.example"}, {"Sec-Fetch-Mode", "cors"}, {"Sec-Fetch-Dest", "empty"}},
                 200, cors("*"), away + QStringLiteral("?f"));
        fetchHop.started = start.addMSecs(220);
        const FlowVerdict followed = analyzer.analyze(fetchHop);
        QCOMPARE(followed.kind, FlowVerdict::Kind::Allowed);
        QVERIFY(followed.chain);
        for (const FlowRevision &revision : analyzer.takeRevisions())
            QVERIFY(!revision.verdict.isBlocked());
        analyzer.finish();
        for (const FlowRevision &revision : analyzer.takeRevisions())
            QVERIFY(!revision.verdict.isBlocked());
    }

    void secFetchModeSettlesTheMode()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const FlowVerdict noCors = analyzer.analyze(flow(
            1, "POST",
            {{"Origin", "http://app.example"}, {"Sec-Fetch-Mode", "no-cors"}, {"Sec-Fetch-Dest", "empty"}},
            200, {}));
        QCOMPARE(noCors.kind, FlowVerdict::Kind::NotCors);
        QCOMPARE(noCors.fetchMode, QByteArray("no-cors"));
        QCOMPARE(noCors.evaluation->responseType, QStringLiteral("opaque"));
        QVERIFY(noCors.pageSaw.contains(QStringLiteral("opaque")));
        // The same request in cors mode, without Allow-Origin, is blocked.
        const FlowVerdict corsMode = analyzer.analyze(
            flow(2, "POST",
                 {{"Origin", "http://app.example"}, {"Sec-Fetch-Mode", "cors"}, {"Sec-Fetch-Dest", "script"}},
                 200, {}));
        QCOMPARE(corsMode.kind, FlowVerdict::Kind::Blocked);
        QCOMPARE(corsMode.destination, QByteArray("script"));
        const FlowVerdict navigate = analyzer.analyze(flow(3, "POST",
                                                           {{"Origin", "http://app.example"},
                                                            {"Sec-Fetch-Mode", "navigate"},
                                                            {"Sec-Fetch-Dest", "document"}},
                                                           200, {}));
        QCOMPARE(navigate.kind, FlowVerdict::Kind::NotCors);
        QVERIFY(!navigate.evaluation);
        QCOMPARE(navigate.destination, QByteArray("document"));
    }

    // A simple request whose response the browser refuses: what the page saw, per browser.
    void aRefusedSimpleRequestSaysWhatThePageSaw()
    {
        const Flow get = flow(1, "GET", {{"Origin", "http://app.example"}}, 200, {});
        FlowAnalyzer chromium(BrowserProfile::chromium());
        QCOMPARE(chromium.analyze(get).pageSaw,
                 QStringLiteral("a rejected promise: TypeError: Failed to fetch"));
        FlowAnalyzer firefox(BrowserProfile::firefox());
        QCOMPARE(
            firefox.analyze(get).pageSaw,
            QStringLiteral("a rejected promise: TypeError: NetworkError when attempting to fetch resource."));
    }

    // The HAR keeps every hop: followed hops marked and linked to the chain, the verdict on the
    // deciding entry.
    void harMarksTheHopsOfAChain()
    {
        ChainCase c;
        c.hops = {
            {QStringLiteral("http://api.example/a"), 302, cors("*", QStringLiteral("http://cdn.example/b"))},
            {QStringLiteral("http://cdn.example/b"), 200, {}}};
        const Evaluation expected = checked(scenarioOf(c), BrowserProfile::chromium());
        QVERIFY(!expected.allowed());
        const QList<Flow> flows = wireFlows(expected, 7, QDateTime::currentDateTimeUtc());
        QCOMPARE(flows.size(), 2);
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        const QHash<quint64, FlowVerdict> verdicts = finalVerdicts(analyzer, flows);
        const QJsonArray entries =
            QJsonDocument::fromJson(HarWriter::write(flows, verdicts, QStringLiteral("chromium")))
                .object()
                .value(u"log")
                .toObject()
                .value(u"entries")
                .toArray();
        QCOMPARE(entries.size(), 2);
        const QJsonObject hop = entries.at(0).toObject().value(u"_cors").toObject();
        QCOMPARE(hop.value(u"verdict").toString(), QStringLiteral("redirect-followed"));
        QCOMPARE(hop.value(u"followedHop").toBool(), true);
        QCOMPARE(hop.value(u"chain").toObject().value(u"id").toInt(-1), 0);
        QCOMPARE(hop.value(u"chain").toObject().value(u"hop").toInt(-1), 0);
        QCOMPARE(hop.value(u"chain").toObject().value(u"hops").toInt(), 2);
        QVERIFY(!hop.contains(u"consoleMessage"));
        const QJsonObject decided = entries.at(1).toObject().value(u"_cors").toObject();
        QCOMPARE(decided.value(u"verdict").toString(), QStringLiteral("blocked"));
        QVERIFY(!decided.contains(u"followedHop"));
        QCOMPARE(decided.value(u"chain").toObject().value(u"hop").toInt(), 1);
        QCOMPARE(decided.value(u"consoleMessage").toString(), expected.consoleMessage);
        QCOMPARE(decided.value(u"errorCode").toString(), expected.errorCode());
        QCOMPARE(decided.value(u"destination").toString(), QStringLiteral("empty"));
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
