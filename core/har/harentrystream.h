#pragma once

#include "har/harreader.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace Corscope {

namespace HarStreamDetail {
class Scanner;
}

// Reads a HAR file one entry at a time without holding the document: a structural scanner finds
// each element of log.entries by its byte range and only that element is parsed (simdjson's DOM),
// so memory is one entry plus one read chunk whatever the file's size. Reads gzip-compressed
// files (by their magic, RFC 1952), a UTF-8 BOM and UTF-16 LE/BE files (RFC 8259 §8.1); parse
// errors name the line:column of the whole (decoded) file, as HarReader::read always did.
class HarEntryStream {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HarEntryStream)

public:
    struct Options {
        // Keep each entry's own JSON (HarEntry::raw) and its page (HarEntry::page): only a
        // re-export needs them. Pages may come after the entries (HarWriter's sorted keys put
        // "entries" before "pages"), so with a seekable device keeping them costs one extra
        // structural pass that parses nothing but the pages.
        bool keepRaw = false;
    };

    // The device must be open for reading and outlive the stream.
    HarEntryStream(QIODevice *device, Options options);
    // Reads a file of its own (plain, gzip, UTF-16…).
    HarEntryStream(const QString &path, Options options);
    ~HarEntryStream();
    HarEntryStream(const HarEntryStream &) = delete;
    HarEntryStream &operator=(const HarEntryStream &) = delete;

    // The next entry in file order (index counts from 0), or nullopt at the end of the entries
    // or on an error; then error() says which, and later calls return nullopt too.
    std::optional<HarEntry> next();
    // Set once next() returned nullopt because the file is broken (or could not be opened).
    const std::optional<HarError> &error() const { return m_error; }
    // Bytes of the device consumed so far (compressed bytes for a gzip file) and its size; the
    // ratio is the progress of a read. totalBytes() is -1 for a pipe.
    qint64 bytesRead() const;
    qint64 totalBytes() const;

    // Whether the beginning of a file (any prefix of it, plain, gzip or UTF-16) opens a HAR: a
    // top-level object with a "log" object. Reads only what it is given and never parses values.
    static bool looksLikeHar(const QByteArray &start);
    // How many bytes of a file looksLikeHar wants to see.
    static constexpr qint64 peekSize = 64 * 1024;

private:
    bool loadPages();

    std::unique_ptr<QIODevice> m_ownedDevice;
    QIODevice *m_device = nullptr;
    Options m_options;
    std::unique_ptr<HarStreamDetail::Scanner> m_scanner;
    std::optional<HarError> m_error;
    QHash<QString, QJsonObject> m_pages;
    qsizetype m_nextIndex = 0;
    bool m_started = false;
    bool m_done = false;
};

// One entry's JSON (an element of log.entries, its bytes) as a HarEntry: what HarReader::read
// does for each entry. Returns nullopt and sets *error (its path names the entry) when the entry
// is not JSON or not a usable request.
std::optional<HarEntry> harEntryFromJson(QByteArrayView json, qsizetype index,
                                         const QHash<QString, QJsonObject> &pages, bool keepRaw,
                                         HarError *error);

} // namespace Corscope
