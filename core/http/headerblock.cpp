#include "http/headerblock.h"

#include <QRegularExpression>

namespace Corscope {

namespace {

bool isTokenChar(char c)
{
    // [rfc9110] 5.6.2. Tokens: tchar
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           extra.find(c) != std::string_view::npos;
}

} // namespace

bool HeaderBlockParser::isFieldName(QByteArrayView name)
{
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), isTokenChar);
}

HeaderBlock HeaderBlockParser::parse(const QString &text, StatusLine statusLine)
{
    // DevTools copies "HTTP/1.1 200 OK"; people also write "HTTP/2 204" or a bare "204".
    static const QRegularExpression statusPattern(
        QStringLiteral("^(?:HTTP/[0-9.]+\\s+)?([1-9][0-9]{2})(?:\\s+(.*))?$"));
    HeaderBlock block;
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool seenHeader = false;
    for (int number = 0; number < lines.size(); ++number) {
        const QString line = lines.at(number).trimmed();
        if (line.isEmpty())
            continue;
        const QRegularExpressionMatch status = statusPattern.match(line);
        if (status.hasMatch() && !line.contains(QLatin1Char(':'))) {
            if (statusLine == StatusLine::NotAllowed)
                block.problems.append({number, tr("a request has no status line")});
            else if (seenHeader || block.status != 0)
                block.problems.append({number, tr("the status line must come first")});
            else {
                block.status = status.captured(1).toInt();
                block.statusText = status.captured(2).toUtf8();
            }
            continue;
        }
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            block.problems.append({number, tr("expected \"Name: value\"")});
            continue;
        }
        const QByteArray name = line.left(colon).toUtf8();
        if (!isFieldName(name)) {
            block.problems.append({number, tr("\"%1\" is not a valid header name").arg(line.left(colon))});
            continue;
        }
        block.headers.append(name, normalizeHeaderValue(line.mid(colon + 1).toUtf8()));
        seenHeader = true;
    }
    return block;
}

QString HeaderBlockParser::format(const HeaderList &headers)
{
    QString text;
    for (const Header &header : headers)
        text += QString::fromUtf8(header.name) + QStringLiteral(": ") + QString::fromUtf8(header.value) +
                QLatin1Char('\n');
    return text;
}

} // namespace Corscope
