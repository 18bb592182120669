#pragma once

#include "fix/fixplan.h"
#include "scenario/scenario.h"

#include <QCoreApplication>

namespace Corscope {

// "What would fix it": the smallest set of response changes that makes a blocked request
// pass, found by applying each failing check's fix and evaluating again.
class FixAdvisor {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FixAdvisor)

public:
    // Fixes fetch number fetchIndex of the scenario, on its own (a fresh preflight cache).
    // readHeaders: response headers the page reads, which the policy must expose.
    static FixPlan minimalFix(const Scenario &scenario, qsizetype fetchIndex, const BrowserProfile &profile,
                              const QByteArrayList &readHeaders = {});

private:
    // [rfc6455] A WebSocket passes no CORS check: the advice is per cause of a failed handshake,
    // and for an opened one whether the server also opens it for an origin it cannot know.
    static FixPlan webSocketFix(Scenario scenario, const Evaluation &before, const BrowserProfile &profile);
};

} // namespace Corscope
