#pragma once

#include "http/headerlist.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <optional>

namespace Corscope {

// Who may use a proxy that listens beyond loopback, and where it may take them: on a LAN address
// an open proxy is a door into that LAN and the proxy machine's own services. A value: the proxy's
// settings carry it, and each exchange decides with it, without I/O.
class ProxyAccess {
    Q_DECLARE_TR_FUNCTIONS(Corscope::ProxyAccess)

public:
    // An allowed target. host "*" is any host; port -1 is the scheme's own: 80 for http://, 443
    // for CONNECT.
    struct Target {
        QString host;
        int port = -1;
        bool operator==(const Target &) const = default;
    };
    // "HOST", "HOST:PORT", "[v6]:PORT", "*" or "*:PORT"; nullopt and *error for anything else.
    static std::optional<Target> parseTarget(const QString &text, QString *error);
    // "corscope:" and 128 random bits, for a proxy that was given no credential.
    static QByteArray randomCredential();

    // Set for a listener beyond loopback (ProxyServer::start): the rules below apply. Off, the
    // proxy serves anyone who reaches it, which on loopback is this machine's user.
    bool enforced = false;
    QByteArray credential;            // "user:password", as Proxy-Authorization: Basic carries it
    QList<Target> targets;            // empty: any host on its scheme's port ("*")
    QList<QHostAddress> ownAddresses; // the proxy machine's: refused unless a target names them

    // [rfc9110] 11.7.2 Proxy-Authorization, [rfc7617] Basic: whether headers carry the credential.
    bool authorizes(const HeaderList &headers) const;
    // Why host:port may not be reached (an http:// request, or a CONNECT tunnel); nullopt when it
    // may. [rfc9110] 9.3.6: CONNECT to any port is how a proxy becomes a relay for anything, so it
    // goes to 443 unless a target names another port.
    std::optional<QString> refusal(const QString &host, quint16 port, bool connect) const;
    // After the name resolved: a name that led to the proxy machine itself (DNS pointing a public
    // name at 127.0.0.1) is refused like the address would have been.
    std::optional<QString> refusalOfPeer(const QString &host, const QString &peerAddress) const;

private:
    bool names(const QString &host, quint16 port, bool connect) const;
    bool isOwn(const QString &host) const;
};

} // namespace Corscope
