#include "http/exchangephases.h"

#include <QTest>

using namespace Corscope;

class TestExchangePhases : public QObject {
    Q_OBJECT

private slots:
    void freshHttpsConnectionHasEveryPhase()
    {
        // libcurl's cumulative marks: DNS done at 1 ms, connected at 3, TLS at 10, request
        // written at 10.2, first byte at 25, done at 30.
        const ExchangePhases phases = ExchangePhases::fromCumulative(1000, 3000, 10000, 10200, 25000, 30000);
        QCOMPARE(phases.dnsUs, 1000);
        QCOMPARE(phases.connectUs, 2000);
        QCOMPARE(phases.tlsUs, 7000);
        QCOMPARE(phases.sendUs, 200);
        QCOMPARE(phases.waitUs, 14800);
        QCOMPARE(phases.receiveUs, 5000);
        QCOMPARE(phases.totalUs(), 30000);
    }

    void plainHttpHasNoTls()
    {
        const ExchangePhases phases = ExchangePhases::fromCumulative(50, 120, 0, 130, 900, 950);
        QCOMPARE(phases.tlsUs, -1);
        QCOMPARE(phases.connectUs, 70);
        QCOMPARE(phases.sendUs, 10);
        QCOMPARE(phases.totalUs(), 950);
    }

    void reusedConnectionStartsWithTheRequest()
    {
        const ExchangePhases phases = ExchangePhases::fromCumulative(0, 0, 0, 40, 700, 760);
        QCOMPARE(phases.dnsUs, -1);
        QCOMPARE(phases.connectUs, -1);
        QCOMPARE(phases.tlsUs, -1);
        QCOMPARE(phases.sendUs, 40);
        QCOMPARE(phases.waitUs, 660);
        QCOMPARE(phases.receiveUs, 60);
        QCOMPARE(phases.totalUs(), 760);
    }

    void nothingMeasuredIsEmpty()
    {
        QVERIFY(ExchangePhases{}.isEmpty());
        QVERIFY(ExchangePhases::fromCumulative(0, 0, 0, 0, 0, 0).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestExchangePhases)
#include "tst_exchangephases.moc"
