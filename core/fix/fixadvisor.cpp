#include "fix/fixadvisor.h"

#include "cors/corssafelist.h"
#include "cors/websockethandshake.h"
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

// An origin no allow-list names: a handshake from it shows whether the server checks Origin at all.
const QByteArray probeOrigin = QByteArrayLiteral("https://corscope-origin-probe.invalid");

bool opensFor(const Scenario &scenario, OutgoingRequest handshake, const QByteArray &origin)
{
    handshake.headers.set("Origin", origin);
    const QByteArray key = handshake.headers.get("sec-websocket-key").value_or(QByteArray());
    return WebSocketHandshake::check(scenario.respond(handshake), key).opened();
}

// The origins the scenario's server opens a socket for, when it answers by Origin.
QByteArrayList originsThatOpen(const Scenario &scenario, const OutgoingRequest &handshake)
{
    QByteArrayList origins;
    for (const ScenarioResponse &candidate : scenario.responses) {
        for (const QByteArray &origin : candidate.origins) {
            if (opensFor(scenario, handshake, origin))
                appendUnique(origins, origin);
        }
    }
    return origins;
}

const char nginxUpgradeDirectives[] =
    "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";";

} // namespace

FixPlan FixAdvisor::webSocketFix(Scenario scenario, const Evaluation &before, const BrowserProfile &profile)
{
    FixPlan plan;
    plan.webSocket = true;
    const FetchRequest &request = scenario.fetches.first().request;
    const QByteArray origin = request.origin.serialize();
    const QString page = QString::fromUtf8(origin);
    plan.policy.origins = {origin};
    plan.policy.path = request.url.path(QUrl::FullyEncoded).toUtf8();
    const Exchange *handshake = nullptr;
    for (const Exchange &exchange : before.exchanges) {
        if (exchange.response)
            handshake = &exchange;
    }
    if (!handshake) {
        plan.blocker = tr("The WebSocket handshake got no answer (%1): the server must be reachable first.")
                           .arg(before.errorCode());
        return plan;
    }
    const HttpResponse &response = *handshake->response;
    const QByteArray key = handshake->request.headers.get("sec-websocket-key").value_or(QByteArray());
    const WebSocketHandshake::Result result = WebSocketHandshake::check(response, key);
    const QString socket = WebSocketHandshake::socketUrl(request.url).toString();

    if (result.opened()) {
        plan.fixable = true;
        plan.alreadyAllowed = true;
        if (opensFor(scenario, handshake->request, probeOrigin))
            plan.notes << tr("The server opens the socket for any Origin: it accepted %1 and also %2, an "
                             "origin it cannot know. CORS does not protect a WebSocket (no preflight, "
                             "Access-Control-Allow-Origin ignored, the user's cookies sent), so any site the "
                             "user visits can open it and read and send messages as the user (Cross-Site "
                             "WebSocket Hijacking). Check Origin in the handshake against an allow-list of "
                             "your own origins (here %1, if this page is yours) and answer 403 to every "
                             "other; for a socket authenticated by cookies also require a CSRF-style token "
                             "in the URL or the first message.")
                              .arg(page, QString::fromUtf8(probeOrigin));
        else
            plan.notes << tr("The server checks Origin: it opened the socket for %1 and refuses an origin it "
                             "does not know. Nothing to change, as long as every origin on its allow-list is "
                             "your own.")
                              .arg(page);
        return plan;
    }

    using Failure = WebSocketHandshake::Failure;
    const int status = response.status;
    // The answer this page got, as its own entry for any Origin: a server that answers by Origin
    // keeps its other entries, and the fix is what it must answer this page.
    const QByteArrayList othersThatOpen = originsThatOpen(scenario, handshake->request);
    ScenarioResponse own;
    own.method = handshake->request.method;
    own.url = handshake->request.url;
    own.response = response;
    // A right accept value was computed for that key: the server computes it for every key.
    if (response.headers.get("sec-websocket-accept").value_or(QByteArray()).trimmed() ==
        WebSocketHandshake::acceptFor(key))
        own.response.headers.set("Sec-WebSocket-Accept", "{websocket-accept}");
    scenario.responses.insert(0, own);
    ScenarioResponse &target = scenario.responses.first();
    const auto change = [&](const QByteArray &header, const QByteArray &value) {
        const std::optional<QByteArray> old = target.response.headers.get(header);
        if (old == value && target.response.headers.count(header) == 1)
            return;
        plan.changes.append({handshake->request.method, handshake->request.url, header, old, value, 0, 0});
        target.response.headers.set(header, value);
    };
    QString cause;
    switch (result.failure) {
    case Failure::None:
        break;
    case Failure::UnexpectedStatus: {
        const QByteArrayList &others = othersThatOpen;
        if (!others.isEmpty()) {
            cause = tr("An Origin refusal, the server's own choice: it answers %1 to Origin %2 and opens the "
                       "socket only for %3. If this page is meant to connect, add %2 to the origins its "
                       "WebSocket handler accepts (the check of the Origin request header, not "
                       "Access-Control-Allow-Origin, which a WebSocket never reads).")
                        .arg(status)
                        .arg(page, QString::fromUtf8(others.join(", ")));
        } else if (status == 401 || status == 403) {
            cause = tr("The server refused the handshake with %1. If it checks Origin, it does not accept %2: "
                       "add %2 to the origins its WebSocket handler accepts (Access-Control-Allow-Origin "
                       "would change nothing). If it refused the user instead (no session cookie, an "
                       "expired token), the page must sign in first.")
                        .arg(status)
                        .arg(page);
        } else if (status >= 300 && status < 400) {
            const QString location =
                QString::fromUtf8(response.headers.get("location").value_or(QByteArray()).trimmed());
            cause = tr("The server redirects the handshake (%1 to %2), and a WebSocket follows no redirect. "
                       "Open the socket at its final URL in the page (new WebSocket('%3') with the "
                       "redirect's target), or have %4 answer 101 Switching Protocols itself.")
                        .arg(status)
                        .arg(location.isEmpty() ? tr("no Location") : location,
                             location.isEmpty()
                                 ? socket
                                 : WebSocketHandshake::socketUrl(request.url.resolved(QUrl(location))).toString(),
                             socket);
        } else if (status == 426) {
            cause = tr("426 Upgrade Required: the WebSocket server got the handshake without its Upgrade "
                       "header. Upgrade and Connection are hop-by-hop: a reverse proxy in front of the "
                       "server drops them unless told to pass them on (nginx: %1 in the location that "
                       "proxies the socket).")
                        .arg(QString::fromLatin1(nginxUpgradeDirectives));
        } else if (status == 200) {
            cause = tr("A plain 200: the handshake reached something that answered it as an ordinary GET. "
                       "Usually a reverse proxy in front of the WebSocket server that does not pass the "
                       "upgrade on (nginx: %1 in the location), or a URL that is not the socket's.")
                        .arg(QString::fromLatin1(nginxUpgradeDirectives));
        } else if (status == 400) {
            cause = tr("A 400: the WebSocket server found the handshake malformed. Typically a proxy dropped "
                       "the hop-by-hop Upgrade and Connection headers on the way (nginx: %1), or the server "
                       "wants another Sec-WebSocket-Version than 13. Some servers answer 400 to an Origin "
                       "they refuse: then add %2 to the origins they accept.")
                        .arg(QString::fromLatin1(nginxUpgradeDirectives), page);
        } else if (status == 404) {
            cause = tr("A 404: nothing answers WebSocket handshakes at %1. Check the socket's path in the "
                       "page and in the server (or the proxy's location).")
                        .arg(socket);
        } else {
            cause = tr("The server answered %1 instead of 101 Switching Protocols: the WebSocket server (or "
                       "a proxy in front of it, when it is a 502/503/504) did not take the upgrade.")
                        .arg(status);
        }
        plan.changes.append({handshake->request.method, handshake->request.url, {}, {}, {}, status, 101});
        target.response.status = 101;
        target.response.headers.remove("location");
        target.response.body.clear();
        break;
    }
    case Failure::MissingUpgrade:
    case Failure::DuplicateUpgrade:
    case Failure::WrongUpgrade:
    case Failure::MissingConnection:
    case Failure::WrongConnection:
        cause = tr("The 101 response lacks Upgrade: websocket or Connection: Upgrade. Both are hop-by-hop "
                   "headers, which a proxy drops unless told to pass them: the usual cause is a reverse "
                   "proxy in front of the WebSocket server (nginx: %1 in the location that proxies the "
                   "socket). A server of your own must send both on the 101.")
                    .arg(QString::fromLatin1(nginxUpgradeDirectives));
        break;
    case Failure::MissingAccept:
    case Failure::DuplicateAccept:
    case Failure::WrongAccept:
        cause = tr("Sec-WebSocket-Accept must be base64(SHA-1(Sec-WebSocket-Key + "
                   "\"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\")) of the key in this very handshake, once: for "
                   "the key %1 that is %2. A server that gets it wrong computes it from something else "
                   "(the key decoded, a lower-case GUID, a hex digest instead of base64); a cache or proxy "
                   "that replays a stored 101 sends an old key's value. Use the WebSocket library's "
                   "handshake rather than your own, and never cache the upgrade.")
                    .arg(QString::fromLatin1(key), QString::fromLatin1(WebSocketHandshake::acceptFor(key)));
        break;
    }
    plan.notes << cause;
    // Then whatever the 101 still lacks, in the order the browser checks it; the accept value is
    // the scenario's per-key placeholder, as every server computes it anew for each key.
    for (int round = 0; round < 4; ++round) {
        const WebSocketHandshake::Result now = WebSocketHandshake::check(scenario.respond(handshake->request), key);
        if (now.opened() || now.failure == Failure::UnexpectedStatus)
            break;
        if (now.failure == Failure::MissingUpgrade || now.failure == Failure::DuplicateUpgrade ||
            now.failure == Failure::WrongUpgrade)
            change("Upgrade", "websocket");
        else if (now.failure == Failure::MissingConnection || now.failure == Failure::WrongConnection)
            change("Connection", "Upgrade");
        else
            change("Sec-WebSocket-Accept", "{websocket-accept}");
    }
    for (const ResponseChange &made : std::as_const(plan.changes)) {
        if (made.newValue == "{websocket-accept}")
            plan.notes << tr("{websocket-accept} is not a fixed value: the server computes base64(SHA-1("
                             "Sec-WebSocket-Key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\")) anew from each "
                             "handshake's key, as every WebSocket library does.");
    }
    const Evaluation after = ScenarioRunner::run(scenario, profile, EvaluationDetail::Full).first();
    plan.fixable = after.allowed();
    if (!plan.fixable)
        plan.blocker = cause;
    return plan;
}

FixPlan FixAdvisor::minimalFix(const Scenario &original, qsizetype fetchIndex, const BrowserProfile &profile,
                               const QByteArrayList &readHeaders)
{
    FixPlan plan;
    Scenario scenario = original;
    scenario.fetches = {original.fetches.value(fetchIndex, ScenarioFetch{0, original.request})};
    const Scenario unfixed = scenario;
    const FetchRequest &request = unfixed.fetches.first().request;
    if (request.resourceType == ResourceType::WebSocket)
        return webSocketFix(scenario, ScenarioRunner::run(scenario, profile, EvaluationDetail::Full).first(),
                            profile);
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
