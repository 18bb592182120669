#pragma once

#include "cors/evaluation.h"
#include "fix/fixadvisor.h"

#include <QJsonObject>

namespace Corscope {

// The evaluation value as JSON: the contract of `corscope-cli … --format json` (one object per
// fetch). Fields are only ever added, never renamed.
class EvaluationJson {
public:
    static QJsonObject toJson(const Evaluation &evaluation);
    static QJsonObject fixToJson(const FixPlan &plan);
};

} // namespace Corscope
