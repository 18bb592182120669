#pragma once

#include "cors/browserprofile.h"
#include "http/headerlist.h"
#include "http/tokenlist.h"

#include <QByteArrayList>
#include <QVarLengthArray>
#include <array>
#include <memory>
#include <optional>

namespace Corscope {

// The result of parsing a #token list header (Access-Control-Allow-Methods, -Allow-Headers,
// -Expose-Headers): the items, spans of the header's value, or the first item that is not a token.
struct TokenListParse {
    bool ok = true;
    TokenList items;
    QByteArray invalidItem;
};

// The lifetime a preflight result gets in a browser's cache, and why.
struct MaxAgeDecision {
    enum class Reason { Absent, Parsed, Capped, Negative, Invalid };
    qint64 seconds = 0; // 0: nothing is cached
    Reason reason = Reason::Absent;
};

// The response headers the CORS checks read, picked out in one pass over the response: the
// evaluator used to scan the whole list once for every header it asked about, eight times per
// preflighted fetch. It points into the list it was built from, which must outlive it.
class CorsResponseHeaders {
public:
    enum Field {
        AllowOrigin,
        AllowCredentials,
        AllowMethods,
        AllowHeaders,
        MaxAge,
        ExposeHeaders,
        Location,
        FieldCount
    };

    explicit CorsResponseHeaders(const HeaderList &headers);

    bool contains(Field field) const { return m_count[field] > 0; }
    qsizetype count(Field field) const { return m_count[field]; }
    // As HeaderList::get: every line of the field combined with ", ", or nullopt when absent.
    std::optional<QByteArray> get(Field field) const;
    // The same as a view of the response's bytes; a field on several lines is combined, as get().
    std::optional<QByteArrayView> view(Field field) const;
    // Every line's value, in order.
    QVarLengthArray<const QByteArray *, 2> lines(Field field) const;

    static QByteArrayView name(Field field);

private:
    const HeaderList &m_headers;
    std::array<const QByteArray *, FieldCount> m_first{};
    std::array<qsizetype, FieldCount> m_count{};
    // What view() returns for a repeated field; made only then, which is rare.
    mutable std::unique_ptr<std::array<QByteArray, FieldCount>> m_combined;
};

class CorsHeaderParser {
public:
    // [fetch] extract header list values with the #method / #field-name ABNF: comma-separated,
    // optional whitespace around items, empty items ignored, every item a token. Both browsers
    // split the combined value of all header lines.
    static TokenListParse parseTokenList(std::optional<QByteArray> combinedValue);
    // [fetch] CORS-preflight fetch, step 7.8: Access-Control-Max-Age, then the browser's rules.
    static MaxAgeDecision maxAge(std::optional<QByteArrayView> value, const BrowserProfile &profile);
};

} // namespace Corscope
