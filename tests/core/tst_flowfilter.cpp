#include "capture/flowfilter.h"

#include <QTest>

using namespace Corscope;

class TestFlowFilter : public QObject {
    Q_OBJECT

private:
    static FlowFacts blockedPut()
    {
        FlowFacts facts;
        facts.method = "PUT";
        facts.status = 403;
        facts.origin = "https://app.example";
        facts.host = "api.example";
        facts.url = "https://api.example/v1/items/42";
        facts.crossOrigin = true;
        facts.blocked = true;
        facts.credentialed = true;
        facts.preflightFailed = true;
        return facts;
    }
    static FlowFacts allowedGet()
    {
        FlowFacts facts;
        facts.method = "GET";
        facts.status = 200;
        facts.origin = "https://app.example";
        facts.host = "cdn.example";
        facts.url = "https://cdn.example/app.js";
        facts.crossOrigin = true;
        facts.reflectsOrigin = true;
        facts.noVary = true;
        return facts;
    }
    static bool matches(const QString &text, const FlowFacts &facts)
    {
        FlowFilterError error;
        const auto filter = FlowFilter::parse(text, &error);
        if (!filter)
            qWarning() << text << error.message << error.position;
        return filter && filter->matches(facts);
    }

private slots:
    void emptyFilterMatchesEverything()
    {
        const auto filter = FlowFilter::parse(QStringLiteral("   "));
        QVERIFY(filter);
        QVERIFY(filter->matchesEverything());
        QVERIFY(filter->matches(blockedPut()));
    }

    void terms_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("matchesBlockedPut");
        QTest::addColumn<bool>("matchesAllowedGet");
        QTest::newRow("method exact, any case") << "method:put" << true << false;
        QTest::newRow("method is not a prefix") << "method:PU" << false << false;
        QTest::newRow("status code") << "status:403" << true << false;
        QTest::newRow("status class") << "status:4xx" << true << false;
        QTest::newRow("status range") << "status:200-299" << false << true;
        QTest::newRow("origin substring") << "origin:APP.example" << true << true;
        QTest::newRow("host substring") << "host:api" << true << false;
        QTest::newRow("url key") << "url:/v1/" << true << false;
        QTest::newRow("free text in url") << "app.js" << false << true;
        QTest::newRow("quoted free text") << "\"items/42\"" << true << false;
        QTest::newRow("blocked") << "blocked" << true << false;
        QTest::newRow("allowed") << "allowed" << false << true;
        QTest::newRow("preflight failed") << "preflight:failed" << true << false;
        QTest::newRow("preflight cached") << "preflight:cached" << false << false;
        QTest::newRow("credentialed") << "credentialed" << true << false;
        QTest::newRow("reflects origin") << "reflects-origin" << false << true;
        QTest::newRow("no vary") << "no-vary" << false << true;
        QTest::newRow("not") << "!blocked" << false << true;
        QTest::newRow("juxtaposition is and") << "method:PUT host:api" << true << false;
        QTest::newRow("and operator") << "method:PUT & host:cdn" << false << false;
        QTest::newRow("or") << "method:PUT | host:cdn" << true << true;
        QTest::newRow("and binds tighter than or") << "blocked | method:GET no-vary" << true << true;
        QTest::newRow("parentheses") << "(blocked | method:GET) & credentialed" << true << false;
        QTest::newRow("double negation") << "!!credentialed" << true << false;
        QTest::newRow("negated group") << "!(status:4xx | status:5xx)" << false << true;
    }
    void terms()
    {
        QFETCH(QString, filter);
        QFETCH(bool, matchesBlockedPut);
        QFETCH(bool, matchesAllowedGet);
        QCOMPARE(matches(filter, blockedPut()), matchesBlockedPut);
        QCOMPARE(matches(filter, allowedGet()), matchesAllowedGet);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("position");
        QTest::newRow("unknown key") << "colour:red" << 0;
        QTest::newRow("bad status") << "status:4x" << 7;
        QTest::newRow("reversed range") << "status:499-400" << 7;
        QTest::newRow("bad preflight state") << "preflight:slow" << 10;
        QTest::newRow("empty value") << "host: api" << 5;
        QTest::newRow("unclosed parenthesis") << "blocked & (method:PUT" << 10;
        QTest::newRow("stray closing") << "blocked)" << 7;
        QTest::newRow("dangling or") << "blocked |" << 9;
        QTest::newRow("leading and") << "& blocked" << 0;
        QTest::newRow("unclosed quote") << "\"abc" << 0;
    }
    void errors()
    {
        QFETCH(QString, filter);
        QFETCH(int, position);
        FlowFilterError error;
        QVERIFY(!FlowFilter::parse(filter, &error));
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(error.position, position);
    }

    void hostileNestingIsRejectedNotOverflowed()
    {
        FlowFilterError error;
        QVERIFY(!FlowFilter::parse(QString(10000, u'('), &error));
        QVERIFY(!FlowFilter::parse(QString(10000, u'!') + QStringLiteral("blocked"), &error));
        QString longChain;
        for (int i = 0; i < 200; ++i)
            longChain += QStringLiteral("blocked | ");
        longChain += QStringLiteral("blocked");
        // A flat chain folds as it goes, so its evaluation stack stays shallow and it parses.
        const auto chain = FlowFilter::parse(longChain, &error);
        QVERIFY(chain);
        QVERIFY(chain->matches(blockedPut()));
        QVERIFY(!chain->matches(allowedGet()));
    }
};

QTEST_GUILESS_MAIN(TestFlowFilter)
#include "tst_flowfilter.moc"
