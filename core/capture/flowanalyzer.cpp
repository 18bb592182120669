#include "capture/flowanalyzer.h"

#include "cors/corssafelist.h"
#include "cors/fetchsimulation.h"
#include "har/harreader.h"
#include "http/sharedcacheevidence.h"

namespace Corscope {

namespace {

// Bounded memory: a page rarely has more preflights in flight than this.
constexpr size_t maxRememberedPreflights = 256;
// Same-origin redirects a cross-origin hop may still follow: a page rarely has many in flight.
constexpr size_t maxRememberedSameOriginRedirects = 64;
// Unfollowed redirects to HTTPS a closing tunnel may still explain.
constexpr size_t maxRememberedUnfollowedHttps = 32;

HttpResponse responseOf(const Flow &flow)
{
    HttpResponse response;
    response.status = flow.status;
    response.statusText = flow.reason;
    response.headers = flow.responseHeaders;
    response.body = flow.responseBody;
    return response;
}

// Whether a request is the one a preflight announced: [fetch] CORS-preflight fetch, steps 3-5 —
// Access-Control-Request-Method is the request's method and Access-Control-Request-Headers names
// its CORS-unsafe headers, so each name must be on the request (browser-added ones may be too).
bool fitsAnnouncement(const Flow &preflight, const Flow &request)
{
    if (preflight.requestHeaders.get("access-control-request-method") != request.method)
        return false;
    const std::optional<QByteArray> names = preflight.requestHeaders.get("access-control-request-headers");
    if (!names)
        return true;
    for (const QByteArray &name : names->split(',')) {
        const QByteArray trimmed = name.trimmed();
        if (!trimmed.isEmpty() && !request.requestHeaders.contains(trimmed))
            return false;
    }
    return true;
}

// The browser sent this request without a preflight on the wire. If it needed one, its preflight
// cache must have answered: ours gets an entry covering the request.
// The same for a later hop of a redirect chain: the preflight the browser would have sent there,
// from origin (as that preflight serializes it) for url.
void coverUnseenPreflight(PreflightCache &cache, const FetchRequest &request, const QByteArray &origin,
                          const QUrl &url, const QByteArray &method)
{
    QByteArrayList names;
    for (const Header &header : request.headers)
        names.append(header.name.toLower());
    cache.store(origin, url, request.credentials == CredentialsMode::Include, {method},
                TokenList::fromList(names), 600);
}

void coverUnseenPreflight(PreflightCache &cache, const FetchRequest &request)
{
    coverUnseenPreflight(cache, request, request.origin.serialize(), request.url, request.method);
}

} // namespace

// A preflight remembered for pairing, and whether its request has come.
struct FlowAnalyzer::PendingPreflight {
    std::shared_ptr<const Flow> flow;
    FlowVerdict verdict; // as analyze() gave it, kept only while it waits
    qint64 deadlineMs = 0;
    bool waiting = false; // granted, and neither followed nor expired yet
    bool expired = false; // declared unfollowed; its request may still turn up late
};

// A fetch that followed a redirect and waits for its next request: the browser's own state
// machine, fed each hop as it arrives, so the chain is judged by the code path `check` uses.
struct FlowAnalyzer::PendingFetch {
    explicit PendingFetch(const BrowserProfile &profile)
        : cache(profile, clock)
    {
    }
    FetchRequest request; // borrowed by simulation: declared before it
    ManualClock clock;
    PreflightCache cache;
    std::unique_ptr<FetchSimulation> simulation;
    std::optional<Flow> preflight; // the one that guarded the first hop
    std::vector<Flow> hops;        // requests and mid-chain preflights, in wire order
    FlowVerdict first;             // what the first hop's verdict carries beyond the chain's
    qint64 deadlineMs = 0;
    // Preflights the wire does not show because the browser's preflight cache answered them: each
    // seeded into cache before the simulation starts, so a replay decides as the browser did.
    struct Seed {
        QByteArray origin;
        QUrl url;
        QByteArray method;
    };
    std::vector<Seed> seeds;
    std::vector<quint64> cacheAnsweredHops; // flow ids of the hops sent without their preflight

    void seed(const Seed &entry)
    {
        seeds.push_back(entry);
        coverUnseenPreflight(cache, request, entry.origin, entry.url, entry.method);
    }
    bool cacheAnswered(quint64 flowId) const
    {
        return std::find(cacheAnsweredHops.begin(), cacheAnsweredHops.end(), flowId) !=
               cacheAnsweredHops.end();
    }
};

// The same-origin start of a fetch that may go on cross-origin: its hops (each a redirect to the
// next, the last one's Location not seen yet), kept until the window passes.
struct FlowAnalyzer::SameOriginRedirect {
    std::vector<Flow> hops;
    QUrl location;           // the last hop's Location, resolved against its URL, without fragment
    size_t locationHash = 0; // qHash(location): most comparisons stop at it
    QByteArray nextMethod;   // the method the redirect leaves the next request
    qint64 deadlineMs = 0;
};

namespace {

// A flow that ended in an error still gave the browser a response when its head arrived: a
// browser following a redirect drops the connection before the 3xx body is read (headless
// Chromium 156 through `corscope-cli proxy` does), and the CORS checks run on
// the head alone. Only a flow with no response at all is a network error to the page.
bool noResponse(const Flow &flow)
{
    return flow.state == Flow::State::Error && flow.status == 0;
}

qint64 completedMs(const Flow &flow)
{
    return flow.started.toMSecsSinceEpoch() + qint64(std::max(0.0, flow.completeMs));
}

QUrl withoutFragment(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment);
}

// The fix of the last failing step, as the explanation words it.
QString fixOf(const Evaluation &evaluation)
{
    for (auto it = evaluation.steps.crbegin(); it != evaluation.steps.crend(); ++it) {
        if (it->outcome != StepOutcome::Fail)
            continue;
        const StepText text = it->text();
        if (text.fix)
            return text.fix->summary;
    }
    return {};
}

} // namespace

FlowAnalyzer::FlowAnalyzer(const BrowserProfile &profile, EvaluationDetail detail)
    : m_profile(profile)
    , m_detail(detail)
{
}

FlowAnalyzer::~FlowAnalyzer() = default;

