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
        // Chromium 156 lets "*" cover Authorization, against the Fetch Standard
        // (scenario headers-authorization-wildcard).
        p.wildcardAllowHeadersCoversAuthorization = true;
        p.clearsCacheOnResponseFailure = false;
        p.rangeIsSafelisted = true;
        p.stylesheetRequiresCssMimeType = false;
        p.classicWorkerRequiresJavaScriptMimeType = false;
        // Client hints Chromium sends without a preflight (scenario trigger-client-hint-*).
        p.extraSafelistedHeaders = {"DPR", "Save-Data", "Width", "Viewport-Width", "Device-Memory"};
        p.deviations = {
            {ProfileText::tr("Authorization and Access-Control-Allow-Headers: *"),
             ProfileText::tr("Chromium lets '*' cover Authorization; the Fetch Standard says it never does."),
             QStringLiteral("headers-authorization-wildcard")},
            {ProfileText::tr("Client hints"),
             ProfileText::tr(
                 "DPR, Save-Data, Width, Viewport-Width and Device-Memory are sent without a preflight."),
             QStringLiteral("trigger-client-hint-*")},
            {ProfileText::tr("Preflight cache lifetime"),
             ProfileText::tr(
                 "Access-Control-Max-Age is capped at 7200 s; a negative value caches nothing, an "
                 "unparsable one caches for 5 s."),
             QStringLiteral("cache-max-age-*")},
            {ProfileText::tr("Stylesheet and worker MIME types"),
             ProfileText::tr("A cross-origin stylesheet served as text/plain applies (unless nosniff is sent), "
                             "and a classic worker's text/plain script runs; Firefox refuses both."),
             QStringLiteral("kind-stylesheet-anonymous-text-plain")},
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
        p.requestHeadersListKeepsDuplicates = true;
        p.consoleMessagesVerified = false;
        p.preflightsAgainAfterRedirect = true;
        p.rangeIsSafelisted = true;
        p.mutesNoCorsScriptErrors = false;
        p.sendsFetchMetadataToWebSockets = true;
        p.redirectedRequestsAreCrossSite = true;
        p.deviations = {
            {ProfileText::tr("Errors of a no-cors classic script"),
             ProfileText::tr("A classic script from another origin without a crossorigin attribute reported "
                             "its error to window.onerror in full, not as \"Script error.\" as the HTML "
                             "standard and Chromium do."),
             QStringLiteral("kind-script-no-attr-*")},
            {ProfileText::tr("Preflights after a redirect"),
             ProfileText::tr(
                 "When a preflighted request is redirected, Firefox preflights the new URL too, even "
                 "for a GET, and sends that preflight with the page's origin rather than null."),
             QStringLiteral("redirect-put-303-becomes-get, redirect-put-307-to-api2")},
            {ProfileText::tr("Sec-Fetch-Site after a redirect"),
             ProfileText::tr("Every request after a redirect that left the page's origin says cross-site, even "
                             "when each URL was same-site; the Fetch Metadata spec and Chromium take the least "
                             "same over the chain. A chain that stays on the page's origin says same-origin."),
             QStringLiteral("fetch-metadata-same-origin-redirect-to-api, redirect-*, "
                            "same-origin-mode-redirect-page-to-page")},
            {ProfileText::tr("Access-Control-Request-Headers"),
             ProfileText::tr("A header the page appended twice is listed twice."),
             QStringLiteral("acrh-duplicate-header")},
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

QByteArray BrowserProfile::acceptFor(ResourceType type) const
{
    // As Chromium 156 and Firefox ESR 153 sent them to the scenario server (scenarios kind-*):
    // Chromium's image Accept leads with image/jxl.
    switch (type) {
    case ResourceType::Fetch:
    case ResourceType::Xhr:
    case ResourceType::Script:
    case ResourceType::Module:
    case ResourceType::Worker:
        break;
    case ResourceType::Stylesheet:
        return QByteArrayLiteral("text/css,*/*;q=0.1");
    case ResourceType::Image:
        return engine == BrowserEngine::Chromium
                   ? QByteArrayLiteral(
                         "image/jxl,image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8")
                   : QByteArrayLiteral(
                         "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5");
    case ResourceType::EventSource:
        return QByteArrayLiteral("text/event-stream");
    case ResourceType::WebSocket:
        // Chromium 156 sends no Accept on a handshake, Firefox ESR 153 */* (kind-websocket-*).
        if (engine == BrowserEngine::Chromium)
            return {};
        break;
    case ResourceType::Font:
        if (engine == BrowserEngine::Firefox)
            return QByteArrayLiteral("application/font-woff2;q=1.0,application/font-woff;q=0.9,*/*;q=0.8");
        break;
    }
    return QByteArrayLiteral("*/*");
}

const BrowserProfile *BrowserProfile::byId(const QString &id)
{
    for (const BrowserProfile *profile : {&chromium(), &firefox()}) {
        if (profile->id == id)
            return profile;
    }
    return nullptr;
}

QStringList BrowserProfile::ids()
{
    return {chromium().id, firefox().id};
}

} // namespace Corscope
