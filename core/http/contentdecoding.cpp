#include "http/contentdecoding.h"

#include <QCoreApplication>
#include <QList>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

namespace Corscope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ContentDecoding", text);
}

struct Step {
    QByteArray bytes;
    bool truncated = false;
    bool failed = false;
};

// windowBits: 15 + 32 reads a gzip or a zlib header; -15 reads raw deflate, which some servers
// send for "deflate" although [rfc9110] 8.4.1.2 says zlib.
Step inflateWith(QByteArrayView input, int windowBits)
{
    Step step;
    z_stream stream{};
    if (inflateInit2(&stream, windowBits) != Z_OK) {
        step.failed = true;
        return step;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
    stream.avail_in = uInt(input.size());
    char chunk[64 * 1024];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        step.bytes.append(chunk, qsizetype(sizeof chunk - stream.avail_out));
        if (status == Z_NEED_DICT || status == Z_DATA_ERROR || status == Z_MEM_ERROR) {
            // Corrupt past some good output: show what decoded, marked as not the whole body. Raw
            // deflate has no header to check, so any bytes start "decoding": there an error
            // anywhere means the body was not deflate at all.
            step.failed = step.bytes.isEmpty() || windowBits < 0;
            step.truncated = !step.failed;
            break;
        }
        if (step.bytes.size() >= ContentDecoding::kMaxDecodedBytes) {
            step.bytes.truncate(ContentDecoding::kMaxDecodedBytes);
            step.truncated = true;
            break;
        }
        // A concatenated gzip member follows the first one's end ([rfc1952] 2.2).
        if (status == Z_STREAM_END && stream.avail_in > 0 && windowBits > 0) {
            if (inflateReset(&stream) != Z_OK)
                break;
            status = Z_OK;
        }
        if (status == Z_BUF_ERROR) // the input ran out: a body cut by the capture cap
            break;
    }
    inflateEnd(&stream);
    return step;
}

Step inflateAny(QByteArrayView input, bool rawAllowed)
{
    Step step = inflateWith(input, 15 + 32);
    if (step.failed && rawAllowed)
        step = inflateWith(input, -15);
    return step;
}

Step unbrotli(QByteArrayView input)
{
    Step step;
    BrotliDecoderState *state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!state) {
        step.failed = true;
        return step;
    }
    size_t availableIn = size_t(input.size());
    const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(input.data());
    uint8_t chunk[64 * 1024];
    for (;;) {
        size_t availableOut = sizeof chunk;
        uint8_t *nextOut = chunk;
        const BrotliDecoderResult result =
            BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
        step.bytes.append(reinterpret_cast<const char *>(chunk), qsizetype(sizeof chunk - availableOut));
        if (step.bytes.size() >= ContentDecoding::kMaxDecodedBytes) {
            step.bytes.truncate(ContentDecoding::kMaxDecodedBytes);
            step.truncated = true;
            break;
        }
        if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT)
            continue;
        // Brotli has no header to check: text that is not Brotli can yield output before the
        // error, so an error means not Brotli. A body cut by the capture cap needs more input.
        step.failed = result == BROTLI_DECODER_RESULT_ERROR;
        break;
    }
    BrotliDecoderDestroyInstance(state);
    return step;
}

Step unzstd(QByteArrayView input)
{
    Step step;
    ZSTD_DStream *stream = ZSTD_createDStream();
    if (!stream || ZSTD_isError(ZSTD_initDStream(stream))) {
        ZSTD_freeDStream(stream);
        step.failed = true;
        return step;
    }
    ZSTD_inBuffer in{input.data(), size_t(input.size()), 0};
    char chunk[64 * 1024];
    while (in.pos < in.size) {
        ZSTD_outBuffer out{chunk, sizeof chunk, 0};
        const size_t result = ZSTD_decompressStream(stream, &out, &in);
        if (ZSTD_isError(result)) {
            step.failed = step.bytes.isEmpty();
            break;
        }
        step.bytes.append(chunk, qsizetype(out.pos));
        if (step.bytes.size() >= ContentDecoding::kMaxDecodedBytes) {
            step.bytes.truncate(ContentDecoding::kMaxDecodedBytes);
            step.truncated = true;
            break;
        }
        if (out.pos == 0 && result != 0 && in.pos == in.size)
            break;
    }
    ZSTD_freeDStream(stream);
    return step;
}

} // namespace

DecodedContent ContentDecoding::decode(const QByteArray &body, QByteArrayView contentEncoding)
{
    DecodedContent content;
    content.bytes = body;
    QList<QByteArray> codings;
    for (const QByteArray &coding : contentEncoding.toByteArray().split(',')) {
        const QByteArray name = coding.trimmed().toLower();
        if (!name.isEmpty() && name != "identity")
            codings.prepend(name); // the last coding listed was applied last
    }
    if (codings.isEmpty() || body.isEmpty())
        return content;
    QByteArray bytes = body;
    bool truncated = false;
    for (const QByteArray &coding : std::as_const(codings)) {
        Step step;
        if (coding == "gzip" || coding == "x-gzip" || coding == "deflate")
            step = inflateAny(bytes, coding == "deflate");
        else if (coding == "br")
            step = unbrotli(bytes);
        else if (coding == "zstd")
            step = unzstd(bytes);
        else {
            content.problem = tr("Content-Encoding \"%1\" is not one Corscope can undo; the body is shown "
                                 "as the server sent it.")
                                  .arg(QString::fromLatin1(coding));
            return content;
        }
        if (step.failed) {
            content.problem = tr("Content-Encoding says %1, but the body does not decode as %1: it is "
                                 "shown as it was kept (a HAR keeps bodies decoded).")
                                  .arg(QString::fromLatin1(coding));
            return content;
        }
        bytes = std::move(step.bytes);
        truncated = truncated || step.truncated;
    }
    content.bytes = std::move(bytes);
    content.decoded = true;
    content.truncated = truncated;
    return content;
}

} // namespace Corscope
