#pragma once

#include "cors/browserprofile.h"
#include "http/headerlist.h"
#include "http/tokenlist.h"

#include <QByteArrayList>
#include <QString>
#include <QVarLengthArray>
#include <array>
#include <string_view>

namespace Corscope {

// Why a request header is, or is not, CORS-safelisted: the rule is what the explanation names.
enum class SafelistRule {
    Safelisted,
    NotASafelistedName,
    ValueTooLong, // more than 128 bytes
    UnsafeByte,   // a CORS-unsafe request-header byte
    LanguageByte, // Accept-Language / Content-Language outside [0-9A-Za-z *,-.;=]
    ContentTypeUnparsable,
    ContentTypeEssence, // not application/x-www-form-urlencoded, multipart/form-data, text/plain
    RangeForm,          // not bytes=start-[end]
    TotalTooLong,       // safelisted values together exceed 1024 bytes
};

struct SafelistVerdict {
    SafelistRule rule = SafelistRule::Safelisted;
    qsizetype position = -1; // offending byte, where there is one
    bool safelisted() const { return rule == SafelistRule::Safelisted; }
};

struct UnsafeHeader {
    QByteArrayView name; // the page's own bytes, in the header list it was found in
    SafelistVerdict verdict;
};
// A page rarely sets more than a few headers that need permission: held inline.
using UnsafeHeaders = QVarLengthArray<UnsafeHeader, 8>;

class CorsSafelist {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CorsSafelist)

public:
    // [fetch] CORS-safelisted method
    static bool isSafelistedMethod(QByteArrayView method);
    // [fetch] forbidden method (CONNECT, TRACE, TRACK, any case)
    static bool isForbiddenMethod(const QByteArray &method);
    // [fetch] normalize a method: only DELETE GET HEAD OPTIONS POST PUT are upper-cased.
    static QByteArray normalizeMethod(const QByteArray &method);
    // RFC 9110 token
    static bool isToken(QByteArrayView text);
    // RFC 9110 tchar; inline, as list parsers test it byte by byte.
    static bool isTokenChar(char c) { return tokenChars[static_cast<unsigned char>(c)]; }

    // [fetch] CORS-safelisted request-header (name, value), with the browser's extra names.
    static SafelistVerdict checkRequestHeader(const QByteArray &name, const QByteArray &value,
                                              const BrowserProfile &profile);
    // [fetch] CORS-unsafe request-header names, in the page's order, first reason kept.
    static UnsafeHeaders unsafeHeaders(const HeaderList &headers, const BrowserProfile &profile);
    // [fetch] convert header names to a sorted-lowercase set. The names are spans of one
    // comma-joined value, which is exactly Access-Control-Request-Headers.
    static TokenList sortedLowercaseNames(const UnsafeHeaders &headers, bool keepDuplicates = false);
    static QByteArrayList sortedLowercaseSet(const UnsafeHeaders &headers, bool keepDuplicates = false);

    // [fetch] forbidden request-header: the browser silently drops it.
    static bool isForbiddenRequestHeader(const QByteArray &name, const QByteArray &value);
    // [fetch] no-CORS-safelisted request-header name
    static bool isNoCorsSafelistedName(const QByteArray &name);
    // [fetch] CORS-safelisted response-header name (without the exposed list)
    static bool isSafelistedResponseHeader(QByteArrayView name);
    // [fetch] forbidden response-header name (Set-Cookie, Set-Cookie2)
    static bool isForbiddenResponseHeader(QByteArrayView name);
    // [fetch] request-body-header name
    static bool isRequestBodyHeader(const QByteArray &name);

    // [mimesniff] parse a MIME type, returning the lower-case essence or an empty array.
    static QByteArray mimeEssence(const QByteArray &value);

    static QString describe(SafelistRule rule);

private:
    static constexpr std::array<bool, 256> tokenChars = [] {
        std::array<bool, 256> table{};
        for (int c = '0'; c <= '9'; ++c)
            table[c] = true;
        for (int c = 'a'; c <= 'z'; ++c)
            table[c] = true;
        for (int c = 'A'; c <= 'Z'; ++c)
            table[c] = true;
        for (char c : std::string_view("!#$%&'*+-.^_`|~"))
            table[static_cast<unsigned char>(c)] = true;
        return table;
    }();
};

} // namespace Corscope
