#include "playground/cachedpreflightrecheck.h"

#include "cors/browserprofile.h"
#include "cors/corssafelist.h"
#include "http/origin.h"
#include "session/sessionentry.h"

#include <algorithm>

namespace Corscope {

namespace {

bool isWildcard(QByteArrayView token)
{
    return token == "*";
}

} // namespace

QString CachedPreflightRecheck::refusedNow(const PreflightCacheEntry &entry, const CorsPolicy &policy,
                                           const BrowserProfile &profile)
{
    // The questions the entry answers: each method it holds that needs a preflight, with every
    // header it holds (a "*" covers any, so it names none here).
    QByteArrayList methods;
    for (const CachedToken &method : entry.methods) {
        const QByteArray name = method.token().toByteArray();
        if (!isWildcard(name) && !CorsSafelist::isSafelistedMethod(name))
            methods.append(name);
    }
    HeaderList headers;
    QByteArrayList headerNames;
    for (const CachedToken &header : entry.headers) {
        if (isWildcard(header.token()))
            continue;
        headers.append(header.token().toByteArray(), QByteArrayLiteral("1"));
        headerNames.append(header.token().toByteArray().toLower());
    }
    if (methods.isEmpty() && headers.isEmpty())
        return {};
    if (methods.isEmpty())
        methods.append(QByteArrayLiteral("GET"));
    std::sort(headerNames.begin(), headerNames.end());
    const Origin origin = Origin::parse(QString::fromLatin1(entry.origin));
    for (const QByteArray &method : std::as_const(methods)) {
        FetchRequest request;
        request.url = entry.url;
        request.origin = origin;
        request.method = method;
        request.headers = headers;
        request.credentials = entry.credentials ? CredentialsMode::Include : CredentialsMode::SameOrigin;
        HeaderList question{{"Origin", entry.origin}, {"Access-Control-Request-Method", method}};
        if (!headerNames.isEmpty())
            question.append("Access-Control-Request-Headers", headerNames.join(','));
        const HttpResponse preflight{policy.preflightStatus, {}, policy.preflightHeaders(question), {}};
        const HttpResponse actual{policy.actualStatus, {}, policy.actualHeaders({{"Origin", entry.origin}}), {}};
        const Evaluation evaluation = SessionEntry::explainOffline(request, preflight, actual, profile, 0).evaluation;
        if (!evaluation.allowed() && isPreflightError(evaluation.failure.error))
            return tr("The server would refuse this preflight now (%1%2), but %3 does not ask it again until "
                      "this entry expires: until then its %4 requests go through as if nothing changed.")
                .arg(evaluation.errorCode(),
                     evaluation.failure.hint.isEmpty()
                         ? QString()
                         : QStringLiteral(": ") + QString::fromUtf8(evaluation.failure.hint),
                     profile.displayName, QString::fromLatin1(method));
    }
    return {};
}

} // namespace Corscope
