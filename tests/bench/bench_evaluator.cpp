#include "cors/fetchsimulation.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstddef>

using namespace Corscope;

// Counts every heap allocation of this program: Qt's containers allocate with malloc and
// realloc, operator new ends in malloc, so interposing these three (glibc's own entry points do
// the work) sees them all. Bench-only; the counter is reported per fetch.
extern "C" {
void *__libc_malloc(std::size_t size);
void *__libc_calloc(std::size_t count, std::size_t size);
void *__libc_realloc(void *pointer, std::size_t size);
}

namespace {
std::atomic<long long> g_allocations{0};
} // namespace

extern "C" void *malloc(std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}
extern "C" void *calloc(std::size_t count, std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_calloc(count, size);
}
extern "C" void *realloc(void *pointer, std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_realloc(pointer, size);
}

namespace {

// extraHeaders more non-safelisted request headers, all allowed by the preflight: the
// allocation count must not grow with them.
FetchRequest preflightedRequest(int extraHeaders)
{
    FetchRequest request;
    request.url = QUrl(QStringLiteral("https://api.example/v1/items/42"));
    request.origin = Origin::parse(QStringLiteral("https://app.example"));
    request.method = "PUT";
    request.headers = {
        {"Content-Type", "application/json"}, {"X-Request-Id", "abc"}, {"Accept", "application/json"}};
    for (int i = 0; i < extraHeaders; ++i)
        request.headers.append("X-Extra-" + QByteArray::number(i), "1");
    request.credentials = CredentialsMode::Include;
    return request;
}

HttpResponse preflightResponse(int extraHeaders)
{
    QByteArray allowHeaders = "content-type, x-request-id";
    for (int i = 0; i < extraHeaders; ++i)
        allowHeaders += ", x-extra-" + QByteArray::number(i);
    HttpResponse response;
    response.status = 204;
    response.headers = {{"Access-Control-Allow-Origin", "https://app.example"},
                        {"Access-Control-Allow-Credentials", "true"},
                        {"Access-Control-Allow-Methods", "GET, PUT, DELETE"},
                        {"Access-Control-Allow-Headers", allowHeaders},
                        {"Access-Control-Max-Age", "600"}};
    return response;
}

HttpResponse actualResponse()
{
    HttpResponse response;
    response.headers = {{"Access-Control-Allow-Origin", "https://app.example"},
                        {"Access-Control-Allow-Credentials", "true"},
                        {"Content-Type", "application/json"},
                        {"X-Total", "3"},
                        {"Vary", "Origin"}};
    return response;
}

// A preflighted PUT with a cache miss: preflight, checks, cache store, actual response, readable
// headers. The cache is cleared each round so every iteration misses. With renderText, every
// step's text is rendered too, as a view or the JSON output would.
// With buildRequests, each request is built before its response is fed, as a sender needs it;
// verdict-only evaluation of captured traffic never asks.
void preflightedCacheMiss(benchmark::State &state, EvaluationDetail detail, bool renderText = false,
                          bool buildRequests = false)
{
    const int extraHeaders = int(state.range(0));
    const FetchRequest request = preflightedRequest(extraHeaders);
    const HttpResponse preflight = preflightResponse(extraHeaders);
    const HttpResponse actual = actualResponse();
    ManualClock clock;
    PreflightCache cache(BrowserProfile::chromium(), clock);
    const long long allocationsBefore = g_allocations.load(std::memory_order_relaxed);
    for (auto _ : state) {
        cache.clearAll();
        FetchSimulation simulation(request, BrowserProfile::chromium(), cache, detail);
        if (buildRequests)
            benchmark::DoNotOptimize(simulation.pendingRequest()->headers.size());
        simulation.receiveResponse(preflight);
        if (buildRequests)
            benchmark::DoNotOptimize(simulation.pendingRequest()->headers.size());
        simulation.receiveResponse(actual);
        benchmark::DoNotOptimize(simulation.evaluation().verdict);
        if (renderText) {
            for (const ExplanationStep &step : simulation.evaluation().steps)
                benchmark::DoNotOptimize(step.text());
        }
    }
    state.counters["allocs_per_fetch"] =
        benchmark::Counter(double(g_allocations.load(std::memory_order_relaxed) - allocationsBefore),
                           benchmark::Counter::kAvgIterations);
}

void BM_PreflightedCacheMiss_FullExplanation(benchmark::State &state)
{
    preflightedCacheMiss(state, EvaluationDetail::Full);
}
void BM_PreflightedCacheMiss_FullExplanationTextRendered(benchmark::State &state)
{
    preflightedCacheMiss(state, EvaluationDetail::Full, true);
}
void BM_PreflightedCacheMiss_VerdictOnly(benchmark::State &state)
{
    preflightedCacheMiss(state, EvaluationDetail::VerdictOnly);
}

void BM_PreflightedCacheMiss_VerdictOnlyRequestsBuilt(benchmark::State &state)
{
    preflightedCacheMiss(state, EvaluationDetail::VerdictOnly, false, true);
}

} // namespace

BENCHMARK(BM_PreflightedCacheMiss_FullExplanation)->Arg(0);
BENCHMARK(BM_PreflightedCacheMiss_FullExplanationTextRendered)->Arg(0);
BENCHMARK(BM_PreflightedCacheMiss_VerdictOnly)->Arg(0)->Arg(6);
BENCHMARK(BM_PreflightedCacheMiss_VerdictOnlyRequestsBuilt)->Arg(0);
BENCHMARK_MAIN();
