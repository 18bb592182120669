#include "fix/servers/caddysnippet.h"

namespace Corscope {

namespace {

// A Caddyfile token: quoted so spaces and commas stay one argument.
QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

// https://caddyserver.com/docs/caddyfile/matchers#header (one `header Origin …` line per
// allowed origin: values of one field are alternatives) and
// https://caddyserver.com/docs/caddyfile/directives/header (`defer` to replace what a
// reverse_proxy upstream sends; without it the upstream's copy would be written as well).
ServerSnippet CaddySnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();
    const QString expose = SnippetText::joined(policy.exposeHeaders);
    const bool defer = !policy.upstreamHeaders.isEmpty();

    QString site;
    // The header matcher compares a value exactly (no '*' in an origin), as [fetch] CORS check
    // step 4 compares Access-Control-Allow-Origin with the request's origin.
    const auto originLines = [&policy](const QString &indent) {
        QString lines;
        for (const QByteArray &origin : policy.origins)
            lines += QStringLiteral("%1header Origin %2\n").arg(indent, quoted(QString::fromUtf8(origin)));
        return lines;
    };
    if (!policy.anyOrigin)
        site +=
            QStringLiteral("# The allow-list: only these origins get the CORS headers.\n@cors_origin {\n") +
            originLines(QStringLiteral("    ")) + QStringLiteral("}\n");

    QString common;
    QByteArrayList set; // the fields this block sets, lower-case
    const auto setField = [&common, &set](const QByteArray &name, const QString &value) {
        common += QStringLiteral("    %1 %2\n").arg(QString::fromUtf8(name), value);
        set << name.toLower();
    };
    setField("Access-Control-Allow-Origin",
             policy.anyOrigin ? QStringLiteral("\"*\"") : QStringLiteral("{http.request.header.Origin}"));
    if (policy.credentials)
        setField("Access-Control-Allow-Credentials", QStringLiteral("true"));
    if (!expose.isEmpty())
        setField("Access-Control-Expose-Headers", quoted(expose));
    // The upstream's copies of fields this block does not set; they are dropped (deferred, so
    // after the upstream wrote them) from every answer but the preflight handled below.
    QStringList dropped;
    for (const QByteArray &name : policy.upstreamHeaders) {
        if (!set.contains(name.toLower()))
            dropped << QStringLiteral("    -%1\n").arg(QString::fromUtf8(name));
    }
    if (defer) {
        // Deferred, the fields are written after the upstream's: set replaces its copy.
        common +=
            QStringLiteral("    # Replace the copies the upstream sends instead of adding a second one.\n"
                           "    defer\n");
    }
    site += QStringLiteral("header %1{\n%2}\n")
                .arg(policy.anyOrigin ? QString() : QStringLiteral("@cors_origin "), common);
    if (!dropped.isEmpty()) {
        QString matcher;
        if (!policy.anyOrigin)
            matcher += originLines(QStringLiteral("    "));
        if (policy.preflight)
            matcher += QStringLiteral("    not {\n        method OPTIONS\n"
                                      "        header Access-Control-Request-Method *\n    }\n");
        site +=
            QStringLiteral("# Drop the upstream's other copies, except from the preflight answered here.\n");
        if (!matcher.isEmpty())
            site += QStringLiteral("@cors_upstream {\n%1}\n").arg(matcher);
        site += QStringLiteral("header %1{\n")
                    .arg(matcher.isEmpty() ? QString() : QStringLiteral("@cors_upstream ")) +
                dropped.join(QString()) + QStringLiteral("    defer\n}\n");
    }
    if (defer && !policy.anyOrigin) {
        // Any other origin must not get the upstream's copies either (the matchers of one field
        // are ORed inside `not`, so this is every origin the allow-list does not name).
        site += QStringLiteral("# Every other origin: drop what the upstream sends.\n@not_cors_origin {\n"
                               "    not {\n") +
                originLines(QStringLiteral("        ")) +
                QStringLiteral("    }\n}\nheader @not_cors_origin {\n");
        for (const QByteArray &name : policy.upstreamHeaders)
            site += QStringLiteral("    -%1\n").arg(QString::fromUtf8(name));
        site += QStringLiteral("    defer\n}\n");
    }
    if (policy.varyOrigin())
        // The value depends on Origin, so caches must key on it, for every origin; `+` adds to a
        // Vary the application sends ([rfc9110] 12.5.5: Vary is a list).
        site += QStringLiteral("header +Vary Origin\n");

    if (policy.preflight) {
        // [fetch] CORS-preflight request: OPTIONS with Access-Control-Request-Method, from an
        // allowed origin; `handle` runs before a reverse_proxy or respond of the site, so the
        // preflight never reaches the application.
        site += QStringLiteral("# The preflight: answered 204 here, before anything else in the site.\n"
                               "@cors_preflight {\n    method OPTIONS\n");
        if (policy.anyOrigin)
            site += QStringLiteral("    header Origin *\n");
        else
            site += originLines(QStringLiteral("    "));
        site += QStringLiteral("    header Access-Control-Request-Method *\n}\nhandle @cors_preflight {\n");
        QString preflight;
        if (!policy.methods.isEmpty())
            preflight += QStringLiteral("        Access-Control-Allow-Methods %1\n")
                             .arg(quoted(SnippetText::joined(policy.methods)));
        if (!policy.headers.isEmpty())
            preflight += QStringLiteral("        Access-Control-Allow-Headers %1\n")
                             .arg(quoted(SnippetText::joined(policy.headers)));
        if (policy.maxAgeSeconds >= 0)
            preflight += QStringLiteral("        Access-Control-Max-Age %1\n").arg(policy.maxAgeSeconds);
        if (!preflight.isEmpty())
            site += QStringLiteral("    header {\n%1    }\n").arg(preflight);
        site += QStringLiteral("    respond 204\n}\n");
    }

    result.parts.append({QStringLiteral("site"), site});
    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    result.notes << tr("Put this in the site block that serves %1; Caddy orders the directives itself "
                       "(header, then handle, then respond or reverse_proxy), so its place in the block "
                       "does not matter.")
                        .arg(policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path));
    return result;
}

} // namespace Corscope
