#pragma once

#include "cors/corserror.h"
#include "cors/fetchrequest.h"
#include "http/tokenlist.h"

#include <QByteArrayList>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

namespace Corscope {

enum class StepOutcome { Pass, Fail, Info, Skipped };
enum class Verdict { Allowed, Blocked };

struct ObservedValue {
    QString name;
    QString value;
};

// The concrete server change that makes a failing check pass.
struct FixSuggestion {
    enum class Target { PreflightResponse, ActualResponse, Request };
    Target target = Target::ActualResponse;
    QString summary;
    QByteArray header; // empty when the fix is not a header (a status, a request change)
    QByteArray value;
    int status = 0; // a status the response must have instead, 0 when unchanged
};

// What a step says to a person: rendered from the step's data only when a view, a report or the
// JSON output asks for it.
struct StepText {
    QString title;
    QString detail;
    QList<ObservedValue> observed;
    std::optional<FixSuggestion> fix;
    QString browserNote; // where this browser departs from the spec
};

// Renders one step's text from the values the evaluator captured when it decided the step.
class StepRenderer {
public:
    virtual ~StepRenderer() = default;
    virtual StepText render() const = 0;
};

// One decision the browser made, as data: views render it, tests assert on it. Formatting every
// step's translated text took about three quarters of a full evaluation's time, and most steps
// are never read, so the text is rendered on request from the values the step captured.
struct ExplanationStep {
    QString check; // stable id, e.g. "preflight.allow-methods"
    StepOutcome outcome = StepOutcome::Info;
    QString spec; // link into the Fetch Standard
    // Immutable and shared by copies of the evaluation; it holds values, never the simulation.
    std::shared_ptr<const StepRenderer> renderer;

    StepText text() const { return renderer ? renderer->render() : StepText{}; }
};

// A renderer from a callable returning StepText; the callable must own what it reads.
template<typename Render> std::shared_ptr<const StepRenderer> makeStepRenderer(Render render)
{
    class CallableRenderer final : public StepRenderer {
    public:
        explicit CallableRenderer(Render r)
            : m_render(std::move(r))
        {
        }
        StepText render() const override { return m_render(); }

    private:
        Render m_render;
    };
    return std::make_shared<CallableRenderer>(std::move(render));
}

struct Exchange {
    OutgoingRequest request;
    std::optional<HttpResponse> response;
    QString networkError;
    qint64 startedMs = 0;
};

struct CacheEffect {
    enum class Kind { NotApplicable, Hit, Miss, Stored, NotStored };
    Kind kind = Kind::NotApplicable;
    qint64 maxAgeSeconds = 0; // what the new entry lives for
    qint64 remainingMs = 0;   // on a hit: how long the entry still lives
    TokenList methods;        // spans of the preflight response's own values
    TokenList headers;
    bool credentials = false;
};

// Everything the evaluator decided about one fetch().
struct Evaluation {
    QString browser;
    CredentialsMode credentials = CredentialsMode::SameOrigin; // as the page asked
    ResourceType resourceType = ResourceType::Fetch;
    CrossOrigin crossOrigin = CrossOrigin::Absent;
    // Whether the page can read what it loaded, beyond using it: fetch()/XHR read the body, an
    // image's pixels can be read back from a canvas (getImageData), a classic script's errors
    // reach window.onerror in full rather than as "Script error.", a stylesheet's cssRules can be
    // read. False when blocked, and for every opaque (no-cors) response.
    bool contentReadable = false;
    Verdict verdict = Verdict::Allowed;
    CorsFailure failure;
    QString consoleMessage;             // verbatim, the chosen browser's
    bool consoleMessageVerified = true; // compared with the real browser by the test suite
    QString rejection;                  // the kind of TypeError fetch() rejects with, when blocked
    bool preflightRequired = false;
    bool preflightSent = false;
    bool preflightFromCache = false;
    bool actualRequestSent = false;
    std::optional<OutgoingRequest> preflightRequest;
    std::optional<int> preflightStatus;
    QString responseType;           // basic, cors, opaque, opaqueredirect
    int status = 0;                 // as the page sees it
    QByteArrayList readableHeaders; // lower-case, sorted, as response.headers.keys()
    QUrl finalUrl;
    CacheEffect cache;
    QList<Exchange> exchanges;
    QList<ExplanationStep> steps;

    bool allowed() const { return verdict == Verdict::Allowed; }
    QString errorCode() const { return corsErrorCode(failure.error); }
    // The URL of one of its requests as the page wrote it and DevTools shows it: a WebSocket's
    // handshake goes over http(s):// on the wire, but it is the ws(s):// URL the user asked for.
    QUrl shownUrl(const OutgoingRequest &request) const;
};

QString toString(StepOutcome outcome);
QString toString(Verdict verdict);

namespace Spec {
inline const QString methods = QStringLiteral("https://fetch.spec.whatwg.org/#methods");
inline const QString forbiddenRequestHeader =
    QStringLiteral("https://fetch.spec.whatwg.org/#forbidden-request-header");
inline const QString safelistedRequestHeader =
    QStringLiteral("https://fetch.spec.whatwg.org/#cors-safelisted-request-header");
inline const QString mainFetch = QStringLiteral("https://fetch.spec.whatwg.org/#main-fetch");
inline const QString httpFetch = QStringLiteral("https://fetch.spec.whatwg.org/#http-fetch");
inline const QString preflightFetch = QStringLiteral("https://fetch.spec.whatwg.org/#cors-preflight-fetch");
inline const QString preflightCache = QStringLiteral("https://fetch.spec.whatwg.org/#cors-preflight-cache");
inline const QString corsCheck = QStringLiteral("https://fetch.spec.whatwg.org/#cors-check");
inline const QString redirectFetch = QStringLiteral("https://fetch.spec.whatwg.org/#http-redirect-fetch");
inline const QString safelistedResponseHeader =
    QStringLiteral("https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name");
inline const QString opaqueResponse =
    QStringLiteral("https://fetch.spec.whatwg.org/#concept-filtered-response-opaque");
inline const QString allowMethods =
    QStringLiteral("https://fetch.spec.whatwg.org/#http-access-control-allow-methods");
inline const QString allowHeaders =
    QStringLiteral("https://fetch.spec.whatwg.org/#http-access-control-allow-headers");
inline const QString maxAge = QStringLiteral("https://fetch.spec.whatwg.org/#http-access-control-max-age");
inline const QString fetchMethod = QStringLiteral("https://fetch.spec.whatwg.org/#dom-global-fetch");
inline const QString requestConstructor = QStringLiteral("https://fetch.spec.whatwg.org/#dom-request");
inline const QString webSocketEstablish =
    QStringLiteral("https://websockets.spec.whatwg.org/#concept-websocket-establish");
inline const QString webSocketHandshake = QStringLiteral("https://www.rfc-editor.org/rfc/rfc6455#section-4.1");
inline const QString webSocketOrigin = QStringLiteral("https://www.rfc-editor.org/rfc/rfc6455#section-10.2");
inline const QString eventSourceReconnect =
    QStringLiteral("https://html.spec.whatwg.org/multipage/server-sent-events.html#reestablish-the-connection");
inline const QString eventSourceFail =
    QStringLiteral("https://html.spec.whatwg.org/multipage/server-sent-events.html#fail-the-connection");
inline const QString elementResponse =
    QStringLiteral("https://html.spec.whatwg.org/multipage/webappapis.html#fetching-scripts");
inline const QString noSniff = QStringLiteral("https://fetch.spec.whatwg.org/#x-content-type-options-header");
} // namespace Spec

} // namespace Corscope
