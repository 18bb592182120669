#include "cors/corssafelist.h"

#include <QTest>

using namespace Corscope;

// Rows follow web-platform-tests cors-safelisted-request-header.any.js and
// not-cors-safelisted.json; the browser-differential suite confirms them in the real browsers.
class TestCorsSafelist : public QObject {
    Q_OBJECT

private slots:
    void requestHeaders_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("rule");
        const int ok = int(SafelistRule::Safelisted);
        QTest::newRow("accept any") << QByteArray("Accept") << QByteArray("*/*") << ok;
        QTest::newRow("accept quote")
            << QByteArray("accept") << QByteArray("\"") << int(SafelistRule::UnsafeByte);
        QTest::newRow("accept 128") << QByteArray("Accept") << QByteArray(128, 'a') << ok;
        QTest::newRow("accept 129") << QByteArray("Accept") << QByteArray(129, 'a')
                                    << int(SafelistRule::ValueTooLong);
        QTest::newRow("language ok") << QByteArray("Accept-Language") << QByteArray("fr-CH, fr;q=0.9") << ok;
        QTest::newRow("language @") << QByteArray("Content-Language") << QByteArray("@")
                                    << int(SafelistRule::LanguageByte);
        QTest::newRow("text/plain") << QByteArray("Content-Type") << QByteArray("text/plain") << ok;
        QTest::newRow("Text/Plain params")
            << QByteArray("content-type") << QByteArray("Text/Plain;charset=utf-8") << ok;
        QTest::newRow("text/plain;") << QByteArray("Content-Type") << QByteArray("text/plain;") << ok;
        QTest::newRow("multipart") << QByteArray("Content-Type")
                                   << QByteArray("multipart/form-data; boundary=x") << ok;
        QTest::newRow("json") << QByteArray("Content-Type") << QByteArray("application/json")
                              << int(SafelistRule::ContentTypeEssence);
        QTest::newRow("text /plain") << QByteArray("Content-Type") << QByteArray("text /plain")
                                     << int(SafelistRule::ContentTypeUnparsable);
        QTest::newRow("text/plain,") << QByteArray("Content-Type") << QByteArray("text/plain,")
                                     << int(SafelistRule::ContentTypeUnparsable);
        QTest::newRow("del byte") << QByteArray("Content-Type") << QByteArray("text/plain;\x7f")
                                  << int(SafelistRule::UnsafeByte);
        QTest::newRow("range") << QByteArray("Range") << QByteArray("bytes=100-200") << ok;
        QTest::newRow("range open") << QByteArray("Range") << QByteArray("bytes=200-") << ok;
        QTest::newRow("range suffix")
            << QByteArray("Range") << QByteArray("bytes=-200") << int(SafelistRule::RangeForm);
        QTest::newRow("range reversed")
            << QByteArray("Range") << QByteArray("bytes=200-100") << int(SafelistRule::RangeForm);
        QTest::newRow("range big numbers")
            << QByteArray("Range") << QByteArray("bytes=1" + QByteArray(50, '0') + "-2" + QByteArray(50, '0'))
            << ok;
        QTest::newRow("range 1e60-2e60")
            << QByteArray("Range") << QByteArray("bytes=1" + QByteArray(60, '0') + "-2" + QByteArray(60, '0'))
            << int(SafelistRule::ValueTooLong);
        QTest::newRow("range space") << QByteArray("Range") << QByteArray("bytes= 100-200")
                                     << int(SafelistRule::RangeForm);
        QTest::newRow("range two") << QByteArray("Range") << QByteArray("bytes=1-2,3-4")
                                   << int(SafelistRule::RangeForm);
        QTest::newRow("custom") << QByteArray("X-Trace") << QByteArray("1")
                                << int(SafelistRule::NotASafelistedName);
    }

    void requestHeaders()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(int, rule);
        QCOMPARE(int(CorsSafelist::checkRequestHeader(name, value, BrowserProfile::chromium()).rule), rule);
    }

    void unsafeNamesAreSortedLowercaseAndUnique()
    {
        HeaderList headers{
            {"X-B", "1"}, {"x-a", "1"}, {"Content-Type", "application/json"}, {"X-A", "2"}, {"Accept", "x"}};
        const QByteArrayList names = CorsSafelist::sortedLowercaseSet(
            CorsSafelist::unsafeHeaders(headers, BrowserProfile::chromium()));
        QCOMPARE(names, (QByteArrayList{"content-type", "x-a", "x-b"}));
    }

    // The names are spans of one joined value, the Access-Control-Request-Headers the preflight
    // sends; the list stays valid after the headers it came from are gone.
    void unsafeNamesAreSpansOfTheRequestHeadersValue()
    {
        TokenList names;
        {
            HeaderList headers{
                {"X-Zeta", "1"}, {"x-a", "1"}, {"X-A", "2"}, {"Content-Type", "application/json"}};
            names = CorsSafelist::sortedLowercaseNames(
                CorsSafelist::unsafeHeaders(headers, BrowserProfile::chromium()), true);
        }
        QCOMPARE(names.value(), QByteArray("content-type,x-a,x-a,x-zeta"));
        QCOMPARE(names.toList(), (QByteArrayList{"content-type", "x-a", "x-a", "x-zeta"}));
        QVERIFY(names.contains("x-zeta"));
        QVERIFY(!names.contains("X-Zeta"));
        QVERIFY(names.containsName("X-Zeta"));
        const TokenList copy = names;
        names = {};
        QCOMPARE(copy.at(3), QByteArrayView("x-zeta"));
        QVERIFY(CorsSafelist::sortedLowercaseNames({}).isEmpty());
    }

    void methods()
    {
        QCOMPARE(CorsSafelist::normalizeMethod("put"), QByteArray("PUT"));
        QCOMPARE(CorsSafelist::normalizeMethod("patch"), QByteArray("patch"));
        QVERIFY(CorsSafelist::isForbiddenMethod("track"));
        QVERIFY(!CorsSafelist::isSafelistedMethod("get"));
        QVERIFY(CorsSafelist::isSafelistedMethod("HEAD"));
    }

    void forbiddenRequestHeaders()
    {
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("Cookie", "a=1"));
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("Sec-Fetch-Mode", "cors"));
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("proxy-authorization", "x"));
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("X-HTTP-Method-Override", "GET, trace"));
        QVERIFY(!CorsSafelist::isForbiddenRequestHeader("X-HTTP-Method-Override", "PUT"));
        QVERIFY(!CorsSafelist::isForbiddenRequestHeader("Authorization", "x"));
    }

    // [fetch] forbidden request-header: every listed name in any case, and no near miss.
    void forbiddenRequestHeaderNames()
    {
        const QByteArrayList forbidden{"accept-charset",
                                       "accept-encoding",
                                       "access-control-request-headers",
                                       "access-control-request-method",
                                       "connection",
                                       "content-length",
                                       "cookie",
                                       "cookie2",
                                       "date",
                                       "dnt",
                                       "expect",
                                       "host",
                                       "keep-alive",
                                       "origin",
                                       "referer",
                                       "set-cookie",
                                       "te",
                                       "trailer",
                                       "transfer-encoding",
                                       "upgrade",
                                       "via"};
        for (const QByteArray &name : forbidden) {
            QVERIFY2(CorsSafelist::isForbiddenRequestHeader(name, "x"), name);
            QVERIFY2(CorsSafelist::isForbiddenRequestHeader(name.toUpper(), "x"), name);
            QVERIFY2(!CorsSafelist::isForbiddenRequestHeader(name + "s", "x"), name);
            if (!forbidden.contains(name.chopped(1))) // cookie2 less a byte is cookie
                QVERIFY2(!CorsSafelist::isForbiddenRequestHeader(name.chopped(1), "x"), name);
            QVERIFY2(!CorsSafelist::isForbiddenRequestHeader("x" + name, "x"), name);
        }
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("PROXY-", "x"));
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("sec-", "x"));
        QVERIFY(!CorsSafelist::isForbiddenRequestHeader("sec", "x"));
        QVERIFY(!CorsSafelist::isForbiddenRequestHeader("", "x"));
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("x-method-override", "connect"));
        QVERIFY(CorsSafelist::isForbiddenRequestHeader("X-Http-Method", " TRACK "));
    }
};

QTEST_GUILESS_MAIN(TestCorsSafelist)
#include "tst_corssafelist.moc"
