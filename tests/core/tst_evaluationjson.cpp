#include "cors/websockethandshake.h"
#include "fix/fixadvisor.h"
#include "fix/snippetrenderer.h"
#include "report/evaluationjson.h"
#include "report/jsontextwriter.h"
#include "scenario/scenario.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// EvaluationJson writes its layout through JsonTextWriter. This test keeps the QJsonObject
// builder it replaced (verbatim, below) as the reference: for every fetch of every browser
// scenario, under both profiles, the new bytes must equal the old compact output exactly.
namespace Corscope::Reference {

namespace {

QJsonArray headerPairs(const HeaderList &headers)
{
    QJsonArray array;
    for (const Header &header : headers)
        array.append(QJsonArray{QString::fromUtf8(header.name), QString::fromUtf8(header.value)});
    return array;
}

QString targetName(FixSuggestion::Target target)
{
    switch (target) {
    case FixSuggestion::Target::PreflightResponse:
        return QStringLiteral("preflight-response");
    case FixSuggestion::Target::ActualResponse:
        return QStringLiteral("response");
    case FixSuggestion::Target::Request:
        return QStringLiteral("request");
    }
    return {};
}

QJsonObject suggestionToJson(const FixSuggestion &fix)
{
    QJsonObject object{{QStringLiteral("target"), targetName(fix.target)},
                       {QStringLiteral("summary"), fix.summary}};
    if (!fix.header.isEmpty()) {
        object.insert(QStringLiteral("header"), QString::fromUtf8(fix.header));
        object.insert(QStringLiteral("value"), QString::fromUtf8(fix.value));
    }
    if (fix.status)
        object.insert(QStringLiteral("status"), fix.status);
    return object;
}

QString cacheKind(CacheEffect::Kind kind)
{
    switch (kind) {
    case CacheEffect::Kind::NotApplicable:
        return QStringLiteral("not-applicable");
    case CacheEffect::Kind::Hit:
        return QStringLiteral("hit");
    case CacheEffect::Kind::Miss:
        return QStringLiteral("miss");
    case CacheEffect::Kind::Stored:
        return QStringLiteral("stored");
    case CacheEffect::Kind::NotStored:
        return QStringLiteral("not-stored");
    }
    return {};
}

template<typename Items> QJsonArray byteList(const Items &items)
{
    QJsonArray array;
    for (QByteArrayView item : items)
        array.append(QString::fromUtf8(item));
    return array;
}

} // namespace

QJsonObject referenceToJson(const Evaluation &e)
{
    QJsonObject object;
    object.insert(QStringLiteral("verdict"), toString(e.verdict));
    object.insert(QStringLiteral("browser"), e.browser);
    // Added with request kinds (issue 21).
    object.insert(QStringLiteral("resourceType"), toString(e.resourceType));
    if (e.crossOrigin != CrossOrigin::Absent)
        object.insert(QStringLiteral("crossorigin"), toString(e.crossOrigin));
    object.insert(QStringLiteral("contentReadable"), e.contentReadable);

    if (e.preflightRequired || e.preflightSent || e.preflightFromCache) {
        QJsonObject preflight{{QStringLiteral("sent"), e.preflightSent},
                              {QStringLiteral("fromCache"), e.preflightFromCache}};
        if (e.preflightRequest) {
            preflight.insert(
                QStringLiteral("request"),
                QJsonObject{{QStringLiteral("method"), QString::fromUtf8(e.preflightRequest->method)},
                            {QStringLiteral("url"), e.preflightRequest->url.toString()},
                            {QStringLiteral("headers"), headerPairs(e.preflightRequest->headers)}});
        } else {
            preflight.insert(QStringLiteral("request"), QJsonValue::Null);
        }
        preflight.insert(QStringLiteral("status"),
                         e.preflightStatus ? QJsonValue(*e.preflightStatus) : QJsonValue::Null);
        object.insert(QStringLiteral("preflight"), preflight);
    } else {
        object.insert(QStringLiteral("preflight"), QJsonValue::Null);
    }
    object.insert(QStringLiteral("actualRequestSent"), e.actualRequestSent);
    object.insert(QStringLiteral("readableHeaders"), byteList(e.readableHeaders));
    if (e.allowed()) {
        object.insert(QStringLiteral("error"), QJsonValue::Null);
    } else {
        object.insert(QStringLiteral("error"),
                      QJsonObject{{QStringLiteral("code"), e.errorCode()},
                                  {QStringLiteral("message"), e.consoleMessage},
                                  {QStringLiteral("messageVerified"), e.consoleMessageVerified},
                                  {QStringLiteral("rejection"), e.rejection}});
    }
    object.insert(QStringLiteral("responseType"), e.responseType);
    object.insert(QStringLiteral("status"), e.status);
    object.insert(QStringLiteral("finalUrl"), e.finalUrl.toString());

    QJsonArray steps;
    for (const ExplanationStep &step : e.steps) {
        const StepText text = step.text();
        QJsonObject item{{QStringLiteral("check"), step.check},
                         {QStringLiteral("outcome"), toString(step.outcome)},
                         {QStringLiteral("title"), text.title},
                         {QStringLiteral("detail"), text.detail},
                         {QStringLiteral("spec"), step.spec}};
        if (!text.observed.isEmpty()) {
            QJsonArray observed;
            for (const ObservedValue &value : text.observed)
                observed.append(QJsonArray{value.name, value.value});
            item.insert(QStringLiteral("observed"), observed);
        }
        if (text.fix)
            item.insert(QStringLiteral("fix"), suggestionToJson(*text.fix));
        if (!text.browserNote.isEmpty())
            item.insert(QStringLiteral("browserNote"), text.browserNote);
        steps.append(item);
    }
    object.insert(QStringLiteral("steps"), steps);

    object.insert(QStringLiteral("cache"),
                  QJsonObject{{QStringLiteral("effect"), cacheKind(e.cache.kind)},
                              {QStringLiteral("maxAgeSeconds"), e.cache.maxAgeSeconds},
                              {QStringLiteral("remainingMs"), e.cache.remainingMs},
                              {QStringLiteral("methods"), byteList(e.cache.methods)},
                              {QStringLiteral("headers"), byteList(e.cache.headers)},
                              {QStringLiteral("credentials"), e.cache.credentials}});

    QJsonArray exchanges;
    for (const Exchange &exchange : e.exchanges) {
        QJsonObject item{{QStringLiteral("kind"), exchange.request.kind == OutgoingRequest::Kind::Preflight
                                                      ? QStringLiteral("preflight")
                                                      : QStringLiteral("actual")},
                         {QStringLiteral("method"), QString::fromUtf8(exchange.request.method)},
                         // A WebSocket's handshake is shown by its ws(s):// URL, as DevTools does.
                         {QStringLiteral("url"), (e.resourceType == ResourceType::WebSocket
                                                      ? WebSocketHandshake::socketUrl(exchange.request.url)
                                                      : exchange.request.url)
                                                     .toString()},
                         {QStringLiteral("requestHeaders"), headerPairs(exchange.request.headers)},
                         {QStringLiteral("credentials"), exchange.request.withCredentials}};
        if (exchange.response) {
            item.insert(QStringLiteral("status"), exchange.response->status);
            item.insert(QStringLiteral("responseHeaders"), headerPairs(exchange.response->headers));
        }
        if (!exchange.networkError.isEmpty())
            item.insert(QStringLiteral("networkError"), exchange.networkError);
        exchanges.append(item);
    }
    object.insert(QStringLiteral("exchanges"), exchanges);
    object.insert(QStringLiteral("timing"), QJsonObject{});
    return object;
}

QJsonObject referenceFixToJson(const FixPlan &plan)
{
    QJsonArray changes;
    for (const ResponseChange &change : plan.changes) {
        QJsonObject item{{QStringLiteral("method"), QString::fromUtf8(change.method)},
                         {QStringLiteral("url"),
                          (plan.webSocket ? WebSocketHandshake::socketUrl(change.url) : change.url).toString()}};
        if (!change.header.isEmpty()) {
            item.insert(QStringLiteral("header"), QString::fromUtf8(change.header));
            item.insert(QStringLiteral("from"),
                        change.oldValue ? QJsonValue(QString::fromUtf8(*change.oldValue)) : QJsonValue::Null);
            item.insert(QStringLiteral("to"), QString::fromUtf8(change.newValue));
        }
        if (change.newStatus) {
            item.insert(QStringLiteral("fromStatus"), change.oldStatus);
            item.insert(QStringLiteral("toStatus"), change.newStatus);
        }
        changes.append(item);
    }
    auto strings = [](const QByteArrayList &items) {
        QJsonArray array;
        for (const QByteArray &item : items)
            array.append(QString::fromUtf8(item));
        return array;
    };
    const FixPolicy &p = plan.policy;
    const QJsonObject policy{
        {QStringLiteral("allowCredentials"), p.credentials},
        {QStringLiteral("allowHeaders"), strings(p.headers)},
        {QStringLiteral("allowMethods"), strings(p.methods)},
        {QStringLiteral("allowOrigins"), strings(p.origins)},
        {QStringLiteral("anyOrigin"), p.anyOrigin},
        {QStringLiteral("duplicatedHeaders"), strings(p.duplicatedHeaders)},
        {QStringLiteral("exposeHeaders"), strings(p.exposeHeaders)},
        {QStringLiteral("maxAgeSeconds"), p.maxAgeSeconds >= 0 ? QJsonValue(p.maxAgeSeconds) : QJsonValue()},
        {QStringLiteral("path"), QString::fromUtf8(p.path)},
        {QStringLiteral("preflight"), p.preflight},
        {QStringLiteral("upstreamHeaders"), strings(p.upstreamHeaders)},
        {QStringLiteral("varyOrigin"), p.varyOrigin()}};
    QJsonObject planObject{{QStringLiteral("alreadyAllowed"), plan.alreadyAllowed},
                           {QStringLiteral("fixable"), plan.fixable},
                           {QStringLiteral("changes"), changes},
                           {QStringLiteral("webSocket"), plan.webSocket},
                           {QStringLiteral("notes"), QJsonArray::fromStringList(plan.notes)},
                           {QStringLiteral("policy"), policy}};
    QJsonObject snippets;
    QJsonObject notes;
    if (plan.fixable && !plan.webSocket) { // no CORS snippet fixes a WebSocket
        for (const SnippetRenderer *renderer : SnippetRenderer::all()) {
            const ServerSnippet snippet = renderer->render(plan.policy);
            QJsonObject parts;
            for (const SnippetPart &part : snippet.parts)
                parts.insert(part.context, part.code);
            snippets.insert(snippet.server, parts);
            notes.insert(snippet.server, QJsonArray::fromStringList(snippet.notes));
        }
    }
    QJsonObject object{{QStringLiteral("fixable"), plan.fixable},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("plan"), planObject},
                       {QStringLiteral("snippetNotes"), notes},
                       {QStringLiteral("snippets"), snippets}};
    if (!plan.blocker.isEmpty()) {
        object.insert(QStringLiteral("blocker"), plan.blocker);
        planObject.insert(QStringLiteral("blocker"), plan.blocker);
        object.insert(QStringLiteral("plan"), planObject);
    }
    return object;
}

} // namespace Corscope::Reference

