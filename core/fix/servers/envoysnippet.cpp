#include "fix/servers/envoysnippet.h"

namespace Corscope {

namespace {

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

ServerSnippet EnvoySnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();
    const QString path = policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path);

    QString route =
        QStringLiteral("# In the route that serves %1.\n"
                       "typed_per_filter_config:\n"
                       "  envoy.filters.http.cors:\n"
                       "    \"@type\": type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy\n"
                       "    allow_origin_string_match:\n")
            .arg(path);
    // Envoy treats an exact "*" matcher as "any origin"; only used without credentials.
    if (policy.anyOrigin) {
        route += QStringLiteral("    - exact: \"*\"\n");
    } else {
        for (const QByteArray &origin : policy.origins)
            route += QStringLiteral("    - exact: %1\n").arg(quoted(QString::fromUtf8(origin)));
    }
    if (!policy.methods.isEmpty())
        route += QStringLiteral("    allow_methods: %1\n").arg(quoted(SnippetText::joined(policy.methods)));
    if (!policy.headers.isEmpty())
        route += QStringLiteral("    allow_headers: %1\n").arg(quoted(SnippetText::joined(policy.headers)));
    if (!policy.exposeHeaders.isEmpty())
        route +=
            QStringLiteral("    expose_headers: %1\n").arg(quoted(SnippetText::joined(policy.exposeHeaders)));
    // max_age is a string in the CorsPolicy message.
    if (policy.preflight && policy.maxAgeSeconds >= 0)
        route += QStringLiteral("    max_age: \"%1\"\n").arg(policy.maxAgeSeconds);
    if (policy.credentials)
        route += QStringLiteral("    allow_credentials: true\n");
    result.parts.append({QStringLiteral("route"), route});

    // The CORS filter must run before the router, which ends the filter chain.
    result.parts.append(
        {QStringLiteral("http_filters"),
         QStringLiteral(
             "http_filters:\n"
             "- name: envoy.filters.http.cors\n"
             "  typed_config:\n"
             "    \"@type\": type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors\n"
             "- name: envoy.filters.http.router\n"
             "  typed_config:\n"
             "    \"@type\": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router\n")});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    if (policy.varyOrigin())
        result.notes << tr("Envoy echoes the request's Origin: if a cache sits in front of or behind "
                           "Envoy, add Vary: Origin (response_headers_to_add on the route) so one "
                           "origin's answer is not served to another.");
    return result;
}

} // namespace Corscope
