#include "capture/flowjournal.h"
#include "loopbackhttpserver.h"
#include "models/explanationmodel.h"
#include "models/rewriterulesmodel.h"
#include "models/traffictablemodel.h"
#include "widgets/explanationview.h"
#include "widgets/flowbodyview.h"
#include "widgets/restorecapturebanner.h"
#include "widgets/rewriterulespanel.h"
#include "widgets/trafficcontroller.h"
#include "widgets/trafficsummaryview.h"
#include "widgets/trafficview.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <Qsci/qsciscintilla.h>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QSplitter>
#include <QHeaderView>
#include <QTest>
#include <QTimer>

using namespace Corscope;
using namespace Qt::StringLiterals;

class TestTrafficView : public QObject {
    Q_OBJECT

private:
    static TrafficEntry flow(quint64 id, const QByteArray &method, const QByteArray &host, bool blocked)
    {
        TrafficEntry e;
        e.flowId = id;
        e.method = method;
        e.url = QStringLiteral("https://%1/v1/%2").arg(QString::fromLatin1(host)).arg(id);
        e.verdict = blocked ? TrafficEntry::Verdict::Blocked : TrafficEntry::Verdict::Allowed;
        e.status = 200;
        e.facts.method = method;
        e.facts.host = host;
        e.facts.url = e.url.toUtf8();
        e.facts.crossOrigin = true;
        e.facts.blocked = blocked;
        e.facts.status = 200;
        return e;
    }

    static Flow capturedFlow(quint64 id, const QByteArray &allowOrigin)
    {
        Flow f;
        f.id = id;
        f.state = Flow::State::Complete;
        f.started = QDateTime::currentDateTimeUtc();
        f.method = "GET";
        f.url = QUrl(QStringLiteral("http://api.example/v1/%1").arg(id));
        f.requestHeaders = {{"Origin", "http://app.example"}};
        f.status = 200;
        f.reason = "OK";
        if (!allowOrigin.isEmpty())
            f.responseHeaders = {{"Access-Control-Allow-Origin", allowOrigin}};
        return f;
    }

    // A journal as a run killed mid-write leaves it: complete lines and a torn last one.
    static void writeCrashedJournal(const QString &path, int flows)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= flows; ++i)
            file.write(FlowJournal::serialize(capturedFlow(quint64(i), i % 2 ? "*" : "")) + '\n');
        file.write(FlowJournal::serialize(capturedFlow(99, "*")).left(40));
    }

    // The flows in the journal (its intact records); -1 when there is none.
    static int journalLines(const QString &path)
    {
        return QFile::exists(path) ? FlowJournal::count(path) : -1;
    }

    // A HAR of n cross-origin GETs, every third one blocked (no Access-Control-Allow-Origin).
    static QByteArray generatedHar(int entries)
    {
        QByteArray json =
            "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"test\"}, \"entries\": [";
        for (int i = 0; i < entries; ++i) {
            json += i ? "," : "";
            json += "{\"startedDateTime\": \"2026-11-20T09:14:03.001Z\", \"time\": 12, "
                    "\"request\": {\"method\": \"GET\", \"url\": \"https://api.example/v1/items/" +
                    QByteArray::number(i) +
                    "\", \"httpVersion\": \"HTTP/1.1\", \"headers\": [{\"name\": \"Origin\", \"value\": "
                    "\"https://app.example\"}], \"queryString\": [], \"cookies\": [], \"headersSize\": -1, "
                    "\"bodySize\": 0}, \"response\": {\"status\": 200, \"statusText\": \"OK\", "
                    "\"httpVersion\": \"HTTP/1.1\", \"headers\": [" +
                    QByteArray(i % 3 ? "{\"name\": \"Access-Control-Allow-Origin\", \"value\": \"*\"}" : "") +
                    "], \"cookies\": [], \"content\": {\"size\": 2, \"mimeType\": \"application/json\", "
                    "\"text\": \"{}\"}, \"redirectURL\": \"\", \"headersSize\": -1, \"bodySize\": 2}, "
                    "\"cache\": {}, \"timings\": {\"send\": 1, \"wait\": 10, \"receive\": 1}}";
        }
        return json + "]}}";
    }

    // One GET per body, the bodies given as JSON text (escaped as a HAR holds them).
    static QByteArray harWithBodies(const QList<QByteArray> &bodies)
    {
        QJsonArray entries;
        for (qsizetype i = 0; i < bodies.size(); ++i) {
            const QJsonObject request{
                {u"method"_s, u"GET"_s},
                {u"url"_s, u"https://api.example/v1/orders/%1"_s.arg(i)},
                {u"httpVersion"_s, u"HTTP/1.1"_s},
                {u"headers"_s, QJsonArray{QJsonObject{{u"name"_s, u"Origin"_s}, {u"value"_s, u"https://app.example"_s}}}},
                {u"queryString"_s, QJsonArray()}, {u"cookies"_s, QJsonArray()}, {u"headersSize"_s, -1}, {u"bodySize"_s, 0}};
            const QJsonObject response{
                {u"status"_s, 200}, {u"statusText"_s, u"OK"_s}, {u"httpVersion"_s, u"HTTP/1.1"_s},
                {u"headers"_s, QJsonArray{QJsonObject{{u"name"_s, u"Access-Control-Allow-Origin"_s}, {u"value"_s, u"*"_s}},
                                           QJsonObject{{u"name"_s, u"Content-Type"_s}, {u"value"_s, u"application/json"_s}}}},
                {u"cookies"_s, QJsonArray()},
                {u"content"_s, QJsonObject{{u"size"_s, bodies.at(i).size()}, {u"mimeType"_s, u"application/json"_s},
                                            {u"text"_s, QString::fromUtf8(bodies.at(i))}}},
                {u"redirectURL"_s, QString()}, {u"headersSize"_s, -1}, {u"bodySize"_s, bodies.at(i).size()}};
            entries.append(QJsonObject{{u"startedDateTime"_s, u"2026-11-20T09:14:03.001Z"_s}, {u"time"_s, 12},
                                       {u"request"_s, request}, {u"response"_s, response}, {u"cache"_s, QJsonObject()},
                                       {u"timings"_s, QJsonObject{{u"send"_s, 1}, {u"wait"_s, 10}, {u"receive"_s, 1}}}});
        }
        const QJsonObject log{{u"version"_s, u"1.2"_s}, {u"creator"_s, QJsonObject{{u"name"_s, u"test"_s}}},
                              {u"entries"_s, entries}};
        return QJsonDocument(QJsonObject{{u"log"_s, log}}).toJson();
    }

