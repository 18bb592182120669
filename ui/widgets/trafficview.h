#pragma once

#include "http/exchangephases.h"

#include <QElapsedTimer>
#include <QWidget>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;
class QTimer;
class QToolBar;

namespace Corscope {

struct Evaluation;
class ExplanationView;
class FlowBodyView;
class RestoreCaptureBanner;
class RewriteRulesPanel;
class TrafficSummaryView;
class TrafficTableModel;

// The Traffic tab: capture controls, the filter bar, the flow list and a detail pane that
// reuses the Explanation, Flow, Header diff and Raw views; plus a per-host summary. It shows
// what it is given: the capture controller feeds the model and answers flowSelected().
class TrafficView : public QWidget {
    Q_OBJECT

public:
    explicit TrafficView(QWidget *parent = nullptr);

    TrafficTableModel *model() const { return m_model; }
    ExplanationView *explanationView() const { return m_explanation; }
    FlowBodyView *bodyView() const { return m_body; }
    QAction *captureAction() const { return m_capture; }
    QAction *clearAction() const { return m_clear; }
    QAction *openChromiumAction() const { return m_openChromium; }
    QAction *exportHarAction() const { return m_exportHar; }
    QAction *importHarAction() const { return m_importHar; }
    QAction *exportCaAction() const { return m_exportCa; }
    QAction *rulesAction() const { return m_showRules; }
    QAction *fixWithRuleAction() const { return m_fixWithRule; }
    // Ctrl+F: the find bar, across URLs, headers and bodies of the flows listed.
    QAction *findAction() const { return m_findAction; }
    QLineEdit *findEdit() const { return m_find; }
    QString findStatusText() const;
    void setFindStatus(const QString &text, bool found);
    // Selects the flow's row (when the list shows it) and, when the match was in a body, opens
    // the Body tab on that side with the text selected.
    bool selectFlow(quint64 flowId);
    void showBodyMatch(bool requestSide, const QString &text);
    QTabWidget *detailTabs() const { return m_detailTabs; }
    RewriteRulesPanel *rulesPanel() const { return m_rulesPanel; }
    RestoreCaptureBanner *restoreBanner() const { return m_restoreBanner; }
    // Takes the banner out of this view's layout for a window that shows it above all its tabs;
    // the view (and its controller) keep driving it.
    RestoreCaptureBanner *releaseRestoreBanner();
    // The selected flow, if any.
    std::optional<quint64> currentFlowId() const;

    void setFilterText(const QString &text);
    // Applies the pending filter now rather than after the typing pause.
    void applyFilter();
    void setStatusText(const QString &text);
    // A long operation (an import) under way: a bar beside the status line, with its rate in
    // entries/s and Cancel. total may be an estimate that grows while a file is read.
    void showProgress(qsizetype done, qsizetype total);
    void hideProgress();
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelProgressButton() const { return m_cancelProgress; }
    // phases pairs with evaluation.exchanges, for the Flow tab's waterfall.
    void showEvaluation(const Evaluation &evaluation, const QList<ExchangePhases> &phases = {});
    void showNotCors(const QString &summary);
    void refreshSummary();

signals:
    void flowSelected(quint64 flowId);
    void findRequested(const QString &text, bool backwards);
    void progressCancelled();

private:
    void onCurrentRowChanged();
    // A refilter resets the model: the selected flow stays selected when it is still listed, and
    // when it is not, the detail pane says so instead of showing a flow the list no longer does.
    void keepSelectionAcrossReset();
    void showPlaceholder();

    TrafficTableModel *m_model;
    std::optional<quint64> m_selectedBeforeReset;
    QToolBar *m_toolBar;
    QAction *m_capture;
    QAction *m_clear;
    QAction *m_openChromium;
    QAction *m_exportHar;
    QAction *m_importHar;
    QAction *m_exportCa;
    QAction *m_showRules;
    QAction *m_fixWithRule;
    QLineEdit *m_filter;
    QWidget *m_findBar;
    QLineEdit *m_find;
    QLabel *m_findStatus;
    QAction *m_findAction;
    QLabel *m_filterError;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancelProgress;
    QElapsedTimer m_progressClock; // since the operation showing progress began, for entries/s
    QTimer *m_filterDelay;
    QTableView *m_table;
    QTabWidget *m_tabs;
    ExplanationView *m_explanation;
    FlowBodyView *m_body;
    QTabWidget *m_detailTabs;
    QLabel *m_notCors;
    TrafficSummaryView *m_summary;
    RewriteRulesPanel *m_rulesPanel;
    RestoreCaptureBanner *m_restoreBanner;
};

} // namespace Corscope
