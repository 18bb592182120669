#include "capture/bodypreview.h"

#include "http/contentdecoding.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringDecoder>

#include <simdjson.h>

namespace Corscope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BodyPreview", text);
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

struct MediaType {
    QByteArray essence; // "application/json"
    QByteArray charset; // "utf-8", or empty
};

MediaType mediaTypeOf(const HeaderList &headers)
{
    MediaType type;
    const QByteArray value = headers.get("content-type").value_or(QByteArray());
    const QList<QByteArray> parts = value.split(';');
    type.essence = parts.value(0).trimmed().toLower();
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray parameter = parts.at(i).trimmed();
        if (parameter.toLower().startsWith("charset="))
            type.charset = parameter.mid(8).trimmed().toLower().replace('"', QByteArray());
    }
    return type;
}

bool isJsonType(const QByteArray &essence)
{
    return essence == "application/json" || essence == "text/json" || essence.endsWith("+json");
}

bool isTextType(const QByteArray &essence)
{
    return essence.startsWith("text/") || essence.endsWith("+xml") || essence == "application/xml" ||
           essence == "application/javascript" || essence == "application/ecmascript" ||
           essence == "application/x-javascript" || essence == "application/x-www-form-urlencoded" ||
           essence == "application/graphql";
}

// What DevTools would call text: it decodes, and has no control characters a text never holds.
bool looksLikeText(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == 0xFFFD || (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f'))
            return false;
    }
    return true;
}

std::optional<QString> decodedText(const QByteArray &bytes, const QByteArray &charset)
{
    std::optional<QStringConverter::Encoding> encoding =
        charset.isEmpty() ? QStringConverter::Utf8 : QStringConverter::encodingForName(charset.constData());
    QStringDecoder decoder(encoding.value_or(QStringConverter::Utf8));
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

void appendIndent(QByteArray &out, int depth)
{
    out += '\n';
    out.append(qsizetype(depth) * 2, ' ');
}

} // namespace

std::optional<QString> BodyPreview::indentedJson(const QByteArray &utf8)
{
    // JSON's whitespace only ([rfc8259] 2): QByteArray::trimmed() would also take \f and \v.
    const auto isJsonWhitespace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    qsizetype start = 0;
    qsizetype end = utf8.size();
    while (start < end && isJsonWhitespace(utf8.at(start)))
        ++start;
    while (end > start && isJsonWhitespace(utf8.at(end - 1)))
        --end;
    const QByteArray trimmed = utf8.sliced(start, end - start);
    if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
        return std::nullopt;
    // Strict [rfc8259], UTF-8 checked: QJsonDocument takes "\\<any byte>" and bare Latin-1,
    // which an indenter that keeps the bytes would turn into something else.
    simdjson::dom::parser parser;
    if (parser.parse(trimmed.constData(), size_t(trimmed.size())).error() != simdjson::SUCCESS)
        return std::nullopt;
    // The text is valid JSON from here on: only strings and whitespace need care.
    QByteArray out;
    out.reserve(trimmed.size() * 2);
    int depth = 0;
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const char c = trimmed.at(i);
        switch (c) {
        case '"': {
            const qsizetype opening = i++;
            while (i < trimmed.size() && trimmed.at(i) != '"')
                i += trimmed.at(i) == '\\' ? 2 : 1;
            out.append(trimmed.constData() + opening, i - opening + 1);
            break;
        }
        case '{':
        case '[': {
            qsizetype next = i + 1;
            while (next < trimmed.size() && isJsonWhitespace(trimmed.at(next)))
                ++next;
            if (next < trimmed.size() && (trimmed.at(next) == '}' || trimmed.at(next) == ']')) {
                out += c;
                out += trimmed.at(next); // {} and [] stay on one line
                i = next;
                break;
            }
            out += c;
            appendIndent(out, ++depth);
            break;
        }
        case '}':
        case ']':
            appendIndent(out, --depth);
            out += c;
            break;
        case ',':
            out += c;
            appendIndent(out, depth);
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
        case '\t':
        case '\r':
        case '\n':
            break;
        default:
            out += c;
        }
    }
    return QString::fromUtf8(out);
}

QString BodyPreview::hexDump(QByteArrayView bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    QString out;
    out.reserve((bytes.size() / 16 + 1) * 78);
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        out += QStringLiteral("%1 ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i - line == 8)
                out += u' ';
            if (i < bytes.size()) {
                const auto byte = uchar(bytes.at(i));
                out += u' ';
                out += QLatin1Char(kDigits[byte >> 4]);
                out += QLatin1Char(kDigits[byte & 0xF]);
                ascii += byte >= 0x20 && byte < 0x7F ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("  |") + ascii + QStringLiteral("|\n");
    }
    return out;
}

BodyPreview BodyPreview::of(const QByteArray &captured, qint64 fullSize, const HeaderList &headers)
{
    BodyPreview preview;
    if (captured.isEmpty() && fullSize <= 0) {
        preview.summary = tr("No body.");
        return preview;
    }
    QStringList notes;
    if (fullSize > captured.size())
        notes << tr("the capture kept the first %1 of %2").arg(sizeText(captured.size()), sizeText(fullSize));
    const QByteArray encoding = headers.get("content-encoding").value_or(QByteArray());
    const DecodedContent content = ContentDecoding::decode(captured, encoding);
    if (content.decoded)
        notes << tr("%1-decoded from %2").arg(QString::fromLatin1(encoding.trimmed()), sizeText(captured.size()));
    if (content.truncated)
        notes << tr("decoded only in part");
    if (!content.problem.isEmpty())
        notes << content.problem;
    const MediaType type = mediaTypeOf(headers);
    const QString typeName = type.essence.isEmpty() ? tr("no Content-Type") : QString::fromLatin1(type.essence);
    // A body that does not decode is read as it was kept: a HAR holds bodies decoded already
    // ([HAR 1.2] content.text) beside the Content-Encoding the server sent.
    const std::optional<QString> text = decodedText(content.bytes, type.charset);
    const bool textual = text && (isJsonType(type.essence) || isTextType(type.essence) || looksLikeText(*text));
    // JSON is indented whatever the server labelled it: a JSON API served as text/plain or
    // text/html is common, and reading it indented is what the user came for.
    std::optional<QString> json = textual ? indentedJson(content.bytes) : std::nullopt;
    QString what;
    if (json) {
        preview.kind = Kind::Json;
        preview.text = *json;
        what = isJsonType(type.essence) ? tr("JSON") : tr("JSON, served as %1").arg(typeName);
    } else if (textual) {
        preview.kind = Kind::Text;
        preview.text = *text;
        what = isJsonType(type.essence) ? tr("Text labelled %1 that is not valid JSON").arg(typeName)
                                        : tr("Text (%1)").arg(typeName);
    } else {
        preview.kind = Kind::Binary;
        preview.text = hexDump(QByteArrayView(content.bytes).first(std::min(content.bytes.size(), kMaxHexBytes)));
        what = tr("Binary (%1), shown as hex").arg(typeName);
        if (content.bytes.size() > kMaxHexBytes)
            notes << tr("the dump shows the first %1").arg(sizeText(kMaxHexBytes));
    }
    preview.summary = what + QStringLiteral(" · ") + sizeText(content.bytes.size());
    if (!notes.isEmpty())
        preview.summary += QStringLiteral(" · ") + notes.join(QStringLiteral(" · "));
    return preview;
}

} // namespace Corscope
