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
    QString protocol;          // "TLSv1.3"
    QString cipher;            // "TLS_AES_256_GCM_SHA384"
    QString certificateSubject; // the origin's leaf certificate, common name
    QString certificateIssuer;
    QDateTime certificateExpiry;

    QString summary() const; // "TLSv1.3, TLS_AES_256_GCM_SHA384, api.example (issued by R3)"
    QJsonObject toJson() const;
    static TlsDetails fromJson(const QJsonObject &object);
};

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
    QString error;
    QHostAddress clientAddress;
    quint16 clientPort = 0;
    QString serverAddress;
    quint16 serverPort = 0;
    std::optional<TlsDetails> tls; // HTTPS read through the interception CA
    bool tunnel = false;    // CONNECT, passed through untouched
    bool websocket = false; // upgraded and passed through
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
    // The flow as an entry of a HAR capture, for the evaluator's HAR pairing.
    HarEntry toHarEntry(qsizetype index) const;
};

} // namespace Corscope
