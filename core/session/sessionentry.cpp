#include "session/sessionentry.h"

namespace Corscope {

SessionEntry SessionEntry::explainOffline(const FetchRequest &request,
                                          const std::optional<HttpResponse> &preflightResponse,
                                          const HttpResponse &actualResponse, const BrowserProfile &profile,
                                          qint64 timeMs)
{
    SessionEntry entry;
    entry.kind = Kind::Offline;
    entry.browser = profile.id;
    entry.timeMs = timeMs;
    entry.scenario.name = QStringLiteral("offline");
    entry.scenario.request = request;
    // Scenario answers match first to last: the preflight's own answer must come before the
    // catch-all.
    if (preflightResponse)
        entry.scenario.responses.append({QByteArrayLiteral("OPTIONS"), request.url, *preflightResponse});
    entry.scenario.responses.append({QByteArrayLiteral("*"), request.url, actualResponse});
    entry.scenario.fetches.append({0, request});
    entry.evaluation = ScenarioRunner::run(entry.scenario, profile).constFirst();
    return entry;
}

SessionEntry SessionEntry::fromSendResult(const FetchRequest &request, const SendResult &result,
                                          const QString &browser)
{
    SessionEntry entry;
    entry.kind = Kind::Sent;
    entry.browser = browser;
    entry.timeMs = result.startedAtMs;
    entry.scenario.name = QStringLiteral("sent");
    entry.scenario.request = request;
    for (const ExchangeRecord &exchange : result.exchanges) {
        entry.phases.append(exchange.timing.phases());
        if (!exchange.response)
            continue;
        const QByteArray method = exchange.request.kind == OutgoingRequest::Kind::Preflight
                                      ? QByteArrayLiteral("OPTIONS")
                                      : exchange.request.method;
        entry.scenario.responses.append({method, exchange.request.url, *exchange.response});
    }
    entry.scenario.fetches.append({0, request});
    entry.evaluation = result.evaluation;
    return entry;
}

std::optional<Evaluation> SessionEntry::replay(const Scenario &scenario, const QString &browser)
{
    const BrowserProfile *profile = BrowserProfile::byId(browser);
    if (!profile || scenario.fetches.isEmpty())
        return std::nullopt;
    return ScenarioRunner::run(scenario, *profile).constFirst();
}

} // namespace Corscope
