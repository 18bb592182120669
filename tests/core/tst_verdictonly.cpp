#include "cors/fetchsimulation.h"
#include "scenario/scenario.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Corscope;

// The verdict-only evaluation is the fast path a busy proxy and a large HAR use: it skips the
// explanation, the readable-header list and the record of every exchange, and must decide
// exactly what the full evaluation decides. Checked on every browser-differential scenario and
// demo, in both profiles, fetch by fetch (repeat fetches exercise the preflight cache).
class TestVerdictOnly : public QObject {
    Q_OBJECT

private:
    static QStringList scenarioFiles()
    {
        // CTest sets CORSCOPE_SOURCE_DIR; run by hand, the test finds the tree it was built from.
        const QString source =
            qEnvironmentVariable("CORSCOPE_SOURCE_DIR", QStringLiteral(QT_TESTCASE_SOURCEDIR "/../.."));
        QStringList files;
        for (const QString &folder :
             {QStringLiteral("/tests/browser/scenarios"), QStringLiteral("/resources/scenarios")}) {
            const QDir dir(source + folder);
            for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
                files << dir.filePath(name);
        }
        return files;
    }

    static std::optional<Scenario> readScenario(const QString &file, QString *error)
    {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly)) {
            *error = input.errorString();
            return std::nullopt;
        }
        ScenarioError parseError;
        std::optional<Scenario> scenario = ScenarioReader::read(input.readAll(), &parseError);
        if (!scenario)
            *error = parseError.toString();
        return scenario;
    }

    // Every request the fetches put on the wire, in order, as runFetch hands them to the server.
    static QList<OutgoingRequest> sentRequests(const Scenario &scenario, const BrowserProfile &profile,
                                               EvaluationDetail detail)
    {
        ManualClock clock(1'000'000);
        PreflightCache cache(profile, clock);
        QList<OutgoingRequest> sent;
        for (const ScenarioFetch &fetch : scenario.fetches) {
            clock.advance(fetch.delayMs);
            runFetch(
                fetch.request, profile, cache,
                [&](const OutgoingRequest &request) {
                    sent.append(request);
                    return scenario.respond(request);
                },
                detail);
        }
        return sent;
    }

private slots:
    void agreesWithTheFullEvaluation_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("firefox");
        const QStringList files = scenarioFiles();
        QVERIFY2(files.size() >= 150, qPrintable(QString::number(files.size())));
        for (const QString &file : files) {
            const QByteArray name = QFileInfo(file).completeBaseName().toUtf8();
            QTest::newRow(("chromium/" + name).constData()) << file << false;
            QTest::newRow(("firefox/" + name).constData()) << file << true;
        }
    }

    void agreesWithTheFullEvaluation()
    {
        QFETCH(QString, file);
        QFETCH(bool, firefox);
        QString error;
        const std::optional<Scenario> scenario = readScenario(file, &error);
        QVERIFY2(scenario, qPrintable(error));
        const BrowserProfile &profile = firefox ? BrowserProfile::firefox() : BrowserProfile::chromium();

        const QList<Evaluation> full = ScenarioRunner::run(*scenario, profile, EvaluationDetail::Full);
        const QList<Evaluation> fast = ScenarioRunner::run(*scenario, profile, EvaluationDetail::VerdictOnly);
        QCOMPARE(fast.size(), full.size());
        for (qsizetype i = 0; i < full.size(); ++i) {
            const Evaluation &f = full.at(i);
            const Evaluation &v = fast.at(i);
            QCOMPARE(v.allowed(), f.allowed());
            QCOMPARE(v.errorCode(), f.errorCode());
            QCOMPARE(v.failure.hint, f.failure.hint);
            QCOMPARE(v.failure.url, f.failure.url);
            QCOMPARE(v.failure.initialUrl, f.failure.initialUrl);
            QCOMPARE(v.failure.origin, f.failure.origin);
            QCOMPARE(v.failure.status, f.failure.status);
            QCOMPARE(v.failure.viaPreflight, f.failure.viaPreflight);
            QCOMPARE(v.consoleMessage, f.consoleMessage);
            QCOMPARE(v.rejection, f.rejection);
            QCOMPARE(v.preflightRequired, f.preflightRequired);
            QCOMPARE(v.preflightSent, f.preflightSent);
            QCOMPARE(v.preflightFromCache, f.preflightFromCache);
            QCOMPARE(v.actualRequestSent, f.actualRequestSent);
            QCOMPARE(v.preflightStatus, f.preflightStatus);
            QCOMPARE(v.responseType, f.responseType);
            QCOMPARE(v.status, f.status);
            QCOMPARE(v.finalUrl, f.finalUrl);
            QCOMPARE(int(v.cache.kind), int(f.cache.kind));
            QCOMPARE(v.cache.maxAgeSeconds, f.cache.maxAgeSeconds);
            QCOMPARE(v.cache.remainingMs, f.cache.remainingMs);
            QCOMPARE(v.cache.methods.toList(), f.cache.methods.toList());
            QCOMPARE(v.cache.headers.toList(), f.cache.headers.toList());
            QCOMPARE(v.cache.credentials, f.cache.credentials);
            QVERIFY(v.steps.isEmpty());
        }
    }

    // Verdict-only builds a request only when asked for it: built late, it must be the request
    // the full evaluation sends.
    void sendsTheSameRequests_data() { agreesWithTheFullEvaluation_data(); }
    void sendsTheSameRequests()
    {
        QFETCH(QString, file);
        QFETCH(bool, firefox);
        QString error;
        std::optional<Scenario> scenario = readScenario(file, &error);
        QVERIFY2(scenario, qPrintable(error));
        const BrowserProfile &profile = firefox ? BrowserProfile::firefox() : BrowserProfile::chromium();
        // A WebSocket handshake's key is a fresh nonce per evaluation: fixed here so that the two
        // evaluations can send the same bytes.
        for (ScenarioFetch &fetch : scenario->fetches)
            fetch.request.webSocketKey = "dGhlIHNhbXBsZSBub25jZQ==";

        const QList<OutgoingRequest> full = sentRequests(*scenario, profile, EvaluationDetail::Full);
        const QList<OutgoingRequest> fast = sentRequests(*scenario, profile, EvaluationDetail::VerdictOnly);
        QCOMPARE(fast.size(), full.size());
        for (qsizetype i = 0; i < full.size(); ++i) {
            QCOMPARE(int(fast.at(i).kind), int(full.at(i).kind));
            QCOMPARE(fast.at(i).url, full.at(i).url);
            QCOMPARE(fast.at(i).method, full.at(i).method);
            QCOMPARE(headerLines(fast.at(i).headers), headerLines(full.at(i).headers));
            QCOMPARE(fast.at(i).body, full.at(i).body);
            QCOMPARE(fast.at(i).withCredentials, full.at(i).withCredentials);
        }
    }
};

QTEST_GUILESS_MAIN(TestVerdictOnly)
#include "tst_verdictonly.moc"
