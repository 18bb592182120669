#pragma once

#include "cors/evaluation.h"
#include "fix/fixadvisor.h"

#include <QCoreApplication>

namespace Corscope {

// A readable step list for terminals: ✔/✘ per step, the console message, the fix.
class TextReport {
    Q_DECLARE_TR_FUNCTIONS(Corscope::TextReport)

public:
    static QString render(const Evaluation &evaluation, const QString &heading = {});
    static QString renderFix(const FixPlan &plan, bool withSnippets);
};

} // namespace Corscope
