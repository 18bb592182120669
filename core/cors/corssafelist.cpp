#include "cors/corssafelist.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>

namespace Corscope {

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return HeaderList::namesEqual(a, b);
}

// [fetch] CORS-unsafe request-header byte, as a table: safelisted values are scanned byte by byte.
constexpr std::array<bool, 256> unsafeByteTable = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c)
        table[c] = c != 0x09;
    table[0x7F] = true;
    for (char c : std::string_view("\"():<>?@[\\]{}"))
        table[static_cast<unsigned char>(c)] = true;
    return table;
}();

bool isUnsafeByte(unsigned char c)
{
    return unsafeByteTable[c];
}

qsizetype firstUnsafeByte(const QByteArray &value)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (isUnsafeByte(static_cast<unsigned char>(value.at(i))))
            return i;
    }
    return -1;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// [fetch] parse a single range header value, allowWhitespace false; start must be non-null.
bool isSafelistedRange(const QByteArray &value)
{
    if (!value.startsWith("bytes="))
        return false;
    qsizetype i = 6;
    const qsizetype startBegin = i;
    while (i < value.size() && isDigit(value.at(i)))
        ++i;
    if (i == startBegin || i >= value.size() || value.at(i) != '-')
        return false;
    const QByteArray start = value.mid(startBegin, i - startBegin);
    ++i;
    const qsizetype endBegin = i;
    while (i < value.size() && isDigit(value.at(i)))
        ++i;
    if (i != value.size())
        return false;
    if (i == endBegin)
        return true;
    const QByteArray end = value.mid(endBegin);
    // Compare as decimal strings: "1e60"-sized numbers must not overflow into a false pass.
    auto stripZeros = [](QByteArray digits) {
        while (digits.size() > 1 && digits.startsWith('0'))
            digits.remove(0, 1);
        return digits;
    };
    const QByteArray s = stripZeros(start);
    const QByteArray e = stripZeros(end);
    return s.size() < e.size() || (s.size() == e.size() && s <= e);
}

bool isHttpWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// [mimesniff] parse a MIME type, for the safelist: only the essence matters and it is compared
// in place, without building it.
SafelistVerdict checkContentType(QByteArrayView value)
{
    while (!value.isEmpty() && isHttpWhitespace(value.front()))
        value = value.sliced(1);
    while (!value.isEmpty() && isHttpWhitespace(value.back()))
        value.chop(1);
    const qsizetype slash = value.indexOf('/');
    if (slash <= 0)
        return {SafelistRule::ContentTypeUnparsable, -1};
    const QByteArrayView type = value.first(slash);
    qsizetype end = value.indexOf(';', slash + 1);
    QByteArrayView subtype = value.sliced(slash + 1, (end < 0 ? value.size() : end) - slash - 1);
    while (!subtype.isEmpty() && isHttpWhitespace(subtype.back()))
        subtype.chop(1);
    auto isTokenView = [](QByteArrayView text) {
        return !text.isEmpty() && std::all_of(text.begin(), text.end(), CorsSafelist::isTokenChar);
    };
    if (!isTokenView(type) || !isTokenView(subtype))
        return {SafelistRule::ContentTypeUnparsable, -1};
    const bool allowed =
        (equalsIgnoringCase(type, "application") && equalsIgnoringCase(subtype, "x-www-form-urlencoded")) ||
        (equalsIgnoringCase(type, "multipart") && equalsIgnoringCase(subtype, "form-data")) ||
        (equalsIgnoringCase(type, "text") && equalsIgnoringCase(subtype, "plain"));
    return allowed ? SafelistVerdict{} : SafelistVerdict{SafelistRule::ContentTypeEssence, -1};
}

} // namespace

bool CorsSafelist::isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), CorsSafelist::isTokenChar);
}

bool CorsSafelist::isSafelistedMethod(QByteArrayView method)
{
    return method == "GET" || method == "HEAD" || method == "POST";
}

bool CorsSafelist::isForbiddenMethod(const QByteArray &method)
{
    return equalsIgnoringCase(method, "CONNECT") || equalsIgnoringCase(method, "TRACE") ||
           equalsIgnoringCase(method, "TRACK");
}

QByteArray CorsSafelist::normalizeMethod(const QByteArray &method)
{
    // Literals: their copies (the method is copied into every request the browser sends) share
    // static data without touching a reference count.
    static const QByteArray known[] = {QByteArrayLiteral("DELETE"), QByteArrayLiteral("GET"),
                                       QByteArrayLiteral("HEAD"),   QByteArrayLiteral("OPTIONS"),
                                       QByteArrayLiteral("POST"),   QByteArrayLiteral("PUT")};
    for (const QByteArray &candidate : known) {
        if (equalsIgnoringCase(method, candidate))
            return candidate;
    }
    return method;
}

