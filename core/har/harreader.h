#pragma once

#include "cors/fetchrequest.h"
#include "scenario/scenario.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

namespace Corscope {

// One reading of a recorded verdict (`_cors.readings[]`): what the wire did not show, and what the
// browser did under it.
struct HarRecordedReading {
    QString description;    // "reading"
    QString verdict;        // "allowed", "blocked"; empty when the reading carried no evaluation
    QString errorCode;      // only with a verdict
    QString consoleMessage; // only with a verdict
    QString fix;
};

// The CORS verdict Corscope recorded for an entry (`_cors`, written by HarWriter), read back field
// for field: an imported Corscope capture can say what it said when it was captured.
struct HarRecordedVerdict {
    QString verdict; // "allowed", "redirect-followed", … (HarWriter's verdictName)
    QString browser;
    bool preflightFromCache = false;
    QString errorCode;
    QString consoleMessage;
    std::optional<QByteArrayList> readableHeaders; // absent when the capture computed none
    std::optional<qsizetype> pairedPreflight;      // the entry index of the guarding preflight
    QStringList assumptions;
    bool pending = false; // saved before later flows settled it
    struct Chain {
        std::optional<qsizetype> id; // the entry index of the chain's first hop
        int hop = 0;
        int hops = 0;
    };
    std::optional<Chain> chain;
    bool followedHop = false;
    QList<HarRecordedReading> readings;
    QByteArray fetchMode;
    QByteArray destination;
    QString pageSaw;
};

// A failed exchange as Corscope records it (`response._corscopeError`): the stable kind name
// (flowErrorName), the message, and the status of the proxy's own answer to the client.
struct HarRecordedError {
    QString kind;
    QString message;
    int proxyAnswerStatus = 0;
};

// One HAR 1.2 entry, reduced to what CORS needs.
struct HarEntry {
    qsizetype index = 0;
    QDateTime started;
    QByteArray method;
    QUrl url;
    HeaderList requestHeaders;
    std::optional<QByteArray> requestBody;
    HttpResponse response;
    QUrl redirectUrl;
    qint64 requestBodySize = -1;  // request.bodySize; -1 when unknown
    qint64 responseBodySize = -1; // response.content.size (bytes as received); -1 when unknown
    // response._error: the network error as the browser's network stack names it (Chrome writes
    // "net::ERR_…", and so does HarWriter for a failed flow); empty when the entry did not fail.
    QString networkError;
    std::optional<HarRecordedError> corscopeError; // response._corscopeError
    std::optional<HarRecordedVerdict> cors;        // _cors
    // _originalResponseHeaders: the origin's headers before a Corscope rewrite rule changed them.
    HeaderList originalResponseHeaders;
    // _resourceType, lower-cased: what DevTools says started the request (Chrome, Edge: "fetch",
    // "xhr", "preflight", "script", "websocket", …); empty in Firefox's HARs.
    QByteArray resourceType;
    // The entry and its page as the file had them: what Corscope does not model (timings,
    // cookies, Chrome's _initiator and _priority, Firefox's cache) goes back out unchanged on export.
    QJsonObject raw;
    QJsonObject page;
};

struct HarError {
    QString message;
    int line = 0;
    int column = 0;
    QString path;
    QString toString() const;
};

// A scenario rebuilt from a HAR capture: the page's fetch (as far as the capture shows it) and
// every response the browser got for it, preflight and redirects included.
struct HarScenario {
    qsizetype entryIndex = 0;
    std::optional<qsizetype> preflightEntryIndex; // the OPTIONS entry paired with this request
    Scenario scenario;
    QStringList assumptions; // what the HAR does not record and had to be inferred
    // Why the entry is not judged as a CORS request (a WebSocket handshake, a navigation); empty
    // when it is. The scenario is still built, but evaluating it would judge what no browser does.
    QString notCors;
};

class HarReader {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HarReader)

public:
    // Whether the bytes look like a HAR file rather than a scenario (a top-level "log").
    static bool looksLikeHar(const QByteArray &json);
    static std::optional<QList<HarEntry>> read(const QByteArray &json, HarError *error);
    // Every cross-origin request of the capture (preflights are paired, not listed).
    static QList<HarScenario> crossOriginScenarios(const QList<HarEntry> &entries);
    // An OPTIONS entry that carried Access-Control-Request-Method: a CORS preflight.
    static bool isPreflight(const HarEntry &entry);
    // A request that carried an Origin other than its URL's own and is not itself a preflight.
    static bool isCrossOriginRequest(const HarEntry &entry);
    // A same-origin request in mode 'same-origin' (a worker's script, a fetch() with mode:
    // 'same-origin') answered with a redirect to another origin: [fetch] main fetch, step 12 makes
    // that a network error, so the browser sends no next hop and this entry is where it decided.
    static bool isRefusedSameOriginRedirect(const HarEntry &entry);
    // The page's origin as the entry records it: its Origin header, or for a fetch() or XHR whose
    // capture kept only provisional headers, its Referer's origin (then *fromReferer is set); for
    // a same-origin-mode request without either, the URL's own (the only origin a browser sends
    // one to).
    static std::optional<Origin> pageOrigin(const HarEntry &entry, bool *fromReferer = nullptr);
    // The scenario of one cross-origin request: the entry, the preflight paired with it (or none)
    // and the redirect hops that followed it, in order. Pairing is the caller's.
    static HarScenario scenarioFor(const HarEntry &entry, const HarEntry *preflight,
                                   const QList<const HarEntry *> &hops);
    // What a capture does not show of a cross-origin request's fetch(), inferred from what it
    // does: request has the url, origin, method and body as sent; this adds the headers the page
    // set (not those the browser adds, nor those the guarding preflight did not announce) and
    // the credentials mode, and appends what it assumed. The HAR reader and the proxy's
    // FlowAnalyzer both rebuild requests through it, so a file and a live capture agree.
    // It also names the request's kind: knownKind when the capture says it (a HAR's
    // _resourceType), else what Sec-Fetch-Dest, Sec-Fetch-Mode and Accept say; a fetch() and an
    // XMLHttpRequest look alike on the wire, so that guess is appended as an assumption.
    static void inferPageRequest(FetchRequest &request, const HeaderList &sentHeaders,
                                 const HeaderList *preflightHeaders, QStringList *assumptions,
                                 std::optional<ResourceType> knownKind = std::nullopt);
    // Sets a captured request's kind as applyResourceType does, taking the element's crossorigin
    // attribute from the mode and credentials the capture showed (mode cors on an element is a
    // crossorigin attribute; credentials include makes it use-credentials).
    static void applyCapturedKind(FetchRequest &request, ResourceType type);
};

} // namespace Corscope
