#include "fix/servers/apachesnippet.h"

namespace Corscope {

namespace {

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

// The pattern of https://httpd.apache.org/docs/2.4/mod/mod_headers.html ("Header … env=") fed by
// https://httpd.apache.org/docs/2.4/mod/mod_setenvif.html (SetEnvIf on a request header);
// `always` because https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header says the
// default table (onsuccess) is not applied to non-2xx responses, and the preflight is one.
ServerSnippet ApacheSnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();
    const QString expose = SnippetText::joined(policy.exposeHeaders);
    // The environment variable every header below is conditional on; with "*" nothing depends on
    // the origin, so the headers are unconditional.
    const QString when = policy.anyOrigin ? QString() : QStringLiteral(" env=CORS_ORIGIN");

    QString server;
    if (!policy.anyOrigin) {
        // Origins are compared exactly ([fetch] CORS check, step 4: byte-for-byte), so SetEnvIf
        // (case-sensitive), not SetEnvIfNoCase, anchored; one line per origin, each setting the
        // origin itself as the value echoed back.
        server += QStringLiteral("# The allow-list: CORS_ORIGIN is set only for these origins.\n");
        for (const QByteArray &origin : policy.origins)
            server += QStringLiteral("SetEnvIf Origin %1 CORS_ORIGIN=%2\n")
                          .arg(quoted(SnippetText::originRegex({origin})), QString::fromUtf8(origin));
    }
    if (!policy.upstreamHeaders.isEmpty()) {
        server += QStringLiteral(
            "# Drop the copies an application behind mod_proxy sends (they arrive in the onsuccess\n"
            "# table, which `Header always` does not replace), so each header is sent once.\n");
        for (const QByteArray &name : policy.upstreamHeaders)
            server += QStringLiteral("Header unset %1\n").arg(QString::fromUtf8(name));
    }
    if (policy.anyOrigin)
        server += QStringLiteral("Header always set Access-Control-Allow-Origin \"*\"\n");
    else
        server +=
            QStringLiteral("Header always set Access-Control-Allow-Origin \"%{CORS_ORIGIN}e\"%1\n").arg(when);
    if (policy.credentials)
        server += QStringLiteral("Header always set Access-Control-Allow-Credentials \"true\"%1\n").arg(when);
    if (!expose.isEmpty())
        server += QStringLiteral("Header always set Access-Control-Expose-Headers %1%2\n")
                      .arg(quoted(expose), when);
    if (policy.varyOrigin())
        // [fetch] CORS protocol and HTTP caches: the value depends on Origin, so caches must key
        // on it — for every origin, allowed or not; merge keeps a Vary the application sent.
        server += QStringLiteral("Header always merge Vary Origin\n");

    if (policy.preflight) {
        // [fetch] CORS-preflight request: OPTIONS with Access-Control-Request-Method. mod_rewrite's
        // R flag with a non-3xx status ends the request with that status
        // (https://httpd.apache.org/docs/2.4/rewrite/flags.html#flag_r), before mod_proxy runs.
        server += QStringLiteral("# The preflight: answered 204 here, before any handler or proxy.\n"
                                 "RewriteEngine On\n"
                                 "RewriteCond %{REQUEST_METHOD} =OPTIONS\n");
        if (policy.anyOrigin)
            server += QStringLiteral("RewriteCond %{HTTP:Origin} !^$\n");
        else
            server += QStringLiteral("RewriteCond %{ENV:CORS_ORIGIN} !^$\n");
        server += QStringLiteral("RewriteCond %{HTTP:Access-Control-Request-Method} !^$\n"
                                 "RewriteRule ^ - [E=CORS_PREFLIGHT:1,R=204,L]\n");
        if (!policy.methods.isEmpty())
            server += QStringLiteral("Header always set Access-Control-Allow-Methods %1 env=CORS_PREFLIGHT\n")
                          .arg(quoted(SnippetText::joined(policy.methods)));
        if (!policy.headers.isEmpty())
            server += QStringLiteral("Header always set Access-Control-Allow-Headers %1 env=CORS_PREFLIGHT\n")
                          .arg(quoted(SnippetText::joined(policy.headers)));
        if (policy.maxAgeSeconds >= 0)
            server += QStringLiteral("Header always set Access-Control-Max-Age %1 env=CORS_PREFLIGHT\n")
                          .arg(policy.maxAgeSeconds);
    }

    result.parts.append({QStringLiteral("server"), server});
    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    const QString path = policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path);
    // Whole sentences, so a translator never has to glue fragments.
    if (policy.preflight)
        result.notes << tr("Put this in the server config or the <VirtualHost> that serves %1 (not in a "
                           "<Directory> or .htaccess, where mod_rewrite runs after the proxy is chosen), "
                           "with mod_headers, mod_setenvif and mod_rewrite loaded.")
                            .arg(path);
    else
        result.notes << tr("Put this in the server config or the <VirtualHost> that serves %1, with "
                           "mod_headers and mod_setenvif loaded.")
                            .arg(path);
    return result;
}

} // namespace Corscope
