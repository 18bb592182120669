#pragma once

#include "capture/flow.h"
#include "cors/browserprofile.h"
#include "fix/fixplan.h"
#include "proxy/rewriterules.h"
#include "scenario/scenario.h"

#include <QCoreApplication>
#include <optional>

namespace Corscope {

// What "Fix with a rule" makes of a blocked flow.
struct FixRules {
    QList<RewriteRule> rules; // one per request method whose response needs changing
    QString problem;          // why the rules cannot fix it (fully); empty when they do
};

// Turns the evaluator's minimal fix for a blocked flow into rewrite rules matching that flow's
// host, path and method, so the fix can be tried (through the proxy, or by re-sending the request
// with SendOptions::rewriteRules) before touching the server.
class FixRuleBuilder {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FixRuleBuilder)

public:
    // flow is a blocked request or a failed preflight; preflight is the OPTIONS flow that guarded
    // the request, when one was captured.
    static FixRules build(const Flow &flow, const std::optional<Flow> &preflight,
                          const BrowserProfile &profile);
    // The one "plan → rules" step, for any request whose answers are a Scenario: a captured flow
    // (above), a request sent from the Request tab or by `check --try-fix`. The scenario gives
    // the CORS headers the server already sends on a preflight the rules must answer themselves.
    static FixRules build(const FixPlan &plan, const Scenario &scenario);
};

} // namespace Corscope
