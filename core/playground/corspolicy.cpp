#include "playground/corspolicy.h"

#include <QJsonArray>

namespace Corscope {

namespace {

QByteArray joined(const QByteArrayList &tokens)
{
    return tokens.join(", ");
}

QJsonArray toArray(const QByteArrayList &list)
{
    QJsonArray array;
    for (const QByteArray &item : list)
        array.append(QString::fromLatin1(item));
    return array;
}

// Reads an optional array of strings; false (and *error) when present but not one.
bool readStrings(const QJsonObject &object, const QString &key, QStringList *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        if (error)
            *error = CorsPolicy::tr("\"%1\" must be an array of strings").arg(key);
        return false;
    }
    out->clear();
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            if (error)
                *error = CorsPolicy::tr("\"%1\" must be an array of strings").arg(key);
            return false;
        }
        out->append(item.toString());
    }
    return true;
}

bool readTokens(const QJsonObject &object, const QString &key, QByteArrayList *out, QString *error)
{
    QStringList strings;
    for (const QByteArray &token : *out)
        strings.append(QString::fromLatin1(token));
    if (!readStrings(object, key, &strings, error))
        return false;
    out->clear();
    for (const QString &string : strings)
        out->append(string.toLatin1());
    return true;
}

bool readBool(const QJsonObject &object, const QString &key, bool *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isBool()) {
        if (error)
            *error = CorsPolicy::tr("\"%1\" must be true or false").arg(key);
        return false;
    }
    *out = value.toBool();
    return true;
}

bool readInt(const QJsonObject &object, const QString &key, int minimum, int maximum, int *out,
             QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number != static_cast<int>(number) || number < minimum || number > maximum) {
        if (error)
            *error = CorsPolicy::tr("\"%1\" must be a whole number from %2 to %3")
                         .arg(key)
                         .arg(minimum)
                         .arg(maximum);
        return false;
    }
    *out = static_cast<int>(number);
    return true;
}

} // namespace

std::optional<QByteArray> CorsPolicy::allowOriginFor(const std::optional<QByteArray> &origin) const
{
    switch (originRule) {
    case OriginRule::Wildcard:
        return QByteArrayLiteral("*");
    case OriginRule::ReflectAny:
        // A server that reflects sends nothing when there is nothing to reflect.
        return origin;
    case OriginRule::AllowList:
        if (origin && allowedOrigins.contains(QString::fromLatin1(*origin)))
            return origin;
        return std::nullopt;
    }
    return std::nullopt;
}

bool CorsPolicy::acceptsWebSocketOrigin(const std::optional<QByteArray> &origin) const
{
    if (originRule != OriginRule::AllowList)
        return true;
    return origin && allowedOrigins.contains(QString::fromLatin1(*origin));
}

HeaderList CorsPolicy::preflightHeaders(const HeaderList &request) const
{
    HeaderList headers;
    if (const auto acao = allowOriginFor(request.get("origin")))
        headers.append("Access-Control-Allow-Origin", *acao);
    if (allowCredentials)
        headers.append("Access-Control-Allow-Credentials", "true");
    if (!allowedMethods.isEmpty())
        headers.append("Access-Control-Allow-Methods", joined(allowedMethods));
    if (!allowedHeaders.isEmpty())
        headers.append("Access-Control-Allow-Headers", joined(allowedHeaders));
    if (maxAgeSeconds)
        headers.append("Access-Control-Max-Age", QByteArray::number(*maxAgeSeconds));
    // [fetch] CORS protocol and HTTP caches: an answer that depends on Origin must say so.
    if (varyOrigin)
        headers.append("Vary", "Origin");
    for (const Header &header : extraHeaders)
        headers.append(header.name, header.value);
    return headers;
}

HeaderList CorsPolicy::actualHeaders(const HeaderList &request) const
{
    HeaderList headers;
    if (const auto acao = allowOriginFor(request.get("origin")))
        headers.append("Access-Control-Allow-Origin", *acao);
    if (allowCredentials)
        headers.append("Access-Control-Allow-Credentials", "true");
    if (!exposedHeaders.isEmpty())
        headers.append("Access-Control-Expose-Headers", joined(exposedHeaders));
    if (varyOrigin)
        headers.append("Vary", "Origin");
    if (sharedCacheSeconds > 0)
        headers.append("Cache-Control", "public, max-age=" + QByteArray::number(sharedCacheSeconds));
    else
        headers.append("Cache-Control", "no-store");
    for (const Header &header : extraHeaders)
        headers.append(header.name, header.value);
    return headers;
}

