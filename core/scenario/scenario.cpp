#include "scenario/scenario.h"

#include "cors/clock.h"
#include "cors/preflightcache.h"
#include "cors/websockethandshake.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Corscope {

namespace {

QUrl withoutFragment(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment);
}

class FieldReader {
    Q_DECLARE_TR_FUNCTIONS(Corscope::ScenarioReader)

public:
    explicit FieldReader(ScenarioError *error)
        : m_error(error)
    {
    }

    bool failed() const { return m_failed; }

    void fail(const QString &path, const QString &message)
    {
        if (m_failed)
            return;
        m_failed = true;
        if (m_error) {
            m_error->path = path;
            m_error->message = message;
        }
    }

    QString string(const QJsonObject &object, const QString &key, const QString &path, bool required,
                   const QString &fallback = {})
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            if (required)
                fail(path + key, tr("'%1' is required").arg(key));
            return fallback;
        }
        if (!value.isString()) {
            fail(path + key, tr("'%1' must be a string").arg(key));
            return fallback;
        }
        return value.toString();
    }

    HeaderList headers(const QJsonObject &object, const QString &path)
    {
        HeaderList list;
        const QJsonValue value = object.value(QStringLiteral("headers"));
        if (value.isUndefined())
            return list;
        if (!value.isArray()) {
            fail(path + QStringLiteral("headers"), tr("'headers' must be a list of [name, value] pairs"));
            return list;
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonArray pair = array.at(i).toArray();
            const QString where = QStringLiteral("%1headers[%2]").arg(path).arg(i);
            if (!array.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() ||
                !pair.at(1).isString()) {
                fail(where, tr("each header must be a [name, value] pair of strings"));
                return list;
            }
            const QByteArray name = pair.at(0).toString().toUtf8();
            if (name.isEmpty() || name.contains(':') || name.contains('\n') || name.contains(' ')) {
                fail(where, tr("'%1' is not a valid header name").arg(pair.at(0).toString()));
                return list;
            }
            const QByteArray headerValue = pair.at(1).toString().toUtf8();
            if (headerValue.contains('\n') || headerValue.contains('\r') || headerValue.contains('\0')) {
                fail(where, tr("a header value cannot contain CR, LF or NUL"));
                return list;
            }
            list.append(name, headerValue);
        }
        return list;
    }

    QUrl url(const QJsonObject &object, const QString &key, const QString &path)
    {
        const QString text = string(object, key, path, true);
        if (m_failed)
            return {};
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
            fail(path + key, tr("'%1' is not an absolute URL").arg(text));
            return {};
        }
        return url;
    }

private:
    ScenarioError *m_error;
    bool m_failed = false;
};

