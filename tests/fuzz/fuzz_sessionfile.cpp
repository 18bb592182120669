#include "session/sessionfile.h"

#include <cstddef>
#include <cstdint>

// A hostile or damaged session file must give an error with its position or entries that
// replay, never a crash.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    Corscope::SessionFileError error;
    const std::optional<QList<Corscope::SessionEntry>> entries = Corscope::SessionFile::read(json, &error);
    if (!entries)
        return 0;
    (void)Corscope::SessionFile::write(*entries);
    return 0;
}