QJsonObject CorsPolicy::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("originRule"), toString(originRule));
    object.insert(QStringLiteral("allowedOrigins"), QJsonArray::fromStringList(allowedOrigins));
    object.insert(QStringLiteral("allowedMethods"), toArray(allowedMethods));
    object.insert(QStringLiteral("allowedHeaders"), toArray(allowedHeaders));
    object.insert(QStringLiteral("allowCredentials"), allowCredentials);
    if (maxAgeSeconds)
        object.insert(QStringLiteral("maxAgeSeconds"), *maxAgeSeconds);
    object.insert(QStringLiteral("exposedHeaders"), toArray(exposedHeaders));
    object.insert(QStringLiteral("varyOrigin"), varyOrigin);
    object.insert(QStringLiteral("preflightStatus"), preflightStatus);
    object.insert(QStringLiteral("actualStatus"), actualStatus);
    object.insert(QStringLiteral("sharedCacheSeconds"), sharedCacheSeconds);
    QJsonArray extra;
    for (const Header &header : extraHeaders)
        extra.append(QJsonArray{QString::fromLatin1(header.name), QString::fromLatin1(header.value)});
    object.insert(QStringLiteral("extraHeaders"), extra);
    return object;
}

std::optional<CorsPolicy> CorsPolicy::fromJson(const QJsonObject &object, QString *error)
{
    CorsPolicy policy;
    const QJsonValue rule = object.value(QStringLiteral("originRule"));
    if (!rule.isUndefined()) {
        const auto parsed = originRuleFromString(rule.toString());
        if (!parsed) {
            if (error)
                *error = tr("\"originRule\" must be \"allow-list\", \"wildcard\" or \"reflect\"");
            return std::nullopt;
        }
        policy.originRule = *parsed;
    }
    if (!readStrings(object, QStringLiteral("allowedOrigins"), &policy.allowedOrigins, error) ||
        !readTokens(object, QStringLiteral("allowedMethods"), &policy.allowedMethods, error) ||
        !readTokens(object, QStringLiteral("allowedHeaders"), &policy.allowedHeaders, error) ||
        !readTokens(object, QStringLiteral("exposedHeaders"), &policy.exposedHeaders, error) ||
        !readBool(object, QStringLiteral("allowCredentials"), &policy.allowCredentials, error) ||
        !readBool(object, QStringLiteral("varyOrigin"), &policy.varyOrigin, error) ||
        !readInt(object, QStringLiteral("preflightStatus"), 100, 599, &policy.preflightStatus, error) ||
        !readInt(object, QStringLiteral("actualStatus"), 100, 599, &policy.actualStatus, error) ||
        !readInt(object, QStringLiteral("sharedCacheSeconds"), 0, 86400 * 365, &policy.sharedCacheSeconds,
                 error))
        return std::nullopt;
    if (object.contains(QStringLiteral("maxAgeSeconds"))) {
        int maxAge = 0;
        if (!readInt(object, QStringLiteral("maxAgeSeconds"), -1, 86400 * 365, &maxAge, error))
            return std::nullopt;
        policy.maxAgeSeconds = maxAge;
    }
    const QJsonValue extra = object.value(QStringLiteral("extraHeaders"));
    if (!extra.isUndefined()) {
        const auto malformed = [error] {
            if (error)
                *error = tr("\"extraHeaders\" must be an array of [name, value] pairs");
            return std::nullopt;
        };
        if (!extra.isArray())
            return malformed();
        for (const QJsonValue &pair : extra.toArray()) {
            const QJsonArray items = pair.toArray();
            if (items.size() != 2 || !items.at(0).isString() || !items.at(1).isString() ||
                items.at(0).toString().isEmpty())
                return malformed();
            policy.extraHeaders.append(items.at(0).toString().toLatin1(), items.at(1).toString().toLatin1());
        }
    }
    return policy;
}

QString toString(OriginRule rule)
{
    switch (rule) {
    case OriginRule::AllowList:
        return QStringLiteral("allow-list");
    case OriginRule::Wildcard:
        return QStringLiteral("wildcard");
    case OriginRule::ReflectAny:
        return QStringLiteral("reflect");
    }
    return {};
}

std::optional<OriginRule> originRuleFromString(const QString &text)
{
    for (OriginRule rule : {OriginRule::AllowList, OriginRule::Wildcard, OriginRule::ReflectAny}) {
        if (toString(rule) == text)
            return rule;
    }
    return std::nullopt;
}

} // namespace Corscope
