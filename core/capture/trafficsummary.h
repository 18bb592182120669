#pragma once

#include "capture/trafficentry.h"

#include <QList>
#include <vector>

namespace Corscope {

// Per-host CORS health of a capture: how often requests are blocked, how often preflights
// fail, and what preflights cost in latency — the numbers behind the Traffic summary charts.
struct HostSummary {
    QByteArray host;
    int requests = 0;
    int crossOrigin = 0; // cross-origin requests, preflights excluded
    int blocked = 0;
    int preflights = 0;
    int preflightsFailed = 0;
    double preflightMedianMs = 0;
    double preflightP95Ms = 0;

    double blockedRate() const { return crossOrigin ? double(blocked) / crossOrigin : 0; }
    double preflightFailureRate() const { return preflights ? double(preflightsFailed) / preflights : 0; }
};

class TrafficSummary {
public:
    // Hosts ordered by the number of blocked requests, then by traffic.
    static QList<HostSummary> perHost(const std::vector<const TrafficEntry *> &entries);
};

} // namespace Corscope
