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

bool RewriteRule::answersLocally(const Flow &flow) const
{
    if (!enabled || !respond || !matches(flow))
        return false;
    return respond->answers == LocalResponse::Answers::AllRequests || flow.isPreflight();
}

namespace {

// A header set is an object (the readable form) or an array of [name, value] pairs (the form
// that keeps order and duplicates, which an object cannot).
bool headersFromJson(const QJsonValue &value, HeaderList *out)
{
    if (value.isUndefined())
        return true;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                return false;
            out->append(it.key().toLatin1(), it.value().toString().toLatin1());
        }
        return true;
    }
    if (!value.isArray())
        return false;
    for (const QJsonValue &pair : value.toArray()) {
        const QJsonArray nameAndValue = pair.toArray();
        if (nameAndValue.size() != 2 || !nameAndValue.at(0).isString() || !nameAndValue.at(1).isString())
            return false;
        out->append(nameAndValue.at(0).toString().toLatin1(), nameAndValue.at(1).toString().toLatin1());
    }
    return true;
}

// An object when that loses nothing (unique names, already in the order a JSON object is read
// back in), pairs otherwise.
QJsonValue headersToJson(const HeaderList &headers)
{
    bool objectKeepsAll = true;
    for (qsizetype i = 1; i < headers.size() && objectKeepsAll; ++i)
        objectKeepsAll = QString::fromLatin1(headers.headers().at(i - 1).name) <
                         QString::fromLatin1(headers.headers().at(i).name);
    if (objectKeepsAll) {
        QJsonObject object;
        for (const Header &header : headers)
            object.insert(QString::fromLatin1(header.name), QString::fromLatin1(header.value));
        return object;
    }
    QJsonArray pairs;
    for (const Header &header : headers)
        pairs.append(QJsonArray{QString::fromLatin1(header.name), QString::fromLatin1(header.value)});
    return pairs;
}

} // namespace

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
        if (!array.at(i).isObject() || !headersFromJson(object.value(u"set"), &rule.set) ||
            !headersFromJson(object.value(u"add"), &rule.add)) {
            *error = tr("rule %1: \"set\" and \"add\" take an object of header names to string values, or "
                        "[name, value] pairs")
                         .arg(i + 1);
            return std::nullopt;
        }
        for (const QJsonValue &name : object.value(u"remove").toArray())
            rule.remove.append(name.toString().toLatin1());
        if (const QJsonValue respond = object.value(u"respond"); !respond.isUndefined()) {
            const QJsonObject answer = respond.toObject();
            LocalResponse local;
            local.status = answer.value(u"status").toInt(204);
            local.body = answer.value(u"body").toString().toUtf8();
            const QString answers = answer.value(u"answers").toString(QStringLiteral("preflights"));
            if (!respond.isObject() || local.status < 200 || local.status > 599 ||
                !headersFromJson(answer.value(u"headers"), &local.headers) ||
                (answers != u"preflights" && answers != u"all")) {
                *error = tr("rule %1: \"respond\" takes {\"status\": 200-599, \"headers\": {...}, \"body\": "
                            "\"...\", \"answers\": \"preflights\" or \"all\"}")
                             .arg(i + 1);
                return std::nullopt;
            }
            local.answers =
                answers == u"all" ? LocalResponse::Answers::AllRequests : LocalResponse::Answers::Preflights;
            // A preflight's method is OPTIONS whatever request it announces: a rule matching PUT
            // would never answer one, which is a mistake worth naming rather than a silent no-op.
            if (local.answers == LocalResponse::Answers::Preflights && !rule.method.isEmpty() &&
                rule.method != "OPTIONS") {
                *error = tr("rule %1: \"respond\" answers preflights, which are OPTIONS requests; \"match\" "
                            "method %2 never is one. Leave the method out, or give \"answers\": \"all\"")
                             .arg(i + 1)
                             .arg(QString::fromLatin1(rule.method));
                return std::nullopt;
            }
            rule.respond = local;
        }
        if (rule.set.isEmpty() && rule.add.isEmpty() && rule.remove.isEmpty() && !rule.respond) {
            *error = tr("rule %1 (%2) changes nothing: give \"set\", \"add\", \"remove\" or \"respond\"")
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
    QJsonArray array;
    for (const RewriteRule &rule : m_rules) {
        QJsonObject match;
        if (!rule.host.isEmpty())
            match.insert(QStringLiteral("host"), rule.host);
        if (!rule.path.isEmpty())
            match.insert(QStringLiteral("path"), rule.path);
        if (!rule.method.isEmpty())
            match.insert(QStringLiteral("method"), QString::fromLatin1(rule.method));
        QJsonObject object{{QStringLiteral("name"), rule.name},
                           {QStringLiteral("enabled"), rule.enabled},
                           {QStringLiteral("match"), match}};
        if (!rule.set.isEmpty())
            object.insert(QStringLiteral("set"), headersToJson(rule.set));
        if (!rule.add.isEmpty())
            object.insert(QStringLiteral("add"), headersToJson(rule.add));
        if (!rule.remove.isEmpty()) {
            QJsonArray remove;
            for (const QByteArray &name : rule.remove)
                remove.append(QString::fromLatin1(name));
            object.insert(QStringLiteral("remove"), remove);
        }
        if (rule.respond) {
            object.insert(QStringLiteral("respond"),
                          QJsonObject{{QStringLiteral("status"), rule.respond->status},
                                      {QStringLiteral("headers"), headersToJson(rule.respond->headers)},
                                      {QStringLiteral("body"), QString::fromUtf8(rule.respond->body)},
                                      {QStringLiteral("answers"),
                                       rule.respond->answers == LocalResponse::Answers::AllRequests
                                           ? QStringLiteral("all")
                                           : QStringLiteral("preflights")}});
        }
        array.append(object);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("rules"), array}}).toJson(QJsonDocument::Indented);
}

const RewriteRule *RewriteRules::localAnswerFor(const Flow &flow) const
{
    for (const RewriteRule &rule : m_rules) {
        if (rule.answersLocally(flow))
            return &rule;
    }
    return nullptr;
}

QStringList RewriteRules::apply(const Flow &flow, HeaderList &headers) const
{
    QStringList applied;
    for (const RewriteRule &rule : m_rules) {
        // A rule that only answers preflights has nothing to change in the server's responses.
        if (!rule.enabled || (rule.set.isEmpty() && rule.add.isEmpty() && rule.remove.isEmpty()) ||
            !rule.matches(flow))
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
