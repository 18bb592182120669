#pragma once

#include "capture/flow.h"
#include "capture/flowanalyzer.h"

#include <QHash>

namespace Corscope {

// Writes a capture as HAR 1.2 in the shape Chrome's and Firefox's DevTools export, so other
// tools read it; each entry carries "_cors" with Corscope's verdict, error code, the browser's
// console message and the index of the preflight entry that guarded it.
class HarWriter {
public:
    static QByteArray write(const QList<Flow> &flows, const QHash<quint64, FlowVerdict> &verdicts,
                            const QString &browser);
};

} // namespace Corscope
