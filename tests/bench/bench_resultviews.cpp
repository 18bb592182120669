#include "cors/fetchsimulation.h"
#include "models/traffictablemodel.h"
#include "widgets/explanationview.h"
#include "widgets/sequencediagramview.h"

#include <QApplication>
#include <QTabWidget>
#include <benchmark/benchmark.h>

using namespace Corscope;

namespace {

// A blocked, preflighted, credentialed PUT: the most steps, arrows and diff rows a single
// fetch produces.
Evaluation preflightedFailure()
{
    FetchRequest request;
    request.url = QUrl(QStringLiteral("https://api.example/v1/items/42"));
    request.origin = Origin::parse(QStringLiteral("https://app.example"));
    request.method = "PUT";
    request.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "abc"}};
    request.credentials = CredentialsMode::Include;
    ManualClock clock;
    PreflightCache cache(BrowserProfile::chromium(), clock);
    return runFetch(request, BrowserProfile::chromium(), cache,
                    [](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
                        HttpResponse response;
                        response.status = outgoing.kind == OutgoingRequest::Kind::Preflight ? 204 : 200;
                        response.headers = {{"Access-Control-Allow-Origin", "https://app.example"},
                                            {"Access-Control-Allow-Credentials", "true"},
                                            {"Access-Control-Allow-Methods", "GET, PUT"},
                                            {"Access-Control-Allow-Headers", "content-type, x-request-id"},
                                            {"Content-Type", "application/json"}};
                        if (outgoing.kind == OutgoingRequest::Kind::Actual)
                            response.headers.remove("access-control-allow-credentials");
                        return response;
                    });
}

// From a response arriving (the evaluation is ready) to the explanation painted, and to the
// diagram painted — the GUI's 16 ms budget. grab() forces a synchronous paint of the widget.
void BM_ResponseToExplanationPainted(benchmark::State &state)
{
    const Evaluation evaluation = preflightedFailure();
    ExplanationView view;
    view.resize(1200, 800);
    view.show();
    for (auto _ : state) {
        view.setEvaluation(evaluation, std::nullopt);
        benchmark::DoNotOptimize(view.grab());
    }
}

void BM_ResponseToDiagramPainted(benchmark::State &state)
{
    const Evaluation evaluation = preflightedFailure();
    ExplanationView view;
    view.resize(1200, 800);
    view.show();
    view.findChild<QTabWidget *>(QStringLiteral("resultViews"))->setCurrentIndex(1);
    for (auto _ : state) {
        view.setEvaluation(evaluation, std::nullopt);
        benchmark::DoNotOptimize(view.sequenceView()->grab());
    }
}

// The Traffic list's budget: re-filtering a capture of a million flows in the model (what
// typing in the filter bar does) within 200 ms.
void BM_TrafficListFiltersMillionFlows(benchmark::State &state)
{
    TrafficTableModel model;
    std::vector<TrafficEntry> entries;
    entries.reserve(1'000'000);
    for (quint64 id = 1; id <= 1'000'000; ++id) {
        TrafficEntry entry;
        entry.flowId = id;
        entry.method = id % 5 ? "GET" : "PUT";
        entry.facts.method = entry.method;
        entry.facts.status = id % 13 ? 200 : 404;
        entry.facts.host = id % 3 ? "cdn.example" : "api.example";
        entry.facts.url = "https://" + entry.facts.host + "/v1/items/" + QByteArray::number(id);
        entry.facts.crossOrigin = id % 10 == 0;
        entry.facts.blocked = entry.facts.crossOrigin && id % 4 == 0;
        entries.push_back(std::move(entry));
    }
    model.append(std::move(entries));
    const FlowFilter filters[] = {*FlowFilter::parse(QStringLiteral("method:PUT status:4xx host:api")),
                                  *FlowFilter::parse(QStringLiteral("blocked | items/9"))};
    int which = 0;
    for (auto _ : state) {
        model.setFilter(filters[which]);
        which ^= 1;
        benchmark::DoNotOptimize(model.rowCount());
    }
}

} // namespace

BENCHMARK(BM_TrafficListFiltersMillionFlows)->Unit(benchmark::kMillisecond)->Iterations(6);
BENCHMARK(BM_ResponseToExplanationPainted)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResponseToDiagramPainted)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
