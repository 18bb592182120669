#pragma once

#include "har/harreader.h"
#include "http/exchangephases.h"
#include "http/headerlist.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace Corscope {

// The TLS of an intercepted exchange, as the proxy negotiated it with the origin server.
struct TlsDetails {
    QString protocol;           // "TLSv1.3"
    QString cipher;             // "TLS_AES_256_GCM_SHA384"
    QString certificateSubject; // the origin's leaf certificate, common name
    QString certificateIssuer;
    QDateTime certificateExpiry;

    QString summary() const; // "TLSv1.3, TLS_AES_256_GCM_SHA384, api.example (issued by R3)"
    QJsonObject toJson() const;
    static TlsDetails fromJson(const QJsonObject &object);
};

// Why a flow ended in State::Error, for code that must tell failures apart (a filter, the HAR's
// `_error`, a script reading the journal); Flow::error says the same in words.
enum class FlowError {
    None,
    ParseError,           // the client's request is malformed or not for a proxy (400, 414, 431)
    RequestTimeout,       // the request head did not arrive in time (408)
    ConnectionRefused,    // the origin (or a CONNECT's host) refused the TCP connection
    DnsFailure,           // the origin's name does not resolve
    ConnectTimeout,       // the origin did not accept the connection in time (504)
    ConnectionFailed,     // any other failure to reach the origin
    UntrustedCertificate, // intercepted HTTPS: the origin's certificate does not verify
    TlsFailure,           // intercepted HTTPS: the TLS handshake with the origin failed
    UpstreamClosed,       // the origin closed before its response was complete
    BadUpstreamResponse,  // the origin's response is not HTTP/1.x (502)
    ClientTlsFailure,     // intercepted HTTPS: the client refused our certificate (does not trust the CA)
    ClientClosed,         // the client went away before the response was complete
    ProxyFailure,         // the proxy itself could not go on (503)
    ProxyAuthRequired,    // a proxy open beyond loopback: no valid Proxy-Authorization (407)
    TargetRefused,        // a proxy open beyond loopback: the target is not allowed (403)
};

// A stable name for the journal and the HAR ("connection-refused"); "" for None.
QString flowErrorName(FlowError error);
// FlowError::None for a name that is not one of flowErrorName()'s.
FlowError flowErrorFromName(QStringView name);

// One exchange through the proxy, from the request's head to the end of the response (or an
// error). Bodies are captured up to a cap; sizes count every byte that passed.
struct Flow {
    enum class State { RequestHeaders, Request, ResponseHeaders, Complete, Error };
    quint64 id = 0;
    State state = State::RequestHeaders;
    QDateTime started;
    QByteArray method;
    QUrl url; // for a CONNECT tunnel: https://host:port
    QByteArray httpVersion = "HTTP/1.1";
    HeaderList requestHeaders;
    QByteArray requestBody; // the first bytes, up to the capture cap
    qint64 requestBodySize = 0;
    int status = 0;
    QByteArray reason;
    HeaderList responseHeaders;
    HeaderList originalResponseHeaders; // before a rewrite rule changed them; empty when untouched
    QByteArray responseBody;
    qint64 responseBodySize = 0;
    QString error;                         // what went wrong, in words (tr()); empty unless State::Error
    FlowError errorKind = FlowError::None; // the same for code
    // The status of the proxy's own answer to the client (502, 504, 400, …) when it sent one instead
    // of the origin's response; 0 otherwise. `status` stays the origin's (0: none arrived).
    int proxyAnswerStatus = 0;
    QHostAddress clientAddress;
    quint16 clientPort = 0;
    QString serverAddress;
    quint16 serverPort = 0;
    std::optional<TlsDetails> tls; // HTTPS read through the interception CA
    bool tunnel = false;           // CONNECT, passed through untouched
    bool websocket = false;        // upgraded and passed through
    // The proxy answered from a rewrite rule; the origin server never saw the request.
    bool answeredLocally = false;
    QStringList appliedRules; // names of the rewrite rules that answered or changed the response
    // Milliseconds from the start of the flow.
    double requestSentMs = -1;
    double responseHeadersMs = -1;
    double completeMs = -1;
    // For a flow imported from HAR: its entry and page as the file had them, so an export keeps
    // what Corscope does not model. Empty for a captured flow.
    QJsonObject harEntry;
    QJsonObject harPage;

    // Where the flow's time went, as far as a proxy sees it: sending the request upstream,
    // waiting for the response's head, reading its body.
    ExchangePhases phases() const;

    bool isFinished() const { return state == State::Complete || state == State::Error; }
    bool isPreflight() const
    {
        return method == "OPTIONS" && requestHeaders.contains("origin") &&
               requestHeaders.contains("access-control-request-method");
    }
    bool wasRewritten() const { return !originalResponseHeaders.isEmpty(); }
    // The error as Chrome's network stack names it ("net::ERR_CONNECTION_REFUSED"), which is what
    // DevTools writes as a failed entry's `_error` in HAR; empty when the flow did not fail.
    QString chromeNetError() const;
    // The flow as an entry of a HAR capture, for the evaluator's HAR pairing.
    HarEntry toHarEntry(qsizetype index) const;
};

} // namespace Corscope