// Reads a request object; with a base, every field is optional and overrides the base.
void readRequest(FieldReader &reader, const QJsonObject &request, const QString &at, const FetchRequest *base,
                 FetchRequest *fetch)
{
    const bool required = base == nullptr;
    if (base)
        *fetch = *base;
    if (required || request.contains(QStringLiteral("url")))
        fetch->url = reader.url(request, QStringLiteral("url"), at);
    if (required || request.contains(QStringLiteral("origin"))) {
        const QString originText = reader.string(request, QStringLiteral("origin"), at, true);
        if (!reader.failed()) {
            QString originError;
            fetch->origin = Origin::parse(originText, &originError);
            if (!originError.isEmpty())
                reader.fail(at + QStringLiteral("origin"), originError);
        }
    }
    if (request.contains(QStringLiteral("method")))
        fetch->method = reader.string(request, QStringLiteral("method"), at, false).toUtf8();
    if (request.contains(QStringLiteral("headers")))
        fetch->headers = reader.headers(request, at);
    if (request.contains(QStringLiteral("body"))) {
        if (request.value(QStringLiteral("body")).isNull())
            fetch->body.reset();
        else
            fetch->body = reader.string(request, QStringLiteral("body"), at, false).toUtf8();
    }
    if (request.contains(QStringLiteral("mode"))) {
        if (auto m = requestModeFromString(reader.string(request, QStringLiteral("mode"), at, false)))
            fetch->mode = *m;
        else
            reader.fail(at + QStringLiteral("mode"),
                        FieldReader::tr("mode must be cors, no-cors or same-origin"));
    }
    if (request.contains(QStringLiteral("credentials"))) {
        if (auto c =
                credentialsModeFromString(reader.string(request, QStringLiteral("credentials"), at, false)))
            fetch->credentials = *c;
        else
            reader.fail(at + QStringLiteral("credentials"),
                        FieldReader::tr("credentials must be omit, same-origin or include"));
    }
    if (request.contains(QStringLiteral("redirect"))) {
        if (auto r = redirectModeFromString(reader.string(request, QStringLiteral("redirect"), at, false)))
            fetch->redirect = *r;
        else
            reader.fail(at + QStringLiteral("redirect"),
                        FieldReader::tr("redirect must be follow, error or manual"));
    }
    if (request.contains(QStringLiteral("context"))) {
        const QString context = reader.string(request, QStringLiteral("context"), at, false);
        if (context == QLatin1String("worker") || context == QLatin1String("page"))
            fetch->inWorker = context == QLatin1String("worker");
        else
            reader.fail(at + QStringLiteral("context"), FieldReader::tr("context must be page or worker"));
    }
    if (request.contains(QStringLiteral("workerType"))) {
        const QString workerType = reader.string(request, QStringLiteral("workerType"), at, false);
        if (workerType == QLatin1String("module") || workerType == QLatin1String("classic"))
            fetch->moduleWorker = workerType == QLatin1String("module");
        else
            reader.fail(at + QStringLiteral("workerType"), FieldReader::tr("workerType must be classic or module"));
    }
    if (request.contains(QStringLiteral("reconnect"))) {
        const QJsonValue reconnect = request.value(QStringLiteral("reconnect"));
        if (reconnect.isBool())
            fetch->eventSourceReconnects = reconnect.toBool();
        else
            reader.fail(at + QStringLiteral("reconnect"), FieldReader::tr("reconnect must be true or false"));
    }
    // The kind that makes the request (DevTools' _resourceType) and an element's crossorigin
    // attribute: together they decide mode and credentials, so a scenario that also sets those
    // contradicts itself.
    const bool hasType = request.contains(QStringLiteral("resourceType"));
    const bool hasCrossOrigin = request.contains(QStringLiteral("crossorigin"));
    if (reader.failed() || (!hasType && !hasCrossOrigin && fetch->resourceType == ResourceType::Fetch))
        return;
    ResourceType type = fetch->resourceType;
    if (hasType) {
        const std::optional<ResourceType> value =
            resourceTypeFromString(reader.string(request, QStringLiteral("resourceType"), at, false));
        if (!value) {
            reader.fail(at + QStringLiteral("resourceType"),
                        FieldReader::tr("resourceType must be fetch, xhr, script, module, stylesheet, image, "
                                        "font, eventsource, worker or websocket"));
            return;
        }
        type = *value;
    }
    CrossOrigin attribute = fetch->crossOrigin;
    if (hasCrossOrigin) {
        const std::optional<CrossOrigin> value =
            crossOriginFromString(reader.string(request, QStringLiteral("crossorigin"), at, false));
        if (!value || !isElementKind(type) || type == ResourceType::Font || type == ResourceType::Worker) {
            reader.fail(at + QStringLiteral("crossorigin"),
                        FieldReader::tr("crossorigin must be anonymous or use-credentials, on a script, "
                                        "module, stylesheet or image"));
            return;
        }
        attribute = *value;
    }
    if (type != ResourceType::Fetch && request.contains(QStringLiteral("mode"))) {
        reader.fail(at + QStringLiteral("mode"), FieldReader::tr("the resourceType decides the mode"));
        return;
    }
    if (type == ResourceType::WebSocket) {
        if (request.contains(QStringLiteral("credentials"))) {
            reader.fail(at + QStringLiteral("credentials"),
                        FieldReader::tr("a WebSocket handshake always sends credentials"));
            return;
        }
        if (fetch->method != "GET" || !fetch->headers.isEmpty() || fetch->body) {
            reader.fail(at + QStringLiteral("resourceType"),
                        FieldReader::tr("a WebSocket handshake is a GET without a body or headers"));
            return;
        }
    }
    if (isElementKind(type)) {
        if (request.contains(QStringLiteral("credentials"))) {
            reader.fail(at + QStringLiteral("credentials"),
                        FieldReader::tr("the crossorigin attribute decides an element's credentials"));
            return;
        }
        if (fetch->method != "GET" || !fetch->headers.isEmpty() || fetch->body) {
            reader.fail(at + QStringLiteral("resourceType"),
                        FieldReader::tr("an element's request is a GET without a body or headers"));
            return;
        }
    }
    applyResourceType(*fetch, type, attribute);
}

