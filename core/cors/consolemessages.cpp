#include "cors/consolemessages.h"

namespace Corscope {

namespace {

QString latin1(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

// Chromium 156 ends the Access-Control-Allow-Origin value errors with this sentence alone; the
// older "…or, if an opaque response serves your needs…" tail is gone (scenario acao-*). As before,
// only a fetch() gets it: an XMLHttpRequest's message ends at the value (tst_harbrowsers).
const QLatin1String kNoCorsHint(" Have the server send the header with a valid value.");

// cors_error_string.cc: "Access to <kind> at …", the kind Resource::ResourceTypeToString gives
// for the resource type and initiator, lower-cased when its second letter is ("Script" →
// "script", "CSS stylesheet" and "XMLHttpRequest" stay).
QLatin1String resourceKind(RequestInitiator initiator)
{
    switch (initiator) {
    case RequestInitiator::Fetch:
        break;
    case RequestInitiator::XmlHttpRequest:
        return QLatin1String("XMLHttpRequest");
    case RequestInitiator::EventSource:
        // Chromium 156 names no kind for an EventSource (scenarios kind-eventsource-*).
        return QLatin1String("resource");
    case RequestInitiator::Script:
        return QLatin1String("script");
    case RequestInitiator::Image:
        return QLatin1String("image");
    case RequestInitiator::Stylesheet:
        return QLatin1String("CSS stylesheet");
    case RequestInitiator::Font:
        return QLatin1String("font");
    case RequestInitiator::Worker:
        return QLatin1String("script");
    case RequestInitiator::WebSocket:
        break; // never a CORS message (WebSocketHandshake::consoleMessage)
    }
    return QLatin1String("fetch");
}

// cors_error_string.cc appends this to the credentials errors of an XMLHttpRequest only.
const QLatin1String
    kXhrCredentialsHint(" The credentials mode of requests initiated by the XMLHttpRequest is "
                        "controlled by the withCredentials attribute.");

} // namespace

QString ConsoleMessages::forFailure(const BrowserProfile &profile, const CorsFailure &failure,
                                    RequestInitiator initiator)
{
    switch (profile.engine) {
    case BrowserEngine::Chromium:
        return chromium(failure, initiator);
    case BrowserEngine::Firefox:
        return firefox(failure, initiator);
    }
    return {};
}

// third_party/blink/renderer/platform/loader/cors/cors_error_string.cc.
QString ConsoleMessages::chromium(const CorsFailure &f, RequestInitiator initiator)
{
    const bool xhr = initiator == RequestInitiator::XmlHttpRequest;
    const QLatin1String noCorsHint = initiator == RequestInitiator::Fetch ? kNoCorsHint : QLatin1String();
    QString detail;
    bool preflightPrefix = false;
    switch (f.error) {
    case CorsError::NoCorsRedirectMode:
        // Printed by Blink's FetchManager before any request (scenario no-cors-redirect-manual).
        return QStringLiteral(
                   "Fetch API cannot load %1. Request mode is \"no-cors\" but the redirect mode is not "
                   "\"follow\".")
            .arg(urlText(f.url));
    case CorsError::None:
    case CorsError::InvalidMethod:
    case CorsError::ForbiddenMethod:
    case CorsError::NoCorsMethod:
    case CorsError::RedirectModeError:
    case CorsError::TooManyRedirects:
    case CorsError::InvalidRedirectLocation:
    case CorsError::NetworkError:
    case CorsError::WebSocketHandshakeFailed: // WebSocketHandshake::consoleMessage
        return {};
    case CorsError::ResponseStatusRejected: // forRefusedAnswer
    case CorsError::ResponseMimeTypeRejected:
        return {};
    case CorsError::DisallowedByMode:
        if (initiator == RequestInitiator::Worker && f.initialUrl != f.url)
            return {}; // a redirect away: the worker's error event, nothing in the console
        if (initiator == RequestInitiator::Worker)
            // Blink's Worker constructor throws before any request, uncaught unless the page
            // wraps new Worker() in try (scenarios kind-worker-*).
            return QStringLiteral("Uncaught SecurityError: Failed to construct 'Worker': Script at '%1' "
                                  "cannot be accessed from origin '%2'.")
                .arg(urlText(f.url), latin1(f.origin));
        // Blink's FetchManager refuses before the network service sees the request
        // (scenario same-origin-mode-cross-origin).
        return QStringLiteral(
                   "Fetch API cannot load %1. Request mode is \"same-origin\" but the URL's origin is not "
                   "same as the request origin %2.")
            .arg(urlText(f.url), latin1(f.origin));
    case CorsError::CorsDisabledScheme:
        detail = QStringLiteral("Cross origin requests are only supported for protocol schemes: http, data, "
                                "isolated-app, chrome-extension, chrome, https, chrome-untrusted.");
        break;
    case CorsError::PreflightWildcardOriginNotAllowed:
        preflightPrefix = true;
        [[fallthrough]];
    case CorsError::WildcardOriginNotAllowed:
        detail = QStringLiteral(
            "The value of the 'Access-Control-Allow-Origin' header in the response must not be "
            "the wildcard '*' when the request's credentials mode is 'include'.");
        if (xhr)
            detail += kXhrCredentialsHint;
        break;
    case CorsError::PreflightMissingAllowOriginHeader:
        preflightPrefix = true;
        [[fallthrough]];
    case CorsError::MissingAllowOriginHeader:
        detail =
            QStringLiteral("No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        break;
    case CorsError::PreflightMultipleAllowOriginValues:
        preflightPrefix = true;
        [[fallthrough]];
    case CorsError::MultipleAllowOriginValues:
        detail =
            QStringLiteral("The 'Access-Control-Allow-Origin' header contains multiple values '%1', but only "
                           "one is allowed.")
                .arg(latin1(f.hint)) +
            noCorsHint;
        break;
    case CorsError::PreflightInvalidAllowOriginValue:
        preflightPrefix = true;
        [[fallthrough]];
    case CorsError::InvalidAllowOriginValue:
        detail = QStringLiteral("The 'Access-Control-Allow-Origin' header contains the invalid value '%1'.")
                     .arg(latin1(f.hint)) +
                 noCorsHint;
        break;
    case CorsError::PreflightAllowOriginMismatch:
        preflightPrefix = true;
        [[fallthrough]];
    case CorsError::AllowOriginMismatch:
        detail = QStringLiteral(
                     "The 'Access-Control-Allow-Origin' header has a value '%1' that is not equal to the "
                     "supplied origin.")
                     .arg(latin1(f.hint)) +
                 noCorsHint;
        break;
    case CorsError::PreflightInvalidAllowCredentials:
        preflightPrefix = true;
        [[fallthrough]];
    case CorsError::InvalidAllowCredentials:
        detail = QStringLiteral(
                     "The value of the 'Access-Control-Allow-Credentials' header in the response is '%1' "
                     "which must be 'true' when the request's credentials mode is 'include'.")
                     .arg(latin1(f.hint));
        if (xhr)
            detail += kXhrCredentialsHint;
        break;
    case CorsError::PreflightInvalidStatus:
        preflightPrefix = true;
        detail = QStringLiteral("It does not have HTTP ok status.");
        break;
    case CorsError::PreflightDisallowedRedirect:
        preflightPrefix = true;
        detail = QStringLiteral("Redirect is not allowed for a preflight request.");
        break;
    case CorsError::InvalidAllowMethodsPreflightResponse:
        detail =
            QStringLiteral("Cannot parse Access-Control-Allow-Methods response header field in preflight "
                           "response.");
        break;
    case CorsError::InvalidAllowHeadersPreflightResponse:
        detail =
            QStringLiteral("Cannot parse Access-Control-Allow-Headers response header field in preflight "
                           "response.");
        break;
    case CorsError::MethodDisallowedByPreflightResponse:
        detail =
            QStringLiteral("Method %1 is not allowed by Access-Control-Allow-Methods in preflight response.")
                .arg(latin1(f.hint));
        break;
    case CorsError::HeaderDisallowedByPreflightResponse:
        detail = QStringLiteral("Request header field %1 is not allowed by Access-Control-Allow-Headers in "
                                "preflight response.")
                     .arg(latin1(f.hint));
        break;
    case CorsError::RedirectContainsCredentials:
        // Chromium 156 leaves the location out of this message (scenario redirect-userinfo-*).
        detail =
            QStringLiteral("Redirect location '' contains a username and password, which is disallowed for "
                           "cross-origin requests.");
        break;
    }
    QString message = QStringLiteral("Access to %1 at '%2' ").arg(resourceKind(initiator), urlText(f.url));
    if (f.initialUrl.isValid() && f.initialUrl != f.url)
        message += QStringLiteral("(redirected from '%1') ").arg(urlText(f.initialUrl));
    message += QStringLiteral("from origin '%1' has been blocked by CORS policy: ").arg(latin1(f.origin));
    if (preflightPrefix)
        message += QStringLiteral("Response to preflight request doesn't pass access control check: ");
    return message + detail;
}

QString ConsoleMessages::forRefusedAnswer(const BrowserProfile &profile, ResourceType type, bool corsMode,
                                          bool moduleWorker, CorsError error, const QUrl &url,
                                          const QByteArray &mimeType)
{
    // A refused status prints nothing beyond DevTools' network panel in either browser; Firefox's
    // console is not read headless (consoleMessagesVerified).
    if (profile.engine != BrowserEngine::Chromium || error != CorsError::ResponseMimeTypeRejected)
        return {};
    const QString mime = latin1(mimeType);
    switch (type) {
    case ResourceType::Module:
        // third_party/blink/renderer/core/loader/modulescript/module_script_fetcher.cc
        return QStringLiteral("Failed to load module script: Expected a JavaScript-or-Wasm module script but the "
                              "server responded with a MIME type of \"%1\". Strict MIME type checking is "
                              "enforced for module scripts per HTML spec.")
            .arg(mime);
    case ResourceType::Worker:
        if (!moduleWorker)
            return {};
        return QStringLiteral("Failed to load module script: The server responded with a non-JavaScript MIME "
                              "type of \"%1\". Strict MIME type checking is enforced for module scripts per HTML "
                              "spec.")
            .arg(mime);
    case ResourceType::Script:
        // A no-cors one is dropped silently (opaque response blocking): scenario
        // kind-script-no-attr-text-plain-nosniff.
        if (!corsMode)
            return {};
        return QStringLiteral("Refused to execute script from '%1' because its MIME type ('%2') is not executable, "
                              "and strict MIME type checking is enabled.")
            .arg(urlText(url), mime);
    case ResourceType::Stylesheet:
        if (!corsMode)
            return {};
        return QStringLiteral("Refused to apply style from '%1' because its MIME type ('%2') is not a supported "
                              "stylesheet MIME type, and strict MIME checking is enabled.")
            .arg(urlText(url), mime);
    case ResourceType::Fetch:
    case ResourceType::Xhr:
    case ResourceType::Image:
    case ResourceType::Font:
    case ResourceType::EventSource:
    case ResourceType::WebSocket:
        break;
    }
    return {};
}

// dom/locales/en-US/chrome/security/security.properties
QString ConsoleMessages::firefox(const CorsFailure &f, RequestInitiator initiator)
{
    const QString url = urlText(f.url);
    const QString prefix = QStringLiteral("Cross-Origin Request Blocked: The Same Origin Policy disallows "
                                          "reading the remote resource at %1. ")
                               .arg(url);
    const QString status = QString::number(f.status);
    switch (f.error) {
    case CorsError::None:
    case CorsError::InvalidMethod:
    case CorsError::ForbiddenMethod:
    case CorsError::NoCorsMethod:
    case CorsError::NoCorsRedirectMode:
    case CorsError::RedirectModeError:
    case CorsError::TooManyRedirects:
    case CorsError::InvalidRedirectLocation:
        return {};
    case CorsError::DisallowedByMode:
        // Gecko's worker script loader checks same-origin before any request and reports
        // caps/locales CheckSameOriginError; the Worker then fires a plain error event. Gecko names
        // the page's URL where this has only its origin.
        if (initiator == RequestInitiator::Worker)
            return QStringLiteral("Security Error: Content at %1 may not load data from %2.")
                .arg(latin1(f.origin), url);
        return {};
    case CorsError::WebSocketHandshakeFailed: // WebSocketHandshake::consoleMessage
    case CorsError::ResponseStatusRejected:  // not CORS: nothing from the CORS listener
    case CorsError::ResponseMimeTypeRejected:
        return {};
    case CorsError::NetworkError:
        return prefix + QStringLiteral("(Reason: CORS request did not succeed). Status code: (null).");
    case CorsError::CorsDisabledScheme:
        return prefix + QStringLiteral("(Reason: CORS request not http).");
    case CorsError::MissingAllowOriginHeader:
    case CorsError::PreflightMissingAllowOriginHeader:
        return prefix +
               QStringLiteral("(Reason: CORS header \u2018Access-Control-Allow-Origin\u2019 missing). Status "
                              "code: %1.")
                   .arg(status);
    case CorsError::MultipleAllowOriginValues:
    case CorsError::PreflightMultipleAllowOriginValues:
        return prefix +
               QStringLiteral("(Reason: Multiple CORS header \u2018Access-Control-Allow-Origin\u2019 not "
                              "allowed).");
    case CorsError::InvalidAllowOriginValue:
    case CorsError::PreflightInvalidAllowOriginValue:
    case CorsError::AllowOriginMismatch:
    case CorsError::PreflightAllowOriginMismatch:
        return prefix +
               QStringLiteral("(Reason: CORS header \u2018Access-Control-Allow-Origin\u2019 does not match "
                              "\u2018%1\u2019).")
                   .arg(latin1(f.hint));
    case CorsError::WildcardOriginNotAllowed:
    case CorsError::PreflightWildcardOriginNotAllowed:
        return QStringLiteral(
                   "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote "
                   "resource at \u2018%1\u2019. (Reason: Credential is not supported if the CORS header "
                   "\u2018Access-Control-Allow-Origin\u2019 is \u2018*\u2019).")
            .arg(url);
    case CorsError::InvalidAllowCredentials:
    case CorsError::PreflightInvalidAllowCredentials:
        return prefix + QStringLiteral("(Reason: expected \u2018true\u2019 in CORS header "
                                       "\u2018Access-Control-Allow-Credentials\u2019).");
    case CorsError::PreflightInvalidStatus:
        return prefix + QStringLiteral("(Reason: CORS preflight response did not succeed). Status code: %1.")
                            .arg(status);
    case CorsError::PreflightDisallowedRedirect:
        return prefix + QStringLiteral("(Reason: CORS request external redirect not allowed).");
    case CorsError::InvalidAllowMethodsPreflightResponse:
        return prefix + QStringLiteral("(Reason: invalid token \u2018%1\u2019 in CORS header "
                                       "\u2018Access-Control-Allow-Methods\u2019).")
                            .arg(latin1(f.hint));
    case CorsError::InvalidAllowHeadersPreflightResponse:
        return prefix + QStringLiteral("(Reason: invalid token \u2018%1\u2019 in CORS header "
                                       "\u2018Access-Control-Allow-Headers\u2019).")
                            .arg(latin1(f.hint));
    case CorsError::MethodDisallowedByPreflightResponse:
        return prefix + QStringLiteral("(Reason: Did not find method in CORS header "
                                       "\u2018Access-Control-Allow-Methods\u2019).");
    case CorsError::HeaderDisallowedByPreflightResponse:
        return prefix +
               QStringLiteral("(Reason: header \u2018%1\u2019 is not allowed according to header "
                              "\u2018Access-Control-Allow-Headers\u2019 from CORS preflight response).")
                   .arg(latin1(f.hint));
    case CorsError::RedirectContainsCredentials:
        return prefix + QStringLiteral("(Reason: CORS request external redirect not allowed).");
    }
    return {};
}

} // namespace Corscope
