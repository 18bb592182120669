#include "mainwindow.h"
#include "widgets/trafficview.h"
#include "dialogs/responsecomparisondialog.h"
#include "models/headerdiffmodel.h"
#include "widgets/headerdiffview.h"
#include "models/explanationmodel.h"
#include "models/historymodel.h"
#include "widgets/explanationview.h"
#include "widgets/requestbuilder.h"
#include "widgets/playgroundview.h"
#include "widgets/scenarioworkbench.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <Qsci/qsciscintilla.h>
#include <sys/stat.h>

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    // Explains a request to url against pasted response headers; it lands in the history.
    static void explainOffline(Corscope::RequestBuilder *builder, const QString &url, const QString &response)
    {
        builder->setOffline(true);
        builder->findChild<QLineEdit *>(QStringLiteral("url"))->setText(url);
        builder->findChild<QsciScintilla *>(QStringLiteral("responseHeaders"))->setText(response);
        builder->run();
    }

private slots:
    void hasTitleAndMenus()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Corscope::MainWindow window(settings);
        QCOMPARE(window.windowTitle(), QStringLiteral("Corscope"));
        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"),
                                     QStringLiteral("&View"), QStringLiteral("&Help")}));
    }

    void opensOnThePlayground()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Corscope::MainWindow window(settings);
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(tabs->currentWidget(), window.playground());
        QCOMPARE(tabs->indexOf(window.requestBuilder()), 1);
        QCOMPARE(tabs->indexOf(window.workbench()), 2);
    }

    void ctrlDigitsSwitchTabs()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Corscope::MainWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
        QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(window.trafficView()));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(window.requestBuilder()));
    }

    void remembersGeometryAcrossRuns()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        {
            Corscope::MainWindow window(settings);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1011, 655);
            QTRY_COMPARE(window.size(), QSize(1011, 655));
            window.close();
        }
        settings.sync();
        Corscope::MainWindow again(settings);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1011, 655));
    }

    void remembersWhereTheSplittersWereLeft()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        QList<int> moved;
        {
            Corscope::MainWindow window(settings);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *split = window.playground()->findChild<QSplitter *>(QStringLiteral("playgroundSplitter"));
            QVERIFY(split);
            QList<int> sizes = split->sizes();
            sizes[0] += 120;
            sizes[2] -= 120;
            split->setSizes(sizes);
            moved = split->sizes();
            window.close();
        }
        Corscope::MainWindow again(settings);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.playground()->findChild<QSplitter *>(QStringLiteral("playgroundSplitter"))->sizes(), moved);
    }

    void historyReopensAnEntryIntoTheBuilder()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Corscope::MainWindow window(settings);
        Corscope::RequestBuilder *builder = window.requestBuilder();
        explainOffline(builder, QStringLiteral("https://api.example/first"),
                       QStringLiteral("Access-Control-Allow-Origin: https://app.example\n"));
        explainOffline(builder, QStringLiteral("https://api.example/second"),
                       QStringLiteral("HTTP/1.1 500 Internal Server Error\n"));
        auto *url = builder->findChild<QLineEdit *>(QStringLiteral("url"));
        auto *response = builder->findChild<QsciScintilla *>(QStringLiteral("responseHeaders"));
        QCOMPARE(window.history()->rowCount(), 2);
        QVERIFY(!builder->explanationView()->model()->evaluation().allowed());

        auto *list = window.findChild<QTreeView *>(QStringLiteral("historyView"));
        QVERIFY(list);
        list->setCurrentIndex(window.history()->index(0, 0));
        QCOMPARE(url->text(), QStringLiteral("https://api.example/first"));
        QVERIFY(builder->explanationView()->model()->evaluation().allowed());
        QVERIFY(response->text().contains(QLatin1String("Access-Control-Allow-Origin: https://app.example")));
    }

    void twoHistoryEntriesCompareTheirResponses()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Corscope::MainWindow window(settings);
        // The same API before and after a deploy that dropped its CORS header.
        explainOffline(window.requestBuilder(), QStringLiteral("https://api.example/v1"),
                       QStringLiteral("Access-Control-Allow-Origin: https://app.example\nVary: Origin\n"));
        explainOffline(window.requestBuilder(), QStringLiteral("https://api.example/v1"),
                       QStringLiteral("Vary: Origin\nX-Cache: HIT\n"));

        auto *list = window.findChild<QTreeView *>(QStringLiteral("historyView"));
        auto *compare = window.findChild<QAction *>(QStringLiteral("compareResponsesAction"));
        QVERIFY(list && compare);
        list->selectionModel()->select(window.history()->index(0, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(!compare->isEnabled()); // one entry is nothing to compare
        list->selectionModel()->select(window.history()->index(1, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(compare->isEnabled());
        compare->trigger();

        auto *dialog = window.findChild<Corscope::ResponseComparisonDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        Corscope::HeaderDiffModel *diff = dialog->diffView()->diffModel();
        QCOMPARE(diff->changedCount(), 2); // Access-Control-Allow-Origin gone, X-Cache new
        QVERIFY(diff->headerData(Corscope::HeaderDiffModel::Left, Qt::Horizontal).toString().contains(
            QStringLiteral("allowed")));
        QVERIFY(diff->headerData(Corscope::HeaderDiffModel::Right, Qt::Horizontal).toString().contains(
            QStringLiteral("blocked")));
    }

    void sessionSavedAndOpenedAgainFillsTheHistory()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        const QString path = dir.filePath(QStringLiteral("session.json"));
        QString error;
        {
            Corscope::MainWindow window(settings);
            Corscope::RequestBuilder *builder = window.requestBuilder();
            builder->setOffline(true);
            builder->selectBrowser(QStringLiteral("firefox"));
            builder->findChild<QLineEdit *>(QStringLiteral("url"))
                ->setText(QStringLiteral("https://api.example/s"));
            builder->findChild<QsciScintilla *>(QStringLiteral("responseHeaders"))
                ->setText(QStringLiteral("Access-Control-Allow-Origin: *\n"));
            builder->run();
            QVERIFY2(window.saveSessionFile(path, &error), qPrintable(error));
        }
        Corscope::MainWindow window(settings);
        QVERIFY(!window.openSessionFile(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY(error.startsWith(QLatin1String("Cannot read")));
        QVERIFY2(window.openSessionFile(path, &error), qPrintable(error));
        QCOMPARE(window.history()->rowCount(), 1);
        QCOMPARE(window.history()->entry(0).browser, QStringLiteral("firefox"));
        QVERIFY(window.history()->entry(0).evaluation.allowed());
        window.findChild<QTreeView *>(QStringLiteral("historyView"))
            ->setCurrentIndex(window.history()->index(0, 0));
        QCOMPARE(window.requestBuilder()->browserId(), QStringLiteral("firefox"));
        QVERIFY(window.requestBuilder()->isOffline());
    }

    void pasteCurlActionReadsTheClipboard()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Corscope::MainWindow window(settings);
        auto *paste = window.findChild<QAction *>(QStringLiteral("pasteCurlAction"));
        QVERIFY(paste);
        QCOMPARE(paste->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+V")));
        QGuiApplication::clipboard()->setText(QStringLiteral("curl https://clip.example/c -X DELETE"));
        paste->trigger();
        QCOMPARE(window.requestBuilder()->findChild<QLineEdit *>(QStringLiteral("url"))->text(),
                 QStringLiteral("https://clip.example/c"));
        QGuiApplication::clipboard()->setText(QStringLiteral("echo hello"));
        paste->trigger();
        QVERIFY(window.requestBuilder()->statusText().startsWith(QLatin1String("Not a cURL command")));
    }

    // A session file holds every request sent, credentials included: 0600 in a 0700 folder it
    // creates, whatever the umask (issue 15 §3), and an older file others could read is narrowed.
    void sessionFileIsPrivateWhateverTheUmask()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Corscope::MainWindow window(settings);
        auto mode = [](const QString &path) {
            struct stat info = {};
            return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
        };
        const QString folder = dir.filePath(QStringLiteral("sessions"));
        const QString path = folder + QStringLiteral("/session.json");
        QString error;
        const mode_t previous = ::umask(0);
        const bool saved = window.saveSessionFile(path, &error);
        const bool savedAgain = saved && ::chmod(QFile::encodeName(path).constData(), 0644) == 0 &&
                                window.saveSessionFile(path, &error);
        ::umask(previous);
        QVERIFY2(savedAgain, qPrintable(error));
        QCOMPARE(mode(path), 0600);
        QCOMPARE(mode(folder), 0700);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
