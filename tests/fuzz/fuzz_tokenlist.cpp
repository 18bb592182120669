#include "cors/corsheaderparser.h"
#include "cors/corssafelist.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray value(reinterpret_cast<const char *>(data), qsizetype(size));
    const Corscope::TokenListParse parsed = Corscope::CorsHeaderParser::parseTokenList(value);
    if (parsed.ok) {
        for (const QByteArrayView item : parsed.items) {
            if (!Corscope::CorsSafelist::isToken(item))
                __builtin_trap();
        }
    }
    for (const Corscope::BrowserProfile *profile :
         {&Corscope::BrowserProfile::chromium(), &Corscope::BrowserProfile::firefox()}) {
        const Corscope::MaxAgeDecision maxAge = Corscope::CorsHeaderParser::maxAge(value, *profile);
        if (maxAge.seconds < 0 || maxAge.seconds > profile->maxAgeCapSeconds)
            __builtin_trap();
        for (const char *name : {"Accept", "Content-Type", "Range", "Accept-Language"})
            (void)Corscope::CorsSafelist::checkRequestHeader(name, value, *profile);
    }
    (void)Corscope::CorsSafelist::mimeEssence(value);
    return 0;
}
