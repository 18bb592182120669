#include "mainwindow.h"

#include "dialogs/aboutdialog.h"
#include "playground/demoapiserver.h"
#include "widgets/playgroundview.h"
#include "widgets/scenarioworkbench.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>

namespace Corscope {

namespace {
const auto geometryKey = QStringLiteral("mainWindow/geometry");
const auto stateKey = QStringLiteral("mainWindow/state");
} // namespace

MainWindow::MainWindow(QSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
    , m_demoApi(new DemoApiServer(this))
    , m_playground(new PlaygroundView(*m_demoApi, this))
    , m_workbench(new ScenarioWorkbench(this))
{
    setWindowTitle(tr("Corscope"));
    setObjectName(QStringLiteral("mainWindow"));
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_playground, tr("&Playground"));
    m_tabs->addTab(m_workbench, tr("E&xplain"));
    m_tabs->setCurrentWidget(m_playground); // the first-start experience
    setCentralWidget(m_tabs);
    createMenus();
    restoreWindowState();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *open = file->addAction(tr("&Open Scenario…"), this, &MainWindow::openScenario);
    open->setShortcut(QKeySequence::Open);
    QAction *save = file->addAction(tr("&Save Scenario As…"), this, &MainWindow::saveScenario);
    save->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(tr("&About Corscope"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openScenario()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Scenario"), {}, tr("Scenarios (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open Scenario"),
                             tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    m_workbench->loadScenarioText(file.readAll());
}

void MainWindow::saveScenario()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Scenario"), {}, tr("Scenarios (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_workbench->scenarioText()) < 0)
        QMessageBox::warning(this, tr("Save Scenario"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(m_settings.value(geometryKey).toByteArray()))
        resize(1200, 800);
    restoreState(m_settings.value(stateKey).toByteArray());
}

void MainWindow::saveWindowState()
{
    m_settings.setValue(geometryKey, saveGeometry());
    m_settings.setValue(stateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    event->accept();
}

} // namespace Corscope
