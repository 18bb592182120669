#include "proxy/flowanalyzer.h"

#include "cors/corssafelist.h"
#include "cors/fetchsimulation.h"
#include "har/harreader.h"

namespace Corscope {

namespace {

// Bounded memory: a page rarely has more preflights in flight than this.
constexpr size_t maxRememberedPreflights = 256;

HttpResponse responseOf(const Flow &flow)
{
    HttpResponse response;
    response.status = flow.status;
    response.statusText = flow.reason;
    response.headers = flow.responseHeaders;
    response.body = flow.responseBody;
    return response;
}

bool varyNamesOrigin(const HeaderList &headers)
{
    for (const QByteArray &value : headers.values("vary")) {
        for (const QByteArray &item : value.split(',')) {
            const QByteArray name = item.trimmed();
            if (name == "*" || HeaderList::namesEqual(name, "origin"))
                return true;
        }
    }
    return false;
}

} // namespace

FlowAnalyzer::FlowAnalyzer(const BrowserProfile &profile, EvaluationDetail detail)
    : m_profile(profile)
    , m_detail(detail)
{
}

FlowVerdict FlowAnalyzer::analyze(const Flow &flow)
{
    if (flow.tunnel || !flow.requestHeaders.contains("origin")) {
        FlowVerdict verdict;
        verdict.flowId = flow.id;
        return verdict;
    }
    return flow.isPreflight() ? analyzePreflight(flow) : analyzeRequest(flow);
}

FetchRequest FlowAnalyzer::announcedRequest(const Flow &preflight)
{
    // The wire shows the header names, not their values: "{" is CORS-unsafe for every
    // safelisted name, so each announced header stays one that needs permission, as it did in
    // the page.
    FetchRequest request;
    request.url = preflight.url;
    request.origin =
        Origin::parse(QString::fromUtf8(preflight.requestHeaders.get("origin").value_or(QByteArray())));
    request.method = preflight.requestHeaders.get("access-control-request-method").value_or(QByteArray());
    for (const QByteArray &name :
         preflight.requestHeaders.get("access-control-request-headers").value_or(QByteArray()).split(',')) {
        if (!name.trimmed().isEmpty())
            request.headers.append(name.trimmed(), "{");
    }
    request.credentials = CredentialsMode::SameOrigin;
    return request;
}

FlowVerdict FlowAnalyzer::analyzePreflight(const Flow &flow)
{
    FlowVerdict verdict;
    verdict.flowId = flow.id;
    const FetchRequest request = announcedRequest(flow);
    verdict.assumptions << tr("a preflight never carries credentials, so the page's credentials mode is not "
                              "visible; 'same-origin' is assumed");
    ManualClock clock;
    PreflightCache cache(m_profile, clock);
    FetchSimulation simulation(request, m_profile, cache, m_detail);
    if (simulation.pendingKind() != OutgoingRequest::Kind::Preflight) {
        verdict.kind = FlowVerdict::Kind::NotCors;
        verdict.assumptions << tr("this browser would not have sent a preflight for what this one announces");
        return verdict;
    }
    if (flow.state == Flow::State::Error)
        simulation.receiveNetworkError(flow.error);
    else
        simulation.receiveResponse(responseOf(flow));
    verdict.kind =
        simulation.isFinished() ? FlowVerdict::Kind::PreflightFailed : FlowVerdict::Kind::PreflightPassed;
    // A failed one is remembered too: a request that follows it anyway (curl, a script, a broken
    // client) is then explained by the preflight a browser would have stopped at.
    m_preflights.push_back(flow);
    if (m_preflights.size() > maxRememberedPreflights)
        m_preflights.pop_front();
    verdict.evaluation = simulation.takeEvaluation();
    if (flow.answeredLocally)
        verdict.assumptions
            << tr("Corscope's rule '%1' answered this preflight: the server was not asked and "
                  "may still fail it")
                   .arg(flow.appliedRules.value(0));
    return verdict;
}

FlowVerdict FlowAnalyzer::analyzeRequest(const Flow &flow)
{
    FlowVerdict verdict;
    verdict.flowId = flow.id;
    const QByteArray originHeader = flow.requestHeaders.get("origin").value_or(QByteArray());
    const Origin &origin = parsedOrigin(originHeader);
    if (!origin.isOpaque() && origin.isSameOriginAs(flow.url))
        return verdict;

    // The preflight that guarded it: the latest one for the same URL and origin.
    std::optional<Flow> preflight;
    for (auto it = m_preflights.rbegin(); it != m_preflights.rend(); ++it) {
        if (it->url == flow.url && it->requestHeaders.get("origin") == originHeader) {
            preflight = *it;
            m_preflights.erase(std::next(it).base());
            break;
        }
    }
    // Rebuilt straight from the flow, with the inferences rebuiltScenario's HAR pairing makes
    // (tst_flowanalyzer holds the two to the same result); the round trip through HAR entries
    // was half the cost of a captured flow.
    const FetchRequest request = pageRequest(flow, origin, preflight, &verdict.assumptions);
    if (preflight)
        verdict.pairedFlowId = preflight->id;
    // Allowed here is not allowed in production: the fix still has to reach the server.
    if (preflight && preflight->answeredLocally)
        verdict.assumptions << tr("its preflight was answered by Corscope's rule '%1', not by the server")
                                   .arg(preflight->appliedRules.value(0));

    ManualClock clock;
    PreflightCache cache(m_profile, clock);
    if (!preflight) {
        // The browser sent this request without a preflight on the wire. If it needed one, its
        // preflight cache must have answered: seed ours with an entry covering the request.
        QByteArrayList names;
        for (const Header &header : request.headers)
            names.append(header.name.toLower());
        cache.store(request.origin.serialize(), request.url, request.credentials == CredentialsMode::Include,
                    {request.method}, TokenList::fromList(names), 600);
    }
    const bool failed = flow.state == Flow::State::Error;
    const CapturedResponses responses(flow, preflight);
    Evaluation evaluation = runFetch(
        request, m_profile, cache,
        [&](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
            if (failed && outgoing.kind == OutgoingRequest::Kind::Actual)
                return std::nullopt;
            return responses.respond(outgoing);
        },
        m_detail);
    verdict.preflightFromBrowserCache = !preflight && evaluation.preflightFromCache;
    if (verdict.preflightFromBrowserCache)
        verdict.assumptions << tr("no preflight was captured for this request: the browser's preflight cache "
                                  "answered it");
    verdict.kind = evaluation.allowed() ? FlowVerdict::Kind::Allowed : FlowVerdict::Kind::Blocked;
    if (preflight && !evaluation.actualRequestSent)
        verdict.assumptions << tr("a browser stops at this failed preflight and never sends the request; "
                                  "the client that sent it anyway is not following CORS");
    verdict.evaluation = std::move(evaluation);
    return verdict;
}

const Origin &FlowAnalyzer::parsedOrigin(const QByteArray &header)
{
    if (!m_lastOrigin || m_lastOrigin->first != header)
        m_lastOrigin.emplace(header, Origin::parse(QString::fromUtf8(header)));
    return m_lastOrigin->second;
}

FetchRequest FlowAnalyzer::pageRequest(const Flow &request, const Origin &origin,
                                       const std::optional<Flow> &preflight, QStringList *assumptions)
{
    FetchRequest fetch;
    fetch.url = request.url;
    fetch.origin = origin;
    fetch.method = request.method;
    // As Flow::toHarEntry records it: a body only when one was sent.
    if (request.requestBodySize > 0)
        fetch.body = request.requestBody;
    HarReader::inferPageRequest(fetch, request.requestHeaders,
                                preflight ? &preflight->requestHeaders : nullptr, assumptions);
    return fetch;
}

CapturedResponses::CapturedResponses(const Flow &request, const std::optional<Flow> &preflight)
    : m_url(request.url)
{
    // In the order rebuiltScenario lists them: the preflight's answer first.
    if (preflight)
        m_scenario.responses.append({"OPTIONS", preflight->url, responseOf(*preflight)});
    m_scenario.responses.append({request.method, request.url, responseOf(request)});
    for (const ScenarioResponse &candidate : std::as_const(m_scenario.responses)) {
        for (const Header &header : candidate.response.headers)
            m_substitutes =
                m_substitutes || (header.value.contains('{') && header.value.contains("{origin}"));
    }
}

HttpResponse CapturedResponses::respond(const OutgoingRequest &outgoing) const
{
    // The common case without Scenario::respond's copies: every response is for the flow's URL
    // (a preflight pairs only with a request for its URL), so a request for exactly that URL
    // gets the first response whose method matches, and nothing needs {origin} substituted.
    if (!m_substitutes && outgoing.url == m_url) {
        for (const ScenarioResponse &candidate : m_scenario.responses) {
            if (candidate.method == "*" || candidate.method == outgoing.method)
                return candidate.response;
        }
    }
    return m_scenario.respond(outgoing);
}

std::optional<HarScenario> FlowAnalyzer::rebuiltScenario(const Flow &request,
                                                         const std::optional<Flow> &preflight)
{
    QList<HarEntry> entries;
    if (preflight)
        entries.append(preflight->toHarEntry(0));
    entries.append(request.toHarEntry(1));
    const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(entries);
    if (scenarios.isEmpty())
        return std::nullopt;
    return scenarios.last();
}

TrafficEntry FlowAnalyzer::trafficEntry(const Flow &flow, const FlowVerdict &verdict)
{
    TrafficEntry entry;
    entry.flowId = flow.id;
    entry.started = flow.started;
    entry.method = flow.method;
    entry.url = flow.url.toString();
    entry.origin = flow.requestHeaders.get("origin").value_or(QByteArray());
    entry.status = flow.status;
    entry.pairedFlowId = verdict.pairedFlowId;
    entry.responseBytes = flow.responseBodySize;
    entry.durationMs = flow.completeMs >= 0 ? flow.completeMs : 0;
    entry.error = flow.error;
    if (flow.tls)
        entry.tls = flow.tls->summary();
    entry.answeredLocally = flow.answeredLocally;
    switch (verdict.kind) {
    case FlowVerdict::Kind::NotCors:
        entry.verdict = TrafficEntry::Verdict::NotCors;
        break;
    case FlowVerdict::Kind::Allowed:
    case FlowVerdict::Kind::PreflightPassed:
        entry.verdict = TrafficEntry::Verdict::Allowed;
        break;
    case FlowVerdict::Kind::Blocked:
    case FlowVerdict::Kind::PreflightFailed:
        entry.verdict = TrafficEntry::Verdict::Blocked;
        break;
    }
    if (verdict.evaluation && verdict.isBlocked())
        entry.consoleMessage = verdict.evaluation->consoleMessage;

    FlowFacts &facts = entry.facts;
    facts.method = flow.method;
    facts.status = flow.status;
    facts.origin = entry.origin.toLower();
    facts.host = flow.url.host().toLower().toUtf8();
    facts.url = entry.url.toLower().toUtf8();
    facts.crossOrigin = verdict.kind != FlowVerdict::Kind::NotCors;
    facts.blocked = verdict.isBlocked();
    facts.isPreflight = flow.isPreflight();
    facts.preflightFailed = verdict.kind == FlowVerdict::Kind::PreflightFailed;
    facts.preflightCached = verdict.preflightFromBrowserCache;
    facts.credentialed =
        flow.requestHeaders.contains("cookie") || flow.requestHeaders.contains("authorization");
    const std::optional<QByteArray> allowOrigin = flow.responseHeaders.get("access-control-allow-origin");
    facts.reflectsOrigin = allowOrigin && !entry.origin.isEmpty() && *allowOrigin == entry.origin;
    facts.noVary = facts.reflectsOrigin && !varyNamesOrigin(flow.responseHeaders);
    return entry;
}

} // namespace Corscope
