#pragma once

#include "http/headerlist.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace Corscope {

// A captured body as a person reads it, the way DevTools' Response and Preview tabs show it:
// decoded per Content-Encoding, JSON indented with its keys in the server's order, text as
// text, anything else as a hex dump. It only presents; the bytes stay as captured.
struct BodyPreview {
    enum class Kind { Empty, Json, Text, Binary };

    // Hex dumps are long (five characters per byte); past this many bytes the dump stops.
    static constexpr qsizetype kMaxHexBytes = 64 * 1024;

    Kind kind = Kind::Empty;
    QString text;    // indented JSON, the text, or the hex dump
    QString summary; // one line: what it is, how big, what was done to it; tr()

    // captured: the bytes the proxy kept (up to its cap); fullSize: every byte that passed.
    static BodyPreview of(const QByteArray &captured, qint64 fullSize, const HeaderList &headers);

    // Indents valid JSON two spaces per level, keeping key order and every token as written
    // (QJsonDocument would sort keys and rewrite numbers); nullopt when it is not JSON.
    static std::optional<QString> indentedJson(const QByteArray &utf8);
    // "00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|"
    static QString hexDump(QByteArrayView bytes);
};

} // namespace Corscope
