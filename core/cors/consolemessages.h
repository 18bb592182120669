#pragma once

#include "cors/browserprofile.h"
#include "cors/corserror.h"

namespace Corscope {

// The exact text each browser prints to its console for a CORS failure. These stay verbatim,
// untranslated: they are what the user searches for and what DevTools shows.
class ConsoleMessages {
public:
    // Empty when the browser prints no CORS message for that failure (a TypeError thrown by
    // fetch() itself, or a plain network error).
    static QString forFailure(const BrowserProfile &profile, const CorsFailure &failure);

private:
    static QString chromium(const CorsFailure &failure);
    static QString firefox(const CorsFailure &failure);
};

} // namespace Corscope
