#include "cors/websockethandshake.h"

#include "http/tokenlist.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace Corscope {

namespace {

// [rfc6455] 1.3: the GUID a server appends to the key.
constexpr char kGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool hasToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &item : value.split(',')) {
        if (HeaderList::namesEqual(item.trimmed(), token))
            return true;
    }
    return false;
}

// Chromium's text after "Error during WebSocket handshake: ".
QString chromiumReason(const WebSocketHandshake::Result &result)
{
    using Failure = WebSocketHandshake::Failure;
    const QString value = QString::fromUtf8(result.value);
    switch (result.failure) {
    case Failure::None:
        break;
    case Failure::UnexpectedStatus:
        return QStringLiteral("Unexpected response code: %1").arg(result.status);
    case Failure::MissingUpgrade:
        return QStringLiteral("'Upgrade' header is missing");
    case Failure::DuplicateUpgrade:
        return QStringLiteral("'Upgrade' header must not appear more than once in a response");
    case Failure::WrongUpgrade:
        return QStringLiteral("'Upgrade' header value is not 'WebSocket': %1").arg(value);
    case Failure::MissingAccept:
        return QStringLiteral("'Sec-WebSocket-Accept' header is missing");
    case Failure::DuplicateAccept:
        return QStringLiteral("'Sec-WebSocket-Accept' header must not appear more than once in a response");
    case Failure::WrongAccept:
        return QStringLiteral("Incorrect 'Sec-WebSocket-Accept' header value");
    case Failure::MissingConnection:
        return QStringLiteral("'Connection' header is missing");
    case Failure::WrongConnection:
        return QStringLiteral("'Connection' header value must contain 'Upgrade'");
    }
    return {};
}

} // namespace

QByteArray WebSocketHandshake::newKey()
{
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(nonce.begin(), nonce.end());
    return nonce.toBase64();
}

QByteArray WebSocketHandshake::acceptFor(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(QByteArrayView(kGuid));
    return sha1.result().toBase64();
}

WebSocketHandshake::Result WebSocketHandshake::check(const HttpResponse &response, QByteArrayView key)
{
    Result result;
    result.status = response.status;
    const auto fail = [&result](Failure failure, const QByteArray &value = {}) {
        result.failure = failure;
        result.value = value;
        return result;
    };
    // [rfc6455] 4.1, client step 5: anything but 101 means the handshake failed; a WebSocket
    // follows no redirect.
    if (response.status != 101)
        return fail(Failure::UnexpectedStatus);
    const QList<QByteArray> upgrade = response.headers.values("upgrade");
    if (upgrade.isEmpty())
        return fail(Failure::MissingUpgrade);
    if (upgrade.size() > 1)
        return fail(Failure::DuplicateUpgrade);
    if (!HeaderList::namesEqual(upgrade.first().trimmed(), "websocket"))
        return fail(Failure::WrongUpgrade, upgrade.first().trimmed());
    const QList<QByteArray> accept = response.headers.values("sec-websocket-accept");
    if (accept.isEmpty())
        return fail(Failure::MissingAccept);
    if (accept.size() > 1)
        return fail(Failure::DuplicateAccept);
    if (accept.first().trimmed() != acceptFor(key))
        return fail(Failure::WrongAccept, accept.first().trimmed());
    const QList<QByteArray> connection = response.headers.values("connection");
    if (connection.isEmpty())
        return fail(Failure::MissingConnection);
    bool upgradeToken = false;
    for (const QByteArray &value : connection)
        upgradeToken = upgradeToken || hasToken(value, "upgrade");
    if (!upgradeToken)
        return fail(Failure::WrongConnection, connection.join(", "));
    return result;
}

bool WebSocketHandshake::isSocketScheme(const QUrl &url)
{
    return url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss");
}

QUrl WebSocketHandshake::socketUrl(const QUrl &url)
{
    QUrl socket = url.adjusted(QUrl::RemoveFragment); // [websockets] a fragment is a SyntaxError
    if (url.scheme() == QLatin1String("http"))
        socket.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == QLatin1String("https"))
        socket.setScheme(QStringLiteral("wss"));
    return socket;
}

