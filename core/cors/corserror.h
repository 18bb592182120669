#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Corscope {

// Why a fetch() rejected. The codes (code()) are stable: scripts and the JSON output use them.
enum class CorsError {
    None,
    // Before anything is sent
    InvalidMethod,
    ForbiddenMethod,
    NoCorsMethod,
    DisallowedByMode,
    CorsDisabledScheme,
    NoCorsRedirectMode,
    // The CORS check on a response
    WildcardOriginNotAllowed,
    MissingAllowOriginHeader,
    MultipleAllowOriginValues,
    InvalidAllowOriginValue,
    AllowOriginMismatch,
    InvalidAllowCredentials,
    // The same checks on a preflight response
    PreflightWildcardOriginNotAllowed,
    PreflightMissingAllowOriginHeader,
    PreflightMultipleAllowOriginValues,
    PreflightInvalidAllowOriginValue,
    PreflightAllowOriginMismatch,
    PreflightInvalidAllowCredentials,
    PreflightInvalidStatus,
    PreflightDisallowedRedirect,
    InvalidAllowMethodsPreflightResponse,
    InvalidAllowHeadersPreflightResponse,
    MethodDisallowedByPreflightResponse,
    HeaderDisallowedByPreflightResponse,
    // Redirects
    RedirectContainsCredentials,
    RedirectModeError,
    TooManyRedirects,
    InvalidRedirectLocation,
    // The server could not be reached at all
    NetworkError,
    // Not CORS: a WebSocket's opening handshake did not complete (WebSocketHandshake::Failure in
    // the hint's place, see Evaluation::webSocket)
    WebSocketHandshakeFailed,
    // Not CORS: the response passed (or needed no) CORS check, but the kind refused it — an element
    // or EventSource answered with a status it does not load (the status in CorsFailure::status),
    // or a Content-Type it does not accept (the value in the hint's place).
    ResponseStatusRejected,
    ResponseMimeTypeRejected,
};

// Everything a console message or an explanation needs about a failure.
struct CorsFailure {
    CorsError error = CorsError::None;
    QByteArray hint;   // the failing value: a header value, method or header name
    QUrl url;          // the URL whose response failed
    QUrl initialUrl;   // the URL fetch() was called with, when a redirect happened
    QByteArray origin; // the page's serialized origin (what Chromium names, even after a redirect taints it)
    int status = 0;    // the status of the failing response
    bool viaPreflight = false;
};

QString corsErrorCode(CorsError error);
bool isPreflightError(CorsError error);

} // namespace Corscope
