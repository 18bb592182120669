#include "cors/corsheaderparser.h"

#include "cors/corssafelist.h"
#include "http/headerlist.h"

namespace Corscope {

TokenListParse CorsHeaderParser::parseTokenList(const std::optional<QByteArray> &combinedValue)
{
    TokenListParse result;
    if (!combinedValue)
        return result;
    result.items = TokenList::over(*combinedValue);
    const QByteArrayView value(result.items.value());
    auto isSpace = [](char c) {
        return c == ' ' || c == '\t';
    };
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype end = value.indexOf(',', start);
        if (end < 0)
            end = value.size();
        qsizetype first = start;
        qsizetype last = end;
        while (first < last && isSpace(value.at(first)))
            ++first;
        while (last > first && isSpace(value.at(last - 1)))
            --last;
        if (last > first) {
            const QByteArrayView item = value.sliced(first, last - first);
            if (!CorsSafelist::isToken(item)) {
                result.ok = false;
                result.invalidItem = item.toByteArray();
                result.items = {};
                return result;
            }
            result.items.appendSpan(first, last - first);
        }
        start = end + 1;
    }
    return result;
}

MaxAgeDecision CorsHeaderParser::maxAge(const std::optional<QByteArray> &value, const BrowserProfile &profile)
{
    using Reason = MaxAgeDecision::Reason;
    if (!value)
        return {profile.defaultMaxAgeSeconds, Reason::Absent};
    const QByteArray text = normalizeHeaderValue(*value);
    bool ok = false;
    const qint64 parsed = text.toLongLong(&ok);
    const bool allDigits =
        !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (profile.invalidMaxAge == InvalidMaxAge::DoNotCache) {
        // Firefox: anything but digits caches nothing; a value too large to parse is capped.
        if (!allDigits)
            return {0, text.startsWith('-') ? Reason::Negative : Reason::Invalid};
        if (!ok || parsed > profile.maxAgeCapSeconds)
            return {profile.maxAgeCapSeconds, Reason::Capped};
        return {parsed, Reason::Parsed};
    }
    // Chromium: base::StringToInt64; failure means the default, a negative value nothing.
    const bool signedDigits =
        !text.isEmpty() && (allDigits || (text.startsWith('-') && text.size() > 1 &&
                                          std::all_of(text.begin() + 1, text.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; })));
    if (!signedDigits || !ok) {
        if (signedDigits && !text.startsWith('-'))
            return {profile.maxAgeCapSeconds, Reason::Capped};
        return {profile.defaultMaxAgeSeconds, Reason::Invalid};
    }
    if (parsed < 0)
        return {0, Reason::Negative};
    if (parsed > profile.maxAgeCapSeconds)
        return {profile.maxAgeCapSeconds, Reason::Capped};
    return {parsed, Reason::Parsed};
}

} // namespace Corscope
