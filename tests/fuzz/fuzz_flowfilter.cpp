#include "capture/flowfilter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    Corscope::FlowFilterError error;
    const auto filter = Corscope::FlowFilter::parse(text, &error);
    if (!filter) {
        if (error.message.isEmpty() || error.position < 0 || error.position > text.size())
            __builtin_trap();
        return 0;
    }
    // Whatever parses must evaluate without touching memory it should not, for any flow.
    Corscope::FlowFacts facts;
    facts.method = "PUT";
    facts.status = 404;
    facts.url = "https://api.example/v1";
    (void)filter->matches(facts);
    facts.blocked = facts.crossOrigin = facts.noVary = true;
    (void)filter->matches(facts);
    return 0;
}
