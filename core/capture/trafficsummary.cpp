#include "capture/trafficsummary.h"

#include <QHash>
#include <algorithm>
#include <cmath>

namespace Corscope {

namespace {

double percentile(std::vector<double> &values, double fraction)
{
    if (values.empty())
        return 0;
    // Nearest rank: an observed latency, never an interpolated one nobody measured.
    const size_t rank = size_t(std::ceil(fraction * double(values.size())));
    const size_t index = std::clamp<size_t>(rank, 1, values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + qsizetype(index), values.end());
    return values[index];
}

} // namespace

QList<HostSummary> TrafficSummary::perHost(const std::vector<const TrafficEntry *> &entries)
{
    QHash<QByteArray, qsizetype> indexByHost;
    QList<HostSummary> hosts;
    std::vector<std::vector<double>> latencies;
    for (const TrafficEntry *entry : entries) {
        auto found = indexByHost.constFind(entry->facts.host);
        if (found == indexByHost.constEnd()) {
            found = indexByHost.insert(entry->facts.host, hosts.size());
            hosts.append(HostSummary{entry->facts.host});
            latencies.emplace_back();
        }
        HostSummary &host = hosts[*found];
        ++host.requests;
        if (entry->facts.isPreflight) {
            ++host.preflights;
            host.preflightsFailed += entry->facts.preflightFailed ? 1 : 0;
            latencies[size_t(*found)].push_back(entry->durationMs);
        } else if (entry->facts.crossOrigin) {
            ++host.crossOrigin;
            host.blocked += entry->facts.blocked ? 1 : 0;
        }
    }
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        hosts[i].preflightMedianMs = percentile(latencies[size_t(i)], 0.5);
        hosts[i].preflightP95Ms = percentile(latencies[size_t(i)], 0.95);
    }
    std::stable_sort(hosts.begin(), hosts.end(), [](const HostSummary &a, const HostSummary &b) {
        return a.blocked != b.blocked ? a.blocked > b.blocked : a.requests > b.requests;
    });
    return hosts;
}

} // namespace Corscope
