#pragma once

#include <QMainWindow>

class QSettings;
class QTabWidget;

namespace Corscope {

class DemoApiServer;
class PlaygroundView;
class ScenarioWorkbench;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Settings come from the caller so tests can use a throw-away file.
    explicit MainWindow(QSettings &settings, QWidget *parent = nullptr);

    ScenarioWorkbench *workbench() const { return m_workbench; }
    PlaygroundView *playground() const { return m_playground; }

public slots:
    void showAbout();
    void openScenario();
    void saveScenario();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreWindowState();
    void saveWindowState();

    QSettings &m_settings;
    QTabWidget *m_tabs;
    DemoApiServer *m_demoApi; // started with the window: the playground's live server
    PlaygroundView *m_playground;
    ScenarioWorkbench *m_workbench;
};

} // namespace Corscope
