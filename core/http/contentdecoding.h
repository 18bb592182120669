#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

namespace Corscope {

// A body as the server sent it, decoded per its Content-Encoding ([rfc9110] 8.4) so that a
// person can read it: the proxy forwards the bytes untouched, and a browser through it almost
// always negotiates gzip.
struct DecodedContent {
    QByteArray bytes;
    bool decoded = false;   // a coding was undone
    bool truncated = false; // the decoded form reached the output cap
    QString problem;        // why the body is shown as sent (unknown coding, corrupt data); tr()
};

class ContentDecoding {
public:
    // Decompressing a small hostile body could fill memory; past this the rest is dropped.
    static constexpr qsizetype kMaxDecodedBytes = 16 * 1024 * 1024;

    // Undoes each listed coding, last applied first. A body cut short by the capture cap still
    // decodes as far as its bytes go. On a coding it does not know, or data that does not
    // decode, it returns the bytes as sent with `problem` saying why.
    static DecodedContent decode(const QByteArray &body, QByteArrayView contentEncoding);
};

} // namespace Corscope
