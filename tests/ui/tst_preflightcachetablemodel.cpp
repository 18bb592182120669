#include "models/preflightcachetablemodel.h"
#include "sender/sendsession.h"
#include "widgets/preflightcacheview.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace Corscope;

class TestPreflightCacheTableModel : public QObject {
    Q_OBJECT

private:
    const QByteArray origin = "https://app.example";
    const QUrl url{QStringLiteral("https://api.example/r")};

private slots:
    void listsEntriesAndCountsDown()
    {
        ManualClock clock(1'000'000);
        PreflightCache cache(BrowserProfile::firefox(), clock);
        PreflightCacheTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(&cache);
        QCOMPARE(model.rowCount(), 0);

        cache.store(origin, url, false, {"PUT"}, {"x-a", "x-b"}, 10);
        cache.store(origin, url, true, {"DELETE"}, {}, 100);
        model.refresh();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, PreflightCacheTableModel::MethodsColumn).data().toString(),
                 QStringLiteral("PUT"));
        QCOMPARE(model.index(0, PreflightCacheTableModel::HeadersColumn).data().toString(),
                 QStringLiteral("x-a, x-b"));
        QCOMPARE(model.index(1, PreflightCacheTableModel::CredentialsColumn).data().toString(),
                 QStringLiteral("yes"));
        QCOMPARE(model.index(0, PreflightCacheTableModel::MaxAgeColumn).data().toString(),
                 QStringLiteral("10 s"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        clock.advance(4000);
        model.refresh();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        // Only the age columns change on a tick.
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(), int(PreflightCacheTableModel::AgeColumn));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().column(),
                 int(PreflightCacheTableModel::RemainingColumn));
        QCOMPARE(model.index(0, PreflightCacheTableModel::AgeColumn).data().toString(),
                 QStringLiteral("4 s"));
        QCOMPARE(model.index(0, PreflightCacheTableModel::RemainingColumn).data().toString(),
                 QStringLiteral("6 s"));
        QCOMPARE(model.index(0, PreflightCacheTableModel::RemainingColumn)
                     .data(PreflightCacheTableModel::RemainingFractionRole)
                     .toDouble(),
                 0.6);

        clock.advance(6000); // the first entry expires
        model.refresh();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, PreflightCacheTableModel::MethodsColumn).data().toString(),
                 QStringLiteral("DELETE"));

        model.removeEntries({0});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(cache.freshEntries().isEmpty());
    }

    void switchingCachesResets()
    {
        ManualClock clock;
        PreflightCache first(BrowserProfile::chromium(), clock);
        PreflightCache second(BrowserProfile::firefox(), clock);
        second.store(origin, url, false, {"PUT"}, {}, 60);
        PreflightCacheTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(&first);
        QCOMPARE(model.rowCount(), 0);
        model.setCache(&second);
        QCOMPARE(model.rowCount(), 1);
        model.setCache(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void viewClearsSelectedAndAllAndNamesTheCap()
    {
        SendSession session(BrowserProfile::firefox());
        session.preflightCache().store(origin, url, false, {"PUT"}, {}, 600);
        session.preflightCache().store(origin, QUrl(QStringLiteral("https://api.example/other")), false,
                                       {"PUT"}, {}, 600);
        PreflightCacheView view;
        view.setSession(&session);
        QVERIFY(view.capText().contains(QString::number(BrowserProfile::firefox().maxAgeCapSeconds)));
        QVERIFY(view.capText().startsWith(BrowserProfile::firefox().displayName));
        QCOMPARE(view.model()->rowCount(), 2);

        auto *table = view.findChild<QTreeView *>(QStringLiteral("preflightCacheTable"));
        table->selectionModel()->select(view.model()->index(1, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view.clearSelected();
        QCOMPARE(session.preflightCache().freshEntries().size(), 1);
        QCOMPARE(session.preflightCache().freshEntries().constFirst().url, url);
        QCOMPARE(view.model()->rowCount(), 1);

        view.clearAll();
        QVERIFY(session.preflightCache().freshEntries().isEmpty());
        QCOMPARE(view.model()->rowCount(), 0);
    }

    // Issue 19: an empty table says why (only passed preflights, for Max-Age; simple requests
    // never), and the reason goes away as soon as an entry is listed.
    void anEmptyCacheSaysWhy()
    {
        SendSession session(BrowserProfile::chromium());
        PreflightCacheView view;
        view.setSession(&session);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *reason = view.findChild<QLabel *>(QStringLiteral("cacheEmptyReason"));
        QVERIFY(reason->isVisible());
        QVERIFY2(reason->text().contains(QStringLiteral("only when it passed")), qPrintable(reason->text()));
        QVERIFY(reason->text().contains(QString::number(BrowserProfile::chromium().maxAgeCapSeconds)));

        session.preflightCache().store(origin, url, false, {"PUT"}, {}, 600);
        view.refresh();
        QCOMPARE(view.model()->rowCount(), 1);
        QVERIFY(!reason->isVisible());
        QVERIFY(view.emptyText().isEmpty());

        view.clearAll();
        QVERIFY(reason->isVisible());
    }

    void visibleViewTicksEverySecond()
    {
        SendSession session(BrowserProfile::chromium());
        session.preflightCache().store(origin, url, false, {"PUT"}, {}, 600);
        PreflightCacheView view;
        view.setSession(&session);
        QSignalSpy ticks(view.model(), &QAbstractItemModel::dataChanged);
        QSignalSpy resets(view.model(), &QAbstractItemModel::modelReset);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const qsizetype onShow = ticks.size(); // showing refreshes at once
        QTRY_VERIFY_WITH_TIMEOUT(ticks.size() > onShow, 3000);
        QCOMPARE(resets.size(), 0);
        view.hide();
        const qsizetype before = ticks.size();
        QTest::qWait(1300);
        QCOMPARE(ticks.size(), before);
    }
};

QTEST_MAIN(TestPreflightCacheTableModel)
#include "tst_preflightcachetablemodel.moc"
