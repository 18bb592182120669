#include "report/sequencediagram.h"
#include "widgets/sequencediagramview.h"

#include <QImage>
#include <QTest>

using namespace Corscope;

namespace {

QList<SequenceArrow> preflightAndRequest(const ExchangePhases &preflight, const ExchangePhases &actual)
{
    using Lane = SequenceArrow::Lane;
    using Kind = SequenceArrow::Kind;
    return {{Lane::Page, Lane::Browser, Kind::Call, QStringLiteral("fetch(…)"), {}, -1, {}},
            {Lane::Browser, Lane::Server, Kind::Request, QStringLiteral("OPTIONS /a"), {}, preflight.totalUs(), preflight},
            {Lane::Server, Lane::Browser, Kind::Response, QStringLiteral("204"), {}, -1, {}},
            {Lane::Browser, Lane::Server, Kind::Request, QStringLiteral("PUT /a"), {}, actual.totalUs(), actual},
            {Lane::Server, Lane::Browser, Kind::Response, QStringLiteral("200"), {}, -1, {}}};
}

} // namespace

class TestSequenceDiagramView : public QObject {
    Q_OBJECT

private slots:
    void waterfallBarsShareOneTimeScale()
    {
        SequenceDiagramView view;
        // The preflight opened the connection (DNS, connect, TLS); the request reused it and
        // took half as long in all.
        const ExchangePhases preflight = ExchangePhases::fromCumulative(1000, 2000, 6000, 6100, 9000, 10000);
        const ExchangePhases actual = ExchangePhases::fromCumulative(0, 0, 0, 100, 4000, 5000);
        view.setArrows(preflightAndRequest(preflight, actual));
        const QRect preflightBar = view.waterfallRect(1);
        const QRect actualBar = view.waterfallRect(3);
        QVERIFY(!preflightBar.isEmpty());
        QVERIFY(!actualBar.isEmpty());
        QVERIFY(view.waterfallRect(0).isEmpty()); // the page's call has no timing
        QVERIFY(view.waterfallRect(2).isEmpty());
        QCOMPARE(preflightBar.left(), actualBar.left());
        QVERIFY(qAbs(actualBar.width() * 2 - preflightBar.width()) <= 2);
        QVERIFY(actualBar.top() > preflightBar.top());
    }

    void toolTipNamesEveryPhaseThatHappened()
    {
        const QString tip = SequenceDiagramView::waterfallToolTip(
            ExchangePhases::fromCumulative(0, 0, 0, 100, 4000, 5000));
        QVERIFY(tip.contains(QStringLiteral("waiting (first byte): 3.90 ms")));
        QVERIFY(tip.contains(QStringLiteral("download: 1.00 ms")));
        QVERIFY(tip.contains(QStringLiteral("total: 5.00 ms")));
        QVERIFY(!tip.contains(QStringLiteral("TLS")));
    }

    void barsArePaintedInThePhaseColours()
    {
        SequenceDiagramView view;
        view.setArrows(preflightAndRequest(ExchangePhases::fromCumulative(1000, 2000, 6000, 6100, 9000, 10000),
                                           ExchangePhases::fromCumulative(0, 0, 0, 100, 4000, 5000)));
        view.resize(view.sizeHint());
        const QImage image = view.grab().toImage();
        const QRect bar = view.waterfallRect(1);
        // The TLS segment (purple) lies between 20% and 60% of the preflight's bar.
        const QColor tls = image.pixelColor(bar.left() + bar.width() * 40 / 100, bar.center().y());
        QCOMPARE(tls, QColor(0x8e, 0x5c, 0xc9));
    }

    void offlineEvaluationsDrawNoWaterfall()
    {
        SequenceDiagramView view;
        view.setArrows(preflightAndRequest({}, {}));
        for (qsizetype i = 0; i < view.arrows().size(); ++i)
            QVERIFY(view.waterfallRect(i).isEmpty());
    }
};

QTEST_MAIN(TestSequenceDiagramView)
#include "tst_sequencediagramview.moc"
