#pragma once

#include "proxy/proxyconnection.h"
#include "proxy/proxysettings.h"
#include "proxy/upstreampool.h"

#include <QCoreApplication>
#include <QTcpServer>

namespace Corscope {

// The local forward proxy: accepts browser connections on loopback (anything else only when
// asked for explicitly) and hands each to a ProxyConnection; every exchange is reported as a
// Flow with a stable id.
class ProxyServer : public QTcpServer {
    Q_OBJECT

public:
    explicit ProxyServer(ProxySettings settings = {}, QObject *parent = nullptr);

    // Binds to the settings' address and port. A non-loopback address is refused unless
    // allowNonLoopback is set: a proxy on a LAN address is an open door into it.
    bool start(QString *error, bool allowNonLoopback = false);
    void stop();

    // Code that changes response headers, after the rules; unlike rules it cannot answer a
    // request itself and is not recorded by name in the Flow.
    void setResponseRewriter(ResponseRewriter rewriter) { m_rewriter = std::move(rewriter); }
    // Rewrite rules for every exchange that begins from now on, on open connections too.
    void setRewriteRules(RewriteRules rules)
    {
        m_rules = std::make_shared<const RewriteRules>(std::move(rules));
    }
    std::shared_ptr<const RewriteRules> rewriteRules() const { return m_rules; }
    QString listenAddress() const; // "127.0.0.1:PORT"
    int connectionCount() const { return m_connections; }
    // Origin connections kept open between client connections.
    int idleUpstreamCount() const { return m_upstreamPool.idleCount(); }
    // Flow ids continue after a recovered capture's, so they stay unique across restarts.
    void setNextFlowId(quint64 id) { m_nextFlowId = id; }
    const ProxySettings &settings() const { return m_settings; }

signals:
    void flowStarted(const Corscope::Flow &flow);
    void flowUpdated(const Corscope::Flow &flow);
    void flowFinished(const Corscope::Flow &flow);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ProxySettings m_settings;
    ResponseRewriter m_rewriter;
    std::shared_ptr<const RewriteRules> m_rules;
    quint64 m_nextFlowId = 1;
    int m_connections = 0;
    UpstreamPool m_upstreamPool;
};

} // namespace Corscope
