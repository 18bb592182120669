#pragma once

#include "cors/browserprofile.h"
#include "cors/clock.h"

#include <QByteArrayList>
#include <QList>
#include <QUrl>

namespace Corscope {

struct CachedToken {
    QByteArray token;
    qint64 expiresMs = 0;
};

// One (origin, URL[, credentials]) entry. Chromium gives every token the same expiry; Firefox
// tracks one per token. Both shapes fit here.
struct PreflightCacheEntry {
    QByteArray origin;
    QUrl url;
    bool credentials = false;
    QList<CachedToken> methods;
    QList<CachedToken> headers;
    qint64 storedMs = 0;
    qint64 maxAgeSeconds = 0;
    qint64 expiresMs = 0; // when the last of its tokens expires
};

struct PreflightCacheLookup {
    bool hit = false;
    bool entryFound = false;
    QByteArray uncoveredMethod;
    QByteArray uncoveredHeader;
    bool credentialsMismatch = false;
    qint64 ageMs = 0;
    qint64 remainingMs = 0;
};

// [fetch] CORS-preflight cache, with the browser's own matching rules.
class PreflightCache {
public:
    PreflightCache(const BrowserProfile &profile, const Clock &clock);

    PreflightCacheLookup lookup(const QByteArray &origin, const QUrl &url, bool credentialsInclude,
                                const QByteArray &method, const QByteArrayList &unsafeHeaderNames) const;
    // Records a successful preflight. maxAgeSeconds 0 stores nothing.
    void store(const QByteArray &origin, const QUrl &url, bool credentialsInclude,
               const QByteArrayList &methods, const QByteArrayList &headerNames, qint64 maxAgeSeconds);
    // [fetch] main fetch: a network error on the preflight path clears the URL's entries.
    void clear(const QByteArray &origin, const QUrl &url);
    void clearAll();
    // Forgets one entry, as a user clearing it in the cache view. For Chromium, whose entries
    // are not keyed by credentials, the credentials flag must match the stored entry's.
    void remove(const QByteArray &origin, const QUrl &url, bool credentials);

    // Entries that are still fresh, for views and reports.
    QList<PreflightCacheEntry> freshEntries() const;
    const BrowserProfile &profile() const { return m_profile; }
    const Clock &clock() const { return m_clock; }

private:
    const PreflightCacheEntry *find(const QByteArray &origin, const QUrl &url, bool credentials) const;
    void purgeExpired();

    const BrowserProfile &m_profile;
    const Clock &m_clock;
    QList<PreflightCacheEntry> m_entries;
};

} // namespace Corscope
