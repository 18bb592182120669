#include "fix/servers/djangosnippet.h"

namespace Corscope {

namespace {

// A Python list of double-quoted strings (origins and tokens: no quote or backslash to escape).
QString pyList(const QByteArrayList &items)
{
    return QLatin1Char('[') + SnippetText::quotedList(items, QLatin1Char('"')) + QLatin1Char(']');
}

} // namespace

ServerSnippet DjangoSnippet::render(const FixPolicy &policy) const
{
    // https://pypi.org/project/django-cors-headers/ ("Setup": CorsMiddleware "as high as
    // possible", before CommonMiddleware; "Configuration": the CORS_* settings) and
    // corsheaders/middleware.py of 3.14, whose behaviour the comments rely on.
    ServerSnippet result = snippet();
    const QByteArray path = policy.path.isEmpty() ? QByteArray("/") : policy.path;

    // += and insert() so the fragment is valid appended to a settings.py that already defines
    // both lists, as django-admin startproject writes them.
    QString settings = QStringLiteral(
        "INSTALLED_APPS += [\"corsheaders\"]\n"
        "# As high as possible: before any middleware that can answer on its own (CommonMiddleware).\n"
        "MIDDLEWARE.insert(0, \"corsheaders.middleware.CorsMiddleware\")\n");
    // re.match against request.path_info: anchored at both ends so only this path gets CORS.
    settings += QStringLiteral("CORS_URLS_REGEX = r\"%1\"\n").arg(SnippetText::originRegex({path}));
    if (policy.anyOrigin) {
        settings += QStringLiteral("CORS_ALLOW_ALL_ORIGINS = True\n");
    } else {
        // Compared by scheme and host:port, so a foreign origin gets no Access-Control-Allow-Origin;
        // the middleware sends Vary: Origin on every response under CORS_URLS_REGEX.
        settings += QStringLiteral("CORS_ALLOWED_ORIGINS = %1\n").arg(pyList(policy.origins));
    }
    if (policy.credentials)
        settings += QStringLiteral("CORS_ALLOW_CREDENTIALS = True\n");
    // Always explicit: the defaults are DELETE, GET, OPTIONS, PATCH, POST, PUT and nine headers.
    // Sent as written, so a method keeps its case ("patch").
    if (policy.methods.isEmpty())
        settings += QStringLiteral("# Empty: GET, HEAD and POST need no Access-Control-Allow-Methods.\n");
    settings += QStringLiteral("CORS_ALLOW_METHODS = %1\n").arg(pyList(policy.methods));
    if (policy.headers.isEmpty())
        settings += QStringLiteral("# Empty: the request sends no header beyond the safelisted ones.\n");
    settings += QStringLiteral("CORS_ALLOW_HEADERS = %1\n").arg(pyList(policy.headers));
    if (!policy.exposeHeaders.isEmpty())
        settings += QStringLiteral("CORS_EXPOSE_HEADERS = %1\n").arg(pyList(policy.exposeHeaders));
    if (policy.maxAgeSeconds > 0)
        settings += QStringLiteral("CORS_PREFLIGHT_MAX_AGE = %1\n").arg(policy.maxAgeSeconds);
    else
        settings += QStringLiteral("# 0: no Access-Control-Max-Age at all (the default is 86400).\n"
                                   "CORS_PREFLIGHT_MAX_AGE = 0\n");
    result.parts.append({QStringLiteral("settings"), settings});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    if (policy.maxAgeSeconds == 0)
        result.notes << tr("django-cors-headers cannot send Access-Control-Max-Age: 0 (it leaves a 0 "
                           "out); without the header browsers cache the preflight for 5 seconds.");
    result.notes << tr("Append this to settings.py, and remove any code that sets Access-Control-* "
                       "headers by hand: two layers each adding them send every header twice.");
    return result;
}

} // namespace Corscope
