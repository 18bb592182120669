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
enum class RequestInitiator { Fetch, XmlHttpRequest, EventSource, Script, Image, Stylesheet, Font };

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
    // URLs whose preflight a capture does not show although the request it guarded went out and was
    // answered: the browser sends that request only after a preflight passed or its preflight cache
    // answered, so the simulation takes the preflight as passed instead of asking for one. Empty
    // for a page's own fetch() (check, scenarios).
    QList<QUrl> preflightsNotCaptured;
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

} // namespace Corscope
