#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QVarLengthArray>
#include <initializer_list>
#include <iterator>

namespace Corscope {

// The items of a comma-separated header value (Access-Control-Allow-Methods, -Allow-Headers,
// -Expose-Headers, -Request-Headers) as spans of that value, which the list shares: the
// evaluator splits several such lists per fetch and must not allocate per item.
class TokenList {
public:
    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = QByteArrayView;
        using difference_type = qsizetype;
        using pointer = void;
        using reference = QByteArrayView;

        const_iterator() = default;
        const_iterator(const TokenList *list, qsizetype index)
            : m_list(list)
            , m_index(index)
        {
        }
        QByteArrayView operator*() const { return m_list->at(m_index); }
        const_iterator &operator++()
        {
            ++m_index;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++m_index;
            return before;
        }
        bool operator==(const const_iterator &other) const { return m_index == other.m_index; }

    private:
        const TokenList *m_list = nullptr;
        qsizetype m_index = 0;
    };

    TokenList() = default;
    // Items that are not spans of a parsed value (tests, a list built by hand) are joined into one.
    TokenList(std::initializer_list<QByteArrayView> items);
    static TokenList fromList(const QByteArrayList &items);

    // An empty list over value; appendSpan adds the item value[offset, offset + size).
    static TokenList over(QByteArray value)
    {
        TokenList list;
        list.m_value = std::move(value);
        return list;
    }
    void appendSpan(qsizetype offset, qsizetype size) { m_spans.append({offset, size}); }
    void clear() { m_spans.clear(); }

    qsizetype size() const { return m_spans.size(); }
    bool isEmpty() const { return m_spans.isEmpty(); }
    QByteArrayView at(qsizetype i) const
    {
        return QByteArrayView(m_value.constData() + m_spans[i].offset, m_spans[i].size);
    }
    qsizetype offsetAt(qsizetype i) const { return m_spans[i].offset; }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

    // The value the items are spans of.
    const QByteArray &value() const { return m_value; }

    // Exact, byte for byte (methods).
    bool contains(QByteArrayView item) const;
    // ASCII case-insensitive (header names).
    bool containsName(QByteArrayView name) const;

    QByteArrayList toList() const;
    QByteArray join(QByteArrayView separator) const;

    friend bool operator==(const TokenList &a, const TokenList &b);

private:
    struct Span {
        qsizetype offset;
        qsizetype size;
    };

    QByteArray m_value;
    // A CORS list rarely holds more than a handful of items: those stay inline.
    QVarLengthArray<Span, 8> m_spans;
};

} // namespace Corscope
