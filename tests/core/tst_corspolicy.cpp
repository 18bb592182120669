#include "cors/browserprofile.h"
#include "cors/preflightcache.h"
#include "playground/cachedpreflightrecheck.h"
#include "playground/corspolicy.h"

#include <QJsonDocument>
#include <QTest>

using namespace Corscope;

namespace {

HeaderList fromOrigin(const QByteArray &origin)
{
    return {{"Origin", origin}, {"Access-Control-Request-Method", "PUT"}};
}

} // namespace

class TestCorsPolicy : public QObject {
    Q_OBJECT

private slots:
    void allowOrigin_data()
    {
        QTest::addColumn<int>("rule");
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<QByteArray>("expected"); // empty: no ACAO
        QTest::newRow("listed") << int(OriginRule::AllowList) << QByteArray("https://app.example")
                                << QByteArray("https://app.example");
        QTest::newRow("not listed") << int(OriginRule::AllowList) << QByteArray("https://evil.example")
                                    << QByteArray();
        QTest::newRow("listing is exact")
            << int(OriginRule::AllowList) << QByteArray("https://app.example:443") << QByteArray();
        QTest::newRow("wildcard") << int(OriginRule::Wildcard) << QByteArray("https://evil.example")
                                  << QByteArray("*");
        QTest::newRow("reflect") << int(OriginRule::ReflectAny) << QByteArray("https://evil.example")
                                 << QByteArray("https://evil.example");
        QTest::newRow("reflect null")
            << int(OriginRule::ReflectAny) << QByteArray("null") << QByteArray("null");
    }

    void allowOrigin()
    {
        QFETCH(int, rule);
        QFETCH(QByteArray, origin);
        QFETCH(QByteArray, expected);
        CorsPolicy policy;
        policy.originRule = OriginRule(rule);
        policy.allowedOrigins = {QStringLiteral("https://app.example")};
        const HeaderList preflight = policy.preflightHeaders(fromOrigin(origin));
        const HeaderList actual = policy.actualHeaders(fromOrigin(origin));
        QCOMPARE(preflight.get("access-control-allow-origin").value_or(QByteArray()), expected);
        QCOMPARE(actual.get("access-control-allow-origin").value_or(QByteArray()), expected);
    }

    void preflightHeadersInOrder()
    {
        CorsPolicy policy;
        policy.allowedOrigins = {QStringLiteral("https://app.example")};
        policy.allowedMethods = {"GET", "PUT"};
        policy.allowedHeaders = {"Content-Type", "X-Request-Id"};
        policy.allowCredentials = true;
        policy.maxAgeSeconds = 0;
        policy.exposedHeaders = {"X-Total"}; // not a preflight header
        policy.extraHeaders = {{"X-Gateway", "kong"}};
        const HeaderList expected{{"Access-Control-Allow-Origin", "https://app.example"},
                                  {"Access-Control-Allow-Credentials", "true"},
                                  {"Access-Control-Allow-Methods", "GET, PUT"},
                                  {"Access-Control-Allow-Headers", "Content-Type, X-Request-Id"},
                                  {"Access-Control-Max-Age", "0"},
                                  {"Vary", "Origin"},
                                  {"X-Gateway", "kong"}};
        QCOMPARE(policy.preflightHeaders(fromOrigin("https://app.example")), expected);
    }

    void actualHeadersInOrder()
    {
        CorsPolicy policy;
        policy.originRule = OriginRule::Wildcard;
        policy.allowedMethods = {"PUT"}; // preflight only
        policy.exposedHeaders = {"X-Total", "ETag"};
        policy.varyOrigin = false;
        policy.sharedCacheSeconds = 60;
        const HeaderList expected{{"Access-Control-Allow-Origin", "*"},
                                  {"Access-Control-Expose-Headers", "X-Total, ETag"},
                                  {"Cache-Control", "public, max-age=60"}};
        QCOMPARE(policy.actualHeaders(fromOrigin("https://a.example")), expected);
        policy.sharedCacheSeconds = 0;
        QCOMPARE(policy.actualHeaders({}).get("cache-control"), QByteArray("no-store"));
    }

    void noOriginNoReflection()
    {
        CorsPolicy policy;
        policy.originRule = OriginRule::ReflectAny;
        QVERIFY(!policy.actualHeaders({}).contains("access-control-allow-origin"));
    }

