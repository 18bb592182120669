#include "report/sequencediagram.h"
#include "widgets/sequencediagramview.h"

#include "widgets/explanationview.h"

#include <QApplication>
#include <QImage>
#include <QMenu>
#include <QScrollArea>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

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

    // Issue 19: Fit Width never shrinks text below the application font; a narrow pane scrolls,
    // a wide one spreads the lanes out.
    void fittingKeepsTheApplicationFontAndScrollsWhenNarrow()
    {
        QScrollArea area;
        auto *view = new SequenceDiagramView;
        area.setWidget(view);
        area.setWidgetResizable(false);
        view->setArrows(preflightAndRequest(ExchangePhases::fromCumulative(1000, 2000, 6000, 6100, 9000, 10000),
                                            ExchangePhases::fromCumulative(0, 0, 0, 100, 4000, 5000)));
        view->setFitToWidth(true);
        area.resize(400, 500);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QCOMPARE(view->zoom(), 1.0);
        QCOMPARE(view->diagramFont().pointSizeF(), QApplication::font().pointSizeF());
        QVERIFY2(view->width() > area.viewport()->width(), qPrintable(QString::number(view->width())));
        const int narrow = view->width();
        area.resize(1600, 500);
        QTRY_VERIFY(view->width() > narrow);
        QVERIFY(view->width() >= area.viewport()->width() - 40);
        view->setZoom(0.5); // zooming out stops at the application font too
        QCOMPARE(view->zoom(), 1.0);
    }

    void longLabelsWrapInsideTheirLanes()
    {
        SequenceDiagramView view;
        QList<SequenceArrow> arrows = preflightAndRequest({}, {});
        arrows[1].label = QStringLiteral("OPTIONS ") + QString(30, u'a') + QStringLiteral(" connection refused by "
                                                                                         "127.0.0.1:9: nothing is "
                                                                                         "listening there at all");
        view.setArrows(arrows);
        const QFontMetrics metrics(view.diagramFont());
        const QRect label = view.labelRect(1);
        QVERIFY2(label.height() >= 2 * metrics.height(), qPrintable(QString::number(label.height())));
        QVERIFY(label.width() < metrics.horizontalAdvance(arrows[1].label));
        QVERIFY(label.right() < view.sizeHint().width());
        // The next row starts under the wrapped label: nothing is drawn over it.
        QVERIFY(view.labelRect(2).top() > label.bottom());
    }

    void theWaterfallHasAnAxisWithAScale()
    {
        SequenceDiagramView view;
        view.setArrows(preflightAndRequest(ExchangePhases::fromCumulative(1000, 2000, 6000, 6100, 9000, 10000),
                                           ExchangePhases::fromCumulative(0, 0, 0, 100, 4000, 5000)));
        const QList<std::pair<int, QString>> ticks = view.waterfallTicks();
        QCOMPARE(ticks.size(), 3);
        QCOMPARE(ticks.at(0).second, QStringLiteral("0"));
        QCOMPARE(ticks.at(1).second, QStringLiteral("5 ms"));
        QCOMPARE(ticks.at(2).second, QStringLiteral("10 ms"));
        // A bar ends where its time is on the axis: the 10 ms preflight at the last tick.
        QVERIFY(qAbs(view.waterfallRect(1).right() + 1 - ticks.at(2).first) <= 1);
        QVERIFY(qAbs(view.waterfallRect(3).right() + 1 - ticks.at(1).first) <= 1);
    }

    // Every Flow toolbar action is on the toolbar in a half-width pane, none behind "»".
    void everyFlowActionIsReachableInAHalfWidthPane()
    {
        ExplanationView view;
        view.resize(480, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.findChild<QTabWidget *>(QStringLiteral("resultViews"))->setCurrentIndex(1);
        auto *toolbar = view.findChild<QToolBar *>();
        QVERIFY(toolbar);
        QTRY_VERIFY(toolbar->isVisible());
        auto *extension = toolbar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        QVERIFY(!extension || !extension->isVisible());
        auto *exportButton = toolbar->findChild<QToolButton *>(QStringLiteral("flowExport"));
        QVERIFY(exportButton && exportButton->isVisible());
        QStringList exports;
        for (QAction *action : exportButton->menu()->actions())
            exports << action->text();
        QCOMPARE(exports, QStringList({QStringLiteral("Copy image"), QStringLiteral("Export PNG…"),
                                       QStringLiteral("Export SVG…")}));
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
