#include "proxy/flow.h"

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

} // namespace Corscope
