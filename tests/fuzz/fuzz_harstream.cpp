#include "har/harentrystream.h"
#include "har/harpairer.h"

#include <QBuffer>
#include <cstddef>
#include <cstdint>

// The streaming HAR reader and the pairer on arbitrary bytes (plain, gzip, UTF-8 BOM, UTF-16):
// an error with a position or entries that pair and evaluate, never a crash; the stream's
// entries are the whole-buffer reader's, and looksLikeHar never reads past what it is given.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)Corscope::HarEntryStream::looksLikeHar(bytes);
    // The first byte chooses whether the raw JSON (and the pages pass) is kept.
    const bool keepRaw = size > 0 && (data[0] & 1);
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    Corscope::HarEntryStream stream(&buffer, Corscope::HarEntryStream::Options{.keepRaw = keepRaw});
    qsizetype scenarios = 0;
    Corscope::HarPairer pairer([&scenarios](Corscope::HarScenario &&item) {
        // Evaluating every scenario would let one input take seconds; the first few reach it.
        if (scenarios++ < 8)
            (void)Corscope::ScenarioRunner::run(item.scenario, Corscope::BrowserProfile::chromium());
    });
    qsizetype entries = 0;
    qsizetype expectedIndex = 0;
    while (std::optional<Corscope::HarEntry> entry = stream.next()) {
        if (entry->index != expectedIndex++)
            __builtin_trap();
        ++entries;
        pairer.add(std::move(*entry));
    }
    pairer.finish();
    if (stream.bytesRead() < 0 || (stream.error() && stream.error()->message.isEmpty()))
        __builtin_trap();
    // The list reader is the same stream: it must agree on success and on the count.
    Corscope::HarError error;
    const std::optional<QList<Corscope::HarEntry>> all = Corscope::HarReader::read(bytes, &error);
    if (bool(all) == bool(stream.error()) || (all && all->size() != entries))
        __builtin_trap();
    return 0;
}
