#include "cors/corsheaderparser.h"

#include <QTest>

using namespace Corscope;

class TestCorsHeaderParser : public QObject {
    Q_OBJECT

private slots:
    void tokenLists_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArrayList>("items");
        QTest::newRow("simple") << QByteArray("PUT, DELETE") << true << QByteArrayList{"PUT", "DELETE"};
        QTest::newRow("empties") << QByteArray(",,PUT,,") << true << QByteArrayList{"PUT"};
        QTest::newRow("whitespace") << QByteArray("  PUT ,\tDELETE  ") << true
                                    << QByteArrayList{"PUT", "DELETE"};
        QTest::newRow("star") << QByteArray("*") << true << QByteArrayList{"*"};
        QTest::newRow("space inside") << QByteArray("PUT DELETE") << false << QByteArrayList{};
        QTest::newRow("empty") << QByteArray("") << true << QByteArrayList{};
        QTest::newRow("quote") << QByteArray("x-a, \"x\"") << false << QByteArrayList{};
    }

    void tokenLists()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, ok);
        QFETCH(QByteArrayList, items);
        const TokenListParse parsed = CorsHeaderParser::parseTokenList(value);
        QCOMPARE(parsed.ok, ok);
        QCOMPARE(parsed.items.toList(), items);
    }

    void maxAgePerBrowser_data()
    {
        QTest::addColumn<QString>("browser");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("present");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("chromium absent") << "chromium" << QByteArray() << false << qint64(5);
        QTest::newRow("chromium 60") << "chromium" << QByteArray("60") << true << qint64(60);
        QTest::newRow("chromium cap") << "chromium" << QByteArray("100000000") << true << qint64(7200);
        QTest::newRow("chromium negative") << "chromium" << QByteArray("-1") << true << qint64(0);
        QTest::newRow("chromium invalid") << "chromium" << QByteArray("abc") << true << qint64(5);
        QTest::newRow("firefox absent") << "firefox" << QByteArray() << false << qint64(5);
        QTest::newRow("firefox cap") << "firefox" << QByteArray("100000000") << true << qint64(86400);
        QTest::newRow("firefox invalid") << "firefox" << QByteArray("abc") << true << qint64(0);
        QTest::newRow("firefox negative") << "firefox" << QByteArray("-1") << true << qint64(0);
    }

    void maxAgePerBrowser()
    {
        QFETCH(QString, browser);
        QFETCH(QByteArray, value);
        QFETCH(bool, present);
        QFETCH(qint64, seconds);
        const BrowserProfile *profile = BrowserProfile::byId(browser);
        QVERIFY(profile);
        const std::optional<QByteArray> header = present ? std::optional<QByteArray>(value) : std::nullopt;
        QCOMPARE(CorsHeaderParser::maxAge(header, *profile).seconds, seconds);
    }
};

QTEST_GUILESS_MAIN(TestCorsHeaderParser)
#include "tst_corsheaderparser.moc"
