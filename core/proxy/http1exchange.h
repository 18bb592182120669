#pragma once

#include "capture/flow.h"
#include "proxy/httpmessageparser.h"
#include "proxy/proxysettings.h"
#include "proxy/rewriterules.h"

#include <QCoreApplication>
#include <functional>
#include <memory>
#include <optional>

namespace Corscope {

using ResponseRewriter = std::function<void(const Flow &flow, HeaderList &headers)>;
// The rules in force when an exchange begins; that exchange keeps them even if they are replaced.
using RewriteRulesSource = std::function<std::shared_ptr<const RewriteRules>()>;

// What an Http1Exchange asks of the connection it runs on: it owns no socket, no timer and no
// clock, so a test drives it byte by byte with a fake clock and records what it asks for.
class Http1ExchangeIo {
public:
    virtual ~Http1ExchangeIo() = default;
    virtual void sendToClient(QByteArrayView bytes) = 0;
    virtual void sendUpstream(QByteArrayView bytes) = 0;
    // Opens (or keeps, when it is the one open to host:port) the connection to the origin. Returns
    // the reused connection's peer address, empty when a new connection is under way (it reports
    // upstreamConnected() or upstreamFailed() later).
    virtual QString openUpstream(const QString &host, quint16 port, bool tls) = 0;
    // Drops the origin connection (a connect timeout).
    virtual void abortUpstream() = 0;
    // A CONNECT passed through uninspected: the connection relays raw bytes from now on. clientBytes
    // came after the CONNECT head and go to the server once it accepts; answered: the client already
    // has its 200 (an intercepted CONNECT that carries neither TLS nor HTTP).
    virtual void openTunnel(const QString &host, quint16 port, QByteArray clientBytes, bool answered) = 0;
    // A 101 Switching Protocols: both sides' remaining bytes are the new protocol's, relayed raw.
    virtual void switchToTunnel(QByteArray clientBytes) = 0;
    // A CONNECT to intercept: the connection answers it and finds out what the client speaks inside.
    virtual void interceptConnect(const QString &host) = 0;
    // Pipelined request bytes may be waiting: process them after the current call returns.
    virtual void resumeLater() = 0;
    // The client connection ends once what was sent has been written.
    virtual void closeClientAfterWrite() = 0;
    // The exchange's timer fires once, delayMs from now; a later call replaces it. -1 stops it.
    virtual void scheduleTimer(int delayMs) = 0;
    virtual bool clientConnected() const = 0;
    // Monotonic time in nanoseconds; a test's fake clock.
    virtual qint64 nowNs() const = 0;
    virtual void reportStarted(const Flow &flow) = 0;
    virtual void reportUpdated(const Flow &flow) = 0;
    virtual void reportFinished(const Flow &flow) = 0;
};

// The HTTP/1 exchanges of one client connection to the proxy, without I/O: client bytes and
// server bytes in, Http1ExchangeIo calls out. It parses the client's requests, applies the rules
// (local answers), forwards each request to its origin, streams the response back (re-chunked,
// trailers kept), answers 100-continue, treats HEAD/204/304/1xx as bodyless or interim, decides
// keep-alive or close, and reports each exchange as a Flow, a refused one with its FlowError.
// One exchange at a time: pipelined requests wait in the client buffer until the response before
// them is complete. [rfc9112] 9.3.2
class Http1Exchange {
    Q_DECLARE_TR_FUNCTIONS(Corscope::Http1Exchange)

public:
    enum class State {
        ReadingRequestHead, // nothing in flight: waiting for (the rest of) a request head
        SendingRequest,     // the head went upstream; its body is streaming there
        AwaitingResponse,   // the request is through; no response head yet
        StreamingResponse,  // the response head went to the client; its body follows
        AnsweringLocally,   // a rule answers once the request (and its body) is read
        Intercepting,       // an intercepted CONNECT: the connection finds out what it carries
        TlsHandshake,       // inside an intercepted CONNECT: the client's TLS handshake runs
        Tunnel,             // raw bytes both ways (CONNECT, or after a 101); the connection relays
        Closing,            // the client connection ends once written
    };

    Http1Exchange(Http1ExchangeIo &io, const ProxySettings &settings, std::function<quint64()> nextFlowId,
                  QHostAddress clientAddress, quint16 clientPort);
    ~Http1Exchange();
    Http1Exchange(const Http1Exchange &) = delete;
    Http1Exchange &operator=(const Http1Exchange &) = delete;

    // Begins waiting for the first request head (its timeout). Not in the constructor: the
    // connection's clock and timer may not be ready while it is being built.
    void start();
    void setResponseRewriter(ResponseRewriter rewriter) { m_rewriter = std::move(rewriter); }
    void setRewriteRules(RewriteRulesSource source) { m_rulesSource = std::move(source); }

    State state() const { return m_state; }
    const ProxySettings &settings() const { return m_settings; }
    const Flow &flow() const { return m_flow; }

