#include "capture/flowfilter.h"

#include <benchmark/benchmark.h>
#include <vector>

using namespace Corscope;

namespace {

// A capture of a million flows with a realistic mix: most same-origin assets, a tenth
// cross-origin API calls, some of them blocked or preflights.
std::vector<FlowFacts> capture(int count)
{
    std::vector<FlowFacts> flows;
    flows.reserve(size_t(count));
    static const char *methods[] = {"GET", "POST", "PUT", "OPTIONS", "DELETE"};
    for (int i = 0; i < count; ++i) {
        FlowFacts facts;
        facts.method = methods[i % 5];
        facts.status = (i % 13 == 0) ? 404 : (i % 7 == 0 ? 204 : 200);
        facts.crossOrigin = i % 10 == 0;
        facts.origin = facts.crossOrigin ? QByteArray("https://app.example") : QByteArray();
        facts.host = (i % 3 == 0) ? QByteArray("api.example") : QByteArray("cdn.example");
        facts.url = "https://" + facts.host + "/v1/items/" + QByteArray::number(i);
        facts.blocked = facts.crossOrigin && i % 4 == 0;
        facts.isPreflight = facts.method == "OPTIONS";
        facts.credentialed = i % 6 == 0;
        facts.reflectsOrigin = facts.crossOrigin && i % 8 == 0;
        facts.noVary = facts.reflectsOrigin && i % 16 == 0;
        flows.push_back(std::move(facts));
    }
    return flows;
}

void filterMillion(benchmark::State &state, const char *expression)
{
    const std::vector<FlowFacts> flows = capture(1'000'000);
    const auto filter = FlowFilter::parse(QString::fromLatin1(expression));
    if (!filter) {
        state.SkipWithError("filter does not parse");
        return;
    }
    for (auto _ : state) {
        int matched = 0;
        for (const FlowFacts &facts : flows)
            matched += filter->matches(facts) ? 1 : 0;
        benchmark::DoNotOptimize(matched);
    }
}

void BM_FilterMillion_Predicates(benchmark::State &state)
{
    filterMillion(state, "method:PUT status:4xx origin:app.example host:api");
}
void BM_FilterMillion_CorsAndText(benchmark::State &state)
{
    filterMillion(state, "(blocked | preflight:failed) & !credentialed & items/9");
}

} // namespace

BENCHMARK(BM_FilterMillion_Predicates)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterMillion_CorsAndText)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
