#include "capturedflows.h"
#include "capture/flowanalysisthread.h"

#include <QTest>
#include <atomic>

using namespace Corscope;
using namespace CapturedFlows;

class TestFlowAnalysisThread : public QObject {
    Q_OBJECT

private slots:
    // The CLI prints lines and writes the HAR from what the sink saw: every flow, in order, with
    // the verdict the analyzer gives inline (a preflight paired with the request after it).
    void flowsReachTheSinkInOrderWithTheirVerdicts()
    {
        FlowAnalyzer inlineAnalyzer(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
        FlowAnalyzer threadAnalyzer(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
        QList<Flow> posted;
        for (quint64 id = 1; id <= 3000; id += 2) {
            posted.append(preflight(id, {{"Access-Control-Allow-Origin", "http://app.example"},
                                         {"Access-Control-Allow-Methods", "PUT"},
                                         {"Access-Control-Allow-Headers", "content-type, x-trace"}}));
            posted.append(put(id + 1, id % 3
                                          ? HeaderList{{"Access-Control-Allow-Origin", "http://app.example"}}
                                          : HeaderList{}));
        }
        QList<quint64> seen;
        QList<FlowVerdict::Kind> kinds;
        QList<std::optional<quint64>> pairs;
        std::atomic<int> idles = 0;
        {
            FlowAnalysisThread thread(
                threadAnalyzer,
                [&](const Flow &flow, FlowVerdict &&verdict) {
                    // The sink runs on the analysis thread: checked here once it has finished.
                    seen.append(verdict.flowId == flow.id ? flow.id : 0);
                    kinds.append(verdict.kind);
                    pairs.append(verdict.pairedFlowId);
                },
                [&] { ++idles; });
            for (const Flow &flow : posted)
                thread.post(flow);
            thread.finish();
            QCOMPARE(seen.size(), posted.size());
            thread.finish(); // twice is harmless
        }
        QVERIFY(idles >= 1);
        for (qsizetype i = 0; i < posted.size(); ++i) {
            QCOMPARE(seen.at(i), posted.at(i).id);
            const FlowVerdict expected = inlineAnalyzer.analyze(posted.at(i));
            QCOMPARE(kinds.at(i), expected.kind);
            QCOMPARE(pairs.at(i), expected.pairedFlowId);
        }
    }

    // A sink slower than the posts: post() waits for room instead of queueing without bound, and
    // nothing is lost or reordered.
    void aStalledSinkHoldsThePosterBack()
    {
        FlowAnalyzer analyzer(BrowserProfile::firefox(), EvaluationDetail::VerdictOnly);
        std::atomic<bool> release = false;
        QList<quint64> seen;
        FlowAnalysisThread thread(analyzer, [&](const Flow &flow, FlowVerdict &&) {
            while (!release)
                std::this_thread::yield();
            seen.append(flow.id);
        });
        const qsizetype total = qsizetype(FlowAnalysisThread::maxQueued) * 2 + 10;
        std::thread releaser([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            release = true;
        });
        for (qsizetype i = 0; i < total; ++i)
            thread.post(flow(quint64(i + 1), "GET", {{"Origin", "http://app.example"}}, 200, {}));
        thread.finish();
        releaser.join();
        QCOMPARE(seen.size(), total);
        for (qsizetype i = 0; i < total; ++i)
            QCOMPARE(seen.at(i), quint64(i + 1));
    }

    // Revisions reach the second sink before the verdict of the flow that settled them, and
    // finish() settles what was still pending (a preflight nobody followed).
    void revisionsReachTheirSinkAndFinishSettlesThePending()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
        const HeaderList grant{{"Access-Control-Allow-Origin", "http://app.example"},
                               {"Access-Control-Allow-Methods", "PUT"},
                               {"Access-Control-Allow-Headers", "content-type, x-trace"}};
        QList<QPair<quint64, bool>> order; // flow id, revised
        QList<FlowVerdict::Kind> revisedKinds;
        {
            FlowAnalysisThread thread(
                analyzer,
                [&](const Flow &flow, FlowVerdict &&) {
                    order.append({flow.id, false});
                },
                {},
                [&](const Flow &flow, FlowVerdict &&verdict) {
                    order.append({flow.id, true});
                    revisedKinds.append(verdict.kind);
                });
            thread.post(preflight(1, grant));
            thread.post(put(2, {{"Access-Control-Allow-Origin", "http://app.example"}}));
            thread.post(preflight(3, grant));
            thread.finish();
        }
        const QList<QPair<quint64, bool>> expected{{1, false}, {1, true}, {2, false}, {3, false}, {3, true}};
        QCOMPARE(order, expected);
        QCOMPARE(revisedKinds, (QList<FlowVerdict::Kind>{FlowVerdict::Kind::PreflightPassed,
                                                         FlowVerdict::Kind::PreflightUnfollowed}));
    }

    void finishingWithNothingPostedReturns()
    {
        FlowAnalyzer analyzer(BrowserProfile::chromium());
        int calls = 0;
        FlowAnalysisThread thread(analyzer, [&](const Flow &, FlowVerdict &&) { ++calls; });
        thread.finish();
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestFlowAnalysisThread)
#include "tst_flowanalysisthread.moc"
