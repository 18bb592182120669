#include "har/harreader.h"

#include "cors/corssafelist.h"
#include "har/harentrystream.h"
#include "har/harpairer.h"
#include "http/browserheaders.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Corscope {

QString HarError::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(line).arg(column).arg(message);
    if (!path.isEmpty())
        return QStringLiteral("%1: %2").arg(path, message);
    return message;
}

bool HarReader::looksLikeHar(const QByteArray &json)
{
    // The beginning is enough: a top-level object whose "log" is an object.
    return HarEntryStream::looksLikeHar(json.left(HarEntryStream::peekSize));
}

std::optional<QList<HarEntry>> HarReader::read(const QByteArray &json, HarError *error)
{
    QBuffer buffer;
    buffer.setData(json);
    buffer.open(QIODevice::ReadOnly);
    HarEntryStream stream(&buffer, HarEntryStream::Options{.keepRaw = true});
    QList<HarEntry> result;
    while (std::optional<HarEntry> entry = stream.next())
        result.append(std::move(*entry));
    if (stream.error()) {
        if (error)
            *error = *stream.error();
        return std::nullopt;
    }
    return result;
}

QList<HarScenario> HarReader::crossOriginScenarios(const QList<HarEntry> &entries)
{
    QList<HarScenario> result;
    HarPairer pairer([&result](HarScenario &&scenario) { result.append(std::move(scenario)); });
    for (const HarEntry &entry : entries)
        pairer.add(entry);
    pairer.finish();
    return result;
}

namespace {

// [fetch-metadata] 2.1: a dedicated or shared worker's own script ([html] fetch a classic worker
// script, fetch a module worker script graph). DevTools' _resourceType does not tell it from a
// <script> ("script", or "other"), so Sec-Fetch-Dest decides.
bool isWorkerScript(const HeaderList &sentHeaders)
{
    const QByteArray dest = sentHeaders.get("sec-fetch-dest").value_or(QByteArray()).trimmed().toLower();
    return dest == "worker" || dest == "sharedworker";
}

// [fetch-metadata] 2.3: the mode the browser ran the request in; a worker's script is fetched in
// mode 'same-origin' whether or not the capture kept the header.
bool inSameOriginMode(const HeaderList &sentHeaders)
{
    const std::optional<QByteArray> mode = sentHeaders.get("sec-fetch-mode");
    if (!mode)
        return isWorkerScript(sentHeaders);
    return mode->trimmed().compare("same-origin", Qt::CaseInsensitive) == 0;
}

} // namespace

bool HarReader::isPreflight(const HarEntry &entry)
{
    // DevTools marks the preflights it shows (_resourceType "preflight"); any capture shows one as
    // an OPTIONS carrying Access-Control-Request-Method ([fetch] CORS-preflight fetch, step 2).
    return entry.method == "OPTIONS" && (entry.resourceType == "preflight" ||
                                         entry.requestHeaders.contains("access-control-request-method"));
}

// The page's origin as the entry records it: its Origin header; else, for a fetch() or an
// XMLHttpRequest (always CORS mode) whose Origin the capture did not keep, the Referer's origin.
// Chrome exports only the "provisional" request headers (no Origin) for a request that never reached
// the network — one its preflight stopped, or one served from its cache (tst_harbrowsers,
// /put-denied) — and the Referer it does keep is the page's URL or, cross-origin, its origin
// ([referrer-policy] strict-origin-when-cross-origin, the default).

std::optional<Origin> HarReader::pageOrigin(const HarEntry &entry, bool *fromReferer)
{
    if (const std::optional<QByteArray> header = entry.requestHeaders.get("origin"))
        return Origin::parse(QString::fromUtf8(*header));
    const QByteArray &kind = entry.resourceType;
    // A worker's script is fetched in mode same-origin, so without Origin: the Referer is the page.
    const bool sameOriginMode = inSameOriginMode(entry.requestHeaders);
    if (kind != "fetch" && kind != "xhr" && kind != "eventsource" && !sameOriginMode)
        return std::nullopt;
    const QUrl referer(QString::fromUtf8(entry.requestHeaders.get("referer").value_or(QByteArray())));
    if (!referer.isValid() ||
        (referer.scheme() != QLatin1String("http") && referer.scheme() != QLatin1String("https"))) {
        // [fetch] main fetch, step 12: a browser sends a same-origin-mode request only to the
        // page's own origin, so the URL's origin is the page's.
        if (sameOriginMode &&
            (entry.url.scheme() == QLatin1String("http") || entry.url.scheme() == QLatin1String("https")))
            return Origin::fromUrl(entry.url);
        return std::nullopt;
    }
    if (fromReferer)
        *fromReferer = true;
    return Origin::fromUrl(referer);
}

