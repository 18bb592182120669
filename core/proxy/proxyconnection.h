#pragma once

#include "capture/flow.h"
#include "proxy/httpmessageparser.h"
#include "proxy/proxysettings.h"
#include "proxy/rewriterules.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>

class QSslSocket;
class QTcpSocket;

namespace Corscope {

using ResponseRewriter = std::function<void(const Flow &flow, HeaderList &headers)>;
// The rules in force when an exchange begins; that exchange keeps them even if they are replaced.
using RewriteRulesSource = std::function<std::shared_ptr<const RewriteRules>()>;

// One client connection to the proxy: parses its requests, forwards each to the origin server
// over a plain TCP socket (kept alive per host), streams the response back, and reports every
// exchange as a Flow. Protocol upgrades and uninspected CONNECTs become raw byte tunnels; an
// intercepted CONNECT carries TLS (decrypted), plain HTTP (parsed as http://host:port), or else raw bytes.
class ProxyConnection : public QObject {
    Q_OBJECT

public:
    // The client starts as a plain QTcpSocket: a QSslSocket costs far more memory per idle
    // connection, and only an intercepted CONNECT needs one (it takes over the descriptor).
    ProxyConnection(QTcpSocket *client, const ProxySettings &settings, std::function<quint64()> nextFlowId,
                    QObject *parent = nullptr);
    ~ProxyConnection() override;

    // A rewriter is any code that changes response headers; rules also answer requests
    // locally and are recorded by name in each Flow. Rules apply before the rewriter.
    void setResponseRewriter(ResponseRewriter rewriter) { m_rewriter = std::move(rewriter); }
    void setRewriteRules(RewriteRulesSource source) { m_rulesSource = std::move(source); }
    // The capture is stopping: an open CONNECT tunnel's flow finishes with what it carried so far.
    void finishOpenTunnel();

signals:
    void flowStarted(const Corscope::Flow &flow);
    void flowUpdated(const Corscope::Flow &flow);
    void flowFinished(const Corscope::Flow &flow);
    void closed();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void attachClient();
    void beginClientTls();
    bool upgradeClientToTls();
    HttpMessageParser &requestParser();
    void waitForRequestHead(int timeoutMs);
    void onHeaderTimeout();
    void onClientReadyRead();
    void processClientBuffer();
    void onRequestHead(const HttpMessageHead &head);
    void onRequestBody(QByteArrayView piece);
    void onRequestComplete();
    void startTunnel(const QString &host, quint16 port, bool answered = false);
    void sniffInsideConnect();
    void startInterception(const QString &host, quint16 port);
    void resetRequestParser();
    void connectUpstream(const QString &host, quint16 port);
    void onUpstreamReadyRead();
    void readUpstream(bool ignoreBackPressure);
    void resumeClientReading();
    void sendQueued(QTcpSocket *socket);
    void answerLocally();
    void sendContinue();
    void onConnectTimeout();
    void afterResponse();
    void onUpstreamDisconnected();
    void onResponseHead(const HttpMessageHead &head);
    void recordUpstreamTls();
    void onResponseBody(QByteArrayView piece);
    void onResponseComplete();
    void switchToTunnel();
    void rejectRequest(int status, FlowError kind, const QString &message);
    void failFlow(int status, FlowError kind, const QString &message);
    void failClientTls(const QString &message);
    void adoptFlowForError();
    void endFlowWithError(FlowError kind, const QString &message);
    void announceFlow();
    void finishFlow();
    void closeClientAfterWrite();
    void close();
    double elapsedMs() const;

    QTcpSocket *m_client; // a QSslSocket once a CONNECT is intercepted
    QPointer<QTcpSocket> m_upstream;
    bool m_clientTls = false;   // m_client is a QSslSocket
    bool m_upstreamTls = false; // m_upstream is a QSslSocket
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    QString m_upstreamAddress; // its peer address, formatted once per connection
    ProxySettings m_settings;
    std::function<quint64()> m_nextFlowId;
    ResponseRewriter m_rewriter;
    RewriteRulesSource m_rulesSource;
    std::shared_ptr<const RewriteRules> m_flowRules;     // as they were when this flow began
    std::optional<LocalResponse> m_localAnswer;          // this request is answered by a rule
    std::unique_ptr<HttpMessageParser> m_requestParser;  // created with the first byte from the client
    std::unique_ptr<HttpMessageParser> m_responseParser; // one per upstream socket, reset per exchange
    QByteArray m_clientBuffer;
    QByteArray m_upstreamBuffer; // reused for every read from the server
    // Timers without a QTimer object each (memory per idle connection). The header timer is not
    // restarted per request: it fires at most once per timeout and re-arms itself until the
    // deadline set by waitForRequestHead() has passed.
    QBasicTimer m_headerTimer;
    QBasicTimer m_connectTimer;
    QElapsedTimer m_connectionClock;
    qint64 m_headerDeadlineMs = -1; // on m_connectionClock; -1: not waiting for a request head
    qint64 m_headerTimerDueMs = 0;
    Flow m_flow;
    bool m_flowAnnounced = false; // flowStarted was emitted for m_flow
    // The first bytes of a request head that has not arrived whole, so a request that fails or times
    // out before its head is complete is still a flow with the method and URL it got as far as.
    QByteArray m_partialHead;
    // The last absolute-form target parsed on this connection, and its parse: a keep-alive
    // client asking for the same URL again (polling, retries) reuses it.
    QByteArray m_lastTarget;
    QUrl m_lastTargetUrl;
    QElapsedTimer m_flowClock;
    bool m_inFlight = false;        // a request was forwarded and its response is not done
    bool m_requestChunked = false;  // re-encode the request body as chunks upstream
    bool m_responseChunked = false; // re-encode the response body as chunks to the client
    bool m_responseHeadSent = false;
    bool m_closeAfterResponse = false;
    bool m_tunnel = false;
    bool m_closing = false;
    QString m_interceptHost; // inside an intercepted CONNECT: requests are https to this host
    quint16 m_interceptPort = 0;
    bool m_parserResetPending = false;
    bool m_tlsPending = false;      // an intercepted CONNECT waits for the plain socket to drain
    bool m_sniffPending = false;    // an intercepted CONNECT waits for its first bytes: TLS or not
    bool m_interceptPlain = false;  // the intercepted CONNECT carries plain HTTP: requests are http
    bool m_continuePending = false; // send 100 Continue once the origin is connected
};

} // namespace Corscope
