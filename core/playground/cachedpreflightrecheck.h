#pragma once

#include "cors/preflightcache.h"
#include "playground/corspolicy.h"

#include <QString>

namespace Corscope {

class BrowserProfile;

// The Max-Age lesson, beside each entry of the Preflight cache tab: a browser keeps using a
// cached preflight after the server changed its policy. This asks the server's current policy
// the entry's preflight question again, judged as the evaluator would with an empty cache.
class CachedPreflightRecheck {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CachedPreflightRecheck)

public:
    // Empty when the policy would still allow what the entry holds; otherwise why it would
    // refuse the preflight now, and that the browser does not ask until the entry expires.
    static QString refusedNow(const PreflightCacheEntry &entry, const CorsPolicy &policy,
                              const BrowserProfile &profile);
};

} // namespace Corscope
