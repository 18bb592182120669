#include "cors/corsheaderparser.h"
#include "cors/corssafelist.h"

#include <QTest>
#include <functional>

using namespace Corscope;

class TestCorsHeaderParser : public QObject {
    Q_OBJECT

private slots:
    void tokenListsAgreeWithTheSpecsSplitting()
    {
        // The parser reads a list in one pass; the Fetch Standard's reading is: split on commas,
        // strip spaces and tabs, skip empty items, and fail on the first item that is not a
        // token. Every string of up to six bytes over an alphabet that exercises each of those
        // must read the same both ways.
        auto reference = [](const QByteArray &value) {
            TokenListParse expected;
            for (const QByteArray &raw : value.split(',')) {
                qsizetype first = 0;
                qsizetype last = raw.size();
                while (first < last && (raw[first] == ' ' || raw[first] == '\t'))
                    ++first;
                while (last > first && (raw[last - 1] == ' ' || raw[last - 1] == '\t'))
                    --last;
                const QByteArray item = raw.mid(first, last - first);
                if (item.isEmpty())
                    continue;
                if (!CorsSafelist::isToken(item)) {
                    expected.ok = false;
                    expected.invalidItem = item;
                    return expected;
                }
                expected.items.appendSpan(0, 0); // only the count and texts are compared
            }
            return expected;
        };
        const QByteArray alphabet = "a ,\t(B";
        QByteArray value;
        std::function<void(int)> visit = [&](int depth) {
            const TokenListParse parsed = CorsHeaderParser::parseTokenList(value);
            const TokenListParse expected = reference(value);
            QCOMPARE(parsed.ok, expected.ok);
            QCOMPARE(parsed.invalidItem, expected.invalidItem);
            if (expected.ok) {
                QByteArrayList names;
                for (const QByteArray &raw : value.split(',')) {
                    const QByteArray item = raw.trimmed();
                    if (!item.isEmpty())
                        names << item;
                }
                QCOMPARE(parsed.items.toList(), names);
            }
            if (depth == 6)
                return;
            for (char c : alphabet) {
                value.append(c);
                visit(depth + 1);
                value.chop(1);
                if (QTest::currentTestFailed())
                    return;
            }
        };
        visit(0);
    }

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

    // The one-pass view must answer exactly as HeaderList::get does, for every field.
    void responseHeadersAgreeWithTheList()
    {
        const HeaderList headers{{"ACCESS-CONTROL-ALLOW-ORIGIN", "https://a.example"},
                                 {"Access-Control-Allow-Methods", "GET"},
                                 {"access-control-allow-origin", " *"},
                                 {"Access-Control-Allow-Headers", "x-a"},
                                 {"Access-Control-Allow-Methods", "PUT"},
                                 {"Access-Control-Max-Agee", "1"},
                                 {"Xccess-Control-Max-Age", "2"},
                                 {"Location", "/next"},
                                 {"Access-Control-Allow-Credentials", "true"}};
        const CorsResponseHeaders fields(headers);
        for (int f = 0; f < CorsResponseHeaders::FieldCount; ++f) {
            const auto field = CorsResponseHeaders::Field(f);
            const QByteArrayView name = CorsResponseHeaders::name(field);
            QCOMPARE(fields.get(field), headers.get(name));
            QCOMPARE(fields.count(field), headers.count(name));
            QCOMPARE(fields.contains(field), headers.contains(name));
            const auto lines = fields.lines(field);
            const QList<QByteArray> values = headers.values(name);
            QCOMPARE(lines.size(), values.size());
            for (qsizetype i = 0; i < lines.size(); ++i)
                QCOMPARE(*lines[i], values.at(i));
        }
        QCOMPARE(fields.count(CorsResponseHeaders::AllowOrigin), 2);
        QVERIFY(!fields.contains(CorsResponseHeaders::ExposeHeaders));
    }
};

QTEST_GUILESS_MAIN(TestCorsHeaderParser)
#include "tst_corsheaderparser.moc"
