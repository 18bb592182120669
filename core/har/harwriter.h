#pragma once

#include "capture/flow.h"
#include "capture/flowanalyzer.h"
#include "har/harredaction.h"

#include <QHash>

namespace Corscope {

// Writes a capture as HAR 1.2 in the shape Chrome's and Firefox's DevTools export, so other
// tools read it; each entry carries "_cors" with Corscope's verdict, error code, the browser's
// console message and the index of the preflight entry that guarded it. With a redaction, every
// entry and page goes through it after its verdict is written (so the verdict is the one the
// unredacted exchange got), and `log._redaction` names what was applied.
class HarWriter {
public:
    static QByteArray write(const QList<Flow> &flows, const QHash<quint64, FlowVerdict> &verdicts,
                            const QString &browser, const HarRedaction &redaction = {});
};

} // namespace Corscope
