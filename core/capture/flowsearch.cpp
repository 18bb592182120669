#include "capture/flowsearch.h"

#include "capture/flow.h"
#include "http/contentdecoding.h"

#include <QCoreApplication>
#include <algorithm>

namespace Corscope {

namespace {

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

QByteArray readableBody(const QByteArray &captured, const HeaderList &headers)
{
    const std::optional<QByteArray> encoding = headers.get("content-encoding");
    if (!encoding || captured.isEmpty())
        return captured;
    return ContentDecoding::decode(captured, *encoding).bytes;
}

} // namespace

FlowSearch::FlowSearch(const QString &text)
{
    m_needle = text.toUtf8();
    std::transform(m_needle.begin(), m_needle.end(), m_needle.begin(), asciiLower);
}

bool FlowSearch::occursIn(QByteArrayView haystack) const
{
    if (m_needle.size() > haystack.size())
        return false;
    const auto same = [](char a, char b) { return asciiLower(a) == b; };
    return std::search(haystack.begin(), haystack.end(), m_needle.begin(), m_needle.end(), same) !=
           haystack.end();
}

std::optional<FlowSearch::Place> FlowSearch::find(const Flow &flow) const
{
    if (isEmpty())
        return std::nullopt;
    if (occursIn(flow.url.toEncoded()) || occursIn(flow.url.toString().toUtf8()))
        return Place::Url;
    const auto inHeaders = [this](const HeaderList &headers) {
        // "name: value" holds every text the name or the value alone holds, and ones that span both.
        return std::any_of(headers.begin(), headers.end(), [this](const Header &header) {
            return occursIn(header.name + QByteArrayLiteral(": ") + header.value);
        });
    };
    if (inHeaders(flow.requestHeaders))
        return Place::RequestHeader;
    if (inHeaders(flow.responseHeaders))
        return Place::ResponseHeader;
    if (occursIn(readableBody(flow.requestBody, flow.requestHeaders)))
        return Place::RequestBody;
    if (occursIn(readableBody(flow.responseBody, flow.responseHeaders)))
        return Place::ResponseBody;
    return std::nullopt;
}

QString FlowSearch::placeName(Place place)
{
    switch (place) {
    case Place::Url:
        return QCoreApplication::translate("FlowSearch", "the URL");
    case Place::RequestHeader:
        return QCoreApplication::translate("FlowSearch", "a request header");
    case Place::ResponseHeader:
        return QCoreApplication::translate("FlowSearch", "a response header");
    case Place::RequestBody:
        return QCoreApplication::translate("FlowSearch", "the request body");
    case Place::ResponseBody:
        return QCoreApplication::translate("FlowSearch", "the response body");
    }
    return {};
}

} // namespace Corscope
