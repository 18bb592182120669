#include "cors/fetchrequest.h"

namespace Corscope {

QString toString(RequestMode mode)
{
    switch (mode) {
    case RequestMode::Cors:
        return QStringLiteral("cors");
    case RequestMode::NoCors:
        return QStringLiteral("no-cors");
    case RequestMode::SameOrigin:
        return QStringLiteral("same-origin");
    }
    return {};
}

QString toString(CredentialsMode mode)
{
    switch (mode) {
    case CredentialsMode::Omit:
        return QStringLiteral("omit");
    case CredentialsMode::SameOrigin:
        return QStringLiteral("same-origin");
    case CredentialsMode::Include:
        return QStringLiteral("include");
    }
    return {};
}

QString toString(RequestInitiator initiator)
{
    switch (initiator) {
    case RequestInitiator::Fetch:
        return QStringLiteral("fetch");
    case RequestInitiator::XmlHttpRequest:
        return QStringLiteral("xhr");
    case RequestInitiator::EventSource:
        return QStringLiteral("eventsource");
    case RequestInitiator::Script:
        return QStringLiteral("script");
    case RequestInitiator::Image:
        return QStringLiteral("image");
    case RequestInitiator::Stylesheet:
        return QStringLiteral("stylesheet");
    case RequestInitiator::Font:
        return QStringLiteral("font");
    case RequestInitiator::Worker:
        return QStringLiteral("worker");
    case RequestInitiator::WebSocket:
        return QStringLiteral("websocket");
    }
    return {};
}

QString toString(RedirectMode mode)
{
    switch (mode) {
    case RedirectMode::Follow:
        return QStringLiteral("follow");
    case RedirectMode::Error:
        return QStringLiteral("error");
    case RedirectMode::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

std::optional<RequestMode> requestModeFromString(const QString &text)
{
    for (RequestMode mode : {RequestMode::Cors, RequestMode::NoCors, RequestMode::SameOrigin}) {
        if (toString(mode) == text)
            return mode;
    }
    return std::nullopt;
}

std::optional<CredentialsMode> credentialsModeFromString(const QString &text)
{
    for (CredentialsMode mode :
         {CredentialsMode::Omit, CredentialsMode::SameOrigin, CredentialsMode::Include}) {
        if (toString(mode) == text)
            return mode;
    }
    return std::nullopt;
}

std::optional<RedirectMode> redirectModeFromString(const QString &text)
{
    for (RedirectMode mode : {RedirectMode::Follow, RedirectMode::Error, RedirectMode::Manual}) {
        if (toString(mode) == text)
            return mode;
    }
    return std::nullopt;
}

QString toString(ResourceType type)
{
    switch (type) {
    case ResourceType::Fetch:
        return QStringLiteral("fetch");
    case ResourceType::Xhr:
        return QStringLiteral("xhr");
    case ResourceType::Script:
        return QStringLiteral("script");
    case ResourceType::Module:
        return QStringLiteral("module");
    case ResourceType::Stylesheet:
        return QStringLiteral("stylesheet");
    case ResourceType::Image:
        return QStringLiteral("image");
    case ResourceType::Font:
        return QStringLiteral("font");
    case ResourceType::EventSource:
        return QStringLiteral("eventsource");
    case ResourceType::Worker:
        return QStringLiteral("worker");
    case ResourceType::WebSocket:
        return QStringLiteral("websocket");
    }
    return {};
}

QString toString(CrossOrigin crossOrigin)
{
    switch (crossOrigin) {
    case CrossOrigin::Absent:
        break;
    case CrossOrigin::Anonymous:
        return QStringLiteral("anonymous");
    case CrossOrigin::UseCredentials:
        return QStringLiteral("use-credentials");
    }
    return {};
}

QList<ResourceType> allResourceTypes()
{
    return {ResourceType::Fetch,      ResourceType::Xhr,   ResourceType::Script, ResourceType::Module,
            ResourceType::Stylesheet, ResourceType::Image, ResourceType::Font,   ResourceType::EventSource,
            ResourceType::Worker,     ResourceType::WebSocket};
}

std::optional<ResourceType> resourceTypeFromString(const QString &text)
{
    for (ResourceType type : allResourceTypes()) {
        if (toString(type) == text)
            return type;
    }
    return std::nullopt;
}

std::optional<CrossOrigin> crossOriginFromString(const QString &text)
{
    for (CrossOrigin value : {CrossOrigin::Anonymous, CrossOrigin::UseCredentials}) {
        if (toString(value) == text)
            return value;
    }
    return std::nullopt;
}

QByteArray destinationOf(ResourceType type)
{
    switch (type) {
    case ResourceType::Fetch:
    case ResourceType::Xhr:
    case ResourceType::EventSource:
        break;
    case ResourceType::Script:
    case ResourceType::Module:
        return QByteArrayLiteral("script");
    case ResourceType::Stylesheet:
        return QByteArrayLiteral("style");
    case ResourceType::Image:
        return QByteArrayLiteral("image");
    case ResourceType::Font:
        return QByteArrayLiteral("font");
    case ResourceType::Worker:
        return QByteArrayLiteral("worker");
    case ResourceType::WebSocket:
        break; // Firefox ESR 153 sends Sec-Fetch-Dest: empty with Sec-Fetch-Mode: websocket
    }
    return QByteArrayLiteral("empty");
}

bool isElementKind(ResourceType type)
{
    return type != ResourceType::Fetch && type != ResourceType::Xhr && type != ResourceType::EventSource &&
           type != ResourceType::WebSocket;
}

void applyResourceType(FetchRequest &request, ResourceType type, CrossOrigin crossOrigin)
{
    request.resourceType = type;
    request.crossOrigin = isElementKind(type) ? crossOrigin : CrossOrigin::Absent;
    // [html] create a potential-CORS request: "No CORS" (no attribute) → mode no-cors, credentials
    // include; "Anonymous" → cors, same-origin; "Use Credentials" → cors, include.
    const auto potentialCors = [&request](CrossOrigin attribute) {
        switch (attribute) {
        case CrossOrigin::Absent:
            request.mode = RequestMode::NoCors;
            request.credentials = CredentialsMode::Include;
            break;
        case CrossOrigin::Anonymous:
            request.mode = RequestMode::Cors;
            request.credentials = CredentialsMode::SameOrigin;
            break;
        case CrossOrigin::UseCredentials:
            request.mode = RequestMode::Cors;
            request.credentials = CredentialsMode::Include;
            break;
        }
    };
    switch (type) {
    case ResourceType::Fetch:
        request.initiator = RequestInitiator::Fetch;
        break;
    case ResourceType::Xhr:
        // [xhr] send(), step 7: mode "cors"; credentials "include" if withCredentials, else
        // "same-origin".
        request.initiator = RequestInitiator::XmlHttpRequest;
        request.mode = RequestMode::Cors;
        if (request.credentials != CredentialsMode::Include)
            request.credentials = CredentialsMode::SameOrigin;
        break;
    case ResourceType::Script:
        request.initiator = RequestInitiator::Script;
        potentialCors(crossOrigin);
        break;
    case ResourceType::Module:
        // [html] fetch a single module script: always cors; no attribute counts as anonymous.
        request.initiator = RequestInitiator::Script;
        potentialCors(crossOrigin == CrossOrigin::Absent ? CrossOrigin::Anonymous : crossOrigin);
        break;
    case ResourceType::Stylesheet:
        request.initiator = RequestInitiator::Stylesheet;
        potentialCors(crossOrigin);
        break;
    case ResourceType::Image:
        request.initiator = RequestInitiator::Image;
        potentialCors(crossOrigin);
        break;
    case ResourceType::Font:
        // [css-fonts-4] font fetching requirements: mode cors, credentials same-origin, whatever
        // the stylesheet's own crossorigin attribute says.
        request.initiator = RequestInitiator::Font;
        request.crossOrigin = CrossOrigin::Absent;
        request.mode = RequestMode::Cors;
        request.credentials = CredentialsMode::SameOrigin;
        break;
    case ResourceType::EventSource:
        // [html] EventSource(url, {withCredentials}): mode cors; credentials include with
        // withCredentials, else same-origin.
        request.initiator = RequestInitiator::EventSource;
        request.mode = RequestMode::Cors;
        if (request.credentials != CredentialsMode::Include)
            request.credentials = CredentialsMode::SameOrigin;
        break;
    case ResourceType::Worker:
        // [html] fetch a classic worker script / the top-level of a module worker script graph:
        // mode same-origin, credentials same-origin, for new Worker(url) and
        // new Worker(url, {type: 'module'}) alike. A worker has no crossorigin attribute.
        request.initiator = RequestInitiator::Worker;
        request.crossOrigin = CrossOrigin::Absent;
        request.mode = RequestMode::SameOrigin;
        request.credentials = CredentialsMode::SameOrigin;
        break;
    case ResourceType::WebSocket:
        // [websockets] establish a WebSocket connection: mode "websocket", credentials "include"
        // (cookies for the target always go along), redirect "error". Not a CORS request: the
        // mode stays what the page cannot change, and the evaluator takes its own path.
        request.initiator = RequestInitiator::WebSocket;
        request.credentials = CredentialsMode::Include;
        request.redirect = RedirectMode::Error;
        break;
    }
    if (isElementKind(type))
        request.redirect = RedirectMode::Follow; // elements always follow redirects
}

} // namespace Corscope
