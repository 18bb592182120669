#include "proxy/httpmessageparser.h"

#include <cstddef>
#include <cstdint>

// Feeds arbitrary bytes to the request and the response parser, in two pieces split where the
// first byte says, as a socket would deliver them; checks that consumption never exceeds input.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const qsizetype split = input.isEmpty() ? 0 : qsizetype(data[0]) % (input.size() + 1);
    for (const auto kind :
         {Corscope::HttpMessageParser::Kind::Request, Corscope::HttpMessageParser::Kind::Response}) {
        qsizetype bodyBytes = 0;
        int messages = 0;
        Corscope::HttpMessageParser parser(
            kind, {[](const Corscope::HttpMessageHead &head) { (void)head.headers.size(); },
                   [&](QByteArrayView piece) { bodyBytes += piece.size(); },
                   [&] {
                       ++messages;
                   }});
        for (QByteArrayView piece : {input.first(split), input.sliced(split)}) {
            while (!piece.isEmpty()) {
                const qsizetype consumed = parser.feed(piece);
                if (consumed < 0 || consumed > piece.size() || bodyBytes > input.size())
                    __builtin_trap();
                if (consumed == 0 || parser.hasError() || parser.isUpgraded())
                    break;
                piece = piece.sliced(consumed);
            }
        }
        parser.finish();
    }
    return 0;
}
