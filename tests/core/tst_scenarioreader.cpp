#include "scenario/scenario.h"

#include <QDir>
#include <QTest>

using namespace Corscope;

class TestScenarioReader : public QObject {
    Q_OBJECT

private slots:
    void readsAFullScenario()
    {
        const QByteArray json = QByteArray(
            "{\"name\": \"n\", \"request\": {\"url\": \"http://api.test/r\", \"origin\": "
            "\"http://page.test\", \"method\": \"PUT\", \"headers\": [[\"X-A\", \"1\"], [\"x-a\", \"2\"]], "
            "\"credentials\": \"include\"}, \"responses\": [{\"method\": \"OPTIONS\", \"url\": "
            "\"http://api.test/r\", \"status\": 204, \"headers\": [[\"Access-Control-Allow-Origin\", "
            "\"{origin}\"]]}], \"fetches\": [0, {\"delayMs\": 50, \"method\": \"DELETE\"}]}");
        ScenarioError error;
        const std::optional<Scenario> scenario = ScenarioReader::read(json, &error);
        QVERIFY2(scenario, qPrintable(error.toString()));
        QCOMPARE(scenario->request.headers.size(), 2);
        QCOMPARE(scenario->fetches.size(), 2);
        QCOMPARE(scenario->fetches.at(1).delayMs, 50);
        QCOMPARE(scenario->fetches.at(1).request.method, QByteArray("DELETE"));
        QVERIFY(scenario->fetches.at(1).request.credentials == CredentialsMode::Include);
        OutgoingRequest preflight;
        preflight.method = "OPTIONS";
        preflight.url = QUrl(QStringLiteral("http://api.test/r"));
        preflight.headers.append("Origin", "http://page.test");
        const HttpResponse response = scenario->respond(preflight);
        QCOMPARE(response.status, 204);
        QCOMPARE(response.headers.get("access-control-allow-origin").value(), QByteArray("http://page.test"));
        preflight.method = "GET";
        QCOMPARE(scenario->respond(preflight).status, 404);
    }

    void roundTripsThroughJson()
    {
        const QByteArray json = QByteArray(
            "{\"request\": {\"url\": \"http://api.test/r\", \"origin\": \"http://page.test\", \"body\": "
            "\"x\"}, \"responses\": [{\"url\": \"http://api.test/r\", \"headers\": [[\"A\", \" b \"]]}]}");
        ScenarioError error;
        const std::optional<Scenario> first = ScenarioReader::read(json, &error);
        QVERIFY(first);
        const std::optional<Scenario> second =
            ScenarioReader::fromJson(ScenarioReader::toJson(*first), &error);
        QVERIFY2(second, qPrintable(error.toString()));
        QCOMPARE(second->request.body, first->request.body);
        QCOMPARE(second->responses.at(0).response.headers, first->responses.at(0).response.headers);
    }

    // resourceType and crossorigin (issue 21) set mode and credentials as the browser does, and
    // survive a round trip; a binary body travels as bodyBase64.
    void readsRequestKinds()
    {
        const QByteArray json = QByteArray(
            "{\"request\": {\"url\": \"http://api.test/r\", \"origin\": \"http://page.test\", "
            "\"resourceType\": \"image\"}, \"responses\": [{\"url\": \"http://api.test/r\", "
            "\"bodyBase64\": \"R0lGODlh\"}], \"fetches\": [0, {\"crossorigin\": \"use-credentials\"}, "
            "{\"resourceType\": \"font\"}, {\"resourceType\": \"xhr\", \"credentials\": \"include\"}]}");
        ScenarioError error;
        const std::optional<Scenario> scenario = ScenarioReader::read(json, &error);
        QVERIFY2(scenario, qPrintable(error.toString()));
        QCOMPARE(scenario->responses.at(0).response.body, QByteArray("GIF89a"));
        const FetchRequest &image = scenario->fetches.at(0).request;
        QVERIFY(image.resourceType == ResourceType::Image && image.mode == RequestMode::NoCors);
        QVERIFY(image.initiator == RequestInitiator::Image);
        const FetchRequest &credentialed = scenario->fetches.at(1).request;
        QVERIFY(credentialed.crossOrigin == CrossOrigin::UseCredentials &&
                credentialed.mode == RequestMode::Cors &&
                credentialed.credentials == CredentialsMode::Include);
        const FetchRequest &font = scenario->fetches.at(2).request;
        QVERIFY(font.mode == RequestMode::Cors && font.credentials == CredentialsMode::SameOrigin &&
                font.crossOrigin == CrossOrigin::Absent);
        const FetchRequest &xhr = scenario->fetches.at(3).request;
        QVERIFY(xhr.initiator == RequestInitiator::XmlHttpRequest &&
                xhr.credentials == CredentialsMode::Include);

        const std::optional<Scenario> again =
            ScenarioReader::fromJson(ScenarioReader::toJson(*scenario), &error);
        QVERIFY2(again, qPrintable(error.toString()));
        QCOMPARE(again->responses.at(0).response.body, QByteArray("GIF89a"));
        for (qsizetype i = 0; i < scenario->fetches.size(); ++i) {
            const FetchRequest &a = scenario->fetches.at(i).request;
            const FetchRequest &b = again->fetches.at(i).request;
            QVERIFY(a.resourceType == b.resourceType && a.crossOrigin == b.crossOrigin && a.mode == b.mode &&
                    a.credentials == b.credentials);
        }
    }

