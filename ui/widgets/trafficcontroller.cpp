#include "widgets/trafficcontroller.h"

#include "har/harreader.h"
#include "models/rewriterulesmodel.h"
#include "models/traffictablemodel.h"
#include "capture/capturejournal.h"
#include "proxy/certificateauthority.h"
#include "fix/fixrulebuilder.h"
#include "capture/flowimportjob.h"
#include "har/harwriter.h"
#include "proxy/proxyserver.h"
#include "widgets/explanationview.h"
#include "widgets/headerdiffview.h"
#include "widgets/restorecapturebanner.h"
#include "widgets/rewriterulespanel.h"
#include "widgets/trafficview.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace Corscope {

TrafficController::TrafficController(TrafficView *view, QObject *parent)
    : TrafficController(view, defaultJournalPath(), parent)
{
}

TrafficController::TrafficController(TrafficView *view, const QString &journalPath, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_profile(&BrowserProfile::chromium())
    , m_analyzer(std::make_unique<FlowAnalyzer>(*m_profile))
    , m_settleTimer(new QTimer(this))
    , m_caDirectory(CertificateAuthority::defaultDirectory())
{
    m_settleTimer->setInterval(250);
    connect(m_settleTimer, &QTimer::timeout, this, [this] {
        if (!m_analyzer->hasPending())
            return;
        m_analyzer->settle(QDateTime::currentDateTimeUtc());
        applyRevisions();
    });
    connect(m_view->captureAction(), &QAction::toggled, this, [this](bool on) {
        if (on == isCapturing())
            return;
        if (!on) {
            stopCapture();
            return;
        }
        QString error;
        if (!startCapture(8080, &error) && !startCapture(0, &error)) {
            m_view->captureAction()->setChecked(false);
            m_view->setStatusText(error);
        }
    });
    connect(m_view->clearAction(), &QAction::triggered, this, &TrafficController::clear);
    connect(m_view->rulesPanel()->model(), &RewriteRulesModel::rulesChanged, this,
            &TrafficController::pushRulesToProxy);
    connect(m_view->openChromiumAction(), &QAction::triggered, this, &TrafficController::openChromium);
    connect(m_view->exportHarAction(), &QAction::triggered, this, &TrafficController::exportHarToFile);
    connect(m_view->importHarAction(), &QAction::triggered, this, &TrafficController::importHarFromFile);
    connect(m_view, &TrafficView::flowSelected, this, &TrafficController::showFlow);
    connect(m_view->exportCaAction(), &QAction::triggered, this, &TrafficController::exportCaCertificate);
    connect(m_view, &TrafficView::progressCancelled, this, &TrafficController::cancelImport);
    connect(m_view->fixWithRuleAction(), &QAction::triggered, this, [this] {
        const std::optional<quint64> flowId = m_view->currentFlowId();
        QString problem;
        if (flowId && !fixWithRule(*flowId, &problem))
            m_view->setStatusText(problem);
    });
    m_view->openChromiumAction()->setEnabled(
        !QStandardPaths::findExecutable(QStringLiteral("chromium")).isEmpty());

    connect(m_view->restoreBanner(), &RestoreCaptureBanner::restoreRequested, this,
            &TrafficController::restoreLeftoverCapture);
    connect(m_view->restoreBanner(), &RestoreCaptureBanner::discardRequested, this,
            &TrafficController::discardLeftoverCapture);
    if (!journalPath.isEmpty()) {
        m_journal = std::make_unique<CaptureJournal>(journalPath);
        if (!m_journal->isActive())
            m_view->setStatusText(
                tr("Another Corscope is using the capture journal %1: this window's capture "
                   "is not journaled.")
                    .arg(journalPath));
        else if (const int leftover = m_journal->leftoverFlowCount(); leftover > 0)
            m_view->restoreBanner()->offer(leftover);
    }
}

QString TrafficController::defaultJournalPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/capture.jsonl");
}

