#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <cstdint>

namespace Corscope::JournalFormat {

// The journal's records file, version 2 (version 1 was one JSON line per flow, still read):
//
//   file   = header record*
//   header = "CSJOURNL" u32le(version = 2)
//   record = "\x1e" "CJR" u32le(length) u32le(crc) payload[length]
//   payload = body(request) body(response) flow
//   body   = u64le(offset in the bodies file) u32le(length) u32le(crc of the body's bytes)
//
// crc is CRC-32 (zlib's crc32, the ISO-HDLC polynomial of gzip and PNG) of the length's four
// bytes followed by the payload: a torn record (the process died mid-write) and a corrupt one (a
// bad sector, an edit) both fail it, and a corrupt length cannot make a record swallow the next.
// After a corrupt record the reader finds the next one by its magic and a checksum that holds (a
// payload may contain the magic's bytes; the checksum rules such a false start out). Bodies are raw bytes in
// a side file, written before the record that points at them: the record is the commit point.
inline constexpr char kFileMagic[] = "CSJOURNL";
inline constexpr qsizetype kFileMagicSize = 8;
inline constexpr quint32 kVersion = 2;
inline constexpr qsizetype kHeaderSize = kFileMagicSize + 4;
inline constexpr char kRecordMagic[] = "\x1e"
                                       "CJR";
inline constexpr qsizetype kRecordMagicSize = 4;
inline constexpr qsizetype kFrameSize = kRecordMagicSize + 4 + 4;
inline constexpr qsizetype kBodyRefSize = 8 + 4 + 4;
// A record holds a flow's metadata only (headers, URL, timings); anything larger is a corrupt length.
inline constexpr quint32 kMaxPayload = 64u << 20;

struct BodyRef {
    quint64 offset = 0;
    quint32 length = 0;
    quint32 crc = 0;
};

struct Record {
    qsizetype offset = 0; // of the record's magic in the records file
    BodyRef requestBody;
    BodyRef responseBody;
    QByteArrayView flow; // the flow's fields (FlowJournal's encoding), into the scanned data
};

struct Scan {
    QList<Record> records;
    // Damaged stretches between intact records, each at least one record lost.
    int corrupt = 0;
    // Where the intact part ends: bytes after it are a torn (or corrupt) tail, cut before appending.
    qsizetype validEnd = 0;
    bool tornTail = false;
};

enum class Kind { Empty, Version2, Legacy };

quint32 crc32(QByteArrayView bytes);
QByteArray header();
// Empty: no byte yet, or a header torn before its end (nothing was ever recorded after it).
Kind kindOf(QByteArrayView start);
QByteArray encodeRecord(const BodyRef &request, const BodyRef &response, QByteArrayView flow);
// Reads the records of a version 2 file (header included). Never reads outside data.
Scan scan(QByteArrayView data);

} // namespace Corscope::JournalFormat
