#pragma once

#include "cors/browserprofile.h"
#include "cors/fetchrequest.h"

#include <QCoreApplication>

namespace Corscope {

// The client side of the WebSocket opening handshake ([rfc6455] 4.1) as data: the headers a
// browser puts on the handshake, and whether a response completes it. CORS has no part in it: the
// browser opens the socket whatever Access-Control-* says, and only the server, reading the
// Origin header, can refuse a page ([rfc6455] 10.2). Pure functions, no I/O.
class WebSocketHandshake {
    Q_DECLARE_TR_FUNCTIONS(Corscope::WebSocketHandshake)

public:
    // Why a response does not complete the handshake, in the order Chromium checks
    // (net/websockets/websocket_basic_handshake_stream.cc: the status, then Upgrade,
    // Sec-WebSocket-Accept, Connection).
    enum class Failure {
        None,
        UnexpectedStatus,  // anything but 101, a redirect or a 200 included
        MissingUpgrade,
        DuplicateUpgrade,
        WrongUpgrade,      // not "websocket" (case-insensitive)
        MissingAccept,
        DuplicateAccept,
        WrongAccept,       // not base64(SHA-1(key + GUID))
        MissingConnection,
        WrongConnection,   // no "Upgrade" token
    };
    struct Result {
        Failure failure = Failure::None;
        int status = 0;
        QByteArray value; // the offending header value, when there is one
        bool opened() const { return failure == Failure::None; }
    };

    // A fresh Sec-WebSocket-Key: 16 random bytes, base64 ([rfc6455] 4.1, client requirement 7).
    static QByteArray newKey();
    // [rfc6455] 4.2.2, server step 5.4: base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).
    static QByteArray acceptFor(QByteArrayView key);
    static Result check(const HttpResponse &response, QByteArrayView key);

    // ws:// and wss:// are what a page writes; [websockets] the WebSocket constructor also takes
    // http:// and https:// and makes them ws:// and wss://. The handshake itself is an HTTP GET
    // to the http(s) twin.
    static bool isSocketScheme(const QUrl &url);
    static QUrl socketUrl(const QUrl &url);
    static QUrl httpUrl(const QUrl &url);

    // The browser's own console line when the handshake fails (verbatim, never translated);
    // empty when it opened.
    static QString consoleMessage(const BrowserProfile &profile, const QUrl &socketUrl, const Result &result);
    // Why it failed, for the explanation.
    static QString describe(const Result &result);
    // Stable code for scripts: "unexpected-status", "wrong-accept", …
    static QString failureCode(Failure failure);
};

} // namespace Corscope
