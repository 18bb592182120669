#include "cors/corsheaderparser.h"

#include "cors/corssafelist.h"
#include "http/headerlist.h"

namespace Corscope {

namespace {

// The field a header name is, if the CORS checks read it. The length alone tells the names
// apart (but for -Allow-Methods and -Allow-Headers, told apart by one letter), so each header
// costs at most one whole-name comparison.
int fieldOf(QByteArrayView name)
{
    using F = CorsResponseHeaders;
    const auto is = [name](const auto &lowercase) {
        return HeaderList::matchesLowercaseLiteral(name, lowercase);
    };
    switch (name.size()) {
    case 8:
        return is("location") ? F::Location : -1;
    case 22:
        return is("access-control-max-age") ? F::MaxAge : -1;
    case 27:
        return is("access-control-allow-origin") ? F::AllowOrigin : -1;
    case 28:
        if ((name.at(21) | 0x20) == 'm')
            return is("access-control-allow-methods") ? F::AllowMethods : -1;
        return is("access-control-allow-headers") ? F::AllowHeaders : -1;
    case 29:
        return is("access-control-expose-headers") ? F::ExposeHeaders : -1;
    case 32:
        return is("access-control-allow-credentials") ? F::AllowCredentials : -1;
    default:
        return -1;
    }
}

} // namespace

CorsResponseHeaders::CorsResponseHeaders(const HeaderList &headers)
    : m_headers(headers)
{
    for (const Header &header : headers) {
        const int field = fieldOf(header.name);
        if (field < 0)
            continue;
        if (m_count[field]++ == 0)
            m_first[field] = &header.value;
    }
}

QByteArrayView CorsResponseHeaders::name(Field field)
{
    switch (field) {
    case AllowOrigin:
        return "access-control-allow-origin";
    case AllowCredentials:
        return "access-control-allow-credentials";
    case AllowMethods:
        return "access-control-allow-methods";
    case AllowHeaders:
        return "access-control-allow-headers";
    case MaxAge:
        return "access-control-max-age";
    case ExposeHeaders:
        return "access-control-expose-headers";
    case Location:
        return "location";
    case FieldCount:
        break;
    }
    return {};
}

std::optional<QByteArray> CorsResponseHeaders::get(Field field) const
{
    if (m_count[field] == 0)
        return std::nullopt;
    if (m_count[field] == 1)
        return *m_first[field]; // shared, no copy
    return m_headers.get(name(field));
}

std::optional<QByteArrayView> CorsResponseHeaders::view(Field field) const
{
    if (m_count[field] == 0)
        return std::nullopt;
    if (m_count[field] == 1)
        return QByteArrayView(*m_first[field]);
    // Combined lines need storage of their own; rare enough to keep for the view's lifetime.
    if (!m_combined)
        m_combined = std::make_unique<std::array<QByteArray, FieldCount>>();
    (*m_combined)[field] = m_headers.get(name(field)).value_or(QByteArray());
    return QByteArrayView((*m_combined)[field]);
}

QVarLengthArray<const QByteArray *, 2> CorsResponseHeaders::lines(Field field) const
{
    QVarLengthArray<const QByteArray *, 2> result;
    if (m_count[field] == 1) {
        result.append(m_first[field]);
    } else if (m_count[field] > 1) {
        for (const Header &header : m_headers) {
            if (HeaderList::namesEqual(header.name, name(field)))
                result.append(&header.value);
        }
    }
    return result;
}

TokenListParse CorsHeaderParser::parseTokenList(std::optional<QByteArray> combinedValue)
{
    TokenListParse result;
    if (!combinedValue)
        return result;
    result.items = TokenList::over(std::move(*combinedValue));
    const QByteArrayView value(result.items.value());
    // One pass: each item is read as a token with optional spaces and tabs around it; anything
    // else before the next comma makes the item, and so the whole list, invalid.
    auto isSpace = [](char c) {
        return c == ' ' || c == '\t';
    };
    const qsizetype size = value.size();
    qsizetype i = 0;
    while (true) {
        while (i < size && isSpace(value[i]))
            ++i;
        const qsizetype first = i;
        while (i < size && CorsSafelist::isTokenChar(value[i]))
            ++i;
        const qsizetype last = i;
        while (i < size && isSpace(value[i]))
            ++i;
        if (i < size && value[i] != ',') {
            qsizetype end = i;
            while (end < size && value[end] != ',')
                ++end;
            while (end > first && isSpace(value[end - 1]))
                --end;
            result.ok = false;
            result.invalidItem = value.sliced(first, end - first).toByteArray();
            result.items = {};
            return result;
        }
        if (last > first)
            result.items.appendSpan(first, last - first);
        if (i >= size)
            break;
        ++i; // past the comma
    }
    return result;
}

MaxAgeDecision CorsHeaderParser::maxAge(std::optional<QByteArrayView> value, const BrowserProfile &profile)
{
    using Reason = MaxAgeDecision::Reason;
    if (!value)
        return {profile.defaultMaxAgeSeconds, Reason::Absent};
    const QByteArrayView text = normalizedHeaderView(*value);
    const bool allDigits =
        !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    bool ok = false;
    qint64 parsed = 0;
    if (allDigits && text.size() <= 18) {
        // Up to 18 digits cannot overflow: the usual value is read here, without the locale
        // machinery behind toLongLong, to the same number.
        for (char c : text)
            parsed = parsed * 10 + (c - '0');
        ok = true;
    } else {
        parsed = text.toLongLong(&ok);
    }
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
