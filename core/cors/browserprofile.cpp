#include "cors/browserprofile.h"

namespace Corscope {

namespace {
struct ProfileText {
    Q_DECLARE_TR_FUNCTIONS(Corscope::BrowserProfile)
};
} // namespace

const BrowserProfile &BrowserProfile::chromium()
{
    static const BrowserProfile profile = [] {
        BrowserProfile p;
        p.engine = BrowserEngine::Chromium;
        p.id = QStringLiteral("chromium");
        p.displayName = QStringLiteral("Chromium");
        p.defaultMaxAgeSeconds = 5;
        // services/network/cors/preflight_result.cc: kMaxTimeout = 2 h.
        p.maxAgeCapSeconds = 7200;
        p.invalidMaxAge = InvalidMaxAge::UseDefault;
        p.cacheModel = PreflightCacheModel::ReplaceEntryPerUrl;
        p.wildcardAllowHeadersCoversAuthorization = false;
        p.rangeIsSafelisted = true;
        p.deviations = {
            {ProfileText::tr("Preflight cache lifetime"),
             ProfileText::tr("Access-Control-Max-Age is capped at 7200 s; a negative value caches nothing, an "
                             "unparsable one caches for 5 s."),
             QStringLiteral("cache-max-age-*")},
        };
        return p;
    }();
    return profile;
}

const BrowserProfile &BrowserProfile::firefox()
{
    static const BrowserProfile profile = [] {
        BrowserProfile p;
        p.engine = BrowserEngine::Firefox;
        p.id = QStringLiteral("firefox");
        p.displayName = QStringLiteral("Firefox");
        p.defaultMaxAgeSeconds = 5;
        // netwerk/protocol/http/nsCORSListenerProxy.cpp: capped at 24 h.
        p.maxAgeCapSeconds = 86400;
        p.invalidMaxAge = InvalidMaxAge::DoNotCache;
        p.cacheModel = PreflightCacheModel::MergeTokensPerUrlAndCredentials;
        p.wildcardAllowHeadersCoversAuthorization = true;
        p.rangeIsSafelisted = true;
        p.deviations = {
            {ProfileText::tr("Authorization and Access-Control-Allow-Headers: *"),
             ProfileText::tr("Firefox lets '*' cover Authorization (pref "
                             "network.cors_preflight.authorization_covered_by_wildcard) and only warns; the "
                             "Fetch Standard and Chromium block."),
             QStringLiteral("firefox-wildcard-covers-authorization")},
            {ProfileText::tr("Preflight cache lifetime"),
             ProfileText::tr("Access-Control-Max-Age is capped at 86400 s; a value that is not all digits "
                             "caches nothing."),
             QStringLiteral("cache-max-age-*")},
        };
        return p;
    }();
    return profile;
}

const BrowserProfile *BrowserProfile::byId(const QString &id)
{
    for (const BrowserProfile *profile : {&chromium(), &firefox()}) {
        if (profile->id == id)
            return profile;
    }
    return nullptr;
}

QStringList BrowserProfile::ids() { return {chromium().id, firefox().id}; }

} // namespace Corscope
