#include "proxy/httpmessageparser.h"

#include <cstddef>
#include <cstdint>

namespace {

struct Outcome {
    qsizetype bodyBytes = 0;
    int messages = 0;
    int heads = 0;
    bool error = false;
    bool upgraded = false;
};

// Feeds the pieces as a socket would deliver them, each piece once (the parser keeps what it
// cannot finish), then ends the stream.
Outcome run(Corscope::HttpMessageParser::Kind kind, std::initializer_list<QByteArrayView> pieces,
            qsizetype inputBytes, bool noBody)
{
    Outcome outcome;
    Corscope::HttpMessageParser parser(kind,
                                       {[&](const Corscope::HttpMessageHead &head) {
                                            ++outcome.heads;
                                            (void)head.headers.size();
                                        },
                                        [&](QByteArrayView piece) { outcome.bodyBytes += piece.size(); },
                                        [&] {
                                            ++outcome.messages;
                                        }});
    if (noBody)
        parser.expectNoBody(); // the response to a HEAD request
    for (QByteArrayView piece : pieces) {
        while (!piece.isEmpty()) {
            const qsizetype consumed = parser.feed(piece);
            if (consumed < 0 || consumed > piece.size() || outcome.bodyBytes > inputBytes)
                __builtin_trap();
            if (consumed == 0 || parser.hasError() || parser.isUpgraded())
                break;
            piece = piece.sliced(consumed);
        }
    }
    parser.finish();
    outcome.error = parser.hasError();
    outcome.upgraded = parser.isUpgraded();
    return outcome;
}

} // namespace

// Feeds arbitrary bytes to the request and the response parser, whole and in two pieces split
// where the first byte says: consumption never exceeds input, and where TCP splits a stream
// must not change what is parsed from it.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const qsizetype split = input.isEmpty() ? 0 : qsizetype(data[0]) % (input.size() + 1);
    for (const auto kind :
         {Corscope::HttpMessageParser::Kind::Request, Corscope::HttpMessageParser::Kind::Response}) {
        const bool noBody = kind == Corscope::HttpMessageParser::Kind::Response && (data[0] & 0x80) != 0;
        const Outcome whole = run(kind, {input}, input.size(), noBody);
        const Outcome pieces = run(kind, {input.first(split), input.sliced(split)}, input.size(), noBody);
        if (whole.error != pieces.error || whole.upgraded != pieces.upgraded)
            __builtin_trap();
        if (!whole.error && (whole.messages != pieces.messages || whole.heads != pieces.heads ||
                             whole.bodyBytes != pieces.bodyBytes))
            __builtin_trap();
    }
    return 0;
}
