#pragma once

#include "cors/browserprofile.h"
#include "cors/evaluation.h"
#include "cors/fetchsimulation.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Corscope {

struct ScenarioResponse {
    QByteArray method; // "*" matches any
    QUrl url;
    HttpResponse response;
    // Matches only requests whose Origin is one of these (serialized); empty matches any. A server
    // that checks Origin (a WebSocket endpoint's allow-list) is two entries: the listed origins
    // first, then the refusal.
    QByteArrayList origins = {};
    // Matches only requests with this Last-Event-ID: an EventSource's reconnection, listed before
    // the response to its first request.
    std::optional<QByteArray> lastEventId = {};
};

// One fetch() of a scenario: the request (the scenario's, with any per-fetch overrides) and the
// delay before it.
struct ScenarioFetch {
    int delayMs = 0;
    FetchRequest request;
};

// A fetch() and the server's behaviour, as in resources/scenarios/FORMAT.md.
struct Scenario {
    QString name;
    QString title;
    FetchRequest request;
    QList<ScenarioResponse> responses;
    QList<ScenarioFetch> fetches; // never empty once read

    // The server's answer to a request, first match wins; {origin} in header values becomes the
    // request's Origin, {websocket-accept} the Sec-WebSocket-Accept for its Sec-WebSocket-Key.
    // Unmatched requests get a bare 404.
    HttpResponse respond(const OutgoingRequest &outgoing) const;
};

struct ScenarioError {
    QString message;
    int line = 0;   // 1-based; 0 when the error is not tied to a position
    int column = 0; // 1-based
    QString path;   // JSON path of the offending field, e.g. request.headers[2]
    QString toString() const;
};

class ScenarioReader {
    Q_DECLARE_TR_FUNCTIONS(Corscope::ScenarioReader)

public:
    static std::optional<Scenario> read(const QByteArray &json, ScenarioError *error);
    static std::optional<Scenario> fromJson(const QJsonObject &object, ScenarioError *error);
    static QJsonObject toJson(const Scenario &scenario);
};

// Replays a scenario offline: every fetch in order, one preflight cache, a manual clock advanced
// by each delay.
class ScenarioRunner {
public:
    static QList<Evaluation> run(const Scenario &scenario, const BrowserProfile &profile,
                                 EvaluationDetail detail = EvaluationDetail::Full);
};

} // namespace Corscope
