#include "http/tokenlist.h"

#include "http/headerlist.h"

#include <algorithm>

namespace Corscope {

TokenList::TokenList(std::initializer_list<QByteArrayView> items)
{
    for (QByteArrayView item : items) {
        appendSpan(m_value.size(), item.size());
        m_value.append(item);
    }
}

TokenList TokenList::fromList(const QByteArrayList &items)
{
    TokenList list;
    for (const QByteArray &item : items) {
        list.appendSpan(list.m_value.size(), item.size());
        list.m_value.append(item);
    }
    return list;
}

bool TokenList::contains(QByteArrayView item) const
{
    return std::any_of(begin(), end(), [item](QByteArrayView candidate) { return candidate == item; });
}

bool TokenList::containsName(QByteArrayView name) const
{
    return std::any_of(begin(), end(),
                       [name](QByteArrayView candidate) { return HeaderList::namesEqual(candidate, name); });
}

QByteArrayList TokenList::toList() const
{
    QByteArrayList items;
    items.reserve(size());
    for (QByteArrayView item : *this)
        items.append(item.toByteArray());
    return items;
}

QByteArray TokenList::join(QByteArrayView separator) const
{
    QByteArray joined;
    for (qsizetype i = 0; i < size(); ++i) {
        if (i > 0)
            joined.append(separator);
        joined.append(at(i));
    }
    return joined;
}

bool operator==(const TokenList &a, const TokenList &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

} // namespace Corscope