FlowVerdict FlowAnalyzer::analyze(const Flow &flow)
{
    FlowVerdict verdict;
    verdict.flowId = flow.id;
    if (flow.tunnel) {
        if (std::optional<FlowVerdict> hop = tunnelledHop(flow))
            verdict = std::move(*hop);
        settle(flow.started);
        return verdict;
    }
    if (!flow.requestHeaders.contains("origin")) {
        // Chromium and Firefox send no Origin on a same-origin GET or HEAD: if it is redirected
        // cross-origin, the next hop carries one and belongs to this fetch. The status test keeps
        // every other flow at the cost it had.
        if (!flow.tunnel && flow.status >= 301 && flow.status <= 308) {
            if (std::optional<FlowVerdict> refused = analyzeSameOriginRedirect(flow))
                verdict = std::move(*refused);
        }
        settle(flow.started);
        return verdict;
    }
    // [fetch-metadata] Sec-Fetch-Mode and Sec-Fetch-Dest: both browsers send them, and they
    // settle what the page's request was, which the rest of the wire leaves open.
    // Kept as sent (browsers send them lower-case); compared without regard to case.
    const QByteArray mode = flow.requestHeaders.get("sec-fetch-mode").value_or(QByteArray());
    const QByteArray destination = flow.requestHeaders.get("sec-fetch-dest").value_or(QByteArray());
    if (HeaderList::namesEqual(mode, "navigate")) {
        // A navigation (a form POST carries Origin) is not a CORS request: the page never reads it.
        verdict.assumptions << tr("Sec-Fetch-Mode: navigate: a navigation, which CORS does not govern");
    } else if (std::optional<FlowVerdict> continued = continueFetch(flow)) {
        verdict = std::move(*continued);
    } else if (std::optional<FlowVerdict> started =
                   m_sameOriginRedirects.empty() ? std::nullopt : startSameOriginChain(flow)) {
        verdict = std::move(*started);
    } else {
        verdict = flow.isPreflight() ? analyzePreflight(flow) : analyzeRequest(flow);
    }
    verdict.fetchMode = mode;
    verdict.destination = destination;
    // The flows' own timestamps are the clock: what waited past the window before this flow
    // started is settled now.
    settle(flow.started);
    return verdict;
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
    verdict.evaluation = simulation.takeEvaluation();
    if (flow.answeredLocally)
        verdict.assumptions
            << tr("Corscope's rule '%1' answered this preflight: the server was not asked and "
                  "may still fail it")
                   .arg(flow.appliedRules.value(0));
    // A granted one waits for its request: until it comes the verdict is not settled.
    verdict.settled = verdict.kind != FlowVerdict::Kind::PreflightPassed;
    // A failed one is remembered too: a request that follows it anyway (curl, a script, a broken
    // client) is then explained by the preflight a browser would have stopped at.
    if (m_preflights.size() >= maxRememberedPreflights) {
        if (m_preflights.front().waiting)
            expirePreflight(m_preflights.front(), tr("too many later preflights came before its request"));
        m_preflights.erase(m_preflights.begin());
    }
    const qint64 deadline = completedMs(flow) + m_windowMs;
    m_preflights.push_back({std::make_shared<const Flow>(flow), verdict.settled ? FlowVerdict{} : verdict,
                            deadline, !verdict.settled, false});
    if (!verdict.settled)
        m_earliestDeadlineMs = std::min(m_earliestDeadlineMs, deadline);
    return verdict;
}

