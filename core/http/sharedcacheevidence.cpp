#include "http/sharedcacheevidence.h"

namespace Corscope {

namespace {

// A marker's value says "hit" as a word of its own: "HIT", "Hit from cloudfront", "TCP_HIT",
// "TCP_MEM_HIT", "HIT, HIT" (two layers); never "MISS", "BYPASS", "EXPIRED", "RefreshHit".
bool saysHit(const QByteArray &value)
{
    const QByteArray lower = value.toLower();
    for (qsizetype at = lower.indexOf("hit"); at >= 0; at = lower.indexOf("hit", at + 1)) {
        const bool startsWord = at == 0 || !std::isalpha(static_cast<unsigned char>(lower.at(at - 1)));
        const bool endsWord =
            at + 3 == lower.size() || !std::isalpha(static_cast<unsigned char>(lower.at(at + 3)));
        if (startsWord && endsWord)
            return true;
    }
    return false;
}

} // namespace

std::optional<CacheHitEvidence> sharedCacheHit(const HeaderList &headers)
{
    for (const Header &header : headers) {
        if (HeaderList::namesEqual(header.name, "age")) {
            bool ok = false;
            if (header.value.trimmed().toLongLong(&ok) > 0 && ok)
                return CacheHitEvidence{header.name, header.value};
            continue;
        }
        for (const char *marker : {"x-cache", "cf-cache-status", "x-cache-status", "x-proxy-cache"}) {
            if (HeaderList::namesEqual(header.name, marker) && saysHit(header.value))
                return CacheHitEvidence{header.name, header.value};
        }
    }
    return std::nullopt;
}

bool varyNamesOrigin(const HeaderList &headers)
{
    for (const QByteArray &value : headers.values("vary")) {
        for (const QByteArray &item : value.split(',')) {
            const QByteArray name = item.trimmed();
            if (name == "*" || HeaderList::namesEqual(name, "origin"))
                return true;
        }
    }
    return false;
}

} // namespace Corscope