void TrafficController::restoreLeftoverCapture()
{
    if (!m_journal)
        return;
    if (isImporting()) {
        // One import at a time: the offer stays until the running one is done.
        m_view->restoreBanner()->offer(m_journal->leftoverFlowCount());
        m_view->setStatusText(tr("Finish or cancel the running import, then restore the last capture."));
        return;
    }
    startImport(FlowImportJob::fromJournal(m_journal->leftoverPath(), *m_profile),
                ImportKind::LeftoverCapture);
}

void TrafficController::discardLeftoverCapture()
{
    if (m_journal)
        m_journal->discardLeftover();
    m_view->restoreBanner()->hide();
}

TrafficController::~TrafficController() = default;

void TrafficController::pushRulesToProxy()
{
    // The proxy takes a snapshot for each exchange that begins, so an edit in the panel applies
    // to the very next request, local preflight answers included.
    if (m_proxy)
        m_proxy->setRewriteRules(m_view->rulesPanel()->model()->rules());
}

bool TrafficController::startCapture(quint16 port, QString *error)
{
    ProxySettings settings;
    settings.port = port;
    settings.upstreamCaCertificates = m_upstreamCaCertificates;
    if (!m_caDirectory.isEmpty()) {
        if (!ensureAuthority(error))
            return false;
        settings.authority = m_authority;
    }
    auto proxy = std::make_unique<ProxyServer>(settings);
    if (!proxy->start(error))
        return false;
    proxy->setRewriteRules(m_view->rulesPanel()->model()->rules());
    proxy->setNextFlowId(m_nextCapturedId);
    connect(proxy.get(), &ProxyServer::flowFinished, this, &TrafficController::onFlowCaptured);
    m_proxy = std::move(proxy);
    m_view->captureAction()->setChecked(true);
    m_view->setStatusText(tr("Capturing on %1 — set it as the HTTP proxy of a browser, or use Open Chromium "
                             "through Corscope.")
                              .arg(m_proxy->listenAddress()));
    return true;
}

bool TrafficController::ensureAuthority(QString *error)
{
    if (!m_authority)
        m_authority = CertificateAuthority::loadOrCreate(m_caDirectory, error);
    return m_authority != nullptr;
}

