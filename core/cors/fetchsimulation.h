#pragma once

#include "cors/browserprofile.h"
#include "cors/corsheaderparser.h"
#include "cors/corssafelist.h"
#include "cors/evaluation.h"
#include "cors/preflightcache.h"

#include <QCoreApplication>
#include <QVarLengthArray>
#include <optional>

namespace Corscope {

// Full: every step with its explanation, the readable headers, everything a view shows.
// VerdictOnly: the verdict, error and console message, which requests were sent and the cache
// effect — what bulk evaluation (a large HAR, a busy proxy) needs; no steps, no readable-header
// list, no record of the exchanges (pendingRequest() still gives each request as it is sent).
enum class EvaluationDetail { Full, VerdictOnly };

// One fetch() as a browser runs it, as a state machine: it says which request the browser puts
// on the wire next and is fed each response, so the same code drives offline scenarios, the
// libcurl engine and the proxy. Every decision becomes an explanation step.
class FetchSimulation {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FetchSimulation)

public:
    // The request is borrowed, not copied (a busy proxy evaluates every flow): it must outlive the
    // simulation, so a temporary is refused at compile time.
    FetchSimulation(const FetchRequest &request, const BrowserProfile &profile, PreflightCache &cache,
                    EvaluationDetail detail = EvaluationDetail::Full);
    FetchSimulation(FetchRequest &&, const BrowserProfile &, PreflightCache &,
                    EvaluationDetail = EvaluationDetail::Full) = delete;

    // The request the browser sends next, or nullopt once the fetch has settled. In VerdictOnly
    // detail it is built on the first call: judging captured traffic needs only its kind.
    const std::optional<OutgoingRequest> &pendingRequest() const;
    // Which request the browser sends next, without building it.
    std::optional<OutgoingRequest::Kind> pendingKind() const { return m_pendingKind; }
    bool isFinished() const { return m_finished; }

    void receiveResponse(const HttpResponse &response);
    // The server could not be reached: to the page this is a plain network error.
    void receiveNetworkError(const QString &reason);

    const Evaluation &evaluation() const { return m_evaluation; }
    Evaluation takeEvaluation() { return std::move(m_evaluation); }

private:
    enum class Tainting { Basic, Cors, Opaque };

    void start();
    void mainFetch();
    void sendActual();
    void sendPreflight();
    void buildPreflight(OutgoingRequest &preflight) const;
    void buildActual(OutgoingRequest &actual) const;
    QByteArray fetchSite(bool preflight) const;
    // Sec-Fetch-Site, -Mode and -Dest, to potentially trustworthy URLs only.
    void appendFetchMetadata(HeaderList &headers, const QByteArray &mode, bool preflight = false) const;
    void clearPending()
    {
        m_pendingKind.reset();
        m_pending.reset();
    }
    void recordExchange(const OutgoingRequest &request);
    void handlePreflightResponse(const HttpResponse &response, const CorsResponseHeaders &fields);
    void handleActualResponse(const HttpResponse &response, const CorsResponseHeaders &fields);
    void followRedirect(const HttpResponse &response, const QByteArray &location);
    void finishAllowed(const HttpResponse &response);
    // What the kind itself makes of a response CORS let through or never checked: true when the
    // element or EventSource refused it (the evaluation then failed).
    bool kindRefuses(const HttpResponse &response);
    // An EventSource whose stream ended reconnects: the same request again, with Last-Event-ID.
    void reconnectEventSource(const HttpResponse &response);
    void fail(CorsError error, const QByteArray &hint, int status, const QString &rejection);
    // A WebSocket is not a fetch: its handshake is sent once, never preflighted or CORS-checked,
    // and the response either completes the handshake or fails it (WebSocketHandshake).
    void startWebSocket();
    void buildHandshake(OutgoingRequest &handshake) const;
    void handleHandshakeResponse(const HttpResponse &response);

    // Returns CorsError::None when the response passes; otherwise fills hint.
    CorsError corsCheck(const CorsResponseHeaders &fields, bool preflight, QByteArray *hint) const;
    bool validatePreflight(const HttpResponse &response, const CorsResponseHeaders &fields);
    const QByteArray &serializedOrigin() const { return m_serializedOrigin; }
    const QUrl &currentUrl() const { return m_redirects.isEmpty() ? m_request.url : m_redirects.last(); }
    const QByteArray &preflightOrigin() const;
    QByteArray computeSerializedOrigin() const;
    bool credentialsIncluded() const;
    bool includeMode() const { return m_request.credentials == CredentialsMode::Include; }

    // Records a step in Full detail; render turns the values it captured into text, on request.
    void addStep(const QString &check, StepOutcome outcome, const QString &spec, auto &&render);
    void addCorsCheckStep(const HttpResponse &response, bool preflight, CorsError error,
                          const QByteArray &hint);
    QByteArrayList readableHeaderNames(const HttpResponse &response) const;

    const FetchRequest &m_request;
    const BrowserProfile &m_profile;
    PreflightCache &m_cache;
    EvaluationDetail m_detail;

    QByteArray m_method;
    HeaderList m_headers;
    std::optional<QByteArray> m_body;
    // The URL list is the request's URL and then these: most fetches are not redirected, so the
    // first URL is read from the request rather than copied. Held inline, no allocation.
    QVarLengthArray<QUrl, 3> m_redirects;
    QByteArray m_serializedOrigin; // kept up to date as redirects extend the URL list
    Tainting m_tainting = Tainting::Basic;
    bool m_preflightPath = false;
    bool m_everPreflighted = false;
    TokenList m_unsafeNames; // sorted, lower-case: spans of Access-Control-Request-Headers
    int m_redirectCount = 0;

    std::optional<OutgoingRequest::Kind> m_pendingKind;
    mutable std::optional<OutgoingRequest> m_pending; // m_pendingKind's request, once asked for
    bool m_finished = false;
    QByteArray m_webSocketKey; // Sec-WebSocket-Key of a WebSocket's handshake
    bool m_reconnecting = false; // an EventSource's second connection is under way
    QByteArray m_lastEventId;    // the id its first stream set, sent as Last-Event-ID
    Evaluation m_evaluation;
};

// Runs a fetch offline against a table of responses (see ScenarioRunner), or any callable that
// answers a request: returns the response, or nullopt for a network error.
Evaluation runFetch(const FetchRequest &request, const BrowserProfile &profile, PreflightCache &cache,
                    const std::function<std::optional<HttpResponse>(const OutgoingRequest &)> &server,
                    EvaluationDetail detail = EvaluationDetail::Full);

} // namespace Corscope
