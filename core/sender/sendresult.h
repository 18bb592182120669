#pragma once

#include "cors/evaluation.h"
#include "http/exchangephases.h"

#include <QMetaType>
#include <QString>
#include <optional>

namespace Corscope {

// Why an exchange got no HTTP response. The kinds are what a user acts on differently: a typo
// in the host, a server that is down, a certificate to install, a slow backend.
enum class TransportErrorKind {
    DnsFailure,        // the host name does not resolve
    ProxyDnsFailure,   // the proxy's host name does not resolve
    ConnectionRefused, // nothing listens on that port (TCP RST)
    ConnectFailed,     // unreachable network or host, or another connect() error
    TlsCertificate,    // the handshake worked but the certificate was rejected
    TlsHandshake,      // no TLS session could be agreed (protocol, cipher, alert)
    ConnectTimeout,    // no connection within the connect timeout
    Timeout,           // connected, but the exchange did not finish in time
    ConnectionClosed,  // the server closed or reset the connection without a response
    InvalidResponse,   // not HTTP: garbage status line, broken framing or HTTP/2 stream
    HeadersTooLarge,   // the response headers passed SendOptions::maxHeaderBytes
    UnsupportedScheme, // not http:// or https://
    Proxy,             // the proxy refused or failed the tunnel
    Other,
};

struct TransportError {
    TransportErrorKind kind = TransportErrorKind::Other;
    QString reason;   // one sentence for the user: kind and the address concerned
    QString detail;   // libcurl's own message, verbatim
    int curlCode = 0; // CURLcode, for bug reports
    int osErrno = 0;
};

// When each phase of an exchange ended, in microseconds since the exchange started (libcurl's
// CURLINFO_*_TIME_T: cumulative, 0 for a phase that did not happen, e.g. TLS on http://, DNS
// and connect on a reused connection).
struct ExchangeTiming {
    qint64 startedAtMs = 0; // wall clock, ms since the epoch
    qint64 dnsUs = 0;
    qint64 connectUs = 0;
    qint64 tlsUs = 0;
    qint64 requestSentUs = 0; // pretransfer: about to send the request
    qint64 firstByteUs = 0;
    qint64 totalUs = 0;

    ExchangePhases phases() const
    {
        return ExchangePhases::fromCumulative(dnsUs, connectUs, tlsUs, requestSentUs, firstByteUs, totalUs);
    }
};

// One request on the wire and what came back, as raw as libcurl lets us see it.
struct ExchangeRecord {
    OutgoingRequest request;
    QByteArray rawRequestHead;            // the request line and headers as libcurl sent them
    std::optional<HttpResponse> response; // the final response; headers in order, duplicates kept
    QByteArray httpVersion;               // "HTTP/1.1", "HTTP/2"
    QByteArray rawResponseHead;           // the final header block, byte for byte (no 1xx blocks)
    int interimResponses = 0;             // 1xx blocks received before the final one
    HeaderList trailers;                  // chunked trailers, if any
    qint64 bodyBytesReceived = 0;
    bool bodyTruncated = false; // the body passed SendOptions::maxBodyBytes; the rest was not read
    std::optional<TransportError> error;
    ExchangeTiming timing;
    QString remoteAddress;
    int remotePort = 0;
    int localPort = 0;
    bool connectionReused = false;
    bool insecure = false;
    // SendOptions::rewriteRules at work: `response` is what the rules made of the server's answer,
    // which is kept here as it came (empty when no rule changed it, as in Flow). A local answer
    // never reached the server at all.
    HeaderList originalResponseHeaders;
    bool answeredLocally = false;
    QStringList appliedRules; // names of the rules that answered or changed the response

    bool wasRewritten() const { return answeredLocally || !originalResponseHeaders.isEmpty(); }
};

// One fetch() sent for real: the evaluator's verdict plus what happened on the wire.
struct SendResult {
    quint64 id = 0;
    Evaluation evaluation; // evaluation.exchanges[i] pairs with exchanges[i]
    QList<ExchangeRecord> exchanges;
    bool insecure = false; // certificate checks were off: say so loudly
    QString caFile;
    QString proxyUrl;
    qint64 startedAtMs = 0;
    qint64 durationMs = 0;
};

QString toString(TransportErrorKind kind); // stable id, e.g. "connection-refused"
// The net error Chromium prints in the console for the same failure ("GET <url>
// net::ERR_CONNECTION_REFUSED"), so a network error reads as what DevTools shows, not as CORS.
QString chromiumNetError(const TransportError &error);

} // namespace Corscope

Q_DECLARE_METATYPE(Corscope::SendResult)
Q_DECLARE_METATYPE(Corscope::ExchangeRecord)
