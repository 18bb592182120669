#include "fix/fixadvisor.h"

#include "cors/corssafelist.h"
#include "http/origin.h"
#include "http/sharedcacheevidence.h"

#include <algorithm>

namespace Corscope {

namespace {

qsizetype findResponse(const Scenario &scenario, const OutgoingRequest &request)
{
    const QUrl url = request.url.adjusted(QUrl::RemoveFragment);
    for (qsizetype i = 0; i < scenario.responses.size(); ++i) {
        const ScenarioResponse &candidate = scenario.responses.at(i);
        // An EventSource's reconnection has a response of its own (lastEventId), as Scenario::respond.
        if ((candidate.method == "*" || candidate.method == request.method) &&
            candidate.url.adjusted(QUrl::RemoveFragment) == url &&
            (!candidate.lastEventId ||
             *candidate.lastEventId == request.headers.get("last-event-id").value_or(QByteArray())))
            return i;
    }
    return -1;
}

// The response that answered a request: when the scenario had none (the server answered 404)
// or shares one entry between OPTIONS and the actual method, it gets its own entry so a fix for
// the preflight does not change the actual response.
ScenarioResponse &responseFor(Scenario &scenario, const OutgoingRequest &request)
{
    const qsizetype index = findResponse(scenario, request);
    if (index >= 0 && scenario.responses.at(index).method == request.method)
        return scenario.responses[index];
    ScenarioResponse own;
    own.method = request.method;
    own.url = request.url;
    own.response = index >= 0 ? scenario.responses.at(index).response : scenario.respond(request);
    if (index >= 0)
        own.lastEventId = scenario.responses.at(index).lastEventId;
    scenario.responses.insert(0, own);
    return scenario.responses.first();
}

void appendUnique(QByteArrayList &list, const QByteArray &item)
{
    if (!item.isEmpty() && !list.contains(item))
        list.append(item);
}

// The token list a response header carries, "*" left out: a wildcard is never part of a fix.
QByteArrayList tokens(const HttpResponse &response, QByteArrayView name)
{
    QByteArrayList result;
    const QList<QByteArray> values = response.headers.values(name);
    if (values.isEmpty())
        return result;
    for (const QByteArray &item : values.join(',').split(',')) {
        const QByteArray token = item.trimmed();
        if (token != "*")
            appendUnique(result, token);
    }
    return result;
}

// What the server must do for the request and nothing more — one origin, its method, its
// headers — read off the exchanges before the fix (what the server already sends, so a layer
// does not add a second copy) and after it (whether a preflight is part of the fetch). The
// headers the page could already read stay exposed: taking them away would break the page.
FixPolicy policyFor(const Scenario &scenario, const Evaluation &before, const Evaluation &after,
                    const BrowserProfile &profile, const QByteArrayList &readHeaders,
                    QByteArrayList *otherOrigins)
{
    const FetchRequest &request = scenario.fetches.first().request;
    FixPolicy policy;
    policy.path = request.url.path(QUrl::FullyEncoded).toUtf8();
    if (policy.path.isEmpty())
        policy.path = "/";
    policy.credentials = request.credentials == CredentialsMode::Include;
    const QByteArray origin = request.origin.serialize();
    policy.origins = {origin};

    const HttpResponse *preflightResponse = nullptr;
    const HttpResponse *actualResponse = nullptr;
    for (const Exchange &exchange : before.exchanges) {
        if (!exchange.response)
            continue;
        const HttpResponse &response = *exchange.response;
        (exchange.request.kind == OutgoingRequest::Kind::Preflight ? preflightResponse : actualResponse) =
            &response;
        for (const Header &header : response.headers) {
            const QByteArray lower = header.name.toLower();
            if (!lower.startsWith("access-control-"))
                continue;
            appendUnique(policy.upstreamHeaders, header.name);
            if ((lower == "access-control-allow-origin" || lower == "access-control-allow-credentials") &&
                response.headers.count(lower) > 1)
                appendUnique(policy.duplicatedHeaders, header.name);
        }
        const std::optional<QByteArray> allowed = response.headers.get("access-control-allow-origin");
        if (!allowed || response.headers.count("access-control-allow-origin") != 1)
            continue;
        const QByteArray value = allowed->trimmed();
        if (value == "*")
            policy.anyOrigin = !policy.credentials;
        else if (value != origin && !value.isEmpty())
            appendUnique(*otherOrigins, value);
    }
    if (policy.anyOrigin)
        policy.origins = {};

    for (const Exchange &exchange : after.exchanges)
        policy.preflight = policy.preflight || exchange.request.kind == OutgoingRequest::Kind::Preflight;
    if (policy.preflight) {
        const QByteArray method = CorsSafelist::normalizeMethod(request.method);
        if (!CorsSafelist::isSafelistedMethod(method))
            appendUnique(policy.methods, method);
        for (const QByteArray &name :
             CorsSafelist::sortedLowercaseSet(CorsSafelist::unsafeHeaders(request.headers, profile)))
            appendUnique(policy.headers, name);
        // Both browsers' limits apply to one server: the smallest cap (Chromium's 2 h) is the
        // longest that every browser honours.
        const int cap =
            std::min(BrowserProfile::chromium().maxAgeCapSeconds, BrowserProfile::firefox().maxAgeCapSeconds);
        policy.maxAgeSeconds = 600;
        if (preflightResponse) {
            bool ok = false;
            const qint64 existing = preflightResponse->headers.get("access-control-max-age")
                                        .value_or(QByteArray())
                                        .trimmed()
                                        .toLongLong(&ok);
            if (ok && existing > 0)
                policy.maxAgeSeconds = int(std::min<qint64>(existing, cap));
        }
    }
    // A fetch that failed at its preflight never saw the actual response: what the server would
    // have answered is in the scenario.
    HttpResponse unsent;
    if (!actualResponse) {
        OutgoingRequest actual;
        actual.url = request.url;
        actual.method = CorsSafelist::normalizeMethod(request.method);
        actual.headers = request.headers;
        unsent = scenario.respond(actual);
        actualResponse = &unsent;
    }
    policy.exposeHeaders = tokens(*actualResponse, "access-control-expose-headers");
    for (const QByteArray &name : readHeaders) {
        if (!CorsSafelist::isSafelistedResponseHeader(name) && !CorsSafelist::isForbiddenResponseHeader(name))
            appendUnique(policy.exposeHeaders, name.toLower());
    }
    return policy;
}

} // namespace

FixPlan FixAdvisor::minimalFix(const Scenario &original, qsizetype fetchIndex, const BrowserProfile &profile,
                               const QByteArrayList &readHeaders)
{
    FixPlan plan;
    Scenario scenario = original;
    scenario.fetches = {original.fetches.value(fetchIndex, ScenarioFetch{0, original.request})};
    const Scenario unfixed = scenario;
    const FetchRequest &request = unfixed.fetches.first().request;
    // Each round fixes one check; a request has fewer than a dozen checks that can fail.
    Evaluation before;
    Evaluation after;
    for (int round = 0; round < 16; ++round) {
        const Evaluation evaluation = ScenarioRunner::run(scenario, profile, EvaluationDetail::Full).first();
        if (round == 0)
            before = evaluation;
        after = evaluation;
        if (evaluation.allowed()) {
            plan.fixable = true;
            plan.alreadyAllowed = round == 0;
            break;
        }
        // The first failing step that suggests a fix.
        std::optional<FixSuggestion> failingFix;
        for (const ExplanationStep &step : evaluation.steps) {
            if (step.outcome == StepOutcome::Fail) {
                failingFix = step.text().fix;
                if (failingFix)
                    break;
            }
        }
        if (!failingFix || failingFix->target == FixSuggestion::Target::Request ||
            evaluation.exchanges.isEmpty() || (failingFix->header.isEmpty() && !failingFix->status)) {
            plan.blocker = failingFix ? failingFix->summary
                                      : tr("The browser refuses this request before any server could help "
                                           "(%1).")
                                            .arg(evaluation.errorCode());
            break;
        }
        const OutgoingRequest &failed = evaluation.exchanges.last().request;
        ScenarioResponse &target = responseFor(scenario, failed);
        ResponseChange change;
        change.method = failed.method;
        change.url = failed.url;
        const FixSuggestion &fix = *failingFix;
        if (fix.status) {
            change.oldStatus = target.response.status;
            change.newStatus = fix.status;
            target.response.status = fix.status;
            target.response.headers.remove("location");
        }
        if (!fix.header.isEmpty()) {
            change.header = fix.header;
            change.oldValue = target.response.headers.get(fix.header);
            change.newValue = fix.value;
            target.response.headers.set(fix.header, fix.value);
            // Answering with credentials needs both halves; one round each would look like two
            // separate problems.
            if (fix.header == "Access-Control-Allow-Origin" &&
                request.credentials == CredentialsMode::Include &&
                target.response.headers.get("access-control-allow-credentials") != QByteArray("true")) {
                plan.changes.append(change);
                change = ResponseChange{failed.method,
                                        failed.url,
                                        "Access-Control-Allow-Credentials",
                                        target.response.headers.get("access-control-allow-credentials"),
                                        "true",
                                        0,
                                        0};
                target.response.headers.set("Access-Control-Allow-Credentials", "true");
            }
        }
        plan.changes.append(change);
    }

    QByteArrayList otherOrigins;
    plan.policy = policyFor(unfixed, before, after, profile, readHeaders, &otherOrigins);
    std::optional<CacheHitEvidence> cacheHit;
    for (const Exchange &exchange : before.exchanges) {
        if (!cacheHit && exchange.response && exchange.request.kind == OutgoingRequest::Kind::Actual &&
            !varyNamesOrigin(exchange.response->headers))
            cacheHit = sharedCacheHit(exchange.response->headers);
    }
    if (cacheHit) {
        // The origin the stored copy names was another visitor's, not a policy to keep.
        otherOrigins.clear();
        plan.notes << tr("A shared cache answered (%1: %2) and the response does not Vary on Origin. "
                         "After the fix is live, purge the copies the cache stored, or it keeps serving "
                         "them until they expire.")
                          .arg(QString::fromUtf8(cacheHit->header), QString::fromUtf8(cacheHit->value));
    }
    for (const QByteArray &other : otherOrigins)
        plan.notes << tr("The server allowed %1 before; the fix allows only %2. Add %1 to the allowed "
                         "origins if that page still needs access.")
                          .arg(QString::fromUtf8(other), QString::fromUtf8(request.origin.serialize()));
    return plan;
}

} // namespace Corscope
