#include "fix/snippetrenderer.h"

#include "fix/servers/apachesnippet.h"
#include "fix/servers/aspnetsnippet.h"
#include "fix/servers/caddysnippet.h"
#include "fix/servers/cloudfrontsnippet.h"
#include "fix/servers/djangosnippet.h"
#include "fix/servers/envoysnippet.h"
#include "fix/servers/expresssnippet.h"
#include "fix/servers/flasksnippet.h"
#include "fix/servers/haproxysnippet.h"
#include "fix/servers/ingressnginxsnippet.h"
#include "fix/servers/nginxsnippet.h"
#include "fix/servers/springsnippet.h"

namespace Corscope {

QString ServerSnippet::code(const QString &context) const
{
    for (const SnippetPart &part : parts) {
        if (part.context == context)
            return part.code;
    }
    return {};
}

const QList<const SnippetRenderer *> &SnippetRenderer::all()
{
    static const NginxSnippet nginx;
    static const ApacheSnippet apache;
    static const HaproxySnippet haproxy;
    static const CaddySnippet caddy;
    static const ExpressSnippet express;
    static const FlaskSnippet flask;
    static const DjangoSnippet django;
    static const SpringSnippet spring;
    static const AspNetSnippet aspnet;
    static const IngressNginxSnippet ingressNginx;
    static const EnvoySnippet envoy;
    static const CloudFrontSnippet cloudfront;
    static const QList<const SnippetRenderer *> renderers{&nginx,   &apache,       &caddy,  &haproxy,
                                                          &express, &flask,        &django, &spring,
                                                          &aspnet,  &ingressNginx, &envoy,  &cloudfront};
    return renderers;
}

const SnippetRenderer *SnippetRenderer::byId(QStringView id)
{
    for (const SnippetRenderer *renderer : all()) {
        if (renderer->id() == id)
            return renderer;
    }
    return nullptr;
}

QStringList SnippetRenderer::ids()
{
    QStringList result;
    for (const SnippetRenderer *renderer : all())
        result << renderer->id();
    return result;
}

ServerSnippet SnippetRenderer::snippet() const
{
    ServerSnippet result;
    result.server = id();
    result.displayName = displayName();
    result.language = language();
    return result;
}

QString SnippetText::joined(const QByteArrayList &items, QStringView separator)
{
    QStringList texts;
    for (const QByteArray &item : items)
        texts << QString::fromUtf8(item);
    return texts.join(separator);
}

QString SnippetText::quotedList(const QByteArrayList &items, QChar quote)
{
    QStringList texts;
    for (const QByteArray &item : items)
        texts << quote + QString::fromUtf8(item) + quote;
    return texts.join(QStringLiteral(", "));
}

QString SnippetText::originRegex(const QByteArrayList &origins)
{
    QStringList alternatives;
    for (const QByteArray &origin : origins) {
        // Only the metacharacters: "\/" and "\:" would be noise in every regex dialect.
        QString escaped;
        for (const QChar c : QString::fromUtf8(origin)) {
            if (QStringView(u".^$*+?()[]{}|\\").contains(c))
                escaped += QLatin1Char('\\');
            escaped += c;
        }
        alternatives << escaped;
    }
    if (alternatives.size() == 1)
        return QStringLiteral("^%1$").arg(alternatives.first());
    return QStringLiteral("^(%1)$").arg(alternatives.join(QLatin1Char('|')));
}

QString SnippetText::upstreamNote(const FixPolicy &policy)
{
    if (policy.upstreamHeaders.isEmpty())
        return {};
    return tr("The response already carries %1. Replace whatever sets them with this; if an "
              "application behind this layer sets them too, only one of the two may: two "
              "Access-Control-Allow-Origin values fail as surely as none.")
        .arg(joined(policy.upstreamHeaders));
}

QString SnippetText::duplicateNote(const FixPolicy &policy)
{
    if (policy.duplicatedHeaders.isEmpty())
        return {};
    return tr("The response carried %1 more than once: two layers (a proxy or CDN in front of the "
              "application, say) each add it. Configure CORS in exactly one of them.")
        .arg(joined(policy.duplicatedHeaders));
}

} // namespace Corscope