void TrafficController::exportCaCertificate()
{
    QString error;
    if (!ensureAuthority(&error)) {
        QMessageBox::warning(m_view, tr("Export CA certificate"), error);
        return;
    }
    const QString path =
        QFileDialog::getSaveFileName(m_view, tr("Export CA certificate"), QStringLiteral("corscope-ca.pem"),
                                     tr("PEM certificates (*.pem *.crt)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_authority->certificatePem()) < 0 || !file.commit())
        QMessageBox::warning(m_view, tr("Export CA certificate"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
    else
        m_view->setStatusText(
            tr("CA certificate saved to %1. Firefox: Settings ▸ Privacy & Security ▸ Certificates ▸ "
               "View Certificates ▸ Authorities ▸ Import. System store (Debian): copy it to "
               "/usr/local/share/ca-certificates/corscope.crt and run update-ca-certificates.")
                .arg(path));
}

void TrafficController::stopCapture()
{
    m_proxy.reset();
    m_settleTimer->stop();
    // Nothing more arrives: what waited for a later flow is decided now.
    m_analyzer->finish();
    applyRevisions();
    m_view->captureAction()->setChecked(false);
    m_view->setStatusText(tr("Capture stopped; %n flow(s) kept.", nullptr, int(m_flows.size())));
}

bool TrafficController::isCapturing() const
{
    return m_proxy && m_proxy->isListening();
}

QString TrafficController::listenAddress() const
{
    return m_proxy ? m_proxy->listenAddress() : QString();
}

void TrafficController::setBrowser(const BrowserProfile &profile)
{
    m_profile = &profile;
    m_analyzer = std::make_unique<FlowAnalyzer>(profile);
}

void TrafficController::onFlowCaptured(const Flow &flow)
{
    m_nextCapturedId = std::max(m_nextCapturedId, flow.id + 1);
    if (m_journal)
        m_journal->append(flow);
    onFlowFinished(flow);
}

void TrafficController::onFlowFinished(const Flow &flow)
{
    FlowVerdict verdict = m_analyzer->analyze(flow);
    applyRevisions();
    addFlow(flow, std::move(verdict));
    if (!m_settleTimer->isActive() && m_analyzer->hasPending())
        m_settleTimer->start();
}

void TrafficController::applyRevisions()
{
    for (FlowRevision &revision : m_analyzer->takeRevisions()) {
        if (!m_flowIndex.contains(revision.flow->id))
            continue;
        m_view->model()->upsert(FlowAnalyzer::trafficEntry(*revision.flow, revision.verdict));
        m_verdicts.insert(revision.flow->id, std::move(revision.verdict));
    }
    if (!m_analyzer->hasPending())
        m_settleTimer->stop();
}

void TrafficController::addFlow(const Flow &flow, FlowVerdict verdict)
{
    m_view->model()->upsert(FlowAnalyzer::trafficEntry(flow, verdict));
    m_flowIndex.insert(flow.id, m_flows.size());
    m_flows.append(flow);
    m_verdicts.insert(flow.id, std::move(verdict));
}

void TrafficController::setRules(RewriteRules rules)
{
    m_view->rulesPanel()->model()->setRules(std::move(rules));
}

const RewriteRules &TrafficController::rules() const
{
    return m_view->rulesPanel()->model()->rules();
}

bool TrafficController::fixWithRule(quint64 flowId, QString *problem)
{
    const auto index = m_flowIndex.constFind(flowId);
    const auto verdict = m_verdicts.constFind(flowId);
    if (index == m_flowIndex.constEnd() || verdict == m_verdicts.constEnd() || !verdict->isBlocked()) {
        *problem = tr("Select a blocked flow to fix it with a rule.");
        return false;
    }
    std::optional<Flow> preflight;
    if (verdict->pairedFlowId) {
        if (const auto paired = m_flowIndex.constFind(*verdict->pairedFlowId);
            paired != m_flowIndex.constEnd())
            preflight = m_flows.at(*paired);
    }
    const FixRules fix = FixRuleBuilder::build(m_flows.at(*index), preflight, *m_profile);
    if (fix.rules.isEmpty()) {
        *problem = fix.problem;
        return false;
    }
    m_view->rulesPanel()->appendRules(fix.rules);
    m_view->rulesAction()->setChecked(true);
    QString status = tr("Added %n rule(s) with the smallest response change that lets this request through; "
                        "send it again (reload the page) to see it pass.",
                        nullptr, int(fix.rules.size()));
    if (!fix.problem.isEmpty())
        status += u' ' + fix.problem;
    m_view->setStatusText(status);
    return true;
}

QList<quint64> TrafficController::chainFlows(const FlowChainPosition &chain) const
{
    // A chain's hops arrive in order from its first request on: scan forward from it.
    QList<quint64> members(chain.hops, 0);
    int found = 0;
    const auto first = m_flowIndex.constFind(chain.id);
    for (qsizetype i = first == m_flowIndex.constEnd() ? m_flows.size() : *first;
         i < m_flows.size() && found < chain.hops; ++i) {
        const auto verdict = m_verdicts.constFind(m_flows.at(i).id);
        if (verdict == m_verdicts.constEnd() || !verdict->chain || verdict->chain->id != chain.id ||
            verdict->chain->hop >= chain.hops)
            continue;
        members[verdict->chain->hop] = m_flows.at(i).id;
        ++found;
    }
    members.removeAll(0);
    return members;
}

void TrafficController::showFlow(quint64 flowId)
{
    const auto index = m_flowIndex.constFind(flowId);
    const auto verdict = m_verdicts.constFind(flowId);
    if (index == m_flowIndex.constEnd() || verdict == m_verdicts.constEnd())
        return;
    const Flow &flow = m_flows.at(*index);
    // Every hop of a redirect chain shows the chain's one evaluation, which the deciding hop holds.
    const FlowVerdict *shown = &*verdict;
    QList<quint64> chain;
    if (verdict->chain) {
        chain = chainFlows(*verdict->chain);
        if (!chain.isEmpty()) {
            const auto deciding = m_verdicts.constFind(chain.last());
            if (deciding != m_verdicts.constEnd() && deciding->evaluation)
                shown = &*deciding;
        }
    }
    if (!shown->evaluation) {
        QString text = flow.tunnel
                           ? tr("%1 — a tunnel passed through untouched (HTTPS interception is not set up).")
                                 .arg(flow.url.toString())
                           : tr("%1 %2 — not a cross-origin request: the browser applies no CORS checks.")
                                 .arg(QString::fromLatin1(flow.method), flow.url.toString());
        // An unfollowed redirect or preflight: what the wire cannot show, most likely first.
        if (!shown->readings.isEmpty()) {
            text = tr("%1 %2 — the browser's next request never came. What explains it, most likely first:")
                       .arg(QString::fromLatin1(flow.method), flow.url.toString());
            for (const FlowReading &reading : shown->readings)
                text += QStringLiteral("\n• ") + reading.description +
                        (reading.fix.isEmpty() ? QString()
                                               : QStringLiteral("\n  ") + tr("Fix: %1").arg(reading.fix));
        }
        m_view->showNotCors(text);
        return;
    }
    // The evaluation's exchanges are the paired preflight (when there is one) and this flow, or
    // for a chain every hop in order after the first hop's preflight.
    QList<quint64> exchanged = chain.isEmpty() ? QList<quint64>{flowId} : chain;
    const auto firstVerdict = m_verdicts.constFind(exchanged.first());
    QList<ExchangePhases> phases;
    if (firstVerdict != m_verdicts.constEnd() && firstVerdict->pairedFlowId && !flow.isPreflight()) {
        const auto preflight = m_flowIndex.constFind(*firstVerdict->pairedFlowId);
        phases << (preflight != m_flowIndex.constEnd() ? m_flows.at(*preflight).phases() : ExchangePhases{});
    }
    for (const quint64 id : std::as_const(exchanged)) {
        const auto hop = m_flowIndex.constFind(id);
        phases << (hop != m_flowIndex.constEnd() ? m_flows.at(*hop).phases() : ExchangePhases{});
    }
    m_view->showEvaluation(*shown->evaluation, phases);
    if (flow.wasRewritten())
        m_view->explanationView()->headerDiffView()->compareResponses(
            tr("Server sent"), flow.originalResponseHeaders, tr("After rewrite rules"), flow.responseHeaders);
}

QByteArray TrafficController::exportHar() const
{
    return HarWriter::write(m_flows, m_verdicts, m_profile->id);
}

bool TrafficController::importHar(QByteArray har)
{
    return startImport(FlowImportJob::fromHar(std::move(har), *m_profile), ImportKind::Har);
}

bool TrafficController::importHarFile(const QString &path)
{
    return startImport(FlowImportJob::fromHarFile(path, *m_profile), ImportKind::Har);
}

void TrafficController::cancelImport()
{
    if (m_import)
        m_import->cancel();
}

bool TrafficController::startImport(std::unique_ptr<FlowImportJob> job, ImportKind kind)
{
    if (m_import)
        return false;
    m_import = std::move(job);
    m_importKind = kind;
    connect(m_import.get(), &FlowImportJob::batchReady, this, &TrafficController::onImportedBatch);
    connect(m_import.get(), &FlowImportJob::verdictsRevised, this,
            [this](const QList<FlowVerdict> &verdicts) {
                for (const FlowVerdict &verdict : verdicts) {
                    const auto index = m_flowIndex.constFind(verdict.flowId);
                    if (index == m_flowIndex.constEnd())
                        continue;
                    m_view->model()->upsert(FlowAnalyzer::trafficEntry(m_flows.at(*index), verdict));
                    m_verdicts.insert(verdict.flowId, verdict);
                }
            });
    connect(m_import.get(), &FlowImportJob::progress, m_view, &TrafficView::showProgress);
    connect(m_import.get(), &FlowImportJob::finished, this, &TrafficController::onImportFinished);
    m_view->importHarAction()->setEnabled(false);
    m_view->showProgress(0, 0);
    m_view->setStatusText(kind == ImportKind::Har ? tr("Importing and evaluating the HAR capture…")
                                                  : tr("Restoring the last capture…"));
    // Imported ids are their own range: they can never meet the ids of the running proxy.
    m_import->start(m_nextImportedId);
    return true;
}

void TrafficController::onImportedBatch(const QList<Flow> &flows, const QList<FlowVerdict> &verdicts)
{
    std::vector<TrafficEntry> entries;
    entries.reserve(size_t(flows.size()));
    for (qsizetype i = 0; i < flows.size(); ++i) {
        const Flow &flow = flows.at(i);
        // Restored flows go back into the journal, so a second crash keeps them too.
        if (m_importKind == ImportKind::LeftoverCapture && m_journal)
            m_journal->append(flow);
        entries.push_back(FlowAnalyzer::trafficEntry(flow, verdicts.at(i)));
        m_flowIndex.insert(flow.id, m_flows.size());
        m_flows.append(flow);
        m_verdicts.insert(flow.id, verdicts.at(i));
        m_nextImportedId = std::max(m_nextImportedId, flow.id + 1);
    }
    m_view->model()->append(std::move(entries));
}

void TrafficController::onImportFinished(qsizetype flows, const QString &error, bool cancelled)
{
    // The job is the sender: it goes once its signal has returned.
    m_import.release()->deleteLater();
    m_view->hideProgress();
    m_view->importHarAction()->setEnabled(true);
    const bool restoring = m_importKind == ImportKind::LeftoverCapture;
    if (restoring && error.isEmpty() && !cancelled && m_journal)
        m_journal->discardLeftover();
    if (!error.isEmpty())
        m_view->setStatusText(restoring ? tr("Cannot restore the last capture: %1").arg(error)
                                        : tr("Cannot import the HAR capture: %1").arg(error));
    else if (cancelled)
        m_view->setStatusText(tr("Import cancelled; %n flow(s) kept.", nullptr, int(flows)));
    else
        m_view->setStatusText(restoring
                                  ? tr("Restored %n flow(s) from the last capture.", nullptr, int(flows))
                                  : tr("Imported %n entries.", nullptr, int(flows)));
    emit importFinished(flows, error, cancelled);
}

void TrafficController::clear()
{
    cancelImport();
    m_flows.clear();
    m_flowIndex.clear();
    m_verdicts.clear();
    m_view->model()->clear();
    m_analyzer = std::make_unique<FlowAnalyzer>(*m_profile);
    if (m_journal)
        m_journal->clear();
}

void TrafficController::openChromium()
{
    QString error;
    if (!isCapturing() && !startCapture(0, &error)) {
        m_view->setStatusText(error);
        return;
    }
    // A profile of its own: the user's browser and its settings are left alone.
    const QString profile = QStandardPaths::writableLocation(QStandardPaths::TempLocation) +
                            QStringLiteral("/corscope-chromium-%1").arg(QCoreApplication::applicationPid());
    const QString program = ChromiumLaunch::executable();
    const bool started =
        !program.isEmpty() && QProcess::startDetached(program, chromiumLaunch(profile).arguments());
    m_view->setStatusText(started ? tr("Chromium opened through %1.").arg(m_proxy->listenAddress())
                                  : tr("Could not start chromium."));
}

ChromiumLaunch TrafficController::chromiumLaunch(const QString &profileDirectory) const
{
    ChromiumLaunch launch;
    launch.setUserDataDir(profileDirectory).setProxy(listenAddress());
    // Trusts the interception CA for this profile only: nothing is installed system-wide.
    if (m_authority)
        launch.setTrustedSpki(m_authority->spkiSha256Base64());
    return launch;
}

void TrafficController::exportHarToFile()
{
    const QString path = QFileDialog::getSaveFileName(
        m_view, tr("Export HAR"), QStringLiteral("corscope.har"), tr("HAR files (*.har *.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(exportHar()) < 0 || !file.commit())
        QMessageBox::warning(m_view, tr("Export HAR"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
}

void TrafficController::importHarFromFile()
{
    const QString path = QFileDialog::getOpenFileName(m_view, tr("Import HAR"), {},
                                                      tr("HAR files (*.har *.json);;All files (*)"));
    if (!path.isEmpty())
        importHarFile(path);
}

} // namespace Corscope