QByteArray CorsSafelist::mimeEssence(const QByteArray &input)
{
    // [mimesniff] parse a MIME type: only the essence matters for the safelist; parameters
    // never make parsing fail.
    qsizetype begin = 0;
    qsizetype end = input.size();
    while (begin < end && isHttpWhitespace(input.at(begin)))
        ++begin;
    while (end > begin && isHttpWhitespace(input.at(end - 1)))
        --end;
    const QByteArray value = input.mid(begin, end - begin);
    const qsizetype slash = value.indexOf('/');
    if (slash <= 0)
        return {};
    const QByteArray type = value.left(slash);
    qsizetype semicolon = value.indexOf(';', slash + 1);
    QByteArray subtype = value.mid(slash + 1, semicolon < 0 ? -1 : semicolon - slash - 1);
    while (!subtype.isEmpty() && isHttpWhitespace(subtype.back()))
        subtype.chop(1);
    if (!isToken(type) || !isToken(subtype))
        return {};
    return (type + '/' + subtype).toLower();
}

SafelistVerdict CorsSafelist::checkRequestHeader(const QByteArray &name, const QByteArray &value,
                                                 const BrowserProfile &profile)
{
    if (value.size() > 128)
        return {SafelistRule::ValueTooLong, 128};
    // Every request header of every fetch comes through here: the name's length picks the one
    // safelisted name worth comparing.
    switch (name.size()) {
    case 6:
        if (HeaderList::equalsLowercaseName(name, "accept")) {
            const qsizetype at = firstUnsafeByte(value);
            return at < 0 ? SafelistVerdict{} : SafelistVerdict{SafelistRule::UnsafeByte, at};
        }
        break;
    case 15:
    case 16:
        if (HeaderList::equalsLowercaseName(name, "accept-language") ||
            HeaderList::equalsLowercaseName(name, "content-language")) {
            for (qsizetype i = 0; i < value.size(); ++i) {
                const char c = value.at(i);
                const bool ok = isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                std::string_view(" *,-.;=").find(c) != std::string_view::npos;
                if (!ok)
                    return {SafelistRule::LanguageByte, i};
            }
            return {};
        }
        break;
    case 12:
        if (HeaderList::equalsLowercaseName(name, "content-type")) {
            const qsizetype at = firstUnsafeByte(value);
            if (at >= 0)
                return {SafelistRule::UnsafeByte, at};
            return checkContentType(value);
        }
        break;
    case 5:
        if (HeaderList::equalsLowercaseName(name, "range")) {
            if (profile.rangeIsSafelisted && isSafelistedRange(value))
                return {};
            return {SafelistRule::RangeForm, -1};
        }
        break;
    default:
        break;
    }
    for (const QByteArray &extra : profile.extraSafelistedHeaders) {
        if (HeaderList::namesEqual(name, extra)) // its inline length test settles most
            return {};
    }
    return {SafelistRule::NotASafelistedName, -1};
}

UnsafeHeaders CorsSafelist::unsafeHeaders(const HeaderList &headers, const BrowserProfile &profile)
{
    UnsafeHeaders unsafe;
    qsizetype safelistedBytes = 0;
    for (const Header &header : headers) {
        const SafelistVerdict verdict = checkRequestHeader(header.name, header.value, profile);
        if (verdict.safelisted())
            safelistedBytes += header.value.size();
        else
            unsafe.append({header.name, verdict});
    }
    // [fetch] CORS-unsafe request-header names, step 3: more than 1024 bytes of safelisted
    // values make all of them unsafe. Rare, so the safelisted ones are found again only then.
    if (safelistedBytes > 1024) {
        for (const Header &header : headers) {
            if (checkRequestHeader(header.name, header.value, profile).safelisted())
                unsafe.append({header.name, {SafelistRule::TotalTooLong, -1}});
        }
    }
    return unsafe;
}

TokenList CorsSafelist::sortedLowercaseNames(const UnsafeHeaders &headers, bool keepDuplicates)
{
    // Sorted and deduplicated as views of the page's names, then lower-cased once into a single
    // joined value: no allocation per name.
    auto lower = [](char c) {
        return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    };
    QVarLengthArray<QByteArrayView, 16> names;
    qsizetype joinedSize = 0;
    for (const UnsafeHeader &header : headers) {
        names.append(header.name);
        joinedSize += header.name.size() + 1;
    }
    auto lowerLess = [&](QByteArrayView a, QByteArrayView b) {
        const qsizetype common = std::min(a.size(), b.size());
        for (qsizetype i = 0; i < common; ++i) {
            if (lower(a[i]) != lower(b[i]))
                return lower(a[i]) < lower(b[i]);
        }
        return a.size() < b.size();
    };
    // A handful of names: insertion sort, without std::sort's setup; a page setting hundreds
    // of headers gets std::sort.
    if (names.size() > 16)
        std::sort(names.begin(), names.end(), lowerLess);
    for (qsizetype i = 1; i < names.size() && names.size() <= 16; ++i) {
        const QByteArrayView name = names[i];
        qsizetype j = i;
        for (; j > 0 && lowerLess(name, names[j - 1]); --j)
            names[j] = names[j - 1];
        names[j] = name;
    }
    if (!keepDuplicates)
        names.erase(std::unique(names.begin(), names.end(), &HeaderList::namesEqual), names.end());
    if (names.isEmpty())
        return {};
    QByteArray joined(joinedSize - 1, Qt::Uninitialized);
    char *out = joined.data();
    QVarLengthArray<qsizetype, 16> offsets;
    for (QByteArrayView name : names) {
        if (!offsets.isEmpty())
            *out++ = ',';
        offsets.append(out - joined.constData());
        for (char c : name)
            *out++ = char(lower(c));
    }
    joined.truncate(out - joined.constData());
    TokenList list = TokenList::over(std::move(joined));
    for (qsizetype i = 0; i < names.size(); ++i)
        list.appendSpan(offsets[i], names[i].size());
    return list;
}

