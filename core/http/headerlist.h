#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <cstring>
#include <optional>

namespace Corscope {

struct Header {
    QByteArray name;
    QByteArray value;
    bool operator==(const Header &) const = default;
};

// [fetch] header list: ordered, duplicates kept, original bytes kept; names compare
// case-insensitively. A map would lose the second Access-Control-Allow-Origin line, which is
// exactly the bug users need to see.
class HeaderList {
public:
    HeaderList() = default;
    HeaderList(std::initializer_list<Header> headers);

    // Inline: every request the evaluator builds is a few of these. (Braced: clang 14 cannot
    // emplace an aggregate from its members.)
    void append(const QByteArray &name, const QByteArray &value)
    {
        m_headers.emplaceBack(Header{name, value});
    }
    // For a parser handing over what it just read.
    void append(QByteArray &&name, QByteArray &&value)
    {
        m_headers.emplaceBack(Header{std::move(name), std::move(value)});
    }
    // Replaces every header of that name by one, at the position of the first.
    void set(const QByteArray &name, const QByteArray &value);
    void remove(QByteArrayView name);

    // Lookups take views so that a literal name costs no allocation on the evaluator's hot path.
    bool contains(QByteArrayView name) const;
    qsizetype count(QByteArrayView name) const;
    // [fetch] "get": every value of that name, combined with ", ", or nullopt when absent.
    std::optional<QByteArray> get(QByteArrayView name) const;
    QList<QByteArray> values(QByteArrayView name) const;

    const QList<Header> &headers() const { return m_headers; }
    qsizetype size() const { return m_headers.size(); }
    bool isEmpty() const { return m_headers.isEmpty(); }
    void reserve(qsizetype size) { m_headers.reserve(size); }
    auto begin() const { return m_headers.begin(); }
    auto end() const { return m_headers.end(); }

    bool operator==(const HeaderList &) const = default;

    // Inline so that the length test, which settles nearly every comparison of a name against a
    // list of known names, costs no call.
    static bool namesEqual(QByteArrayView a, QByteArrayView b)
    {
        return a.size() == b.size() && sameBytesIgnoringAsciiCase(a.data(), b.data(), a.size());
    }

    // namesEqual against a name known to be lower-case: only name is folded, eight bytes a step.
    // Inline for the same reason as namesEqual.
    static bool equalsLowercaseName(QByteArrayView name, QByteArrayView lowercase)
    {
        return name.size() == lowercase.size() &&
               sameBytesAsLowercase(name.data(), lowercase.data(), name.size());
    }

    // equalsLowercaseName against a literal whose length the caller has already matched (a switch
    // on the length): inlined per literal, so the word loop unrolls. For the names classified on
    // every response header.
    template<qsizetype N> static bool matchesLowercaseLiteral(QByteArrayView name, const char (&lowercase)[N])
    {
        Q_ASSERT(name.size() == N - 1);
        return sameWordsAndBytes(name.data(), lowercase, N - 1, sameAsLowercaseWord, sameAsLowercaseByte);
    }

private:
    static bool sameBytesIgnoringAsciiCase(const char *x, const char *y, qsizetype size);
    static bool sameBytesAsLowercase(const char *x, const char *lowercase, qsizetype size);

    // Header names are compared on every check of every request: eight bytes per step, the last
    // bytes as one word overlapping the previous one; a call into qstrnicmp per comparison
    // dominated the evaluator's profile before that. Shorter names go byte by byte.
    static bool sameWordsAndBytes(const char *x, const char *y, qsizetype size, auto &&sameWord,
                                  auto &&sameByte)
    {
        const auto word = [&](qsizetype at) {
            quint64 a;
            quint64 b;
            std::memcpy(&a, x + at, 8);
            std::memcpy(&b, y + at, 8);
            return sameWord(a, b);
        };
        if (size >= 8) {
            for (qsizetype i = 0; i + 8 <= size; i += 8) {
                if (!word(i))
                    return false;
            }
            return size % 8 == 0 || word(size - 8);
        }
        for (qsizetype i = 0; i < size; ++i) {
            if (!sameByte(static_cast<unsigned char>(x[i]), static_cast<unsigned char>(y[i])))
                return false;
        }
        return true;
    }

    // ASCII lower-casing of eight bytes at once; bytes outside A-Z, non-ASCII ones included, are
    // left alone. The additions run on the low seven bits so that no carry crosses a byte.
    static quint64 asciiLower8(quint64 word)
    {
        constexpr quint64 highBits = 0x8080808080808080ULL;
        const quint64 heptets = word & ~highBits;
        const quint64 atLeastA = heptets + 0x3f3f3f3f3f3f3f3fULL; // high bit set from 'A' (0x41) up
        const quint64 aboveZ = heptets + 0x2525252525252525ULL;   // high bit set above 'Z' (0x5a)
        const quint64 upper = (atLeastA ^ aboveZ) & ~word & highBits;
        return word | (upper >> 2);
    }
    static bool sameAsLowercaseWord(quint64 word, quint64 lowercase)
    {
        return asciiLower8(word) == lowercase;
    }
    static bool sameAsLowercaseByte(unsigned char c, unsigned char lowercase)
    {
        return (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) == lowercase;
    }

    QList<Header> m_headers;
};

// [fetch] "normalize": strips leading and trailing HTTP whitespace (tab, space, CR, LF).
QByteArray normalizeHeaderValue(const QByteArray &value);
// The same, as a view into value: for comparisons that keep nothing.
QByteArrayView normalizedHeaderView(QByteArrayView value);

// For text fields where people type headers: one "Name: value" per line, in order; lines
// without a name before the colon are skipped, values are normalized.
HeaderList headersFromLines(const QByteArray &text);
QByteArray headerLines(const HeaderList &headers); // the inverse, joined with '\n'

} // namespace Corscope
