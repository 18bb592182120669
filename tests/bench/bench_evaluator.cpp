#include "cors/fetchsimulation.h"

#include <benchmark/benchmark.h>

using namespace Corscope;

namespace {

FetchRequest preflightedRequest()
{
    FetchRequest request;
    request.url = QUrl(QStringLiteral("https://api.example/v1/items/42"));
    request.origin = Origin::parse(QStringLiteral("https://app.example"));
    request.method = "PUT";
    request.headers = {
        {"Content-Type", "application/json"}, {"X-Request-Id", "abc"}, {"Accept", "application/json"}};
    request.credentials = CredentialsMode::Include;
    return request;
}

HttpResponse preflightResponse()
{
    HttpResponse response;
    response.status = 204;
    response.headers = {{"Access-Control-Allow-Origin", "https://app.example"},
                        {"Access-Control-Allow-Credentials", "true"},
                        {"Access-Control-Allow-Methods", "GET, PUT, DELETE"},
                        {"Access-Control-Allow-Headers", "content-type, x-request-id"},
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
// headers. The cache is cleared each round so every iteration misses.
void preflightedCacheMiss(benchmark::State &state, EvaluationDetail detail)
{
    const FetchRequest request = preflightedRequest();
    const HttpResponse preflight = preflightResponse();
    const HttpResponse actual = actualResponse();
    ManualClock clock;
    PreflightCache cache(BrowserProfile::chromium(), clock);
    for (auto _ : state) {
        cache.clearAll();
        FetchSimulation simulation(request, BrowserProfile::chromium(), cache, detail);
        simulation.receiveResponse(preflight);
        simulation.receiveResponse(actual);
        benchmark::DoNotOptimize(simulation.evaluation().verdict);
    }
}

void BM_PreflightedCacheMiss_FullExplanation(benchmark::State &state)
{
    preflightedCacheMiss(state, EvaluationDetail::Full);
}
void BM_PreflightedCacheMiss_VerdictOnly(benchmark::State &state)
{
    preflightedCacheMiss(state, EvaluationDetail::VerdictOnly);
}

} // namespace

BENCHMARK(BM_PreflightedCacheMiss_FullExplanation);
BENCHMARK(BM_PreflightedCacheMiss_VerdictOnly);
BENCHMARK_MAIN();
