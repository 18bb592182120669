#include "fix/servers/cloudfrontsnippet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Corscope {

namespace {

// CloudFront's list type: {"Quantity": n, "Items": [...]}.
QJsonObject itemList(const QByteArrayList &items)
{
    QJsonArray array;
    for (const QByteArray &item : items)
        array.append(QString::fromUtf8(item));
    return QJsonObject{{QStringLiteral("Quantity"), array.size()}, {QStringLiteral("Items"), array}};
}

// The only values AccessControlAllowMethods accepts (ResponseHeadersPolicyAccessControlAllowMethodsValues).
bool cloudFrontMethod(const QByteArray &method)
{
    static const QByteArrayList accepted{"GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH", "HEAD", "ALL"};
    return accepted.contains(method);
}

} // namespace

ServerSnippet CloudFrontSnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();

    QByteArrayList methods;
    QByteArrayList refused;
    for (const QByteArray &method : policy.methods)
        (cloudFrontMethod(method) ? methods : refused) << method;
    // The list is required and may not be empty. Without a preflight the methods are never
    // checked, so GET, the narrowest value, stands in; when every method was refused the
    // policy cannot make the request pass and the note below says so.
    if (methods.isEmpty())
        methods << "GET";

    QJsonObject cors{
        {QStringLiteral("AccessControlAllowOrigins"),
         itemList(policy.anyOrigin ? QByteArrayList{"*"} : policy.origins)},
        {QStringLiteral("AccessControlAllowHeaders"), itemList(policy.headers)},
        {QStringLiteral("AccessControlAllowMethods"), itemList(methods)},
        {QStringLiteral("AccessControlAllowCredentials"), policy.credentials},
        // Override what the origin sends, so each CORS header reaches the browser once.
        {QStringLiteral("OriginOverride"), true},
    };
    if (!policy.exposeHeaders.isEmpty())
        cors.insert(QStringLiteral("AccessControlExposeHeaders"), itemList(policy.exposeHeaders));
    if (policy.preflight && policy.maxAgeSeconds >= 0)
        cors.insert(QStringLiteral("AccessControlMaxAgeSec"), policy.maxAgeSeconds);
    const QJsonObject config{
        {QStringLiteral("Name"), QStringLiteral("corscope-fix")},
        {QStringLiteral("Comment"), QStringLiteral("CORS for %1").arg(QString::fromUtf8(policy.path))},
        {QStringLiteral("CorsConfig"), cors},
    };
    result.parts.append({QStringLiteral("response-headers-policy"),
                         QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Indented))});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    if (!refused.isEmpty())
        result.notes << tr("CloudFront cannot allow %1: a response headers policy accepts only GET, "
                           "POST, OPTIONS, PUT, DELETE, PATCH, HEAD or ALL, and methods are "
                           "case-sensitive (browsers upper-case only DELETE, GET, HEAD, OPTIONS, "
                           "POST and PUT). Send the method in upper case from the page, or let the "
                           "origin answer CORS itself (no CorsConfig in the policy) for this path.")
                            .arg(SnippetText::joined(refused));
    if (policy.varyOrigin())
        result.notes << tr("Include the Origin header in the cache policy's cache key (or forward it "
                           "with the origin request policy), so a response cached for one origin is "
                           "not served to another.");
    result.notes << tr("Create it with aws cloudfront create-response-headers-policy "
                       "--response-headers-policy-config file://policy.json and attach it to the "
                       "cache behavior for %1.")
                        .arg(policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path));
    return result;
}

} // namespace Corscope
