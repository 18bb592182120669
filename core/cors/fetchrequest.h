#pragma once

#include "http/headerlist.h"
#include "http/origin.h"

#include <QUrl>
#include <optional>

namespace Corscope {

enum class RequestMode { Cors, NoCors, SameOrigin };
enum class CredentialsMode { Omit, SameOrigin, Include };
enum class RedirectMode { Follow, Error, Manual };
// What started the request. Chromium names it in its console message ("Access to XMLHttpRequest
// at …", "Access to font at …": Resource::ResourceTypeToString, lower-cased by
// cors_error_string.cc); the evaluation is the same. fetch() unless a capture says otherwise.
enum class RequestInitiator { Fetch, XmlHttpRequest, EventSource, Script, Image, Stylesheet, Font, Worker, WebSocket };

// The kind of request a page makes, named as DevTools' `_resourceType` in a HAR names it, so that a
// HAR entry and a `check --resource-type` line speak alike. Each kind fixes the request's
// destination, and with the element's crossorigin attribute its mode and credentials mode
// (applyResourceType).
// WebSocket is the odd one: its handshake carries Origin but is never CORS-checked (see
// WebSocketHandshake).
enum class ResourceType { Fetch, Xhr, Script, Module, Stylesheet, Image, Font, EventSource, Worker, WebSocket };
// [html] CORS settings attributes: an element's crossorigin attribute.
enum class CrossOrigin { Absent, Anonymous, UseCredentials };

// What a page asked fetch() for, before the browser touched it: the method exactly as written,
// the headers as the page set them. The evaluator decides what the browser makes of it.
struct FetchRequest {
    QUrl url;
    Origin origin;
    QByteArray method = QByteArrayLiteral("GET");
    HeaderList headers;
    std::optional<QByteArray> body; // a string body, as fetch(url, {body: "…"})
    RequestMode mode = RequestMode::Cors;
    CredentialsMode credentials = CredentialsMode::SameOrigin;
    RedirectMode redirect = RedirectMode::Follow;
    RequestInitiator initiator = RequestInitiator::Fetch;
    ResourceType resourceType = ResourceType::Fetch;
    CrossOrigin crossOrigin = CrossOrigin::Absent; // the element's attribute; Absent for fetch/xhr
    // Made inside a dedicated worker of the page's origin: fetch() from the worker, or for a script
    // importScripts(url). The worker's origin is the page's, so only an imported script's muted
    // errors differ (Firefox mutes them there too; scenarios kind-worker-importscripts-*).
    bool inWorker = false;
    // new Worker(url, {type: 'module'}) (scenario field workerType): its script must be JavaScript
    // in both browsers, where a classic worker's need not be in Chromium.
    bool moduleWorker = false;
    // An EventSource the page keeps open when the server ends the stream (scenario field
    // reconnect): the browser reconnects once with Last-Event-ID, a second CORS-checked request.
    bool eventSourceReconnects = false;
    // URLs whose preflight a capture does not show although the request it guarded went out and was
    // answered: the browser sends that request only after a preflight passed or its preflight cache
    // answered, so the simulation takes the preflight as passed instead of asking for one. Empty
    // for a page's own fetch() (check, scenarios).
    QList<QUrl> preflightsNotCaptured;
    // A WebSocket handshake's Sec-WebSocket-Key as a capture recorded it; empty to have a fresh one.
    QByteArray webSocketKey;
};

// A request the browser puts on the wire.
struct OutgoingRequest {
    enum class Kind { Preflight, Actual };
    Kind kind = Kind::Actual;
    QUrl url;
    QByteArray method;
    HeaderList headers;
    std::optional<QByteArray> body;
    bool withCredentials = false; // cookies and HTTP auth would be attached
};

struct HttpResponse {
    int status = 200;
    QByteArray statusText;
    HeaderList headers;
    QByteArray body;
};

QString toString(RequestMode mode);
QString toString(CredentialsMode mode);
QString toString(RedirectMode mode);
QString toString(RequestInitiator initiator);
std::optional<RequestMode> requestModeFromString(const QString &text);
std::optional<CredentialsMode> credentialsModeFromString(const QString &text);
std::optional<RedirectMode> redirectModeFromString(const QString &text);

QString toString(ResourceType type);
// Every kind, in DevTools' order of the words above; what a form or an error message offers.
QList<ResourceType> allResourceTypes();
QString toString(CrossOrigin crossOrigin); // "anonymous", "use-credentials"; empty for Absent
std::optional<ResourceType> resourceTypeFromString(const QString &text);
// Only the two keywords: an empty or invalid attribute value means anonymous to HTML, but a user
// who typed one more likely mistyped.
std::optional<CrossOrigin> crossOriginFromString(const QString &text);
// [fetch] request destination for the kind: the value of Sec-Fetch-Dest.
QByteArray destinationOf(ResourceType type);
// Requests an element starts (script, module, stylesheet, image, font) and a worker's script: always
// GET, without a body or page-set headers, hence never preflighted.
bool isElementKind(ResourceType type);
// Sets the request's kind and, as the browser derives them from the kind and the crossorigin
// attribute, its initiator, mode and credentials mode. For fetch() mode and credentials stay as
// the page set them; an XMLHttpRequest is always cors and sends credentials only with
// withCredentials (credentials include), otherwise same-origin; so is an EventSource. A
// WebSocket's handshake always sends credentials (cookies) and is not a CORS request.
void applyResourceType(FetchRequest &request, ResourceType type, CrossOrigin crossOrigin);

} // namespace Corscope
