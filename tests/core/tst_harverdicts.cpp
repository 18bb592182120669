#include "har/harreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Corscope;

namespace {

using Headers = QList<std::pair<QString, QString>>;

QJsonArray headerArray(const Headers &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    return array;
}

// One entry as Chrome's DevTools writes it (or Firefox's, with resourceType empty).
QJsonObject entry(const QString &resourceType, const QString &method, const QString &url,
                  const Headers &requestHeaders, int status, const Headers &responseHeaders)
{
    QJsonObject object{
        {QStringLiteral("startedDateTime"), QStringLiteral("2026-12-07T01:00:00.000Z")},
        {QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), method},
                                                {QStringLiteral("url"), url},
                                                {QStringLiteral("headers"), headerArray(requestHeaders)}}},
        {QStringLiteral("response"),
         QJsonObject{{QStringLiteral("status"), status},
                     {QStringLiteral("statusText"), status == 0 ? QString() : QStringLiteral("OK")},
                     {QStringLiteral("headers"), headerArray(responseHeaders)},
                     {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 0}}}}}};
    if (!resourceType.isEmpty())
        object.insert(QStringLiteral("_resourceType"), resourceType);
    return object;
}

QList<HarScenario> scenariosOf(const QList<QJsonObject> &entries)
{
    QJsonArray array;
    for (const QJsonObject &item : entries)
        array.append(item);
    const QByteArray har =
        QJsonDocument(QJsonObject{{QStringLiteral("log"),
                                   QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2")},
                                               {QStringLiteral("entries"), array}}}})
            .toJson();
    HarError error;
    const std::optional<QList<HarEntry>> read = HarReader::read(har, &error);
    if (!read) {
        qWarning() << error.toString();
        return {};
    }
    return HarReader::crossOriginScenarios(*read);
}

Evaluation evaluate(const HarScenario &item, const BrowserProfile &profile = BrowserProfile::chromium())
{
    return ScenarioRunner::run(item.scenario, profile).first();
}

const QString kOrigin = QStringLiteral("http://app.test:8080");
const QString kApi = QStringLiteral("http://api.test:9090/v1/orders");

} // namespace

class TestHarVerdicts : public QObject {
    Q_OBJECT

private slots:
    // The PUT went out and was answered, the capture has no OPTIONS for it: the preflight passed
    // or was cached. Only the response's own checks decide; no 404 preflight is invented.
    void missingPreflightIsTakenAsPassed_data()
    {
        QTest::addColumn<QString>("allowOrigin");
        QTest::addColumn<QString>("errorCode");
        QTest::newRow("allowed") << kOrigin << QString();
        QTest::newRow("response fails its own check")
            << QStringLiteral("http://other.test") << QStringLiteral("allow-origin-mismatch");
    }

