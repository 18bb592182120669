#include "fix/fixrulebuilder.h"

#include "capture/flowanalyzer.h"
#include "fix/fixadvisor.h"
#include "har/harreader.h"

namespace Corscope {

namespace {

// The scenario the browser was in: the request (or, for a preflight that stopped it, the
// request the preflight announced) and the responses the server gave.
std::optional<Scenario> scenarioOf(const Flow &flow, const std::optional<Flow> &preflight)
{
    Scenario scenario;
    if (flow.isPreflight()) {
        scenario.request = FlowAnalyzer::announcedRequest(flow);
        scenario.responses.append(ScenarioResponse{"OPTIONS", flow.url, flow.toHarEntry(0).response});
    } else {
        const std::optional<HarScenario> rebuilt = FlowAnalyzer::rebuiltScenario(flow, preflight);
        if (!rebuilt)
            return std::nullopt;
        scenario = rebuilt->scenario;
    }
    scenario.fetches = {ScenarioFetch{0, scenario.request}};
    return scenario;
}

} // namespace

FixRules FixRuleBuilder::build(const Flow &flow, const std::optional<Flow> &preflight,
                               const BrowserProfile &profile)
{
    FixRules result;
    const std::optional<Scenario> scenario = scenarioOf(flow, preflight);
    if (!scenario) {
        result.problem = tr("%1 %2 is not a cross-origin request: there is nothing to fix.")
                             .arg(QString::fromLatin1(flow.method), flow.url.toString());
        return result;
    }
    return build(FixAdvisor::minimalFix(*scenario, 0, profile), *scenario);
}

FixRules FixRuleBuilder::build(const FixPlan &plan, const Scenario &scenario)
{
    FixRules result;
    if (plan.webSocket) {
        result.problem = tr("A WebSocket's handshake and Origin check belong to its server: Corscope does "
                            "not rewrite them to try a fix.");
        return result;
    }
    if (plan.alreadyAllowed) {
        result.problem = tr("The browser already allows this request.");
        return result;
    }
    QStringList statusChanges;
    std::optional<int> preflightStatus; // a preflight the proxy must answer itself
    QUrl preflightUrl;
    for (const ResponseChange &change : plan.changes) {
        if (change.newStatus != 0) {
            if (change.method == "OPTIONS") {
                preflightStatus = change.newStatus;
                preflightUrl = change.url;
            } else
                statusChanges << tr("%1 must answer %2 instead of %3")
                                     .arg(QString::fromLatin1(change.method))
                                     .arg(change.newStatus)
                                     .arg(change.oldStatus);
        }
        if (change.header.isEmpty())
            continue;
        const QString path = change.url.path().isEmpty() ? QStringLiteral("/") : change.url.path();
        auto rule = std::find_if(result.rules.begin(), result.rules.end(), [&](const RewriteRule &r) {
            return r.method == change.method && r.path == path;
        });
        if (rule == result.rules.end()) {
            RewriteRule fresh;
            fresh.name = tr("Fix %1 %2%3").arg(QString::fromLatin1(change.method), change.url.host(), path);
            fresh.host = change.url.host();
            fresh.path = path;
            fresh.method = change.method;
            result.rules.append(fresh);
            rule = std::prev(result.rules.end());
        }
        rule->set.set(change.header, change.newValue);
    }
    if (preflightStatus) {
        // A rewrite cannot change the status the server gave the preflight (a gateway's 404 or
        // 405): the proxy answers the preflight itself, with the CORS headers the server already
        // sends plus the fix.
        OutgoingRequest options;
        options.kind = OutgoingRequest::Kind::Preflight;
        options.url = preflightUrl;
        options.method = QByteArrayLiteral("OPTIONS");
        options.headers.append("Origin", scenario.request.origin.toString().toUtf8());
        const HttpResponse served = scenario.respond(options);
        const QString path = options.url.path().isEmpty() ? QStringLiteral("/") : options.url.path();
        auto rule = std::find_if(result.rules.begin(), result.rules.end(), [&](const RewriteRule &r) {
            return r.method == "OPTIONS" && r.path == path;
        });
        if (rule == result.rules.end()) {
            RewriteRule fresh;
            fresh.name = tr("Fix OPTIONS %1%2").arg(options.url.host(), path);
            fresh.host = options.url.host();
            fresh.path = path;
            fresh.method = "OPTIONS";
            result.rules.append(fresh);
            rule = std::prev(result.rules.end());
        }
        LocalResponse answer;
        answer.status = *preflightStatus;
        for (const Header &header : served.headers)
            if (header.name.toLower().startsWith("access-control-") ||
                HeaderList::namesEqual(header.name, "vary"))
                answer.headers.append(header.name, header.value);
        for (const Header &header : rule->set)
            answer.headers.set(header.name, header.value);
        rule->name = tr("Answer OPTIONS %1%2 locally").arg(options.url.host(), path);
        rule->set = {};
        rule->respond = answer;
    }
    if (!plan.fixable)
        result.problem = plan.blocker;
    else if (!statusChanges.isEmpty())
        // Rules change headers only; the status of a real response comes from the server.
        result.problem =
            tr("Rewrite rules change headers, not the status: %1.").arg(statusChanges.join(u"; "));
    return result;
}

} // namespace Corscope
