#include "cors/websockethandshake.h"
#include "fix/fixadvisor.h"
#include "fix/snippetrenderer.h"

#include <QDir>
#include <QTest>

using namespace Corscope;

namespace {

// Applies a plan's changes to the scenario the way a server admin would.
Scenario applied(Scenario scenario, const FixPlan &plan)
{
    for (const ResponseChange &change : plan.changes) {
        ScenarioResponse *target = nullptr;
        for (ScenarioResponse &response : scenario.responses) {
            // A server that answers by Origin (a WebSocket's allow-list) changes the answer this
            // page gets, not the one it gives another origin.
            if (!response.origins.isEmpty() && !response.origins.contains(scenario.request.origin.serialize()))
                continue;
            if (response.method == change.method && response.url == change.url) {
                target = &response;
                break;
            }
        }
        if (!target) {
            OutgoingRequest request;
            request.method = change.method;
            request.url = change.url;
            // The CORS request carries the page's Origin: an origin-reflecting server ({origin})
            // keeps reflecting it in the copy (scenario kind-image-use-credentials-echo-no-acac).
            request.headers.append("Origin", scenario.request.origin.serialize());
            scenario.responses.prepend({change.method, change.url, scenario.respond(request)});
            target = &scenario.responses.first();
        }
        if (change.newStatus) {
            target->response.status = change.newStatus;
            target->response.headers.remove("location");
        }
        if (!change.header.isEmpty())
            target->response.headers.set(change.header, change.newValue);
    }
    return scenario;
}

} // namespace

