#include "playground/playgroundlesson.h"

#include "cors/websockethandshake.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Corscope {

namespace {

const QString pageOriginPlaceholder = QStringLiteral("$PAGE_ORIGIN");

// Replaces the placeholder in every string of the document, so a lesson can name the page origin
// in allow-lists, raw headers and request headers alike.
QJsonValue substituted(const QJsonValue &value, const QString &pageOrigin)
{
    if (value.isString())
        return QString(value.toString()).replace(pageOriginPlaceholder, pageOrigin);
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(substituted(item, pageOrigin));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = substituted(it.value(), pageOrigin);
        return object;
    }
    return value;
}

// Lesson texts are data; they are translated by their source text like any tr() string.
QString translated(const QJsonValue &value)
{
    const QByteArray text = value.toString().toUtf8();
    return text.isEmpty() ? QString() : PlaygroundLesson::tr(text.constData());
}

} // namespace

FetchRequest PlaygroundRequest::toFetchRequest(const QUrl &apiUrl, const Origin &pageOrigin) const
{
    FetchRequest fetch;
    fetch.url = apiUrl.resolved(QUrl(path));
    fetch.origin = pageOrigin;
    fetch.method = method;
    fetch.headers = headers;
    fetch.credentials = credentials;
    fetch.body = body;
    // The kind fixes mode, credentials mode and initiator as the browser's API does, and with
    // them the console text the evaluator gives.
    applyResourceType(fetch, resourceType, CrossOrigin::Absent);
    // A page opens a socket by its ws:// URL, and that is the URL every report names.
    if (resourceType == ResourceType::WebSocket)
        fetch.url = WebSocketHandshake::socketUrl(fetch.url);
    return fetch;
}

std::optional<PlaygroundLesson> PlaygroundLesson::read(const QByteArray &json, const Origin &pageOrigin,
                                                       QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return fail(
            tr("Not a JSON object: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject object = substituted(document.object(), pageOrigin.toString()).toObject();

    PlaygroundLesson lesson;
    lesson.id = object.value(QStringLiteral("id")).toString();
    lesson.title = translated(object.value(QStringLiteral("title")));
    lesson.symptom = translated(object.value(QStringLiteral("symptom")));
    lesson.lesson = translated(object.value(QStringLiteral("lesson")));
    if (lesson.id.isEmpty() || lesson.title.isEmpty())
        return fail(tr("A lesson needs an \"id\" and a \"title\""));

    QString policyError;
    const auto policy = CorsPolicy::fromJson(object.value(QStringLiteral("policy")).toObject(), &policyError);
    if (!policy)
        return fail(tr("policy: %1").arg(policyError));
    const auto fix = CorsPolicy::fromJson(object.value(QStringLiteral("fix")).toObject(), &policyError);
    if (!fix)
        return fail(tr("fix: %1").arg(policyError));
    lesson.policy = *policy;
    lesson.fix = *fix;

    const QJsonObject request = object.value(QStringLiteral("request")).toObject();
    if (request.contains(QStringLiteral("resourceType"))) {
        const QString word = request.value(QStringLiteral("resourceType")).toString();
        const auto type = resourceTypeFromString(word);
        if (!type) {
            QStringList words;
            for (ResourceType known : allResourceTypes())
                words.append(toString(known));
            return fail(tr("request: \"resourceType\" \"%1\" is not one of %2")
                            .arg(word, words.join(QStringLiteral(", "))));
        }
        lesson.request.resourceType = *type;
    }
    if (request.contains(QStringLiteral("method")))
        lesson.request.method = request.value(QStringLiteral("method")).toString().toLatin1();
    if (request.contains(QStringLiteral("path")))
        lesson.request.path = request.value(QStringLiteral("path")).toString();
    if (!lesson.request.path.startsWith(QLatin1Char('/')) || lesson.request.method.isEmpty())
        return fail(tr("request: \"method\" must be a name and \"path\" must start with \"/\""));
    for (const QJsonValue &pair : request.value(QStringLiteral("headers")).toArray()) {
        const QJsonArray items = pair.toArray();
        if (items.size() != 2 || items.at(0).toString().isEmpty())
            return fail(tr("request: \"headers\" must be [name, value] pairs"));
        lesson.request.headers.append(items.at(0).toString().toLatin1(), items.at(1).toString().toLatin1());
    }
    if (request.contains(QStringLiteral("credentials"))) {
        const auto credentials =
            credentialsModeFromString(request.value(QStringLiteral("credentials")).toString());
        if (!credentials)
            return fail(tr("request: \"credentials\" must be omit, same-origin or include"));
        lesson.request.credentials = *credentials;
    }
    if (request.value(QStringLiteral("body")).isString())
        lesson.request.body = request.value(QStringLiteral("body")).toString().toUtf8();
    lesson.sharedCacheFilledBy = object.value(QStringLiteral("sharedCacheFilledBy")).toString().toLatin1();
    return lesson;
}

} // namespace Corscope
