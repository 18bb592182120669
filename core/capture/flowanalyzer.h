#pragma once

#include "capture/flow.h"
#include "capture/trafficentry.h"
#include "cors/browserprofile.h"
#include "cors/evaluation.h"
#include "cors/fetchsimulation.h"
#include "scenario/scenario.h"

#include <QCoreApplication>
#include <QHash>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace Corscope {

// One way to read what the wire does not show (the page's credentials mode, a cache, a redirect
// mode), and what the browser did under it. A verdict lists them most likely first.
struct FlowReading {
    QString description;                  // what the page did under this reading, and why it fits
    std::optional<Evaluation> evaluation; // the simulated fetch under this reading, when one fits
    QString fix;                          // what makes the fetch pass under this reading; empty when none
};

// Where a flow sits in a redirect chain the browser followed as one fetch.
struct FlowChainPosition {
    quint64 id = 0; // the chain's first request flow
    int hop = 0;    // this flow's place, from 0; mid-chain preflights count as hops
    int hops = 0;   // flows in the whole chain
};

// The CORS decision for one captured flow.
struct FlowVerdict {
    enum class Kind {
        NotCors,         // same-origin, no Origin header, a tunnel, a navigation, a no-cors request
        Allowed,         // fetch() resolved
        Blocked,         // fetch() rejected
        PreflightPassed, // a preflight the server granted (its request follows)
        PreflightFailed, // a preflight that stopped the request: the browser sends nothing more
        // A granted-looking preflight whose actual request never came: the browser failed it under
        // a reading the wire does not show (see readings), or the page gave up.
        PreflightUnfollowed,
        RedirectFollowed,   // a redirect hop the browser followed; the chain's verdict is on a later hop
        RedirectUnfollowed, // a redirect that passed its CORS check but whose next hop never came
    };
    quint64 flowId = 0;
    Kind kind = Kind::NotCors;
    // False while later flows can still change it (a redirect's next hop, a preflight's request):
    // the analyzer revises it through takeRevisions() once they arrive or the window passes.
    bool settled = true;
    std::optional<quint64> pairedFlowId; // request → its preflight; preflight → nothing
    bool preflightFromBrowserCache =
        false; // needed a preflight, none on the wire: the browser's cache answered
    std::optional<Evaluation> evaluation;
    QStringList assumptions;                // what the wire does not show and had to be inferred
    std::optional<FlowChainPosition> chain; // set on every flow of a chain of two hops or more
    QList<FlowReading> readings;            // for the unfollowed kinds: the explanations, most likely first
    QByteArray fetchMode;   // Sec-Fetch-Mode as sent (cors, no-cors, same-origin, navigate), when sent
    QByteArray destination; // Sec-Fetch-Dest as sent (empty, image, script, font…), when sent
    QString pageSaw; // what the page's code got when not the response it asked for (a rejection, opaque)

    bool isBlocked() const
    {
        return kind == Kind::Blocked || kind == Kind::PreflightFailed || kind == Kind::PreflightUnfollowed;
    }
    bool followedHop() const { return kind == Kind::RedirectFollowed; }
};

// A verdict given again for a flow analysed earlier, with the flow it is about (shared with the
// analyzer's memory of it, not copied: a busy proxy settles every preflight this way).
struct FlowRevision {
    std::shared_ptr<const Flow> flow;
    FlowVerdict verdict;
};

// The responses a request flow (and its preflight) got, replayed to the simulated browser exactly
// as the scenario rebuiltScenario makes would answer.
class CapturedResponses {
public:
    CapturedResponses(const Flow &request, const std::optional<Flow> &preflight);
    HttpResponse respond(const OutgoingRequest &outgoing) const;

private:
    QUrl m_url;
    Scenario m_scenario;        // only its responses
    bool m_substitutes = false; // a header says {origin}, which Scenario::respond replaces
};

// Evaluates captured flows as the chosen browser would have: each cross-origin request with
// the preflight that guarded it (the latest earlier OPTIONS for the same URL and origin), each
// preflight on its own so that one which blocks — after which the browser sends nothing — is
// flagged too, and the hops of a redirect chain as the one fetch they were.
//
// Settlement is deferred: a flow's verdict can depend on flows that come later (the next hop of
// a redirect, the actual request after a preflight). analyze() returns what can be said now,
// marked unsettled when later flows may change it; those flows, settle(now) and finish() revise
// earlier verdicts, collected by takeRevisions(). Time comes only from the flows' timestamps and
// the caller's settle(now): there is no clock inside, so a capture replays the same way.
class FlowAnalyzer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FlowAnalyzer)

