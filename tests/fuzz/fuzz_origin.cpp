#include "http/origin.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    qsizetype position = -1;
    const Corscope::Origin origin = Corscope::Origin::parse(text, &error, &position);
    if (error.isEmpty()) {
        // A parsed origin must serialize to something that parses back to the same origin.
        const Corscope::Origin again = Corscope::Origin::parse(origin.toString(), &error);
        if (!origin.isOpaque() && (!error.isEmpty() || !again.isSameOrigin(origin)))
            __builtin_trap();
    } else if (position < 0 || position > text.size()) {
        __builtin_trap();
    }
    (void)Corscope::Origin::fromUrl(QUrl(text)).serialize();
    return 0;
}
