#include "cors/fetchsimulation.h"

#include <QTest>

using namespace Corscope;

namespace {

FetchRequest request(const char *method, HeaderList headers = {},
                     CredentialsMode credentials = CredentialsMode::SameOrigin)
{
    FetchRequest r;
    r.url = QUrl(QStringLiteral("https://api.example/items"));
    r.origin = Origin::parse(QStringLiteral("https://app.example"));
    r.method = method;
    r.headers = std::move(headers);
    r.credentials = credentials;
    return r;
}

HttpResponse response(int status, HeaderList headers)
{
    HttpResponse r;
    r.status = status;
    r.headers = std::move(headers);
    return r;
}

// The text of the last step with that id: after a redirect the same check runs once per hop.
// Rendered from the evaluation alone, after the simulation that decided it is gone.
std::optional<StepText> findStepText(const Evaluation &e, const QString &check)
{
    for (auto step = e.steps.crbegin(); step != e.steps.crend(); ++step) {
        if (step->check == check)
            return step->text();
    }
    return std::nullopt;
}

} // namespace

class TestFetchSimulation : public QObject {
    Q_OBJECT

private slots:
    void sendsThePreflightExactlyAsTheBrowserBuildsIt()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        const FetchRequest put = request("put", {{"X-B", "1"}, {"x-a", "2"}, {"Cookie", "c=1"}});
        FetchSimulation simulation(put, BrowserProfile::chromium(), cache);
        QVERIFY(simulation.pendingRequest());
        const OutgoingRequest &preflight = *simulation.pendingRequest();
        QCOMPARE(preflight.method, QByteArray("OPTIONS"));
        QVERIFY(!preflight.withCredentials);
        QCOMPARE(preflight.headers.get("access-control-request-method").value(), QByteArray("PUT"));
        QCOMPARE(preflight.headers.get("access-control-request-headers").value(), QByteArray("x-a,x-b"));
        QCOMPARE(preflight.headers.get("origin").value(), QByteArray("https://app.example"));
        QVERIFY(findStepText(simulation.evaluation(), QStringLiteral("request.headers"))
                    ->detail.contains(QLatin1String("Cookie")));

