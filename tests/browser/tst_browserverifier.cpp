#include "playground/demoapiserver.h"
#include "verify/browserverifier.h"

#include <QSignalSpy>
#include <QTest>

using namespace Corscope;

namespace {

PlaygroundRequest putWithHeader()
{
    PlaygroundRequest request;
    request.method = "PUT";
    request.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "7f3c"}};
    request.body = QByteArray(R"({"saved":true})");
    return request;
}

CorsPolicy policyFor(const DemoApiServer &server, const QByteArrayList &headers)
{
    CorsPolicy policy;
    policy.allowedOrigins = {server.pageOrigin().toString()};
    policy.allowedMethods = {"GET", "PUT"};
    policy.allowedHeaders = headers;
    return policy;
}

} // namespace

class TestBrowserVerifier : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!BrowserVerifier::isAvailable())
            QSKIP("Chromium is not installed (set CORSCOPE_CHROMIUM)");
    }

    void blockedPreflightStopsTheRequest()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        server.setPolicy(policyFor(server, {"Content-Type"}));
        BrowserVerifier verifier(server);
        QSignalSpy finished(&verifier, &BrowserVerifier::finished);
        QVERIFY(verifier.start(putWithHeader()));
        QVERIFY(verifier.isRunning());
        QVERIFY(!verifier.start(putWithHeader())); // one run at a time
        QVERIFY(finished.wait(60000));
        const auto verdict = finished.at(0).at(0).value<BrowserVerdict>();
        QVERIFY2(verdict.completed, qPrintable(verdict.error));
        QVERIFY(!verdict.allowed);
        QVERIFY(verdict.rejection.contains(QLatin1String("TypeError")));
        // Chromium sent the preflight and nothing else.
        QCOMPARE(verdict.requests.size(), 1);
        QCOMPARE(verdict.requests.at(0).method, QByteArray("OPTIONS"));
        QCOMPARE(verdict.requests.at(0).headers.get("access-control-request-headers"),
                 QByteArray("content-type,x-request-id"));
        QVERIFY(!verifier.isRunning());
    }

    void allowedRequestReachesTheServer()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        server.setPolicy(policyFor(server, {"Content-Type", "X-Request-Id"}));
        BrowserVerifier verifier(server);
        QSignalSpy finished(&verifier, &BrowserVerifier::finished);
        QVERIFY(verifier.start(putWithHeader()));
        QVERIFY(finished.wait(60000));
        const auto verdict = finished.at(0).at(0).value<BrowserVerdict>();
        QVERIFY2(verdict.completed, qPrintable(verdict.error));
        QVERIFY2(verdict.allowed, qPrintable(verdict.rejection));
        QCOMPARE(verdict.status, 200);
        QCOMPARE(verdict.responseType, QStringLiteral("cors"));
        QCOMPARE(verdict.requests.size(), 2);
        QCOMPARE(verdict.requests.at(0).method, QByteArray("OPTIONS"));
        QCOMPARE(verdict.requests.at(1).method, QByteArray("PUT"));
        QCOMPARE(verdict.requests.at(1).body, QByteArray(R"({"saved":true})"));
        QCOMPARE(verdict.requests.at(1).headers.get("x-request-id"), QByteArray("7f3c"));
    }

    void cancelStopsTheRun()
    {
        DemoApiServer server;
        QVERIFY(server.start());
        BrowserVerifier verifier(server);
        QSignalSpy finished(&verifier, &BrowserVerifier::finished);
        QVERIFY(verifier.start(putWithHeader()));
        verifier.cancel();
        QCOMPARE(finished.size(), 1); // at once, not when Chromium gets round to it
        const auto verdict = finished.at(0).at(0).value<BrowserVerdict>();
        QVERIFY(!verdict.completed);
        QCOMPARE(verdict.error, QStringLiteral("canceled"));
        QVERIFY(!verifier.isRunning());
        QVERIFY(verifier.start(putWithHeader())); // and a new run can start
        verifier.cancel();
    }
};

QTEST_GUILESS_MAIN(TestBrowserVerifier)
#include "tst_browserverifier.moc"
