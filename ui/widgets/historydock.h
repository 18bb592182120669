#pragma once

#include <QDockWidget>

class QAction;
class QSettings;
class QTreeView;

namespace Corscope {

class HistoryModel;

// The History dock and the user's say over it. It stays out of the way until there is history:
// hidden at start while the history is empty, shown by the first entry — unless the user closed
// it, a choice remembered across runs, so a later send never forces it open again. toggleAction()
// ("History (3)") opens and closes it from the View menu and the status bar.
class HistoryDock : public QDockWidget {
    Q_OBJECT

public:
    HistoryDock(HistoryModel *history, QSettings &settings, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QAction *toggleAction() const { return m_toggle; }
    QAction *compareAction() const { return m_compare; }

    // After QMainWindow::restoreState, which brings back the dock's place and size: whether it
    // shows now follows the history and the user's remembered choice, not the last run's state.
    void applyStartVisibility();

    void setVisible(bool visible) override;

signals:
    void entryActivated(int row);
    void compareRequested(int olderRow, int newerRow);

protected:
    void closeEvent(QCloseEvent *event) override; // the title bar's close button: the user's choice

private:
    enum class Choice { None, Opened, Closed };
    void setChoice(Choice choice);
    void historyChanged();

    HistoryModel *m_history;
    QSettings &m_settings;
    QTreeView *m_view;
    QAction *m_toggle;
    QAction *m_compare;
    Choice m_choice = Choice::None;
};

} // namespace Corscope
