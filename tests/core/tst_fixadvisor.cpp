#include "fix/fixadvisor.h"

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
            if (response.method == change.method && response.url == change.url) {
                target = &response;
                break;
            }
        }
        if (!target) {
            OutgoingRequest request;
            request.method = change.method;
            request.url = change.url;
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

    void snippetsNameThePolicy()
    {
        SnippetPolicy policy;
        policy.allowOrigin = "https://app.example";
        policy.allowCredentials = true;
        policy.allowMethods = {"GET", "PUT"};
        policy.allowHeaders = {"content-type", "x-trace"};
        policy.exposeHeaders = {"x-total"};
        const QList<ServerSnippet> snippets = FixAdvisor::snippets(policy);
        QCOMPARE(snippets.size(), 5);
        for (const ServerSnippet &snippet : snippets) {
            QVERIFY2(snippet.code.contains(QLatin1String("https://app.example")), qPrintable(snippet.server));
            QVERIFY2(snippet.code.contains(QLatin1String("x-trace")), qPrintable(snippet.server));
            QVERIFY2(snippet.code.contains(QLatin1String("x-total")), qPrintable(snippet.server));
            // Never a wildcard origin with credentials.
            for (const char *wildcard : {"Allow-Origin \"*\"", "origin: '*'", "Origins(\"*\")"})
                QVERIFY2(!snippet.code.contains(QLatin1String(wildcard)), qPrintable(snippet.server));
        }
    }
};

QTEST_GUILESS_MAIN(TestFixAdvisor)
#include "tst_fixadvisor.moc"