QByteArrayList CorsSafelist::sortedLowercaseSet(const UnsafeHeaders &headers, bool keepDuplicates)
{
    return sortedLowercaseNames(headers, keepDuplicates).toList();
}

bool CorsSafelist::isForbiddenRequestHeader(const QByteArray &name, const QByteArray &value)
{
    // This runs for every header of every request: the first letter picks the few lower-case
    // names worth comparing, where walking all twenty-one cost more than the rest of the check.
    auto isOneOf = [&name](std::initializer_list<QByteArrayView> candidates) {
        for (QByteArrayView candidate : candidates) {
            if (HeaderList::equalsLowercaseName(name, candidate))
                return true;
        }
        return false;
    };
    auto startsWith = [&name](QByteArrayView prefix) {
        return name.size() >= prefix.size() &&
               HeaderList::equalsLowercaseName(QByteArrayView(name).first(prefix.size()), prefix);
    };
    if (name.isEmpty())
        return false;
    const char first = name.front();
    switch (first >= 'A' && first <= 'Z' ? char(first + ('a' - 'A')) : first) {
    case 'a':
        return isOneOf({"accept-charset", "accept-encoding", "access-control-request-headers",
                        "access-control-request-method"});
    case 'c':
        return isOneOf({"connection", "content-length", "cookie", "cookie2"});
    case 'd':
        return isOneOf({"date", "dnt"});
    case 'e':
        return isOneOf({"expect"});
    case 'h':
        return isOneOf({"host"});
    case 'k':
        return isOneOf({"keep-alive"});
    case 'o':
        return isOneOf({"origin"});
    case 'p':
        return startsWith("proxy-");
    case 'r':
        return isOneOf({"referer"});
    case 's':
        return isOneOf({"set-cookie"}) || startsWith("sec-");
    case 't':
        return isOneOf({"te", "trailer", "transfer-encoding"});
    case 'u':
        return isOneOf({"upgrade"});
    case 'v':
        return isOneOf({"via"});
    case 'x':
        if (isOneOf({"x-http-method", "x-http-method-override", "x-method-override"})) {
            for (const QByteArray &item : value.split(',')) {
                if (isForbiddenMethod(normalizeHeaderValue(item)))
                    return true;
            }
        }
        return false;
    default:
        return false;
    }
}

bool CorsSafelist::isNoCorsSafelistedName(const QByteArray &name)
{
    return equalsIgnoringCase(name, "accept") || equalsIgnoringCase(name, "accept-language") ||
           equalsIgnoringCase(name, "content-language") || equalsIgnoringCase(name, "content-type");
}

bool CorsSafelist::isSafelistedResponseHeader(QByteArrayView name)
{
    for (QByteArrayView safe : {"cache-control", "content-language", "content-length", "content-type",
                                "expires", "last-modified", "pragma"}) {
        if (equalsIgnoringCase(name, safe))
            return true;
    }
    return false;
}

bool CorsSafelist::isForbiddenResponseHeader(QByteArrayView name)
{
    return equalsIgnoringCase(name, "set-cookie") || equalsIgnoringCase(name, "set-cookie2");
}

bool CorsSafelist::isRequestBodyHeader(const QByteArray &name)
{
    return equalsIgnoringCase(name, "content-encoding") || equalsIgnoringCase(name, "content-language") ||
           equalsIgnoringCase(name, "content-location") || equalsIgnoringCase(name, "content-type");
}

QString CorsSafelist::describe(SafelistRule rule)
{
    switch (rule) {
    case SafelistRule::Safelisted:
        return tr("CORS-safelisted");
    case SafelistRule::NotASafelistedName:
        return tr("not a CORS-safelisted header name (only Accept, Accept-Language, Content-Language, "
                  "Content-Type and Range are)");
    case SafelistRule::ValueTooLong:
        return tr("its value is longer than 128 bytes");
    case SafelistRule::UnsafeByte:
        return tr("its value contains a CORS-unsafe byte (a control character or one of \"():<>?@[\\]{})");
    case SafelistRule::LanguageByte:
        return tr("its value contains a byte other than 0-9 A-Z a-z space * , - . ; =");
    case SafelistRule::ContentTypeUnparsable:
        return tr("its value is not a parsable MIME type");
    case SafelistRule::ContentTypeEssence:
        return tr(
            "its MIME type is not application/x-www-form-urlencoded, multipart/form-data or text/plain");
    case SafelistRule::RangeForm:
        return tr("its value is not a single range of the form bytes=start-[end]");
    case SafelistRule::TotalTooLong:
        return tr("the safelisted header values together exceed 1024 bytes");
    }
    return {};
}

} // namespace Corscope
