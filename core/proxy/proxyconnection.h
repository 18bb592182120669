#pragma once

#include "proxy/http1exchange.h"
#include "proxy/proxysettings.h"
#include "proxy/socketwriter.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

class QSslSocket;
class QTcpSocket;

namespace Corscope {

class RawTunnel;
class UpstreamPool;

// One client connection to the proxy: the sockets, back-pressure and the timer around an
// Http1Exchange, which decides everything HTTP and asks for what the connection carries out.
// Requests go to the origin over a plain TCP socket (kept alive per host); protocol upgrades and
// uninspected CONNECTs become a RawTunnel; an intercepted CONNECT (TlsInterception) carries TLS
// (decrypted), plain HTTP (parsed as http://host:port), or else raw bytes.
class ProxyConnection : public QObject, private Http1ExchangeIo {
    Q_OBJECT

public:
    // The client starts as a plain QTcpSocket: a QSslSocket costs far more memory per idle
    // connection, and only an intercepted CONNECT needs one (it takes over the descriptor).
    ProxyConnection(QTcpSocket *client, const ProxySettings &settings, std::function<quint64()> nextFlowId,
                    QObject *parent = nullptr);
    ~ProxyConnection() override;

    // A rewriter is any code that changes response headers; rules also answer requests
    // locally and are recorded by name in each Flow. Rules apply before the rewriter.
    void setResponseRewriter(ResponseRewriter rewriter)
    {
        m_exchange.setResponseRewriter(std::move(rewriter));
    }
    void setRewriteRules(RewriteRulesSource source) { m_exchange.setRewriteRules(std::move(source)); }
    // Idle origin connections shared by all client connections: taken for a request, given back
    // when this connection ends or moves to another origin. Without one, each is this connection's.
    void setUpstreamPool(UpstreamPool *pool) { m_pool = pool; }
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
    // Http1ExchangeIo: what the exchange asks for.
    void sendToClient(QByteArrayView bytes) override;
    void sendUpstream(QByteArrayView bytes) override;
    QString openUpstream(const QString &host, quint16 port, bool tls) override;
    void abortUpstream() override;
    void openTunnel(const QString &host, quint16 port, QByteArray clientBytes, bool answered) override;
    void switchToTunnel(QByteArray clientBytes) override;
    void interceptConnect(const QString &host) override;
    void resumeLater() override;
    void closeClientAfterWrite() override;
    void scheduleTimer(int delayMs) override;
    bool clientConnected() const override;
    qint64 nowNs() const override;
    void reportStarted(const Flow &flow) override { emit flowStarted(flow); }
    void reportUpdated(const Flow &flow) override { emit flowUpdated(flow); }
    void reportFinished(const Flow &flow) override { emit flowFinished(flow); }

    void attachClient();
    void onClientReadyRead();
    void onClientBytesWritten();
    void onClientDisconnected();
    void resumeClientReading();
    void beginClientTls();
    void sniffInsideConnect();
    QTcpSocket *newUpstream(bool tls);
    void attachUpstream(QTcpSocket *socket, bool tls);
    void watchExchangeUpstream();
    void dropUpstream();
    // Gives an idle keep-alive origin connection to the pool, else drops it.
    void releaseUpstream();
    void onUpstreamReadyRead();
    void readUpstream(bool ignoreBackPressure);
    void onUpstreamDisconnected();
    void closeNow();

    QTcpSocket *m_client; // a QSslSocket once a CONNECT is intercepted
    QPointer<QTcpSocket> m_upstream;
    bool m_clientTls = false;   // m_client is a QSslSocket
    bool m_upstreamTls = false; // m_upstream is a QSslSocket
    bool m_closing = false;
    bool m_closed = false;
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    QString m_upstreamAddress; // its peer address, formatted once per connection
    QString m_interceptHost;
    QByteArray m_upstreamBuffer; // reused for every read from the server
    SocketWriter m_toClient;
    SocketWriter m_toUpstream;
    std::unique_ptr<RawTunnel> m_tunnel;
    UpstreamPool *m_pool = nullptr;
    // One timer without a QTimer object (memory per idle connection), for the exchange's deadlines.
    QBasicTimer m_timer;
    QElapsedTimer m_clock;
    Http1Exchange m_exchange;
};

} // namespace Corscope