void lineAndColumn(const QByteArray &json, qsizetype offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++*line;
            *column = 1;
        } else {
            ++*column;
        }
    }
}

QJsonArray headersToJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const Header &header : headers)
        array.append(QJsonArray{QString::fromUtf8(header.name), QString::fromUtf8(header.value)});
    return array;
}

} // namespace

QString ScenarioError::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(line).arg(column).arg(message);
    if (!path.isEmpty())
        return QStringLiteral("%1: %2").arg(path, message);
    return message;
}

HttpResponse Scenario::respond(const OutgoingRequest &outgoing) const
{
    const QUrl requested = withoutFragment(outgoing.url);
    const QByteArray origin = outgoing.headers.get("origin").value_or(QByteArray());
    for (const ScenarioResponse &candidate : responses) {
        if ((candidate.method == "*" || candidate.method == outgoing.method) &&
            withoutFragment(candidate.url) == requested &&
            (candidate.origins.isEmpty() || candidate.origins.contains(origin)) &&
            (!candidate.lastEventId ||
             *candidate.lastEventId == outgoing.headers.get("last-event-id").value_or(QByteArray()))) {
            HttpResponse response = candidate.response;
            const QByteArray accept = WebSocketHandshake::acceptFor(
                outgoing.headers.get("sec-websocket-key").value_or(QByteArray()).trimmed());
            HeaderList substituted;
            for (const Header &header : response.headers)
                substituted.append(header.name, QByteArray(header.value)
                                                    .replace("{origin}", origin)
                                                    .replace("{websocket-accept}", accept));
            response.headers = substituted;
            return response;
        }
    }
    HttpResponse notFound;
    notFound.status = 404;
    notFound.statusText = QByteArrayLiteral("Not Found");
    return notFound;
}

std::optional<Scenario> ScenarioReader::read(const QByteArray &json, ScenarioError *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) {
            error->message = parseError.errorString();
            lineAndColumn(json, parseError.offset, &error->line, &error->column);
        }
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error)
            error->message = tr("a scenario is a JSON object");
        return std::nullopt;
    }
    return fromJson(document.object(), error);
}

