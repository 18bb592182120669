#include "capture/flowjournal.h"
#include "capture/journalformat.h"

#include <QtEndian>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

// The journal's reader over damaged files (a torn write, a bad sector, an edit): the framing,
// the checksums, the records' binary fields and the bodies they point at, and the first format's
// JSON lines. Input: u32le(length of the records file), the records file's bytes, then the
// bodies file's. Whatever the bytes, nothing crashes; an intact prefix reads the same flows as
// the whole when only a tail follows it; a first-format line read back is written again as a
// line that reads back (a restored capture is journaled anew).
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = qsizetype(qFromLittleEndian<quint32>(data) % quint32(size - 3));
    const QByteArrayView records = input.sliced(4, split);
    const QByteArrayView bodies = input.sliced(4 + split);

    const Corscope::FlowJournal::Recovery recovery = Corscope::FlowJournal::readBytes(records, bodies);
    if (Corscope::JournalFormat::kindOf(
            records.first(std::min(records.size(), Corscope::JournalFormat::kHeaderSize))) ==
        Corscope::JournalFormat::Kind::Version2) {
        const Corscope::JournalFormat::Scan scan = Corscope::JournalFormat::scan(records);
        if (recovery.flows.size() > scan.records.size() || scan.validEnd > records.size())
            std::abort();
        // What an open for append keeps: the intact part reads the same flows, with no tail.
        const Corscope::FlowJournal::Recovery kept =
            Corscope::FlowJournal::readBytes(records.first(scan.validEnd), bodies);
        if (kept.flows.size() != recovery.flows.size() || kept.tornTail || kept.corrupt != recovery.corrupt)
            std::abort();
        return 0;
    }
    for (const Corscope::Flow &flow : recovery.flows) {
        const QByteArray written = Corscope::FlowJournal::serialize(flow);
        if (!Corscope::FlowJournal::deserialize(written))
            std::abort();
    }
    return 0;
}
