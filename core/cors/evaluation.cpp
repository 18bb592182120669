#include "cors/evaluation.h"

#include "cors/websockethandshake.h"

namespace Corscope {

QString toString(StepOutcome outcome)
{
    switch (outcome) {
    case StepOutcome::Pass:
        return QStringLiteral("pass");
    case StepOutcome::Fail:
        return QStringLiteral("fail");
    case StepOutcome::Info:
        return QStringLiteral("info");
    case StepOutcome::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QString toString(Verdict verdict)
{
    return verdict == Verdict::Allowed ? QStringLiteral("allowed") : QStringLiteral("blocked");
}

QUrl Evaluation::shownUrl(const OutgoingRequest &request) const
{
    return resourceType == ResourceType::WebSocket ? WebSocketHandshake::socketUrl(request.url) : request.url;
}

} // namespace Corscope
