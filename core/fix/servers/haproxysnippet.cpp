#include "fix/servers/haproxysnippet.h"

namespace Corscope {

namespace {

// HAProxy's double-quoted argument, with '%' doubled because every value here is a log-format
// string (https://docs.haproxy.org/2.6/configuration.html#2.2, #8.2.4).
QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('%'), QStringLiteral("%%"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString words(const QByteArrayList &items)
{
    return SnippetText::joined(items, u" ");
}

} // namespace

// https://docs.haproxy.org/2.6/configuration.html#4.2-http-request%20return and
// #4.2-http-after-response: "http-after-response" rules apply to every response, including the
// ones HAProxy generates itself, which "http-response" rules never see.
ServerSnippet HaproxySnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();
    const QString expose = SnippetText::joined(policy.exposeHeaders);
    const QString allowed =
        policy.anyOrigin ? QString() : QStringLiteral(" if { var(txn.cors_origin) -m found }");

    QString frontend;
    if (!policy.anyOrigin) {
        // Origins are compared exactly ([fetch] CORS check, step 4): -m str is a case-sensitive
        // exact match against each listed origin.
        frontend += QStringLiteral("# The allow-list: txn.cors_origin is set only for these origins.\n"
                                   "http-request set-var(txn.cors_origin) req.hdr(origin) if { "
                                   "req.hdr(origin) -m str %1 }\n")
                        .arg(words(policy.origins));
    }
    if (policy.preflight) {
        // [fetch] CORS-preflight request: OPTIONS carrying Access-Control-Request-Method.
        frontend += QStringLiteral("# The preflight: answered 204 here, never sent to a server.\n"
                                   "http-request set-var(txn.cors_preflight) bool(true) if METH_OPTIONS "
                                   "%1{ req.hdr(access-control-request-method) -m found }\n"
                                   "http-request return status 204 if { var(txn.cors_preflight) -m found }\n")
                        .arg(policy.anyOrigin ? QStringLiteral("{ req.hdr(origin) -m found } ")
                                              : QStringLiteral("{ var(txn.cors_origin) -m found } "));
    }
    if (!policy.upstreamHeaders.isEmpty()) {
        frontend += QStringLiteral("# Drop the copies the servers send, so each header is sent once.\n");
        for (const QByteArray &name : policy.upstreamHeaders)
            frontend += QStringLiteral("http-response del-header %1\n").arg(QString::fromUtf8(name));
    }
    if (policy.anyOrigin)
        frontend += QStringLiteral("http-after-response set-header Access-Control-Allow-Origin \"*\"\n");
    else
        frontend += QStringLiteral("http-after-response set-header Access-Control-Allow-Origin "
                                   "%[var(txn.cors_origin)]%1\n")
                        .arg(allowed);
    if (policy.credentials)
        frontend += QStringLiteral("http-after-response set-header Access-Control-Allow-Credentials true%1\n")
                        .arg(allowed);
    if (!expose.isEmpty())
        frontend += QStringLiteral("http-after-response set-header Access-Control-Expose-Headers %1%2\n")
                        .arg(quoted(expose), allowed);
    if (policy.preflight) {
        const QString onPreflight = QStringLiteral(" if { var(txn.cors_preflight) -m found }");
        if (!policy.methods.isEmpty())
            frontend += QStringLiteral("http-after-response set-header Access-Control-Allow-Methods %1%2\n")
                            .arg(quoted(SnippetText::joined(policy.methods)), onPreflight);
        if (!policy.headers.isEmpty())
            frontend += QStringLiteral("http-after-response set-header Access-Control-Allow-Headers %1%2\n")
                            .arg(quoted(SnippetText::joined(policy.headers)), onPreflight);
        if (policy.maxAgeSeconds >= 0)
            frontend += QStringLiteral("http-after-response set-header Access-Control-Max-Age %1%2\n")
                            .arg(policy.maxAgeSeconds)
                            .arg(onPreflight);
    }
    if (policy.varyOrigin())
        // The value depends on Origin, so caches must key on it for every origin, allowed or not;
        // add-header keeps a Vary the server sent ([rfc9110] 12.5.5: Vary is a list).
        frontend += QStringLiteral("http-after-response add-header Vary Origin\n");

    result.parts.append({QStringLiteral("frontend"), frontend});
    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    result.notes << tr("Put this in the frontend (or listen) section that receives %1, in mode http, "
                       "before its use_backend and default_backend lines.")
                        .arg(policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path));
    return result;
}

} // namespace Corscope
