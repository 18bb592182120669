#include "capture/bodypreview.h"

#include <simdjson.h>
#include <string>

#include <cstddef>
#include <cstdint>

// A hostile captured body (any bytes, any coding, any type) must preview without a crash, a hang
// or unbounded memory; and JSON shown indented must be the same document the server sent.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const kEncodings[] = {"", "gzip", "deflate", "br", "zstd", "gzip, br", "identity", "x"};
    static const char *const kTypes[] = {"application/json", "text/plain; charset=iso-8859-1", "", "image/png",
                                         "text/html; charset=utf-16"};
    const uint8_t selector = data[0];
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    Corscope::HeaderList headers;
    if (*kTypes[selector % 5])
        headers.append("Content-Type", kTypes[selector % 5]);
    if (*kEncodings[(selector / 5) % 8])
        headers.append("Content-Encoding", kEncodings[(selector / 5) % 8]);
    const Corscope::BodyPreview preview = Corscope::BodyPreview::of(body, body.size() + (selector & 1), headers);
    if (preview.summary.isEmpty())
        __builtin_trap();
    if (const std::optional<QString> indented = Corscope::BodyPreview::indentedJson(body)) {
        // Indenting adds whitespace and nothing else: both minify to the same bytes.
        const auto minified = [](const QByteArray &json) {
            std::string out(size_t(json.size()) + 1, '\0');
            size_t length = 0;
            if (simdjson::minify(json.constData(), size_t(json.size()), out.data(), length) != simdjson::SUCCESS)
                __builtin_trap();
            out.resize(length);
            return out;
        };
        if (minified(indented->toUtf8()) != minified(body))
            __builtin_trap();
    }
    return 0;
}
