#pragma once

#include "http/headerlist.h"
#include "http/origin.h"

#include <QUrl>
#include <optional>

namespace Corscope {

enum class RequestMode { Cors, NoCors, SameOrigin };
enum class CredentialsMode { Omit, SameOrigin, Include };
enum class RedirectMode { Follow, Error, Manual };

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
std::optional<RequestMode> requestModeFromString(const QString &text);
std::optional<CredentialsMode> credentialsModeFromString(const QString &text);
std::optional<RedirectMode> redirectModeFromString(const QString &text);

} // namespace Corscope