using namespace Corscope;

class TestEvaluationJson : public QObject {
    Q_OBJECT

private slots:
    void sameBytesAsTheQJsonObjectLayout()
    {
        const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                       QStringLiteral("/tests/browser/scenarios"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() > 100);
        int evaluations = 0;
        int fixes = 0;
        for (const QString &file : files) {
            QFile in(dir.filePath(file));
            QVERIFY(in.open(QIODevice::ReadOnly));
            ScenarioError error;
            const std::optional<Scenario> scenario = ScenarioReader::read(in.readAll(), &error);
            QVERIFY2(scenario, qPrintable(file + error.toString()));
            for (const BrowserProfile *profile : {&BrowserProfile::chromium(), &BrowserProfile::firefox()}) {
                const QList<Evaluation> results = ScenarioRunner::run(*scenario, *profile);
                for (qsizetype i = 0; i < results.size(); ++i) {
                    const Evaluation &evaluation = results.at(i);
                    const QByteArray expected =
                        QJsonDocument(Reference::referenceToJson(evaluation)).toJson(QJsonDocument::Compact);
                    QByteArray actual;
                    JsonTextWriter writer(actual);
                    EvaluationJson::write(writer, evaluation);
                    QVERIFY(writer.isComplete());
                    QCOMPARE(actual, expected);
                    QCOMPARE(QJsonDocument(EvaluationJson::toJson(evaluation)).toJson(QJsonDocument::Compact),
                             expected);
                    ++evaluations;
                    if (evaluation.allowed())
                        continue;
                    const FixPlan plan = FixAdvisor::minimalFix(*scenario, i, *profile);
                    const QByteArray expectedFix =
                        QJsonDocument(Reference::referenceFixToJson(plan)).toJson(QJsonDocument::Compact);
                    QByteArray actualFix;
                    JsonTextWriter fixWriter(actualFix);
                    EvaluationJson::writeFix(fixWriter, plan);
                    QCOMPARE(actualFix, expectedFix);
                    QCOMPARE(QJsonDocument(EvaluationJson::fixToJson(plan)).toJson(QJsonDocument::Compact),
                             expectedFix);
                    ++fixes;
                }
            }
        }
        QVERIFY(evaluations > 400);
        QVERIFY(fixes > 100);
    }

    // Header bytes that are not UTF-8 must come out as QString::fromUtf8 made them (U+FFFD).
    void invalidUtf8HeaderBytes()
    {
        Evaluation evaluation;
        evaluation.browser = QStringLiteral("chromium");
        evaluation.readableHeaders = {QByteArray("x-\xff\xc3"), QByteArray("ok\x7f")};
        const QByteArray expected =
            QJsonDocument(Reference::referenceToJson(evaluation)).toJson(QJsonDocument::Compact);
        QByteArray actual;
        JsonTextWriter writer(actual);
        EvaluationJson::write(writer, evaluation);
        QCOMPARE(actual, expected);
    }
};

QTEST_GUILESS_MAIN(TestEvaluationJson)
#include "tst_evaluationjson.moc"