std::optional<Scenario> ScenarioReader::fromJson(const QJsonObject &object, ScenarioError *error)
{
    FieldReader reader(error);
    Scenario scenario;
    scenario.name = reader.string(object, QStringLiteral("name"), {}, false, QStringLiteral("scenario"));
    scenario.title = reader.string(object, QStringLiteral("title"), {}, false);

    const QJsonValue requestValue = object.value(QStringLiteral("request"));
    if (!requestValue.isObject()) {
        reader.fail(QStringLiteral("request"), tr("'request' is required and must be an object"));
        return std::nullopt;
    }
    readRequest(reader, requestValue.toObject(), QStringLiteral("request."), nullptr, &scenario.request);

    const QJsonArray responses = object.value(QStringLiteral("responses")).toArray();
    for (qsizetype i = 0; i < responses.size() && !reader.failed(); ++i) {
        const QString where = QStringLiteral("responses[%1].").arg(i);
        if (!responses.at(i).isObject()) {
            reader.fail(where, tr("each response must be an object"));
            break;
        }
        const QJsonObject item = responses.at(i).toObject();
        ScenarioResponse response;
        response.method =
            reader.string(item, QStringLiteral("method"), where, false, QStringLiteral("*")).toUtf8();
        response.url = reader.url(item, QStringLiteral("url"), where);
        const QJsonValue status = item.value(QStringLiteral("status"));
        response.response.status = status.isUndefined() ? 200 : status.toInt(-1);
        if (response.response.status < 100 || response.response.status > 999)
            reader.fail(where + QStringLiteral("status"), tr("status must be a number from 100 to 999"));
        response.response.headers = reader.headers(item, where);
        response.response.body = reader.string(item, QStringLiteral("body"), where, false).toUtf8();
        if (item.contains(QStringLiteral("origins"))) {
            const QJsonValue origins = item.value(QStringLiteral("origins"));
            for (const QJsonValue &value : origins.toArray()) {
                if (value.isString())
                    response.origins.append(value.toString().toUtf8());
            }
            if (!origins.isArray() || response.origins.isEmpty() ||
                response.origins.size() != origins.toArray().size())
                reader.fail(where + QStringLiteral("origins"), tr("'origins' lists one or more origins as strings"));
        }
        if (item.contains(QStringLiteral("lastEventId")))
            response.lastEventId = reader.string(item, QStringLiteral("lastEventId"), where, false).toUtf8();
        // A binary body (an image, a font) that a JSON string cannot carry byte for byte.
        if (item.contains(QStringLiteral("bodyBase64"))) {
            const auto decoded = QByteArray::fromBase64Encoding(
                reader.string(item, QStringLiteral("bodyBase64"), where, false).toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                reader.fail(where + QStringLiteral("bodyBase64"), tr("bodyBase64 is not valid base64"));
            else
                response.response.body = *decoded;
        }
        scenario.responses.append(response);
    }
    const QJsonValue fetchesValue = object.value(QStringLiteral("fetches"));
    if (fetchesValue.isUndefined()) {
        scenario.fetches.append({0, scenario.request});
    } else {
        const QJsonArray fetches = fetchesValue.toArray();
        if (!fetchesValue.isArray() || fetches.isEmpty() || fetches.size() > 100)
            reader.fail(QStringLiteral("fetches"), tr("'fetches' lists 1 to 100 fetches"));
        for (qsizetype i = 0; i < fetches.size() && !reader.failed(); ++i) {
            const QString where = QStringLiteral("fetches[%1]").arg(i);
            const QJsonValue item = fetches.at(i);
            ScenarioFetch fetch{0, scenario.request};
            QJsonValue delay = item;
            if (item.isObject()) {
                delay = item.toObject().value(QStringLiteral("delayMs"));
                if (delay.isUndefined())
                    delay = 0;
                readRequest(reader, item.toObject(), where + QLatin1Char('.'), &scenario.request,
                            &fetch.request);
            }
            if (!delay.isDouble() || delay.toDouble() < 0 || delay.toDouble() > 600000) {
                reader.fail(where, tr("a fetch delay is a number of milliseconds, 0 to 600000"));
                break;
            }
            fetch.delayMs = delay.toInt();
            scenario.fetches.append(fetch);
        }
    }
    if (reader.failed())
        return std::nullopt;
    return scenario;
}

QJsonObject ScenarioReader::toJson(const Scenario &scenario)
{
    const FetchRequest &fetch = scenario.request;
    QJsonObject request{{QStringLiteral("url"), fetch.url.toString()},
                        {QStringLiteral("origin"), fetch.origin.toString()},
                        {QStringLiteral("method"), QString::fromUtf8(fetch.method)},
                        {QStringLiteral("headers"), headersToJson(fetch.headers)},
                        {QStringLiteral("mode"), toString(fetch.mode)},
                        {QStringLiteral("credentials"), toString(fetch.credentials)},
                        {QStringLiteral("redirect"), toString(fetch.redirect)}};
    if (fetch.body)
        request.insert(QStringLiteral("body"), QString::fromUtf8(*fetch.body));
    if (fetch.resourceType != ResourceType::Fetch) {
        // The kind decides these; writing them too would make the file contradict itself.
        request.remove(QStringLiteral("mode"));
        if (isElementKind(fetch.resourceType) || fetch.resourceType == ResourceType::WebSocket)
            request.remove(QStringLiteral("credentials"));
        request.insert(QStringLiteral("resourceType"), toString(fetch.resourceType));
    }
    if (fetch.crossOrigin != CrossOrigin::Absent)
        request.insert(QStringLiteral("crossorigin"), toString(fetch.crossOrigin));
    if (fetch.inWorker)
        request.insert(QStringLiteral("context"), QStringLiteral("worker"));
    if (fetch.moduleWorker)
        request.insert(QStringLiteral("workerType"), QStringLiteral("module"));
    if (fetch.eventSourceReconnects)
        request.insert(QStringLiteral("reconnect"), true);
    QJsonArray responses;
    for (const ScenarioResponse &response : scenario.responses) {
        QJsonObject item{{QStringLiteral("method"), QString::fromUtf8(response.method)},
                         {QStringLiteral("url"), response.url.toString()},
                         {QStringLiteral("status"), response.response.status},
                         {QStringLiteral("headers"), headersToJson(response.response.headers)}};
        if (!response.origins.isEmpty()) {
            QJsonArray origins;
            for (const QByteArray &origin : response.origins)
                origins.append(QString::fromUtf8(origin));
            item.insert(QStringLiteral("origins"), origins);
        }
        if (response.lastEventId)
            item.insert(QStringLiteral("lastEventId"), QString::fromUtf8(*response.lastEventId));
        if (!response.response.body.isEmpty()) {
            const QString body = QString::fromUtf8(response.response.body);
            if (body.toUtf8() == response.response.body)
                item.insert(QStringLiteral("body"), body);
            else
                item.insert(QStringLiteral("bodyBase64"),
                            QString::fromLatin1(response.response.body.toBase64()));
        }
        responses.append(item);
    }
    QJsonArray fetches;
    for (const ScenarioFetch &repeat : scenario.fetches) {
        // Overrides are written out in full so the file replays exactly.
        QJsonObject item{{QStringLiteral("delayMs"), repeat.delayMs},
                         {QStringLiteral("url"), repeat.request.url.toString()},
                         {QStringLiteral("origin"), repeat.request.origin.toString()},
                         {QStringLiteral("method"), QString::fromUtf8(repeat.request.method)},
                         {QStringLiteral("headers"), headersToJson(repeat.request.headers)},
                         {QStringLiteral("mode"), toString(repeat.request.mode)},
                         {QStringLiteral("credentials"), toString(repeat.request.credentials)},
                         {QStringLiteral("redirect"), toString(repeat.request.redirect)}};
        item.insert(QStringLiteral("body"), repeat.request.body
                                                ? QJsonValue(QString::fromUtf8(*repeat.request.body))
                                                : QJsonValue::Null);
        if (repeat.request.resourceType != ResourceType::Fetch) {
            item.remove(QStringLiteral("mode"));
            if (isElementKind(repeat.request.resourceType)) {
                item.remove(QStringLiteral("credentials"));
                item.remove(QStringLiteral("headers"));
                item.remove(QStringLiteral("body"));
            }
            item.insert(QStringLiteral("resourceType"), toString(repeat.request.resourceType));
            if (repeat.request.crossOrigin != CrossOrigin::Absent)
                item.insert(QStringLiteral("crossorigin"), toString(repeat.request.crossOrigin));
        }
        // Only where a worker is involved, so that files without one read as before.
        if (repeat.request.inWorker || scenario.request.inWorker)
            item.insert(QStringLiteral("context"),
                        repeat.request.inWorker ? QStringLiteral("worker") : QStringLiteral("page"));
        fetches.append(item);
    }
    return {{QStringLiteral("name"), scenario.name},
            {QStringLiteral("title"), scenario.title},
            {QStringLiteral("request"), request},
            {QStringLiteral("responses"), responses},
            {QStringLiteral("fetches"), fetches}};
}

QList<Evaluation> ScenarioRunner::run(const Scenario &scenario, const BrowserProfile &profile,
                                      EvaluationDetail detail)
{
    ManualClock clock(1'000'000);
    PreflightCache cache(profile, clock);
    QList<Evaluation> evaluations;
    for (const ScenarioFetch &fetch : scenario.fetches) {
        clock.advance(fetch.delayMs);
        evaluations.append(runFetch(
            fetch.request, profile, cache,
            [&scenario](const OutgoingRequest &request) -> std::optional<HttpResponse> {
                return scenario.respond(request);
            },
            detail));
    }
    return evaluations;
}

} // namespace Corscope
