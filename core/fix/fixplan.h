#pragma once

#include <QByteArrayList>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace Corscope {

// One change to a server response.
struct ResponseChange {
    QByteArray method; // the request it answers
    QUrl url;
    QByteArray header; // empty for a status-only change
    std::optional<QByteArray> oldValue;
    QByteArray newValue;
    int oldStatus = 0;
    int newStatus = 0; // 0 when unchanged
};

// The CORS policy a server must apply for the request to pass, and nothing wider: what every
// server's snippet is rendered from, so no server's text is written per scenario.
struct FixPolicy {
    // Serialised origins that get Access-Control-Allow-Origin, each compared exactly: the page's
    // own, plus a specific origin the server already allowed (kept, so the fix breaks no one).
    QByteArrayList origins;
    // Answer "*": only when the server already allowed any origin and nothing is credentialed.
    bool anyOrigin = false;
    bool credentials = false; // Access-Control-Allow-Credentials: true
    // The request is preflighted: an OPTIONS request carrying Access-Control-Request-Method
    // from an allowed origin is answered 204 with the preflight headers below.
    bool preflight = false;
    QByteArrayList methods;       // Access-Control-Allow-Methods, case as sent ("PUT", "patch")
    QByteArrayList headers;       // Access-Control-Allow-Headers, lower-case
    int maxAgeSeconds = -1;       // Access-Control-Max-Age; -1: not sent
    QByteArrayList exposeHeaders; // Access-Control-Expose-Headers
    QByteArray path;              // the request's URL path, for route-scoped fragments
    // CORS headers the response already carried: a layer in front of the application must
    // replace them, never add a second copy.
    QByteArrayList upstreamHeaders;
    // Headers the response carried more than once (two layers each adding it): a failure of its own.
    QByteArrayList duplicatedHeaders;

    // The Access-Control-Allow-Origin value depends on the request's Origin.
    bool varyOrigin() const { return !anyOrigin; }
};

struct FixPlan {
    bool fixable = false; // the request passes once the changes are made
    bool alreadyAllowed = false;
    QList<ResponseChange> changes; // in the order the browser's checks need them
    QString blocker;               // why a server change cannot help (a request-side problem)
    FixPolicy policy;
    QStringList notes; // what the fix leaves out on purpose (an origin the server allowed before)
    // The fix is a WebSocket server's handshake or Origin check, where CORS plays no part: no CORS
    // snippet applies and no response rewrite can try it. notes.first() says what to change.
    bool webSocket = false;
};

} // namespace Corscope
