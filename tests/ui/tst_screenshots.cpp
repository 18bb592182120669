// Renders every view of the main window, with real data, to PNG files so a change in how they
// look can be seen: CTest runs this under xvfb-run on the xcb platform (a real X server, real
// fonts) and leaves the images in BUILD/screenshots. Each image is also checked for being a
// painted window rather than an empty or single-colour surface, and the data it shows is
// asserted, so a view that stops rendering fails here.

#include "loopbackhttpserver.h"
#include "mainwindow.h"
#include "models/explanationmodel.h"
#include "models/preflightcachetablemodel.h"
#include "models/rewriterulesmodel.h"
#include "models/traffictablemodel.h"
#include "playground/playgroundlesson.h"
#include "sender/sendresult.h"
#include "session/sessionentry.h"
#include "widgets/explanationview.h"
#include "widgets/playgroundview.h"
#include "widgets/preflightcacheview.h"
#include "widgets/requestbuilder.h"
#include "widgets/rewriterulespanel.h"
#include "widgets/scenarioworkbench.h"
#include "widgets/sequencediagramview.h"
#include "widgets/flowbodyview.h"
#include "widgets/trafficcontroller.h"
#include "widgets/trafficview.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;
using CorscopeTest::LoopbackHttpServer;
using CorscopeTest::LoopbackReply;
using CorscopeTest::LoopbackRequest;

namespace {

// An API whose preflight allows PUT with Content-Type for https://app.example, cached for ten
// minutes, but not the X-Trace header a newer client sends: the classic "new header" failure.
LoopbackReply api(const LoopbackRequest &request)
{
    if (request.method == "OPTIONS")
        return {LoopbackHttpServer::response(204,
                                             {{"Access-Control-Allow-Origin", "https://app.example"},
                                              {"Access-Control-Allow-Methods", "GET, PUT"},
                                              {"Access-Control-Allow-Headers", "content-type"},
                                              {"Access-Control-Max-Age", "600"},
                                              {"Vary", "Origin"}},
                                             {}, "No Content")};
    return {LoopbackHttpServer::response(200,
                                         {{"Access-Control-Allow-Origin", "https://app.example"},
                                          {"Content-Type", "application/json"},
                                          {"Vary", "Origin"}},
                                         request.target == "/api/items"
                                             ? QByteArray("[{\"id\":1,\"name\":\"Blue widget\",\"stock\":12},"
                                                          "{\"id\":2,\"name\":\"Red widget\",\"stock\":0,"
                                                          "\"tags\":[\"sale\",\"new\"]}]")
                                             : QByteArray("{\"id\":1}"))};
}

// How many different colours a grid of samples finds: an unpainted or blank surface has one
// or two, a window with text, icons and frames has dozens.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TestScreenshots : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QDir m_output;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    LoopbackHttpServer m_server;
    QTabWidget *m_tabs = nullptr;

    void save(const QString &name)
    {
        QTest::qWait(50); // let queued layout and repaint events settle
        const QImage image = m_window->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY2(image.width() >= m_window->width() && image.height() >= m_window->height(),
                 qPrintable(name));
        const int colours = distinctColours(image);
        QVERIFY2(colours >= 12, qPrintable(QStringLiteral("%1 looks blank: %2 colours").arg(name).arg(colours)));
        const QString path = m_output.filePath(name + QStringLiteral(".png"));
        QVERIFY2(image.save(path), qPrintable(path));
        qInfo("%s: %dx%d, %d colours", qPrintable(path), image.width(), image.height(), colours);
    }

    // Runs "Copy as cURL" text through the Request tab and waits for the result.
    void sendFromBuilder(const QString &curl)
    {
        RequestBuilder *builder = m_window->requestBuilder();
        QVERIFY(builder->importCurl(curl));
        QSignalSpy completed(builder, &RequestBuilder::entryCompleted);
        builder->send();
        QVERIFY(completed.wait(15000));
    }

    QString itemUrl() const { return m_server.origin() + QStringLiteral("/api/items/1"); }

