#include "cors/corserror.h"
#include "har/harreader.h"

#include <QDir>
#include <QTest>
#include <algorithm>

using namespace Corscope;

namespace {

QByteArray readData(const QString &relative)
{
    QFile file(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har/") + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestHarReader : public QObject {
    Q_OBJECT

private:
    // A captured GET to url with these request headers, as a HAR or the proxy records it; the
    // server's answer is a bare 200 until a test says otherwise.
    static HarEntry capturedGet(const char *url,
                                std::initializer_list<std::pair<const char *, const char *>> headers)
    {
        HarEntry entry;
        entry.method = "GET";
        entry.url = QUrl(QString::fromLatin1(url));
        for (const auto &[name, value] : headers)
            entry.requestHeaders.append(name, value);
        entry.response.status = 200;
        return entry;
    }

private slots:
    void chromeExportPairsPreflightsAndSkipsSameOrigin()
    {
        const QByteArray har = readData(QStringLiteral("chrome-export.har"));
        QVERIFY(HarReader::looksLikeHar(har));
        HarError error;
        const std::optional<QList<HarEntry>> entries = HarReader::read(har, &error);
        QVERIFY2(entries, qPrintable(error.toString()));
        QCOMPARE(entries->size(), 5);
        QVERIFY(!entries->at(0).requestHeaders.contains(":authority")); // HTTP/2 pseudo-headers dropped
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(*entries);
        QCOMPARE(scenarios.size(), 3); // the preflight is paired, the document is same-origin

        const HarScenario &put = scenarios.at(0);
        QCOMPARE(put.entryIndex, 1);
        QCOMPARE(put.scenario.request.method, QByteArray("PUT"));
        QVERIFY(put.scenario.request.headers.contains("x-trace-id"));
        QVERIFY(!put.scenario.request.headers.contains("user-agent"));
        QVERIFY(!put.scenario.request.headers.contains("referer"));
        const Evaluation blocked = ScenarioRunner::run(put.scenario, BrowserProfile::chromium()).first();
        QCOMPARE(blocked.errorCode(), QStringLiteral("method-not-allowed"));

        const HarScenario &me = scenarios.at(1);
        QVERIFY(me.scenario.request.credentials == CredentialsMode::Include);
        QCOMPARE(ScenarioRunner::run(me.scenario, BrowserProfile::chromium()).first().errorCode(),
                 QStringLiteral("wildcard-origin-with-credentials"));

        const Evaluation catalog =
            ScenarioRunner::run(scenarios.at(2).scenario, BrowserProfile::chromium()).first();
        QVERIFY(catalog.allowed());
        QCOMPARE(catalog.readableHeaders, (QByteArrayList{"content-type"}));
    }

    void firefoxExportFollowsTheRedirectChain()
    {
        HarError error;
        const std::optional<QList<HarEntry>> entries =
            HarReader::read(readData(QStringLiteral("firefox-export.har")), &error);
        QVERIFY2(entries, qPrintable(error.toString()));
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(*entries);
        QCOMPARE(scenarios.size(), 1); // the second hop belongs to the first request
        const Evaluation e =
            ScenarioRunner::run(scenarios.first().scenario, BrowserProfile::firefox()).first();
        QCOMPARE(e.errorCode(), QStringLiteral("allow-origin-mismatch"));
        QCOMPARE(e.exchanges.size(), 2);
        QCOMPARE(e.exchanges.at(1).request.headers.get("origin").value(), QByteArray("null"));
    }

    // Sec-Fetch-Dest and Sec-Fetch-Mode, as the browsers send them for each kind, name the kind and
    // the element's crossorigin attribute; cookies make it use-credentials.
    void secFetchHeadersNameTheKind_data()
    {
        QTest::addColumn<QByteArray>("dest");
        QTest::addColumn<QByteArray>("mode");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("cookie");
        QTest::addColumn<ResourceType>("type");
        QTest::addColumn<CrossOrigin>("crossOrigin");
        QTest::addColumn<RequestMode>("requestMode");
        QTest::addColumn<CredentialsMode>("credentials");
        QTest::addColumn<RequestInitiator>("initiator");
        QTest::addColumn<bool>("assumedFetch");
        QTest::newRow("script no-cors") << QByteArray("script") << QByteArray("no-cors") << QByteArray("*/*")
                                        << false << ResourceType::Script << CrossOrigin::Absent
                                        << RequestMode::NoCors << CredentialsMode::Include
                                        << RequestInitiator::Script << false;
        QTest::newRow("script cors") << QByteArray("script") << QByteArray("cors") << QByteArray("*/*") << false
                                     << ResourceType::Script << CrossOrigin::Anonymous << RequestMode::Cors
                                     << CredentialsMode::SameOrigin << RequestInitiator::Script << false;
        QTest::newRow("script cors with cookie")
            << QByteArray("script") << QByteArray("cors") << QByteArray("*/*") << true << ResourceType::Script
            << CrossOrigin::UseCredentials << RequestMode::Cors << CredentialsMode::Include
            << RequestInitiator::Script << false;
        QTest::newRow("style no-cors") << QByteArray("style") << QByteArray("no-cors") << QByteArray("text/css")
                                       << false << ResourceType::Stylesheet << CrossOrigin::Absent
                                       << RequestMode::NoCors << CredentialsMode::Include
                                       << RequestInitiator::Stylesheet << false;
        QTest::newRow("style cors") << QByteArray("style") << QByteArray("cors") << QByteArray("text/css")
                                    << false << ResourceType::Stylesheet << CrossOrigin::Anonymous
                                    << RequestMode::Cors << CredentialsMode::SameOrigin
                                    << RequestInitiator::Stylesheet << false;
        QTest::newRow("image no-cors") << QByteArray("image") << QByteArray("no-cors") << QByteArray("image/*")
                                       << false << ResourceType::Image << CrossOrigin::Absent
                                       << RequestMode::NoCors << CredentialsMode::Include
                                       << RequestInitiator::Image << false;
        QTest::newRow("image cors with cookie")
            << QByteArray("image") << QByteArray("cors") << QByteArray("image/*") << true << ResourceType::Image
            << CrossOrigin::UseCredentials << RequestMode::Cors << CredentialsMode::Include
            << RequestInitiator::Image << false;
        QTest::newRow("font") << QByteArray("font") << QByteArray("cors") << QByteArray("*/*") << false
                              << ResourceType::Font << CrossOrigin::Absent << RequestMode::Cors
                              << CredentialsMode::SameOrigin << RequestInitiator::Font << false;
        QTest::newRow("eventsource") << QByteArray("empty") << QByteArray("cors") << QByteArray("text/event-stream")
                                     << false << ResourceType::EventSource << CrossOrigin::Absent
                                     << RequestMode::Cors << CredentialsMode::SameOrigin
                                     << RequestInitiator::EventSource << false;
        QTest::newRow("eventsource with cookie")
            << QByteArray("empty") << QByteArray("cors") << QByteArray("text/event-stream") << true
            << ResourceType::EventSource << CrossOrigin::Absent << RequestMode::Cors << CredentialsMode::Include
            << RequestInitiator::EventSource << false;
        // Firefox's handshake: Sec-Fetch-Mode websocket, Sec-Fetch-Dest empty, Accept */*; cookies
        // or not, a WebSocket's credentials mode is include.
        QTest::newRow("websocket (Firefox)")
            << QByteArray("empty") << QByteArray("websocket") << QByteArray("*/*") << false
            << ResourceType::WebSocket << CrossOrigin::Absent << RequestMode::Cors << CredentialsMode::Include
            << RequestInitiator::WebSocket << false;
        QTest::newRow("websocket with cookie")
            << QByteArray("empty") << QByteArray("websocket") << QByteArray("*/*") << true
            << ResourceType::WebSocket << CrossOrigin::Absent << RequestMode::Cors << CredentialsMode::Include
            << RequestInitiator::WebSocket << false;
        QTest::newRow("empty: fetch or xhr")
            << QByteArray("empty") << QByteArray("cors") << QByteArray("*/*") << false << ResourceType::Fetch
            << CrossOrigin::Absent << RequestMode::Cors << CredentialsMode::SameOrigin << RequestInitiator::Fetch
            << true;
        QTest::newRow("empty no-cors fetch")
            << QByteArray("empty") << QByteArray("no-cors") << QByteArray("*/*") << false << ResourceType::Fetch
            << CrossOrigin::Absent << RequestMode::NoCors << CredentialsMode::SameOrigin
            << RequestInitiator::Fetch << true;
        QTest::newRow("worker") << QByteArray("worker") << QByteArray("same-origin") << QByteArray("*/*") << false
                                << ResourceType::Worker << CrossOrigin::Absent << RequestMode::SameOrigin
                                << CredentialsMode::SameOrigin << RequestInitiator::Worker << false;
        QTest::newRow("sharedworker") << QByteArray("sharedworker") << QByteArray("same-origin")
                                      << QByteArray("*/*") << false << ResourceType::Worker << CrossOrigin::Absent
                                      << RequestMode::SameOrigin << CredentialsMode::SameOrigin
                                      << RequestInitiator::Worker << false;
        QTest::newRow("no Sec-Fetch-Dest") << QByteArray() << QByteArray() << QByteArray("*/*") << false
                                           << ResourceType::Fetch << CrossOrigin::Absent << RequestMode::Cors
                                           << CredentialsMode::SameOrigin << RequestInitiator::Fetch << false;
    }

    // A captured handshake (Chromium sends no Sec-Fetch-*: Upgrade names it) is judged as one, with
    // the key it carried: the captured Accept completes it, another does not, and ACAO is no factor.
    void capturedWebSocketHandshakeIsJudgedWithItsKey_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("rightAccept");
        QTest::addColumn<bool>("opened");
        QTest::addColumn<QString>("message");
        QTest::newRow("101, right accept") << 101 << true << true << QString();
        QTest::newRow("101, wrong accept")
            << 101 << false << false
            << QStringLiteral("WebSocket connection to 'ws://api.test/socket' failed: Error during WebSocket "
                              "handshake: Incorrect 'Sec-WebSocket-Accept' header value");
        QTest::newRow("403") << 403 << true << false
                             << QStringLiteral("WebSocket connection to 'ws://api.test/socket' failed: Error "
                                               "during WebSocket handshake: Unexpected response code: 403");
    }

    void capturedWebSocketHandshakeIsJudgedWithItsKey()
    {
        QFETCH(int, status);
        QFETCH(bool, rightAccept);
        QFETCH(bool, opened);
        QFETCH(QString, message);
        HarEntry entry = capturedGet("http://api.test/socket", {{"Origin", "http://page.test"},
                                                                {"Upgrade", "websocket"},
                                                                {"Connection", "Upgrade"},
                                                                {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                                                {"Sec-WebSocket-Version", "13"}});
        entry.response.status = status;
        if (status == 101) {
            entry.response.headers.append("Upgrade", "websocket");
            entry.response.headers.append("Connection", "Upgrade");
            // [rfc6455] 1.3's worked example: this key's accept is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.
            entry.response.headers.append("Sec-WebSocket-Accept", rightAccept ? "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
                                                                               : "dGhlIHNhbXBsZSBub25jZQ==");
        }
        entry.response.headers.append("Access-Control-Allow-Origin", "http://other.example");
        const HarScenario item = HarReader::scenarioFor(entry, nullptr, {});
        QVERIFY(!item.notCors.isEmpty());
        QCOMPARE(toString(item.scenario.request.resourceType), QStringLiteral("websocket"));
        const Evaluation e = ScenarioRunner::run(item.scenario, BrowserProfile::chromium()).first();
        QCOMPARE(e.allowed(), opened);
        QCOMPARE(e.contentReadable, opened);
        QVERIFY(!e.preflightSent);
        QCOMPARE(e.consoleMessage, message);
    }

    void secFetchHeadersNameTheKind()
    {
        QFETCH(QByteArray, dest);
        QFETCH(QByteArray, mode);
        QFETCH(QByteArray, accept);
        QFETCH(bool, cookie);
        QFETCH(ResourceType, type);
        QFETCH(CrossOrigin, crossOrigin);
        QFETCH(RequestMode, requestMode);
        QFETCH(CredentialsMode, credentials);
        QFETCH(RequestInitiator, initiator);
        QFETCH(bool, assumedFetch);
        HeaderList sent;
        sent.append("Accept", accept);
        if (!dest.isNull())
            sent.append("Sec-Fetch-Dest", dest);
        if (!mode.isNull())
            sent.append("Sec-Fetch-Mode", mode);
        if (cookie)
            sent.append("Cookie", "sid=1");
        FetchRequest request;
        request.url = QUrl(QStringLiteral("http://api.test/r"));
        request.origin = Origin::parse(QStringLiteral("http://page.test"));
        QStringList assumptions;
        HarReader::inferPageRequest(request, sent, nullptr, &assumptions);
        QCOMPARE(toString(request.resourceType), toString(type));
        QCOMPARE(toString(request.crossOrigin), toString(crossOrigin));
        QCOMPARE(toString(request.mode), toString(requestMode));
        QCOMPARE(toString(request.credentials), toString(credentials));
        QCOMPARE(toString(request.initiator), toString(initiator));
        const bool said = std::any_of(assumptions.begin(), assumptions.end(), [](const QString &a) {
            return a.contains(QLatin1String("XMLHttpRequest"));
        });
        QCOMPARE(said, assumedFetch);
    }

    // A HAR's _resourceType says what the wire cannot: an XMLHttpRequest is one, judged with
    // Chromium's XMLHttpRequest wording and with nothing assumed about its kind.
    void harResourceTypeWinsOverTheWire()
    {
        HarEntry entry = capturedGet("http://api.test/r", {{"Origin", "http://page.test"},
                                                           {"Sec-Fetch-Dest", "empty"},
                                                           {"Sec-Fetch-Mode", "cors"}});
        entry.index = 0;
        entry.resourceType = "xhr";
        const HarScenario xhr = HarReader::scenarioFor(entry, nullptr, {});
        QCOMPARE(toString(xhr.scenario.request.resourceType), toString(ResourceType::Xhr));
        QCOMPARE(toString(xhr.scenario.request.initiator), toString(RequestInitiator::XmlHttpRequest));
        for (const QString &assumption : xhr.assumptions)
            QVERIFY2(!assumption.contains(QLatin1String("XMLHttpRequest")), qPrintable(assumption));
        const Evaluation blocked = ScenarioRunner::run(xhr.scenario, BrowserProfile::chromium()).first();
        QVERIFY(!blocked.allowed());
        QVERIFY2(blocked.consoleMessage.startsWith(QLatin1String("Access to XMLHttpRequest at")),
                 qPrintable(blocked.consoleMessage));

        // Without _resourceType (Firefox's HARs) the same entry is judged as fetch(), and says so.
        entry.resourceType.clear();
        const HarScenario guessed = HarReader::scenarioFor(entry, nullptr, {});
        QCOMPARE(toString(guessed.scenario.request.resourceType), toString(ResourceType::Fetch));
        QVERIFY(std::any_of(guessed.assumptions.begin(), guessed.assumptions.end(),
                            [](const QString &a) { return a.contains(QLatin1String("XMLHttpRequest")); }));
        const Evaluation fetch = ScenarioRunner::run(guessed.scenario, BrowserProfile::chromium()).first();
        QVERIFY2(fetch.consoleMessage.startsWith(QLatin1String("Access to fetch at")),
                 qPrintable(fetch.consoleMessage));
    }

    // A captured font without Access-Control-Allow-Origin is blocked as a font, and a no-cors
    // image is not CORS-checked at all: the kinds are judged, not only named.
    void capturedKindsAreJudgedByTheirKind()
    {
        const HarEntry font = capturedGet("http://cdn.test/f.woff2", {{"Origin", "http://page.test"},
                                                                      {"Sec-Fetch-Dest", "font"},
                                                                      {"Sec-Fetch-Mode", "cors"}});
        const Evaluation blocked =
            ScenarioRunner::run(HarReader::scenarioFor(font, nullptr, {}).scenario, BrowserProfile::chromium())
                .first();
        QVERIFY(!blocked.allowed());
        QVERIFY2(blocked.consoleMessage.startsWith(QLatin1String("Access to font at")),
                 qPrintable(blocked.consoleMessage));

        const HarEntry image = capturedGet("http://cdn.test/i.png", {{"Origin", "http://page.test"},
                                                                     {"Sec-Fetch-Dest", "image"},
                                                                     {"Sec-Fetch-Mode", "no-cors"}});
        const HarScenario opaque = HarReader::scenarioFor(image, nullptr, {});
        QCOMPARE(toString(opaque.scenario.request.resourceType), toString(ResourceType::Image));
        const Evaluation drawn = ScenarioRunner::run(opaque.scenario, BrowserProfile::chromium()).first();
        QVERIFY(drawn.allowed());
        QCOMPARE(drawn.responseType, QStringLiteral("opaque"));
    }

    // A worker's script goes out in mode same-origin, without Origin, and DevTools calls it
    // "script": Sec-Fetch-Dest names it a worker and the Referer gives the page. Same-origin it
    // runs; one that went to another origin (a redirect the capture did not keep) is refused.
    void capturedWorkerScriptIsAWorker()
    {
        HarEntry worker = capturedGet("http://page.test/worker.js", {{"Referer", "http://page.test/app/"},
                                                                     {"Sec-Fetch-Dest", "worker"},
                                                                     {"Sec-Fetch-Mode", "same-origin"}});
        worker.resourceType = "script";
        const HarScenario same = HarReader::scenarioFor(worker, nullptr, {});
        QCOMPARE(toString(same.scenario.request.resourceType), toString(ResourceType::Worker));
        QCOMPARE(same.scenario.request.origin.toString(), QStringLiteral("http://page.test"));
        QVERIFY(ScenarioRunner::run(same.scenario, BrowserProfile::chromium()).first().allowed());

        worker.url = QUrl(QStringLiteral("http://cdn.test/worker.js"));
        const HarScenario cross = HarReader::scenarioFor(worker, nullptr, {});
        const Evaluation refused = ScenarioRunner::run(cross.scenario, BrowserProfile::chromium()).first();
        QVERIFY(!refused.allowed());
        QCOMPARE(refused.consoleMessage,
                 QStringLiteral("Uncaught SecurityError: Failed to construct 'Worker': Script at "
                                "'http://cdn.test/worker.js' cannot be accessed from origin 'http://page.test'."));
        QVERIFY(refused.exchanges.isEmpty());
    }

    // [fetch] main fetch, step 12: a same-origin-mode request a redirect sends to another origin
    // fails there, with no next hop. A HAR of it (Chrome's, with _resourceType and redirectURL;
    // Firefox's, with neither) has that one same-origin entry: it is judged, as `check` judges the
    // page's request, and a later request for its Location is another fetch, not its hop.
    void aSameOriginModeRedirectAwayIsJudged_data()
    {
        QTest::addColumn<QByteArray>("resourceType");
        QTest::addColumn<QByteArray>("mode");
        QTest::addColumn<QByteArray>("destination");
        QTest::addColumn<bool>("referer");
        QTest::addColumn<bool>("redirectUrl");
        QTest::addRow("Chrome worker")
            << QByteArray("script") << QByteArray("same-origin") << QByteArray("worker") << true << true;
        QTest::addRow("Firefox worker")
            << QByteArray() << QByteArray("same-origin") << QByteArray("worker") << false << false;
        QTest::addRow("worker, no Sec-Fetch-Mode")
            << QByteArray() << QByteArray() << QByteArray("worker") << true << false;
        QTest::addRow("Chrome fetch() mode same-origin")
            << QByteArray("fetch") << QByteArray("same-origin") << QByteArray("empty") << true << true;
        QTest::addRow("Firefox fetch() mode same-origin")
            << QByteArray() << QByteArray("same-origin") << QByteArray("empty") << false << false;
    }

    void aSameOriginModeRedirectAwayIsJudged()
    {
        QFETCH(QByteArray, resourceType);
        QFETCH(QByteArray, mode);
        QFETCH(QByteArray, destination);
        QFETCH(bool, referer);
        QFETCH(bool, redirectUrl);
        HarEntry redirect = capturedGet("http://page.test/r", {{"Sec-Fetch-Dest", destination.constData()}});
        if (!mode.isEmpty())
            redirect.requestHeaders.append("Sec-Fetch-Mode", mode);
        if (referer)
            redirect.requestHeaders.append("Referer", "http://page.test/app/");
        redirect.resourceType = resourceType;
        redirect.response.status = 302;
        redirect.response.headers.append("Location", "http://api.test/final");
        if (redirectUrl)
            redirect.redirectUrl = QUrl(QStringLiteral("http://api.test/final"));
        HarEntry later = capturedGet(
            "http://api.test/final",
            {{"Origin", "http://page.test"}, {"Sec-Fetch-Dest", "empty"}, {"Sec-Fetch-Mode", "cors"}});
        later.index = 1;
        later.response.headers.append("Access-Control-Allow-Origin", "*");
        QVERIFY(HarReader::isRefusedSameOriginRedirect(redirect));
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios({redirect, later});
        QCOMPARE(scenarios.size(), 2);
        QCOMPARE(scenarios.at(0).entryIndex, 0);
        QCOMPARE(scenarios.at(1).entryIndex, 1);
        const Scenario &judged = scenarios.at(0).scenario;
        QCOMPARE(judged.request.origin.toString(), QStringLiteral("http://page.test"));
        QCOMPARE(judged.responses.size(), 1); // the later fetch is not a hop of this one

        const bool worker = destination == "worker";
        Scenario check;
        check.request.url = redirect.url;
        check.request.origin = Origin::parse(QStringLiteral("http://page.test"));
        if (worker) {
            applyResourceType(check.request, ResourceType::Worker, CrossOrigin::Absent);
        } else {
            check.request.mode = RequestMode::SameOrigin;
            check.request.credentials = CredentialsMode::SameOrigin;
        }
        check.responses = judged.responses;
        check.fetches = {ScenarioFetch{0, check.request}};
        for (const BrowserProfile *profile : {&BrowserProfile::chromium(), &BrowserProfile::firefox()}) {
            const Evaluation expected = ScenarioRunner::run(check, *profile).first();
            const Evaluation evaluation = ScenarioRunner::run(judged, *profile).first();
            QVERIFY(!evaluation.allowed());
            QCOMPARE(evaluation.errorCode(), corsErrorCode(CorsError::DisallowedByMode));
            QCOMPARE(evaluation.errorCode(), expected.errorCode());
            QCOMPARE(evaluation.consoleMessage, expected.consoleMessage);
            QCOMPARE(toString(evaluation.resourceType), toString(expected.resourceType));
            QVERIFY(ScenarioRunner::run(scenarios.at(1).scenario, *profile).first().allowed());
        }
    }

    // The same-origin redirects a browser follows are not judged at the redirect: one that stays on
    // the page's origin, a <script> (no-cors) and a fetch() (cors) sent to another origin — whose
    // cross-origin hop, carrying Origin, is the request judged.
    void aRedirectTheModeAllowsIsNotJudgedThere_data()
    {
        QTest::addColumn<QByteArray>("mode");
        QTest::addColumn<QByteArray>("destination");
        QTest::addColumn<QByteArray>("location");
        QTest::addRow("worker, same-origin Location")
            << QByteArray("same-origin") << QByteArray("worker") << QByteArray("/w.js");
        QTest::addRow("<script>, no-cors")
            << QByteArray("no-cors") << QByteArray("script") << QByteArray("http://api.test/final");
        QTest::addRow("fetch(), cors")
            << QByteArray("cors") << QByteArray("empty") << QByteArray("http://api.test/final");
    }

    void aRedirectTheModeAllowsIsNotJudgedThere()
    {
        QFETCH(QByteArray, mode);
        QFETCH(QByteArray, destination);
        QFETCH(QByteArray, location);
        HarEntry redirect = capturedGet("http://page.test/r", {{"Sec-Fetch-Mode", mode.constData()},
                                                               {"Sec-Fetch-Dest", destination.constData()},
                                                               {"Referer", "http://page.test/app/"}});
        redirect.response.status = 302;
        redirect.response.headers.append("Location", location);
        QVERIFY(!HarReader::isRefusedSameOriginRedirect(redirect));
        QVERIFY(HarReader::crossOriginScenarios({redirect}).isEmpty());
    }

    void brokenFilesGiveClearErrors_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                       QStringLiteral("/tests/data/har/broken"));
        for (const QString &file : dir.entryList({QStringLiteral("*.har")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << file;
    }

    void brokenFilesGiveClearErrors()
    {
        QFETCH(QString, file);
        const QByteArray har = readData(QStringLiteral("broken/") + file);
        const QString expected =
            QString::fromUtf8(readData(QStringLiteral("broken/") + file + QStringLiteral(".expected")))
                .trimmed();
        HarError error;
        QVERIFY(!HarReader::read(har, &error));
        QCOMPARE(error.toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestHarReader)
#include "tst_harreader.moc"
