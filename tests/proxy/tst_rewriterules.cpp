#include "capture/flowjournal.h"
#include "har/harwriter.h"
#include "proxy/rewriterules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Corscope;

// Rewrite rules as data: what a rule answers locally, what it changes, and that a rule set
// written with toJson() reads back the same (the GUI's rule editor saves with it).
class TestRewriteRules : public QObject {
    Q_OBJECT

private:
    static Flow request(const QByteArray &method, const HeaderList &headers,
                        const QString &url = QStringLiteral("http://api.example/v1/items"))
    {
        Flow flow;
        flow.id = 1;
        flow.method = method;
        flow.url = QUrl(url);
        flow.requestHeaders = headers;
        return flow;
    }
    static Flow preflight(const QString &url = QStringLiteral("http://api.example/v1/items"))
    {
        return request("OPTIONS",
                       {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "PUT"}}, url);
    }
    static RewriteRules parsed(const QByteArray &json)
    {
        QString error;
        const auto rules = RewriteRules::parse(json, &error);
        if (!rules)
            qWarning() << error;
        return rules.value_or(RewriteRules{});
    }

private slots:
    void respondDefaultsToA204ForPreflights()
    {
        const RewriteRules rules =
            parsed("{\"rules\": [{\"name\": \"answer preflights\", \"match\": {\"host\": \"api.example\"},"
                   " \"respond\": {\"headers\": {\"Access-Control-Allow-Origin\": \"https://app.example\","
                   " \"Access-Control-Allow-Methods\": \"PUT\"}}}]}");
        QCOMPARE(rules.rules().size(), 1);
        const std::optional<LocalResponse> &respond = rules.rules().first().respond;
        QVERIFY(respond);
        QCOMPARE(respond->status, 204);
        QCOMPARE(respond->answers, LocalResponse::Answers::Preflights);
        QCOMPARE(respond->headers.get("access-control-allow-methods"), std::optional<QByteArray>("PUT"));

        const RewriteRule *answering = rules.localAnswerFor(preflight());
        QVERIFY(answering);
        QCOMPARE(answering->name, QStringLiteral("answer preflights"));
        // An OPTIONS without the CORS request headers is not a preflight; nor is the PUT.
        QVERIFY(!rules.localAnswerFor(request("OPTIONS", {{"Origin", "https://app.example"}})));
        QVERIFY(!rules.localAnswerFor(request("PUT", {{"Origin", "https://app.example"}})));
        QVERIFY(!rules.localAnswerFor(preflight(QStringLiteral("http://other.example/v1/items"))));
        // It changes no server response, so it is not listed as applied to one.
        HeaderList headers{{"Content-Type", "text/plain"}};
        QVERIFY(rules.apply(request("PUT", {}), headers).isEmpty());
    }

    void answersAllMatchingRequestsWhenAsked()
    {
        const RewriteRules rules =
            parsed("[{\"name\": \"off\", \"enabled\": false, \"respond\": {\"answers\": \"all\"}},"
                   " {\"name\": \"mock\", \"match\": {\"path\": \"/v1/*\", \"method\": \"GET\"},"
                   " \"respond\": {\"status\": 200, \"body\": \"{}\", \"headers\": [[\"Content-Type\", "
                   "\"application/json\"]],"
                   " \"answers\": \"all\"}},"
                   " {\"name\": \"later\", \"respond\": {\"status\": 418, \"answers\": \"all\"}}]");
        QCOMPARE(rules.rules().size(), 3);
        const RewriteRule *answering = rules.localAnswerFor(request("GET", {}));
        QVERIFY(answering);
        QCOMPARE(answering->name, QStringLiteral("mock")); // the first enabled one wins
        QCOMPARE(answering->respond->body, QByteArray("{}"));
        QCOMPARE(rules.localAnswerFor(request("POST", {}))->name, QStringLiteral("later"));
    }

    void malformedRespondIsRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not an object") << QByteArray("[{\"respond\": 204}]");
        QTest::newRow("status too low") << QByteArray("[{\"respond\": {\"status\": 101}}]");
        QTest::newRow("status too high") << QByteArray("[{\"respond\": {\"status\": 600}}]");
        QTest::newRow("unknown answers") << QByteArray("[{\"respond\": {\"answers\": \"sometimes\"}}]");
        QTest::newRow("header not a string") << QByteArray("[{\"respond\": {\"headers\": {\"A\": 1}}}]");
        QTest::newRow("header pair too short") << QByteArray("[{\"respond\": {\"headers\": [[\"A\"]]}}]");
        QTest::newRow("preflights never match PUT")
            << QByteArray("[{\"match\": {\"method\": \"PUT\"}, \"respond\": {\"status\": 204}}]");
    }
    void malformedRespondIsRefused()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!RewriteRules::parse(json, &error));
        QVERIFY2(error.contains(QStringLiteral("rule 1")), qPrintable(error));
    }

    void toJsonRoundTrips_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("rewrite") << QByteArray("{\"rules\": [{\"name\": \"fix api\", \"match\": {\"host\": "
                                               "\"*.example\", \"path\": \"/v1/*\", \"method\": \"PUT\"},"
                                               " \"set\": {\"Access-Control-Allow-Origin\": "
                                               "\"http://app.example\"}, \"add\": {\"Vary\": \"Origin\"},"
                                               " \"remove\": [\"X-Powered-By\", \"Server\"]}]}");
        QTest::newRow("disabled, defaults")
            << QByteArray("[{\"enabled\": false, \"add\": {\"X-A\": \"1\"}}]");
        QTest::newRow("respond") << QByteArray(
            "[{\"name\": \"preflight\", \"set\": {\"Access-Control-Allow-Origin\": \"*\"},"
            " \"respond\": {\"status\": 200, \"body\": \"ok \\u00e9\", \"answers\": \"all\","
            " \"headers\": {\"Access-Control-Allow-Methods\": \"PUT, DELETE\"}}}]");
        QTest::newRow("ordered duplicates") << QByteArray(
            "[{\"add\": [[\"Vary\", \"Origin\"], [\"Set-Cookie\", \"a=1\"], [\"Set-Cookie\", \"b=2\"],"
            " [\"Access-Control-Allow-Headers\", \"x-b\"]]}]");
        QTest::newRow("no rules") << QByteArray("[]");
    }
    void toJsonRoundTrips()
    {
        QFETCH(QByteArray, json);
        QString error;
        const auto first = RewriteRules::parse(json, &error);
        QVERIFY2(first, qPrintable(error));
        const QByteArray written = first->toJson();
        const auto second = RewriteRules::parse(written, &error);
        QVERIFY2(second, qPrintable(error + u'\n' + QString::fromUtf8(written)));
        QVERIFY2(*first == *second, written.constData());
        QCOMPARE(second->toJson(), written);
    }

    void aRuleBuiltInCodeKeepsHeaderOrderAndDuplicates()
    {
        // What a rule editor builds: headers in the user's order, which an object would sort.
        RewriteRules rules;
        RewriteRule rule;
        rule.name = QStringLiteral("edited");
        rule.add = HeaderList{{"X-Second", "2"}, {"X-First", "1"}, {"X-First", "1b"}};
        rule.respond = LocalResponse{};
        rule.respond->headers = HeaderList{{"Vary", "Origin"}, {"Access-Control-Allow-Origin", "*"}};
        rules.rules().append(rule);
        QString error;
        const auto back = RewriteRules::parse(rules.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->rules().first().add, rule.add);
        QCOMPARE(back->rules().first().respond->headers, rule.respond->headers);
        QVERIFY(*back == rules);
    }

    void aLocalAnswerIsRecordedInJournalAndHar()
    {
        Flow flow = preflight();
        flow.state = Flow::State::Complete;
        flow.started = QDateTime::currentDateTimeUtc();
        flow.status = 204;
        flow.answeredLocally = true;
        flow.appliedRules = {QStringLiteral("answer preflights")};
        const auto back = FlowJournal::deserialize(FlowJournal::serialize(flow));
        QVERIFY(back);
        QVERIFY(back->answeredLocally);
        QCOMPARE(back->appliedRules, flow.appliedRules);

        const QJsonObject entry =
            QJsonDocument::fromJson(HarWriter::write({flow}, {}, QStringLiteral("chromium")))
                .object()
                .value(u"log")
                .toObject()
                .value(u"entries")
                .toArray()
                .first()
                .toObject();
        const QJsonObject corscope = entry.value(u"_corscope").toObject();
        QCOMPARE(corscope.value(u"answeredLocally").toBool(), true);
        QCOMPARE(corscope.value(u"rules").toArray().first().toString(), QStringLiteral("answer preflights"));
    }
};

QTEST_GUILESS_MAIN(TestRewriteRules)
#include "tst_rewriterules.moc"
