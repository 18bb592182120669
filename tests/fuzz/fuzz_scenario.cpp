#include "scenario/scenario.h"

#include <cstddef>
#include <cstdint>

// Reads a scenario and, when it parses, evaluates it for both browsers: a hostile scenario must
// give an error or an evaluation, never a crash or a hang.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    Corscope::ScenarioError error;
    const std::optional<Corscope::Scenario> scenario = Corscope::ScenarioReader::read(json, &error);
    if (!scenario) {
        if (error.message.isEmpty())
            __builtin_trap();
        return 0;
    }
    for (const Corscope::BrowserProfile *profile :
         {&Corscope::BrowserProfile::chromium(), &Corscope::BrowserProfile::firefox()})
        (void)Corscope::ScenarioRunner::run(*scenario, *profile);
    return 0;
}
