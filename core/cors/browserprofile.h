#pragma once

#include "cors/fetchrequest.h"

#include <QByteArrayList>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Corscope {

enum class BrowserEngine { Chromium, Firefox };

// How a browser treats an Access-Control-Max-Age it cannot parse.
enum class InvalidMaxAge { UseDefault, DoNotCache };

// How a new preflight result combines with what the cache already holds for that URL.
enum class PreflightCacheModel {
    // Chromium: one entry per (origin, URL); a new preflight replaces it; an entry from a
    // credentialed preflight also serves uncredentialed requests.
    ReplaceEntryPerUrl,
    // Firefox: entries keyed by (origin, URL, credentials); each method and header name has its
    // own expiry and new preflights add to them; a cached "*" is compared literally.
    MergeTokensPerUrlAndCredentials,
};

// One place where a browser departs from the Fetch Standard (or from the other browser), named
// after the browser-differential scenario that proves it.
struct BrowserDeviation {
    QString topic;
    QString browserBehaviour;
    QString provenBy;
};

// The behaviour of one browser, as measured on the versions Debian 12 ships. Every knob here is
// backed by a scenario in tests/browser that runs the real browser.
struct BrowserProfile {
    BrowserEngine engine = BrowserEngine::Chromium;
    QString id;
    QString displayName;

    int defaultMaxAgeSeconds = 5;
    int maxAgeCapSeconds = 7200;
    InvalidMaxAge invalidMaxAge = InvalidMaxAge::UseDefault;
    PreflightCacheModel cacheModel = PreflightCacheModel::ReplaceEntryPerUrl;
    bool wildcardAllowHeadersCoversAuthorization = false;
    // [fetch] main fetch clears the preflight cache entries when the request then fails.
    bool clearsCacheOnResponseFailure = true;
    // Firefox lists a header appended twice twice in Access-Control-Request-Headers.
    bool requestHeadersListKeepsDuplicates = false;
    // Firefox preflights every redirect target of a request that needed a preflight, and sends
    // those preflights with the page's real origin even after a cross-origin hop.
    bool preflightsAgainAfterRedirect = false;
    // Whether the browser-differential suite compares this browser's console messages verbatim.
    // Headless Firefox keeps CORS errors in its console service, out of reach of a test.
    bool consoleMessagesVerified = true;
    bool rangeIsSafelisted = true;
    // [html] muted errors: a classic script fetched no-cors from another origin reports its errors
    // to window.onerror only as "Script error.". Firefox ESR 153 gave the full error for such a
    // script (scenarios kind-script-no-attr-*, loopback origins on other ports).
    bool mutesNoCorsScriptErrors = true;
    // Whether a WebSocket handshake to a potentially trustworthy URL carries Sec-Fetch-Mode and
    // Sec-Fetch-Dest: Firefox ESR 153 sends "websocket" and "empty", Chromium 156 neither
    // (scenarios kind-websocket-*).
    bool sendsFetchMetadataToWebSockets = false;
    // [html] fetch a stylesheet: a Content-Type other than text/css is ignored in standards mode.
    // Firefox ESR 153 refuses a cross-origin text/plain stylesheet (error event); Chromium 156 applies
    // it unless nosniff is sent (scenarios kind-stylesheet-*-text-plain*).
    bool stylesheetRequiresCssMimeType = true;
    // A classic worker's script served as text/plain: Firefox ESR 153 refuses it, Chromium 156 runs
    // it (scenario kind-worker-same-origin-text-plain); module workers are strict in both.
    bool classicWorkerRequiresJavaScriptMimeType = true;
    // [fetch-metadata] Sec-Fetch-Site after a redirect: Firefox ESR 153 sends cross-site on every
    // redirected request whose chain left the page's origin, same-site hops included (a chain
    // that stays same-origin says same-origin); Chromium 156 takes the least same over the URL
    // list as the spec says (scenarios redirect-*, fetch-metadata-*-redirect-*).
    bool redirectedRequestsAreCrossSite = false;
    // Headers this browser sends without a preflight although the Fetch Standard does not
    // safelist them; each with a value rule (see CorsSafelist).
    QByteArrayList extraSafelistedHeaders;

    QList<BrowserDeviation> deviations;

    // The Accept header this browser sends for a kind of request when the page set none
    // (captured from the real browsers by tests/browser/tst_browserdifferential); empty when it
    // sends none (a WebSocket handshake).
    QByteArray acceptFor(ResourceType type) const;

    static const BrowserProfile &chromium();
    static const BrowserProfile &firefox();
    static const BrowserProfile *byId(const QString &id);
    static QStringList ids();
};

} // namespace Corscope
