#pragma once

#include "capture/flow.h"
#include "capture/flowanalyzer.h"
#include "capture/flowjournal.h"
#include "proxy/proxysettings.h"
#include "proxy/rewriterules.h"

#include <QHash>
#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace Corscope {

class CaptureJournal;
class FlowAnalysisThread;
class FlowImportJob;
struct HarRedaction;
class ProxyServer;

// One capture, shared by both front ends (as Wireshark's capture_file serves wireshark and
// tshark): the proxy's lifecycle, the analyzer evaluating each finished flow on a thread of its
// own, the flows kept with their verdicts, the journal, HAR import and export. The GUI's Traffic
// tab and `corscope-cli proxy` only consume it.
//
// Threads. The session lives on the thread that made it (its "session thread"): the proxy moves
// bytes there, and there each finished flow is journaled and handed to the analysis thread. The
// analysis thread evaluates flows in order, settles by the wall clock what waits for flows that may
// never come (FlowAnalysisThread::settleInterval), and runs the DirectSink's callbacks. Every
// signal is emitted on the session thread: the analysis thread queues its results, and queues one
// call for everything that piled up since the session thread last took them, not one per flow.
class CaptureSession : public QObject {
    Q_OBJECT

public:
    // Runs on the analysis thread, in the order the analyzer decides: each finished flow with its
    // first verdict, each verdict given again for an earlier flow (before the verdict of the flow
    // that settled it), and caughtUp each time the thread has evaluated every flow posted (to
    // flush output in batches). A headless capture prints from here: going through the session
    // thread's event loop for each line cost the proxy the time it needs to move bytes.
    struct DirectSink {
        std::function<void(const Flow &flow, const FlowVerdict &verdict)> flowAnalyzed;
        std::function<void(const Flow &flow, const FlowVerdict &verdict)> verdictRevised;
        std::function<void()> caughtUp;
    };
    enum class ImportKind { Har, LeftoverCapture };
    Q_ENUM(ImportKind)
    struct JournalRecovery {
        int flows = 0;   // flows recovered and analysed
        int skipped = 0; // lines that could not be read (a torn last line)
    };
    // Imported flows are numbered from here: they can never meet a captured flow's id.
    static constexpr quint64 firstImportedId = 1'000'000'000;

    explicit CaptureSession(const BrowserProfile &profile, EvaluationDetail detail = EvaluationDetail::Full,
                            QObject *parent = nullptr);
    // Stops a running capture as stop() does: what finished is evaluated (the direct sink sees
    // it), but no signal is emitted any more.
    ~CaptureSession() override;

    // The browser the analyzer and imports evaluate as. A new analyzer: what the old one waited
    // for is settled now (a running capture continues with the new one).
    void setBrowser(const BrowserProfile &profile);
    const BrowserProfile &browser() const { return *m_profile; }
    // Keep every flow and verdict (the list, the id index, HAR export). On by default; a headless
    // capture that writes no HAR turns it off: keeping flows was a tenth of the proxy's time.
    void setKeepFlows(bool keep);
    bool keepsFlows() const { return m_keepFlows; }
    // Set before start(); the callbacks must outlive the capture.
    void setDirectSink(DirectSink sink);
    // The rules the proxy applies, from the next exchange on (a running proxy too).
    void setRewriteRules(RewriteRules rules);

    // The journal of a headless capture: reads the flows a crashed or killed run left in path,
    // analyses them (they pair later requests with their preflights; they are kept when flows are
    // kept, and captured ids continue after theirs), then appends every finished flow to path.
    // Call it before start(). Nothing and *error when path cannot be read or opened.
    std::optional<JournalRecovery> openJournal(const QString &path, QString *error);
    // The journal of an interactive capture (CaptureJournal): a leftover of a run that did not end
    // cleanly is set aside and offered (leftoverFlowCount, restoreLeftover, discardLeftover); a
    // clean end (destroying the session) deletes the journal. False when another running instance
    // holds it: nothing is journaled then.
    bool openCaptureJournal(const QString &path);
    int leftoverFlowCount() const;
    void discardLeftover();

    // Listens with settings (a new proxy each time; flow ids continue after the last capture's).
    // False and *error when it cannot listen.
    bool start(const ProxySettings &settings, QString *error, bool allowNonLoopback = false);
    // Stops listening, evaluates every flow that finished, settles everything still pending, and
    // delivers it all (signals and direct sink) before it returns.
    void stop();
    bool isCapturing() const;
    QString listenAddress() const; // "127.0.0.1:PORT", empty when not capturing

