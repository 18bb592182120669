#include "cors/fetchsimulation.h"
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

} // namespace

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
