#pragma once

#include "proxy/flow.h"
#include "proxy/flowanalyzer.h"
#include "proxy/rewriterules.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace Corscope {

class CertificateAuthority;
class ProxyServer;
class TrafficView;

// Runs the capture behind the Traffic tab: starts and stops the proxy, evaluates each finished
// flow, feeds the list, answers the detail pane, imports and exports HAR, and opens Chromium
// through the proxy.
class TrafficController : public QObject {
    Q_OBJECT

public:
    TrafficController(TrafficView *view, QObject *parent = nullptr);
    ~TrafficController() override;

    bool startCapture(quint16 port, QString *error);
    void stopCapture();
    bool isCapturing() const;
    QString listenAddress() const;
    void setBrowser(const BrowserProfile &profile);
    // The rules the proxy applies; the Rules panel edits them, and each edit applies to the next
    // response.
    void setRules(RewriteRules rules);
    const RewriteRules &rules() const;
    // Where the HTTPS-interception CA lives; empty disables interception (CONNECT passes through).
    void setCaDirectory(const QString &directory) { m_caDirectory = directory; }

    // Every captured or imported flow, in arrival order.
    const QList<Flow> &flows() const { return m_flows; }
    QByteArray exportHar() const;
    bool importHar(const QByteArray &har, QString *error);
    void clear();
    // Adds rules that make this blocked flow pass (the evaluator's minimal fix, matching its host,
    // path and method) and shows them. False and *problem when no rule can fix it.
    bool fixWithRule(quint64 flowId, QString *problem);

private:
    void onFlowFinished(const Flow &flow);
    void showFlow(quint64 flowId);
    void openChromium();
    void exportHarToFile();
    void importHarFromFile();
    void exportCaCertificate();
    bool ensureAuthority(QString *error);

    TrafficView *m_view;
    std::unique_ptr<ProxyServer> m_proxy;
    const BrowserProfile *m_profile;
    std::unique_ptr<FlowAnalyzer> m_analyzer;
    std::shared_ptr<CertificateAuthority> m_authority;
    QList<Flow> m_flows;
    QHash<quint64, qsizetype> m_flowIndex;
    QHash<quint64, FlowVerdict> m_verdicts;
    QString m_caDirectory;
    quint64 m_nextImportedId = 1'000'000'000;
};

} // namespace Corscope