    // Kept flows, in arrival order (captured and imported), and their latest verdicts.
    const QList<Flow> &flows() const { return m_flows; }
    const QHash<quint64, FlowVerdict> &verdicts() const { return m_verdicts; }
    const Flow *flow(quint64 id) const;
    const FlowVerdict *verdict(quint64 id) const;
    // Where the flow sits in flows(), or -1.
    qsizetype indexOf(quint64 id) const { return m_flowIndex.value(id, -1); }
    // The kept flows as HAR, each entry with its _cors verdict (HarWriter), redacted as asked.
    QByteArray exportHar() const;
    QByteArray exportHar(const HarRedaction &redaction) const;

    // Reads and evaluates a HAR capture (or the leftover journal) on a worker thread; its flows
    // arrive in batches (flowsAdded) with importProgress, then importFinished. One at a time:
    // false while one runs.
    bool importHar(QByteArray har);
    bool importHarFile(const QString &path);
    bool restoreLeftover();
    bool isImporting() const { return m_import != nullptr; }
    void cancelImport();
    // Forgets every flow (a running capture continues with a fresh analyzer) and empties the journal.
    void clear();

signals:
    // Flows that finished (or were imported) with their first verdicts, in order, batched.
    void flowsAdded(const QList<Corscope::Flow> &flows, const QList<Corscope::FlowVerdict> &verdicts);
    // A verdict given again for an earlier flow: a preflight whose request came or never did, the
    // hops of a redirect chain.
    void verdictRevised(quint64 flowId, const Corscope::FlowVerdict &verdict);
    void importProgress(qsizetype done, qsizetype total);
    void importFinished(Corscope::CaptureSession::ImportKind kind, qsizetype flows, const QString &error,
                        bool cancelled);
    // Emitted from start() once the proxy listens, before the analysis thread starts: the direct
    // sink runs on no other thread yet.
    void captureStarted(const QString &listenAddress);
    void captureStopped();
    // Something the capture could not do that its consumer must tell the user (a journal that
    // cannot be written); the capture goes on.
    void error(const QString &message);

private:
    // What the analysis thread hands over to the session thread, in its order.
    struct Pending {
        std::optional<Flow> flow; // set for a flow added, empty for a revision
        quint64 flowId = 0;
        FlowVerdict verdict;
    };
    void startAnalysis();
    void finishAnalysis();
    // A fresh analyzer (a running capture's thread restarts on it); deliverLast says whether what
    // the old one settled when it finished still reaches the consumer.
    void replaceAnalyzer(bool deliverLast);
    void queue(Pending pending);
    void deliverPending();
    void onFlowFinished(const Flow &flow);
    void addFlows(const QList<Flow> &flows, const QList<FlowVerdict> &verdicts);
    void revise(quint64 flowId, const FlowVerdict &verdict);
    bool startImport(std::unique_ptr<FlowImportJob> job, ImportKind kind);
    void onImportFinished(qsizetype flows, const QString &error, bool cancelled);

    const BrowserProfile *m_profile;
    EvaluationDetail m_detail;
    bool m_keepFlows = true;
    // Read by the analysis thread: whether its results go to the session thread at all (flows are
    // kept, or someone listens to the signals).
    std::atomic_bool m_deliver = true;
    DirectSink m_direct;
    std::optional<RewriteRules> m_rules;
    std::unique_ptr<FlowAnalyzer> m_analyzer;
    std::unique_ptr<ProxyServer> m_proxy;
    std::unique_ptr<FlowAnalysisThread> m_analysis;
    QMetaObject::Connection m_handOver;

    std::mutex m_pendingMutex;
    std::vector<Pending> m_pending;

    QList<Flow> m_flows;
    QHash<quint64, qsizetype> m_flowIndex;
    QHash<quint64, FlowVerdict> m_verdicts;
    // Proxies are made anew at each start; their ids continue so flows stay distinct.
    quint64 m_nextCapturedId = 1;
    quint64 m_nextImportedId = firstImportedId;

    FlowJournal m_flowJournal;
    bool m_flowJournalOpen = false;
    QString m_flowJournalPath;
    bool m_journalFailed = false; // reported once
    std::unique_ptr<CaptureJournal> m_captureJournal;

    std::unique_ptr<FlowImportJob> m_import;
    ImportKind m_importKind = ImportKind::Har;
};

} // namespace Corscope
