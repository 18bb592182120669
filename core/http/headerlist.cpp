#include "http/headerlist.h"

namespace Corscope {

HeaderList::HeaderList(std::initializer_list<Header> headers)
    : m_headers(headers)
{
}

bool HeaderList::namesEqual(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && qstrnicmp(a.constData(), a.size(), b.constData(), b.size()) == 0;
}

void HeaderList::append(const QByteArray &name, const QByteArray &value) { m_headers.append({name, value}); }

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

void HeaderList::remove(const QByteArray &name)
{
    m_headers.removeIf([&name](const Header &header) { return namesEqual(header.name, name); });
}

bool HeaderList::contains(const QByteArray &name) const { return count(name) > 0; }

qsizetype HeaderList::count(const QByteArray &name) const
{
    qsizetype n = 0;
    for (const Header &header : m_headers)
        n += namesEqual(header.name, name) ? 1 : 0;
    return n;
}

std::optional<QByteArray> HeaderList::get(const QByteArray &name) const
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

QList<QByteArray> HeaderList::values(const QByteArray &name) const
{
    QList<QByteArray> result;
    for (const Header &header : m_headers) {
        if (namesEqual(header.name, name))
            result.append(header.value);
    }
    return result;
}

QByteArray normalizeHeaderValue(const QByteArray &value)
{
    auto isWhitespace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && isWhitespace(value.at(begin)))
        ++begin;
    while (end > begin && isWhitespace(value.at(end - 1)))
        --end;
    return value.mid(begin, end - begin);
}

} // namespace Corscope
