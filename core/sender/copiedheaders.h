#pragma once

#include "sender/curlcommand.h"

#include <QList>

namespace Corscope {

// A header as a copied request lists it, with where its value starts in the pasted text.
struct CopiedHeader {
    Header header;
    qsizetype valuePosition = 0;
};

// What every copy format shares once its own syntax is undone: the headers the copy lists are
// mapped onto the page's fetch(). Origin becomes the request's origin, the headers the browser
// adds on its own are removed (the evaluator would take them for the page's), Cookie headers
// join `cookies` and make the request credentialed. One owner, so that the five formats cannot
// disagree about what a header means.
class CopiedHeaders {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CopiedHeaders)

public:
    // `cookies` and `sentCookies` carry what the format said about cookies elsewhere (curl's -b,
    // PowerShell's $session.Cookies). Fails only on an Origin header that is not an origin.
    static bool apply(const QList<CopiedHeader> &headers, QByteArrayList cookies, bool sentCookies,
                      CurlImport *import, CurlParseError *error);

    // [rfc9110] 5.6.2. Tokens: header names and methods.
    static bool isToken(QByteArrayView text);
    // A header name must be a token and a value must not hold CR, LF or NUL (RFC 9110 5.5);
    // the error points at the offending character.
    static bool validate(const QByteArray &name, qsizetype namePosition, const QByteArray &value,
                         qsizetype valuePosition, CurlParseError *error);

    // Appends a warning unless it is there already.
    static void warn(CurlImport *import, const QString &warning);
};

} // namespace Corscope
