#include "capture/flow.h"

#include <algorithm>

namespace Corscope {

namespace {

struct FlowErrorInfo {
    FlowError error;
    QLatin1StringView name;
    // net/base/net_error_list.h: what Chrome reports for the same failure on a direct connection.
    QLatin1StringView chrome;
};

constexpr FlowErrorInfo flowErrors[] = {
    {FlowError::ParseError, QLatin1StringView("parse-error"), QLatin1StringView("net::ERR_FAILED")},
    {FlowError::RequestTimeout, QLatin1StringView("request-timeout"),
     QLatin1StringView("net::ERR_TIMED_OUT")},
    {FlowError::ConnectionRefused, QLatin1StringView("connection-refused"),
     QLatin1StringView("net::ERR_CONNECTION_REFUSED")},
    {FlowError::DnsFailure, QLatin1StringView("dns-failure"),
     QLatin1StringView("net::ERR_NAME_NOT_RESOLVED")},
    {FlowError::ConnectTimeout, QLatin1StringView("connect-timeout"),
     QLatin1StringView("net::ERR_CONNECTION_TIMED_OUT")},
    {FlowError::ConnectionFailed, QLatin1StringView("connection-failed"),
     QLatin1StringView("net::ERR_CONNECTION_FAILED")},
    {FlowError::UntrustedCertificate, QLatin1StringView("untrusted-certificate"),
     QLatin1StringView("net::ERR_CERT_AUTHORITY_INVALID")},
    {FlowError::TlsFailure, QLatin1StringView("tls-failure"),
     QLatin1StringView("net::ERR_SSL_PROTOCOL_ERROR")},
    // Chrome says ERR_EMPTY_RESPONSE when nothing arrived; chromeNetError() picks that one.
    {FlowError::UpstreamClosed, QLatin1StringView("upstream-closed"),
     QLatin1StringView("net::ERR_CONNECTION_CLOSED")},
    {FlowError::BadUpstreamResponse, QLatin1StringView("bad-upstream-response"),
     QLatin1StringView("net::ERR_INVALID_HTTP_RESPONSE")},
    {FlowError::ClientTlsFailure, QLatin1StringView("client-tls-failure"),
     QLatin1StringView("net::ERR_CERT_AUTHORITY_INVALID")},
    {FlowError::ClientClosed, QLatin1StringView("client-closed"), QLatin1StringView("net::ERR_ABORTED")},
    {FlowError::ProxyFailure, QLatin1StringView("proxy-failure"), QLatin1StringView("net::ERR_FAILED")},
    {FlowError::ProxyAuthRequired, QLatin1StringView("proxy-auth-required"),
     QLatin1StringView("net::ERR_PROXY_AUTH_REQUESTED")},
    {FlowError::TargetRefused, QLatin1StringView("target-refused"),
     QLatin1StringView("net::ERR_TUNNEL_CONNECTION_FAILED")},
};

const FlowErrorInfo *infoOf(FlowError error)
{
    for (const FlowErrorInfo &info : flowErrors) {
        if (info.error == error)
            return &info;
    }
    return nullptr;
}

} // namespace

QString flowErrorName(FlowError error)
{
    const FlowErrorInfo *info = infoOf(error);
    return info ? QString(info->name) : QString();
}

FlowError flowErrorFromName(QStringView name)
{
    for (const FlowErrorInfo &info : flowErrors) {
        if (name == info.name)
            return info.error;
    }
    return FlowError::None;
}

QString Flow::chromeNetError() const
{
    if (state != State::Error)
        return {};
    if (errorKind == FlowError::UpstreamClosed && status == 0)
        return QStringLiteral("net::ERR_EMPTY_RESPONSE");
    const FlowErrorInfo *info = infoOf(errorKind);
    // A flow journaled before error kinds existed still failed.
    return info ? QString(info->chrome) : QStringLiteral("net::ERR_FAILED");
}

HarEntry Flow::toHarEntry(qsizetype index) const
{
    HarEntry entry;
    entry.index = index;
    entry.started = started;
    entry.method = method;
    entry.url = url;
    entry.requestHeaders = requestHeaders;
    if (requestBodySize > 0)
        entry.requestBody = requestBody;
    entry.response.status = status;
    entry.response.statusText = reason;
    entry.response.headers = responseHeaders;
    entry.response.body = responseBody;
    if (const auto location = responseHeaders.get("location"))
        entry.redirectUrl = url.resolved(QUrl::fromEncoded(*location));
    return entry;
}

QString TlsDetails::summary() const
{
    return QStringLiteral("%1, %2, %3 (issued by %4, valid until %5)")
        .arg(protocol, cipher, certificateSubject, certificateIssuer,
             certificateExpiry.toString(Qt::ISODate));
}

QJsonObject TlsDetails::toJson() const
{
    return {{QStringLiteral("protocol"), protocol},
            {QStringLiteral("cipher"), cipher},
            {QStringLiteral("certificateSubject"), certificateSubject},
            {QStringLiteral("certificateIssuer"), certificateIssuer},
            {QStringLiteral("certificateExpiry"), certificateExpiry.toString(Qt::ISODate)}};
}

TlsDetails TlsDetails::fromJson(const QJsonObject &object)
{
    TlsDetails details;
    details.protocol = object.value(u"protocol").toString();
    details.cipher = object.value(u"cipher").toString();
    details.certificateSubject = object.value(u"certificateSubject").toString();
    details.certificateIssuer = object.value(u"certificateIssuer").toString();
    details.certificateExpiry =
        QDateTime::fromString(object.value(u"certificateExpiry").toString(), Qt::ISODate);
    return details;
}

ExchangePhases Flow::phases() const
{
    ExchangePhases phases;
    const auto us = [](double ms) {
        return qint64(ms * 1000.0);
    };
    if (requestSentMs >= 0)
        phases.sendUs = us(requestSentMs);
    if (responseHeadersMs >= 0 && requestSentMs >= 0)
        phases.waitUs = std::max<qint64>(0, us(responseHeadersMs - requestSentMs));
    if (completeMs >= 0 && responseHeadersMs >= 0)
        phases.receiveUs = std::max<qint64>(0, us(completeMs - responseHeadersMs));
    return phases;
}

} // namespace Corscope
