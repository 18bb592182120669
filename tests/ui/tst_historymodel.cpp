#include "models/historymodel.h"
#include "session/sessionfile.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTest>
#include <QTreeView>

using namespace Corscope;

namespace {

SessionEntry offlineEntry(const QString &url, const QByteArray &allowOrigin)
{
    FetchRequest request;
    request.url = QUrl(url);
    request.origin = Origin::parse(QStringLiteral("https://app.example"));
    HttpResponse response;
    if (!allowOrigin.isEmpty())
        response.headers.append("Access-Control-Allow-Origin", allowOrigin);
    return SessionEntry::explainOffline(request, std::nullopt, response, BrowserProfile::chromium(),
                                        1'700'000'000'000);
}

} // namespace

class TestHistoryModel : public QObject {
    Q_OBJECT

private slots:
    void showsMethodUrlAndVerdict()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(offlineEntry(QStringLiteral("https://api.example/a"), "https://app.example"));
        model.append(offlineEntry(QStringLiteral("https://api.example/b"), {}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, HistoryModel::MethodColumn).data().toString(), QStringLiteral("GET"));
        QCOMPARE(model.index(1, HistoryModel::UrlColumn).data().toString(),
                 QStringLiteral("https://api.example/b"));
        QCOMPARE(model.index(0, HistoryModel::VerdictColumn).data().toString(), QStringLiteral("allowed"));
        QCOMPARE(model.index(1, HistoryModel::VerdictColumn).data().toString(), QStringLiteral("blocked"));
        QVERIFY(model.index(1, HistoryModel::UrlColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("explained offline")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void tenThousandEntriesStaySmooth()
    {
        const SessionEntry allowed =
            offlineEntry(QStringLiteral("https://api.example/a"), "https://app.example");
        HistoryModel model;
        QTreeView view;
        view.setUniformRowHeights(true);
        view.setModel(&model);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 10'000; ++i)
            model.append(allowed);
        view.scrollToBottom();
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 10'000);
        // One row at a time, as requests finish; generous for a loaded CI machine.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(view.indexAt(QPoint(5, 5)).row() > 9'000);
    }

    void sessionFileReplaysEveryEntry()
    {
        QList<SessionEntry> entries{
            offlineEntry(QStringLiteral("https://api.example/a"), "https://app.example"),
            offlineEntry(QStringLiteral("https://api.example/b"), "https://wrong.example")};
        const QByteArray json = SessionFile::write(entries);
        SessionFileError error;
        const std::optional<QList<SessionEntry>> read = SessionFile::read(json, &error);
        QVERIFY2(read, qPrintable(error.toString()));
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(0).request().url, entries.at(0).request().url);
        QCOMPARE(read->at(0).timeMs, entries.at(0).timeMs);
        QVERIFY(read->at(0).evaluation.allowed());
        QVERIFY(!read->at(1).evaluation.allowed());
        QCOMPARE(read->at(1).evaluation.consoleMessage, entries.at(1).evaluation.consoleMessage);

        QVERIFY(!SessionFile::read("{\"format\": \"something-else\"}", &error));
        QVERIFY(!SessionFile::read(json.left(json.size() / 2), &error));
        QByteArray badBrowser = json;
        badBrowser.replace("\"chromium\"", "\"netscape\"");
        QVERIFY(!SessionFile::read(badBrowser, &error));
        QCOMPARE(error.entry, 0);
    }
};

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
