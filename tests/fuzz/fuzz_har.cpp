#include "har/harreader.h"

#include <cstddef>
#include <cstdint>

// A hostile HAR must give an error or scenarios that evaluate, never a crash.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    Corscope::HarError error;
    const std::optional<QList<Corscope::HarEntry>> entries = Corscope::HarReader::read(json, &error);
    if (!entries)
        return 0;
    for (const Corscope::HarScenario &item : Corscope::HarReader::crossOriginScenarios(*entries))
        (void)Corscope::ScenarioRunner::run(item.scenario, Corscope::BrowserProfile::chromium());
    return 0;
}
