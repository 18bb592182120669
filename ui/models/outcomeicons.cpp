#include "models/outcomeicons.h"

namespace Corscope {

QIcon outcomeIcon(StepOutcome outcome)
{
    static const QIcon pass(QStringLiteral(":/icons/step-pass.svg"));
    static const QIcon fail(QStringLiteral(":/icons/step-fail.svg"));
    static const QIcon info(QStringLiteral(":/icons/step-info.svg"));
    static const QIcon skipped(QStringLiteral(":/icons/step-skipped.svg"));
    switch (outcome) {
    case StepOutcome::Pass:
        return pass;
    case StepOutcome::Fail:
        return fail;
    case StepOutcome::Info:
        return info;
    case StepOutcome::Skipped:
        return skipped;
    }
    return {};
}

} // namespace Corscope
