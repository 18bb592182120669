#include "cors/preflightgrant.h"

#include "cors/corssafelist.h"

namespace Corscope {

Grant PreflightGrant::method(QByteArrayView method, const TokenList &allowMethods, bool includeCredentials)
{
    if (CorsSafelist::isSafelistedMethod(method))
        return Grant::Safelisted;
    if (allowMethods.contains(method))
        return Grant::Listed;
    if (!includeCredentials && allowMethods.contains("*"))
        return Grant::Wildcard;
    return Grant::Denied;
}

Grant PreflightGrant::header(QByteArrayView name, const TokenList &allowHeaders, bool includeCredentials,
                             const BrowserProfile &profile)
{
    if (allowHeaders.containsName(name))
        return Grant::Listed;
    if (includeCredentials || !allowHeaders.contains("*"))
        return Grant::Denied;
    if (name != "authorization")
        return Grant::Wildcard;
    return profile.wildcardAllowHeadersCoversAuthorization ? Grant::WildcardAuthorization : Grant::Denied;
}

} // namespace Corscope