    void showResultView(ExplanationView *view, int index)
    {
        auto *views = view->findChild<QTabWidget *>(QStringLiteral("resultViews"));
        QVERIFY(views);
        views->setCurrentIndex(index);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_output.setPath(qEnvironmentVariable("CORSCOPE_BINARY_DIR", QDir::currentPath()));
        QVERIFY(m_output.mkpath(QStringLiteral("screenshots")));
        QVERIFY(m_output.cd(QStringLiteral("screenshots")));
        m_server.setHandler(api);
        QVERIFY(m_server.listenLoopback());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                 QSettings::IniFormat);
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_tabs = m_window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
        QVERIFY(m_tabs);
    }

    void playground()
    {
        PlaygroundView *playground = m_window->playground();
        QCOMPARE(m_tabs->currentWidget(), playground); // where a new user lands
        playground->selectLesson(1);                    // a custom header not in Allow-Headers
        QSignalSpy finished(playground, &PlaygroundView::sendFinished);
        playground->send();
        QVERIFY(finished.wait(15000));
        QVERIFY(playground->explanationView()->verdictText().contains(QStringLiteral("locked")));
        save(QStringLiteral("playground"));
    }

    void preflightCache()
    {
        m_tabs->setCurrentWidget(m_window->requestBuilder());
        // The request the server was built for: its preflight is cached for ten minutes.
        sendFromBuilder(QStringLiteral("curl '%1' -X PUT -H 'Origin: https://app.example' "
                                       "-H 'Content-Type: application/json' --data-raw '{\"id\":1}'")
                            .arg(itemUrl()));
        m_tabs->setCurrentWidget(m_window->preflightCacheView());
        QTRY_COMPARE(m_window->preflightCacheView()->model()->rowCount(), 1);
        save(QStringLiteral("preflight-cache"));
    }

    void requestBuilderAndResultViews()
    {
        m_tabs->setCurrentWidget(m_window->requestBuilder());
        // A newer client adds a header the cached preflight does not cover.
        sendFromBuilder(QStringLiteral("curl '%1' -X PUT -H 'Origin: https://app.example' "
                                       "-H 'Content-Type: application/json' -H 'X-Trace: 7f3a' "
                                       "--data-raw '{\"id\":1}'")
                            .arg(itemUrl()));
        ExplanationView *view = m_window->requestBuilder()->explanationView();
        QVERIFY(view->verdictText().contains(QStringLiteral("locked")));
        QVERIFY(view->consoleText().contains(QStringLiteral("x-trace")));
        showResultView(view, 0);
        save(QStringLiteral("request-builder"));
        showResultView(view, 1);
        save(QStringLiteral("flow"));
        showResultView(view, 2);
        save(QStringLiteral("header-diff"));
        showResultView(view, 3);
        save(QStringLiteral("raw"));
        showResultView(view, 0);
    }

    void explainWorkbench()
    {
        m_tabs->setCurrentWidget(m_window->workbench());
        save(QStringLiteral("explain"));
    }

    void trafficAndSummary()
    {
        m_tabs->setCurrentWidget(m_window->trafficView());
        TrafficController *controller = m_window->trafficController();
        QString error;
        QVERIFY2(controller->startCapture(0, &error), qPrintable(error));
        const QString proxy = QStringLiteral("http://") + controller->listenAddress();
        const QString url = itemUrl();
        const auto curl = [&](const QStringList &arguments) {
            QProcess process;
            process.start(QStringLiteral("curl"),
                          QStringList{QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                                      QStringLiteral("-x"), proxy}
                              + arguments);
            QVERIFY(process.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 15000);
        };
        const QString origin = QStringLiteral("Origin: https://app.example");
        curl({QStringLiteral("-X"), QStringLiteral("OPTIONS"), QStringLiteral("-H"), origin, QStringLiteral("-H"),
              QStringLiteral("Access-Control-Request-Method: PUT"), QStringLiteral("-H"),
              QStringLiteral("Access-Control-Request-Headers: content-type,x-trace"), url});
        curl({QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("-H"), origin, QStringLiteral("-H"),
              QStringLiteral("Content-Type: application/json"), QStringLiteral("-H"),
              QStringLiteral("X-Trace: 7f3a"), QStringLiteral("--data-raw"), QStringLiteral("{}"), url});
        curl({QStringLiteral("-H"), origin, m_server.origin() + QStringLiteral("/api/items")});
        TrafficView *traffic = m_window->trafficView();
        QTRY_VERIFY_WITH_TIMEOUT(traffic->model()->rowCount() >= 3, 10000);
        auto *table = traffic->findChild<QTableView *>(QStringLiteral("trafficTable"));
        // The PUT curl sent despite its failed preflight: paired with it, and blocked.
        int blockedRow = -1;
        for (int row = 0; row < traffic->model()->rowCount(); ++row) {
            const TrafficEntry *entry = traffic->model()->entryAt(row);
            if (entry->method == "PUT" && entry->verdict == TrafficEntry::Verdict::Blocked && entry->pairedFlowId)
                blockedRow = row;
        }
        QVERIFY(blockedRow >= 0);
        table->selectRow(blockedRow);
        QTRY_VERIFY(traffic->explanationView()->verdictText().contains(QStringLiteral("locked")));
        save(QStringLiteral("traffic"));
        // The proxy's timings reach the Flow tab's waterfall.
        const QList<SequenceArrow> arrows = traffic->explanationView()->sequenceView()->arrows();
        QVERIFY(std::any_of(arrows.begin(), arrows.end(),
                            [](const SequenceArrow &arrow) { return arrow.phases.waitUs >= 0; }));
        traffic->fixWithRuleAction()->trigger(); // the rules appear in the Rules panel
        QTRY_VERIFY(traffic->rulesPanel()->isVisible());
        QVERIFY(traffic->rulesPanel()->model()->rowCount() >= 1);
        save(QStringLiteral("traffic-rules"));
        auto *tabs = traffic->findChild<QTabWidget *>(QStringLiteral("trafficTabs"));
        tabs->setCurrentIndex(1);
        save(QStringLiteral("traffic-summary"));
        tabs->setCurrentIndex(0);
        // The list's JSON answer in the Body tab, found with Ctrl+F.
        traffic->rulesAction()->setChecked(false);
        traffic->findAction()->trigger();
        traffic->findEdit()->setText(QStringLiteral("red widget"));
        QTest::keyClick(traffic->findEdit(), Qt::Key_Return);
        QTRY_COMPARE(traffic->detailTabs()->currentWidget(), static_cast<QWidget *>(traffic->bodyView()));
        QVERIFY2(traffic->bodyView()->summaryText().startsWith(QStringLiteral("JSON")),
                 qPrintable(traffic->bodyView()->summaryText()));
        save(QStringLiteral("traffic-body"));
        traffic->detailTabs()->setCurrentIndex(0);
        controller->stopCapture();
    }

    void cleanupTestCase()
    {
        m_window.reset(); // stops the demo API and the proxy before the server goes
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
