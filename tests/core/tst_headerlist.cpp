#include "http/headerlist.h"

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

    void normalizesOnlyOuterWhitespace()
    {
        QCOMPARE(Corscope::normalizeHeaderValue(" \t a b \r\n"), QByteArray("a b"));
        QCOMPARE(Corscope::normalizeHeaderValue("   "), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestHeaderList)
#include "tst_headerlist.moc"
