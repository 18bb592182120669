#include "widgets/trafficcontroller.h"

#include "app/privatefile.h"
#include "capture/flowsearch.h"
#include "dialogs/harexportdialog.h"
#include "fix/fixrulebuilder.h"
#include "models/rewriterulesmodel.h"
#include "models/traffictablemodel.h"
#include "proxy/certificateauthority.h"
#include "widgets/explanationview.h"
#include "widgets/flowbodyview.h"
#include "widgets/fixsnippetpanel.h"
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
    , m_session(std::make_unique<CaptureSession>(BrowserProfile::chromium()))
    , m_caDirectory(CertificateAuthority::defaultDirectory())
{
    connect(m_session.get(), &CaptureSession::flowsAdded, this, &TrafficController::onFlowsAdded);
    connect(m_session.get(), &CaptureSession::verdictRevised, this, &TrafficController::onVerdictRevised);
    connect(m_session.get(), &CaptureSession::importProgress, m_view, &TrafficView::showProgress);
    connect(m_session.get(), &CaptureSession::importFinished, this, &TrafficController::onImportFinished);
    connect(m_session.get(), &CaptureSession::error, m_view, &TrafficView::setStatusText);
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
    connect(m_view, &TrafficView::findRequested, this, &TrafficController::find);
    connect(m_view->exportCaAction(), &QAction::triggered, this, &TrafficController::exportCaCertificate);
    connect(m_view, &TrafficView::progressCancelled, this, &TrafficController::cancelImport);
    connect(m_view->fixWithRuleAction(), &QAction::triggered, this, [this] {
        const std::optional<quint64> flowId = m_view->currentFlowId();
        QString problem;
        if (flowId && !fixWithRule(*flowId, &problem))
            m_view->setStatusText(problem);
    });
    // "Try it" in the fix panel is the same rule: the proxy applies it to the next response.
    m_view->explanationView()->fixPanel()->setTryAvailable(true);
    connect(m_view->explanationView(), &ExplanationView::tryFixRequested, m_view->fixWithRuleAction(),
            &QAction::trigger);
    m_view->openChromiumAction()->setEnabled(
        !QStandardPaths::findExecutable(QStringLiteral("chromium")).isEmpty());

    connect(m_view->restoreBanner(), &RestoreCaptureBanner::restoreRequested, this,
            &TrafficController::restoreLeftoverCapture);
    connect(m_view->restoreBanner(), &RestoreCaptureBanner::discardRequested, this,
            &TrafficController::discardLeftoverCapture);
    if (!journalPath.isEmpty()) {
        if (!m_session->openCaptureJournal(journalPath))
            m_view->setStatusText(
                tr("Another Corscope is using the capture journal %1: this window's capture "
                   "is not journaled.")
                    .arg(journalPath));
        else if (const int leftover = m_session->leftoverFlowCount(); leftover > 0)
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
    if (isImporting()) {
        // One import at a time: the offer stays until the running one is done.
        m_view->restoreBanner()->offer(m_session->leftoverFlowCount());
        m_view->setStatusText(tr("Finish or cancel the running import, then restore the last capture."));
        return;
    }
    if (m_session->restoreLeftover())
        showImportStarted(CaptureSession::ImportKind::LeftoverCapture);
}

void TrafficController::discardLeftoverCapture()
{
    m_session->discardLeftover();
    m_view->restoreBanner()->hide();
}

TrafficController::~TrafficController() = default;

void TrafficController::pushRulesToProxy()
{
    // Each edit in the panel applies to the very next request, local preflight answers included.
    m_session->setRewriteRules(m_view->rulesPanel()->model()->rules());
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
    m_session->setRewriteRules(m_view->rulesPanel()->model()->rules());
    if (!m_session->start(settings, error))
        return false;
    m_view->captureAction()->setChecked(true);
    m_view->setStatusText(tr("Capturing on %1 — set it as the HTTP proxy of a browser, or use Open Chromium "
                             "through Corscope.")
                              .arg(m_session->listenAddress()));
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
    // Every flow that finished is evaluated and listed, and what waited for a later flow is
    // decided, before this returns.
    m_session->stop();
    m_view->captureAction()->setChecked(false);
    m_view->setStatusText(tr("Capture stopped; %n flow(s) kept.", nullptr, int(flows().size())));
}

bool TrafficController::isCapturing() const
{
    return m_session->isCapturing();
}

QString TrafficController::listenAddress() const
{
    return m_session->listenAddress();
}

void TrafficController::setBrowser(const BrowserProfile &profile)
{
    m_session->setBrowser(profile);
}

void TrafficController::onFlowsAdded(const QList<Flow> &flows, const QList<FlowVerdict> &verdicts)
{
    std::vector<TrafficEntry> entries;
    entries.reserve(size_t(flows.size()));
    for (qsizetype i = 0; i < flows.size(); ++i)
        entries.push_back(FlowAnalyzer::trafficEntry(flows.at(i), verdicts.at(i)));
    m_view->model()->append(std::move(entries));
}

void TrafficController::onVerdictRevised(quint64 flowId, const FlowVerdict &verdict)
{
    if (const Flow *flow = m_session->flow(flowId))
        m_view->model()->upsert(FlowAnalyzer::trafficEntry(*flow, verdict));
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
    const Flow *flow = m_session->flow(flowId);
    const FlowVerdict *verdict = m_session->verdict(flowId);
    if (!flow || !verdict || !verdict->isBlocked()) {
        *problem = tr("Select a blocked flow to fix it with a rule.");
        return false;
    }
    std::optional<Flow> preflight;
    if (verdict->pairedFlowId) {
        if (const Flow *paired = m_session->flow(*verdict->pairedFlowId))
            preflight = *paired;
    }
    const FixRules fix = FixRuleBuilder::build(*flow, preflight, m_session->browser());
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
    const QList<Flow> &kept = flows();
    const qsizetype first = m_session->indexOf(chain.id);
    for (qsizetype i = first < 0 ? kept.size() : first; i < kept.size() && found < chain.hops; ++i) {
        const FlowVerdict *verdict = m_session->verdict(kept.at(i).id);
        if (!verdict || !verdict->chain || verdict->chain->id != chain.id ||
            verdict->chain->hop >= chain.hops)
            continue;
        members[verdict->chain->hop] = kept.at(i).id;
        ++found;
    }
    members.removeAll(0);
    return members;
}

void TrafficController::showFlow(quint64 flowId)
{
    const Flow *found = m_session->flow(flowId);
    const FlowVerdict *verdict = m_session->verdict(flowId);
    if (!found || !verdict)
        return;
    const Flow &flow = *found;
    m_view->bodyView()->showFlow(flow);
    // Every hop of a redirect chain shows the chain's one evaluation, which the deciding hop holds.
    const FlowVerdict *shown = verdict;
    QList<quint64> chain;
    if (verdict->chain) {
        chain = chainFlows(*verdict->chain);
        if (!chain.isEmpty()) {
            const FlowVerdict *deciding = m_session->verdict(chain.last());
            if (deciding && deciding->evaluation)
                shown = deciding;
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
    const FlowVerdict *firstVerdict = m_session->verdict(exchanged.first());
    QList<ExchangePhases> phases;
    if (firstVerdict && firstVerdict->pairedFlowId && !flow.isPreflight()) {
        const Flow *preflight = m_session->flow(*firstVerdict->pairedFlowId);
        phases << (preflight ? preflight->phases() : ExchangePhases{});
    }
    for (const quint64 id : std::as_const(exchanged)) {
        const Flow *hop = m_session->flow(id);
        phases << (hop ? hop->phases() : ExchangePhases{});
    }
    m_view->showEvaluation(*shown->evaluation, phases);
    if (flow.wasRewritten())
        m_view->explanationView()->headerDiffView()->compareResponses(
            tr("Server sent"), flow.originalResponseHeaders, tr("After rewrite rules"), flow.responseHeaders);
}

void TrafficController::find(const QString &text, bool backwards)
{
    const FlowSearch search(text);
    if (search.isEmpty()) {
        m_view->setFindStatus({}, true);
        return;
    }
    TrafficTableModel *model = m_view->model();
    // A folded redirect chain is one row: a text in any of its hops finds that row.
    const auto placeInRow = [&](int row) -> std::optional<std::pair<quint64, FlowSearch::Place>> {
        const TrafficEntry *entry = model->entryAt(row);
        if (!entry)
            return std::nullopt;
        QList<quint64> ids{entry->flowId};
        const FlowVerdict *verdict = m_session->verdict(entry->flowId);
        if (verdict && verdict->chain && !model->isChainExpanded(verdict->chain->id))
            ids = chainFlows(*verdict->chain);
        for (const quint64 id : std::as_const(ids)) {
            if (const Flow *flow = m_session->flow(id)) {
                if (const std::optional<FlowSearch::Place> place = search.find(*flow))
                    return std::make_pair(id, *place);
            }
        }
        return std::nullopt;
    };
    const std::optional<quint64> current = m_view->currentFlowId();
    const int from = current ? model->rowOfFlow(*current) : -1;
    struct Match {
        int row;
        quint64 flowId; // the hop that holds the text
        FlowSearch::Place place;
    };
    QList<Match> matches;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (const auto place = placeInRow(row))
            matches.append({row, place->first, place->second});
    }
    if (matches.isEmpty()) {
        m_view->setFindStatus(tr("Not found in the %n listed flow(s)", nullptr, model->rowCount()), false);
        return;
    }
    // The next match after the selected row (or the previous one before it), wrapping around.
    qsizetype chosen = backwards ? matches.size() - 1 : 0;
    for (qsizetype i = 0; i < matches.size(); ++i) {
        const int row = matches.at(i).row;
        if (!backwards && row > from) {
            chosen = i;
            break;
        }
        if (backwards && from >= 0 && row < from)
            chosen = i;
    }
    const Match &match = matches.at(chosen);
    const TrafficEntry *entry = model->entryAt(match.row);
    m_view->selectFlow(entry->flowId);
    if (match.place == FlowSearch::Place::RequestBody || match.place == FlowSearch::Place::ResponseBody) {
        if (match.flowId != entry->flowId) {
            if (const Flow *hop = m_session->flow(match.flowId))
                m_view->bodyView()->showFlow(*hop);
        }
        m_view->showBodyMatch(match.place == FlowSearch::Place::RequestBody, text);
    }
    m_view->setFindStatus(tr("%1 of %2 — in %3 of %4")
                              .arg(chosen + 1)
                              .arg(matches.size())
                              .arg(FlowSearch::placeName(match.place), TrafficTableModel::flowLabel(match.flowId)),
                          true);
}

bool TrafficController::importHar(QByteArray har)
{
    if (!m_session->importHar(std::move(har)))
        return false;
    showImportStarted(CaptureSession::ImportKind::Har);
    return true;
}

bool TrafficController::importHarFile(const QString &path)
{
    if (!m_session->importHarFile(path))
        return false;
    showImportStarted(CaptureSession::ImportKind::Har);
    return true;
}

void TrafficController::cancelImport()
{
    m_session->cancelImport();
}

void TrafficController::showImportStarted(CaptureSession::ImportKind kind)
{
    m_view->importHarAction()->setEnabled(false);
    m_view->showProgress(0, 0);
    m_view->setStatusText(kind == CaptureSession::ImportKind::Har
                              ? tr("Importing and evaluating the HAR capture…")
                              : tr("Restoring the last capture…"));
}

void TrafficController::onImportFinished(CaptureSession::ImportKind kind, qsizetype flows,
                                         const QString &error, bool cancelled)
{
    m_view->hideProgress();
    m_view->importHarAction()->setEnabled(true);
    const bool restoring = kind == CaptureSession::ImportKind::LeftoverCapture;
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
    m_session->clear();
    m_view->model()->clear();
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
    m_view->setStatusText(started ? tr("Chromium opened through %1.").arg(listenAddress())
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

bool TrafficController::writeHar(const QString &path, const HarRedaction &redaction, QString *error) const
{
    QSaveFile file(path);
    if (!PrivateFile::open(file, QIODevice::WriteOnly, error))
        return false;
    if (file.write(exportHar(redaction)) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void TrafficController::exportHarToFile()
{
    // Asked first, as Chrome names its two exports: whether the file leaves this machine decides
    // what goes in it.
    HarExportDialog options(m_view);
    options.setRedaction(m_exportRedaction);
    if (options.exec() != QDialog::Accepted)
        return;
    m_exportRedaction = options.redaction();
    const QString path = QFileDialog::getSaveFileName(
        m_view, tr("Export HAR"), QStringLiteral("corscope.har"), tr("HAR files (*.har *.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!writeHar(path, m_exportRedaction, &error))
        QMessageBox::warning(m_view, tr("Export HAR"), error);
}

void TrafficController::importHarFromFile()
{
    const QString path = QFileDialog::getOpenFileName(m_view, tr("Import HAR"), {},
                                                      tr("HAR files (*.har *.json);;All files (*)"));
    if (!path.isEmpty())
        importHarFile(path);
}

} // namespace Corscope