QUrl WebSocketHandshake::httpUrl(const QUrl &url)
{
    QUrl http = url.adjusted(QUrl::RemoveFragment);
    if (url.scheme() == QLatin1String("ws"))
        http.setScheme(QStringLiteral("http"));
    else if (url.scheme() == QLatin1String("wss"))
        http.setScheme(QStringLiteral("https"));
    return http;
}

QString WebSocketHandshake::consoleMessage(const BrowserProfile &profile, const QUrl &socketUrl,
                                           const Result &result)
{
    if (result.opened())
        return {};
    const QString url = socketUrl.toString(QUrl::FullyEncoded);
    switch (profile.engine) {
    case BrowserEngine::Chromium:
        // third_party/blink/renderer/modules/websockets/websocket_channel_impl.cc, with the
        // reason net/ gives (scenarios kind-websocket-*).
        return QStringLiteral("WebSocket connection to '%1' failed: Error during WebSocket handshake: %2")
            .arg(url, chromiumReason(result));
    case BrowserEngine::Firefox:
        // dom/websocket/WebSocket.cpp ConsoleError() while CONNECTING: appstrings.properties
        // "connectionFailure", the same line for every handshake failure (Firefox ESR 153's
        // browser/chrome/en-US/locale/browser/appstrings.properties).
        return QStringLiteral("Firefox can\u2019t establish a connection to the server at %1.").arg(url);
    }
    return {};
}

QString WebSocketHandshake::describe(const Result &result)
{
    const QString value = QString::fromUtf8(result.value);
    switch (result.failure) {
    case Failure::None:
        return tr("The server answered 101 Switching Protocols with Upgrade: websocket, Connection: "
                  "Upgrade and the right Sec-WebSocket-Accept: the connection opens.");
    case Failure::UnexpectedStatus:
        return result.status >= 300 && result.status < 400
                   ? tr("The server answered %1: a WebSocket follows no redirect, only 101 Switching "
                        "Protocols opens it.")
                         .arg(result.status)
                   : tr("The server answered %1 instead of 101 Switching Protocols: it refused (or did not "
                        "understand) the upgrade.")
                         .arg(result.status);
    case Failure::MissingUpgrade:
        return tr("The 101 response has no Upgrade header; it must say Upgrade: websocket.");
    case Failure::DuplicateUpgrade:
        return tr("The 101 response has more than one Upgrade header.");
    case Failure::WrongUpgrade:
        return tr("The 101 response says Upgrade: %1, not websocket.").arg(value);
    case Failure::MissingAccept:
        return tr("The 101 response has no Sec-WebSocket-Accept header.");
    case Failure::DuplicateAccept:
        return tr("The 101 response has more than one Sec-WebSocket-Accept header.");
    case Failure::WrongAccept:
        return tr("Sec-WebSocket-Accept is %1, not base64(SHA-1(Sec-WebSocket-Key + "
                  "258EAFA5-E914-47DA-95CA-C5AB0DC85B11)) of the key the browser sent: something "
                  "between browser and server (a proxy, a cache) or the server itself got the handshake "
                  "wrong.")
            .arg(value);
    case Failure::MissingConnection:
        return tr("The 101 response has no Connection header; it must say Connection: Upgrade.");
    case Failure::WrongConnection:
        return tr("The 101 response says Connection: %1, without the Upgrade token.").arg(value);
    }
    return {};
}

QString WebSocketHandshake::failureCode(Failure failure)
{
    switch (failure) {
    case Failure::None:
        break;
    case Failure::UnexpectedStatus:
        return QStringLiteral("unexpected-status");
    case Failure::MissingUpgrade:
        return QStringLiteral("missing-upgrade");
    case Failure::DuplicateUpgrade:
        return QStringLiteral("duplicate-upgrade");
    case Failure::WrongUpgrade:
        return QStringLiteral("wrong-upgrade");
    case Failure::MissingAccept:
        return QStringLiteral("missing-accept");
    case Failure::DuplicateAccept:
        return QStringLiteral("duplicate-accept");
    case Failure::WrongAccept:
        return QStringLiteral("wrong-accept");
    case Failure::MissingConnection:
        return QStringLiteral("missing-connection");
    case Failure::WrongConnection:
        return QStringLiteral("wrong-connection");
    }
    return {};
}

} // namespace Corscope
