#include "editors/headerlexer.h"

#include "http/headerblock.h"

#include <QFontDatabase>
#include <Qsci/qsciscintilla.h>

namespace Corscope {

HeaderLexer::HeaderLexer(QObject *parent)
    : QsciLexerCustom(parent)
{
}

const char *HeaderLexer::language() const
{
    return "HTTP headers";
}

QString HeaderLexer::description(int style) const
{
    switch (style) {
    case Default:
        return tr("Default");
    case Name:
        return tr("Header name");
    case Value:
        return tr("Header value");
    case CorsName:
        return tr("CORS header name");
    case Malformed:
        return tr("Not a header line");
    case StatusLine:
        return tr("Status line");
    }
    return {};
}

QColor HeaderLexer::defaultColor(int style) const
{
    switch (style) {
    case Name:
        return QColor(0x05, 0x50, 0xae);
    case CorsName:
        return QColor(0x82, 0x50, 0xdf);
    case Malformed:
        return QColor(0xcf, 0x22, 0x2e);
    case StatusLine:
        return QColor(0x11, 0x63, 0x29);
    default:
        return QColor(0x1f, 0x23, 0x28);
    }
}

QFont HeaderLexer::defaultFont(int style) const
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setBold(style == CorsName || style == StatusLine);
    font.setUnderline(style == Malformed);
    return font;
}

QList<HeaderLexer::Span> HeaderLexer::styleLine(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    const int length = static_cast<int>(line.size());
    if (trimmed.isEmpty())
        return {{length, Default}};
    if (trimmed.startsWith("HTTP/") ||
        (trimmed.size() >= 3 && std::isdigit(trimmed.at(0)) && !trimmed.contains(':') && trimmed.size() < 40))
        return {{length, StatusLine}};
    const int colon = static_cast<int>(line.indexOf(':'));
    if (colon <= 0 || !HeaderBlockParser::isFieldName(line.left(colon).trimmed()))
        return {{length, Malformed}};
    const QByteArray name = line.left(colon).trimmed().toLower();
    const Style nameStyle = name.startsWith("access-control-") || name == "origin" ? CorsName : Name;
    return {{colon, nameStyle}, {1, Default}, {length - colon - 1, Value}};
}

const char *HeaderLexer::wordCharacters() const
{
    return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
}

void HeaderLexer::styleText(int start, int end)
{
    Q_UNUSED(start);
    Q_UNUSED(end);
    if (!editor())
        return;
    // Header blocks are a few dozen lines: restyling all of it keeps multi-line state trivial.
    const QByteArray text = editor()->text().toUtf8();
    startStyling(0);
    qsizetype lineStart = 0;
    while (lineStart < text.size()) {
        qsizetype lineEnd = text.indexOf('\n', lineStart);
        const bool lastLine = lineEnd < 0;
        if (lastLine)
            lineEnd = text.size();
        for (const Span &span : styleLine(text.mid(lineStart, lineEnd - lineStart)))
            if (span.length > 0)
                setStyling(span.length, span.style);
        if (!lastLine)
            setStyling(1, Default);
        lineStart = lineEnd + 1;
    }
}

} // namespace Corscope
