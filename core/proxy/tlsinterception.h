#pragma once

#include <QByteArrayView>
#include <QString>

class QObject;
class QSslSocket;
class QTcpSocket;

namespace Corscope {

// The two steps of intercepting a CONNECT that are not HTTP: taking the plain client socket over
// as a QSslSocket, and telling from the client's first bytes what it speaks inside the tunnel.
class TlsInterception {
public:
    enum class Inside {
        Unknown,   // too few bytes to tell
        Tls,       // a ClientHello: the handshake with a minted certificate follows
        PlainHttp, // a request line (Chromium sends ws:// through an HTTP proxy as a CONNECT)
        Raw,       // neither: relayed uninspected
    };
    static constexpr qsizetype sniffBytes = 24;

    // first: what has arrived so far, at most sniffBytes of it.
    static Inside classify(QByteArrayView first);

    // A QSslSocket (child of parent) on a duplicate of plain's descriptor, plain aborted and
    // scheduled for deletion; nullptr and the reason in error when the descriptor cannot be had.
    static QSslSocket *takeOver(QTcpSocket *plain, QObject *parent, QString *error);
};

} // namespace Corscope
