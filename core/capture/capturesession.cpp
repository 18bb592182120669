#include "capture/capturesession.h"

#include "capture/capturejournal.h"
#include "capture/flowanalysisthread.h"
#include "capture/flowimportjob.h"
#include "har/harwriter.h"
#include "proxy/proxyserver.h"

#include <QMetaMethod>

namespace Corscope {

CaptureSession::CaptureSession(const BrowserProfile &profile, EvaluationDetail detail, QObject *parent)
    : QObject(parent)
    , m_profile(&profile)
    , m_detail(detail)
    , m_analyzer(std::make_unique<FlowAnalyzer>(profile, detail))
{
}

CaptureSession::~CaptureSession()
{
    // What finished still reaches the direct sink (a headless capture prints it); the signals'
    // receivers may be going away with this session, so nothing is emitted.
    blockSignals(true);
    stop();
    // The import's worker thread must not outlive the profile and the session it reports to.
    m_import.reset();
}

void CaptureSession::setBrowser(const BrowserProfile &profile)
{
    m_profile = &profile;
    replaceAnalyzer(true);
}

void CaptureSession::setKeepFlows(bool keep)
{
    m_keepFlows = keep;
    m_deliver = keep || isSignalConnected(QMetaMethod::fromSignal(&CaptureSession::flowsAdded)) ||
                isSignalConnected(QMetaMethod::fromSignal(&CaptureSession::verdictRevised));
}

void CaptureSession::setDirectSink(DirectSink sink)
{
    m_direct = std::move(sink);
}

void CaptureSession::setRewriteRules(RewriteRules rules)
{
    // The proxy takes a snapshot for each exchange that begins, so an edit applies to the very
    // next request, local preflight answers included.
    if (m_proxy)
        m_proxy->setRewriteRules(rules);
    m_rules = std::move(rules);
}

std::optional<CaptureSession::JournalRecovery> CaptureSession::openJournal(const QString &path,
                                                                           QString *error)
{
    JournalRecovery recovery;
    QString journalError;
    const QList<Flow> recovered = FlowJournal::recover(path, &recovery.skipped, &journalError);
    if (!journalError.isEmpty()) {
        *error = journalError;
        return std::nullopt;
    }
    // Before start(): the analysis thread does not run yet, so the analyzer is this thread's.
    QList<Flow> kept;
    QList<FlowVerdict> keptVerdicts;
    for (const Flow &flow : recovered) {
        // Analysed either way: the analyzer remembers preflights to pair later requests with.
        FlowVerdict verdict = m_analyzer->analyze(flow);
        if (m_keepFlows) {
            kept.append(flow);
            keptVerdicts.append(std::move(verdict));
        }
        m_nextCapturedId = std::max(m_nextCapturedId, flow.id + 1);
    }
    recovery.flows = int(recovered.size());
    addFlows(kept, keptVerdicts);
    // Recovered flows that settle earlier ones (a preflight's request, a redirect's next hop).
    for (FlowRevision &revision : m_analyzer->takeRevisions())
        revise(revision.flow->id, revision.verdict);
    if (!m_flowJournal.open(path, error))
        return std::nullopt;
    m_flowJournalOpen = true;
    m_flowJournalPath = path;
    return recovery;
}

bool CaptureSession::openCaptureJournal(const QString &path)
{
    m_captureJournal = std::make_unique<CaptureJournal>(path);
    if (!m_captureJournal->isActive()) {
        m_captureJournal.reset();
        return false;
    }
    // A leftover restored later keeps the ids its flows had (the #N the user saw): this run's
    // flows are numbered after them.
    // (0 when there is no leftover: one pass over the file, not a count first.)
    m_nextCapturedId =
        std::max(m_nextCapturedId, FlowJournal::largestId(m_captureJournal->leftoverPath()) + 1);
    return true;
}

int CaptureSession::leftoverFlowCount() const
{
    return m_captureJournal ? m_captureJournal->leftoverFlowCount() : 0;
}

void CaptureSession::discardLeftover()
{
    if (m_captureJournal)
        m_captureJournal->discardLeftover();
}

bool CaptureSession::start(const ProxySettings &settings, QString *error, bool allowNonLoopback)
{
    if (m_proxy)
        stop();
    auto proxy = std::make_unique<ProxyServer>(settings);
    if (m_rules)
        proxy->setRewriteRules(*m_rules);
    if (!proxy->start(error, allowNonLoopback))
        return false;
    proxy->setNextFlowId(m_nextCapturedId);
    m_proxy = std::move(proxy);
    // Decided once a capture: the analysis thread reads it for every flow.
    setKeepFlows(m_keepFlows);
    // Before the analysis thread runs: a consumer whose direct sink writes to the same stream can
    // announce the capture from here without racing the sink (no flow arrives before the event
    // loop runs again).
    emit captureStarted(m_proxy->listenAddress());
    startAnalysis();
    m_handOver = connect(m_proxy.get(), &ProxyServer::flowFinished, this, &CaptureSession::onFlowFinished);
    return true;
}

void CaptureSession::stop()
{
    if (!m_proxy)
        return;
    m_proxy->stop();
    // Connections still open when the proxy goes away must not post to a finished thread.
    disconnect(m_handOver);
    m_proxy.reset();
    // Nothing more arrives: what waited for a later flow is decided now, and delivered.
    finishAnalysis();
    deliverPending();
    emit captureStopped();
}

bool CaptureSession::isCapturing() const
{
    return m_proxy && m_proxy->isListening();
}

QString CaptureSession::listenAddress() const
{
    return m_proxy ? m_proxy->listenAddress() : QString();
}

void CaptureSession::startAnalysis()
{
    // Both callbacks run on the analysis thread; the session's members they touch are only the
    // direct sink (the consumer's), m_deliver (atomic) and the pending queue (locked).
    m_analysis = std::make_unique<FlowAnalysisThread>(
        *m_analyzer,
        [this](const Flow &flow, FlowVerdict &&verdict) {
            if (m_direct.flowAnalyzed)
                m_direct.flowAnalyzed(flow, verdict);
            if (m_deliver)
                queue({flow, flow.id, std::move(verdict)});
        },
        [this] {
            if (m_direct.caughtUp)
                m_direct.caughtUp();
        },
        [this](const Flow &flow, FlowVerdict &&verdict) {
            if (m_direct.verdictRevised)
                m_direct.verdictRevised(flow, verdict);
            // A revision names its flow: the flow itself is already on the session thread.
            if (m_deliver)
                queue({std::nullopt, flow.id, std::move(verdict)});
        });
}

void CaptureSession::finishAnalysis()
{
    if (m_analysis)
        m_analysis->finish();
    m_analysis.reset();
}

void CaptureSession::replaceAnalyzer(bool deliverLast)
{
    const bool running = m_analysis != nullptr;
    finishAnalysis();
    if (deliverLast) {
        // What the old analyzer settled at finish is about flows that stay: delivered first.
        deliverPending();
    } else {
        const std::lock_guard lock(m_pendingMutex);
        m_pending.clear();
    }
    m_analyzer = std::make_unique<FlowAnalyzer>(*m_profile, m_detail);
    if (running)
        startAnalysis();
}

void CaptureSession::queue(Pending pending)
{
    bool first = false;
    {
        const std::lock_guard lock(m_pendingMutex);
        first = m_pending.empty();
        m_pending.push_back(std::move(pending));
    }
    // One queued call takes everything that piles up until the session thread runs it: a busy
    // proxy posts one per batch, not one per flow.
    if (first)
        QMetaObject::invokeMethod(this, &CaptureSession::deliverPending, Qt::QueuedConnection);
}

void CaptureSession::deliverPending()
{
    std::vector<Pending> taken;
    {
        const std::lock_guard lock(m_pendingMutex);
        taken.swap(m_pending);
    }
    QList<Flow> flows;
    QList<FlowVerdict> verdicts;
    for (Pending &pending : taken) {
        if (pending.flow) {
            flows.append(std::move(*pending.flow));
            verdicts.append(std::move(pending.verdict));
            continue;
        }
        // The order holds: flows added before this revision go out before it.
        addFlows(flows, verdicts);
        flows.clear();
        verdicts.clear();
        revise(pending.flowId, pending.verdict);
    }
    addFlows(flows, verdicts);
}

void CaptureSession::onFlowFinished(const Flow &flow)
{
    m_nextCapturedId = std::max(m_nextCapturedId, flow.id + 1);
    // On disk before it is evaluated: a crash after this point loses nothing that completed.
    bool journaled = true;
    if (m_flowJournalOpen)
        journaled = m_flowJournal.append(flow);
    if (m_captureJournal)
        journaled = m_captureJournal->append(flow) && journaled;
    if (!journaled && !m_journalFailed) {
        // Said once: a full disk would otherwise say it for every flow.
        m_journalFailed = true;
        emit error(tr("Cannot write the capture journal %1: flows from now on may not survive a crash.")
                       .arg(m_captureJournal ? m_captureJournal->path() : m_flowJournalPath));
    }
    if (m_analysis)
        m_analysis->post(flow);
}

void CaptureSession::addFlows(const QList<Flow> &flows, const QList<FlowVerdict> &verdicts)
{
    if (flows.isEmpty())
        return;
    if (m_keepFlows) {
        m_flows.reserve(m_flows.size() + flows.size());
        for (qsizetype i = 0; i < flows.size(); ++i) {
            m_flowIndex.insert(flows.at(i).id, m_flows.size());
            m_flows.append(flows.at(i));
            m_verdicts.insert(flows.at(i).id, verdicts.at(i));
        }
    }
    emit flowsAdded(flows, verdicts);
}

void CaptureSession::revise(quint64 flowId, const FlowVerdict &verdict)
{
    if (m_keepFlows) {
        // A flow cleared meanwhile is not brought back by its late revision.
        if (!m_flowIndex.contains(flowId))
            return;
        m_verdicts.insert(flowId, verdict);
    }
    emit verdictRevised(flowId, verdict);
}

const Flow *CaptureSession::flow(quint64 id) const
{
    const auto index = m_flowIndex.constFind(id);
    return index == m_flowIndex.constEnd() ? nullptr : &m_flows.at(*index);
}

const FlowVerdict *CaptureSession::verdict(quint64 id) const
{
    const auto verdict = m_verdicts.constFind(id);
    return verdict == m_verdicts.constEnd() ? nullptr : &*verdict;
}

QByteArray CaptureSession::exportHar() const
{
    return exportHar(HarRedaction());
}

QByteArray CaptureSession::exportHar(const HarRedaction &redaction) const
{
    return HarWriter::write(m_flows, m_verdicts, m_profile->id, redaction);
}

bool CaptureSession::importHar(QByteArray har)
{
    return startImport(FlowImportJob::fromHar(std::move(har), *m_profile), ImportKind::Har);
}

bool CaptureSession::importHarFile(const QString &path)
{
    return startImport(FlowImportJob::fromHarFile(path, *m_profile), ImportKind::Har);
}

bool CaptureSession::restoreLeftover()
{
    if (!m_captureJournal)
        return false;
    return startImport(FlowImportJob::fromJournal(m_captureJournal->leftoverPath(), *m_profile),
                       ImportKind::LeftoverCapture);
}

void CaptureSession::cancelImport()
{
    if (m_import)
        m_import->cancel();
}

bool CaptureSession::startImport(std::unique_ptr<FlowImportJob> job, ImportKind kind)
{
    if (m_import)
        return false;
    m_import = std::move(job);
    m_importKind = kind;
    connect(m_import.get(), &FlowImportJob::batchReady, this,
            [this](const QList<Flow> &flows, const QList<FlowVerdict> &verdicts) {
                for (const Flow &flow : flows) {
                    // Restored flows go back into the journal, so a second crash keeps them too.
                    if (m_importKind == ImportKind::LeftoverCapture && m_captureJournal)
                        m_captureJournal->append(flow);
                    m_nextImportedId = std::max(m_nextImportedId, flow.id + 1);
                }
                addFlows(flows, verdicts);
            });
    connect(m_import.get(), &FlowImportJob::verdictsRevised, this,
            [this](const QList<FlowVerdict> &verdicts) {
                for (const FlowVerdict &verdict : verdicts)
                    revise(verdict.flowId, verdict);
            });
    connect(m_import.get(), &FlowImportJob::progress, this, &CaptureSession::importProgress);
    connect(m_import.get(), &FlowImportJob::finished, this, &CaptureSession::onImportFinished);
    // Imported ids are their own range: they can never meet the ids of the running proxy.
    m_import->start(m_nextImportedId);
    return true;
}

void CaptureSession::onImportFinished(qsizetype flows, const QString &error, bool cancelled)
{
    // The job is the sender: it goes once its signal has returned.
    m_import.release()->deleteLater();
    if (m_importKind == ImportKind::LeftoverCapture && error.isEmpty() && !cancelled && m_captureJournal)
        m_captureJournal->discardLeftover();
    emit importFinished(m_importKind, flows, error, cancelled);
}

void CaptureSession::clear()
{
    cancelImport();
    // Whatever the old analyzer said last is about flows that are gone.
    replaceAnalyzer(false);
    m_flows.clear();
    m_flowIndex.clear();
    m_verdicts.clear();
    if (m_captureJournal)
        m_captureJournal->clear();
}

} // namespace Corscope
