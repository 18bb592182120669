#include "report/evaluationjson.h"

#include "cors/websockethandshake.h"
#include "fix/snippetrenderer.h"
#include "report/jsontextwriter.h"

#include <QJsonDocument>
#include <algorithm>

namespace Corscope {

namespace {

using L = QLatin1StringView;

void headerPairs(JsonTextWriter &w, const HeaderList &headers)
{
    w.beginArray();
    for (const Header &header : headers) {
        w.beginArray();
        w.valueUtf8(header.name);
        w.valueUtf8(header.value);
        w.endArray();
    }
    w.endArray();
}

QLatin1StringView targetName(FixSuggestion::Target target)
{
    switch (target) {
    case FixSuggestion::Target::PreflightResponse:
        return L("preflight-response");
    case FixSuggestion::Target::ActualResponse:
        return L("response");
    case FixSuggestion::Target::Request:
        return L("request");
    }
    return {};
}

void suggestion(JsonTextWriter &w, const FixSuggestion &fix)
{
    w.beginObject();
    w.key(L("target"));
    w.value(targetName(fix.target));
    w.key(L("summary"));
    w.value(QStringView(fix.summary));
    if (!fix.header.isEmpty()) {
        w.key(L("header"));
        w.valueUtf8(fix.header);
        w.key(L("value"));
        w.valueUtf8(fix.value);
    }
    if (fix.status) {
        w.key(L("status"));
        w.value(fix.status);
    }
    w.endObject();
}

QLatin1StringView cacheKind(CacheEffect::Kind kind)
{
    switch (kind) {
    case CacheEffect::Kind::NotApplicable:
        return L("not-applicable");
    case CacheEffect::Kind::Hit:
        return L("hit");
    case CacheEffect::Kind::Miss:
        return L("miss");
    case CacheEffect::Kind::Stored:
        return L("stored");
    case CacheEffect::Kind::NotStored:
        return L("not-stored");
    }
    return {};
}

template<typename Items> void byteList(JsonTextWriter &w, const Items &items)
{
    w.beginArray();
    for (QByteArrayView item : items)
        w.valueUtf8(item);
    w.endArray();
}

void url(JsonTextWriter &w, const QUrl &url)
{
    w.value(QStringView(url.toString()));
}

QJsonObject parsed(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

} // namespace

void EvaluationJson::writeMembers(JsonTextWriter &w, const Evaluation &e)
{
    w.key(L("verdict"));
    w.value(QStringView(toString(e.verdict)));
    w.key(L("browser"));
    w.value(QStringView(e.browser));
    // The kind, in DevTools' `_resourceType` words; the crossorigin attribute only when set.
    w.key(L("resourceType"));
    w.value(QStringView(toString(e.resourceType)));
    if (e.crossOrigin != CrossOrigin::Absent) {
        w.key(L("crossorigin"));
        w.value(QStringView(toString(e.crossOrigin)));
    }
    w.key(L("contentReadable"));
    w.value(e.contentReadable);

    w.key(L("preflight"));
    if (e.preflightRequired || e.preflightSent || e.preflightFromCache) {
        w.beginObject();
        w.key(L("sent"));
        w.value(e.preflightSent);
        w.key(L("fromCache"));
        w.value(e.preflightFromCache);
        w.key(L("request"));
        if (e.preflightRequest) {
            w.beginObject();
            w.key(L("method"));
            w.valueUtf8(e.preflightRequest->method);
            w.key(L("url"));
            url(w, e.preflightRequest->url);
            w.key(L("headers"));
            headerPairs(w, e.preflightRequest->headers);
            w.endObject();
        } else {
            w.nullValue();
        }
        w.key(L("status"));
        if (e.preflightStatus)
            w.value(*e.preflightStatus);
        else
            w.nullValue();
        w.endObject();
    } else {
        w.nullValue();
    }
    w.key(L("actualRequestSent"));
    w.value(e.actualRequestSent);
    w.key(L("readableHeaders"));
    byteList(w, e.readableHeaders);
    w.key(L("error"));
    if (e.allowed()) {
        w.nullValue();
    } else {
        w.beginObject();
        w.key(L("code"));
        w.value(QStringView(e.errorCode()));
        w.key(L("message"));
        w.value(QStringView(e.consoleMessage));
        w.key(L("messageVerified"));
        w.value(e.consoleMessageVerified);
        w.key(L("rejection"));
        w.value(QStringView(e.rejection));
        w.endObject();
    }
    w.key(L("responseType"));
    w.value(QStringView(e.responseType));
    w.key(L("status"));
    w.value(e.status);
    w.key(L("finalUrl"));
    url(w, e.finalUrl);

    w.key(L("steps"));
    w.beginArray();
    for (const ExplanationStep &step : e.steps) {
        const StepText text = step.text();
        w.beginObject();
        w.key(L("check"));
        w.value(QStringView(step.check));
        w.key(L("outcome"));
        w.value(QStringView(toString(step.outcome)));
        w.key(L("title"));
        w.value(QStringView(text.title));
        w.key(L("detail"));
        w.value(QStringView(text.detail));
        w.key(L("spec"));
        w.value(QStringView(step.spec));
        if (!text.observed.isEmpty()) {
            w.key(L("observed"));
            w.beginArray();
            for (const ObservedValue &value : text.observed) {
                w.beginArray();
                w.value(QStringView(value.name));
                w.value(QStringView(value.value));
                w.endArray();
            }
            w.endArray();
        }
        if (text.fix) {
            w.key(L("fix"));
            suggestion(w, *text.fix);
        }
        if (!text.browserNote.isEmpty()) {
            w.key(L("browserNote"));
            w.value(QStringView(text.browserNote));
        }
        w.endObject();
    }
    w.endArray();

    w.key(L("cache"));
    w.beginObject();
    w.key(L("effect"));
    w.value(cacheKind(e.cache.kind));
    w.key(L("maxAgeSeconds"));
    w.value(e.cache.maxAgeSeconds);
    w.key(L("remainingMs"));
    w.value(e.cache.remainingMs);
    w.key(L("methods"));
    byteList(w, e.cache.methods);
    w.key(L("headers"));
    byteList(w, e.cache.headers);
    w.key(L("credentials"));
    w.value(e.cache.credentials);
    w.endObject();

    w.key(L("exchanges"));
    w.beginArray();
    for (const Exchange &exchange : e.exchanges) {
        w.beginObject();
        w.key(L("kind"));
        w.value(exchange.request.kind == OutgoingRequest::Kind::Preflight ? L("preflight") : L("actual"));
        w.key(L("method"));
        w.valueUtf8(exchange.request.method);
        w.key(L("url"));
        url(w, e.shownUrl(exchange.request));
        w.key(L("requestHeaders"));
        headerPairs(w, exchange.request.headers);
        w.key(L("credentials"));
        w.value(exchange.request.withCredentials);
        if (exchange.response) {
            w.key(L("status"));
            w.value(exchange.response->status);
            w.key(L("responseHeaders"));
            headerPairs(w, exchange.response->headers);
        }
        if (!exchange.networkError.isEmpty()) {
            w.key(L("networkError"));
            w.value(QStringView(exchange.networkError));
        }
        w.endObject();
    }
    w.endArray();
    w.key(L("timing"));
    w.beginObject();
    w.endObject();
}

void EvaluationJson::write(JsonTextWriter &w, const Evaluation &e)
{
    w.beginObject();
    writeMembers(w, e);
    w.endObject();
}

namespace {

void byteList(JsonTextWriter &w, QLatin1StringView name, const QByteArrayList &items)
{
    w.key(name);
    w.beginArray();
    for (const QByteArray &item : items)
        w.valueUtf8(item);
    w.endArray();
}

void changes(JsonTextWriter &w, const FixPlan &plan)
{
    w.key(L("changes"));
    w.beginArray();
    for (const ResponseChange &change : plan.changes) {
        w.beginObject();
        w.key(L("method"));
        w.valueUtf8(change.method);
        w.key(L("url"));
        url(w, plan.webSocket ? WebSocketHandshake::socketUrl(change.url) : change.url);
        if (!change.header.isEmpty()) {
            w.key(L("header"));
            w.valueUtf8(change.header);
            w.key(L("from"));
            if (change.oldValue)
                w.valueUtf8(*change.oldValue);
            else
                w.nullValue();
            w.key(L("to"));
            w.valueUtf8(change.newValue);
        }
        if (change.newStatus) {
            w.key(L("fromStatus"));
            w.value(change.oldStatus);
            w.key(L("toStatus"));
            w.value(change.newStatus);
        }
        w.endObject();
    }
    w.endArray();
}

} // namespace

void EvaluationJson::writePolicy(JsonTextWriter &w, const FixPolicy &p)
{
    // Members in sorted order, as every object this writer makes.
    w.beginObject();
    w.key(L("allowCredentials"));
    w.value(p.credentials);
    byteList(w, L("allowHeaders"), p.headers);
    byteList(w, L("allowMethods"), p.methods);
    byteList(w, L("allowOrigins"), p.origins);
    w.key(L("anyOrigin"));
    w.value(p.anyOrigin);
    byteList(w, L("duplicatedHeaders"), p.duplicatedHeaders);
    byteList(w, L("exposeHeaders"), p.exposeHeaders);
    w.key(L("maxAgeSeconds"));
    if (p.maxAgeSeconds >= 0)
        w.value(p.maxAgeSeconds);
    else
        w.nullValue();
    w.key(L("path"));
    w.valueUtf8(p.path);
    w.key(L("preflight"));
    w.value(p.preflight);
    byteList(w, L("upstreamHeaders"), p.upstreamHeaders);
    w.key(L("varyOrigin"));
    w.value(p.varyOrigin());
    w.endObject();
}

void EvaluationJson::writeFix(JsonTextWriter &w, const FixPlan &plan, const QStringList &servers)
{
    w.beginObject();
    if (!plan.blocker.isEmpty()) {
        w.key(L("blocker"));
        w.value(QStringView(plan.blocker));
    }
    changes(w, plan);
    w.key(L("fixable"));
    w.value(plan.fixable);
    w.key(L("plan"));
    w.beginObject();
    w.key(L("alreadyAllowed"));
    w.value(plan.alreadyAllowed);
    if (!plan.blocker.isEmpty()) {
        w.key(L("blocker"));
        w.value(QStringView(plan.blocker));
    }
    changes(w, plan);
    w.key(L("fixable"));
    w.value(plan.fixable);
    w.key(L("webSocket"));
    w.value(plan.webSocket);
    w.key(L("notes"));
    w.beginArray();
    for (const QString &note : plan.notes)
        w.value(QStringView(note));
    w.endArray();
    w.key(L("policy"));
    writePolicy(w, plan.policy);
    w.endObject();

    // A request no server change can fix has no snippet to offer, and a WebSocket's fix is its
    // handshake or its Origin check, which no CORS configuration touches.
    QList<ServerSnippet> rendered;
    if (plan.fixable && !plan.webSocket) {
        QList<const SnippetRenderer *> renderers;
        if (servers.isEmpty())
            renderers = SnippetRenderer::all();
        for (const QString &id : servers) {
            if (const SnippetRenderer *renderer = SnippetRenderer::byId(id))
                renderers.append(renderer);
        }
        for (const SnippetRenderer *renderer : renderers)
            rendered.append(renderer->render(plan.policy));
        std::sort(rendered.begin(), rendered.end(),
                  [](const ServerSnippet &a, const ServerSnippet &b) { return a.server < b.server; });
    }
    w.key(L("snippetNotes"));
    w.beginObject();
    for (const ServerSnippet &snippet : rendered) {
        const QByteArray server = snippet.server.toLatin1();
        w.key(QLatin1StringView(server));
        w.beginArray();
        for (const QString &note : snippet.notes)
            w.value(QStringView(note));
        w.endArray();
    }
    w.endObject();
    w.key(L("snippets"));
    w.beginObject();
    for (const ServerSnippet &snippet : rendered) {
        const QByteArray server = snippet.server.toLatin1();
        w.key(QLatin1StringView(server));
        QList<SnippetPart> parts = snippet.parts;
        std::sort(parts.begin(), parts.end(),
                  [](const SnippetPart &a, const SnippetPart &b) { return a.context < b.context; });
        w.beginObject();
        for (const SnippetPart &part : parts) {
            const QByteArray context = part.context.toLatin1();
            w.key(QLatin1StringView(context));
            w.value(QStringView(part.code));
        }
        w.endObject();
    }
    w.endObject();
    w.endObject();
}

QJsonObject EvaluationJson::toJson(const Evaluation &evaluation)
{
    QByteArray bytes;
    JsonTextWriter writer(bytes);
    write(writer, evaluation);
    return parsed(bytes);
}

QJsonObject EvaluationJson::fixToJson(const FixPlan &plan, const QStringList &servers)
{
    QByteArray bytes;
    JsonTextWriter writer(bytes);
    writeFix(writer, plan, servers);
    return parsed(bytes);
}

} // namespace Corscope