bool HarReader::isCrossOriginRequest(const HarEntry &entry)
{
    if (isPreflight(entry))
        return false;
    const std::optional<Origin> origin = pageOrigin(entry);
    return origin && (origin->isOpaque() || !origin->isSameOriginAs(entry.url));
}

bool HarReader::isRefusedSameOriginRedirect(const HarEntry &entry)
{
    // [fetch] HTTP fetch: 301, 302, 303, 307 and 308 are the redirect statuses.
    const int status = entry.response.status;
    if ((status != 301 && status != 302 && status != 303 && status != 307 && status != 308) ||
        isPreflight(entry) || !inSameOriginMode(entry.requestHeaders))
        return false;
    QUrl target = entry.redirectUrl;
    if (!target.isValid() || target.isEmpty()) {
        const std::optional<QByteArray> location = entry.response.headers.get("location");
        if (!location)
            return false;
        // As FetchSimulation::followRedirect resolves it.
        target = entry.url.resolved(QUrl(QString::fromUtf8(location->trimmed()), QUrl::StrictMode));
        if (!target.isValid())
            return false;
    }
    const std::optional<Origin> origin = pageOrigin(entry);
    if (!origin || origin->isOpaque() || !origin->isSameOriginAs(entry.url))
        return false;
    const bool httpTarget =
        target.scheme() == QLatin1String("http") || target.scheme() == QLatin1String("https");
    return !httpTarget || !origin->isSameOriginAs(target);
}

namespace {

// What started the request, in DevTools' _resourceType vocabulary (document, stylesheet, image,
// media, font, script, texttrack, xhr, fetch, prefetch, eventsource, websocket, manifest,
// signedexchange, ping, cspviolationreport, preflight, other). Firefox's HARs have none: the
// request's Sec-Fetch-Dest and Sec-Fetch-Mode ([fetch-metadata] 2.1, 2.3) say the same. Empty when
// nothing says (a fetch() or an XMLHttpRequest: Sec-Fetch-Dest 'empty' is both).
QByteArray resourceKind(const HarEntry &entry)
{
    const QByteArray mode =
        entry.requestHeaders.get("sec-fetch-mode").value_or(QByteArray()).trimmed().toLower();
    // [RFC 6455] 4.1: the handshake is a GET with Upgrade: websocket, answered 101 when accepted.
    const bool upgrade =
        entry.requestHeaders.get("upgrade").value_or(QByteArray()).trimmed().toLower() == "websocket";
    if (entry.resourceType == "websocket" || mode == "websocket" || upgrade || entry.response.status == 101)
        return QByteArrayLiteral("websocket");
    if (!entry.resourceType.isEmpty())
        return entry.resourceType;
    if (mode == "navigate")
        return QByteArrayLiteral("document");
    const QByteArray dest =
        entry.requestHeaders.get("sec-fetch-dest").value_or(QByteArray()).trimmed().toLower();
    if (dest == "document" || dest == "iframe" || dest == "frame" || dest == "embed" || dest == "object")
        return QByteArrayLiteral("document");
    if (dest == "style")
        return QByteArrayLiteral("stylesheet");
    if (dest == "audio" || dest == "video")
        return QByteArrayLiteral("media");
    if (dest == "track")
        return QByteArrayLiteral("texttrack");
    if (dest == "report")
        return QByteArrayLiteral("cspviolationreport");
    if (dest == "script" || dest == "image" || dest == "font" || dest == "manifest")
        return dest;
    return {};
}

// [html] the elements whose fetch is a "potential-CORS request": mode 'no-cors' unless the element
// has a crossorigin attribute. Fonts ([css-fonts] 4.8.2), fetch(), XHR, EventSource and manifests
// are always 'cors'.
bool noCorsUnlessCrossorigin(const QByteArray &kind)
{
    return kind == "script" || kind == "stylesheet" || kind == "image" || kind == "media" ||
           kind == "texttrack" || kind == "prefetch" || kind == "ping";
}

bool answered(const HarEntry &entry)
{
    return entry.response.status > 0 && entry.networkError.isEmpty();
}

} // namespace

