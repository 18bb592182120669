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

} // namespace Corscope