private slots:
    void theBodyTabShowsTheSelectedFlowsBodyIndented()
    {
        TrafficView view;
        view.resize(1200, 700);
        view.show();
        TrafficController controller(&view, QString());
        QSignalSpy finished(&controller, &TrafficController::importFinished);
        QVERIFY(controller.importHar(harWithBodies({"{\"b\":1,\"a\":[true]}"})));
        QVERIFY(finished.wait(10000));
        auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
        table->setCurrentIndex(view.model()->index(0, TrafficTableModel::Url));
        view.detailTabs()->setCurrentWidget(view.bodyView());
        QCOMPARE(view.bodyView()->bodyText(), QStringLiteral("{\n  \"b\": 1,\n  \"a\": [\n    true\n  ]\n}"));
        QVERIFY2(view.bodyView()->summaryText().startsWith(QStringLiteral("JSON · ")),
                 qPrintable(view.bodyView()->summaryText()));
        QCOMPARE(view.bodyView()->side(), FlowBodyView::Side::Response);
        // Nothing selected: the tab says so instead of keeping the last body.
        view.setFilterText(QStringLiteral("method:PUT"));
        view.applyFilter();
        QVERIFY(view.bodyView()->bodyText().isEmpty());
    }

    // Ctrl+F walks the listed flows holding the text (here only in bodies), wrapping around,
    // and shows where it was found with the text selected in the Body tab.
    void findInCaptureWalksTheFlowsHoldingTheText()
    {
        TrafficView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        TrafficController controller(&view, QString());
        QSignalSpy finished(&controller, &TrafficController::importFinished);
        QVERIFY(controller.importHar(harWithBodies({"{\"status\":\"queued\"}", "{\"status\":\"Shipped\"}",
                                                    "{\"note\":\"nothing\"}", "{\"status\":\"shipped\"}"})));
        QVERIFY(finished.wait(10000));
        auto *bar = view.findChild<QWidget *>(QStringLiteral("trafficFindBar"));
        QVERIFY(bar && !bar->isVisible());
        view.activateWindow();
        view.findChild<QTableView *>(QStringLiteral("trafficTable"))->setFocus();
        QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(bar->isVisible());
        QVERIFY(view.findEdit()->hasFocus());
        QTest::keyClicks(view.findEdit(), QStringLiteral("SHIPPED"));
        const auto rowShown = [&] { return view.model()->rowOfFlow(view.currentFlowId().value_or(0)); };
        QTest::keyClick(view.findEdit(), Qt::Key_Return);
        QCOMPARE(rowShown(), 1);
        QVERIFY2(view.findStatusText().startsWith(QStringLiteral("1 of 2 — in the response body of")),
                 qPrintable(view.findStatusText()));
        QCOMPARE(view.detailTabs()->currentWidget(), view.bodyView());
        QCOMPARE(view.bodyView()->findChild<QsciScintilla *>(QStringLiteral("bodyText"))->selectedText(),
                 QStringLiteral("Shipped"));
        QTest::keyClick(view.findEdit(), Qt::Key_Return);
        QCOMPARE(rowShown(), 3);
        QTest::keyClick(view.findEdit(), Qt::Key_Return); // past the last: back to the first
        QCOMPARE(rowShown(), 1);
        QTest::keyClick(view.findEdit(), Qt::Key_Return, Qt::ShiftModifier); // before the first: the last
        QCOMPARE(rowShown(), 3);
        QVERIFY2(view.findStatusText().startsWith(QStringLiteral("2 of 2")), qPrintable(view.findStatusText()));
        // In a URL too, and a text that is nowhere says so and leaves the selection.
        view.findEdit()->setText(QStringLiteral("orders/2"));
        QTest::keyClick(view.findEdit(), Qt::Key_Return);
        QCOMPARE(rowShown(), 2);
        QVERIFY2(view.findStatusText().contains(QStringLiteral("in the URL of")), qPrintable(view.findStatusText()));
        view.findEdit()->setText(QStringLiteral("delivered"));
        QTest::keyClick(view.findEdit(), Qt::Key_Return);
        QCOMPARE(rowShown(), 2);
        QVERIFY2(view.findStatusText().startsWith(QStringLiteral("Not found")), qPrintable(view.findStatusText()));
        QTest::keyClick(view.findEdit(), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
    }

    void aLargeHarImportsInBatchesWhileTheGuiStaysResponsive()
    {
        TrafficView view;
        view.resize(1000, 600);
        view.show();
        TrafficController controller(&view, QString());
        auto *progress = view.progressBar();

        // A timer on the GUI thread keeps firing while the worker reads and evaluates.
        QElapsedTimer sinceLastTick;
        qint64 longestGapMs = 0;
        int ticks = 0;
        QTimer heartbeat;
        heartbeat.setInterval(5);
        connect(&heartbeat, &QTimer::timeout, this, [&] {
            if (ticks++)
                longestGapMs = std::max(longestGapMs, sinceLastTick.elapsed());
            sinceLastTick.restart();
        });
        QList<int> progressSeen;
        QMetaObject::Connection watchProgress = connect(progress, &QProgressBar::valueChanged, this,
                                                        [&](int value) { progressSeen.append(value); });
        QSignalSpy finished(&controller, &TrafficController::importFinished);

        heartbeat.start();
        sinceLastTick.start();
        QVERIFY(controller.importHar(generatedHar(5000)));
        QVERIFY(progress->isVisible());
        QVERIFY(!view.importHarAction()->isEnabled());
        QVERIFY(!controller.importHar(generatedHar(1))); // one import at a time
        QVERIFY(finished.wait(60000));
        heartbeat.stop();
        disconnect(watchProgress);

        QCOMPARE(finished.first().at(0).toLongLong(), 5000);
        QCOMPARE(finished.first().at(2).toBool(), false);
        QCOMPARE(view.model()->rowCount(), 5000);
        QCOMPARE(view.model()->entryAt(0)->verdict, TrafficEntry::Verdict::Blocked);
        QCOMPARE(view.model()->entryAt(1)->verdict, TrafficEntry::Verdict::Allowed);
        QVERIFY2(progressSeen.size() >= 10, qPrintable(QString::number(progressSeen.size())));
        QVERIFY(std::is_sorted(progressSeen.begin(), progressSeen.end()));
        QCOMPARE(progressSeen.last(), 5000);
        QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
        // Reading 5,000 entries takes far longer than this; the GUI thread never waits on it.
        qInfo("import: %d heartbeat ticks, longest gap %lld ms, %lld progress updates", ticks, longestGapMs,
              qint64(progressSeen.size()));
        QVERIFY2(longestGapMs < 250, qPrintable(QString::number(longestGapMs)));
        QVERIFY(!progress->isVisible());
        QVERIFY(view.importHarAction()->isEnabled());
        QCOMPARE(view.findChild<QLabel *>(QStringLiteral("trafficStatus"))->text(),
                 QStringLiteral("Imported 5000 entries."));
    }

    void cancellingAnImportStopsIt()
    {
        TrafficView view;
        view.show();
        TrafficController controller(&view, QString());
        QSignalSpy finished(&controller, &TrafficController::importFinished);
        QVERIFY(controller.importHar(generatedHar(20000)));
        // The first rows arrive, then the user clicks Cancel.
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() > 0, 30000);
        if (!qEnvironmentVariableIsEmpty("CORSCOPE_SCREENSHOT_DIR"))
            view.grab().save(qEnvironmentVariable("CORSCOPE_SCREENSHOT_DIR") + QStringLiteral("/import.png"));
        QTest::mouseClick(view.cancelProgressButton(), Qt::LeftButton);
        const int rowsAtCancel = view.model()->rowCount();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(2).toBool(), true);
        QCOMPARE(view.model()->rowCount(), rowsAtCancel);
        QCOMPARE(finished.first().at(0).toLongLong(), rowsAtCancel);
        QVERIFY(rowsAtCancel < 20000);
        QVERIFY(!view.progressBar()->isVisible());
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("trafficStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Import cancelled")));
        // Nothing more arrives after the job is done.
        QTest::qWait(100);
        QCOMPARE(view.model()->rowCount(), rowsAtCancel);
        QVERIFY(controller.importHar(generatedHar(3)));
        QVERIFY(finished.wait(10000));
        QCOMPARE(view.model()->rowCount(), rowsAtCancel + 3);
    }

    void initTestCase()
    {
        // Controllers made without a journal path journal into the test's own data folder.
        QStandardPaths::setTestModeEnabled(true);
    }

    // Issue 19: at 1280x800 the flow list gets most of the height by default.
    void theFlowListGetsMostOfTheHeight()
    {
        TrafficView view;
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *split = view.findChild<QSplitter *>(QStringLiteral("trafficSplitter"));
        QVERIFY(split);
        const QList<int> sizes = split->sizes();
        QCOMPARE(sizes.size(), 2);
        QVERIFY2(sizes.at(0) > sizes.at(1), qPrintable(QStringLiteral("%1 vs %2").arg(sizes.at(0)).arg(sizes.at(1))));
    }

    // Issue 19: opening the Rules panel beside the list never pushes the CORS column out of sight.
    void theCorsColumnStaysInSightBesideTheRules()
    {
        TrafficView view;
        view.resize(1010, 680); // the Traffic tab in a 1280 px window with the History dock open
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.rulesAction()->setChecked(true);
        QTRY_VERIFY(view.rulesPanel()->isVisible());
        auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
        QVERIFY(table);
        QTRY_VERIFY(view.rulesPanel()->width() > view.width() / 4); // laid out beside the list
        QHeaderView *header = table->horizontalHeader();
        const int left = header->sectionViewportPosition(TrafficTableModel::Verdict);
        QVERIFY2(left >= 0 && left + header->sectionSize(TrafficTableModel::Verdict) <= table->viewport()->width(),
                 qPrintable(QStringLiteral("CORS column at %1+%2 in a %3 px wide list")
                                .arg(left)
                                .arg(header->sectionSize(TrafficTableModel::Verdict))
                                .arg(table->viewport()->width())));
    }

    void aCaptureThatDidNotEndCleanlyIsOfferedBack()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("capture.jsonl"));
        writeCrashedJournal(path, 3);
        {
            TrafficView view;
            view.resize(1000, 600);
            view.show();
            TrafficController controller(&view, path);
            auto *banner = view.restoreBanner();
            QVERIFY(banner->isVisible());
            QCOMPARE(banner->restoreButton()->text(),
                     QStringLiteral("Restore 3 flow(s) from the last capture"));
            QCOMPARE(view.model()->rowCount(), 0);
            if (!qEnvironmentVariableIsEmpty("CORSCOPE_SCREENSHOT_DIR"))
                view.grab().save(qEnvironmentVariable("CORSCOPE_SCREENSHOT_DIR") +
                                 QStringLiteral("/restore.png"));

            QSignalSpy restored(&controller, &TrafficController::importFinished);
            QTest::mouseClick(banner->restoreButton(), Qt::LeftButton);
            QVERIFY(!banner->isVisible());
            QVERIFY(restored.wait(10000));
            QCOMPARE(view.model()->rowCount(), 3);
            QCOMPARE(view.model()->entryAt(0)->verdict, TrafficEntry::Verdict::Allowed);
            QCOMPARE(view.model()->entryAt(1)->verdict, TrafficEntry::Verdict::Blocked);
            QCOMPARE(view.findChild<QLabel *>(QStringLiteral("trafficStatus"))->text(),
                     QStringLiteral("Restored 3 flow(s) from the last capture."));
            // Restored flows are journaled again, so a second crash keeps them too.
            QCOMPARE(journalLines(path), 3);
        }
        // That run ended cleanly: nothing is offered the next time.
        QVERIFY(!QFile::exists(path));
        TrafficView view;
        view.show();
        TrafficController controller(&view, path);
        QVERIFY(!view.restoreBanner()->isVisible());
    }

    // Issue 19, bug 3: a restored capture keeps the numbers the user saw (#4 names its preflight #3, not
    // #1000000003), the # column matches them to rows, and this run's flows are numbered after.
    void restoredFlowsKeepTheirNumbers()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("capture.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            Flow preflight = capturedFlow(3, "http://app.example");
            preflight.method = "OPTIONS";
            preflight.url = QUrl(QStringLiteral("http://api.example/v1/items"));
            preflight.status = 204;
            preflight.requestHeaders = {{"Origin", "http://app.example"},
                                        {"Access-Control-Request-Method", "PUT"}};
            preflight.responseHeaders = {{"Access-Control-Allow-Origin", "http://app.example"},
                                         {"Access-Control-Allow-Methods", "PUT"}};
            Flow request = capturedFlow(4, "http://app.example");
            request.method = "PUT";
            request.url = preflight.url;
            request.started = preflight.started.addMSecs(5);
            for (const Flow &flow : {capturedFlow(1, "*"), preflight, request})
                file.write(FlowJournal::serialize(flow) + '\n');
        }
        TrafficView view;
        view.resize(1200, 600);
        view.show();
        TrafficController controller(&view, path);
        QSignalSpy restored(&controller, &TrafficController::importFinished);
        QTest::mouseClick(view.restoreBanner()->restoreButton(), Qt::LeftButton);
        QVERIFY(restored.wait(10000));
        QCOMPARE(view.model()->rowCount(), 3);
        auto cell = [&view](int row, int column) {
            return view.model()->index(row, column).data().toString();
        };
        QCOMPARE(cell(0, TrafficTableModel::Number), QStringLiteral("#1"));
        QCOMPARE(cell(1, TrafficTableModel::Number), QStringLiteral("#3"));
        QCOMPARE(cell(2, TrafficTableModel::Number), QStringLiteral("#4"));
        QCOMPARE(cell(2, TrafficTableModel::Preflight), QStringLiteral("#3"));
        QCOMPARE(view.model()->headerData(TrafficTableModel::Number, Qt::Horizontal).toString(),
                 QStringLiteral("#"));

        // This run's capture numbers its flows after the restored ones.
        CorscopeTest::LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const CorscopeTest::LoopbackRequest &) {
            return CorscopeTest::LoopbackReply{CorscopeTest::LoopbackHttpServer::response(200, {}, "{}")};
        });
        controller.setCaDirectory(QString());
        QString error;
        QVERIFY2(controller.startCapture(0, &error), qPrintable(error));
        QProcess curl;
        curl.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-x"),
                                            QStringLiteral("http://") + controller.listenAddress(),
                                            api.url(QStringLiteral("/next")).toString()});
        QTRY_COMPARE_WITH_TIMEOUT(curl.state(), QProcess::NotRunning, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 4, 10000);
        QCOMPARE(cell(3, TrafficTableModel::Number), QStringLiteral("#5"));

        // HAR imports have a sequence of their own.
        QVERIFY(controller.importHar(generatedHar(2)));
        QVERIFY(restored.wait(10000));
        QCOMPARE(cell(4, TrafficTableModel::Number), QStringLiteral("H1"));
        QCOMPARE(cell(5, TrafficTableModel::Number), QStringLiteral("H2"));
    }

    // Issue 19, bug 4: a filter that hides the selected flow does not leave its explanation on
    // screen; one that keeps it keeps it selected.
    void aFilterThatHidesTheSelectedFlowSaysSo()
    {
        TrafficView view;
        view.resize(1200, 600);
        view.show();
        TrafficController controller(&view, QString());
        QSignalSpy finished(&controller, &TrafficController::importFinished);
        QVERIFY(controller.importHar(generatedHar(6)));
        QVERIFY(finished.wait(10000));
        auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
        auto *stack = qobject_cast<QStackedWidget *>(view.explanationView()->parentWidget());
        auto *notCors = view.findChild<QLabel *>(QStringLiteral("notCorsDetail"));
        QVERIFY(table && stack && notCors);
        // Row 4 (items/4) is allowed: every third entry is blocked.
        table->setCurrentIndex(view.model()->index(4, TrafficTableModel::Url));
        QTRY_COMPARE(stack->currentWidget(), view.explanationView());
        const quint64 selected = view.model()->entryAt(4)->flowId;

        // A filter that keeps it: still selected, still explained.
        view.setFilterText(QStringLiteral("allowed"));
        view.applyFilter();
        QVERIFY(view.model()->rowCount() < 6);
        QCOMPARE(view.currentFlowId(), std::optional<quint64>(selected));
        QCOMPARE(stack->currentWidget(), view.explanationView());

        // A filter that hides it: nothing selected, and the pane says why.
        view.setFilterText(QStringLiteral("blocked"));
        view.applyFilter();
        QVERIFY(!view.currentFlowId());
        QCOMPARE(stack->currentWidget(), notCors);
        QVERIFY2(notCors->text().contains(QStringLiteral("hidden by the filter")),
                 qPrintable(notCors->text()));
        QVERIFY(notCors->text().contains(TrafficTableModel::flowLabel(selected)));

        // Cleared again: the flow is back, and selected again is explained again.
        view.setFilterText(QString());
        view.applyFilter();
        QCOMPARE(view.model()->rowCount(), 6);
    }

    void aSecondWindowDoesNotShareTheJournal()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("capture.jsonl"));
        writeCrashedJournal(path, 2);
        TrafficView first;
        TrafficController owner(&first, path);
        QVERIFY(!first.restoreBanner()->isHidden());
        TrafficView second;
        TrafficController other(&second, path);
        QVERIFY(second.restoreBanner()->isHidden());
        QVERIFY2(second.findChild<QLabel *>(QStringLiteral("trafficStatus"))
                     ->text()
                     .contains(QStringLiteral("Another")),
                 qPrintable(second.findChild<QLabel *>(QStringLiteral("trafficStatus"))->text()));
    }

    void aDiscardedCaptureIsGone()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("capture.jsonl"));
        writeCrashedJournal(path, 2);
        {
            TrafficView view;
            view.show();
            TrafficController controller(&view, path);
            QVERIFY(view.restoreBanner()->isVisible());
            QTest::mouseClick(view.restoreBanner()->discardButton(), Qt::LeftButton);
            QVERIFY(!view.restoreBanner()->isVisible());
            QCOMPARE(view.model()->rowCount(), 0);
        }
        TrafficView view;
        view.show();
        TrafficController controller(&view, path);
        QVERIFY(!view.restoreBanner()->isVisible());
    }

    void aCaptureIsJournaledWhileItRuns()
    {
        CorscopeTest::LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const CorscopeTest::LoopbackRequest &) {
            return CorscopeTest::LoopbackReply{CorscopeTest::LoopbackHttpServer::response(200, {}, "{}")};
        });
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("capture.jsonl"));
        TrafficView view;
        TrafficController controller(&view, path);
        controller.setCaDirectory(QString());
        QString error;
        QVERIFY2(controller.startCapture(0, &error), qPrintable(error));
        for (int round = 0; round < 2; ++round) {
            QProcess curl;
            curl.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-x"),
                                                QStringLiteral("http://") + controller.listenAddress(),
                                                api.url(QStringLiteral("/data")).toString()});
            QTRY_COMPARE_WITH_TIMEOUT(curl.state(), QProcess::NotRunning, 20000);
            // A restarted proxy continues the ids: the second flow is a second row.
            controller.stopCapture();
            QVERIFY2(controller.startCapture(0, &error), qPrintable(error));
        }
        QTRY_COMPARE(view.model()->rowCount(), 2);
        QCOMPARE(journalLines(path), 2);
        QCOMPARE(FlowJournal::recover(path).size(), 2);
        controller.clear();
        QCOMPARE(journalLines(path), -1);
    }

    void typingAFilterNarrowsTheList()
    {
        TrafficView view;
        view.resize(1000, 700);
        view.show();
        view.model()->upsert(flow(1, "GET", "cdn.example", false));
        view.model()->upsert(flow(2, "PUT", "api.example", true));
        view.model()->upsert(flow(3, "DELETE", "api.example", false));
        auto *filter = view.findChild<QLineEdit *>(QStringLiteral("trafficFilter"));
        QVERIFY(filter);
        QTest::keyClicks(filter, QStringLiteral("host:api !blocked"));
        QTRY_COMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.model()->entryAt(0)->flowId, 3u);
        auto *status = view.findChild<QLabel *>(QStringLiteral("trafficStatus"));
        QCOMPARE(status->text(), QStringLiteral("1 of 3 flows shown"));
    }

    void aBadFilterSaysWhereAndKeepsTheList()
    {
        TrafficView view;
        view.show();
        view.model()->upsert(flow(1, "GET", "cdn.example", false));
        view.setFilterText(QStringLiteral("status:4x"));
        view.applyFilter();
        auto *error = view.findChild<QLabel *>(QStringLiteral("trafficFilterError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("column 8")), qPrintable(error->text()));
        QCOMPARE(view.model()->rowCount(), 1);
        view.setFilterText(QStringLiteral("status:2xx"));
        view.applyFilter();
        QVERIFY(!error->isVisible());
    }

    void selectingAFlowAsksForItsDetail()
    {
        TrafficView view;
        view.show();
        view.model()->upsert(flow(7, "PUT", "api.example", true));
        QSignalSpy selected(&view, &TrafficView::flowSelected);
        auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
        table->selectRow(0);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().toULongLong(), 7u);
    }

    void summaryFollowsTheFilter()
    {
        TrafficView view;
        view.show();
        view.model()->upsert(flow(1, "GET", "cdn.example", false));
        view.model()->upsert(flow(2, "PUT", "api.example", true));
        view.findChild<QTabWidget *>(QStringLiteral("trafficTabs"))->setCurrentIndex(1);
        auto *summary = view.findChild<TrafficSummaryView *>(QStringLiteral("trafficSummary"));
        QCOMPARE(summary->summary().size(), 2);
        QCOMPARE(summary->summary().first().host, QByteArray("api.example"));
        view.setFilterText(QStringLiteral("host:cdn"));
        view.applyFilter();
        QCOMPARE(summary->summary().size(), 1);
        QVERIFY(!summary->grab().isNull());
    }

    void capturedBrowserTrafficIsListedAndExplained()
    {
        CorscopeTest::LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const CorscopeTest::LoopbackRequest &) {
            return CorscopeTest::LoopbackReply{CorscopeTest::LoopbackHttpServer::response(200, {}, "{}")};
        });
        TrafficView view;
        view.show();
        TrafficController controller(&view);
        QTemporaryDir caDirectory;
        controller.setCaDirectory(caDirectory.path());
        QString error;
        QVERIFY2(controller.startCapture(0, &error), qPrintable(error));
        QVERIFY(view.captureAction()->isChecked());
        QProcess curl;
        curl.start(QStringLiteral("curl"),
                   {QStringLiteral("-s"), QStringLiteral("-x"),
                    QStringLiteral("http://") + controller.listenAddress(), QStringLiteral("-H"),
                    QStringLiteral("Origin: http://app.example"),
                    api.url(QStringLiteral("/data")).toString()});
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, 20000);
        QCOMPARE(view.model()->index(0, TrafficTableModel::Verdict).data().toString(),
                 QStringLiteral("blocked"));
        view.findChild<QTableView *>(QStringLiteral("trafficTable"))->selectRow(0);
        QVERIFY(view.explanationView()->model()->rowCount() > 0);
        view.setFilterText(QStringLiteral("!blocked"));
        view.applyFilter();
        QCOMPARE(view.model()->rowCount(), 0);

        // The capture exports as HAR with the verdict, and imports back as the same rows.
        const QByteArray har = controller.exportHar();
        QVERIFY(har.contains("\"_cors\""));
        controller.clear();
        view.setFilterText(QString());
        view.applyFilter();
        QCOMPARE(view.model()->rowCount(), 0);
        QSignalSpy imported(&controller, &TrafficController::importFinished);
        QVERIFY(controller.importHar(har));
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.first().at(1).toString(), QString());
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.model()->entryAt(0)->verdict, TrafficEntry::Verdict::Blocked);
        controller.stopCapture();
        QVERIFY(!view.captureAction()->isChecked());
        QTRY_COMPARE(curl.state(), QProcess::NotRunning);
    }

    void fixWithARuleTurnsABlockedFlowIntoAnAllowedOne()
    {
        CorscopeTest::LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const CorscopeTest::LoopbackRequest &) {
            return CorscopeTest::LoopbackReply{CorscopeTest::LoopbackHttpServer::response(200, {}, "{}")};
        });
        TrafficView view;
        view.resize(1200, 800);
        view.show();
        TrafficController controller(&view);
        controller.setCaDirectory(QString());
        QString error;
        QVERIFY2(controller.startCapture(0, &error), qPrintable(error));
        auto sendThroughProxy = [&](QByteArray *reply = nullptr) {
            QProcess curl;
            curl.start(QStringLiteral("curl"),
                       {QStringLiteral("-s"), QStringLiteral("-D"), QStringLiteral("-"), QStringLiteral("-x"),
                        QStringLiteral("http://") + controller.listenAddress(), QStringLiteral("-H"),
                        QStringLiteral("Origin: http://app.example"),
                        api.url(QStringLiteral("/data")).toString()});
            // The proxy runs on this thread: keep the event loop turning while curl talks to it.
            const bool finished =
                QTest::qWaitFor([&] { return curl.state() == QProcess::NotRunning; }, 20000);
            if (reply)
                *reply = curl.readAllStandardOutput();
            return finished;
        };
        QVERIFY(sendThroughProxy());
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, 20000);
        QCOMPARE(view.model()->entryAt(0)->verdict, TrafficEntry::Verdict::Blocked);

        auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
        QVERIFY(!view.fixWithRuleAction()->isEnabled());
        table->selectRow(0);
        QVERIFY(view.fixWithRuleAction()->isEnabled());
        view.fixWithRuleAction()->trigger();
        QCOMPARE(view.rulesPanel()->model()->rowCount(), 1);
        QVERIFY(view.rulesPanel()->isVisible());
        const RewriteRule &rule = view.rulesPanel()->model()->ruleAt(0);
        QCOMPARE(rule.method, QByteArray("GET"));
        QCOMPARE(rule.path, QStringLiteral("/data"));
        QCOMPARE(rule.host, QStringLiteral("127.0.0.1"));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("trafficStatus"))
                    ->text()
                    .contains(QStringLiteral("1 rule")));

        // The page reloads: the same request now passes, with the header the rule set.
        QByteArray reply;
        QVERIFY(sendThroughProxy(&reply));
        QVERIFY2(reply.toLower().contains("access-control-allow-origin: http://app.example"),
                 reply.constData());
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 2, 20000);
        QCOMPARE(view.model()->entryAt(1)->verdict, TrafficEntry::Verdict::Allowed);
        table->selectRow(1);
        QVERIFY(!view.fixWithRuleAction()->isEnabled());
        if (!qEnvironmentVariableIsEmpty("CORSCOPE_SCREENSHOT_DIR"))
            view.grab().save(qEnvironmentVariable("CORSCOPE_SCREENSHOT_DIR") + QStringLiteral("/rules.png"));

        // Unchecking the rule applies to the next request at once.
        view.rulesPanel()->model()->setData(view.rulesPanel()->model()->index(0, RewriteRulesModel::Name),
                                            Qt::Unchecked, Qt::CheckStateRole);
        QVERIFY(sendThroughProxy());
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 3, 20000);
        QCOMPARE(view.model()->entryAt(2)->verdict, TrafficEntry::Verdict::Blocked);
        controller.stopCapture();
    }

    void captureActionHasAShortcutAndLabel()
    {
        TrafficView view;
        QVERIFY(!view.captureAction()->shortcut().isEmpty());
        view.captureAction()->setChecked(true);
        QCOMPARE(view.captureAction()->text(), QStringLiteral("Stop capture"));
    }
};

QTEST_MAIN(TestTrafficView)
#include "tst_trafficview.moc"