    void jsonRoundTrip()
    {
        CorsPolicy policy;
        policy.originRule = OriginRule::ReflectAny;
        policy.allowedOrigins = {QStringLiteral("https://a.example")};
        policy.allowedMethods = {"PATCH"};
        policy.allowedHeaders = {"*"};
        policy.allowCredentials = true;
        policy.maxAgeSeconds = 86400;
        policy.exposedHeaders = {"X-Total"};
        policy.varyOrigin = false;
        policy.preflightStatus = 404;
        policy.actualStatus = 503;
        policy.sharedCacheSeconds = 30;
        policy.extraHeaders = {{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Origin", "*"}};
        const QByteArray json = QJsonDocument(policy.toJson()).toJson();
        QString error;
        const auto read = CorsPolicy::fromJson(QJsonDocument::fromJson(json).object(), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(*read, policy);
        QCOMPARE(CorsPolicy::fromJson({}, &error), CorsPolicy());
    }

    void jsonErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("rule") << QByteArray(R"({"originRule":"any"})") << QStringLiteral("originRule");
        QTest::newRow("origins") << QByteArray(R"({"allowedOrigins":"*"})")
                                 << QStringLiteral("allowedOrigins");
        QTest::newRow("methods") << QByteArray(R"({"allowedMethods":[1]})")
                                 << QStringLiteral("allowedMethods");
        QTest::newRow("credentials") << QByteArray(R"({"allowCredentials":"yes"})")
                                     << QStringLiteral("allowCredentials");
        QTest::newRow("status") << QByteArray(R"({"preflightStatus":99})")
                                << QStringLiteral("preflightStatus");
        QTest::newRow("fraction") << QByteArray(R"({"maxAgeSeconds":1.5})")
                                  << QStringLiteral("maxAgeSeconds");
        QTest::newRow("extra") << QByteArray(R"({"extraHeaders":[["X"]]})") << QStringLiteral("extraHeaders");
    }

    void jsonErrorsNameTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QString error;
        QVERIFY(!CorsPolicy::fromJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY2(error.contains(field), qPrintable(error));
    }

    // The Max-Age lesson: an entry cached under the old policy, asked again of the new one.
    void aCachedPreflightIsAskedAgainOfTheCurrentPolicy()
    {
        ManualClock clock(1000);
        PreflightCache cache(BrowserProfile::chromium(), clock);
        const QUrl url(QStringLiteral("http://127.0.0.1:8080/api/items/1"));
        cache.store("https://app.example", url, false, {"GET", "PUT"}, {"x-trace"}, 600);
        const PreflightCacheEntry entry = cache.freshEntries().constFirst();
        CorsPolicy policy;
        policy.allowedOrigins = {QStringLiteral("https://app.example")};
        policy.allowedMethods = {"GET", "PUT"};
        policy.allowedHeaders = {"X-Trace"};
        policy.maxAgeSeconds = 600;
        QVERIFY(CachedPreflightRecheck::refusedNow(entry, policy, BrowserProfile::chromium()).isEmpty());

        policy.allowedMethods = {"GET"}; // the server stopped allowing PUT
        const QString refused = CachedPreflightRecheck::refusedNow(entry, policy, BrowserProfile::chromium());
        QVERIFY2(refused.contains(QStringLiteral("method-not-allowed: PUT")) &&
                     refused.contains(QStringLiteral("until this entry expires")),
                 qPrintable(refused));
        policy.allowedMethods = {"GET", "PUT"};
        policy.allowedHeaders = {};
        QVERIFY2(CachedPreflightRecheck::refusedNow(entry, policy, BrowserProfile::chromium())
                     .contains(QStringLiteral("x-trace")),
                 qPrintable(CachedPreflightRecheck::refusedNow(entry, policy, BrowserProfile::chromium())));
        policy.allowedHeaders = {"X-Trace"};
        policy.allowedOrigins = {QStringLiteral("https://other.example")};
        QVERIFY(!CachedPreflightRecheck::refusedNow(entry, policy, BrowserProfile::chromium()).isEmpty());
    }

    void originRuleIds()
    {
        for (OriginRule rule : {OriginRule::AllowList, OriginRule::Wildcard, OriginRule::ReflectAny})
            QVERIFY(originRuleFromString(toString(rule)) == rule);
        QVERIFY(!originRuleFromString(QStringLiteral("*")));
    }
};

QTEST_GUILESS_MAIN(TestCorsPolicy)
#include "tst_corspolicy.moc"
