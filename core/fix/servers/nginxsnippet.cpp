#include "fix/servers/nginxsnippet.h"

namespace Corscope {

namespace {

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

// A map that gives `value` to the allowed origins and nothing (so add_header sends nothing) to
// every other one.
QString originMap(const FixPolicy &policy, const QString &variable, const QString &value)
{
    QString text = QStringLiteral("map $http_origin %1 {\n    default \"\";\n").arg(variable);
    for (const QByteArray &origin : policy.origins) {
        const QString name = QString::fromUtf8(origin);
        text += QStringLiteral("    %1 %2;\n").arg(quoted(name), quoted(value.isEmpty() ? name : value));
    }
    return text + QStringLiteral("}\n");
}

} // namespace

ServerSnippet NginxSnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();
    const QString expose = SnippetText::joined(policy.exposeHeaders);

    QString http;
    if (!policy.anyOrigin) {
        http += originMap(policy, QStringLiteral("$cors_allow_origin"), QString());
        if (policy.credentials)
            http += originMap(policy, QStringLiteral("$cors_allow_credentials"), QStringLiteral("true"));
        if (!expose.isEmpty())
            http += originMap(policy, QStringLiteral("$cors_expose_headers"), expose);
    }

    // The headers every response of an allowed origin carries; repeated inside the preflight's
    // `if`, because add_header is not inherited into a level that has add_header of its own.
    QString common;
    if (policy.anyOrigin) {
        common += QStringLiteral("add_header Access-Control-Allow-Origin \"*\" always;\n");
        if (!expose.isEmpty())
            common +=
                QStringLiteral("add_header Access-Control-Expose-Headers %1 always;\n").arg(quoted(expose));
    } else {
        common += QStringLiteral("add_header Access-Control-Allow-Origin $cors_allow_origin always;\n");
        if (policy.credentials)
            common += QStringLiteral(
                "add_header Access-Control-Allow-Credentials $cors_allow_credentials always;\n");
        if (!expose.isEmpty())
            common +=
                QStringLiteral("add_header Access-Control-Expose-Headers $cors_expose_headers always;\n");
        common += QStringLiteral("add_header Vary Origin always;\n");
    }

    QString location;
    if (!policy.upstreamHeaders.isEmpty()) {
        location += QStringLiteral(
            "# Drop the copies an application behind proxy_pass sends, so each header is sent once.\n");
        for (const QByteArray &name : policy.upstreamHeaders)
            location += QStringLiteral("proxy_hide_header %1;\n").arg(QString::fromUtf8(name));
    }
    if (policy.preflight) {
        QString preflight = common;
        if (!policy.methods.isEmpty())
            preflight += QStringLiteral("add_header Access-Control-Allow-Methods %1 always;\n")
                             .arg(quoted(SnippetText::joined(policy.methods)));
        if (!policy.headers.isEmpty())
            preflight += QStringLiteral("add_header Access-Control-Allow-Headers %1 always;\n")
                             .arg(quoted(SnippetText::joined(policy.headers)));
        if (policy.maxAgeSeconds >= 0)
            preflight +=
                QStringLiteral("add_header Access-Control-Max-Age %1 always;\n").arg(policy.maxAgeSeconds);
        preflight += QStringLiteral("return 204;\n");
        location += QStringLiteral(
            "# The preflight: answered here, before any other rewrite or return in this location.\n"
            "if ($request_method = OPTIONS) {\n");
        for (const QString &line : preflight.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            location += QStringLiteral("    ") + line + QLatin1Char('\n');
        location += QStringLiteral("}\n");
    }
    location += common;

    if (!http.isEmpty())
        result.parts.append({QStringLiteral("http"), http});
    result.parts.append({QStringLiteral("location"), location});
    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    for (const QByteArray &method : policy.methods) {
        if (method != method.toUpper())
            result.notes
                << tr("nginx answers a request whose method is '%1' with 400 Bad Request before any "
                      "configuration applies (it accepts only upper-case methods): have the page send "
                      "%2 instead.")
                       .arg(QString::fromUtf8(method), QString::fromUtf8(method.toUpper()));
    }
    result.notes << tr("Put the location part first in the location that serves %1: add_header "
                       "directives of an enclosing level stop applying once a level has its own.")
                        .arg(policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path));
    return result;
}

} // namespace Corscope
