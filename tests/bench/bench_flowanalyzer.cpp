#include "capture/flowanalyzer.h"

#include <benchmark/benchmark.h>
#include <vector>

using namespace Corscope;

namespace {

// The proxy analyses every flow on its way through: what a busy page's flows cost each.
Flow capturedFlow(quint64 id, const QDateTime &started, const QByteArray &origin, const QString &url,
                  int status, const HeaderList &response)
{
    Flow flow;
    flow.id = id;
    flow.state = Flow::State::Complete;
    flow.started = started;
    flow.method = "GET";
    flow.url = QUrl(url);
    flow.requestHeaders = {{"Host", flow.url.host().toUtf8()},
                           {"User-Agent", "Mozilla/5.0"},
                           {"Accept", "*/*"},
                           {"Sec-Fetch-Mode", origin.isEmpty() ? "no-cors" : "cors"},
                           {"Sec-Fetch-Dest", origin.isEmpty() ? "image" : "empty"}};
    if (!origin.isEmpty())
        flow.requestHeaders.append("Origin", origin);
    flow.status = status;
    flow.reason = "OK";
    flow.responseHeaders = response;
    flow.completeMs = 3;
    return flow;
}

std::vector<Flow> flows(int count, const QByteArray &origin, int status, const HeaderList &response)
{
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    std::vector<Flow> result;
    for (int i = 0; i < count; ++i)
        result.push_back(capturedFlow(quint64(i + 1), start.addMSecs(i), origin,
                                      QStringLiteral("http://app.example/assets/%1").arg(i), status,
                                      response));
    return result;
}

void analyzeAll(benchmark::State &state, const std::vector<Flow> &captured)
{
    for (auto _ : state) {
        FlowAnalyzer analyzer(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
        for (const Flow &flow : captured)
            benchmark::DoNotOptimize(analyzer.analyze(flow));
        analyzer.finish();
        benchmark::DoNotOptimize(analyzer.takeRevisions());
    }
    state.SetItemsProcessed(state.iterations() * qint64(captured.size()));
}

// The common flow: same-origin, no Origin header, not a redirect.
void BM_SameOriginFlows(benchmark::State &state)
{
    analyzeAll(state, flows(1000, {}, 200, {{"Content-Type", "image/png"}}));
}

// Same-origin redirects no cross-origin hop follows: remembered for the window, then dropped.
void BM_SameOriginRedirectsNeverFollowed(benchmark::State &state)
{
    analyzeAll(state, flows(1000, {}, 302, {{"Location", "http://api.example/final"}}));
}

// A cross-origin API call allowed at its own response.
void BM_CrossOriginAllowed(benchmark::State &state)
{
    std::vector<Flow> captured =
        flows(1000, "http://page.example", 200, {{"Access-Control-Allow-Origin", "*"}});
    analyzeAll(state, captured);
}

} // namespace

BENCHMARK(BM_SameOriginFlows);
BENCHMARK(BM_SameOriginRedirectsNeverFollowed);
BENCHMARK(BM_CrossOriginAllowed);
BENCHMARK_MAIN();