HarScenario HarReader::scenarioFor(const HarEntry &entry, const HarEntry *preflight,
                                   const QList<const HarEntry *> &hops)
{
    HarScenario item;
    item.entryIndex = entry.index;
    Scenario &scenario = item.scenario;
    scenario.name = QStringLiteral("har-entry-%1").arg(entry.index);
    scenario.title = QStringLiteral("%1 %2").arg(QString::fromUtf8(entry.method), entry.url.toString());
    FetchRequest &request = scenario.request;
    request.url = entry.url;
    bool fromReferer = false;
    request.origin = pageOrigin(entry, &fromReferer).value_or(Origin());
    const bool refusedRedirect = isRefusedSameOriginRedirect(entry);
    if (refusedRedirect && !entry.requestHeaders.contains("origin"))
        item.assumptions << (fromReferer ? tr("a same-origin request carries no Origin header: the page's "
                                              "origin %1 is taken from its Referer")
                                         : tr("a same-origin request carries no Origin header: the page's "
                                              "origin is taken to be %1, the request's own, as a browser "
                                              "sends a same-origin-mode request only to its own origin"))
                                .arg(request.origin.toString());
    else if (fromReferer)
        item.assumptions
            << tr("the capture did not record the request's Origin (only the browser's provisional "
                  "headers: the request did not reach the network or came from the cache); the "
                  "page's origin %1 is taken from its Referer")
                   .arg(request.origin.toString());
    request.method = entry.method;
    request.body = entry.requestBody;
    if (preflight) {
        item.preflightEntryIndex = preflight->index;
        scenario.responses.append({"OPTIONS", preflight->url, preflight->response});
    }
    const QByteArray kind = resourceKind(entry);
    if (kind == "websocket")
        item.notCors = tr("a WebSocket handshake: WebSockets are not CORS-checked (the server decides "
                          "from the Origin header it got); the scenario judges it as the handshake it is");
    else if (kind == "document")
        item.notCors = tr("a navigation (document): CORS does not apply to it");
    // DevTools' _resourceType, when the HAR has one, says what started the request; else its
    // Sec-Fetch-* headers do (inferPageRequest).
    std::optional<ResourceType> knownKind =
        entry.resourceType.isEmpty() ? std::nullopt
                                     : resourceTypeFromString(QString::fromLatin1(entry.resourceType));
    if (isWorkerScript(entry.requestHeaders))
        knownKind = ResourceType::Worker;
    if (kind == "websocket")
        knownKind = ResourceType::WebSocket;
    inferPageRequest(request, entry.requestHeaders, preflight ? &preflight->requestHeaders : nullptr,
                     &item.assumptions, knownKind);
    // Sec-Fetch-Mode, when recorded, set the mode above; without it the kind's default decides.
    // The browsers add Origin to a no-cors request only when its method is not GET or HEAD
    // ([fetch] append a request Origin header, step 4), so a GET that carried one had crossorigin.
    if (!entry.requestHeaders.contains("sec-fetch-mode") && noCorsUnlessCrossorigin(kind) &&
        request.method != "GET" && request.method != "HEAD") {
        request.mode = RequestMode::NoCors;
        item.assumptions << tr("a '%1' request is 'no-cors' without a crossorigin attribute: no CORS check "
                               "applies; the page gets an opaque response")
                                .arg(QString::fromLatin1(kind));
    }
    // A request the capture shows sent and answered with no preflight before it: its preflight
    // passed or came from the browser's cache. The same for each hop of a redirect chain.
    if (!preflight && answered(entry))
        request.preflightsNotCaptured.append(entry.url);
    for (qsizetype i = 0; i < hops.size(); ++i) {
        const HarEntry *hop = hops.at(i);
        const bool guarded = i > 0 && isPreflight(*hops.at(i - 1)) && hops.at(i - 1)->url == hop->url;
        if (!isPreflight(*hop) && !guarded && answered(*hop))
            request.preflightsNotCaptured.append(hop->url);
    }
    scenario.responses.append({entry.method, entry.url, entry.response});
    for (const HarEntry *hop : hops)
        scenario.responses.append({hop->method, hop->url, hop->response});
    scenario.fetches = {ScenarioFetch{0, request}};
    return item;
}

void HarReader::applyCapturedKind(FetchRequest &request, ResourceType type)
{
    // [html] CORS settings attribute: an element fetched in mode 'cors' had a crossorigin
    // attribute, 'use-credentials' when it sent credentials, 'anonymous' when not; in 'no-cors'
    // it had none.
    CrossOrigin attribute = CrossOrigin::Absent;
    if (isElementKind(type) && request.mode == RequestMode::Cors)
        attribute = request.credentials == CredentialsMode::Include ? CrossOrigin::UseCredentials
                                                                    : CrossOrigin::Anonymous;
    applyResourceType(request, type, attribute);
}