FlowVerdict FlowAnalyzer::analyzeRequest(const Flow &flow)
{
    FlowVerdict verdict;
    verdict.flowId = flow.id;
    const QByteArray originHeader = flow.requestHeaders.get("origin").value_or(QByteArray());
    const Origin &origin = parsedOrigin(originHeader);
    if (!origin.isOpaque() && origin.isSameOriginAs(flow.url)) {
        // A same-origin POST carries Origin; redirected cross-origin, it is a chain's first hop.
        if (flow.status >= 301 && flow.status <= 308) {
            if (std::optional<FlowVerdict> refused = analyzeSameOriginRedirect(flow))
                return std::move(*refused);
        }
        return verdict;
    }

    // The preflight that guarded it. Browsers run fetches in parallel (preflight 1, preflight 2,
    // request 1, request 2), each request after its own preflight: the oldest waiting one whose
    // announcement the request fits, else the latest earlier one for the URL and origin that it
    // fits (expired, or failed and sent anyway).
    auto chosen = m_preflights.end();
    bool unannounced = false; // a waiting preflight announced another request
    for (auto it = m_preflights.begin(); it != m_preflights.end(); ++it) {
        if (it->flow->url != flow.url || it->flow->requestHeaders.get("origin") != originHeader)
            continue;
        if (!fitsAnnouncement(*it->flow, flow))
            unannounced = unannounced || it->waiting;
        else if (chosen == m_preflights.end() || !chosen->waiting)
            chosen = it;
    }
    // The "before the page's next request to that URL": a request from the same origin
    // that is not the one a waiting preflight announced (another method, an announced header
    // missing) means that preflight's request is not coming. Settled at once; a late request that
    // fits still restores it below.
    for (auto it = m_preflights.begin(); unannounced && it != m_preflights.end(); ++it) {
        if (it->waiting && it->flow->url == flow.url &&
            it->flow->requestHeaders.get("origin") == originHeader && !fitsAnnouncement(*it->flow, flow))
            expirePreflight(*it, tr("the page's next request to this URL (%1 %2) was not the one the "
                                    "preflight announced")
                                     .arg(QString::fromLatin1(flow.method), flow.url.toString()));
    }
    std::optional<Flow> preflight;
    if (chosen != m_preflights.end()) {
        preflight = *chosen->flow;
        // Its request came: the preflight's verdict stands, now settled (and restored if the
        // window had declared it unfollowed).
        if (chosen->waiting || chosen->expired) {
            FlowVerdict settled = chosen->verdict;
            settled.settled = true;
            if (chosen->expired)
                settled.assumptions << tr("its request came after it was settled as unfollowed");
            revise(chosen->flow, std::move(settled));
        }
        m_preflights.erase(chosen);
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

    const bool failed = noResponse(flow);
    const CapturedResponses responses(flow, preflight);
    // Before the simulation starts, which is when it consults the cache.
    auto seed = [&](PreflightCache &cache) {
        if (!preflight)
            coverUnseenPreflight(cache, request);
    };
    // runFetch's loop, stopped once this flow's response is in: a request after that (a redirect's
    // next hop, the preflight it needs) is another flow, which continueFetch() feeds in. True when
    // the fetch goes on past this flow.
    auto run = [&](FetchSimulation &simulation) {
        bool answered = false;
        for (int exchanges = 0;
             !simulation.isFinished() && simulation.pendingKind() && !answered && exchanges < 64;
             ++exchanges) {
            const OutgoingRequest &outgoing = *simulation.pendingRequest();
            answered = outgoing.kind == OutgoingRequest::Kind::Actual;
            if (failed && answered)
                simulation.receiveNetworkError(FetchSimulation::tr("connection failed"));
            else
                simulation.receiveResponse(responses.respond(outgoing));
        }
        return !simulation.isFinished() && simulation.pendingKind() && answered;
    };
    // Nearly every request ends at its own response: evaluated on the stack, without the heap
    // state a redirect chain needs, which is made (and this flow replayed into it) only for one.
    ManualClock clock;
    PreflightCache cache(m_profile, clock);
    seed(cache);
    FetchSimulation simulation(request, m_profile, cache, m_detail);
    if (run(simulation)) {
        // [fetch] HTTP-redirect fetch: the response was a redirect that passed its checks and the
        // browser is sending the next request; the verdict is the chain's, decided later.
        auto fetch = std::make_unique<PendingFetch>(m_profile);
        fetch->request = request;
        if (!preflight)
            fetch->seed({request.origin.serialize(), request.url, request.method});
        fetch->simulation =
            std::make_unique<FetchSimulation>(fetch->request, m_profile, fetch->cache, m_detail);
        run(*fetch->simulation);
        verdict.kind = FlowVerdict::Kind::RedirectFollowed;
        verdict.settled = false;
        fetch->preflight = preflight;
        fetch->hops.push_back(flow);
        fetch->first = verdict;
        fetch->deadlineMs = completedMs(flow) + m_windowMs;
        m_earliestDeadlineMs = std::min(m_earliestDeadlineMs, fetch->deadlineMs);
        m_fetches.push_back(std::move(fetch));
        return verdict;
    }
    Evaluation evaluation = simulation.takeEvaluation();
    verdict.preflightFromBrowserCache = !preflight && evaluation.preflightFromCache;
    if (verdict.preflightFromBrowserCache)
        verdict.assumptions << tr("no preflight was captured for this request: the browser's preflight cache "
                                  "answered it");
    verdict.kind = evaluation.allowed() ? FlowVerdict::Kind::Allowed : FlowVerdict::Kind::Blocked;
    // [fetch] main fetch: a no-cors request is never CORS-checked; the page gets an opaque response.
    if (request.mode == RequestMode::NoCors && evaluation.allowed())
        verdict.kind = FlowVerdict::Kind::NotCors;
    if (preflight && !evaluation.actualRequestSent)
        verdict.assumptions << tr("a browser stops at this failed preflight and never sends the request; "
                                  "the client that sent it anyway is not following CORS");
    verdict.pageSaw = pageSaw(m_profile, evaluation);
    verdict.evaluation = std::move(evaluation);
    return verdict;
}

std::optional<FlowVerdict> FlowAnalyzer::continueFetch(const Flow &flow)
{
    if (m_fetches.empty())
        return std::nullopt;
    const bool isPreflight = flow.isPreflight();
    const QByteArray originHeader = flow.requestHeaders.get("origin").value_or(QByteArray());
    auto chosen = m_fetches.end();
    int chosenScore = -1;
    for (auto it = m_fetches.begin(); it != m_fetches.end(); ++it) {
        const FetchSimulation &simulation = *(*it)->simulation;
        if (!simulation.pendingKind())
            continue;
        const bool wantsPreflight = *simulation.pendingKind() == OutgoingRequest::Kind::Preflight;
        // [fetch] HTTP fetch, step 4.1 and CORS-preflight fetch, step 7: the browser consults its
        // preflight cache for every hop; a hit sends the request with no OPTIONS before it, which
        // an earlier fetch's preflight (Access-Control-Max-Age) made possible.
        const bool cacheAnswered = wantsPreflight && !isPreflight;
        if (wantsPreflight != isPreflight && !cacheAnswered)
            continue;
        const OutgoingRequest &next = *simulation.pendingRequest();
        // [fetch] HTTP-redirect fetch: the next request is for the Location, with the method the
        // redirect left (303, and 301/302 after POST, turn it into GET) and Origin as the URL
        // list serializes it ('null' once a redirect crossed origins).
        if (withoutFragment(next.url) != withoutFragment(flow.url))
            continue;
        const std::optional<QByteArray> announced = next.headers.get("access-control-request-method");
        if (isPreflight     ? flow.requestHeaders.get("access-control-request-method") != announced
            : cacheAnswered ? flow.method != announced
                            : flow.method != next.method)
            continue;
        const QByteArray expectedOrigin = next.headers.get("origin").value_or(QByteArray());
        if (originHeader != expectedOrigin && originHeader != "null" &&
            originHeader != (*it)->request.origin.serialize())
            continue;
        if (flow.started.isValid() && (*it)->hops.back().started.isValid() &&
            flow.started < (*it)->hops.back().started)
            continue;
        // Several fetches may wait for the same URL: the one that expects this very request wins
        // over one that expected its preflight, then the one on the same client connection.
        const Flow &last = (*it)->hops.back();
        const bool sameConnection =
            last.clientPort == flow.clientPort && last.clientAddress == flow.clientAddress;
        const int score = (cacheAnswered ? 0 : 2) + (sameConnection ? 1 : 0);
        if (score > chosenScore) {
            chosen = it;
            chosenScore = score;
        }
        if (score == 3)
            break;
    }
    if (chosen == m_fetches.end())
        return std::nullopt;
    if (chosenScore < 2) {
        // A preflight of the page's own that waits for this very request explains it better
        // than a cache hit the wire cannot show.
        for (const PendingPreflight &pending : m_preflights) {
            if (pending.waiting && pending.flow->url == flow.url &&
                pending.flow->requestHeaders.get("origin") == flow.requestHeaders.get("origin") &&
                fitsAnnouncement(*pending.flow, flow))
                return std::nullopt;
        }
        std::unique_ptr<PendingFetch> replayed = replayWithCachedPreflight(**chosen, flow);
        if (!replayed)
            return std::nullopt;
        *chosen = std::move(replayed);
    }
    PendingFetch &fetch = **chosen;
    FetchSimulation &simulation = *fetch.simulation;
    const QByteArray expectedOrigin =
        simulation.pendingRequest()->headers.get("origin").value_or(QByteArray());
    if (originHeader != expectedOrigin)
        fetch.first.assumptions << tr("hop %1 was sent with Origin '%2' where this browser sends '%3'")
                                       .arg(fetch.hops.size())
                                       .arg(QString::fromUtf8(originHeader),
                                            QString::fromUtf8(expectedOrigin));
    if (noResponse(flow))
        simulation.receiveNetworkError(isPreflight ? flow.error : FetchSimulation::tr("connection failed"));
    else
        simulation.receiveResponse(responseOf(flow));
    fetch.hops.push_back(flow);
    if (simulation.isFinished() || !simulation.pendingKind()) {
        FlowVerdict verdict = settleFetch(fetch, flow);
        m_fetches.erase(chosen);
        return verdict;
    }
    fetch.deadlineMs = completedMs(flow) + m_windowMs;
    m_earliestDeadlineMs = std::min(m_earliestDeadlineMs, fetch.deadlineMs);
    FlowVerdict verdict;
    verdict.flowId = flow.id;
    verdict.settled = false;
    verdict.kind = isPreflight ? FlowVerdict::Kind::PreflightPassed : FlowVerdict::Kind::RedirectFollowed;
    verdict.chain =
        FlowChainPosition{fetch.hops.front().id, int(fetch.hops.size()) - 1, int(fetch.hops.size())};
    return verdict;
}

std::unique_ptr<FlowAnalyzer::PendingFetch> FlowAnalyzer::replayWithCachedPreflight(const PendingFetch &fetch,
                                                                                    const Flow &hop) const
{
    // The simulation asked for a preflight the browser did not send: the page's preflight cache
    // held an entry for this hop. The decision was taken when the redirect was followed, so the
    // fetch is run again from its start with that entry in the cache, every hop so far replayed
    // as the wire showed it; `check` with the earlier fetch's cache decides the same.
    const OutgoingRequest &wanted = *fetch.simulation->pendingRequest();
    auto replayed = std::make_unique<PendingFetch>(m_profile);
    replayed->request = fetch.request;
    replayed->preflight = fetch.preflight;
    replayed->hops = fetch.hops;
    replayed->first = fetch.first;
    replayed->deadlineMs = fetch.deadlineMs;
    replayed->cacheAnsweredHops = fetch.cacheAnsweredHops;
    for (const PendingFetch::Seed &seed : fetch.seeds)
        replayed->seed(seed);
    replayed->seed({wanted.headers.get("origin").value_or(QByteArray()), withoutFragment(wanted.url),
                    wanted.headers.get("access-control-request-method").value_or(hop.method)});
    replayed->cacheAnsweredHops.push_back(hop.id);
    replayed->simulation =
        std::make_unique<FetchSimulation>(replayed->request, m_profile, replayed->cache, m_detail);
    FetchSimulation &simulation = *replayed->simulation;
    auto feed = [&](const Flow &flow) {
        if (simulation.isFinished() || !simulation.pendingKind() ||
            (*simulation.pendingKind() == OutgoingRequest::Kind::Preflight) != flow.isPreflight() ||
            withoutFragment(simulation.pendingRequest()->url) != withoutFragment(flow.url))
            return false;
        if (noResponse(flow))
            simulation.receiveNetworkError(flow.isPreflight() ? flow.error
                                                              : FetchSimulation::tr("connection failed"));
        else
            simulation.receiveResponse(responseOf(flow));
        return true;
    };
    if (replayed->preflight && !feed(*replayed->preflight))
        return nullptr;
    for (const Flow &flow : replayed->hops) {
        if (!feed(flow))
            return nullptr;
    }
    // The entry must have answered: the simulation now sends this very request.
    if (simulation.isFinished() || simulation.pendingKind() != OutgoingRequest::Kind::Actual ||
        withoutFragment(simulation.pendingRequest()->url) != withoutFragment(hop.url) ||
        simulation.pendingRequest()->method != hop.method)
        return nullptr;
    return replayed;
}

std::optional<FlowVerdict> FlowAnalyzer::analyzeSameOriginRedirect(const Flow &flow)
{
    const std::optional<size_t> remembered = rememberSameOriginRedirect(flow);
    if (!remembered)
        return std::nullopt;
    std::optional<FlowVerdict> refused = refusedByMode(m_sameOriginRedirects.at(*remembered));
    // Decided: no later flow is its next hop.
    if (refused)
        m_sameOriginRedirects.erase(m_sameOriginRedirects.begin() + std::ptrdiff_t(*remembered));
    return refused;
}

std::optional<size_t> FlowAnalyzer::rememberSameOriginRedirect(const Flow &flow)
{
    // [fetch] HTTP fetch: only 301, 302, 303, 307 and 308 are redirect statuses, and only with a
    // Location; a navigation's redirects are not CORS at any hop.
    if (flow.status == 304 || flow.status == 305 || flow.status == 306 || noResponse(flow))
        return std::nullopt;
    const std::optional<QByteArray> locationHeader = flow.responseHeaders.get("location");
    if (!locationHeader ||
        HeaderList::namesEqual(flow.requestHeaders.get("sec-fetch-mode").value_or(QByteArray()), "navigate"))
        return std::nullopt;
    // As FetchSimulation::followRedirect resolves it.
    const QUrl target =
        flow.url.resolved(QUrl(QString::fromUtf8(locationHeader->trimmed()), QUrl::StrictMode));
    if (!target.isValid())
        return std::nullopt;
    // [fetch] HTTP-redirect fetch, step 12: 301/302 after POST, and 303 after anything but GET or
    // HEAD, turn the next request into a GET.
    QByteArray nextMethod = flow.method;
    if (((flow.status == 301 || flow.status == 302) && flow.method == "POST") ||
        (flow.status == 303 && flow.method != "GET" && flow.method != "HEAD"))
        nextMethod = "GET";
    const qint64 startedMs = flow.started.toMSecsSinceEpoch();
    std::erase_if(m_sameOriginRedirects,
                  [&](const SameOriginRedirect &redirect) { return redirect.deadlineMs < startedMs; });
    const qint64 deadline = completedMs(flow) + m_windowMs;
    const QUrl location = withoutFragment(target);
    const size_t locationHash = qHash(location);
    // A same-origin hop that follows a remembered one extends it: Chromium's message names the
    // chain's first URL.
    if (!m_sameOriginRedirects.empty()) {
        const QUrl url = withoutFragment(flow.url);
        const size_t urlHash = qHash(url);
        for (auto it = m_sameOriginRedirects.rbegin(); it != m_sameOriginRedirects.rend(); ++it) {
            if (it->locationHash == urlHash && it->nextMethod == flow.method && it->location == url &&
                it->hops.back().started <= flow.started) {
                it->hops.push_back(flow);
                it->location = location;
                it->locationHash = locationHash;
                it->nextMethod = nextMethod;
                it->deadlineMs = deadline;
                return size_t(std::distance(it, m_sameOriginRedirects.rend()) - 1);
            }
        }
    }
    if (m_sameOriginRedirects.size() >= maxRememberedSameOriginRedirects)
        m_sameOriginRedirects.erase(m_sameOriginRedirects.begin());
    m_sameOriginRedirects.push_back({{flow}, location, locationHash, nextMethod, deadline});
    return m_sameOriginRedirects.size() - 1;
}

std::optional<FlowVerdict> FlowAnalyzer::refusedByMode(const SameOriginRedirect &redirect)
{
    const Flow &first = redirect.hops.front();
    // [fetch-metadata] 2.3 Sec-Fetch-Mode is the mode the browser ran the request in; a worker's
    // script ([html] fetch a classic worker script, the top of a module worker script graph) is
    // fetched in mode 'same-origin' whether or not the header says so.
    const QByteArray mode = first.requestHeaders.get("sec-fetch-mode").value_or(QByteArray()).trimmed();
    const QByteArray destination =
        first.requestHeaders.get("sec-fetch-dest").value_or(QByteArray()).trimmed();
    const bool workerScript =
        HeaderList::namesEqual(destination, "worker") || HeaderList::namesEqual(destination, "sharedworker");
    if (!HeaderList::namesEqual(mode, "same-origin") && !(mode.isEmpty() && workerScript))
        return std::nullopt;
    // The page's origin: the Origin header a same-origin POST carries; else the Referer's, the page
    // that made the request; else the URL's own, as a browser sends a same-origin-mode request
    // only to its own origin (a cross-origin one it refuses before sending anything).
    const std::optional<QByteArray> originHeader = first.requestHeaders.get("origin");
    const QUrl referer(QString::fromUtf8(first.requestHeaders.get("referer").value_or(QByteArray())));
    const bool fromReferer =
        !originHeader && referer.isValid() &&
        (referer.scheme() == QLatin1String("http") || referer.scheme() == QLatin1String("https"));
    const Origin origin = originHeader ? Origin::parse(QString::fromUtf8(*originHeader))
                                       : Origin::fromUrl(fromReferer ? referer : first.url);
    // A browser would not have sent it: nothing it did can be said.
    if (origin.isOpaque() || !origin.isSameOriginAs(first.url))
        return std::nullopt;
    // The common case costs no simulation: a redirect that stays on the page's origin goes on.
    const QUrl &location = redirect.location;
    if ((location.scheme() == QLatin1String("http") || location.scheme() == QLatin1String("https")) &&
        origin.isSameOriginAs(location))
        return std::nullopt;
    QStringList assumptions;
    if (!originHeader)
        assumptions << (fromReferer ? tr("a same-origin request carries no Origin header: the page's origin "
                                         "%1 is taken from its Referer")
                                    : tr("a same-origin request carries no Origin header: the page's origin "
                                         "is taken to be %1, the request's own, as a browser sends a "
                                         "same-origin-mode request only to its own origin"))
                           .arg(origin.toString());

    // [fetch] credentials mode 'same-origin' sends cookies to the page's own origin, so a cookie on
    // a same-origin hop says nothing of the mode (as startSameOriginChain reads it).
    Flow page = first;
    page.requestHeaders.remove("cookie");
    const Flow &last = redirect.hops.back();
    FlowVerdict verdict;
    verdict.flowId = last.id;
    FetchRequest request = pageRequest(page, origin, std::nullopt, &verdict.assumptions);
    verdict.assumptions << assumptions;
    ManualClock clock;
    PreflightCache cache(m_profile, clock);
    FetchSimulation simulation(request, m_profile, cache, m_detail);
    // Replayed hop by hop: the simulation must send each same-origin request the wire shows, and
    // stop at the last one's redirect.
    for (const Flow &hop : redirect.hops) {
        if (simulation.isFinished() || simulation.pendingKind() != OutgoingRequest::Kind::Actual ||
            withoutFragment(simulation.pendingRequest()->url) != withoutFragment(hop.url))
            return std::nullopt;
        simulation.receiveResponse(responseOf(hop));
    }
    if (!simulation.isFinished() || simulation.evaluation().allowed())
        return std::nullopt;
    // Only fetch() lets the page choose how redirects are handled; elements and workers follow.
    if (request.resourceType == ResourceType::Fetch)
        verdict.assumptions << tr("the page's fetch is taken to follow redirects (the default); with "
                                  "redirect: 'manual' it got an opaque-redirect response instead");
    const int hops = int(redirect.hops.size());
    if (hops > 1) {
        // Every hop before the last was followed: the chain as stitched ones are marked.
        for (int hop = 0; hop + 1 < hops; ++hop) {
            const Flow &flow = redirect.hops.at(size_t(hop));
            FlowVerdict followed;
            followed.flowId = flow.id;
            followed.kind = FlowVerdict::Kind::RedirectFollowed;
            followed.chain = FlowChainPosition{first.id, hop, hops};
            followed.fetchMode = flow.requestHeaders.get("sec-fetch-mode").value_or(QByteArray());
            followed.destination = flow.requestHeaders.get("sec-fetch-dest").value_or(QByteArray());
            revise(flow, std::move(followed));
        }
        verdict.chain = FlowChainPosition{first.id, hops - 1, hops};
    }
    verdict.kind = FlowVerdict::Kind::Blocked;
    verdict.fetchMode = last.requestHeaders.get("sec-fetch-mode").value_or(QByteArray());
    verdict.destination = last.requestHeaders.get("sec-fetch-dest").value_or(QByteArray());
    Evaluation evaluation = simulation.takeEvaluation();
    verdict.pageSaw = pageSaw(m_profile, evaluation);
    verdict.evaluation = std::move(evaluation);
    return verdict;
}

std::optional<FlowVerdict> FlowAnalyzer::startSameOriginChain(const Flow &flow)
{
    const bool isPreflight = flow.isPreflight();
    // The request the redirect leads to: a preflight announces its method.
    const QByteArray method =
        isPreflight ? flow.requestHeaders.get("access-control-request-method").value_or(QByteArray())
                    : flow.method;
    const QByteArray originHeader = flow.requestHeaders.get("origin").value_or(QByteArray());
    const Origin origin = Origin::parse(QString::fromUtf8(originHeader));
    if (origin.isOpaque() || origin.isSameOriginAs(flow.url))
        return std::nullopt;
    const QUrl url = withoutFragment(flow.url);
    const size_t urlHash = qHash(url);
    const qint64 startedMs = flow.started.toMSecsSinceEpoch();
    // As continueFetch() picks among waiting fetches: the newest that fits, the same client
    // connection first (a preflight comes on a connection of its own).
    auto chosen = m_sameOriginRedirects.end();
    for (auto it = m_sameOriginRedirects.begin(); it != m_sameOriginRedirects.end(); ++it) {
        const Flow &last = it->hops.back();
        if (it->locationHash != urlHash || it->nextMethod != method || it->deadlineMs < startedMs ||
            it->location != url ||
            (flow.started.isValid() && last.started.isValid() && flow.started < last.started) ||
            !origin.isSameOriginAs(it->hops.front().url))
            continue;
        const bool sameConnection =
            last.clientPort == flow.clientPort && last.clientAddress == flow.clientAddress;
        if (chosen == m_sameOriginRedirects.end() || sameConnection ||
            !(chosen->hops.back().clientPort == flow.clientPort &&
              chosen->hops.back().clientAddress == flow.clientAddress))
            chosen = it;
    }
    if (chosen == m_sameOriginRedirects.end())
        return std::nullopt;

    // The page's fetch, rebuilt from the first hop with the origin the cross-origin hop names.
    // [fetch] credentials mode 'same-origin' sends cookies to the page's own origin, so the first
    // hop's cookie says nothing of the mode: whether the cross-origin hop carried one does.
    Flow first = chosen->hops.front();
    first.requestHeaders.remove("cookie");
    if (!isPreflight) {
        if (const std::optional<QByteArray> cookie = flow.requestHeaders.get("cookie"))
            first.requestHeaders.append("Cookie", *cookie);
    }
    auto fetch = std::make_unique<PendingFetch>(m_profile);
    fetch->first.flowId = first.id;
    fetch->first.kind = FlowVerdict::Kind::RedirectFollowed;
    fetch->request = pageRequest(first, origin, isPreflight ? std::optional<Flow>(flow) : std::nullopt,
                                 &fetch->first.assumptions);
    fetch->first.assumptions
        << tr("the fetch began same-origin at %1 (no Origin header); the page's origin is the one the "
              "cross-origin hop sent")
               .arg(first.url.toString());
    if (!isPreflight) {
        // As analyzeRequest seeds it: a preflight the cross-origin hop needed but the wire does not
        // show came from the browser's preflight cache.
        fetch->seed({fetch->request.origin.serialize(), flow.url, method});
    }
    fetch->simulation = std::make_unique<FetchSimulation>(fetch->request, m_profile, fetch->cache, m_detail);
    FetchSimulation &simulation = *fetch->simulation;
    // Replayed hop by hop: the simulation must send each same-origin request the wire shows.
    for (const Flow &hop : chosen->hops) {
        if (simulation.isFinished() || simulation.pendingKind() != OutgoingRequest::Kind::Actual ||
            withoutFragment(simulation.pendingRequest()->url) != withoutFragment(hop.url))
            return std::nullopt;
        simulation.receiveResponse(responseOf(hop));
        fetch->hops.push_back(hop);
    }
    if (simulation.isFinished() || !simulation.pendingKind())
        return std::nullopt;
    fetch->deadlineMs = completedMs(fetch->hops.back()) + m_windowMs;
    m_fetches.push_back(std::move(fetch));
    // Only this fetch can take the flow: continueFetch() found no other before.
    std::optional<FlowVerdict> verdict = continueFetch(flow);
    if (!verdict) {
        m_fetches.pop_back();
        return std::nullopt;
    }
    m_sameOriginRedirects.erase(chosen);
    return verdict;
}

void FlowAnalyzer::reviseFollowedHops(const PendingFetch &fetch)
{
    const int hops = int(fetch.hops.size());
    const quint64 chainId = fetch.hops.front().id;
    for (int hop = 0; hop + 1 < hops; ++hop) {
        const Flow &flow = fetch.hops.at(size_t(hop));
        FlowVerdict followed;
        followed.flowId = flow.id;
        followed.kind =
            flow.isPreflight() ? FlowVerdict::Kind::PreflightPassed : FlowVerdict::Kind::RedirectFollowed;
        followed.chain = FlowChainPosition{chainId, hop, hops};
        if (hop == 0) {
            followed.pairedFlowId = fetch.first.pairedFlowId;
            followed.preflightFromBrowserCache = fetch.first.preflightFromBrowserCache;
        }
        if (fetch.cacheAnswered(flow.id))
            followed.preflightFromBrowserCache = true;
        followed.fetchMode = flow.requestHeaders.get("sec-fetch-mode").value_or(QByteArray());
        followed.destination = flow.requestHeaders.get("sec-fetch-dest").value_or(QByteArray());
        revise(flow, std::move(followed));
    }
}

std::optional<FlowVerdict> FlowAnalyzer::tunnelledHop(const Flow &tunnel)
{
    if (m_fetches.empty() && m_unfollowedHttps.empty())
        return std::nullopt;
    const QString host = tunnel.url.host();
    const int port = tunnel.url.port(443);
    const qint64 startedMs = tunnel.started.toMSecsSinceEpoch();
    // The fetch whose next request goes to the tunnel's host and port over HTTPS, from the same
    // client, and whose redirect the tunnel followed within the window: a browser opens it at once.
    auto leadsHere = [&](const PendingFetch &fetch) {
        const std::optional<OutgoingRequest> &next = fetch.simulation->pendingRequest();
        if (fetch.simulation->isFinished() || !next || next->url.scheme() != QLatin1String("https") ||
            next->url.host().compare(host, Qt::CaseInsensitive) != 0 || next->url.port(443) != port)
            return false;
        const Flow &last = fetch.hops.back();
        if (!last.clientAddress.isNull() && !tunnel.clientAddress.isNull() &&
            last.clientAddress != tunnel.clientAddress)
            return false;
        return !tunnel.started.isValid() || !last.started.isValid() ||
               (tunnel.started >= last.started && startedMs <= completedMs(last) + m_windowMs);
    };
    std::deque<std::unique_ptr<PendingFetch>> *list = &m_fetches;
    auto chosen = std::find_if(m_fetches.begin(), m_fetches.end(),
                               [&](const std::unique_ptr<PendingFetch> &fetch) { return leadsHere(*fetch); });
    if (chosen == m_fetches.end()) {
        list = &m_unfollowedHttps;
        chosen = std::find_if(m_unfollowedHttps.begin(), m_unfollowedHttps.end(),
                              [&](const std::unique_ptr<PendingFetch> &fetch) { return leadsHere(*fetch); });
        if (chosen == m_unfollowedHttps.end())
            return std::nullopt;
    }
    std::unique_ptr<PendingFetch> fetch = std::move(*chosen);
    list->erase(chosen);
    const QUrl next = fetch->simulation->pendingRequest()->url;
    const QString pairing =
        tr("the CONNECT to %1:%2 came from the same client %3 ms after the redirect to %4")
            .arg(host)
            .arg(port)
            .arg(fetch->hops.back().started.isValid() && tunnel.started.isValid()
                     ? fetch->hops.back().started.msecsTo(tunnel.started)
                     : 0)
            .arg(next.toString());

    // [fetch] HTTP-network fetch: a tunnel that could not be opened (the proxy refused it, the
    // name did not resolve) or whose TLS the browser refused (it does not trust the CA that
    // intercepts it) is a network error, and the fetch rejects: that much the proxy knows.
    const bool failed = tunnel.state == Flow::State::Error &&
                        (tunnel.status == 0 || tunnel.errorKind == FlowError::ClientTlsFailure);
    if (failed) {
        fetch->simulation->receiveNetworkError(tunnel.error);
        fetch->hops.push_back(tunnel);
        FlowVerdict verdict = settleFetch(*fetch, tunnel);
        verdict.assumptions << pairing;
        if (tunnel.errorKind == FlowError::ClientTlsFailure)
            verdict.readings.append(
                {tr("the browser refused the certificate Corscope made for %1: it does not trust Corscope's "
                    "CA, so the redirected request to %2 failed as a network error")
                     .arg(host, next.toString()),
                 std::nullopt,
                 tr("make the browser trust Corscope's CA (the ca-cert.pem in the proxy's CA folder)")});
        else
            verdict.readings.append(
                {tr("the tunnel to %1 could not be opened (%2), so the redirected request to "
                    "%3 failed as a network error")
                     .arg(host, tunnel.error, next.toString()),
                 std::nullopt,
                 {}});
        return verdict;
    }

    // An open tunnel: the hop happened where the proxy cannot read it. What is known is the
    // redirect hop's own CORS checks (they passed: the browser followed it) and where it went.
    reviseFollowedHops(*fetch);
    const Flow &last = fetch->hops.back();
    const int hops = int(fetch->hops.size());
    FlowVerdict verdict;
    verdict.flowId = last.id;
    verdict.kind = FlowVerdict::Kind::RedirectUnfollowed;
    verdict.assumptions = fetch->first.assumptions;
    verdict.assumptions << pairing;
    if (hops == 1)
        verdict.pairedFlowId = fetch->first.pairedFlowId;
    else
        verdict.chain = FlowChainPosition{fetch->hops.front().id, hops - 1, hops};
    verdict.preflightFromBrowserCache =
        (hops == 1 && fetch->first.preflightFromBrowserCache) || fetch->cacheAnswered(last.id);
    verdict.fetchMode = last.requestHeaders.get("sec-fetch-mode").value_or(QByteArray());
    verdict.destination = last.requestHeaders.get("sec-fetch-dest").value_or(QByteArray());
    Evaluation checks = fetch->simulation->takeEvaluation();
    verdict.readings.append(
        {tr("the browser followed the redirect to %1, but the next hop is not visible: HTTPS not intercepted "
            "for %2 (the proxy passed the tunnel through unread); the redirect's own CORS checks passed")
             .arg(next.toString(), host),
         std::move(checks),
         tr("intercept %1 (drop it from --tunnel-only, or run the proxy without --no-intercept) and make the "
            "browser trust Corscope's CA, then capture again")
             .arg(host)});
    revise(last, std::move(verdict));
    return std::nullopt;
}

FlowVerdict FlowAnalyzer::settleFetch(PendingFetch &fetch, const Flow &deciding)
{
    const int hops = int(fetch.hops.size());
    const quint64 chainId = fetch.hops.front().id;
    reviseFollowedHops(fetch);
    FlowVerdict verdict;
    verdict.flowId = deciding.id;
    verdict.assumptions = fetch.first.assumptions;
    Evaluation evaluation = fetch.simulation->takeEvaluation();
    verdict.preflightFromBrowserCache =
        (hops == 1 && !fetch.preflight && evaluation.preflightFromCache) || fetch.cacheAnswered(deciding.id);
    for (size_t hop = 1; hop < fetch.hops.size(); ++hop) {
        if (fetch.cacheAnswered(fetch.hops.at(hop).id))
            verdict.assumptions
                << tr("no preflight was captured for hop %1 (%2): the browser's preflight cache "
                      "answered it, from an earlier fetch's preflight")
                       .arg(hop)
                       .arg(fetch.hops.at(hop).url.toString());
    }
    if (hops == 1)
        verdict.pairedFlowId = fetch.first.pairedFlowId;
    else
        verdict.chain = FlowChainPosition{chainId, hops - 1, hops};
    if (evaluation.allowed())
        verdict.kind = fetch.request.mode == RequestMode::NoCors ? FlowVerdict::Kind::NotCors
                                                                 : FlowVerdict::Kind::Allowed;
    else
        verdict.kind =
            deciding.isPreflight() ? FlowVerdict::Kind::PreflightFailed : FlowVerdict::Kind::Blocked;
    verdict.pageSaw = pageSaw(m_profile, evaluation);
    verdict.evaluation = std::move(evaluation);
    return verdict;
}

void FlowAnalyzer::expireFetch(PendingFetch &fetch, const QString &why)
{
    const int hops = int(fetch.hops.size());
    const quint64 chainId = fetch.hops.front().id;
    reviseFollowedHops(fetch);
    const Flow &last = fetch.hops.back();
    FlowVerdict verdict;
    verdict.flowId = last.id;
    verdict.assumptions = fetch.first.assumptions;
    verdict.assumptions << why;
    if (hops == 1)
        verdict.pairedFlowId = fetch.first.pairedFlowId;
    else
        verdict.chain = FlowChainPosition{chainId, hops - 1, hops};
    verdict.fetchMode = last.requestHeaders.get("sec-fetch-mode").value_or(QByteArray());
    verdict.destination = last.requestHeaders.get("sec-fetch-dest").value_or(QByteArray());
    const OutgoingRequest next = *fetch.simulation->pendingRequest();
    if (last.isPreflight()) {
        // A mid-chain preflight that passed, and then no request.
        verdict.kind = FlowVerdict::Kind::PreflightUnfollowed;
        verdict.readings.append({tr("the page aborted the fetch (an AbortController, a timeout) or navigated "
                                    "away between this preflight and its request to %1")
                                     .arg(next.url.toString()),
                                 std::nullopt,
                                 {}});
        revise(last, std::move(verdict));
        return;
    }
    verdict.kind = FlowVerdict::Kind::RedirectUnfollowed;
    if (hops == 1) {
        // Only the first hop can have been a fetch that does not follow redirects: a later hop
        // exists because the browser followed one. Each mode is replayed as `check` would.
        const CapturedResponses responses(last, fetch.preflight);
        for (const RedirectMode mode : {RedirectMode::Manual, RedirectMode::Error}) {
            FetchRequest request = fetch.request;
            request.redirect = mode;
            ManualClock clock;
            PreflightCache cache(m_profile, clock);
            if (!fetch.preflight)
                coverUnseenPreflight(cache, request);
            Evaluation evaluation = runFetch(
                request, m_profile, cache,
                [&](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
                    return responses.respond(outgoing);
                },
                EvaluationDetail::Full);
            const QString saw = pageSaw(m_profile, evaluation);
            verdict.readings.append(
                {mode == RedirectMode::Manual
                     ? tr("the page's fetch used redirect: 'manual', so the browser did not follow the "
                          "redirect; the page saw %1")
                           .arg(saw)
                     : tr("the page's fetch used redirect: 'error', so the redirect failed the fetch; the "
                          "page "
                          "saw %1")
                           .arg(saw),
                 std::move(evaluation),
                 {}});
        }
    }
    verdict.readings.append(
        {tr("the browser followed the redirect to %1 where this proxy cannot see it (HTTPS "
            "through an uninspected tunnel, a host that bypasses the proxy)")
             .arg(next.url.toString()),
         std::nullopt,
         {}});
    verdict.readings.append(
        {tr("the page aborted the fetch or navigated away before the redirect was followed"),
         std::nullopt,
         {}});
    revise(last, std::move(verdict));
}

FlowVerdict FlowAnalyzer::unfollowedPreflight(const Flow &preflight, const QString &why) const
{
    FlowVerdict verdict;
    verdict.flowId = preflight.id;
    verdict.kind = FlowVerdict::Kind::PreflightUnfollowed;
    verdict.assumptions << why;
    verdict.fetchMode = preflight.requestHeaders.get("sec-fetch-mode").value_or(QByteArray());
    verdict.destination = preflight.requestHeaders.get("sec-fetch-dest").value_or(QByteArray());
    // [fetch] CORS check with credentials mode "include": Allow-Origin must name the origin (not
    // '*') and Allow-Credentials must be "true", and '*' in Allow-Methods/Allow-Headers is literal.
    // The preflight itself never carries cookies, so only this second reading can show it.
    FetchRequest request = announcedRequest(preflight);
    request.credentials = CredentialsMode::Include;
    ManualClock clock;
    PreflightCache cache(m_profile, clock);
    FetchSimulation simulation(request, m_profile, cache, EvaluationDetail::Full);
    if (simulation.pendingKind() == OutgoingRequest::Kind::Preflight && preflight.state != Flow::State::Error)
        simulation.receiveResponse(responseOf(preflight));
    if (simulation.isFinished() && !simulation.evaluation().allowed()) {
        Evaluation evaluation = simulation.takeEvaluation();
        const QString fix = fixOf(evaluation);
        verdict.pageSaw = pageSaw(m_profile, evaluation);
        verdict.readings.append(
            {tr("the page's fetch used credentials: 'include' (cookies or HTTP authentication): the "
                "preflight "
                "passes without credentials but fails with them (%1), so the browser never sent the request")
                 .arg(corsErrorCode(evaluation.failure.error)),
             evaluation, fix});
        verdict.evaluation = std::move(evaluation);
    }
    const QByteArray method =
        preflight.requestHeaders.get("access-control-request-method").value_or(QByteArray());
    if (method == "GET" || method == "HEAD")
        verdict.readings.append(
            {tr("the browser's HTTP cache held a fresh response for the %1, so the request "
                "never reached the network (the CORS check ran on the cached response)")
                 .arg(QString::fromLatin1(method)),
             std::nullopt,
             {}});
    verdict.readings.append(
        {tr("the page aborted the fetch (an AbortController, a timeout) or navigated away "
            "after the preflight"),
         std::nullopt,
         {}});
    return verdict;
}

void FlowAnalyzer::expirePreflight(PendingPreflight &pending, const QString &why)
{
    pending.waiting = false;
    pending.expired = true;
    revise(pending.flow, unfollowedPreflight(*pending.flow, why));
}

void FlowAnalyzer::revise(std::shared_ptr<const Flow> flow, FlowVerdict verdict)
{
    verdict.settled = true;
    m_revisions.push_back({std::move(flow), std::move(verdict)});
}

void FlowAnalyzer::revise(const Flow &flow, FlowVerdict verdict)
{
    revise(std::make_shared<const Flow>(flow), std::move(verdict));
}

void FlowAnalyzer::updateEarliestDeadline()
{
    m_earliestDeadlineMs = std::numeric_limits<qint64>::max();
    for (const PendingPreflight &pending : m_preflights) {
        if (pending.waiting)
            m_earliestDeadlineMs = std::min(m_earliestDeadlineMs, pending.deadlineMs);
    }
    for (const std::unique_ptr<PendingFetch> &fetch : m_fetches)
        m_earliestDeadlineMs = std::min(m_earliestDeadlineMs, fetch->deadlineMs);
}

void FlowAnalyzer::settle(const QDateTime &now)
{
    if (!now.isValid())
        return;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (nowMs <= m_earliestDeadlineMs)
        return;
    for (PendingPreflight &pending : m_preflights) {
        if (pending.waiting && pending.deadlineMs < nowMs)
            expirePreflight(
                pending, tr("no request followed within %1 ms of the preflight's response").arg(m_windowMs));
    }
    for (auto it = m_fetches.begin(); it != m_fetches.end();) {
        if ((*it)->deadlineMs < nowMs) {
            expireFetch(**it,
                        tr("the next request of the redirect did not come within %1 ms").arg(m_windowMs));
            const std::optional<OutgoingRequest> &next = (*it)->simulation->pendingRequest();
            if (next && next->url.scheme() == QLatin1String("https")) {
                if (m_unfollowedHttps.size() >= maxRememberedUnfollowedHttps)
                    m_unfollowedHttps.pop_front();
                m_unfollowedHttps.push_back(std::move(*it));
            }
            it = m_fetches.erase(it);
        } else {
            ++it;
        }
    }
    updateEarliestDeadline();
}

void FlowAnalyzer::finish()
{
    for (PendingPreflight &pending : m_preflights) {
        if (pending.waiting)
            expirePreflight(pending, tr("the capture ended before a request followed the preflight"));
    }
    for (const std::unique_ptr<PendingFetch> &fetch : m_fetches)
        expireFetch(*fetch, tr("the capture ended before the redirect's next request"));
    m_fetches.clear();
    m_unfollowedHttps.clear();
    m_sameOriginRedirects.clear();
    updateEarliestDeadline();
}

std::vector<FlowRevision> FlowAnalyzer::takeRevisions()
{
    return std::exchange(m_revisions, {});
}

bool FlowAnalyzer::hasPending() const
{
    if (!m_fetches.empty())
        return true;
    return std::any_of(m_preflights.begin(), m_preflights.end(),
                       [](const PendingPreflight &pending) { return pending.waiting; });
}

QString FlowAnalyzer::pageSaw(const BrowserProfile &profile, const Evaluation &evaluation)
{
    // A readable CORS or same-origin response is what the page asked for: nothing to say beyond
    // its status, and formatting that for every flow of a busy capture is not free.
    if (evaluation.allowed() && (evaluation.responseType == QLatin1String("cors") ||
                                 evaluation.responseType == QLatin1String("basic")))
        return {};
    // A worker has no promise to reject: its script failing fires the Worker's error event (or,
    // refused before sending, the constructor throws), as the evaluation's rejection says.
    if (!evaluation.allowed() && evaluation.resourceType == ResourceType::Worker &&
        !evaluation.rejection.isEmpty())
        return evaluation.rejection;
    if (!evaluation.allowed()) {
        // The TypeError's message as each browser words it, verbatim: it is what the page's
        // catch() receives (Chromium: "Failed to fetch"; Firefox: "NetworkError when attempting to
        // fetch resource.").
        const QString message =
            profile.engine == BrowserEngine::Firefox
                ? QStringLiteral("TypeError: NetworkError when attempting to fetch resource.")
                : QStringLiteral("TypeError: Failed to fetch");
        return tr("a rejected promise: %1").arg(message);
    }
    if (evaluation.responseType == QLatin1String("opaque"))
        return tr("an opaque response: status 0, no headers, no body");
    if (evaluation.responseType == QLatin1String("opaqueredirect"))
        return tr("an opaque-redirect response: status 0, type 'opaqueredirect'");
    return tr("a response of type '%1'").arg(evaluation.responseType);
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
    entry.appliedRules = flow.appliedRules;
    if (verdict.chain) {
        entry.chainId = verdict.chain->id;
        entry.chainHop = verdict.chain->hop;
        entry.chainHops = verdict.chain->hops;
    }
    switch (verdict.kind) {
    case FlowVerdict::Kind::NotCors:
        entry.verdict = TrafficEntry::Verdict::NotCors;
        break;
    case FlowVerdict::Kind::Allowed:
    case FlowVerdict::Kind::PreflightPassed:
    case FlowVerdict::Kind::RedirectFollowed:
    case FlowVerdict::Kind::RedirectUnfollowed:
        entry.verdict = TrafficEntry::Verdict::Allowed;
        break;
    case FlowVerdict::Kind::Blocked:
    case FlowVerdict::Kind::PreflightFailed:
    case FlowVerdict::Kind::PreflightUnfollowed:
        entry.verdict = TrafficEntry::Verdict::Blocked;
        break;
    }
    // Later flows may still change it: the list says so rather than guess.
    if (!verdict.settled)
        entry.verdict = TrafficEntry::Verdict::Pending;
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
