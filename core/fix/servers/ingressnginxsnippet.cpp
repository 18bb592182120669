#include "fix/servers/ingressnginxsnippet.h"

namespace Corscope {

namespace {

// Annotation values are strings in Kubernetes: always double-quoted, so "true" and "600" stay
// strings and a YAML parser reads the block as written.
QString annotation(const QString &name, const QString &value)
{
    return QStringLiteral("    nginx.ingress.kubernetes.io/%1: \"%2\"\n").arg(name, value);
}

} // namespace

ServerSnippet IngressNginxSnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();

    QString code = QStringLiteral("metadata:\n  annotations:\n");
    code += annotation(QStringLiteral("enable-cors"), QStringLiteral("true"));
    // The controller answers only the listed origins, comma-separated, each compared exactly;
    // "*" only when nothing is credentialed.
    code += annotation(QStringLiteral("cors-allow-origin"),
                       policy.anyOrigin ? QStringLiteral("*") : SnippetText::joined(policy.origins));
    // Unset, each of these falls back to the controller's wide default, so each is set: the
    // preflight's methods (GET for a request without one, the narrowest value accepted).
    code +=
        annotation(QStringLiteral("cors-allow-methods"),
                   policy.methods.isEmpty() ? QStringLiteral("GET") : SnippetText::joined(policy.methods));
    if (!policy.headers.isEmpty())
        code += annotation(QStringLiteral("cors-allow-headers"), SnippetText::joined(policy.headers));
    if (!policy.exposeHeaders.isEmpty())
        code += annotation(QStringLiteral("cors-expose-headers"), SnippetText::joined(policy.exposeHeaders));
    code += annotation(QStringLiteral("cors-allow-credentials"),
                       policy.credentials ? QStringLiteral("true") : QStringLiteral("false"));
    // [fetch] CORS-preflight fetch: without Access-Control-Max-Age a browser caches for 5
    // seconds; the controller always sends one (default 1728000), so 5 keeps the browser's default.
    code +=
        annotation(QStringLiteral("cors-max-age"),
                   QString::number(policy.preflight && policy.maxAgeSeconds >= 0 ? policy.maxAgeSeconds : 5));
    result.parts.append({QStringLiteral("annotations"), code});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    if (!policy.upstreamHeaders.isEmpty()) {
        QStringList hides;
        for (const QByteArray &name : policy.upstreamHeaders)
            hides << QStringLiteral("proxy_hide_header %1;").arg(QString::fromUtf8(name));
        result.notes << tr("The application behind this Ingress already sends CORS headers, and "
                           "enable-cors adds its own: both reach the browser. Turn CORS off in one "
                           "of the two layers, or keep the annotations and drop the application's "
                           "copies with nginx.ingress.kubernetes.io/configuration-snippet: \"%1\" "
                           "(if the controller allows snippet annotations).")
                            .arg(hides.join(QLatin1Char(' ')));
    }
    if (policy.headers.isEmpty())
        result.notes << tr("Without cors-allow-headers the controller sends its default header list; "
                           "the request needs none of them.");
    return result;
}

} // namespace Corscope
