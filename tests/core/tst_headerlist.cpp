#include "http/headerlist.h"
#include "http/sharedcacheevidence.h"

#include <QTest>

using Corscope::HeaderList;

class TestHeaderList : public QObject {
    Q_OBJECT

private slots:
    void keepsOrderDuplicatesAndBytes()
    {
        HeaderList headers;
        headers.append("Access-Control-Allow-Origin", "https://a.example");
        headers.append("X-A", " raw \t");
        headers.append("access-control-allow-origin", "*");
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.count("ACCESS-CONTROL-ALLOW-ORIGIN"), 2);
        QCOMPARE(headers.headers().at(1).value, QByteArray(" raw \t"));
        QCOMPARE(headers.get("access-control-allow-origin").value(), QByteArray("https://a.example, *"));
        QVERIFY(!headers.get("x-missing").has_value());
    }

    void setReplacesAllAtTheFirstPosition()
    {
        HeaderList headers{{"A", "1"}, {"B", "2"}, {"a", "3"}};
        headers.set("a", "9");
        QCOMPARE(headers.size(), 2);
        QCOMPARE(headers.headers().at(0), (Corscope::Header{"A", "9"}));
        headers.remove("B");
        QCOMPARE(headers.size(), 1);
    }

    // Names are compared eight bytes at a time and the rest byte by byte: each case is placed
    // in the word part and in the tail.
    void namesCompareIgnoringAsciiCaseOnly_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        const QByteArray pad = "access-control-allow-";
        auto both = [&](const char *tag, const QByteArray &a, const QByteArray &b, bool equal) {
            QTest::newRow(tag) << a << b << equal;
            QTest::newRow(QByteArray(tag).append(" (after a word)").constData())
                << pad + a << pad + b << equal;
            QTest::newRow(QByteArray(tag).append(" (before a word)").constData())
                << a + pad << b + pad << equal;
        };
        both("same", "x-a", "x-a", true);
        both("upper and lower", "Access-Control-Allow-Methods", "aCCESS-cONTROL-aLLOW-mETHODS", true);
        both("every letter", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", true);
        both("@ is not `", "a@b", "a`b", false);
        both("[ is not {", "a[b", "a{b", false);
        both("^ is not ~", "a^b", "a~b", false);
        both("non-ASCII bytes differing by 0x20",
             "a\xc1"
             "b",
             "a\xe1"
             "b",
             false);
        both("non-ASCII bytes equal",
             "a\xc1"
             "b",
             "a\xc1"
             "b",
             true);
        both("one byte apart", "content-type", "content-typf", false);
        QTest::newRow("different lengths") << QByteArray("x-a") << QByteArray("x-ab") << false;
    }

    void namesCompareIgnoringAsciiCaseOnly()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(HeaderList::namesEqual(a, b), equal);
        QCOMPARE(HeaderList::namesEqual(b, a), equal);
    }

    void normalizesOnlyOuterWhitespace()
    {
        QCOMPARE(Corscope::normalizeHeaderValue(" \t a b \r\n"), QByteArray("a b"));
        QCOMPARE(Corscope::normalizeHeaderValue("   "), QByteArray());
    }
    void sharedCacheHitNamesTheHeaderThatSaysSo_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("hit");
        QTest::newRow("age") << QByteArray("Age") << QByteArray("12") << true;
        QTest::newRow("age 0 is fresh from the origin") << QByteArray("age") << QByteArray("0") << false;
        QTest::newRow("age garbage") << QByteArray("Age") << QByteArray("soon") << false;
        QTest::newRow("cloudfront") << QByteArray("X-Cache") << QByteArray("Hit from cloudfront") << true;
        QTest::newRow("cloudfront miss")
            << QByteArray("X-Cache") << QByteArray("Miss from cloudfront") << false;
        QTest::newRow("cloudfront refresh")
            << QByteArray("X-Cache") << QByteArray("RefreshHit from cloudfront") << false;
        QTest::newRow("akamai") << QByteArray("X-Cache") << QByteArray("TCP_MEM_HIT from a23-1") << true;
        QTest::newRow("fastly two layers") << QByteArray("x-cache") << QByteArray("MISS, HIT") << true;
        QTest::newRow("cloudflare") << QByteArray("CF-Cache-Status") << QByteArray("HIT") << true;
        QTest::newRow("cloudflare dynamic")
            << QByteArray("CF-Cache-Status") << QByteArray("DYNAMIC") << false;
        QTest::newRow("nginx") << QByteArray("X-Cache-Status") << QByteArray("HIT") << true;
        QTest::newRow("nginx bypass") << QByteArray("X-Cache-Status") << QByteArray("BYPASS") << false;
        QTest::newRow("proxy") << QByteArray("X-Proxy-Cache") << QByteArray("HIT") << true;
        QTest::newRow("unrelated") << QByteArray("X-Hits") << QByteArray("HIT") << false;
    }

    void sharedCacheHitNamesTheHeaderThatSaysSo()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(bool, hit);
        const HeaderList headers{{"Content-Type", "application/json"}, {name, value}};
        const std::optional<Corscope::CacheHitEvidence> evidence = Corscope::sharedCacheHit(headers);
        QCOMPARE(evidence.has_value(), hit);
        if (hit) {
            QCOMPARE(evidence->header, name);
            QCOMPARE(evidence->value, value);
        }
    }

    void varyNamesOriginInAnyItemOrCase()
    {
        QVERIFY(Corscope::varyNamesOrigin(HeaderList{{"Vary", "Accept-Encoding, origin"}}));
        QVERIFY(Corscope::varyNamesOrigin(HeaderList{{"Vary", "Accept-Encoding"}, {"vary", "Origin"}}));
        QVERIFY(Corscope::varyNamesOrigin(HeaderList{{"Vary", "*"}}));
        QVERIFY(!Corscope::varyNamesOrigin(HeaderList{{"Vary", "Origin-Agent-Cluster"}}));
        QVERIFY(!Corscope::varyNamesOrigin(HeaderList{}));
    }
};

QTEST_GUILESS_MAIN(TestHeaderList)
#include "tst_headerlist.moc"
