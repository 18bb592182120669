#pragma once

#include "capture/flowfilter.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

namespace Corscope {

// One captured flow as the Traffic list shows it: the columns, the facts the filter reads and
// the verdict, all computed once when the flow completes so that sorting and filtering a large
// capture never re-evaluates anything.
struct TrafficEntry {
    enum class Verdict { NotCors, Allowed, Blocked, Pending };
    quint64 flowId = 0;
    QDateTime started;
    QByteArray method;
    QString url;
    QByteArray origin; // the request's Origin header, as sent
    int status = 0;
    Verdict verdict = Verdict::NotCors;
    std::optional<quint64> pairedFlowId; // the preflight that guarded it, or the request a preflight guarded
    qint64 responseBytes = 0;
    double durationMs = 0;
    QString consoleMessage;       // when blocked: the browser's console line
    QString error;                // a transport error, when the flow failed
    QString tls;                  // the intercepted HTTPS connection to the server, summarised
    bool answeredLocally = false; // a rewrite rule answered it; the server never saw it
    QStringList appliedRules;     // the rewrite rules that answered or changed it, by name
    // A redirect chain the browser followed as one fetch: the chain's first request and this
    // flow's place in it. The list shows the chain as its deciding row, the hops folded under it.
    std::optional<quint64> chainId;
    int chainHop = 0;
    int chainHops = 0;
    FlowFacts facts;

    bool followedHop() const { return chainId && chainHop + 1 < chainHops; }
    bool decidesChain() const { return chainId && chainHop + 1 == chainHops; }
};

} // namespace Corscope
