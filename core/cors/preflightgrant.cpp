#include "cors/preflightgrant.h"

#include "cors/corssafelist.h"
#include "http/headerlist.h"

#include <algorithm>

namespace Corscope {

Grant PreflightGrant::method(const QByteArray &method, const QByteArrayList &allowMethods,
                             bool includeCredentials)
{
    if (CorsSafelist::isSafelistedMethod(method))
        return Grant::Safelisted;
    if (allowMethods.contains(method))
        return Grant::Listed;
    if (!includeCredentials && allowMethods.contains("*"))
        return Grant::Wildcard;
    return Grant::Denied;
}

Grant PreflightGrant::header(const QByteArray &name, const QByteArrayList &allowHeaders,
                             bool includeCredentials, const BrowserProfile &profile)
{
    const bool listed = std::any_of(allowHeaders.begin(), allowHeaders.end(), [&](const QByteArray &item) {
        return HeaderList::namesEqual(item, name);
    });
    if (listed)
        return Grant::Listed;
    if (includeCredentials || !allowHeaders.contains("*"))
        return Grant::Denied;
    if (name != "authorization")
        return Grant::Wildcard;
    return profile.wildcardAllowHeadersCoversAuthorization ? Grant::WildcardAuthorization : Grant::Denied;
}

} // namespace Corscope
