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

    void mergedEntryKeepsTheValuesItsTokensView()
    {
        // Firefox merges every preflight for a URL into one entry; its tokens view the header
        // values they came from, which the entry must keep, and only those.
        ManualClock clock;
        PreflightCache cache(BrowserProfile::firefox(), clock);
        for (int round = 0; round < 50; ++round) {
            // Values built per round, dropped by the caller right after the store.
            const QByteArray methods = "PUT, PATCH-" + QByteArray::number(round);
            const QByteArray headers = "x-a, x-round-" + QByteArray::number(round);
            TokenList methodList = TokenList::over(methods);
            methodList.appendSpan(0, 3);
            methodList.appendSpan(5, methods.size() - 5);
            TokenList headerList = TokenList::over(headers);
            headerList.appendSpan(0, 3);
            headerList.appendSpan(5, headers.size() - 5);
            cache.store(origin, url, false, methodList, headerList, 600);
            clock.advance(1);
        }
        const QList<PreflightCacheEntry> entries = cache.freshEntries();
        QCOMPARE(entries.size(), 1);
        const PreflightCacheEntry &entry = entries.constFirst();
        QCOMPARE(entry.methods.size(), 51); // PUT and fifty PATCH-n
        QCOMPARE(entry.methods.first().token(), QByteArrayView("PUT"));
        QCOMPARE(entry.methods.last().token(), QByteArrayView("PATCH-49"));
        QCOMPARE(entry.headers.last().token(), QByteArrayView("x-round-49"));
        QVERIFY(cache.lookup(origin, url, false, "PATCH-7", {"x-round-7"}).hit);
        // Every round added a token, so every round's values are still viewed, and none twice
        // over: a value no token views is dropped.
        QCOMPARE(entry.sources.size(), 100);

        // The same answer over and over adds no token: the entry keeps the first values only.
        PreflightCache repeated(BrowserProfile::firefox(), clock);
        for (int round = 0; round < 50; ++round) {
            TokenList methodList = TokenList::over(QByteArray("PUT").append(QByteArray(round % 2, ' ')));
            methodList.appendSpan(0, 3);
            repeated.store(origin, url, false, methodList, {}, 600);
        }
        QCOMPARE(repeated.freshEntries().constFirst().sources.size(), 1);
        QVERIFY(repeated.lookup(origin, url, false, "PUT", {}).hit);
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
