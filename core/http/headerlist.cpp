#include "http/headerlist.h"

namespace Corscope {

HeaderList::HeaderList(std::initializer_list<Header> headers)
    : m_headers(headers)
{
}

bool HeaderList::sameBytesIgnoringAsciiCase(const char *x, const char *y, qsizetype size)
{
    return sameWordsAndBytes(
        x, y, size, [](quint64 a, quint64 b) { return a == b || asciiLower8(a) == asciiLower8(b); },
        [](unsigned char c, unsigned char d) {
            return c == d || ((c | 0x20) == (d | 0x20) && (c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        });
}

bool HeaderList::sameBytesAsLowercase(const char *x, const char *lowercase, qsizetype size)
{
    return sameWordsAndBytes(x, lowercase, size, sameAsLowercaseWord, sameAsLowercaseByte);
}

void HeaderList::set(const QByteArray &name, const QByteArray &value)
{
    qsizetype first = -1;
    for (qsizetype i = 0; i < m_headers.size();) {
        if (namesEqual(m_headers.at(i).name, name)) {
            if (first < 0) {
                first = i;
                m_headers[i].value = value;
                ++i;
            } else {
                m_headers.removeAt(i);
            }
        } else {
            ++i;
        }
    }
    if (first < 0)
        m_headers.append({name, value});
}

void HeaderList::remove(QByteArrayView name)
{
    m_headers.removeIf([name](const Header &header) { return namesEqual(header.name, name); });
}

bool HeaderList::contains(QByteArrayView name) const
{
    return count(name) > 0;
}

qsizetype HeaderList::count(QByteArrayView name) const
{
    qsizetype n = 0;
    for (const Header &header : m_headers)
        n += namesEqual(header.name, name) ? 1 : 0;
    return n;
}

std::optional<QByteArray> HeaderList::get(QByteArrayView name) const
{
    std::optional<QByteArray> combined;
    for (const Header &header : m_headers) {
        if (!namesEqual(header.name, name))
            continue;
        if (combined)
            combined->append(", ").append(header.value);
        else
            combined = header.value;
    }
    return combined;
}

QList<QByteArray> HeaderList::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const Header &header : m_headers) {
        if (namesEqual(header.name, name))
            result.append(header.value);
    }
    return result;
}

QByteArrayView normalizedHeaderView(QByteArrayView value)
{
    auto isWhitespace = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    while (!value.isEmpty() && isWhitespace(value.front()))
        value = value.sliced(1);
    while (!value.isEmpty() && isWhitespace(value.back()))
        value.chop(1);
    return value;
}

QByteArray normalizeHeaderValue(const QByteArray &value)
{
    // Most values have nothing to strip: return them shared, without a copy.
    if (value.isEmpty() ||
        (value.front() != ' ' && value.front() != '\t' && value.back() != ' ' && value.back() != '\t' &&
         value.back() != '\r' && value.back() != '\n' && value.front() != '\r' && value.front() != '\n'))
        return value;
    auto isWhitespace = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && isWhitespace(value.at(begin)))
        ++begin;
    while (end > begin && isWhitespace(value.at(end - 1)))
        --end;
    return value.mid(begin, end - begin);
}

HeaderList headersFromLines(const QByteArray &text)
{
    HeaderList headers;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon > 0 ? line.left(colon).trimmed() : QByteArray();
        if (!name.isEmpty())
            headers.append(name, normalizeHeaderValue(line.mid(colon + 1)));
    }
    return headers;
}

QByteArray headerLines(const HeaderList &headers)
{
    QByteArrayList lines;
    for (const Header &header : headers)
        lines.append(header.name + ": " + header.value);
    return lines.join('\n');
}

} // namespace Corscope
