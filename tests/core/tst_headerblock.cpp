#include "http/headerblock.h"

#include <QTest>

using namespace Corscope;

class TestHeaderBlock : public QObject {
    Q_OBJECT

private slots:
    void readsWhatDevToolsCopies()
    {
        const HeaderBlock block = HeaderBlockParser::parse(
            QStringLiteral("HTTP/1.1 204 No Content\r\naccess-control-allow-origin: *\n\n"
                           "Vary: Origin\nVary:  Accept \n"),
            HeaderBlockParser::StatusLine::Allowed);
        QVERIFY(block.ok());
        QCOMPARE(block.status, 204);
        QCOMPARE(block.statusText, QByteArray("No Content"));
        QCOMPARE(block.headers.size(), 3);
        QCOMPARE(block.headers.values("vary"), (QList<QByteArray>{"Origin", "Accept"}));
    }

    void bareStatusCode()
    {
        const HeaderBlock block =
            HeaderBlockParser::parse(QStringLiteral("404\nX: y"), HeaderBlockParser::StatusLine::Allowed);
        QVERIFY(block.ok());
        QCOMPARE(block.status, 404);
    }

    void problemsNameTheirLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("line");
        QTest::newRow("no colon") << QStringLiteral("A: 1\nnonsense") << 0 << 1;
        QTest::newRow("space in name") << QStringLiteral("Bad Name: 1") << 0 << 0;
        QTest::newRow("empty name") << QStringLiteral("\n: value") << 0 << 1;
        QTest::newRow("status after headers") << QStringLiteral("A: 1\nHTTP/1.1 200 OK") << 0 << 1;
        QTest::newRow("status in a request") << QStringLiteral("HTTP/1.1 200 OK") << 1 << 0;
    }

    void problemsNameTheirLine()
    {
        QFETCH(QString, text);
        QFETCH(int, mode);
        QFETCH(int, line);
        const HeaderBlock block =
            HeaderBlockParser::parse(text, mode == 0 ? HeaderBlockParser::StatusLine::Allowed
                                                     : HeaderBlockParser::StatusLine::NotAllowed);
        QVERIFY(!block.ok());
        QCOMPARE(block.problems.constFirst().line, line);
    }

    void formatKeepsOrderAndDuplicates()
    {
        const HeaderList headers{{"B", "2"}, {"a", "1"}, {"B", "3"}};
        QCOMPARE(HeaderBlockParser::format(headers), QStringLiteral("B: 2\na: 1\nB: 3\n"));
        QCOMPARE(HeaderBlockParser::parse(HeaderBlockParser::format(headers),
                                          HeaderBlockParser::StatusLine::NotAllowed)
                     .headers,
                 headers);
    }
};

QTEST_MAIN(TestHeaderBlock)
#include "tst_headerblock.moc"