    void missingPreflightIsTakenAsPassed()
    {
        QFETCH(QString, allowOrigin);
        QFETCH(QString, errorCode);
        const QList<HarScenario> scenarios =
            scenariosOf({entry(QStringLiteral("fetch"), QStringLiteral("PUT"), kApi,
                               {{QStringLiteral("Origin"), kOrigin},
                                {QStringLiteral("X-Trace"), QStringLiteral("1")},
                                {QStringLiteral("Sec-Fetch-Mode"), QStringLiteral("cors")}},
                               200, {{QStringLiteral("Access-Control-Allow-Origin"), allowOrigin}})});
        QCOMPARE(scenarios.size(), 1);
        QVERIFY(!scenarios.first().preflightEntryIndex);
        const Evaluation e = evaluate(scenarios.first());
        QCOMPARE(e.allowed(), errorCode.isEmpty());
        if (!errorCode.isEmpty())
            QCOMPARE(e.errorCode(), errorCode);
        QVERIFY(!e.preflightSent);
        for (const Exchange &exchange : e.exchanges)
            QVERIFY(exchange.request.kind != OutgoingRequest::Kind::Preflight);
        bool said = false;
        for (const ExplanationStep &step : e.steps)
            said = said || step.text().detail.contains(
                               QStringLiteral("preflight not in the capture; it passed or came "
                                              "from the cache"));
        QVERIFY(said);
        QVERIFY(scenarios.first()
                    .assumptions.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("passed or came "
                                             "from the cache")));
    }

    // A captured preflight still decides, and a request the capture shows unanswered (status 0)
    // is not taken as having passed its preflight.
    void capturedOrFailedPreflightStillDecides()
    {
        const QList<HarScenario> scenarios = scenariosOf({
            entry(QStringLiteral("preflight"), QStringLiteral("OPTIONS"), kApi,
                  {{QStringLiteral("Origin"), kOrigin},
                   {QStringLiteral("Access-Control-Request-Method"), QStringLiteral("PUT")}},
                  204, {{QStringLiteral("Access-Control-Allow-Origin"), kOrigin}}),
            entry(QStringLiteral("fetch"), QStringLiteral("PUT"), kApi, {{QStringLiteral("Origin"), kOrigin}},
                  0, {}),
        });
        QCOMPARE(scenarios.size(), 1);
        QVERIFY(scenarios.first().scenario.request.preflightsNotCaptured.isEmpty());
        QCOMPARE(evaluate(scenarios.first()).errorCode(), QStringLiteral("method-not-allowed"));
        const QList<HarScenario> unanswered =
            scenariosOf({entry(QStringLiteral("fetch"), QStringLiteral("PUT"), kApi,
                               {{QStringLiteral("Origin"), kOrigin}}, 0, {})});
        QVERIFY(unanswered.first().scenario.request.preflightsNotCaptured.isEmpty());
    }

    // Chrome keeps only the provisional headers (no Origin) of a request its preflight stopped, as
    // tst_harbrowsers saw: a fetch() or XHR is still judged, its page origin from the Referer.
    void provisionalHeadersTakeTheOriginFromTheReferer()
    {
        const Headers provisional{
            {QStringLiteral("Referer"), kOrigin + QStringLiteral("/orders")},
            {QStringLiteral("Content-Type"), QStringLiteral("text/plain;charset=UTF-8")}};
        QJsonObject blocked = entry(QStringLiteral("fetch"), QStringLiteral("PUT"), kApi, provisional, 0, {});
        QJsonObject response = blocked.value(QStringLiteral("response")).toObject();
        response.insert(QStringLiteral("_error"), QStringLiteral("net::ERR_FAILED"));
        blocked.insert(QStringLiteral("response"), response);
        const QList<HarScenario> scenarios = scenariosOf({
            entry(QStringLiteral("preflight"), QStringLiteral("OPTIONS"), kApi,
                  {{QStringLiteral("Origin"), kOrigin},
                   {QStringLiteral("Access-Control-Request-Method"), QStringLiteral("PUT")}},
                  204, {{QStringLiteral("Access-Control-Allow-Origin"), kOrigin}}),
            blocked,
        });
        QCOMPARE(scenarios.size(), 1);
        QCOMPARE(scenarios.first().scenario.request.origin.serialize(), kOrigin.toUtf8());
        QVERIFY(scenarios.first().assumptions.join(QLatin1Char('\n')).contains(QStringLiteral("Referer")));
        const Evaluation e = evaluate(scenarios.first());
        QCOMPARE(e.errorCode(), QStringLiteral("method-not-allowed"));
        QCOMPARE(
            e.consoleMessage,
            QStringLiteral("Access to fetch at '%1' from origin '%2' has been blocked by CORS policy: Method "
                           "PUT is not allowed by Access-Control-Allow-Methods in preflight response.")
                .arg(kApi, kOrigin));
        // Not for a kind that may be no-cors (a no-cors GET carries no Origin by design), nor
        // without a Referer to take the origin from, nor same-origin.
        QVERIFY(
            scenariosOf({entry(QStringLiteral("image"), QStringLiteral("GET"), kApi, provisional, 200, {})})
                .isEmpty());
        QVERIFY(scenariosOf({entry(QStringLiteral("fetch"), QStringLiteral("GET"), kApi, {}, 200, {})})
                    .isEmpty());
        QVERIFY(scenariosOf({entry(QStringLiteral("xhr"), QStringLiteral("GET"), kApi,
                                   {{QStringLiteral("Referer"), QStringLiteral("http://api.test:9090/page")}},
                                   200, {})})
                    .isEmpty());
    }

    // One run of tst_harbrowsers kept (CORSCOPE_KEEP_HAR): each browser's HAR and, per URL path,
    // what its page saw, request by request. The verdicts must stay the page's offline too.
    void realBrowserHars_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("browser");
        QTest::newRow("chromium, DevTools protocol")
            << QStringLiteral("chromium-devtools-protocol.har") << QStringLiteral("chromium");
        QTest::newRow("firefox, WebDriver BiDi")
            << QStringLiteral("firefox-webdriver-bidi.har") << QStringLiteral("firefox");
    }

    void realBrowserHars()
    {
        QFETCH(QString, file);
        QFETCH(QString, browser);
        QFile har(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har/") + file);
        QVERIFY(har.open(QIODevice::ReadOnly));
        HarError error;
        const std::optional<QList<HarEntry>> entries = HarReader::read(har.readAll(), &error);
        QVERIFY2(entries, qPrintable(error.toString()));
        const QString resolved = QStringLiteral("resolved");
        const QString blocked = QStringLiteral("blocked");
        QHash<QString, QStringList> pageSaw{
            {QStringLiteral("/put-cached"), {resolved, resolved}},
            {QStringLiteral("/put-denied"), {blocked}},
            {QStringLiteral("/cred-ok"), {resolved}},
            {QStringLiteral("/cred-wildcard"), {blocked}},
            {QStringLiteral("/redirect-ok"), {resolved}},
            {QStringLiteral("/redirect-bad"), {blocked}},
            {QStringLiteral("/xhr-ok"), {resolved}},
            {QStringLiteral("/xhr-mismatch"), {blocked}},
            {QStringLiteral("/xhr-cred-wildcard"), {blocked}},
            {QStringLiteral("/xhr-missing"), {blocked}},
        };
        const BrowserProfile *profile = BrowserProfile::byId(browser);
        QVERIFY(profile);
        bool webSocket = false;
        for (const HarScenario &item : HarReader::crossOriginScenarios(*entries)) {
            const QString path = entries->at(item.entryIndex).url.path();
            if (!item.notCors.isEmpty()) {
                QCOMPARE(path, QStringLiteral("/ws"));
                webSocket = true;
                continue;
            }
            QVERIFY2(!pageSaw.value(path).isEmpty(), qPrintable(path));
            const QString saw = pageSaw[path].takeFirst();
            const Evaluation e = ScenarioRunner::run(item.scenario, *profile).first();
            QVERIFY2(
                e.allowed() == (saw == resolved),
                qPrintable(
                    QStringLiteral("%1: the page saw %2, corscope says %3").arg(path, saw, e.errorCode())));
        }
        QVERIFY(webSocket);
        for (auto it = pageSaw.cbegin(); it != pageSaw.cend(); ++it)
            QVERIFY2(it.value().isEmpty(), qPrintable(it.key() + QStringLiteral(" not judged")));
    }

    // Entries that are not fetch()es are listed with the reason, not given a fetch verdict.
    void notCorsKinds_data()
    {
        QTest::addColumn<QString>("resourceType");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QString>("reason");
        QTest::newRow("chrome websocket") << QStringLiteral("websocket") << QStringLiteral("GET") << 101
                                          << Headers{{QStringLiteral("Origin"), kOrigin},
                                                     {QStringLiteral("Upgrade"), QStringLiteral("websocket")}}
                                          << QStringLiteral("WebSocket");
        QTest::newRow("firefox websocket, Sec-Fetch-Mode only")
            << QString() << QStringLiteral("GET") << 101
            << Headers{{QStringLiteral("Origin"), kOrigin},
                       {QStringLiteral("Sec-Fetch-Mode"), QStringLiteral("websocket")}}
            << QStringLiteral("WebSocket");
        QTest::newRow("refused websocket handshake")
            << QString() << QStringLiteral("GET") << 403
            << Headers{{QStringLiteral("Origin"), kOrigin},
                       {QStringLiteral("Upgrade"), QStringLiteral("websocket")}}
            << QStringLiteral("WebSocket");
        QTest::newRow("chrome form POST navigation")
            << QStringLiteral("document") << QStringLiteral("POST") << 200
            << Headers{{QStringLiteral("Origin"), kOrigin}} << QStringLiteral("navigation");
        QTest::newRow("firefox iframe POST, Sec-Fetch-* only")
            << QString() << QStringLiteral("POST") << 200
            << Headers{{QStringLiteral("Origin"), kOrigin},
                       {QStringLiteral("Sec-Fetch-Dest"), QStringLiteral("iframe")},
                       {QStringLiteral("Sec-Fetch-Mode"), QStringLiteral("navigate")}}
            << QStringLiteral("navigation");
    }

    void notCorsKinds()
    {
        QFETCH(QString, resourceType);
        QFETCH(QString, method);
        QFETCH(int, status);
        QFETCH(Headers, headers);
        QFETCH(QString, reason);
        const QList<HarScenario> scenarios =
            scenariosOf({entry(resourceType, method, kApi, headers, status, {})});
        QCOMPARE(scenarios.size(), 1);
        QVERIFY2(scenarios.first().notCors.contains(reason), qPrintable(scenarios.first().notCors));
        // A fetch() that got the same answer would be blocked: the kind is what spares it.
        const QList<HarScenario> asFetch = scenariosOf(
            {entry(QStringLiteral("fetch"), method, kApi, {{QStringLiteral("Origin"), kOrigin}}, 200, {})});
        QVERIFY(asFetch.first().notCors.isEmpty());
    }

    // Chromium names what started the request; Firefox's messages name no API.
    void consoleMessageNamesTheInitiator_data()
    {
        QTest::addColumn<QString>("resourceType");
        QTest::addColumn<Headers>("extraHeaders");
        QTest::addColumn<QString>("chromiumPrefix");
        QTest::newRow("fetch") << QStringLiteral("fetch") << Headers{}
                               << QStringLiteral("Access to fetch at '");
        QTest::newRow("xhr") << QStringLiteral("xhr") << Headers{}
                             << QStringLiteral("Access to XMLHttpRequest at '");
        QTest::newRow("crossorigin script")
            << QStringLiteral("script") << Headers{{QStringLiteral("Sec-Fetch-Mode"), QStringLiteral("cors")}}
            << QStringLiteral("Access to script at '");
        QTest::newRow("font") << QStringLiteral("font") << Headers{} << QStringLiteral("Access to font at '");
        QTest::newRow("crossorigin stylesheet")
            << QStringLiteral("stylesheet") << Headers{} << QStringLiteral("Access to CSS stylesheet at '");
        QTest::newRow("crossorigin image")
            << QStringLiteral("image") << Headers{} << QStringLiteral("Access to image at '");
        QTest::newRow("firefox font, Sec-Fetch-Dest only")
            << QString()
            << Headers{{QStringLiteral("Sec-Fetch-Dest"), QStringLiteral("font")},
                       {QStringLiteral("Sec-Fetch-Mode"), QStringLiteral("cors")}}
            << QStringLiteral("Access to font at '");
    }

    void consoleMessageNamesTheInitiator()
    {
        QFETCH(QString, resourceType);
        QFETCH(Headers, extraHeaders);
        QFETCH(QString, chromiumPrefix);
        const QList<HarScenario> scenarios =
            scenariosOf({entry(resourceType, QStringLiteral("GET"), kApi,
                               Headers{{QStringLiteral("Origin"), kOrigin}} + extraHeaders, 200, {})});
        QCOMPARE(scenarios.size(), 1);
        const Evaluation chromium = evaluate(scenarios.first());
        QCOMPARE(chromium.errorCode(), QStringLiteral("missing-allow-origin"));
        QVERIFY2(chromium.consoleMessage.startsWith(chromiumPrefix + kApi + QLatin1Char('\'')),
                 qPrintable(chromium.consoleMessage));
        const Evaluation firefox = evaluate(scenarios.first(), BrowserProfile::firefox());
        QVERIFY2(firefox.consoleMessage.startsWith(QStringLiteral("Cross-Origin Request Blocked")),
                 qPrintable(firefox.consoleMessage));
    }

    // cors_error_string.cc adds a sentence about withCredentials to an XMLHttpRequest's
    // credentials errors, and only to those.
    void xhrCredentialsMessage()
    {
        const auto messageFor = [](const QString &resourceType) {
            const QList<HarScenario> scenarios = scenariosOf({entry(
                resourceType, QStringLiteral("GET"), kApi,
                {{QStringLiteral("Origin"), kOrigin}, {QStringLiteral("Cookie"), QStringLiteral("sid=1")}},
                200, {{QStringLiteral("Access-Control-Allow-Origin"), QStringLiteral("*")}})});
            return evaluate(scenarios.first()).consoleMessage;
        };
        const QString hint =
            QStringLiteral("The credentials mode of requests initiated by the XMLHttpRequest is "
                           "controlled by the withCredentials attribute.");
        QVERIFY(messageFor(QStringLiteral("xhr")).endsWith(QLatin1Char(' ') + hint));
        QVERIFY(!messageFor(QStringLiteral("fetch")).contains(hint));
    }

    // Sec-Fetch-Mode is the mode when recorded; without it, a kind whose element fetches 'no-cors'
    // (a ping's POST here) gets no CORS check and an opaque response.
    void modeFromSecFetchModeOrTheKind_data()
    {
        QTest::addColumn<QString>("resourceType");
        QTest::addColumn<QString>("method");
        QTest::addColumn<Headers>("extraHeaders");
        QTest::addColumn<bool>("noCors");
        QTest::newRow("ping POST, no Sec-Fetch-Mode")
            << QStringLiteral("ping") << QStringLiteral("POST") << Headers{} << true;
        QTest::newRow("firefox no-cors POST, Sec-Fetch-* only")
            << QString() << QStringLiteral("POST")
            << Headers{{QStringLiteral("Sec-Fetch-Dest"), QStringLiteral("empty")},
                       {QStringLiteral("Sec-Fetch-Mode"), QStringLiteral("no-cors")}}
            << true;
        QTest::newRow("crossorigin script GET")
            << QStringLiteral("script") << QStringLiteral("GET") << Headers{} << false;
        QTest::newRow("ping recorded as cors")
            << QStringLiteral("ping") << QStringLiteral("POST")
            << Headers{{QStringLiteral("Sec-Fetch-Mode"), QStringLiteral("cors")}} << false;
        QTest::newRow("font") << QStringLiteral("font") << QStringLiteral("GET") << Headers{} << false;
    }

    void modeFromSecFetchModeOrTheKind()
    {
        QFETCH(QString, resourceType);
        QFETCH(QString, method);
        QFETCH(Headers, extraHeaders);
        QFETCH(bool, noCors);
        const QList<HarScenario> scenarios =
            scenariosOf({entry(resourceType, method, kApi,
                               Headers{{QStringLiteral("Origin"), kOrigin}} + extraHeaders, 200, {})});
        QCOMPARE(scenarios.size(), 1);
        const HarScenario &item = scenarios.first();
        QCOMPARE(item.scenario.request.mode == RequestMode::NoCors, noCors);
        const Evaluation e = evaluate(item);
        QCOMPARE(e.allowed(), noCors); // no Access-Control-Allow-Origin: only no-cors passes
        if (noCors) {
            QCOMPARE(e.responseType, QStringLiteral("opaque"));
            QVERIFY(item.assumptions.join(QLatin1Char('\n'))
                        .contains(QStringLiteral("no CORS check applies; the page gets an opaque response")));
        }
    }
};

QTEST_GUILESS_MAIN(TestHarVerdicts)
#include "tst_harverdicts.moc"
