#include "capture/trafficsummary.h"

#include <QTest>

using namespace Corscope;

class TestTrafficSummary : public QObject {
    Q_OBJECT

private slots:
    void ratesAndLatenciesPerHost()
    {
        std::vector<TrafficEntry> capture;
        auto add = [&](const QByteArray &host, bool cross, bool blocked, bool preflight, bool failed,
                       double ms) {
            TrafficEntry e;
            e.facts.host = host;
            e.facts.crossOrigin = cross;
            e.facts.blocked = blocked;
            e.facts.isPreflight = preflight;
            e.facts.preflightFailed = failed;
            e.durationMs = ms;
            capture.push_back(e);
        };
        add("cdn.example", false, false, false, false, 3);
        add("cdn.example", false, false, false, false, 4);
        add("api.example", true, true, false, false, 10);
        add("api.example", true, false, false, false, 10);
        add("api.example", true, false, true, true, 40);
        add("api.example", true, false, true, false, 20);
        add("api.example", true, false, true, false, 30);
        std::vector<const TrafficEntry *> entries;
        for (const TrafficEntry &e : capture)
            entries.push_back(&e);

        const QList<HostSummary> hosts = TrafficSummary::perHost(entries);
        QCOMPARE(hosts.size(), 2);
        const HostSummary &api = hosts.first(); // most blocked first
        QCOMPARE(api.host, QByteArray("api.example"));
        QCOMPARE(api.requests, 5);
        QCOMPARE(api.crossOrigin, 2);
        QCOMPARE(api.blocked, 1);
        QCOMPARE(api.blockedRate(), 0.5);
        QCOMPARE(api.preflights, 3);
        QCOMPARE(api.preflightsFailed, 1);
        QCOMPARE(api.preflightMedianMs, 30.0);
        QCOMPARE(api.preflightP95Ms, 40.0);
        QCOMPARE(hosts.last().blockedRate(), 0.0);
        QCOMPARE(hosts.last().preflightMedianMs, 0.0);
    }

    void emptyCapture() { QVERIFY(TrafficSummary::perHost({}).isEmpty()); }
};

QTEST_GUILESS_MAIN(TestTrafficSummary)
#include "tst_trafficsummary.moc"
