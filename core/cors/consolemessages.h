#pragma once

#include "cors/browserprofile.h"
#include "cors/corserror.h"
#include "cors/fetchrequest.h"

namespace Corscope {

// The exact text each browser prints to its console for a CORS failure. These stay verbatim,
// untranslated: they are what the user searches for and what DevTools shows.
class ConsoleMessages {
public:
    // Empty when the browser prints no CORS message for that failure (a TypeError thrown by
    // fetch() itself, or a plain network error).
    // initiator: what started the request; Chromium names it ("Access to XMLHttpRequest at …"),
    // Firefox's messages do not.
    static QString forFailure(const BrowserProfile &profile, const CorsFailure &failure,
                              RequestInitiator initiator = RequestInitiator::Fetch);
    // What the browser prints when the kind refused a response CORS did not block (a MIME type a
    // module, or with nosniff a script or stylesheet, does not take); empty when it prints nothing,
    // as for any refused status (scenarios kind-*-404-*, kind-*-text-plain*). corsMode: the request
    // was CORS rather than no-cors.
    static QString forRefusedAnswer(const BrowserProfile &profile, ResourceType type, bool corsMode,
                                    bool moduleWorker, CorsError error, const QUrl &url,
                                    const QByteArray &mimeType);

private:
    static QString chromium(const CorsFailure &failure, RequestInitiator initiator);
    static QString firefox(const CorsFailure &failure, RequestInitiator initiator);
};

} // namespace Corscope