class TestFixAdvisor : public QObject {
    Q_OBJECT

private slots:
    // For every blocked fetch of every browser scenario: either the plan's changes make it pass,
    // or the plan says why no server change can.
    void everyPlanFixesWhatItClaimsTo()
    {
        const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                       QStringLiteral("/tests/browser/scenarios"));
        int fixed = 0;
        int unfixable = 0;
        for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile in(dir.filePath(file));
            QVERIFY(in.open(QIODevice::ReadOnly));
            ScenarioError error;
            const std::optional<Scenario> scenario = ScenarioReader::read(in.readAll(), &error);
            QVERIFY2(scenario, qPrintable(file + error.toString()));
            for (const BrowserProfile *profile : {&BrowserProfile::chromium(), &BrowserProfile::firefox()}) {
                const Evaluation first = ScenarioRunner::run(*scenario, *profile).first();
                if (first.allowed())
                    continue;
                const FixPlan plan = FixAdvisor::minimalFix(*scenario, 0, *profile);
                if (!plan.fixable) {
                    QVERIFY2(!plan.blocker.isEmpty(), qPrintable(file));
                    ++unfixable;
                    continue;
                }
                Scenario repaired = applied(*scenario, plan);
                repaired.fetches = {scenario->fetches.first()};
                const Evaluation after = ScenarioRunner::run(repaired, *profile).first();
                QVERIFY2(after.allowed(),
                         qPrintable(
                             QStringLiteral("%1 (%2): still %3").arg(file, profile->id, after.errorCode())));
                QVERIFY2(!plan.changes.isEmpty() && plan.changes.size() <= 6, qPrintable(file));
                ++fixed;
            }
        }
        QVERIFY(fixed > 100);
        QVERIFY(unfixable > 0); // forbidden methods and the like: the request itself must change
    }

    // A WebSocket passes no CORS check: each way a handshake fails gets its own advice (never
    // "the browser refuses this before any server could help"), an opened one says whether the
    // server opens it for any Origin, and the 101 the plan describes really opens the socket.
    void webSocketAdvicePerCause_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<bool>("opened");
        QTest::addColumn<QStringList>("words");
        const QString nginx = QStringLiteral(
            "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";");
        QTest::newRow("200") << "kind-websocket-200-not-upgraded" << false
                             << QStringList{QStringLiteral("plain 200"), nginx};
        QTest::newRow("400") << "kind-websocket-400" << false
                             << QStringList{QStringLiteral("Sec-WebSocket-Version"), nginx};
        QTest::newRow("403") << "kind-websocket-403" << false
                             << QStringList{QStringLiteral("add http://page.test to the origins"),
                                            QStringLiteral("Access-Control-Allow-Origin would change nothing")};
        QTest::newRow("403 with ACAO *") << "kind-websocket-403-acao-star" << false
                                         << QStringList{QStringLiteral("add http://page.test to the origins")};
        QTest::newRow("origin refusal") << "kind-websocket-other-origin-only" << false
                                        << QStringList{QStringLiteral("An Origin refusal"),
                                                       QStringLiteral("only for http://other.example"),
                                                       QStringLiteral("add http://page.test")};
        QTest::newRow("302") << "kind-websocket-redirect" << false
                             << QStringList{QStringLiteral("follows no redirect"),
                                            QStringLiteral("new WebSocket('ws://api2.test/final')")};
        QTest::newRow("missing accept") << "kind-websocket-missing-accept" << false
                                        << QStringList{QStringLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11")};
        QTest::newRow("wrong accept") << "kind-websocket-wrong-accept" << false
                                      << QStringList{QStringLiteral("never cache the upgrade")};
        QTest::newRow("missing upgrade") << "kind-websocket-missing-upgrade" << false
                                         << QStringList{QStringLiteral("hop-by-hop"), nginx};
        QTest::newRow("wrong upgrade") << "kind-websocket-wrong-upgrade" << false
                                       << QStringList{QStringLiteral("hop-by-hop")};
        QTest::newRow("missing connection") << "kind-websocket-missing-connection" << false
                                            << QStringList{QStringLiteral("hop-by-hop"), nginx};
        QTest::newRow("any origin") << "kind-websocket-any-origin" << true
                                    << QStringList{QStringLiteral("opens the socket for any Origin"),
                                                   QStringLiteral("Cross-Site WebSocket Hijacking"),
                                                   QStringLiteral("answer 403"),
                                                   QStringLiteral("CSRF-style token")};
        QTest::newRow("page origin only") << "kind-websocket-page-origin-allowed" << true
                                          << QStringList{QStringLiteral("The server checks Origin")};
    }

    void webSocketAdvicePerCause()
    {
        QFETCH(QString, scenario);
        QFETCH(bool, opened);
        QFETCH(QStringList, words);
        QFile in(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/browser/scenarios/") +
                 scenario + QStringLiteral(".json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        ScenarioError error;
        std::optional<Scenario> read = ScenarioReader::read(in.readAll(), &error);
        QVERIFY2(read, qPrintable(error.toString()));
        read->fetches = {ScenarioFetch{0, read->request}};
        for (const BrowserProfile *profile : {&BrowserProfile::chromium(), &BrowserProfile::firefox()}) {
            const FixPlan plan = FixAdvisor::minimalFix(*read, 0, *profile);
            QVERIFY(plan.webSocket);
            QVERIFY2(plan.fixable, qPrintable(plan.blocker));
            QCOMPARE(plan.alreadyAllowed, opened);
            QVERIFY(!plan.notes.isEmpty());
            for (const QString &word : words)
                QVERIFY2(plan.notes.first().contains(word), qPrintable(plan.notes.first() + QStringLiteral(" / ") + word));
            QVERIFY(!plan.notes.first().contains(QLatin1String("before any server could help")));
            if (opened)
                continue;
            QVERIFY(!plan.changes.isEmpty());
            QVERIFY(plan.changes.size() <= 4);
            // What the plan says the server must answer opens the socket, for a fresh key too.
            Scenario repaired = applied(*read, plan);
            repaired.fetches = {read->fetches.first()};
            const Evaluation after = ScenarioRunner::run(repaired, *profile).first();
            QVERIFY2(after.allowed(), qPrintable(after.errorCode()));
        }
    }

    // The accept value is per key, so the advice names the one this handshake's key needed.
    void webSocketAcceptAdviceNamesTheValueForTheKeySent()
    {
        QFile in(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                 QStringLiteral("/tests/browser/scenarios/kind-websocket-wrong-accept.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        ScenarioError error;
        std::optional<Scenario> read = ScenarioReader::read(in.readAll(), &error);
        QVERIFY(read);
        read->request.webSocketKey = "dGhlIHNhbXBsZSBub25jZQ==";
        read->fetches = {ScenarioFetch{0, read->request}};
        const FixPlan plan = FixAdvisor::minimalFix(*read, 0, BrowserProfile::chromium());
        QVERIFY2(plan.notes.first().contains(QLatin1String("for the key dGhlIHNhbXBsZSBub25jZQ== that is "
                                                           "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")),
                 qPrintable(plan.notes.first()));
        QCOMPARE(plan.changes.size(), 1);
        QCOMPARE(plan.changes.first().header, QByteArray("Sec-WebSocket-Accept"));
    }

    void snippetsNameThePolicy()
    {
        FixPolicy policy;
        policy.origins = {"https://app.example"};
        policy.credentials = true;
        policy.preflight = true;
        policy.methods = {"PUT"};
        policy.headers = {"content-type", "x-trace"};
        policy.exposeHeaders = {"x-total"};
        policy.maxAgeSeconds = 600;
        QVERIFY(!SnippetRenderer::all().isEmpty());
        for (const SnippetRenderer *renderer : SnippetRenderer::all()) {
            const ServerSnippet snippet = renderer->render(policy);
            QString code;
            for (const SnippetPart &part : snippet.parts) {
                QVERIFY2(renderer->contexts().contains(part.context),
                         qPrintable(renderer->id() + part.context));
                code += part.code;
            }
            QVERIFY2(code.contains(QLatin1String("https://app.example")), qPrintable(renderer->id()));
            QVERIFY2(code.contains(QLatin1String("x-trace")), qPrintable(renderer->id()));
            QVERIFY2(code.contains(QLatin1String("x-total")), qPrintable(renderer->id()));
            QVERIFY2(code.contains(QLatin1String("PUT")), qPrintable(renderer->id()));
            // Never a wildcard origin with credentials.
            for (const char *wildcard : {"Allow-Origin \"*\"", "origin: '*'", "Origins(\"*\")", "\"*\""})
                QVERIFY2(!code.contains(QLatin1String(wildcard)), qPrintable(renderer->id()));
        }
    }

    // The policy allows exactly what the request needs, keeps what the server already granted and
    // caps Max-Age where every browser honours it.
    void policyIsMinimal()
    {
        Scenario scenario;
        scenario.name = QStringLiteral("put");
        scenario.request.url = QUrl(QStringLiteral("https://api.example/v1/items"));
        scenario.request.origin = Origin::parse(QStringLiteral("https://app.example"));
        scenario.request.method = "PUT";
        scenario.request.headers.append("X-Trace", "1");
        scenario.request.credentials = CredentialsMode::Include;
        HttpResponse preflight;
        preflight.status = 204;
        preflight.headers.append("Access-Control-Allow-Origin", "https://other.example");
        preflight.headers.append("Access-Control-Allow-Methods", "GET, DELETE");
        preflight.headers.append("Access-Control-Max-Age", "86400");
        scenario.responses.append({"OPTIONS", scenario.request.url, preflight});
        HttpResponse actual;
        actual.headers.append("Access-Control-Allow-Origin", "https://other.example");
        actual.headers.append("Access-Control-Expose-Headers", "X-Total");
        scenario.responses.append({"*", scenario.request.url, actual});
        scenario.fetches.append({0, scenario.request});
        const FixPlan plan = FixAdvisor::minimalFix(scenario, 0, BrowserProfile::chromium(), {"x-page"});
        QVERIFY(plan.fixable);
        const FixPolicy &policy = plan.policy;
        // Exactly what the request needs: the other origin is named in a note, not allowed.
        QCOMPARE(policy.origins, QByteArrayList{"https://app.example"});
        QCOMPARE(plan.notes.size(), 1);
        QVERIFY(plan.notes.first().contains(QLatin1String("https://other.example")));
        QVERIFY(!policy.anyOrigin);
        QVERIFY(policy.credentials);
        QVERIFY(policy.preflight);
        QCOMPARE(policy.methods, QByteArrayList{"PUT"});
        QCOMPARE(policy.headers, QByteArrayList{"x-trace"});
        QCOMPARE(policy.maxAgeSeconds, 7200);
        QCOMPARE(policy.exposeHeaders, (QByteArrayList{"X-Total", "x-page"}));
        QCOMPARE(policy.path, QByteArray("/v1/items"));
        QVERIFY(policy.upstreamHeaders.contains("Access-Control-Allow-Origin"));
        QVERIFY(policy.varyOrigin());
    }
    // A stored copy without Vary: Origin is named as what it is — the cache's answer for another
    // visitor — and the plan says to purge it, not to keep the other visitor's origin.
    void sharedCacheWithoutVaryIsExplained()
    {
        Scenario scenario;
        scenario.name = QStringLiteral("cached");
        scenario.request.url = QUrl(QStringLiteral("https://api.example/v1/items"));
        scenario.request.origin = Origin::parse(QStringLiteral("https://app.example"));
        HttpResponse actual;
        actual.headers.append("Access-Control-Allow-Origin", "https://shop.example");
        actual.headers.append("X-Cache", "Hit from cloudfront");
        scenario.responses.append({"*", scenario.request.url, actual});
        scenario.fetches.append({0, scenario.request});
        const Evaluation evaluation =
            ScenarioRunner::run(scenario, BrowserProfile::chromium(), EvaluationDetail::Full).first();
        QVERIFY(!evaluation.allowed());
        bool explained = false;
        for (const ExplanationStep &step : evaluation.steps) {
            if (step.check == QLatin1String("response.allow-origin")) {
                const StepText text = step.text();
                explained = text.detail.contains(QLatin1String("X-Cache: Hit from cloudfront")) &&
                            text.detail.contains(QLatin1String("Vary: Origin")) && text.fix &&
                            text.fix->summary.contains(QLatin1String("Vary: Origin"));
            }
        }
        QVERIFY(explained);
        const FixPlan plan = FixAdvisor::minimalFix(scenario, 0, BrowserProfile::chromium());
        QVERIFY(plan.fixable);
        QVERIFY(plan.policy.varyOrigin());
        QCOMPARE(plan.notes.size(), 1);
        QVERIFY(plan.notes.first().contains(QLatin1String("purge")));
        QVERIFY(!plan.notes.first().contains(QLatin1String("shop.example")));

        // The same answer with Vary: Origin is no stored copy for someone else: no cache note.
        scenario.responses.first().response.headers.append("Vary", "Origin");
        const FixPlan varied = FixAdvisor::minimalFix(scenario, 0, BrowserProfile::chromium());
        QCOMPARE(varied.notes.size(), 1);
        QVERIFY(varied.notes.first().contains(QLatin1String("shop.example")));
    }
};

QTEST_GUILESS_MAIN(TestFixAdvisor)
#include "tst_fixadvisor.moc"
