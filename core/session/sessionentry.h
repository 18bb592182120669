#pragma once

#include "cors/browserprofile.h"
#include "scenario/scenario.h"
#include "sender/sendresult.h"

#include <QCoreApplication>
#include <optional>

namespace Corscope {

// One request of a workbench session: what the page asked for, what the server answered
// (pasted from DevTools, or received for real) and what the browser made of it. The request and
// the answers are kept as a Scenario so that replaying it offline reproduces the evaluation.
struct SessionEntry {
    enum class Kind { Sent, Offline };

    Kind kind = Kind::Offline;
    QString browser; // BrowserProfile id
    qint64 timeMs = 0;
    Scenario scenario;
    Evaluation evaluation;
    QList<ExchangePhases> phases; // per evaluation exchange, when it was sent for real
    // Sent with a fix tried (FixTrial): the answers and the evaluation are what Corscope's rewrite
    // rules made of the server's responses, never what the server sends. Every view says so.
    bool triedFix = false;
    QStringList rewrittenHeaders; // what the rules changed, one line each ("OPTIONS /x: …")

    const FetchRequest &request() const { return scenario.request; }

    // Evaluates a request against response headers seen in DevTools, with an empty preflight
    // cache. Without a separate preflight response the actual response answers the preflight too,
    // as one server configuration usually answers both.
    static SessionEntry explainOffline(const FetchRequest &request,
                                       const std::optional<HttpResponse> &preflightResponse,
                                       const HttpResponse &actualResponse, const BrowserProfile &profile,
                                       qint64 timeMs);
    // Records a fetch sent for real; every response on the wire becomes a scenario answer. An
    // exchange that got no response (refused, timed out) has no answer to keep: a replay sees
    // the scenario's default 404 there, so only the live evaluation tells of network errors.
    static SessionEntry fromSendResult(const FetchRequest &request, const SendResult &result,
                                       const QString &browser);
    // Runs the scenario again offline (used when a session file is opened).
    static std::optional<Evaluation> replay(const Scenario &scenario, const QString &browser);
};

} // namespace Corscope

Q_DECLARE_METATYPE(Corscope::SessionEntry)
