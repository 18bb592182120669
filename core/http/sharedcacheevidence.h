#pragma once

// What a response says about the shared caches (CDNs, caching reverse proxies) between the
// server and the browser: whether one answered it from storage, and whether the server told
// them the answer depends on Origin. A CORS answer that names one origin but does not Vary on
// Origin is stored once and handed to every origin; the explanation says so when it sees it.

#include "http/headerlist.h"

#include <QByteArray>
#include <optional>

namespace Corscope {

struct CacheHitEvidence {
    QByteArray header; // as the response spelled it
    QByteArray value;
};

// The header that shows a shared cache answered from storage: Age ([rfc9111] 5.1: only a cache
// sends it, for a stored response), or the hit markers caches add by convention — X-Cache
// ("Hit from cloudfront", Fastly's and Varnish setups' "HIT", Akamai's "TCP_HIT"),
// CF-Cache-Status, X-Cache-Status (nginx setups), X-Proxy-Cache. nullopt when none says so.
std::optional<CacheHitEvidence> sharedCacheHit(const HeaderList &headers);

// Whether Vary names Origin (or is "*", which no cache reuses) — [rfc9110] 12.5.5.
bool varyNamesOrigin(const HeaderList &headers);

} // namespace Corscope
