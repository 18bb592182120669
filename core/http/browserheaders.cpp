#include "http/browserheaders.h"

#include "http/headerlist.h"

namespace Corscope {

bool isBrowserGeneratedRequestHeader(QByteArrayView name)
{
    // Views of literals: their lengths are known when compiled, so a name of another length costs
    // one comparison (every header of every captured flow is checked).
    static constexpr QByteArrayView generated[] = {
        "user-agent",
        "referer",
        "accept-encoding",
        "accept-charset",
        "connection",
        "keep-alive",
        "host",
        "cookie",
        "cookie2",
        "content-length",
        "origin",
        "dnt",
        "priority",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
        "expect",
        "date",
        "if-none-match",
        "if-modified-since",
        "upgrade-insecure-requests",
        "access-control-request-method",
        "access-control-request-headers",
        "access-control-request-private-network",
    };
    for (QByteArrayView candidate : generated) {
        if (HeaderList::equalsLowercaseName(name, candidate))
            return true;
    }
    // [fetch] forbidden request-header: names starting with `proxy-` or `sec-` (Sec-Fetch-*,
    // sec-ch-ua*, Sec-GPC…).
    return (name.size() > 4 && HeaderList::equalsLowercaseName(name.first(4), "sec-")) ||
           (name.size() > 6 && HeaderList::equalsLowercaseName(name.first(6), "proxy-"));
}

bool isDevToolsNoCacheHeader(QByteArrayView name, QByteArrayView value)
{
    return (HeaderList::namesEqual(name, "pragma") || HeaderList::namesEqual(name, "cache-control")) &&
           HeaderList::namesEqual(value.trimmed(), "no-cache");
}

} // namespace Corscope
