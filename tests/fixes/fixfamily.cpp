#include "fixfamily.h"

namespace CorscopeTest {

QList<FixFamily> FixFamily::all()
{
    QList<FixFamily> families;
    auto add = [&families](const QString &name) -> FixFamily & {
        FixFamily family;
        family.name = name;
        families.append(family);
        return families.last();
    };
    add(QStringLiteral("missing-acao"));
    add(QStringLiteral("wrong-origin")).broken.actualHeaders = {
        {"Access-Control-Allow-Origin", "http://other.example"}};
    {
        FixFamily &f = add(QStringLiteral("star-with-credentials"));
        f.credentials = true;
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "*"},
                                  {"Access-Control-Allow-Credentials", "true"}};
    }
    {
        FixFamily &f = add(QStringLiteral("missing-acac"));
        f.credentials = true;
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("method-not-allowed"));
        f.method = "PUT";
        f.broken.preflightHeaders = {{"Access-Control-Allow-Origin", "{origin}"},
                                     {"Access-Control-Allow-Methods", "GET, POST"}};
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("lowercase-method"));
        f.method = "patch"; // Fetch does not upper-case it: the preflight must name "patch"
        f.broken.preflightHeaders = {{"Access-Control-Allow-Origin", "{origin}"},
                                     {"Access-Control-Allow-Methods", "PATCH"}};
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("header-not-allowed"));
        f.requestHeaders = {{"X-Trace", "1"}};
        f.broken.preflightHeaders = {{"Access-Control-Allow-Origin", "{origin}"},
                                     {"Access-Control-Allow-Headers", "content-type"}};
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("authorization-under-star"));
        // Both browsers let a wildcard "*" cover Authorization (browserprofile.cpp); with
        // credentials "*" is no wildcard but a header named "*", and Authorization fails.
        f.requestHeaders = {{"Authorization", "Bearer t0k3n"}};
        f.credentials = true;
        f.broken.preflightHeaders = {{"Access-Control-Allow-Origin", "{origin}"},
                                     {"Access-Control-Allow-Credentials", "true"},
                                     {"Access-Control-Allow-Headers", "*"}};
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"},
                                  {"Access-Control-Allow-Credentials", "true"}};
    }
    for (const int status : {404, 405, 500}) {
        FixFamily &f = add(QStringLiteral("options-%1").arg(status));
        f.method = "PUT";
        f.broken.optionsStatus = status;
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("redirected-preflight"));
        f.method = "DELETE";
        f.broken.optionsStatus = 301;
        f.broken.optionsRedirect = "/api/data/";
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("missing-exposed-header"));
        f.readHeaders = {"X-Total"};
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("duplicate-acao"));
        // An ingress and the application each add it.
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"},
                                  {"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        // The application sends its own, wrong, value and the proxy in front passes it on.
        FixFamily &f = add(QStringLiteral("application-sends-wrong-origin"));
        f.applicationHeaders = {{"Access-Control-Allow-Origin", "http://other.example"}};
    }
    {
        // An ingress in front of an application that already allows the page: two values.
        FixFamily &f = add(QStringLiteral("both-layers-add-acao"));
        f.applicationHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        // The server answers each origin right, but says nothing of it in Vary: the cache in
        // front hands the page the copy it stored for a visit without Origin.
        FixFamily &f = add(QStringLiteral("missing-vary-shared-cache"));
        f.sharedCache = true;
        f.broken.actualOnlyForPageOrigin = true;
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    {
        FixFamily &f = add(QStringLiteral("overlong-max-age-credentialed-put"));
        f.method = "PUT";
        f.credentials = true;
        f.requestHeaders = {{"Content-Type", "application/json"}};
        f.broken.preflightHeaders = {{"Access-Control-Allow-Origin", "{origin}"},
                                     {"Access-Control-Allow-Methods", "PUT"},
                                     {"Access-Control-Allow-Headers", "content-type"},
                                     {"Access-Control-Max-Age", "86400"}};
        f.broken.actualHeaders = {{"Access-Control-Allow-Origin", "{origin}"}};
    }
    return families;
}

} // namespace CorscopeTest