    // Events. The client's bytes arrive in clientBuffer() (the connection reads straight into it)
    // followed by clientData(); feedClient() does both for a caller that has the bytes elsewhere.
    QByteArray &clientBuffer() { return m_clientBuffer; }
    void clientData();
    void feedClient(QByteArrayView bytes);
    void clientClosed();
    void upstreamConnected(const QString &address, quint16 port);
    void upstreamTlsEstablished(const TlsDetails &details);
    void upstreamData(QByteArrayView bytes);
    void upstreamClosed();
    void upstreamFailed(int status, FlowError kind, const QString &message);
    void timerFired();
    void resume(); // after resumeLater()
    // Interception outcomes (after interceptConnect).
    void interceptedTls();            // the client's first byte is a ClientHello: the handshake runs
    void interceptedTlsEstablished(); // it succeeded: the requests inside are the flows
    void interceptedPlain();          // plain HTTP inside the CONNECT: clientData() follows
    void interceptedRaw();            // neither: a raw tunnel (openTunnel, answered)
    void interceptionFailed(const QString &message); // the connection could not take over for TLS
    void clientTlsFailed(const QString &message);
    // Tunnel events: counts are what the tunnel carried each way.
    void tunnelEstablished(const QString &address, quint16 port);
    void tunnelClosed(qint64 bytesUp, qint64 bytesDown);

    // Part of a request has arrived (what a header timeout refuses with a 408).
    bool requestInProgress() const;
    // The origin connection finished its last exchange cleanly and stays open ([rfc9112] 9.3): it
    // may carry another client's request.
    bool upstreamIdle() const { return m_upstreamIdle; }

private:
    // Transitions.
    void onRequestHead(const HttpMessageHead &head);
    void onRequestBody(QByteArrayView piece);
    void onRequestComplete();
    void onRequestTrailers(const HeaderList &trailers);
    void onResponseHead(const HttpMessageHead &head);
    void onResponseBody(QByteArrayView piece);
    void onResponseComplete();
    void onResponseTrailers(const HeaderList &trailers);
    bool answerAsHttp10(HeaderList &headers);

    void setState(State state) { m_state = state; }
    HttpMessageParser &requestParser();
    void processClientBuffer();
    // The access rules of a proxy open beyond loopback: false once the request is refused.
    bool admitted(const HttpMessageHead &head, const QString &host, quint16 port, bool connect);
    // After connecting: true (and the flow refused) when the peer is the proxy machine itself.
    bool peerRefused(const QString &address);
    void startConnect(const QString &host, quint16 port);
    void prepareResponseParser();
    void sendContinue();
    void answerLocally();
    void afterResponse();
    void rejectRequest(int status, FlowError kind, const QString &message);
    void failFlow(int status, FlowError kind, const QString &message);
    void adoptFlowForError();
    void endFlowWithError(FlowError kind, const QString &message);
    void newFlow();
    void announceFlow();
    void finishFlow();
    void close();
    double elapsedMs() const;
    qint64 nowMs() const { return m_io.nowNs() / 1'000'000; }
    void waitForRequestHead(int timeoutMs);
    void armTimer();
    bool inFlight() const;

    Http1ExchangeIo &m_io;
    ProxySettings m_settings;
    std::function<quint64()> m_nextFlowId;
    QHostAddress m_clientAddress;
    quint16 m_clientPort = 0;
    ResponseRewriter m_rewriter;
    RewriteRulesSource m_rulesSource;
    State m_state = State::ReadingRequestHead;
    std::shared_ptr<const RewriteRules> m_flowRules;     // as they were when this flow began
    std::optional<LocalResponse> m_localAnswer;          // this request is answered by a rule
    std::unique_ptr<HttpMessageParser> m_requestParser;  // created with the first byte from the client
    std::unique_ptr<HttpMessageParser> m_responseParser; // one per upstream connection, reset per exchange
    QByteArray m_clientBuffer;
    Flow m_flow;
    qint64 m_flowStartNs = 0;
    // The first bytes of a request head that has not arrived whole, so a request that fails or times
    // out before its head is complete is still a flow with the method and URL it got as far as.
    QByteArray m_partialHead;
    // The last absolute-form target parsed on this connection, and its parse: a keep-alive
    // client asking for the same URL again (polling, retries) reuses it.
    QByteArray m_lastTarget;
    QUrl m_lastTargetUrl;
    // The upstream connection as the exchange last asked for it.
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    QString m_upstreamAddress; // empty until it accepted
    std::optional<TlsDetails> m_upstreamTls;
    QString m_interceptHost; // inside an intercepted CONNECT: requests are https to this host
    quint16 m_interceptPort = 0;
    // Deadlines on the nowMs() clock; -1: none. The timer is not restarted per request: it fires at
    // most once per timeout and re-arms itself until the nearest deadline has passed.
    qint64 m_headerDeadlineMs = -1;
    qint64 m_connectDeadlineMs = -1;
    qint64 m_timerDueMs = -1;
    // Facts of the exchange in flight rather than states: the request and the response overlap.
    bool m_flowAnnounced = false;   // flowStarted was reported for m_flow
    bool m_requestChunked = false;  // re-encode the request body as chunks upstream
    bool m_responseChunked = false; // re-encode the response body as chunks to the client
    bool m_responseHeadSent = false;
    bool m_closeAfterResponse = false;
    bool m_continuePending = false; // send 100 Continue once the origin is connected
    bool m_interceptPlain = false;  // the intercepted CONNECT carries plain HTTP: requests are http
    bool m_parserResetPending = false;
    bool m_tunnelAnswered = false; // the client has its CONNECT's 200 before the tunnel opens
    // An HTTP/1.0 client: its requests go upstream as HTTP/1.1 ([rfc9110] 2.5), and the responses
    // come back as 1.0 understands them: no chunks, no interim responses, its own Connection.
    bool m_clientHttp10 = false;
    bool m_requestSent = false;        // the whole request (body included) went upstream
    bool m_upstreamKeepAlive = false;  // the response in flight leaves the origin connection open
    bool m_upstreamIdle = false;       // see upstreamIdle()
};

} // namespace Corscope
