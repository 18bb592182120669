#include "cors/preflightcache.h"

#include <QTest>

using namespace Corscope;

class TestPreflightCache : public QObject {
    Q_OBJECT

private:
    const QByteArray origin = "https://app.example";
    const QUrl url{QStringLiteral("https://api.example/r")};

private slots:
    void removeForgetsOnlyTheNamedEntry()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::firefox(), clock);
        cache.store(origin, url, false, {"PUT"}, {}, 60);
        cache.store(origin, url, true, {"PUT"}, {}, 60);
        cache.remove(origin, url, true);
        QCOMPARE(cache.freshEntries().size(), 1);
        QCOMPARE(cache.freshEntries().constFirst().credentials, false);
        QVERIFY(cache.lookup(origin, url, false, "PUT", {}).hit);
        QVERIFY(!cache.lookup(origin, url, true, "PUT", {}).hit);
    }

    void entryExpiresWithTheClock()
    {
        ManualClock clock(1000);
        PreflightCache cache(BrowserProfile::chromium(), clock);
        cache.store(origin, url, false, {"PUT"}, {"x-a"}, 10);
        QVERIFY(cache.lookup(origin, url, false, "PUT", {"x-a"}).hit);
        clock.advance(9999);
        const PreflightCacheLookup late = cache.lookup(origin, url, false, "PUT", {"x-a"});
        QVERIFY(late.hit);
        QCOMPARE(late.remainingMs, qint64(1));
        clock.advance(1);
        QVERIFY(!cache.lookup(origin, url, false, "PUT", {"x-a"}).hit);
        QVERIFY(cache.freshEntries().isEmpty());
    }

    void coversOnlyWhatWasAllowed()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::chromium(), clock);
        cache.store(origin, url, false, {"PUT"}, {"x-a"}, 60);
        QCOMPARE(cache.lookup(origin, url, false, "DELETE", {}).uncoveredMethod, QByteArray("DELETE"));
        QCOMPARE(cache.lookup(origin, url, false, "PUT", {"x-b"}).uncoveredHeader, QByteArray("x-b"));
        QVERIFY(cache.lookup(origin, url, false, "GET", {"X-A"}).hit);
        QVERIFY(!cache.lookup("https://other.example", url, false, "PUT", {}).hit);
        QVERIFY(
            !cache.lookup(origin, QUrl(QStringLiteral("https://api.example/other")), false, "PUT", {}).hit);
    }

    void credentialsRulesDifferPerBrowser()
    {
        ManualClock clock;
        PreflightCache chromium(BrowserProfile::chromium(), clock);
        chromium.store(origin, url, true, {"PUT"}, {}, 60);
        QVERIFY(chromium.lookup(origin, url, false, "PUT", {}).hit); // credentialed serves uncredentialed
        chromium.store(origin, url, false, {"PUT"}, {}, 60);
        QVERIFY(chromium.lookup(origin, url, true, "PUT", {}).credentialsMismatch);

        PreflightCache firefox(BrowserProfile::firefox(), clock);
        firefox.store(origin, url, true, {"PUT"}, {}, 60);
        QVERIFY(!firefox.lookup(origin, url, false, "PUT", {}).hit); // keyed by credentials
    }

    void wildcardAndMergingDifferPerBrowser()
    {
        ManualClock clock;
        PreflightCache chromium(BrowserProfile::chromium(), clock);
        chromium.store(origin, url, false, {"*"}, {"*"}, 60);
        QVERIFY(chromium.lookup(origin, url, false, "DELETE", {"x-b"}).hit);
        QVERIFY(chromium.lookup(origin, url, false, "DELETE", {"authorization"})
                    .hit); // Chromium 156: '*' covers it
        chromium.store(origin, url, false, {"PUT"}, {}, 60);
        chromium.store(origin, url, false, {"DELETE"}, {}, 60);
        QVERIFY(!chromium.lookup(origin, url, false, "PUT", {}).hit); // replaced

        PreflightCache firefox(BrowserProfile::firefox(), clock);
        firefox.store(origin, url, false, {"*"}, {}, 60);
        QVERIFY(!firefox.lookup(origin, url, false, "DELETE", {}).hit); // '*' compared literally
        firefox.store(origin, url, false, {"PUT"}, {}, 60);
        firefox.store(origin, url, false, {"DELETE"}, {}, 60);
        QVERIFY(firefox.lookup(origin, url, false, "PUT", {}).hit); // merged
    }

    void zeroMaxAgeStoresNothing()
    {
        ManualClock clock;
        PreflightCache cache(BrowserProfile::firefox(), clock);
        cache.store(origin, url, false, {"PUT"}, {}, 0);
        QVERIFY(cache.freshEntries().isEmpty());
        cache.store(origin, url, false, {"PUT"}, {}, 5);
        cache.clear(origin, url);
        QVERIFY(cache.freshEntries().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPreflightCache)
#include "tst_preflightcache.moc"
