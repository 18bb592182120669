#pragma once

#include "capture/flow.h"
#include "cors/browserprofile.h"
#include "proxy/rewriterules.h"

#include <QCoreApplication>
#include <optional>

namespace Corscope {

// What "Fix with a rule" makes of a blocked flow.
struct FixRules {
    QList<RewriteRule> rules; // one per request method whose response needs changing
    QString problem;          // why the rules cannot fix it (fully); empty when they do
};

// Turns the evaluator's minimal fix for a blocked flow into rewrite rules matching that flow's
// host, path and method, so the fix can be tried through the proxy before touching the server.
class FixRuleBuilder {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FixRuleBuilder)

public:
    // flow is a blocked request or a failed preflight; preflight is the OPTIONS flow that guarded
    // the request, when one was captured.
    static FixRules build(const Flow &flow, const std::optional<Flow> &preflight,
                          const BrowserProfile &profile);
};

} // namespace Corscope
