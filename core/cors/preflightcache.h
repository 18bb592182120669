#pragma once

#include "cors/browserprofile.h"
#include "cors/clock.h"
#include "http/tokenlist.h"

#include <QByteArrayList>
#include <QList>
#include <QUrl>
#include <QVarLengthArray>

namespace Corscope {

struct CachedToken {
    // A view into the header value the token came from, which its entry keeps alive in
    // `sources`: storing a preflight result neither allocates nor shares anything per token.
    QByteArrayView text;
    qint64 expiresMs = 0;

    QByteArrayView token() const { return text; }
};

// A preflight response rarely lists more than a handful of methods or headers: those are kept
// inline, so storing a result allocates no token list.
using CachedTokens = QVarLengthArray<CachedToken, 8>;

// One (origin, URL[, credentials]) entry. Chromium gives every token the same expiry; Firefox
// tracks one per token. Both shapes fit here.
struct PreflightCacheEntry {
    QByteArray origin;
    QUrl url;
    bool credentials = false;
    CachedTokens methods;
    CachedTokens headers;
    // The header values the tokens view. A QByteArray's bytes stay put when the entry is moved or
    // copied, so the views stay valid for as long as a copy of the entry holds these.
    QVarLengthArray<QByteArray, 2> sources;
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
                                QByteArrayView method, const TokenList &unsafeHeaderNames) const;
    // Records a successful preflight. maxAgeSeconds 0 stores nothing.
    void store(const QByteArray &origin, const QUrl &url, bool credentialsInclude, const TokenList &methods,
               const TokenList &headerNames, qint64 maxAgeSeconds);
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
