#include "capture/journalformat.h"

#include <QtEndian>
#include <zlib.h>

namespace Corscope::JournalFormat {

namespace {

quint32 readU32(const char *at)
{
    return qFromLittleEndian<quint32>(at);
}

void appendU32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendU64(QByteArray &out, quint64 value)
{
    char bytes[8];
    qToLittleEndian(value, bytes);
    out.append(bytes, 8);
}

BodyRef readBody(const char *at)
{
    return {qFromLittleEndian<quint64>(at), readU32(at + 8), readU32(at + 12)};
}

// The record at pos if it is whole and its checksum holds; its length through *size.
std::optional<Record> recordAt(QByteArrayView data, qsizetype pos, qsizetype *size)
{
    if (data.size() - pos < kFrameSize || data.sliced(pos, kRecordMagicSize) != QByteArrayView(kRecordMagic))
        return std::nullopt;
    const quint32 length = readU32(data.data() + pos + kRecordMagicSize);
    if (length < 2 * kBodyRefSize || length > kMaxPayload ||
        qsizetype(length) > data.size() - pos - kFrameSize)
        return std::nullopt;
    const QByteArrayView payload = data.sliced(pos + kFrameSize, length);
    // The checksum covers the length too: a flipped length bit is caught, not followed.
    quint32 crc = ::crc32(0, reinterpret_cast<const Bytef *>(data.data() + pos + kRecordMagicSize), 4);
    crc = ::crc32(crc, reinterpret_cast<const Bytef *>(payload.data()), uInt(payload.size()));
    if (crc != readU32(data.data() + pos + kRecordMagicSize + 4))
        return std::nullopt;
    *size = kFrameSize + length;
    return Record{pos, readBody(payload.data()), readBody(payload.data() + kBodyRefSize),
                  payload.sliced(2 * kBodyRefSize)};
}

} // namespace

quint32 crc32(QByteArrayView bytes)
{
    quint32 crc = ::crc32(0, nullptr, 0);
    // zlib takes uInt lengths: feed a huge body in pieces.
    for (qsizetype at = 0; at < bytes.size(); at += 1 << 30) {
        const qsizetype piece = std::min<qsizetype>(bytes.size() - at, 1 << 30);
        crc = ::crc32(crc, reinterpret_cast<const Bytef *>(bytes.data() + at), uInt(piece));
    }
    return crc;
}

QByteArray header()
{
    QByteArray out(kFileMagic, kFileMagicSize);
    appendU32(out, kVersion);
    return out;
}

Kind kindOf(QByteArrayView start)
{
    const QByteArray full = header();
    if (start.isEmpty())
        return Kind::Empty;
    if (start.size() < kHeaderSize)
        return QByteArrayView(full).startsWith(start) ? Kind::Empty : Kind::Legacy;
    if (start.first(kFileMagicSize) != QByteArrayView(kFileMagic, kFileMagicSize))
        return Kind::Legacy;
    return Kind::Version2;
}

QByteArray encodeRecord(const BodyRef &request, const BodyRef &response, QByteArrayView flow)
{
    QByteArray payload;
    payload.reserve(2 * kBodyRefSize + flow.size());
    for (const BodyRef &body : {request, response}) {
        appendU64(payload, body.offset);
        appendU32(payload, body.length);
        appendU32(payload, body.crc);
    }
    payload.append(flow);
    QByteArray out(kRecordMagic, kRecordMagicSize);
    out.reserve(kFrameSize + payload.size());
    appendU32(out, quint32(payload.size()));
    quint32 crc = ::crc32(0, reinterpret_cast<const Bytef *>(out.constData() + kRecordMagicSize), 4);
    crc = ::crc32(crc, reinterpret_cast<const Bytef *>(payload.constData()), uInt(payload.size()));
    appendU32(out, crc);
    out.append(payload);
    return out;
}

Scan scan(QByteArrayView data)
{
    Scan result;
    if (data.size() < kHeaderSize || kindOf(data) != Kind::Version2)
        return result;
    qsizetype pos = kHeaderSize;
    result.validEnd = pos;
    while (pos < data.size()) {
        qsizetype size = 0;
        if (auto record = recordAt(data, pos, &size)) {
            result.records.append(*record);
            pos += size;
            result.validEnd = pos;
            continue;
        }
        // Damaged here: the next intact record, found by its magic, ends the damage. None found
        // means this is the tail a kill tore (or a corrupt end), cut on the next open.
        qsizetype next = pos + 1;
        bool resumed = false;
        while ((next = data.indexOf(QByteArrayView(kRecordMagic, kRecordMagicSize), next)) >= 0) {
            qsizetype ignored = 0;
            if (recordAt(data, next, &ignored)) {
                resumed = true;
                break;
            }
            ++next;
        }
        if (!resumed) {
            result.tornTail = true;
            break;
        }
        ++result.corrupt;
        pos = next;
    }
    return result;
}

} // namespace Corscope::JournalFormat
