#include "cors/fetchsimulation.h"
#include "models/headerdiffmodel.h"
#include "models/negotiationmodel.h"
#include "widgets/explanationview.h"
#include "widgets/headerdiffview.h"

#include <QAbstractItemModelTester>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Corscope;

class TestHeaderDiffView : public QObject {
    Q_OBJECT

private:
    // The classic split-handler bug: OPTIONS answers with CORS headers, the PUT handler forgets
    // Access-Control-Allow-Origin.
    static Evaluation splitHandlerBug()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/items/1"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.method = "PUT";
        request.headers = {{"Content-Type", "application/json"}, {"X-Trace", "7"}};
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        return runFetch(request, BrowserProfile::chromium(), cache,
                        [](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
                            HttpResponse response;
                            if (outgoing.kind == OutgoingRequest::Kind::Preflight) {
                                response.status = 204;
                                response.headers = {{"Access-Control-Allow-Origin", "https://app.example"},
                                                    {"Access-Control-Allow-Methods", "GET, PUT"},
                                                    {"Access-Control-Allow-Headers", "content-type"}};
                            } else {
                                response.headers = {{"Content-Type", "application/json"}};
                            }
                            return response;
                        });
    }

private slots:
    void modelsPassTheModelTester()
    {
        HeaderDiffView view;
        QAbstractItemModelTester negotiationTester(view.negotiationModel(),
                                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester diffTester(view.diffModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setEvaluation(splitHandlerBug());
        view.compareResponses(QStringLiteral("before"), {{"Vary", "Origin"}, {"vary", "Accept"}},
                              QStringLiteral("after"), {{"VARY", "Origin"}});
        view.setEvaluation(Evaluation{});
    }

    void preflightNegotiationShowsTheRefusedHeader()
    {
        HeaderDiffView view;
        view.setEvaluation(splitHandlerBug());
        const NegotiationModel *model = view.negotiationModel();
        // origin, method, content-type, x-trace
        QCOMPARE(model->rowCount(), 4);
        bool sawTrace = false;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString item = model->index(row, NegotiationModel::Item).data().toString();
            const QString result = model->index(row, NegotiationModel::Result).data().toString();
            if (item.contains(QStringLiteral("x-trace"))) {
                sawTrace = true;
                QVERIFY2(result.startsWith(QStringLiteral("refused")), qPrintable(result));
            } else {
                QVERIFY2(result.startsWith(QStringLiteral("allowed")), qPrintable(item + result));
            }
            QVERIFY(model->index(row, 0).data(Qt::BackgroundRole).isValid());
        }
        QVERIFY(sawTrace);
    }

    void responsesDiffFindsTheMissingAllowOrigin()
    {
        HeaderDiffView view;
        // The preflight refuses x-trace, so no actual response exists to compare it with.
        view.setEvaluation(splitHandlerBug());
        QCOMPARE(view.diffModel()->rowCount(), 0);

        view.compareResponses(QStringLiteral("Preflight response"),
                              {{"Access-Control-Allow-Origin", "https://app.example"}, {"Vary", "Origin"}},
                              QStringLiteral("Actual response"),
                              {{"vary", "origin"}, {"Content-Type", "text/plain"}});
        const HeaderDiffModel *diff = view.diffModel();
        QCOMPARE(diff->rowCount(), 3);
        QCOMPARE(diff->headerData(HeaderDiffModel::Left, Qt::Horizontal).toString(),
                 QStringLiteral("Preflight response"));
        bool sawAllowOrigin = false;
        for (int row = 0; row < diff->rowCount(); ++row) {
            const QString name = diff->index(row, HeaderDiffModel::Name).data().toString();
            if (name.compare(QStringLiteral("Access-Control-Allow-Origin"), Qt::CaseInsensitive) == 0) {
                sawAllowOrigin = true;
                QCOMPARE(diff->index(row, HeaderDiffModel::Right).data().toString(),
                         QStringLiteral("(absent)"));
            }
        }
        QVERIFY(sawAllowOrigin);
        QVERIFY(diff->changedCount() >= 2);
    }

    void explanationViewHasAHeaderDiffTab()
    {
        ExplanationView view;
        view.setEvaluation(splitHandlerBug(), std::nullopt);
        auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("resultViews"));
        QVERIFY(tabs);
        bool found = false;
        for (int i = 0; i < tabs->count(); ++i)
            found = found || tabs->tabText(i) == QStringLiteral("Header diff");
        QVERIFY(found);
        QCOMPARE(view.headerDiffView()->negotiationModel()->rowCount(), 4);
        auto *table = view.findChild<QTableView *>(QStringLiteral("negotiationTable"));
        QVERIFY(table && !table->accessibleName().isEmpty());
    }
};

QTEST_MAIN(TestHeaderDiffView)
#include "tst_headerdiffview.moc"
