#include "capture/flowanalyzer.h"
#include "capturedflows.h"
#include "fix/fixadvisor.h"
#include "fix/fixrulebuilder.h"
#include "fix/fixtrial.h"
#include "session/sessionentry.h"

#include <QTest>

using namespace Corscope;
using namespace CapturedFlows;

// "Fix with a rule": the rules must make the very flows that were blocked pass once applied,
// which is checked here by applying them and evaluating the rewritten flows again.
class TestFixRuleBuilder : public QObject {
    Q_OBJECT

private:
    static Flow rewritten(Flow flow, const RewriteRules &rules)
    {
        rules.apply(flow, flow.responseHeaders);
        return flow;
    }

private slots:
    void aSimpleRequestGetsOneRuleForItsMethod()
    {
        const Flow get =
            flow(1, "GET", {{"Origin", "http://app.example"}}, 200, {{"Content-Type", "text/plain"}});
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        QVERIFY(analyzer.analyze(get).isBlocked());

        const FixRules fix = FixRuleBuilder::build(get, std::nullopt, BrowserProfile::chromium());
        QVERIFY2(fix.problem.isEmpty(), qPrintable(fix.problem));
        QCOMPARE(fix.rules.size(), 1);
        const RewriteRule &rule = fix.rules.first();
        QCOMPARE(rule.host, QStringLiteral("api.example"));
        QCOMPARE(rule.path, QStringLiteral("/v1/items"));
        QCOMPARE(rule.method, QByteArray("GET"));
        QCOMPARE(rule.set.get("access-control-allow-origin"),
                 std::optional<QByteArray>("http://app.example"));

        RewriteRules rules;
        rules.rules() = fix.rules;
        FlowAnalyzer again(BrowserProfile::chromium());
        QCOMPARE(again.analyze(rewritten(get, rules)).kind, FlowVerdict::Kind::Allowed);
    }

    void aFailedPreflightGetsRulesForTheOptionsAndTheRequestItAnnounced()
    {
        const Flow options = preflight(1, {});
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        QCOMPARE(analyzer.analyze(options).kind, FlowVerdict::Kind::PreflightFailed);

        const FixRules fix = FixRuleBuilder::build(options, std::nullopt, BrowserProfile::chromium());
        QVERIFY2(fix.problem.isEmpty(), qPrintable(fix.problem));
        QCOMPARE(fix.rules.size(), 2);
        QCOMPARE(fix.rules.at(0).method, QByteArray("OPTIONS"));
        QCOMPARE(fix.rules.at(1).method, QByteArray("PUT"));

        // The browser retries: preflight and PUT both pass through the rules.
        RewriteRules rules;
        rules.rules() = fix.rules;
        FlowAnalyzer again(BrowserProfile::chromium());
        QCOMPARE(again.analyze(rewritten(options, rules)).kind, FlowVerdict::Kind::PreflightPassed);
        QCOMPARE(again.analyze(rewritten(put(2, {}), rules)).kind, FlowVerdict::Kind::Allowed);
    }

    void aBlockedRequestBehindAGrantedPreflightFixesOnlyTheRequest()
    {
        const HeaderList grant{{"Access-Control-Allow-Origin", "http://app.example"},
                               {"Access-Control-Allow-Methods", "PUT"},
                               {"Access-Control-Allow-Headers", "content-type, x-trace"}};
        const Flow options = preflight(1, grant);
        const Flow request = put(2, {});
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        analyzer.analyze(options);
        QCOMPARE(analyzer.analyze(request).kind, FlowVerdict::Kind::Blocked);

        const FixRules fix = FixRuleBuilder::build(request, options, BrowserProfile::chromium());
        QVERIFY2(fix.problem.isEmpty(), qPrintable(fix.problem));
        QCOMPARE(fix.rules.size(), 1);
        QCOMPARE(fix.rules.first().method, QByteArray("PUT"));
    }

    void aPreflightWithAWrongStatusIsAnsweredByTheProxy()
    {
        // A gateway answers OPTIONS with 404 and no CORS headers: rewriting headers cannot help,
        // so the rule answers the preflight itself; the PUT still goes to the server.
        const Flow options = preflight(1, {{"Content-Type", "text/html"}}, 404);
        const FixRules fix = FixRuleBuilder::build(options, std::nullopt, BrowserProfile::chromium());
        QVERIFY2(fix.problem.isEmpty(), qPrintable(fix.problem));
        const auto local = std::find_if(fix.rules.begin(), fix.rules.end(),
                                        [](const RewriteRule &rule) { return rule.respond.has_value(); });
        QVERIFY(local != fix.rules.end());
        QCOMPARE(local->method, QByteArray("OPTIONS"));
        QVERIFY(local->respond->status >= 200 && local->respond->status < 300);
        QVERIFY(local->answersLocally(options));
        QVERIFY(!local->answersLocally(put(2, {})));

        // What the browser then sees: the proxy's answer, and the server's PUT rewritten.
        RewriteRules rules;
        rules.rules() = fix.rules;
        Flow answered = options;
        answered.status = local->respond->status;
        answered.responseHeaders = local->respond->headers;
        FlowAnalyzer again(BrowserProfile::chromium());
        QCOMPARE(again.analyze(answered).kind, FlowVerdict::Kind::PreflightPassed);
        QCOMPARE(again.analyze(rewritten(put(2, {}), rules)).kind, FlowVerdict::Kind::Allowed);
    }

