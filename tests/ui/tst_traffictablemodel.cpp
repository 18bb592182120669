#include "models/traffictablemodel.h"
#include "widgets/timelinedelegate.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Corscope;

class TestTrafficTableModel : public QObject {
    Q_OBJECT

private:
    static TrafficEntry entry(quint64 id, const QByteArray &method, bool blocked)
    {
        TrafficEntry e;
        e.flowId = id;
        e.method = method;
        e.url = QStringLiteral("https://api.example/items/%1").arg(id);
        e.origin = "https://app.example";
        e.status = blocked ? 0 : 200;
        e.verdict = blocked ? TrafficEntry::Verdict::Blocked : TrafficEntry::Verdict::Allowed;
        e.consoleMessage = blocked ? QStringLiteral("Access to fetch … blocked") : QString();
        e.facts.method = method;
        e.facts.status = e.status;
        e.facts.url = e.url.toUtf8();
        e.facts.host = "api.example";
        e.facts.origin = e.origin;
        e.facts.crossOrigin = true;
        e.facts.blocked = blocked;
        return e;
    }
    static FlowFilter filter(const char *text)
    {
        const auto parsed = FlowFilter::parse(QString::fromLatin1(text));
        Q_ASSERT(parsed);
        return *parsed;
    }

private slots:
    // The Timeline column puts every flow on one axis, from the first start to the last end.
    void theTimelineIsOneAxisForEveryFlow()
    {
        TrafficTableModel model;
        QAbstractItemModelTester tester(&model);
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1700000000000LL, Qt::UTC);
        const auto timed = [&](quint64 id, qint64 startMs, double durationMs) {
            TrafficEntry e = entry(id, "GET", false);
            e.started = t0.addMSecs(startMs);
            e.durationMs = durationMs;
            return e;
        };
        const auto bar = [&](int row) {
            return model.data(model.index(row, TrafficTableModel::Timeline), TrafficTableModel::TimelineRole).toPointF();
        };
        model.append({timed(1, 0, 50), timed(2, 100, 50), timed(3, 300, 200)});
        QCOMPARE(model.timelineSpanMs(), 500.0);
        QCOMPARE(bar(0), QPointF(0, 0.1));
        QCOMPARE(bar(1), QPointF(0.2, 0.3));
        QCOMPARE(bar(2), QPointF(0.6, 1.0));
        QCOMPARE(model.headerData(TrafficTableModel::Timeline, Qt::Horizontal).toString(),
                 QStringLiteral("Timeline · 500 ms"));
        QVERIFY(model.data(model.index(1, TrafficTableModel::Timeline), Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("Started 100 ms after the first flow; took 50")));
        // A flow that started earlier (a HAR merged in) moves every bar: the view is told.
        QSignalSpy moved(&model, &QAbstractItemModel::headerDataChanged);
        model.upsert(timed(4, -500, 100));
        QCOMPARE(moved.count(), 1);
        QCOMPARE(model.timelineSpanMs(), 1000.0);
        QCOMPARE(bar(0), QPointF(0.5, 0.55));
        QCOMPARE(bar(3), QPointF(0, 0.1));
        model.clear();
        QCOMPARE(model.headerData(TrafficTableModel::Timeline, Qt::Horizontal).toString(), QStringLiteral("Timeline"));
    }

    void aTimelineBarSitsWhereItsFlowRan()
    {
        const QRectF cell(100, 20, 206, 20); // 200 px of axis inside 3 px margins
        QCOMPARE(TimelineDelegate::barRect(cell, 0.25, 0.75), QRectF(153, 25, 100, 10));
        // Too short to see: still two pixels; past the end: inside the cell.
        QCOMPARE(TimelineDelegate::barRect(cell, 0.5, 0.5).width(), 2.0);
        QVERIFY(TimelineDelegate::barRect(cell, 1.0, 1.0).right() <= cell.right());
    }

    void appendFilterAndUpdateUnderTheModelTester()
    {
        TrafficTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(entry(1, "GET", false));
        model.upsert(entry(2, "PUT", true));
        model.upsert(entry(3, "PUT", false));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, TrafficTableModel::Verdict).data().toString(), QStringLiteral("blocked"));
        QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
        QCOMPARE(model.index(1, TrafficTableModel::Url).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Access to fetch … blocked"));

        model.setFilter(filter("method:PUT & blocked"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(TrafficTableModel::FlowIdRole).toULongLong(), 2u);

        // Flow 3 becomes blocked: it enters the filtered list at its place, after flow 2.
        model.upsert(entry(3, "PUT", true));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 0).data(TrafficTableModel::FlowIdRole).toULongLong(), 3u);
        // Flow 2 is unblocked by a rewrite rule: it leaves the list.
        model.upsert(entry(2, "PUT", false));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.totalCount(), 3);

        model.setFilter(FlowFilter());
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.entryForFlow(2));
        QVERIFY(!model.entryForFlow(99));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // Issue 19: a flow a rewrite rule changed or answered carries a marker, and its tooltip
    // names the rule; an untouched flow has neither.
    void flowsChangedByARuleAreMarked()
    {
        TrafficTableModel model;
        model.upsert(entry(1, "GET", false));
        TrafficEntry changed = entry(2, "GET", false);
        changed.appliedRules = {QStringLiteral("allow app origin")};
        model.upsert(changed);
        TrafficEntry answered = entry(3, "OPTIONS", false);
        answered.appliedRules = {QStringLiteral("answer preflights")};
        answered.answeredLocally = true;
        model.upsert(answered);

        QCOMPARE(model.index(0, TrafficTableModel::Number).data().toString(), TrafficTableModel::flowLabel(1));
        QVERIFY(model.index(0, TrafficTableModel::Number).data(Qt::ToolTipRole).isNull());
        const QString marked = model.index(1, TrafficTableModel::Number).data().toString();
        QVERIFY2(marked.contains(u'✎') && marked.contains(TrafficTableModel::flowLabel(2)), qPrintable(marked));
        QVERIFY(model.index(1, TrafficTableModel::Number).data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("'allow app origin'")));
        const QString local = model.index(2, TrafficTableModel::Number).data(Qt::ToolTipRole).toString();
        QVERIFY2(local.contains(QStringLiteral("never saw")) && local.contains(QStringLiteral("answer preflights")),
                 qPrintable(local));
    }

    // A redirect chain is one row, its deciding hop: the hops before it fold under it, a pending
    // first hop shows until the chain is decided, and expanding lists every hop.
    void aRedirectChainIsOneExpandableRow()
    {
        TrafficTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TrafficEntry first = entry(1, "GET", false);
        first.verdict = TrafficEntry::Verdict::Pending;
        model.upsert(first);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, TrafficTableModel::Verdict).data().toString(), QStringLiteral("pending"));
        // The next hop decides: the first becomes a followed hop of the chain and folds away.
        TrafficEntry deciding = entry(2, "GET", true);
        deciding.chainId = 1;
        deciding.chainHop = 1;
        deciding.chainHops = 2;
        model.upsert(deciding);
        first.verdict = TrafficEntry::Verdict::Allowed;
        first.chainId = 1;
        first.chainHop = 0;
        first.chainHops = 2;
        model.upsert(first);
        model.upsert(entry(3, "GET", false));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(TrafficTableModel::FlowIdRole).toULongLong(), 2u);
        QVERIFY(model.index(0, TrafficTableModel::Url).data().toString().contains(QStringLiteral("2 hops")));
        QVERIFY(model.toggleChainAt(0));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(TrafficTableModel::FlowIdRole).toULongLong(), 1u);
        QVERIFY(
            model.index(0, TrafficTableModel::Url).data().toString().contains(QStringLiteral("hop 1 of 2")));
        QVERIFY(!model.toggleChainAt(2)); // flow 3 is in no chain
        QVERIFY(model.toggleChainAt(0));
        QCOMPARE(model.rowCount(), 2);
    }

    void largeCaptureFilters()
    {
        TrafficTableModel model;
        std::vector<TrafficEntry> entries;
        for (quint64 id = 1; id <= 100'000; ++id)
            entries.push_back(entry(id, id % 2 ? "GET" : "PUT", id % 10 == 0));
        model.append(std::move(entries));
        QCOMPARE(model.rowCount(), 100'000);
        model.setFilter(filter("blocked"));
        QCOMPARE(model.rowCount(), 10'000);
        model.setFilter(filter("!blocked & method:get"));
        QCOMPARE(model.rowCount(), 50'000);
    }
};

QTEST_MAIN(TestTrafficTableModel)
#include "tst_traffictablemodel.moc"
