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

QString chromiumNetError(const TransportError &error)
{
    // Names from Chromium's net/base/net_error_list.h, the text after "net::" in its console.
    switch (error.kind) {
    case TransportErrorKind::DnsFailure:
        return QStringLiteral("net::ERR_NAME_NOT_RESOLVED");
    case TransportErrorKind::ProxyDnsFailure:
        return QStringLiteral("net::ERR_PROXY_CONNECTION_FAILED");
    case TransportErrorKind::ConnectionRefused:
        return QStringLiteral("net::ERR_CONNECTION_REFUSED");
    case TransportErrorKind::ConnectFailed:
        return QStringLiteral("net::ERR_CONNECTION_FAILED");
    case TransportErrorKind::TlsCertificate: {
        // Chromium names the reason; OpenSSL's verify message (libcurl's detail) tells which.
        const QString detail = error.detail + QLatin1Char(' ') + error.reason;
        if (detail.contains(QLatin1String("expired"), Qt::CaseInsensitive) ||
            detail.contains(QLatin1String("not yet valid"), Qt::CaseInsensitive))
            return QStringLiteral("net::ERR_CERT_DATE_INVALID");
        if (detail.contains(QLatin1String("subject name"), Qt::CaseInsensitive) ||
            detail.contains(QLatin1String("hostname"), Qt::CaseInsensitive) ||
            detail.contains(QLatin1String("host name"), Qt::CaseInsensitive))
            return QStringLiteral("net::ERR_CERT_COMMON_NAME_INVALID");
        return QStringLiteral("net::ERR_CERT_AUTHORITY_INVALID");
    }
    case TransportErrorKind::TlsHandshake:
        return QStringLiteral("net::ERR_SSL_PROTOCOL_ERROR");
    case TransportErrorKind::ConnectTimeout:
        return QStringLiteral("net::ERR_CONNECTION_TIMED_OUT");
    case TransportErrorKind::Timeout:
        return QStringLiteral("net::ERR_TIMED_OUT");
    case TransportErrorKind::ConnectionClosed:
        return QStringLiteral("net::ERR_EMPTY_RESPONSE");
    case TransportErrorKind::InvalidResponse:
        return QStringLiteral("net::ERR_INVALID_HTTP_RESPONSE");
    case TransportErrorKind::HeadersTooLarge:
        return QStringLiteral("net::ERR_RESPONSE_HEADERS_TOO_BIG");
    case TransportErrorKind::UnsupportedScheme:
        return QStringLiteral("net::ERR_UNKNOWN_URL_SCHEME");
    case TransportErrorKind::Proxy:
        return QStringLiteral("net::ERR_TUNNEL_CONNECTION_FAILED");
    case TransportErrorKind::Other:
        break;
    }
    return QStringLiteral("net::ERR_FAILED");
}

} // namespace Corscope