namespace {

// [fetch-metadata] 2.1 Sec-Fetch-Dest is the request's destination; [fetch] "empty" is fetch(),
// XMLHttpRequest and EventSource alike, told apart only by EventSource's Accept: text/event-stream
// ([html] EventSource constructor, step 12). Empty when the destination is not one of the kinds.
std::optional<ResourceType> kindFromDestination(const HeaderList &sentHeaders)
{
    // [rfc6455] 4.1: a GET with Upgrade: websocket; Firefox also says Sec-Fetch-Mode: websocket.
    if (sentHeaders.get("upgrade").value_or(QByteArray()).trimmed().compare("websocket", Qt::CaseInsensitive) == 0 ||
        sentHeaders.get("sec-fetch-mode").value_or(QByteArray()).trimmed().compare("websocket", Qt::CaseInsensitive) == 0)
        return ResourceType::WebSocket;
    const QByteArray dest = sentHeaders.get("sec-fetch-dest").value_or(QByteArray()).trimmed().toLower();
    if (dest == "script")
        return ResourceType::Script; // a module script too: both are 'script', the judgement alike
    if (dest == "style")
        return ResourceType::Stylesheet;
    if (dest == "image")
        return ResourceType::Image;
    if (dest == "font")
        return ResourceType::Font;
    if (dest == "worker" || dest == "sharedworker")
        return ResourceType::Worker;
    if (dest == "empty") {
        const QByteArray accept = sentHeaders.get("accept").value_or(QByteArray()).trimmed().toLower();
        return accept == "text/event-stream" ? ResourceType::EventSource : ResourceType::Fetch;
    }
    return std::nullopt;
}

} // namespace

void HarReader::inferPageRequest(FetchRequest &request, const HeaderList &sentHeaders,
                                 const HeaderList *preflightHeaders, QStringList *assumptions,
                                 std::optional<ResourceType> knownKind)
{
    QByteArrayList announced;
    if (preflightHeaders) {
        for (const QByteArray &name :
             preflightHeaders->get("access-control-request-headers").value_or(QByteArray()).split(','))
            if (!name.trimmed().isEmpty())
                announced.append(name.trimmed().toLower());
    }
    for (const Header &header : sentHeaders) {
        if (isBrowserGeneratedRequestHeader(header.name) ||
            isDevToolsNoCacheHeader(header.name, header.value))
            continue;
        const bool safelisted =
            CorsSafelist::isNoCorsSafelistedName(header.name) || HeaderList::namesEqual(header.name, "range");
        if (safelisted || !preflightHeaders || announced.contains(header.name.toLower()))
            request.headers.append(header.name, header.value);
    }
    // [fetch-metadata] Sec-Fetch-Mode is the request's mode as the browser ran it: a no-cors
    // request is never CORS-checked, a same-origin one is refused cross-origin. 'cors' (the
    // fetch() default) and 'navigate' (not CORS at all; the caller decides) change nothing here.
    const QByteArray mode = sentHeaders.get("sec-fetch-mode").value_or(QByteArray()).trimmed().toLower();
    if (mode == "no-cors") {
        request.mode = RequestMode::NoCors;
        *assumptions << tr("Sec-Fetch-Mode says 'no-cors': no CORS check applies; the page gets an opaque "
                           "response");
    } else if (mode == "same-origin") {
        request.mode = RequestMode::SameOrigin;
        *assumptions << tr("Sec-Fetch-Mode says 'same-origin'");
    }
    if (sentHeaders.contains("cookie")) {
        request.credentials = CredentialsMode::Include;
        *assumptions << tr("the request carried cookies, so credentials mode 'include' is assumed");
    } else {
        *assumptions << tr(
            "the HAR does not record the credentials mode; 'same-origin' (the fetch() default) is "
            "assumed");
    }
    // The kind last: it reads the mode and credentials the headers showed.
    if (!knownKind) {
        knownKind = kindFromDestination(sentHeaders);
        if (knownKind == ResourceType::Fetch)
            *assumptions << tr("Sec-Fetch-Dest 'empty' is a fetch() or an XMLHttpRequest alike, which the "
                               "capture cannot tell apart: judged as fetch() (an XMLHttpRequest gets the "
                               "same verdict; Chromium's console names it XMLHttpRequest instead of fetch)");
    }
    if (knownKind)
        applyCapturedKind(request, *knownKind);
    // The key the browser sent decides which Sec-WebSocket-Accept completes its handshake.
    if (request.resourceType == ResourceType::WebSocket)
        request.webSocketKey = sentHeaders.get("sec-websocket-key").value_or(QByteArray()).trimmed();
    // [html] an EventSource's reconnection carries a Last-Event-ID of its own making, never
    // preflighted: not a header the page set (scenarios kind-eventsource-reconnect-*).
    if (request.resourceType == ResourceType::EventSource)
        request.headers.remove("last-event-id");
    if (!preflightHeaders && request.method != "GET" && request.method != "HEAD" && request.method != "POST")
        *assumptions << tr("no preflight was captured for this request: if the browser sent it, the "
                           "preflight passed or came from the cache");
}

} // namespace Corscope
