#pragma once

#include "capture/capturesession.h"
#include "har/harredaction.h"
#include "proxy/rewriterules.h"
#include "verify/chromiumlaunch.h"

#include <QObject>
#include <QSslCertificate>
#include <memory>

namespace Corscope {

class CertificateAuthority;
class TrafficView;

// The Traffic tab's side of a CaptureSession, which owns the capture (proxy, evaluation off the
// GUI thread, flows, journal, HAR import and export): this wires the session to the list and the
// detail pane, runs the dialogs, the Rules panel and fix-with-rule, and opens Chromium through the
// proxy.
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
    const QList<Flow> &flows() const { return m_session->flows(); }
    QByteArray exportHar(const HarRedaction &redaction = {}) const { return m_session->exportHar(redaction); }
    // Writes the capture as HAR to path, readable by its owner only whatever the umask
    // (PrivateFile), redacted as asked. False and *error when it cannot.
    bool writeHar(const QString &path, const HarRedaction &redaction, QString *error) const;
    // Reads and evaluates a HAR capture on a worker thread; its flows join the list in batches
    // while the view shows progress, and importFinished() says how it ended. One import at a time.
    bool importHar(QByteArray har);
    bool importHarFile(const QString &path);
    bool isImporting() const { return m_session->isImporting(); }
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
    void showImportStarted(CaptureSession::ImportKind kind);
    void onFlowsAdded(const QList<Flow> &flows, const QList<FlowVerdict> &verdicts);
    // A verdict the analyzer gave again for an earlier flow: its row follows.
    void onVerdictRevised(quint64 flowId, const FlowVerdict &verdict);
    void onImportFinished(CaptureSession::ImportKind kind, qsizetype flows, const QString &error,
                          bool cancelled);
    void showFlow(quint64 flowId);
    // Ctrl+F: the next (or previous) listed flow holding the text, wrapping around the list.
    void find(const QString &text, bool backwards);
    // The flows of a redirect chain, in hop order, as far as the list has them.
    QList<quint64> chainFlows(const FlowChainPosition &chain) const;
    void openChromium();
    void exportHarToFile();
    void importHarFromFile();
    void exportCaCertificate();
    bool ensureAuthority(QString *error);

    TrafficView *m_view;
    // Full detail: the detail pane shows the explanation steps.
    std::unique_ptr<CaptureSession> m_session;
    std::shared_ptr<CertificateAuthority> m_authority;
    QString m_caDirectory;
    // What the last export left out: the next export offers the same (a shared one at first).
    HarRedaction m_exportRedaction = HarRedaction::shared();
    QList<QSslCertificate> m_upstreamCaCertificates;
};

} // namespace Corscope
