#pragma once

#include "cors/browserprofile.h"
#include "http/tokenlist.h"

namespace Corscope {

// Why a preflight response lets a method or header through, or that it does not. One place
// decides it so the evaluator and the "asked vs allowed" view can never disagree.
enum class Grant {
    Safelisted,            // needs no entry (GET, HEAD, POST)
    Listed,                // named in the list (methods case-sensitively, headers not)
    Wildcard,              // "*" without credentials
    WildcardAuthorization, // "*" covering Authorization: a browser departure from the spec
    Denied,
};

class PreflightGrant {
public:
    // [fetch] CORS-preflight fetch, step 7.5.
    static Grant method(QByteArrayView method, const TokenList &allowMethods, bool includeCredentials);
    // [fetch] CORS-preflight fetch, steps 7.6-7.7; name is lower-case as in the request's
    // Access-Control-Request-Headers.
    static Grant header(QByteArrayView name, const TokenList &allowHeaders, bool includeCredentials,
                        const BrowserProfile &profile);
    static bool isAllowed(Grant grant) { return grant != Grant::Denied; }
};

} // namespace Corscope
