#include "sender/sendresult.h"

namespace Corscope {

QString toString(TransportErrorKind kind)
{
    switch (kind) {
    case TransportErrorKind::DnsFailure:
        return QStringLiteral("dns-failure");
    case TransportErrorKind::ProxyDnsFailure:
        return QStringLiteral("proxy-dns-failure");
    case TransportErrorKind::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case TransportErrorKind::ConnectFailed:
        return QStringLiteral("connect-failed");
    case TransportErrorKind::TlsCertificate:
        return QStringLiteral("tls-certificate");
    case TransportErrorKind::TlsHandshake:
        return QStringLiteral("tls-handshake");
    case TransportErrorKind::ConnectTimeout:
        return QStringLiteral("connect-timeout");
    case TransportErrorKind::Timeout:
        return QStringLiteral("timeout");
    case TransportErrorKind::ConnectionClosed:
        return QStringLiteral("connection-closed");
    case TransportErrorKind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case TransportErrorKind::HeadersTooLarge:
        return QStringLiteral("headers-too-large");
    case TransportErrorKind::UnsupportedScheme:
        return QStringLiteral("unsupported-scheme");
    case TransportErrorKind::Proxy:
        return QStringLiteral("proxy");
    case TransportErrorKind::Other:
        break;
    }
    return QStringLiteral("other");
}

} // namespace Corscope
