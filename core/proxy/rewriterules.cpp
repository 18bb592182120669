#include "proxy/rewriterules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Corscope {

bool RewriteRule::matches(const Flow &flow) const
{
    if (!method.isEmpty() && flow.method != method)
        return false;
    const QString flowHost = flow.url.host();
    if (!host.isEmpty()) {
        if (host.startsWith(QLatin1String("*."))) {
            if (!flowHost.endsWith(host.mid(1), Qt::CaseInsensitive))
                return false;
        } else if (flowHost.compare(host, Qt::CaseInsensitive) != 0) {
            return false;
        }
    }
    if (!path.isEmpty()) {
        const QString flowPath = flow.url.path().isEmpty() ? QStringLiteral("/") : flow.url.path();
        if (path.endsWith(u'*') ? !flowPath.startsWith(path.chopped(1)) : flowPath != path)
            return false;
    }
    return true;
}

std::optional<RewriteRules> RewriteRules::parse(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("not JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonArray array =
        document.isArray() ? document.array() : document.object().value(u"rules").toArray();
    if (!document.isArray() && !document.object().value(u"rules").isArray()) {
        *error = tr("expected {\"rules\": [...]} or an array of rules");
        return std::nullopt;
    }
    auto headersFrom = [](const QJsonValue &value, HeaderList *out) {
        if (value.isUndefined())
            return true;
        if (!value.isObject())
            return false;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                return false;
            out->append(it.key().toLatin1(), it.value().toString().toLatin1());
        }
        return true;
    };
    RewriteRules rules;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        const QJsonObject match = object.value(u"match").toObject();
        RewriteRule rule;
        rule.name = object.value(u"name").toString(tr("rule %1").arg(i + 1));
        rule.enabled = object.value(u"enabled").toBool(true);
        rule.host = match.value(u"host").toString();
        rule.path = match.value(u"path").toString();
        rule.method = match.value(u"method").toString().toLatin1();
        if (!array.at(i).isObject() || !headersFrom(object.value(u"set"), &rule.set) ||
            !headersFrom(object.value(u"add"), &rule.add)) {
            *error =
                tr("rule %1: \"set\" and \"add\" take an object of header names to string values").arg(i + 1);
            return std::nullopt;
        }
        for (const QJsonValue &name : object.value(u"remove").toArray())
            rule.remove.append(name.toString().toLatin1());
        if (rule.set.isEmpty() && rule.add.isEmpty() && rule.remove.isEmpty()) {
            *error = tr("rule %1 (%2) changes nothing: give \"set\", \"add\" or \"remove\"")
                         .arg(i + 1)
                         .arg(rule.name);
            return std::nullopt;
        }
        rules.m_rules.append(rule);
    }
    return rules;
}

QByteArray RewriteRules::toJson() const
{
    auto headersObject = [](const HeaderList &headers) {
        QJsonObject object;
        for (const Header &header : headers) {
            const QString name = QString::fromLatin1(header.name);
            const QString value = QString::fromLatin1(header.value);
            const QJsonValue earlier = object.value(name);
            object.insert(name,
                          earlier.isString() ? earlier.toString() + QLatin1String(", ") + value : value);
        }
        return object;
    };
    QJsonArray array;
    for (const RewriteRule &rule : m_rules) {
        QJsonObject match;
        if (!rule.host.isEmpty())
            match.insert(u"host", rule.host);
        if (!rule.path.isEmpty())
            match.insert(u"path", rule.path);
        if (!rule.method.isEmpty())
            match.insert(u"method", QString::fromLatin1(rule.method));
        QJsonObject object{{QStringLiteral("name"), rule.name},
                           {QStringLiteral("enabled"), rule.enabled},
                           {QStringLiteral("match"), match}};
        if (!rule.set.isEmpty())
            object.insert(u"set", headersObject(rule.set));
        if (!rule.add.isEmpty())
            object.insert(u"add", headersObject(rule.add));
        if (!rule.remove.isEmpty()) {
            QJsonArray remove;
            for (const QByteArray &name : rule.remove)
                remove.append(QString::fromLatin1(name));
            object.insert(u"remove", remove);
        }
        array.append(object);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("rules"), array}}).toJson(QJsonDocument::Indented);
}

QStringList RewriteRules::apply(const Flow &flow, HeaderList &headers) const
{
    QStringList applied;
    for (const RewriteRule &rule : m_rules) {
        if (!rule.enabled || !rule.matches(flow))
            continue;
        for (const QByteArray &name : rule.remove)
            headers.remove(name);
        for (const Header &header : rule.set)
            headers.set(header.name, header.value);
        for (const Header &header : rule.add)
            headers.append(header.name, header.value);
        applied.append(rule.name);
    }
    return applied;
}

} // namespace Corscope
