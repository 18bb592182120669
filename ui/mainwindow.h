#pragma once

#include <QMainWindow>

class QSettings;
class QTabWidget;

namespace Corscope {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Settings come from the caller so tests can use a throw-away file.
    explicit MainWindow(QSettings &settings, QWidget *parent = nullptr);

public slots:
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreWindowState();
    void saveWindowState();

    QSettings &m_settings;
    QTabWidget *m_tabs;
};

} // namespace Corscope