    // The Request tab's path to the same rules: a request and its answers as a Scenario (here
    // explained offline), the evaluator's plan, one builder. The preflight the gateway fails is
    // answered by a rule that keeps the CORS headers the server already sent on it.
    void aRequestsScenarioGetsTheSameRulesAndPasses()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("http://api.example/v1/items"));
        request.origin = Origin::parse(QStringLiteral("http://app.example"));
        request.method = "PUT";
        request.headers = {{"X-Trace", "1"}};
        HttpResponse preflight;
        preflight.status = 404;
        preflight.headers = {{"Content-Type", "text/html"}, {"Access-Control-Expose-Headers", "X-Total"}};
        HttpResponse actual;
        actual.headers = {{"Content-Type", "application/json"}};
        const SessionEntry entry =
            SessionEntry::explainOffline(request, preflight, actual, BrowserProfile::chromium(), 0);
        QVERIFY(!entry.evaluation.allowed());
        const FixPlan plan = FixAdvisor::minimalFix(entry.scenario, 0, BrowserProfile::chromium());
        QVERIFY(plan.fixable);

        const FixRules fix = FixRuleBuilder::build(plan, entry.scenario);
        QVERIFY2(fix.problem.isEmpty(), qPrintable(fix.problem));
        const auto local = std::find_if(fix.rules.begin(), fix.rules.end(),
                                        [](const RewriteRule &rule) { return rule.respond.has_value(); });
        QVERIFY(local != fix.rules.end());
        QCOMPARE(local->respond->headers.get("access-control-expose-headers"),
                 std::optional<QByteArray>("X-Total"));
        QVERIFY(!local->respond->headers.contains("content-type")); // only the server's CORS headers
        QCOMPARE(local->respond->headers.get("access-control-allow-origin"),
                 std::optional<QByteArray>("http://app.example"));

        QString problem;
        const std::optional<RewriteRules> rules = FixTrial::rulesFor(plan, entry.scenario, &problem);
        QVERIFY2(rules, qPrintable(problem));
        QCOMPARE(rules->rules(), fix.rules);
        const std::optional<SessionEntry> tried = FixTrial::explainOffline(entry, *rules, 0);
        QVERIFY(tried);
        QVERIFY2(tried->evaluation.allowed(), qPrintable(tried->evaluation.consoleMessage));
        QVERIFY(tried->triedFix);
        QVERIFY(tried->rewrittenHeaders.join(u'\n').contains(QLatin1String("answered by Corscope")));
        // Replayed, as when a session file is opened, the tried entry gives the same verdict.
        QVERIFY(SessionEntry::replay(tried->scenario, tried->browser)->allowed());
    }

    void aRequestSideBlockerIsNotTried()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("http://api.example/v1/items"));
        request.origin = Origin::parse(QStringLiteral("http://app.example"));
        request.mode = RequestMode::SameOrigin; // refused before anything is sent
        const SessionEntry entry = SessionEntry::explainOffline(request, std::nullopt, HttpResponse(),
                                                                BrowserProfile::chromium(), 0);
        QVERIFY(!entry.evaluation.allowed());
        QString problem;
        QVERIFY(!FixTrial::rulesFor(FixAdvisor::minimalFix(entry.scenario, 0, BrowserProfile::chromium()),
                                    entry.scenario, &problem));
        QVERIFY(!problem.isEmpty());
        QVERIFY(!FixTrial::rulesFor(std::nullopt, entry.scenario, &problem));
    }

    void anAllowedRequestNeedsNoRule()
    {
        const Flow get =
            flow(1, "GET", {{"Origin", "http://app.example"}}, 200, {{"Access-Control-Allow-Origin", "*"}});
        const FixRules fix = FixRuleBuilder::build(get, std::nullopt, BrowserProfile::chromium());
        QVERIFY(fix.rules.isEmpty());
        QVERIFY(!fix.problem.isEmpty());
    }

    void rulesRoundTripThroughJson()
    {
        RewriteRules rules;
        RewriteRule rule;
        rule.name = QStringLiteral("fix api");
        rule.enabled = false;
        rule.host = QStringLiteral("*.example");
        rule.path = QStringLiteral("/v1/*");
        rule.method = "PUT";
        rule.set = {{"Access-Control-Allow-Origin", "http://app.example"}};
        rule.add = {{"Vary", "Origin"}};
        rule.remove = {"X-Powered-By"};
        RewriteRule any;
        any.name = QStringLiteral("any");
        any.set = {{"Access-Control-Allow-Credentials", "true"}};
        rules.rules() = {rule, any};

        QString error;
        const auto parsed = RewriteRules::parse(rules.toJson(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->rules().size(), 2);
        QVERIFY(parsed->rules().at(0) == rule);
        QVERIFY(parsed->rules().at(1) == any);
        QCOMPARE(parsed->toJson(), rules.toJson());
    }
};

QTEST_GUILESS_MAIN(TestFixRuleBuilder)
#include "tst_fixrulebuilder.moc"
