#pragma once

#include "cors/evaluation.h"

#include <QIcon>

namespace Corscope {

// The pass / fail / info / skipped marks every view uses for steps and verdicts: SVG, so they
// stay sharp at any device pixel ratio, in colours that read on light and dark palettes.
QIcon outcomeIcon(StepOutcome outcome);

} // namespace Corscope
