#include "widgets/trafficview.h"

#include "capture/flowfilter.h"
#include "capture/trafficsummary.h"
#include "models/traffictablemodel.h"
#include "widgets/explanationview.h"
#include "widgets/flowbodyview.h"
#include "widgets/restorecapturebanner.h"
#include "widgets/rewriterulespanel.h"
#include "widgets/timelinedelegate.h"
#include "widgets/trafficsummaryview.h"

#include <QAction>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Corscope {

TrafficView::TrafficView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TrafficTableModel(this))
    , m_toolBar(new QToolBar(this))
    , m_filter(new QLineEdit(this))
    , m_findBar(new QWidget(this))
    , m_find(new QLineEdit(m_findBar))
    , m_findStatus(new QLabel(m_findBar))
    , m_findAction(new QAction(tr("Find in capture…"), this))
    , m_filterError(new QLabel(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelProgress(new QPushButton(tr("Cancel"), this))
    , m_filterDelay(new QTimer(this))
    , m_table(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_explanation(new ExplanationView(this))
    , m_body(new FlowBodyView(this))
    , m_detailTabs(new QTabWidget(this))
    , m_notCors(new QLabel(this))
    , m_summary(new TrafficSummaryView(this))
    , m_rulesPanel(new RewriteRulesPanel(this))
    , m_restoreBanner(new RestoreCaptureBanner(this))
{
    m_capture = m_toolBar->addAction(tr("Start capture"));
    m_capture->setCheckable(true);
    m_capture->setObjectName(QStringLiteral("captureAction"));
    m_capture->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_capture->setToolTip(tr("Start or stop the local proxy (Ctrl+E)"));
    connect(m_capture, &QAction::toggled, this,
            [this](bool on) { m_capture->setText(on ? tr("Stop capture") : tr("Start capture")); });
    m_clear = m_toolBar->addAction(tr("Clear"));
    m_clear->setObjectName(QStringLiteral("clearAction"));
    m_clear->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_clear->setToolTip(tr("Forget every captured flow (Ctrl+K)"));
    m_toolBar->addSeparator();
    m_openChromium = m_toolBar->addAction(tr("Open Chromium through Corscope"));
    m_openChromium->setObjectName(QStringLiteral("openChromiumAction"));
    m_openChromium->setToolTip(
        tr("Launch the system Chromium with a temporary profile that uses this proxy and "
           "trusts its CA, without installing the CA anywhere"));
    m_exportCa = m_toolBar->addAction(tr("Export CA certificate…"));
    m_exportCa->setObjectName(QStringLiteral("exportCaAction"));
    m_exportCa->setToolTip(
        tr("Save the interception CA's certificate to trust it in Firefox or the system store "
           "(its private key never leaves Corscope's data folder)"));
    m_toolBar->addSeparator();
    m_importHar = m_toolBar->addAction(tr("Import HAR…"));
    m_importHar->setObjectName(QStringLiteral("importHarAction"));
    m_exportHar = m_toolBar->addAction(tr("Export HAR…"));
    m_exportHar->setObjectName(QStringLiteral("exportHarAction"));
    m_exportHar->setToolTip(tr("Save the capture as HAR 1.2, each entry with its CORS verdict in _cors"));
    m_toolBar->addSeparator();
    m_fixWithRule = m_toolBar->addAction(tr("Fix with a rule"));
    m_fixWithRule->setObjectName(QStringLiteral("fixWithRuleAction"));
    m_fixWithRule->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_fixWithRule->setToolTip(
        tr("Write rewrite rules that make the selected blocked flow pass, to try the fix in the browser "
           "before changing the server (Ctrl+Shift+F)"));
    m_fixWithRule->setEnabled(false);
    m_showRules = m_toolBar->addAction(tr("Rules"));
    m_showRules->setObjectName(QStringLiteral("rulesAction"));
    m_showRules->setCheckable(true);
    m_showRules->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_showRules->setToolTip(tr("Show the rewrite rules the proxy applies to responses (Ctrl+R)"));
    m_rulesPanel->setObjectName(QStringLiteral("rulesPanel"));
    m_rulesPanel->hide();
    connect(m_showRules, &QAction::toggled, m_rulesPanel, &QWidget::setVisible);

    m_filter->setObjectName(QStringLiteral("trafficFilter"));
    m_filter->setAccessibleName(tr("Traffic filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(
        tr("Filter: method:PUT status:4xx host:api blocked preflight:failed !credentialed …"));
    m_filter->setToolTip(tr(
        "method: status: (404, 4xx, 400-499) origin: host: url:, and blocked, allowed, cross-origin, "
        "preflight, "
        "preflight:failed, preflight:cached, credentialed, reflects-origin, no-vary; combine with ! & | and "
        "parentheses; other words search the URL"));
    auto *completer = new QCompleter(FlowFilter::keywords(), m_filter);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setCompleter(completer);
    m_filterError->setObjectName(QStringLiteral("trafficFilterError"));
    m_filterError->setStyleSheet(QStringLiteral("color: #d9534f;"));
    m_filterError->hide();
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(150);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filterDelay, &QTimer::timeout, this, &TrafficView::applyFilter);

    // Find, as in Charles and DevTools: the filter narrows the list, this walks the listed
    // flows to the next one holding the text, in a URL, a header or a decoded body.
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_findAction->setToolTip(tr("Find a text in the listed flows' URLs, headers and bodies (Ctrl+F)"));
    addAction(m_findAction);
    m_findBar->setObjectName(QStringLiteral("trafficFindBar"));
    m_find->setObjectName(QStringLiteral("trafficFind"));
    m_find->setAccessibleName(tr("Find in capture"));
    m_find->setClearButtonEnabled(true);
    m_find->setPlaceholderText(tr("Find in URLs, headers and bodies — Enter: next, Shift+Enter: previous"));
    m_findStatus->setObjectName(QStringLiteral("trafficFindStatus"));
    auto *previous = new QToolButton(m_findBar);
    previous->setObjectName(QStringLiteral("findPrevious"));
    previous->setText(tr("Previous"));
    previous->setToolTip(tr("The previous flow with the text (Shift+Enter, Shift+F3)"));
    auto *next = new QToolButton(m_findBar);
    next->setObjectName(QStringLiteral("findNext"));
    next->setText(tr("Next"));
    next->setToolTip(tr("The next flow with the text (Enter, F3)"));
    auto *close = new QToolButton(m_findBar);
    close->setObjectName(QStringLiteral("closeFind"));
    close->setText(tr("Close"));
    close->setToolTip(tr("Close the find bar (Escape)"));
    auto *findRow = new QHBoxLayout(m_findBar);
    findRow->setContentsMargins(0, 0, 0, 0);
    findRow->addWidget(new QLabel(tr("Find:"), m_findBar));
    findRow->addWidget(m_find, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_findStatus);
    findRow->addWidget(close);
    m_findBar->hide();
    const auto findNext = [this] { emit findRequested(m_find->text(), false); };
    const auto findPrevious = [this] { emit findRequested(m_find->text(), true); };
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_findBar->show();
        m_find->setFocus(Qt::ShortcutFocusReason);
        m_find->selectAll();
    });
    connect(m_find, &QLineEdit::returnPressed, this, findNext);
    connect(next, &QToolButton::clicked, this, findNext);
    connect(previous, &QToolButton::clicked, this, findPrevious);
    for (const QKeySequence &keys : {QKeySequence(Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::SHIFT | Qt::Key_Enter)})
        connect(new QShortcut(keys, m_find, nullptr, nullptr, Qt::WidgetShortcut), &QShortcut::activated, this,
                findPrevious);
    connect(new QShortcut(QKeySequence::FindNext, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut),
            &QShortcut::activated, this, findNext);
    connect(new QShortcut(QKeySequence::FindPrevious, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut),
            &QShortcut::activated, this, findPrevious);
    const auto closeFind = [this] {
        m_findBar->hide();
        m_table->setFocus();
    };
    connect(close, &QToolButton::clicked, this, closeFind);
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar, nullptr, nullptr, Qt::WidgetWithChildrenShortcut),
            &QShortcut::activated, this, closeFind);

    m_table->setObjectName(QStringLiteral("trafficTable"));
    m_table->setAccessibleName(tr("Captured flows"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(m_fixWithRule);
    // Fixed row heights keep scrolling a million rows cheap: no per-row size queries.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(TrafficTableModel::Url, QHeaderView::Stretch);
    // Sized for seven digits, not to its contents: measuring a million rows would cost a scroll.
    m_table->horizontalHeader()->resizeSection(
        TrafficTableModel::Number, m_table->fontMetrics().horizontalAdvance(QStringLiteral("✎ H0000000")) + 12);
    // The verdict is what a row is read for: it sits right after the number, so neither a
    // narrow window nor the Rules panel beside the list can push it out of sight; the short
    // columns are sized for their widest usual text, the URL takes what is left.
    m_table->horizontalHeader()->moveSection(
        m_table->horizontalHeader()->visualIndex(TrafficTableModel::Verdict), 1);
    const auto fitted = [this](int column, const QString &widest) {
        m_table->horizontalHeader()->resizeSection(
            column, m_table->fontMetrics().horizontalAdvance(widest) + 32); // room for an icon
    };
    fitted(TrafficTableModel::Verdict, tr("blocked"));
    fitted(TrafficTableModel::Method, QStringLiteral("OPTIONS"));
    fitted(TrafficTableModel::Status, QStringLiteral("Status"));
    fitted(TrafficTableModel::Size, QStringLiteral("999.9 KiB"));
    fitted(TrafficTableModel::Time, QStringLiteral("9999.9 ms"));
    // Every flow on one time axis, as DevTools' Waterfall column: what ran at once, what waited.
    m_table->setItemDelegateForColumn(TrafficTableModel::Timeline, new TimelineDelegate(m_table));
    fitted(TrafficTableModel::Timeline, tr("Timeline · 99.99 s"));
    // A redirect chain is one row: double-clicking it lists its hops, or folds them again.
    connect(m_table, &QAbstractItemView::doubleClicked, m_model,
            [this](const QModelIndex &index) { m_model->toggleChainAt(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficView::onCurrentRowChanged);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_selectedBeforeReset = currentFlowId(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TrafficView::keepSelectionAcrossReset);

    m_notCors->setObjectName(QStringLiteral("notCorsDetail"));
    m_notCors->setWordWrap(true);
    m_notCors->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_notCors->setMargin(12);
    auto *detail = new QStackedWidget(this);
    detail->setObjectName(QStringLiteral("trafficDetail"));
    detail->addWidget(m_notCors);
    detail->addWidget(m_explanation);
    // The CORS decision first, as the tab a flow is selected for; the bodies beside it, for
    // every flow (a not-CORS one too), as DevTools' Response tab.
    m_body->setObjectName(QStringLiteral("flowBody"));
    m_detailTabs->setObjectName(QStringLiteral("trafficDetailTabs"));
    m_detailTabs->setDocumentMode(true);
    // Tabs down the side: the flow list keeps its height, and these read as a different level
    // from the Explanation/Flow/Header diff/Raw tabs inside the CORS page.
    m_detailTabs->setTabPosition(QTabWidget::West);
    m_detailTabs->addTab(detail, tr("CORS"));
    m_detailTabs->addTab(m_body, tr("Body"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("trafficSplitter"));
    split->addWidget(m_table);
    split->addWidget(m_detailTabs);
    // A capture is read down its list first: the flows get most of the height, the selected
    // flow's explanation (which scrolls) the rest. Before the first show these are proportions.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});

    auto *summaryScroll = new QScrollArea(this);
    summaryScroll->setWidget(m_summary);
    summaryScroll->setWidgetResizable(true);
    m_tabs->setObjectName(QStringLiteral("trafficTabs"));
    m_tabs->addTab(split, tr("Flows"));
    m_tabs->addTab(summaryScroll, tr("Summary"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1)
            refreshSummary();
    });

    m_status->setObjectName(QStringLiteral("trafficStatus"));
    m_progress->setObjectName(QStringLiteral("trafficProgress"));
    m_progress->setMaximumWidth(320);
    m_progress->setFormat(tr("%v of %m"));
    m_progress->hide();
    m_cancelProgress->setObjectName(QStringLiteral("cancelTrafficProgress"));
    m_cancelProgress->hide();
    connect(m_cancelProgress, &QPushButton::clicked, this, &TrafficView::progressCancelled);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancelProgress);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_filter);
    layout->addWidget(m_filterError);
    layout->addWidget(m_findBar);
    layout->addWidget(m_restoreBanner);
    auto *besideRules = new QSplitter(Qt::Horizontal, this);
    besideRules->addWidget(m_tabs);
    besideRules->addWidget(m_rulesPanel);
    besideRules->setStretchFactor(0, 3);
    besideRules->setStretchFactor(1, 2);
    layout->addWidget(besideRules, 1);
    layout->addLayout(statusRow);
    showPlaceholder();
}

void TrafficView::showPlaceholder()
{
    m_body->clear();
    showNotCors(
        tr("Start the capture, point a browser at the proxy (or use Open Chromium through Corscope) and "
           "select a flow to see its CORS decision."));
}

void TrafficView::keepSelectionAcrossReset()
{
    const std::optional<quint64> selected = std::exchange(m_selectedBeforeReset, std::nullopt);
    onCurrentRowChanged();
    if (!selected)
        return;
    const int row = m_model->rowOfFlow(*selected);
    if (row >= 0) {
        m_table->setCurrentIndex(m_model->index(row, TrafficTableModel::Url));
        m_table->scrollTo(m_table->currentIndex());
        return;
    }
    m_body->clear();
    if (m_model->entryForFlow(*selected))
        showNotCors(tr("The selected flow %1 is hidden by the filter. Clear the filter to see it in the "
                       "list again, or select another flow.")
                        .arg(TrafficTableModel::flowLabel(*selected)));
    else
        showPlaceholder();
}

void TrafficView::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void TrafficView::applyFilter()
{
    m_filterDelay->stop();
    FlowFilterError error;
    const auto filter = FlowFilter::parse(m_filter->text(), &error);
    if (!filter) {
        m_filterError->setText(
            tr("Filter error at column %1: %2").arg(error.position + 1).arg(error.message));
        m_filterError->show();
        return;
    }
    m_filterError->hide();
    m_model->setFilter(*filter);
    setStatusText(tr("%1 of %2 flows shown").arg(m_model->rowCount()).arg(m_model->totalCount()));
    if (m_tabs->currentIndex() == 1)
        refreshSummary();
}

void TrafficView::setStatusText(const QString &text)
{
    m_status->setText(text);
}

void TrafficView::showProgress(qsizetype done, qsizetype total)
{
    // The rate is counted from the first report of this operation (the bar was hidden).
    if (!m_progress->isVisible() || done == 0)
        m_progressClock.start();
    // A QProgressBar counts in int; a capture beyond that is not shown per flow anyway.
    m_progress->setRange(0, int(std::min<qsizetype>(total, INT_MAX)));
    m_progress->setValue(int(std::min(done, total)));
    const qint64 elapsedMs = m_progressClock.elapsed();
    if (done > 0 && elapsedMs > 0) {
        const qint64 perSecond = qint64(double(done) * 1000.0 / double(elapsedMs));
        m_progress->setFormat(tr("%v of %m — %1 entries/s").arg(perSecond));
    } else {
        m_progress->setFormat(tr("%v of %m"));
    }
    m_progress->show();
    m_cancelProgress->show();
}

void TrafficView::hideProgress()
{
    m_progress->hide();
    m_cancelProgress->hide();
}

void TrafficView::showEvaluation(const Evaluation &evaluation, const QList<ExchangePhases> &phases)
{
    m_explanation->setEvaluation(evaluation, std::nullopt, phases);
    qobject_cast<QStackedWidget *>(m_explanation->parentWidget())->setCurrentWidget(m_explanation);
}

void TrafficView::showNotCors(const QString &summary)
{
    m_notCors->setText(summary);
    qobject_cast<QStackedWidget *>(m_notCors->parentWidget())->setCurrentWidget(m_notCors);
}

void TrafficView::refreshSummary()
{
    // The summary follows the filter: "host:api" summarises just that API.
    std::vector<const TrafficEntry *> shown;
    shown.reserve(size_t(m_model->rowCount()));
    for (int row = 0; row < m_model->rowCount(); ++row)
        shown.push_back(m_model->entryAt(row));
    m_summary->setSummary(TrafficSummary::perHost(shown));
}

QString TrafficView::findStatusText() const
{
    return m_findStatus->text();
}

void TrafficView::setFindStatus(const QString &text, bool found)
{
    m_findStatus->setText(text);
    m_findStatus->setStyleSheet(found || text.isEmpty() ? QString() : QStringLiteral("color: #d9534f;"));
}

bool TrafficView::selectFlow(quint64 flowId)
{
    const int row = m_model->rowOfFlow(flowId);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, TrafficTableModel::Url));
    m_table->scrollTo(m_table->currentIndex());
    return true;
}

void TrafficView::showBodyMatch(bool requestSide, const QString &text)
{
    m_body->setSide(requestSide ? FlowBodyView::Side::Request : FlowBodyView::Side::Response);
    m_body->highlight(text);
    m_detailTabs->setCurrentWidget(m_body);
}

RestoreCaptureBanner *TrafficView::releaseRestoreBanner()
{
    layout()->removeWidget(m_restoreBanner);
    return m_restoreBanner;
}

std::optional<quint64> TrafficView::currentFlowId() const
{
    const TrafficEntry *entry = m_model->entryAt(m_table->currentIndex().row());
    return entry ? std::optional<quint64>(entry->flowId) : std::nullopt;
}

void TrafficView::onCurrentRowChanged()
{
    const TrafficEntry *entry = m_model->entryAt(m_table->currentIndex().row());
    m_fixWithRule->setEnabled(entry && entry->verdict == TrafficEntry::Verdict::Blocked);
    if (entry)
        emit flowSelected(entry->flowId);
}

} // namespace Corscope
