#include "capture/flowjournal.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

// A journal line damaged on disk (a torn write, a bad sector, an edit) must be skipped, never
// crash recovery; a flow read back must be written again as a line that reads back (a restored
// capture is journaled anew).
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray line(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<Corscope::Flow> flow = Corscope::FlowJournal::deserialize(line);
    if (!flow)
        return 0;
    const QByteArray written = Corscope::FlowJournal::serialize(*flow);
    if (!Corscope::FlowJournal::deserialize(written))
        std::abort();
    return 0;
}
