#include "cors/corserror.h"

namespace Corscope {

QString corsErrorCode(CorsError error)
{
    switch (error) {
    case CorsError::None:
        return {};
    case CorsError::InvalidMethod:
        return QStringLiteral("invalid-method");
    case CorsError::ForbiddenMethod:
        return QStringLiteral("forbidden-method");
    case CorsError::NoCorsMethod:
        return QStringLiteral("no-cors-method");
    case CorsError::DisallowedByMode:
        return QStringLiteral("disallowed-by-mode");
    case CorsError::CorsDisabledScheme:
        return QStringLiteral("cors-disabled-scheme");
    case CorsError::NoCorsRedirectMode:
        return QStringLiteral("no-cors-redirect-mode");
    case CorsError::WildcardOriginNotAllowed:
        return QStringLiteral("wildcard-origin-with-credentials");
    case CorsError::MissingAllowOriginHeader:
        return QStringLiteral("missing-allow-origin");
    case CorsError::MultipleAllowOriginValues:
        return QStringLiteral("multiple-allow-origin");
    case CorsError::InvalidAllowOriginValue:
        return QStringLiteral("invalid-allow-origin");
    case CorsError::AllowOriginMismatch:
        return QStringLiteral("allow-origin-mismatch");
    case CorsError::InvalidAllowCredentials:
        return QStringLiteral("invalid-allow-credentials");
    case CorsError::PreflightWildcardOriginNotAllowed:
        return QStringLiteral("preflight-wildcard-origin-with-credentials");
    case CorsError::PreflightMissingAllowOriginHeader:
        return QStringLiteral("preflight-missing-allow-origin");
    case CorsError::PreflightMultipleAllowOriginValues:
        return QStringLiteral("preflight-multiple-allow-origin");
    case CorsError::PreflightInvalidAllowOriginValue:
        return QStringLiteral("preflight-invalid-allow-origin");
    case CorsError::PreflightAllowOriginMismatch:
        return QStringLiteral("preflight-allow-origin-mismatch");
    case CorsError::PreflightInvalidAllowCredentials:
        return QStringLiteral("preflight-invalid-allow-credentials");
    case CorsError::PreflightInvalidStatus:
        return QStringLiteral("preflight-invalid-status");
    case CorsError::PreflightDisallowedRedirect:
        return QStringLiteral("preflight-redirect");
    case CorsError::InvalidAllowMethodsPreflightResponse:
        return QStringLiteral("invalid-allow-methods");
    case CorsError::InvalidAllowHeadersPreflightResponse:
        return QStringLiteral("invalid-allow-headers");
    case CorsError::MethodDisallowedByPreflightResponse:
        return QStringLiteral("method-not-allowed");
    case CorsError::HeaderDisallowedByPreflightResponse:
        return QStringLiteral("header-not-allowed");
    case CorsError::RedirectContainsCredentials:
        return QStringLiteral("redirect-contains-credentials");
    case CorsError::RedirectModeError:
        return QStringLiteral("redirect-mode-error");
    case CorsError::TooManyRedirects:
        return QStringLiteral("too-many-redirects");
    case CorsError::InvalidRedirectLocation:
        return QStringLiteral("invalid-redirect-location");
    case CorsError::NetworkError:
        return QStringLiteral("network-error");
    case CorsError::WebSocketHandshakeFailed:
        return QStringLiteral("websocket-handshake-failed");
    case CorsError::ResponseStatusRejected:
        return QStringLiteral("response-status-rejected");
    case CorsError::ResponseMimeTypeRejected:
        return QStringLiteral("response-mime-type-rejected");
    }
    return {};
}

bool isPreflightError(CorsError error)
{
    switch (error) {
    case CorsError::PreflightWildcardOriginNotAllowed:
    case CorsError::PreflightMissingAllowOriginHeader:
    case CorsError::PreflightMultipleAllowOriginValues:
    case CorsError::PreflightInvalidAllowOriginValue:
    case CorsError::PreflightAllowOriginMismatch:
    case CorsError::PreflightInvalidAllowCredentials:
    case CorsError::PreflightInvalidStatus:
    case CorsError::PreflightDisallowedRedirect:
    case CorsError::InvalidAllowMethodsPreflightResponse:
    case CorsError::InvalidAllowHeadersPreflightResponse:
    case CorsError::MethodDisallowedByPreflightResponse:
    case CorsError::HeaderDisallowedByPreflightResponse:
        return true;
    default:
        return false;
    }
}

} // namespace Corscope
