#include "capture/flow.h"
#include "capture/flowsearch.h"

#include <QTest>

using namespace Corscope;

namespace {

Flow sampleFlow()
{
    Flow flow;
    flow.method = "POST";
    flow.url = QUrl(QStringLiteral("https://api.example/v1/Orders?café=1"));
    flow.requestHeaders.append("Origin", "https://app.example");
    flow.requestHeaders.append("Content-Type", "application/json");
    flow.requestBody = "{\"item\":\"Blue Widget\"}";
    flow.requestBodySize = flow.requestBody.size();
    flow.responseHeaders.append("Access-Control-Allow-Origin", "https://app.example");
    flow.responseHeaders.append("Content-Encoding", "deflate");
    const QByteArray body = "{\"order\":\"A-1093\",\"status\":\"queued\"}";
    flow.responseBody = qCompress(body).mid(4); // a zlib stream, as "deflate" is
    flow.responseBodySize = flow.responseBody.size();
    return flow;
}

} // namespace

class TestFlowSearch : public QObject {
    Q_OBJECT

private slots:
    void findsTheFirstPlaceItOccurs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("place");
        QTest::newRow("url, either case") << QStringLiteral("v1/orders") << int(FlowSearch::Place::Url);
        QTest::newRow("url, non-ascii") << QStringLiteral("café") << int(FlowSearch::Place::Url);
        QTest::newRow("request header value") << QStringLiteral("APPLICATION/JSON")
                                              << int(FlowSearch::Place::RequestHeader);
        QTest::newRow("header as written") << QStringLiteral("content-type: application")
                                           << int(FlowSearch::Place::RequestHeader);
        QTest::newRow("response header name") << QStringLiteral("allow-origin")
                                              << int(FlowSearch::Place::ResponseHeader);
        QTest::newRow("request body") << QStringLiteral("blue widget") << int(FlowSearch::Place::RequestBody);
        // The response went deflate-encoded; the search reads it as the Body tab shows it.
        QTest::newRow("decoded response body") << QStringLiteral("a-1093") << int(FlowSearch::Place::ResponseBody);
    }
    void findsTheFirstPlaceItOccurs()
    {
        QFETCH(QString, text);
        QFETCH(int, place);
        const std::optional<FlowSearch::Place> found = FlowSearch(text).find(sampleFlow());
        QVERIFY(found);
        QCOMPARE(int(*found), place);
    }

    void findsNothingWhereTheTextIsNot()
    {
        QVERIFY(!FlowSearch(QStringLiteral("shipped")).find(sampleFlow()));
        QVERIFY(!FlowSearch(QStringLiteral("CAFÉ")).find(sampleFlow())); // only ASCII folds
        QVERIFY(!FlowSearch(QString()).find(sampleFlow()));
    }
};

QTEST_GUILESS_MAIN(TestFlowSearch)
#include "tst_flowsearch.moc"
