#include "cors/preflightcache.h"

#include "cors/corssafelist.h"
#include "http/headerlist.h"

#include <algorithm>

namespace Corscope {

namespace {

bool hasFreshToken(const CachedTokens &tokens, qint64 now, auto &&matches)
{
    return std::any_of(tokens.begin(), tokens.end(),
                       [&](const CachedToken &t) { return t.expiresMs > now && matches(t.token()); });
}

void upsert(CachedTokens &tokens, const TokenList &list, qsizetype index, qint64 expiresMs,
            bool caseSensitive)
{
    const QByteArrayView token = list.at(index);
    for (CachedToken &existing : tokens) {
        if (caseSensitive ? existing.token() == token : HeaderList::namesEqual(existing.token(), token)) {
            existing.expiresMs = expiresMs;
            return;
        }
    }
    tokens.append({token, expiresMs});
}

bool viewsInto(const CachedTokens &tokens, const QByteArray &source)
{
    const char *begin = source.constData();
    const char *end = begin + source.size();
    return std::any_of(tokens.begin(), tokens.end(), [&](const CachedToken &t) {
        return std::less_equal<>()(begin, t.text.data()) && std::less<>()(t.text.data(), end);
    });
}

} // namespace

PreflightCache::PreflightCache(const BrowserProfile &profile, const Clock &clock)
    : m_profile(profile)
    , m_clock(clock)
{
}

const PreflightCacheEntry *PreflightCache::find(const QByteArray &origin, const QUrl &url,
                                                bool credentials) const
{
    const bool keyedByCredentials =
        m_profile.cacheModel == PreflightCacheModel::MergeTokensPerUrlAndCredentials;
    for (const PreflightCacheEntry &entry : m_entries) {
        if (entry.origin == origin && entry.url == url &&
            (!keyedByCredentials || entry.credentials == credentials))
            return &entry;
    }
    return nullptr;
}

PreflightCacheLookup PreflightCache::lookup(const QByteArray &origin, const QUrl &url,
                                            bool credentialsInclude, QByteArrayView method,
                                            const TokenList &unsafeHeaderNames) const
{
    PreflightCacheLookup result;
    const qint64 now = m_clock.nowMs();
    const PreflightCacheEntry *entry = find(origin, url, credentialsInclude);
    if (!entry || entry->expiresMs <= now)
        return result;
    result.entryFound = true;
    result.ageMs = now - entry->storedMs;
    result.remainingMs = entry->expiresMs - now;
    // [fetch] cache entry match: an uncredentialed result never serves a credentialed request.
    if (credentialsInclude && !entry->credentials) {
        result.credentialsMismatch = true;
        return result;
    }
    const bool wildcardUsable =
        m_profile.cacheModel == PreflightCacheModel::ReplaceEntryPerUrl && !entry->credentials;
    const bool methodCovered =
        CorsSafelist::isSafelistedMethod(method) || hasFreshToken(entry->methods, now, [&](QByteArrayView t) {
            return t == method || (wildcardUsable && t == "*");
        });
    if (!methodCovered) {
        result.uncoveredMethod = method.toByteArray();
        return result;
    }
    for (QByteArrayView name : unsafeHeaderNames) {
        const bool covered = hasFreshToken(entry->headers, now, [&](QByteArrayView t) {
            return HeaderList::namesEqual(t, name) ||
                   (wildcardUsable && t == "*" &&
                    (m_profile.wildcardAllowHeadersCoversAuthorization || name != "authorization"));
        });
        if (!covered) {
            result.uncoveredHeader = name.toByteArray();
            return result;
        }
    }
    result.hit = true;
    return result;
}

void PreflightCache::store(const QByteArray &origin, const QUrl &url, bool credentialsInclude,
                           const TokenList &methods, const TokenList &headerNames, qint64 maxAgeSeconds)
{
    purgeExpired();
    const qint64 now = m_clock.nowMs();
    if (maxAgeSeconds <= 0) {
        if (m_profile.cacheModel == PreflightCacheModel::ReplaceEntryPerUrl)
            clear(origin, url);
        return;
    }
    const qint64 expires = now + maxAgeSeconds * 1000;
    PreflightCacheEntry *entry = const_cast<PreflightCacheEntry *>(find(origin, url, credentialsInclude));
    const bool merged = entry && m_profile.cacheModel != PreflightCacheModel::ReplaceEntryPerUrl;
    if (entry && !merged) {
        *entry = PreflightCacheEntry{};
    } else if (!entry) {
        entry = &m_entries.emplaceBack(); // in place: the entry holds its tokens inline
    }
    entry->origin = origin;
    entry->url = url;
    entry->credentials = credentialsInclude;
    entry->storedMs = now;
    entry->maxAgeSeconds = maxAgeSeconds;
    entry->expiresMs = std::max(entry->expiresMs, expires);
    entry->methods.reserve(entry->methods.size() + methods.size());
    entry->headers.reserve(entry->headers.size() + headerNames.size());
    for (qsizetype i = 0; i < methods.size(); ++i)
        upsert(entry->methods, methods, i, expires, true);
    for (qsizetype i = 0; i < headerNames.size(); ++i)
        upsert(entry->headers, headerNames, i, expires, false);
    if (!methods.isEmpty())
        entry->sources.append(methods.value());
    if (!headerNames.isEmpty())
        entry->sources.append(headerNames.value());
    // A merged entry (Firefox) keeps only the values some token still views.
    if (merged) {
        entry->sources.removeIf([entry](const QByteArray &source) {
            return !viewsInto(entry->methods, source) && !viewsInto(entry->headers, source);
        });
    }
}

void PreflightCache::clear(const QByteArray &origin, const QUrl &url)
{
    m_entries.removeIf([&](const PreflightCacheEntry &e) { return e.origin == origin && e.url == url; });
}

void PreflightCache::remove(const QByteArray &origin, const QUrl &url, bool credentials)
{
    m_entries.removeIf([&](const PreflightCacheEntry &e) {
        return e.origin == origin && e.url == url && e.credentials == credentials;
    });
}

void PreflightCache::clearAll()
{
    m_entries.clear();
}

void PreflightCache::purgeExpired()
{
    const qint64 now = m_clock.nowMs();
    m_entries.removeIf([now](const PreflightCacheEntry &e) { return e.expiresMs <= now; });
}

QList<PreflightCacheEntry> PreflightCache::freshEntries() const
{
    QList<PreflightCacheEntry> fresh;
    const qint64 now = m_clock.nowMs();
    for (const PreflightCacheEntry &entry : m_entries) {
        if (entry.expiresMs > now)
            fresh.append(entry);
    }
    return fresh;
}

} // namespace Corscope