    // A worker's script is fetched same-origin; context "worker" (a fetch() or importScripts()
    // inside a worker) survives a round trip.
    void readsWorkersAndTheWorkerContext()
    {
        const QByteArray json = QByteArray(
            "{\"request\": {\"url\": \"http://api.test/r\", \"origin\": \"http://page.test\", "
            "\"resourceType\": \"worker\"}, \"responses\": [], \"fetches\": [0, "
            "{\"resourceType\": \"script\", \"context\": \"worker\"}]}");
        ScenarioError error;
        const std::optional<Scenario> scenario = ScenarioReader::read(json, &error);
        QVERIFY2(scenario, qPrintable(error.toString()));
        const FetchRequest &worker = scenario->fetches.at(0).request;
        QVERIFY(worker.resourceType == ResourceType::Worker && worker.mode == RequestMode::SameOrigin &&
                worker.credentials == CredentialsMode::SameOrigin &&
                worker.initiator == RequestInitiator::Worker && !worker.inWorker);
        const FetchRequest &imported = scenario->fetches.at(1).request;
        QVERIFY(imported.resourceType == ResourceType::Script && imported.inWorker &&
                imported.mode == RequestMode::NoCors);
        const std::optional<Scenario> again =
            ScenarioReader::fromJson(ScenarioReader::toJson(*scenario), &error);
        QVERIFY2(again, qPrintable(error.toString()));
        QVERIFY(again->request.resourceType == ResourceType::Worker);
        QVERIFY(again->fetches.at(1).request.inWorker);
    }

    // An EventSource kept open through a reconnection, whose reconnection the server answers apart
    // (lastEventId), and a module worker: read, answered, and written back.
    void readsReconnectsAndModuleWorkers()
    {
        const QByteArray json = QByteArray(
            "{\"request\": {\"url\": \"http://api.test/r\", \"origin\": \"http://page.test\", "
            "\"resourceType\": \"eventsource\", \"reconnect\": true}, \"responses\": ["
            "{\"url\": \"http://api.test/r\", \"status\": 204, \"lastEventId\": \"1\"},"
            "{\"url\": \"http://api.test/r\", \"status\": 200}], \"fetches\": [0, "
            "{\"resourceType\": \"worker\", \"workerType\": \"module\", \"reconnect\": false}]}");
        ScenarioError error;
        const std::optional<Scenario> scenario = ScenarioReader::read(json, &error);
        QVERIFY2(scenario, qPrintable(error.toString()));
        QVERIFY(scenario->request.eventSourceReconnects);
        QVERIFY(scenario->fetches.at(1).request.moduleWorker);
        OutgoingRequest first;
        first.url = QUrl(QStringLiteral("http://api.test/r"));
        QCOMPARE(scenario->respond(first).status, 200);
        OutgoingRequest reconnection = first;
        reconnection.headers.append("Last-Event-ID", "1");
        QCOMPARE(scenario->respond(reconnection).status, 204);
        const std::optional<Scenario> again = ScenarioReader::fromJson(ScenarioReader::toJson(*scenario), &error);
        QVERIFY2(again, qPrintable(error.toString()));
        QVERIFY(again->request.eventSourceReconnects);
        QCOMPARE(again->respond(reconnection).status, 204);

        QVERIFY(!ScenarioReader::read(QByteArray("{\"request\": {\"url\": \"http://a.test/\", \"origin\": "
                                                 "\"http://p.test\", \"reconnect\": \"yes\"}, \"responses\": []}"),
                                      &error));
        QCOMPARE(error.path, QStringLiteral("request.reconnect"));
    }

    void rejectsContradictoryKinds_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown kind")
            << QByteArray("\"resourceType\": \"picture\"") << QStringLiteral("resourceType must be");
        QTest::newRow("crossorigin on fetch")
            << QByteArray("\"crossorigin\": \"anonymous\"") << QStringLiteral("crossorigin must be");
        QTest::newRow("mode with a kind") << QByteArray("\"resourceType\": \"xhr\", \"mode\": \"no-cors\"")
                                          << QStringLiteral("the resourceType decides the mode");
        QTest::newRow("headers on an image")
            << QByteArray("\"resourceType\": \"image\", \"headers\": [[\"X-A\", \"1\"]]")
            << QStringLiteral("an element's request is a GET");
        QTest::newRow("crossorigin on a worker")
            << QByteArray("\"resourceType\": \"worker\", \"crossorigin\": \"anonymous\"")
            << QStringLiteral("crossorigin must be");
        QTest::newRow("unknown context") << QByteArray("\"context\": \"iframe\"")
                                         << QStringLiteral("context must be page or worker");
    }

    void rejectsContradictoryKinds()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, message);
        const QByteArray json = "{\"request\": {\"url\": \"http://api.test/r\", \"origin\": "
                                "\"http://page.test\", " +
                                request + "}, \"responses\": []}";
        ScenarioError error;
        QVERIFY(!ScenarioReader::read(json, &error));
        QVERIFY2(error.toString().contains(message), qPrintable(error.toString()));
    }

    // Every file in tests/data/scenarios-broken must give a clear error, never a crash.
    void brokenFilesGiveClearErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                       QStringLiteral("/tests/data/scenarios-broken"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() >= 8);
        for (const QString &file : files) {
            QFile expectation(dir.filePath(file + QStringLiteral(".expected")));
            QVERIFY2(expectation.open(QIODevice::ReadOnly), qPrintable(file));
            QTest::newRow(qPrintable(file))
                << dir.filePath(file) << QString::fromUtf8(expectation.readAll()).trimmed();
        }
    }

    void brokenFilesGiveClearErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ScenarioError error;
        QVERIFY(!ScenarioReader::read(file.readAll(), &error));
        QCOMPARE(error.toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestScenarioReader)
#include "tst_scenarioreader.moc"
