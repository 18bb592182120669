#pragma once

#include "cors/browserprofile.h"
#include "cors/evaluation.h"
#include "cors/fetchsimulation.h"
#include "proxy/flow.h"
#include "scenario/scenario.h"
#include "traffic/trafficentry.h"

#include <QCoreApplication>
#include <QHash>
#include <deque>
#include <optional>

namespace Corscope {

// The CORS decision for one captured flow.
struct FlowVerdict {
    enum class Kind {
        NotCors,         // same-origin, no Origin header, a tunnel
        Allowed,         // fetch() resolved
        Blocked,         // fetch() rejected
        PreflightPassed, // a preflight the server granted (its request follows)
        PreflightFailed, // a preflight that stopped the request: the browser sends nothing more
    };
    quint64 flowId = 0;
    Kind kind = Kind::NotCors;
    std::optional<quint64> pairedFlowId; // request → its preflight; preflight → nothing
    bool preflightFromBrowserCache =
        false; // needed a preflight, none on the wire: the browser's cache answered
    std::optional<Evaluation> evaluation;
    QStringList assumptions; // what the wire does not show and had to be inferred

    bool isBlocked() const { return kind == Kind::Blocked || kind == Kind::PreflightFailed; }
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
// flagged too. Stateful only in the preflights it remembers for pairing.
class FlowAnalyzer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FlowAnalyzer)

public:
    // VerdictOnly suits a headless capture (lines and HAR need the verdict and the console message,
    // not the explanation steps) and roughly halves the cost per flow.
    explicit FlowAnalyzer(const BrowserProfile &profile, EvaluationDetail detail = EvaluationDetail::Full);

    FlowVerdict analyze(const Flow &flow);
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

    // The Traffic list's row for a flow and its verdict.
    static TrafficEntry trafficEntry(const Flow &flow, const FlowVerdict &verdict);

private:
    FlowVerdict analyzePreflight(const Flow &flow);
    FlowVerdict analyzeRequest(const Flow &flow);
    // A capture's requests nearly all come from a page or two: the last Origin header parsed is
    // kept rather than parsed again for each flow.
    const Origin &parsedOrigin(const QByteArray &header);

    const BrowserProfile &m_profile;
    EvaluationDetail m_detail;
    // Recent granted preflights, oldest first; bounded so a long capture does not grow it.
    std::deque<Flow> m_preflights;
    std::optional<std::pair<QByteArray, Origin>> m_lastOrigin;
};

} // namespace Corscope
