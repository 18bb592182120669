#pragma once

#include <QMainWindow>

class QAction;
class QSettings;
class QTabWidget;

namespace Corscope {

class HistoryDock;
class HistoryModel;
class PreflightCacheView;
class RequestBuilder;
class DemoApiServer;
class PlaygroundView;
class ScenarioWorkbench;
class SendSession;
class TrafficController;
class TrafficView;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Settings come from the caller so tests can use a throw-away file.
    explicit MainWindow(QSettings &settings, QWidget *parent = nullptr);

    ScenarioWorkbench *workbench() const { return m_workbench; }
    RequestBuilder *requestBuilder() const { return m_builder; }
    TrafficView *trafficView() const { return m_traffic; }
    TrafficController *trafficController() const { return m_trafficController; }
    HistoryModel *history() const { return m_history; }
    HistoryDock *historyDock() const { return m_historyDock; }
    PreflightCacheView *preflightCacheView() const { return m_cacheView; }

    // The file part of Open/Save Session, without the dialogs; false with a message on failure.
    bool openSessionFile(const QString &path, QString *error);
    bool saveSessionFile(const QString &path, QString *error) const;
    PlaygroundView *playground() const { return m_playground; }

public slots:
    void showAbout();
    void openScenario();
    void saveScenario();
    void openSession();
    void saveSession();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreWindowState();
    void saveWindowState();
    void createHistoryDock();
    QSize firstStartSize() const;

    QSettings &m_settings;
    QAction *m_compareAction = nullptr;
    // One browser tab per profile: each keeps its own preflight cache and connections.
    QList<SendSession *> m_sessions;
    QTabWidget *m_tabs;
    DemoApiServer *m_demoApi; // started with the window: the playground's live server
    PlaygroundView *m_playground;
    RequestBuilder *m_builder;
    ScenarioWorkbench *m_workbench;
    PreflightCacheView *m_cacheView;
    HistoryModel *m_history;
    HistoryDock *m_historyDock = nullptr;
    TrafficView *m_traffic;
    TrafficController *m_trafficController;
};

} // namespace Corscope
