#pragma once

#include "capture/flow.h"
#include "capture/flowanalyzer.h"
#include "proxy/rewriterules.h"
#include "verify/chromiumlaunch.h"

#include <QHash>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <memory>

namespace Corscope {

class CaptureJournal;
class CertificateAuthority;
class FlowImportJob;
class ProxyServer;
class TrafficView;

// Runs the capture behind the Traffic tab: starts and stops the proxy, evaluates each finished
// flow, feeds the list, answers the detail pane, imports and exports HAR, and opens Chromium
// through the proxy.
class TrafficController : public QObject {
    Q_OBJECT

public:
    // Journals the capture in the app's data folder.
    TrafficController(TrafficView *view, QObject *parent = nullptr);
    // Journals the capture to journalPath; empty journals nothing.
    TrafficController(TrafficView *view, const QString &journalPath, QObject *parent = nullptr);
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
    // Extra certificates the proxy trusts for the servers it connects to, beside the system
    // store: a development server's self-signed certificate or local CA. From the next capture.
    void setUpstreamCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_upstreamCaCertificates = certificates;
    }
    // How "Open Chromium through Corscope" starts the system Chromium: a throw-away profile in
    // profileDirectory, this capture's proxy, and trust in the interception CA for that profile only.
    ChromiumLaunch chromiumLaunch(const QString &profileDirectory) const;

    // Every captured or imported flow, in arrival order.
    const QList<Flow> &flows() const { return m_flows; }
    QByteArray exportHar() const;
    // Reads and evaluates a HAR capture on a worker thread; its flows join the list in batches
    // while the view shows progress, and importFinished() says how it ended. One import at a time.
    bool importHar(QByteArray har);
    bool importHarFile(const QString &path);
    bool isImporting() const { return m_import != nullptr; }
    void cancelImport();
    void clear();
    static QString defaultJournalPath();
    // The flows a capture that did not end cleanly left in the journal: restore them to the list,
    // or delete them.
    void restoreLeftoverCapture();
    void discardLeftoverCapture();
    // Adds rules that make this blocked flow pass (the evaluator's minimal fix, matching its host,
    // path and method) and shows them. False and *problem when no rule can fix it.
    bool fixWithRule(quint64 flowId, QString *problem);

signals:
    void importFinished(qsizetype flows, const QString &error, bool cancelled);

private:
    void pushRulesToProxy();
    enum class ImportKind { Har, LeftoverCapture };
    bool startImport(std::unique_ptr<FlowImportJob> job, ImportKind kind);
    void onImportedBatch(const QList<Flow> &flows, const QList<FlowVerdict> &verdicts);
    void onImportFinished(qsizetype flows, const QString &error, bool cancelled);
    void addFlow(const Flow &flow, FlowVerdict verdict);
    // Verdicts the analyzer gave again for earlier flows: their rows and details follow.
    void applyRevisions();
    void onFlowCaptured(const Flow &flow);
    void onFlowFinished(const Flow &flow);
    void showFlow(quint64 flowId);
    // The flows of a redirect chain, in hop order, as far as the list has them.
    QList<quint64> chainFlows(const FlowChainPosition &chain) const;
    void openChromium();
    void exportHarToFile();
    void importHarFromFile();
    void exportCaCertificate();
    bool ensureAuthority(QString *error);

    TrafficView *m_view;
    std::unique_ptr<ProxyServer> m_proxy;
    const BrowserProfile *m_profile;
    std::unique_ptr<FlowAnalyzer> m_analyzer;
    // Settles, by the wall clock, what waits for flows that may never come (a preflight's request).
    QTimer *m_settleTimer;
    std::shared_ptr<CertificateAuthority> m_authority;
    QList<Flow> m_flows;
    QHash<quint64, qsizetype> m_flowIndex;
    QHash<quint64, FlowVerdict> m_verdicts;
    QString m_caDirectory;
    QList<QSslCertificate> m_upstreamCaCertificates;
    quint64 m_nextImportedId = 1'000'000'000;
    // Proxies are made anew at each start; their ids continue so flows stay distinct.
    quint64 m_nextCapturedId = 1;
    std::unique_ptr<CaptureJournal> m_journal;
    std::unique_ptr<FlowImportJob> m_import;
    ImportKind m_importKind = ImportKind::Har;
};

} // namespace Corscope