public:
    // VerdictOnly suits a headless capture (lines and HAR need the verdict and the console message,
    // not the explanation steps) and roughly halves the cost per flow.
    explicit FlowAnalyzer(const BrowserProfile &profile, EvaluationDetail detail = EvaluationDetail::Full);
    ~FlowAnalyzer();
    FlowAnalyzer(const FlowAnalyzer &) = delete;
    FlowAnalyzer &operator=(const FlowAnalyzer &) = delete;

    FlowVerdict analyze(const Flow &flow);
    // Settles what waited longer than the window before now: a preflight whose request never came,
    // a redirect whose next hop never came.
    void settle(const QDateTime &now);
    // The capture is over: settles everything still pending.
    void finish();
    // Verdicts revised since the last call, in the order they were decided.
    std::vector<FlowRevision> takeRevisions();
    bool hasPending() const;
    // How long a preflight waits for its request, and a redirect for its next hop, after its
    // response completed. Browsers send either within milliseconds.
    void setSettleWindowMs(qint64 ms) { m_windowMs = ms; }
    qint64 settleWindowMs() const { return m_windowMs; }
    const BrowserProfile &profile() const { return m_profile; }

    // The request a preflight announces (method and header names; a preflight never carries
    // credentials, so the mode is assumed 'same-origin').
    static FetchRequest announcedRequest(const Flow &preflight);
    // The fetch a request flow was, rebuilt from the wire with the preflight that guarded it (as
    // the HAR reader pairs them); nothing when it is not a cross-origin request.
    static std::optional<HarScenario> rebuiltScenario(const Flow &request,
                                                      const std::optional<Flow> &preflight);
    // The same request as rebuiltScenario's, built from the flow directly: the caller has checked
    // that it is cross-origin and parsed its Origin. What had to be inferred goes to assumptions.
    static FetchRequest pageRequest(const Flow &request, const Origin &origin,
                                    const std::optional<Flow> &preflight, QStringList *assumptions);
    // What the page's code got from a finished evaluation, in the browser's own words where it
    // has them (the TypeError's message); empty for a readable response.
    static QString pageSaw(const BrowserProfile &profile, const Evaluation &evaluation);

    // The Traffic list's row for a flow and its verdict.
    static TrafficEntry trafficEntry(const Flow &flow, const FlowVerdict &verdict);

private:
    struct PendingPreflight;
    struct PendingFetch;
    struct SameOriginRedirect;

    FlowVerdict analyzePreflight(const Flow &flow);
    FlowVerdict analyzeRequest(const Flow &flow);
    // A flow that is the next hop some fetch in progress is waiting for, fed to it; nothing when
    // no fetch waits for it.
    std::optional<FlowVerdict> continueFetch(const Flow &flow);
    // A same-origin redirect: remembered (rememberSameOriginRedirect) and, when the redirect itself
    // decided the fetch (refusedByMode), that verdict; nothing while the fetch may still go on.
    std::optional<FlowVerdict> analyzeSameOriginRedirect(const Flow &flow);
    // A same-origin redirect (not CORS, so analyze() says nothing of it) kept for a while in case
    // the cross-origin request it leads to comes; only a redirect with a Location costs anything.
    // The chain it is now the last hop of, as an index into m_sameOriginRedirects; nothing when it
    // is not remembered.
    std::optional<size_t> rememberSameOriginRedirect(const Flow &flow);
    // [fetch] main fetch, step 12: a request in mode 'same-origin' (a worker's script, a fetch()
    // with mode: 'same-origin') that a redirect sends to another origin is a network error there:
    // the browser sends no next hop, so the chain's last redirect decides. Its verdict, judged by
    // the code path `check` uses; nothing when the request was not in that mode or may go on.
    std::optional<FlowVerdict> refusedByMode(const SameOriginRedirect &redirect);
    // A cross-origin flow that is the next hop of a remembered same-origin redirect: the chain
    // from the first same-origin hop, fed this flow as continueFetch() feeds any next hop.
    std::optional<FlowVerdict> startSameOriginChain(const Flow &flow);
    // The fetch run again from its start with the browser's preflight cache answering the
    // preflight it wanted before hop (which came without one); nothing when the wire does not fit.
    std::unique_ptr<PendingFetch> replayWithCachedPreflight(const PendingFetch &fetch, const Flow &hop) const;
    // A CONNECT tunnel the next hop of a redirected fetch went into: HTTPS the proxy passes
    // through unread (--no-intercept, --tunnel-only) or could not intercept. The fetch is settled
    // with what can be known; nothing when no fetch, waiting or recently expired, leads there.
    std::optional<FlowVerdict> tunnelledHop(const Flow &tunnel);
    FlowVerdict settleFetch(PendingFetch &fetch, const Flow &deciding);
    // Every hop before the last was followed: each keeps its entry, linked to the chain.
    void reviseFollowedHops(const PendingFetch &fetch);
    void expireFetch(PendingFetch &fetch, const QString &why);
    void expirePreflight(PendingPreflight &pending, const QString &why);
    FlowVerdict unfollowedPreflight(const Flow &preflight, const QString &why) const;
    void revise(std::shared_ptr<const Flow> flow, FlowVerdict verdict);
    void revise(const Flow &flow, FlowVerdict verdict);
    void updateEarliestDeadline();
    // A capture's requests nearly all come from a page or two: the last Origin header parsed is
    // kept rather than parsed again for each flow.
    const Origin &parsedOrigin(const QByteArray &header);

    const BrowserProfile &m_profile;
    EvaluationDetail m_detail;
    qint64 m_windowMs = 2000;
    // Recent preflights, oldest first; bounded so a long capture does not grow it.
    std::vector<PendingPreflight> m_preflights;
    // Fetches whose redirect's next hop has not come yet, oldest first.
    std::deque<std::unique_ptr<PendingFetch>> m_fetches;
    // Fetches settled as unfollowed whose next hop is HTTPS: a tunnel is a flow only once it closes,
    // long after the window, and may still show where the hop went. Bounded, oldest first.
    std::deque<std::unique_ptr<PendingFetch>> m_unfollowedHttps;
    // Recent same-origin redirects, oldest first; bounded, and dropped once the window passes.
    std::vector<SameOriginRedirect> m_sameOriginRedirects;
    std::vector<FlowRevision> m_revisions;
    // The first moment anything pending can expire: settle() before it has nothing to do, which is
    // what it finds on nearly every flow.
    qint64 m_earliestDeadlineMs = std::numeric_limits<qint64>::max();
    std::optional<std::pair<QByteArray, Origin>> m_lastOrigin;
};

} // namespace Corscope
