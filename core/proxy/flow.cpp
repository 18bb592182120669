#include "proxy/flow.h"

#include <algorithm>

namespace Corscope {

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
    details.certificateExpiry = QDateTime::fromString(object.value(u"certificateExpiry").toString(), Qt::ISODate);
    return details;
}

ExchangePhases Flow::phases() const
{
    ExchangePhases phases;
    const auto us = [](double ms) { return qint64(ms * 1000.0); };
    if (requestSentMs >= 0)
        phases.sendUs = us(requestSentMs);
    if (responseHeadersMs >= 0 && requestSentMs >= 0)
        phases.waitUs = std::max<qint64>(0, us(responseHeadersMs - requestSentMs));
    if (completeMs >= 0 && responseHeadersMs >= 0)
        phases.receiveUs = std::max<qint64>(0, us(completeMs - responseHeadersMs));
    return phases;
}

} // namespace Corscope
