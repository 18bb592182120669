#pragma once

#include "cors/browserprofile.h"
#include "http/tokenlist.h"

#include <QByteArrayList>
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

class CorsHeaderParser {
public:
    // [fetch] extract header list values with the #method / #field-name ABNF: comma-separated,
    // optional whitespace around items, empty items ignored, every item a token. Both browsers
    // split the combined value of all header lines.
    static TokenListParse parseTokenList(const std::optional<QByteArray> &combinedValue);
    // [fetch] CORS-preflight fetch, step 7.8: Access-Control-Max-Age, then the browser's rules.
    static MaxAgeDecision maxAge(const std::optional<QByteArray> &value, const BrowserProfile &profile);
};

} // namespace Corscope