        simulation.receiveResponse(response(204, {{"Access-Control-Allow-Origin", "https://app.example"},
                                                  {"Access-Control-Allow-Methods", "PUT"},
                                                  {"Access-Control-Allow-Headers", "X-A, x-b"},
                                                  {"Access-Control-Max-Age", "600"}}));
        QVERIFY(simulation.pendingRequest());
        const OutgoingRequest actual = *simulation.pendingRequest();
        QCOMPARE(actual.method, QByteArray("PUT"));
        QVERIFY(!actual.headers.contains("cookie"));
        simulation.receiveResponse(response(200, {{"Access-Control-Allow-Origin", "https://app.example"},
                                                  {"Content-Type", "application/json"},
                                                  {"X-Total", "3"}}));
        QVERIFY(simulation.isFinished());
        const Evaluation &e = simulation.evaluation();
        QVERIFY(e.allowed());
        QCOMPARE(e.readableHeaders, (QByteArrayList{"content-type"}));
        QVERIFY(e.cache.kind == CacheEffect::Kind::Stored);
        QCOMPARE(e.cache.maxAgeSeconds, 600);
        const std::optional<StepText> readable = findStepText(e, QStringLiteral("response.readable-headers"));
        QVERIFY(readable && readable->fix);
        QCOMPARE(readable->fix->value, QByteArray("x-total"));
        QVERIFY(cache.lookup("https://app.example", actual.url, false, "PUT", {"x-a", "x-b"}).hit);
    }

    void missingAllowOriginNamesTheFixAndTheConsoleMessage()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        const Evaluation e = runFetch(request("GET"), BrowserProfile::chromium(), cache,
                                      [](const OutgoingRequest &) { return response(200, {}); });
        QVERIFY(!e.allowed());
        QCOMPARE(e.errorCode(), QStringLiteral("missing-allow-origin"));
        QCOMPARE(
            e.consoleMessage,
            QStringLiteral(
                "Access to fetch at 'https://api.example/items' from origin 'https://app.example' has been "
                "blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested "
                "resource."));
        const std::optional<StepText> step = findStepText(e, QStringLiteral("response.allow-origin"));
        QVERIFY(step && step->fix);
        QCOMPARE(step->fix->header, QByteArray("Access-Control-Allow-Origin"));
        QCOMPARE(step->fix->value, QByteArray("https://app.example"));

        PreflightCache firefoxCache(BrowserProfile::firefox(), clock);
        const Evaluation firefox = runFetch(request("GET"), BrowserProfile::firefox(), firefoxCache,
                                            [](const OutgoingRequest &) { return response(200, {}); });
        QVERIFY(firefox.consoleMessage.startsWith(QLatin1String("Cross-Origin Request Blocked:")));
        QVERIFY(firefox.consoleMessage.endsWith(QLatin1String("Status code: 200.")));
    }

    void wildcardWithCredentialsFails()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        const Evaluation e = runFetch(request("GET", {}, CredentialsMode::Include),
                                      BrowserProfile::chromium(), cache, [](const OutgoingRequest &r) {
                                          Q_ASSERT(r.withCredentials);
                                          return response(200, {{"Access-Control-Allow-Origin", "*"}});
                                      });
        QCOMPARE(e.errorCode(), QStringLiteral("wildcard-origin-with-credentials"));
    }

    // Both installed browsers let "*" cover Authorization (scenario headers-authorization-wildcard);
    // the explanation still says the spec forbids it.
    void authorizationAndTheWildcardFollowTheBrowsersNotTheSpec()
    {
        auto server = [](const OutgoingRequest &r) {
            return response(r.method == "OPTIONS" ? 204 : 200,
                            {{"Access-Control-Allow-Origin", "https://app.example"},
                             {"Access-Control-Allow-Credentials", "true"},
                             {"Access-Control-Allow-Headers", "*"}});
        };
        ManualClock clock;
        for (const BrowserProfile *profile : {&BrowserProfile::chromium(), &BrowserProfile::firefox()}) {
            PreflightCache cache(*profile, clock);
            const Evaluation e =
                runFetch(request("GET", {{"Authorization", "Bearer x"}}), *profile, cache, server);
            QVERIFY(e.allowed());
            const std::optional<StepText> step = findStepText(e, QStringLiteral("preflight.allow-headers"));
            QVERIFY(step && step->browserNote.contains(QLatin1String("Fetch Standard")));
        }
        // With credentials "*" is literal in both, so Authorization must be named.
        PreflightCache cache(BrowserProfile::chromium(), clock);
        const Evaluation credentialed =
            runFetch(request("GET", {{"Authorization", "Bearer x"}}, CredentialsMode::Include),
                     BrowserProfile::chromium(), cache, server);
        QCOMPARE(credentialed.errorCode(), QStringLiteral("header-not-allowed"));
    }

    void crossOriginRedirectTaintsTheOrigin()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        QByteArrayList origins;
        const Evaluation e =
            runFetch(request("GET"), BrowserProfile::chromium(), cache, [&](const OutgoingRequest &r) {
                origins.append(r.headers.get("origin").value_or(QByteArray()));
                if (r.url.host() == QLatin1String("api.example"))
                    return response(302, {{"Access-Control-Allow-Origin", "https://app.example"},
                                          {"Location", "https://cdn.example/x"}});
                return response(200, {{"Access-Control-Allow-Origin", "https://app.example"}});
            });
        QCOMPARE(origins, (QByteArrayList{"https://app.example", "null"}));
        QCOMPARE(e.errorCode(), QStringLiteral("allow-origin-mismatch"));
        // Chromium names the page's origin in the message although it sent Origin: null.
        QVERIFY(e.consoleMessage.contains(QLatin1String(
            "(redirected from 'https://api.example/items') from origin 'https://app.example'")));
        const std::optional<StepText> step = findStepText(e, QStringLiteral("response.allow-origin"));
        QVERIFY(step && step->detail.contains(QLatin1String("Origin: null")));
    }

    void cacheHitSkipsThePreflight()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        int preflights = 0;
        auto server = [&](const OutgoingRequest &r) {
            if (r.kind == OutgoingRequest::Kind::Preflight)
                ++preflights;
            return response(r.method == "OPTIONS" ? 204 : 200,
                            {{"Access-Control-Allow-Origin", "https://app.example"},
                             {"Access-Control-Allow-Methods", "DELETE"},
                             {"Access-Control-Max-Age", "10"}});
        };
        QVERIFY(runFetch(request("DELETE"), BrowserProfile::chromium(), cache, server).allowed());
        clock.advance(9000);
        const Evaluation second = runFetch(request("DELETE"), BrowserProfile::chromium(), cache, server);
        QVERIFY(second.preflightFromCache);
        QCOMPARE(second.cache.remainingMs, qint64(1000));
        clock.advance(1000);
        QVERIFY(!runFetch(request("DELETE"), BrowserProfile::chromium(), cache, server).preflightFromCache);
        QCOMPARE(preflights, 2);
    }

    void verdictOnlyBuildsNoSteps()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        const Evaluation e = runFetch(
            request("GET"), BrowserProfile::chromium(), cache,
            [](const OutgoingRequest &) {
                return response(200, {{"Access-Control-Allow-Origin", "*"}});
            },
            EvaluationDetail::VerdictOnly);
        QVERIFY(e.allowed());
        QVERIFY(e.steps.isEmpty());
    }

    void forbiddenMethodSendsNothing()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        bool sent = false;
        const Evaluation e =
            runFetch(request("TRACE"), BrowserProfile::chromium(), cache, [&](const OutgoingRequest &) {
                sent = true;
                return response(200, {});
            });
        QVERIFY(!sent);
        QCOMPARE(e.errorCode(), QStringLiteral("forbidden-method"));
        QVERIFY(e.consoleMessage.isEmpty());
    }

    // Scenarios kind-eventsource-reconnect-*: the stream ends, the EventSource reconnects with the
    // id the stream set, and that second request is CORS-checked like the first.
    void eventSourceReconnectIsASecondCorsCheckedRequest_data()
    {
        QTest::addColumn<QByteArray>("reconnectAcao");
        QTest::addColumn<int>("reconnectStatus");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("code");
        QTest::newRow("allowed") << QByteArray("https://app.example") << 200 << true << QString();
        QTest::newRow("no ACAO") << QByteArray() << 200 << false << QStringLiteral("missing-allow-origin");
        QTest::newRow("204") << QByteArray("https://app.example") << 204 << false
                             << QStringLiteral("response-status-rejected");
    }

    void eventSourceReconnectIsASecondCorsCheckedRequest()
    {
        QFETCH(QByteArray, reconnectAcao);
        QFETCH(int, reconnectStatus);
        QFETCH(bool, allowed);
        QFETCH(QString, code);
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        FetchRequest source = request("GET");
        applyResourceType(source, ResourceType::EventSource, CrossOrigin::Absent);
        source.eventSourceReconnects = true;
        QList<QByteArray> lastEventIds;
        const Evaluation e =
            runFetch(source, BrowserProfile::chromium(), cache, [&](const OutgoingRequest &outgoing) {
                const std::optional<QByteArray> id = outgoing.headers.get("last-event-id");
                lastEventIds << id.value_or("(none)");
                HttpResponse r = response(200, {{"Access-Control-Allow-Origin", "https://app.example"},
                                                {"Content-Type", "text/event-stream"}});
                r.body = "retry: 200\nid: 7\ndata: ok\n\n";
                if (!id)
                    return r;
                r = response(reconnectStatus, {{"Content-Type", "text/event-stream"}});
                if (!reconnectAcao.isEmpty())
                    r.headers.append("Access-Control-Allow-Origin", reconnectAcao);
                return r;
            });
        QCOMPARE(lastEventIds, (QList<QByteArray>{"(none)", "7"}));
        QCOMPARE(e.exchanges.size(), 2);
        QVERIFY(!e.preflightSent);
        QCOMPARE(e.allowed(), allowed);
        if (!allowed) {
            QCOMPARE(e.errorCode(), code);
            QVERIFY(findStepText(e, QStringLiteral("verdict"))->detail.contains(QLatin1String("was open")));
        }
        QVERIFY(findStepText(e, QStringLiteral("eventsource.reconnect"))->detail.contains(QLatin1String("200 ms")));
    }

    // Scenarios kind-*-404-*, kind-*-text-plain*: after CORS passed, the kind still refuses an error
    // status or a MIME type, and says CORS was not the reason.
    void elementsRefuseWhatCorsLetThrough_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("nosniff");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("console");
        const QString url = QStringLiteral("https://api.example/items");
        QTest::newRow("image 404 still loads")
            << int(ResourceType::Image) << 404 << QByteArray("image/gif") << false << QString() << QString();
        QTest::newRow("script 404") << int(ResourceType::Script) << 404 << QByteArray("text/javascript") << false
                                    << QStringLiteral("response-status-rejected") << QString();
        QTest::newRow("font 500") << int(ResourceType::Font) << 500 << QByteArray("font/ttf") << false
                                  << QStringLiteral("response-status-rejected") << QString();
        QTest::newRow("script text/plain runs") << int(ResourceType::Script) << 200 << QByteArray("text/plain")
                                                << false << QString() << QString();
        QTest::newRow("script text/plain nosniff")
            << int(ResourceType::Script) << 200 << QByteArray("text/plain") << true
            << QStringLiteral("response-mime-type-rejected")
            << QStringLiteral("Refused to execute script from '%1' because its MIME type ('text/plain') is not "
                              "executable, and strict MIME type checking is enabled.")
                   .arg(url);
        QTest::newRow("module text/plain")
            << int(ResourceType::Module) << 200 << QByteArray("text/plain; charset=utf-8") << false
            << QStringLiteral("response-mime-type-rejected")
            << QStringLiteral("Failed to load module script: Expected a JavaScript-or-Wasm module script but the "
                              "server responded with a MIME type of \"text/plain\". Strict MIME type checking "
                              "is enforced for module scripts per HTML spec.");
        QTest::newRow("stylesheet text/plain applies in Chromium")
            << int(ResourceType::Stylesheet) << 200 << QByteArray("text/plain") << false << QString() << QString();
    }

    void elementsRefuseWhatCorsLetThrough()
    {
        QFETCH(int, type);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, nosniff);
        QFETCH(QString, code);
        QFETCH(QString, console);
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        FetchRequest element = request("GET");
        applyResourceType(element, ResourceType(type), CrossOrigin::Anonymous);
        const Evaluation e = runFetch(element, BrowserProfile::chromium(), cache, [&](const OutgoingRequest &) {
            HttpResponse r = response(status, {{"Access-Control-Allow-Origin", "*"}, {"Content-Type", contentType}});
            if (nosniff)
                r.headers.append("X-Content-Type-Options", "nosniff");
            return r;
        });
        QCOMPARE(e.allowed(), code.isEmpty());
        if (code.isEmpty())
            return;
        QCOMPARE(e.errorCode(), code);
        QCOMPARE(e.consoleMessage, console);
        const StepText kind = *findStepText(e, QStringLiteral("response.kind"));
        QVERIFY2(kind.detail.startsWith(QLatin1String("CORS passed, but")), qPrintable(kind.detail));
        QVERIFY(kind.fix);
    }
};

QTEST_GUILESS_MAIN(TestFetchSimulation)
#include "tst_fetchsimulation.moc"
