#include "mainwindow.h"

#include "app/privatefile.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/responsecomparisondialog.h"
#include "models/historymodel.h"
#include "playground/cachedpreflightrecheck.h"
#include "playground/demoapiserver.h"
#include "sender/sendsession.h"
#include "session/sessionfile.h"
#include "widgets/playgroundview.h"
#include "widgets/preflightcacheview.h"
#include "widgets/requestbuilder.h"
#include "widgets/restorecapturebanner.h"
#include "widgets/historydock.h"
#include "widgets/scenarioworkbench.h"
#include "widgets/splitterstates.h"
#include "widgets/trafficcontroller.h"
#include "widgets/trafficview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Corscope {

namespace {
const auto geometryKey = QStringLiteral("mainWindow/geometry");
const auto stateKey = QStringLiteral("mainWindow/state");
} // namespace

MainWindow::MainWindow(QSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_sessions{new SendSession(BrowserProfile::chromium(), this),
                 new SendSession(BrowserProfile::firefox(), this)}
    , m_tabs(new QTabWidget(this))
    , m_demoApi(new DemoApiServer(this))
    , m_playground(new PlaygroundView(*m_demoApi, this))
    , m_builder(new RequestBuilder(settings, m_sessions, this))
    , m_workbench(new ScenarioWorkbench(this))
    , m_cacheView(new PreflightCacheView(this))
    , m_history(new HistoryModel(this))
    , m_traffic(new TrafficView(this))
    , m_trafficController(new TrafficController(m_traffic, this))
{
    setWindowTitle(tr("Corscope"));
    setObjectName(QStringLiteral("mainWindow"));
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_playground, tr("&Playground"));
    m_tabs->addTab(m_builder, tr("&Request"));
    m_tabs->addTab(m_workbench, tr("E&xplain"));
    m_tabs->addTab(m_cacheView, tr("Preflight &cache"));
    m_tabs->addTab(m_traffic, tr("&Traffic"));
    m_tabs->setCurrentWidget(m_playground); // the first-start experience
    // A capture that did not end cleanly is offered back above every tab, wherever the app
    // opens; restoring it shows the Traffic tab the flows return to.
    RestoreCaptureBanner *restoreOffer = m_traffic->releaseRestoreBanner();
    connect(restoreOffer, &RestoreCaptureBanner::restoreRequested, this,
            [this] { m_tabs->setCurrentWidget(m_traffic); });
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(restoreOffer);
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    for (SendSession *session : std::as_const(m_sessions))
        m_cacheView->addSource(tr("Request tab · %1").arg(session->profile().displayName), session);
    // The Playground's server is ours: its current policy is known, so each entry can be asked
    // again (a cached "allowed" the server would refuse now is the Max-Age lesson).
    m_cacheView->addSource(tr("Playground · %1").arg(m_playground->session()->profile().displayName),
                           m_playground->session(), [this](const PreflightCacheEntry &entry) {
                               return CachedPreflightRecheck::refusedNow(entry, m_demoApi->policy(),
                                                                         m_playground->session()->profile());
                           });
    connect(m_demoApi, &DemoApiServer::policyChanged, m_cacheView, &PreflightCacheView::recheck);
    m_cacheView->setSession(m_builder->currentSession());
    connect(m_builder, &RequestBuilder::browserChanged, this,
            [this] { m_cacheView->setSession(m_builder->currentSession()); });
    connect(m_builder, &RequestBuilder::entryCompleted, m_history, &HistoryModel::append);
    createHistoryDock();
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
    file->addAction(tr("Open Se&ssion…"), this, &MainWindow::openSession);
    file->addAction(tr("Save Session &As…"), this, &MainWindow::saveSession);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    QAction *pasteCurl =
        edit->addAction(tr("&Paste cURL"), m_builder, &RequestBuilder::pasteCurlFromClipboard);
    pasteCurl->setObjectName(QStringLiteral("pasteCurlAction"));
    pasteCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    edit->addAction(tr("Copy as c&URL"), m_builder, &RequestBuilder::copyAsCurl);
    edit->addAction(tr("Copy as &fetch()"), m_builder, &RequestBuilder::copyAsFetch);
    edit->addSeparator();
    edit->addAction(m_compareAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
    view->addAction(m_historyDock->toggleAction());
    view->addSeparator();
    // Ctrl+1 … Ctrl+5 go to the tabs in order, as in a browser.
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *go =
            view->addAction(m_tabs->tabText(i).remove(u'&'), this, [this, i] { m_tabs->setCurrentIndex(i); });
        go->setObjectName(QStringLiteral("showTab%1").arg(i + 1));
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

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
    // A scenario holds the request's headers, its Authorization and Cookie among them: private,
    // and replaced whole (QSaveFile) so a failed save leaves the old one.
    QSaveFile file(path);
    QString error;
    if (!PrivateFile::open(file, QIODevice::WriteOnly, &error))
        QMessageBox::warning(this, tr("Save Scenario"), error);
    else if (file.write(m_workbench->scenarioText()) < 0 || !file.commit())
        QMessageBox::warning(this, tr("Save Scenario"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
}

void MainWindow::createHistoryDock()
{
    m_historyDock = new HistoryDock(m_history, m_settings, this);
    m_compareAction = m_historyDock->compareAction();
    connect(m_historyDock, &HistoryDock::entryActivated, this, [this](int row) {
        m_builder->showEntry(m_history->entry(row));
        m_tabs->setCurrentWidget(m_builder);
    });
    connect(m_historyDock, &HistoryDock::compareRequested, this, [this](int older, int newer) {
        auto *dialog = new ResponseComparisonDialog(m_history->entry(older), m_history->entry(newer), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    addDockWidget(Qt::LeftDockWidgetArea, m_historyDock);
    m_historyDock->hide(); // until there is history: see applyStartVisibility()
    // Always on screen, with the count, even while the dock is put away.
    auto *toggle = new QToolButton(this);
    toggle->setObjectName(QStringLiteral("historyToggle"));
    toggle->setDefaultAction(m_historyDock->toggleAction());
    toggle->setAutoRaise(true);
    statusBar()->addPermanentWidget(toggle);
}

void MainWindow::openSession()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Session"), {}, tr("Corscope sessions (*.json)"));
    QString error;
    if (!path.isEmpty() && !openSessionFile(path, &error))
        QMessageBox::warning(this, tr("Open Session"), error);
}

void MainWindow::saveSession()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Session"), {}, tr("Corscope sessions (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveSessionFile(path, &error))
        QMessageBox::warning(this, tr("Save Session"), error);
}

bool MainWindow::openSessionFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    SessionFileError readError;
    std::optional<QList<SessionEntry>> entries = SessionFile::read(file.readAll(), &readError);
    if (!entries) {
        *error = tr("Cannot open %1: %2").arg(path, readError.toString());
        return false;
    }
    m_history->setEntries(std::move(*entries));
    return true;
}

bool MainWindow::saveSessionFile(const QString &path, QString *error) const
{
    // Every request sent, with its credentials and cookies, and what came back: the owner's alone.
    QSaveFile file(path);
    if (!PrivateFile::open(file, QIODevice::WriteOnly, error))
        return false;
    if (file.write(SessionFile::write(m_history->entries())) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(m_settings.value(geometryKey).toByteArray()))
        resize(firstStartSize());
    SplitterStates::restore(this, m_settings);
    restoreState(m_settings.value(stateKey).toByteArray()); // the dock's place and size
    m_historyDock->applyStartVisibility();
}

QSize MainWindow::firstStartSize() const
{
    // Roomy where the screen allows, never larger than it: a window reaching past the bottom
    // of a 1024×680 screen hides Send.
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QSize preferred(1280, 800);
    return screen ? preferred.boundedTo(screen->availableGeometry().size()) : preferred;
}

void MainWindow::saveWindowState()
{
    m_settings.setValue(geometryKey, saveGeometry());
    m_settings.setValue(stateKey, saveState());
    SplitterStates::save(this, m_settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    event->accept();
}

} // namespace Corscope
