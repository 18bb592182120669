#include "models/historymodel.h"

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
};

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
