#include "../proxy/capturedflows.h"
#include "../proxy/importedhar.h"
#include "capture/flowimportjob.h"
#include "har/harredaction.h"
#include "har/harwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Corscope;

namespace {

QByteArray readData(const QString &relative)
{
    QFile file(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har/") + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject logOf(const QByteArray &har)
{
    return QJsonDocument::fromJson(har).object().value(u"log").toObject();
}

QJsonArray entriesOf(const QByteArray &har)
{
    return logOf(har).value(u"entries").toArray();
}

QString header(const QJsonObject &message, const QString &name)
{
    for (const QJsonValue &value : message.value(u"headers").toArray())
        if (value.toObject().value(u"name").toString().compare(name, Qt::CaseInsensitive) == 0)
            return value.toObject().value(u"value").toString();
    return QStringLiteral("<absent>");
}

QStringList redactedOf(const QJsonObject &entry)
{
    QStringList items;
    for (const QJsonValue &value : entry.value(u"_redacted").toArray())
        items << value.toString();
    return items;
}

using ImportedHar::import;
using ImportedHar::Imported;

// Each flow's verdict as words: kind, error code, whether the credentials mode was inferred 'include'.
QStringList verdictsOf(const Imported &imported)
{
    QStringList out;
    for (const Flow &flow : imported.flows) {
        const FlowVerdict verdict = imported.verdicts.value(flow.id);
        QString line = QString::number(int(verdict.kind));
        if (verdict.evaluation)
            line += QLatin1Char(' ') + verdict.evaluation->errorCode();
        if (verdict.assumptions.join(QLatin1Char('\n')).contains(QLatin1String("'include'")))
            line += QStringLiteral(" credentials");
        if (verdict.pairedFlowId)
            line += QStringLiteral(" paired");
        out << line;
    }
    return out;
}

// A page on http://app.example with a session cookie and a bearer token, calling an API that takes a
// token in its query: a preflighted, credentialed PUT (allowed), a credentialed GET answered '*'
// (blocked for the cookie alone), and a redirect whose Location carries the token.
QList<Flow> secretCapture()
{
    using CapturedFlows::flow;
    QList<Flow> flows;
    const QDateTime start = QDateTime::currentDateTimeUtc();
    auto add = [&](Flow f) {
        f.id = quint64(flows.size() + 1);
        f.started = start.addMSecs(qint64(flows.size()) * 50);
        f.requestSentMs = 1;
        f.responseHeadersMs = 4;
        f.completeMs = 6;
        flows.append(f);
    };
    const QString items = QStringLiteral("http://api.example/v1/items?page=2&token=s3cret&x=a%2Fb");
    add(flow(0, "OPTIONS",
             {{"Origin", "http://app.example"},
              {"Access-Control-Request-Method", "PUT"},
              {"Access-Control-Request-Headers", "authorization,content-type"},
              {"Referer", "http://app.example/page?token=s3cret"}},
             204,
             {{"Access-Control-Allow-Origin", "http://app.example"},
              {"Access-Control-Allow-Credentials", "true"},
              {"Access-Control-Allow-Methods", "PUT"},
              {"Access-Control-Allow-Headers", "authorization, content-type"}},
             items));
    Flow put = flow(0, "PUT",
                    {{"Origin", "http://app.example"},
                     {"Content-Type", "application/json"},
                     {"Authorization", "Bearer tok-123"},
                     {"Cookie", "sid=abc; theme=dark"},
                     {"Referer", "http://app.example/page?token=s3cret"},
                     {"X-Api-Key", "k-999"}},
                    200,
                    {{"Access-Control-Allow-Origin", "http://app.example"},
                     {"Access-Control-Allow-Credentials", "true"},
                     {"Set-Cookie", "sid=new; Path=/; SameSite=None; Secure"}},
                    items);
    put.requestBody = "{\"qty\":2}";
    put.requestBodySize = put.requestBody.size();
    add(put);
    add(flow(0, "GET", {{"Origin", "http://app.example"}, {"Cookie", "sid=abc"}}, 200,
             {{"Access-Control-Allow-Origin", "*"}}, QStringLiteral("http://api.example/v1/me")));
    add(flow(0, "GET", {{"Origin", "http://app.example"}}, 302,
             {{"Access-Control-Allow-Origin", "*"}, {"Location", "/v1/next?token=s3cret"}},
             QStringLiteral("http://api.example/v1/start?token=s3cret")));
    add(flow(0, "GET", {{"Origin", "http://app.example"}}, 200, {{"Access-Control-Allow-Origin", "*"}},
             QStringLiteral("http://api.example/v1/next?token=s3cret")));
    Flow login = flow(
        0, "POST", {{"Origin", "http://app.example"}, {"Content-Type", "application/x-www-form-urlencoded"}},
        200, {{"Access-Control-Allow-Origin", "http://app.example"}},
        QStringLiteral("http://user:hunter2@api.example/login"));
    login.requestBody = "user=ann&password=hunter2";
    login.requestBodySize = login.requestBody.size();
    add(login);
    return flows;
}

HarRedaction everything()
{
    HarRedaction redaction = HarRedaction::chromeSanitized();
    redaction.queryParameters = {QStringLiteral("token"), QStringLiteral("password")};
    redaction.headers = {"x-api-key"};
    return redaction;
}

} // namespace

class TestHarRedaction : public QObject {
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical"); // empty when refused
        QTest::newRow("none") << u"none"_qs << u"none"_qs;
        QTest::newRow("chrome") << u"cookies,authorization"_qs << u"cookies,authorization"_qs;
        QTest::newRow("spaces, case") << u" Cookies , query=token,QUERY=Token, header=X-Api-Key"_qs
                                      << u"cookies,query=token,header=x-api-key"_qs;
        QTest::newRow("bodies") << u"bodies,cookies"_qs << u"cookies,bodies"_qs;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("unknown") << u"cookies,passwords"_qs << QString();
        QTest::newRow("query without name") << u"query="_qs << QString();
        QTest::newRow("origin") << u"header=Origin"_qs << QString();
        QTest::newRow("access-control") << u"header=Access-Control-Allow-Origin"_qs << QString();
        QTest::newRow("safelisted value") << u"header=content-type"_qs << QString();
        QTest::newRow("sec-fetch") << u"header=Sec-Fetch-Mode"_qs << QString();
        QTest::newRow("cookie by header") << u"header=cookie"_qs << QString();
        QTest::newRow("not a token") << u"header=a b"_qs << QString();
    }

    void parse()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        QString error;
        const auto parsed = HarRedaction::parse(spec, &error);
        if (canonical.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->toSpec(), canonical);
        QCOMPARE(HarRedaction::parse(parsed->toSpec(), &error)->toSpec(), canonical); // reads back
    }

    void noneWritesTheSameFile()
    {
        const QList<Flow> flows = secretCapture();
        QCOMPARE(HarWriter::write(flows, {}, u"chromium"_qs, HarRedaction()),
                 HarWriter::write(flows, {}, u"chromium"_qs));
        QVERIFY(!logOf(HarWriter::write(flows, {}, u"chromium"_qs)).contains(u"_redaction"));
    }

    void cookies()
    {
        HarRedaction redaction;
        redaction.cookies = true;
        const QByteArray har = HarWriter::write(secretCapture(), {}, u"chromium"_qs, redaction);
        QVERIFY(!har.contains("abc"));
        QVERIFY(!har.contains("dark"));
        QVERIFY(!har.contains("sid=new"));
        const QJsonArray entries = entriesOf(har);
        const QJsonObject put = entries.at(1).toObject();
        // The names stay: a credentialed request still reads as one, a cookie's attributes still explain it.
        QCOMPARE(header(put.value(u"request").toObject(), u"Cookie"_qs), u"sid=REDACTED; theme=REDACTED"_qs);
        QCOMPARE(header(put.value(u"response").toObject(), u"Set-Cookie"_qs),
                 u"sid=REDACTED; Path=/; SameSite=None; Secure"_qs);
        QCOMPARE(header(put.value(u"request").toObject(), u"Authorization"_qs), u"Bearer tok-123"_qs);
        QCOMPARE(redactedOf(put), QStringList{u"cookies"_qs});
        QVERIFY(!entries.at(0).toObject().contains(u"_redacted")); // the preflight carried none
        QCOMPARE(logOf(har).value(u"_redaction").toString(), u"cookies"_qs);
    }

    void cookieArraysOfAnImport()
    {
        // Chrome's own export: request.cookies[] and response.cookies[] hold the values too.
        QJsonObject entry{
            {u"request"_qs,
             QJsonObject{{u"url"_qs, u"https://api.example/x"_qs},
                         {u"headers"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"cookie"_qs},
                                                                {u"value"_qs, u"session=s%3A9f2c"_qs}}}},
                         {u"cookies"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"session"_qs},
                                                                {u"value"_qs, u"s%3A9f2c"_qs}}}}}},
            {u"response"_qs,
             QJsonObject{{u"headers"_qs, QJsonArray()},
                         {u"cookies"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"next"_qs},
                                                                {u"value"_qs, u"n1"_qs},
                                                                {u"sameSite"_qs, u"None"_qs}}}}}}};
        HarRedaction::chromeSanitized().apply(entry);
        const QJsonObject request = entry.value(u"request").toObject();
        QCOMPARE(request.value(u"cookies").toArray().at(0).toObject().value(u"value").toString(),
                 u"REDACTED"_qs);
        QCOMPARE(request.value(u"cookies").toArray().at(0).toObject().value(u"name").toString(),
                 u"session"_qs);
        const QJsonObject cookie =
            entry.value(u"response").toObject().value(u"cookies").toArray().at(0).toObject();
        QCOMPARE(cookie.value(u"value").toString(), u"REDACTED"_qs);
        QCOMPARE(cookie.value(u"sameSite").toString(), u"None"_qs);
        QCOMPARE(redactedOf(entry), QStringList{u"cookies"_qs});
    }

    void authorization()
    {
        HarRedaction redaction;
        redaction.authorization = true;
        const QByteArray har = HarWriter::write(secretCapture(), {}, u"chromium"_qs, redaction);
        QVERIFY(!har.contains("tok-123"));
        QVERIFY(har.contains("hunter2")); // the form's password is a query parameter, not asked for
        const QJsonArray entries = entriesOf(har);
        const QJsonObject put = entries.at(1).toObject();
        QCOMPARE(header(put.value(u"request").toObject(), u"Authorization"_qs), u"Bearer REDACTED"_qs);
        QCOMPARE(header(put.value(u"request").toObject(), u"Cookie"_qs), u"sid=abc; theme=dark"_qs);
        QCOMPARE(redactedOf(put), QStringList{u"authorization"_qs});
        // A password in the URL's userinfo is a credential too.
        const QJsonObject login = entries.at(5).toObject();
        QCOMPARE(login.value(u"request").toObject().value(u"url").toString(),
                 u"http://user:REDACTED@api.example/login"_qs);
        QCOMPARE(redactedOf(login), QStringList{u"authorization"_qs});
    }

    void queryEverywhereTheUrlGoes()
    {
        HarRedaction redaction;
        redaction.queryParameters = {QStringLiteral("token"), QStringLiteral("password")};
        const QByteArray har = HarWriter::write(secretCapture(), {}, u"chromium"_qs, redaction);
        QVERIFY2(!har.contains("s3cret"), har.constData());
        const QJsonArray entries = entriesOf(har);
        const QJsonObject preflight = entries.at(0).toObject();
        const QJsonObject put = entries.at(1).toObject();
        const QJsonObject request = put.value(u"request").toObject();
        // Only the value changes; the other parameters keep their exact bytes, and the preflight's
        // URL and its request's stay equal, so they still pair.
        QCOMPARE(request.value(u"url").toString(),
                 u"http://api.example/v1/items?page=2&token=REDACTED&x=a%2Fb"_qs);
        QCOMPARE(preflight.value(u"request").toObject().value(u"url"), request.value(u"url"));
        QCOMPARE(header(request, u"Referer"_qs), u"http://app.example/page?token=REDACTED"_qs);
        bool sawToken = false;
        for (const QJsonValue &value : request.value(u"queryString").toArray()) {
            const QJsonObject pair = value.toObject();
            if (pair.value(u"name").toString() == u"token") {
                QCOMPARE(pair.value(u"value").toString(), u"REDACTED"_qs);
                sawToken = true;
            } else {
                QVERIFY(pair.value(u"value").toString() != u"REDACTED");
            }
        }
        QVERIFY(sawToken);
        QCOMPARE(redactedOf(put), QStringList{u"query:token"_qs});
        // The redirect: its URL, its (relative) Location and the redirectURL made of it.
        const QJsonObject redirect = entries.at(3).toObject();
        const QJsonObject response = redirect.value(u"response").toObject();
        QCOMPARE(header(response, u"Location"_qs), u"/v1/next?token=REDACTED"_qs);
        QCOMPARE(response.value(u"redirectURL").toString(), u"http://api.example/v1/next?token=REDACTED"_qs);
        QCOMPARE(entries.at(4).toObject().value(u"request").toObject().value(u"url").toString(),
                 response.value(u"redirectURL").toString());
        // A form body is a query string.
        const QJsonObject login = entries.at(5).toObject();
        QCOMPARE(login.value(u"request").toObject().value(u"postData").toObject().value(u"text").toString(),
                 u"user=ann&password=REDACTED"_qs);
        QCOMPARE(redactedOf(login), QStringList{u"query:password"_qs});
    }

    void queryInFragmentAndConsoleMessages()
    {
        HarRedaction redaction;
        redaction.queryParameters = {QStringLiteral("access_token")};
        QStringList removed;
        QCOMPARE(redaction.redactUrl(u"https://app.example/cb#access_token=ya29&state=1"_qs, &removed),
                 u"https://app.example/cb#access_token=REDACTED&state=1"_qs);
        QCOMPARE(removed, QStringList{u"query:access_token"_qs});
        QJsonObject entry{
            {u"request"_qs, QJsonObject{{u"url"_qs, u"https://api.example/x?access_token=ya29"_qs}}},
            {u"response"_qs, QJsonObject()},
            {u"_initiator"_qs, QJsonObject{{u"url"_qs, u"https://app.example/app.js?access_token=ya29"_qs}}},
            {u"_cors"_qs,
             QJsonObject{{u"verdict"_qs, u"blocked"_qs},
                         {u"consoleMessage"_qs,
                          u"Access to fetch at 'https://api.example/x?access_token=ya29' from origin "
                          "'https://app.example' has been blocked by CORS policy"_qs}}}};
        redaction.apply(entry);
        QVERIFY(!QJsonDocument(entry).toJson().contains("ya29"));
        QCOMPARE(entry.value(u"_cors").toObject().value(u"verdict").toString(), u"blocked"_qs);
        QVERIFY(
            entry.value(u"_cors")
                .toObject()
                .value(u"consoleMessage")
                .toString()
                .contains(
                    u"'https://api.example/x?access_token=REDACTED' from origin 'https://app.example'"_qs));
    }

    void namedHeader()
    {
        HarRedaction redaction;
        redaction.headers = {"x-api-key"};
        const QByteArray har = HarWriter::write(secretCapture(), {}, u"chromium"_qs, redaction);
        QVERIFY(!har.contains("k-999"));
        const QJsonObject put = entriesOf(har).at(1).toObject();
        QCOMPARE(header(put.value(u"request").toObject(), u"X-Api-Key"_qs), u"REDACTED"_qs);
        QCOMPARE(redactedOf(put), QStringList{u"header:x-api-key"_qs});
    }

    void bodies()
    {
        HarRedaction redaction;
        redaction.bodies = true;
        QList<Flow> flows = secretCapture();
        flows[1].responseBody = "{\"access_token\":\"ya29\"}";
        flows[1].responseBodySize = flows[1].responseBody.size();
        flows[1].responseHeaders.append("Content-Type", "application/json");
        const QByteArray har = HarWriter::write(flows, {}, u"chromium"_qs, redaction);
        QVERIFY(!har.contains("ya29"));
        QVERIFY(!har.contains("qty"));
        const QJsonArray entries = entriesOf(har);
        QCOMPARE(entries.at(5)
                     .toObject()
                     .value(u"request")
                     .toObject()
                     .value(u"postData")
                     .toObject()
                     .value(u"text"),
                 QJsonValue(u"REDACTED"_qs)); // the login form
        const QJsonObject put = entries.at(1).toObject();
        const QJsonObject content = put.value(u"response").toObject().value(u"content").toObject();
        QCOMPARE(content.value(u"text").toString(), u"REDACTED"_qs);
        QCOMPARE(content.value(u"size").toInt(), flows[1].responseBody.size()); // what was received
        QCOMPARE(content.value(u"mimeType").toString(), u"application/json"_qs);
        QCOMPARE(redactedOf(put), QStringList{u"bodies"_qs});
        QVERIFY(!entries.at(0).toObject().contains(u"_redacted")); // a preflight has no body
    }

    void pageTitle()
    {
        const QByteArray original = readData(u"chrome-devtools-save-all.har"_qs);
        QVERIFY(!original.isEmpty());
        const auto first = import(original);
        QVERIFY(first);
        HarRedaction redaction;
        redaction.queryParameters = {QStringLiteral("notify")};
        const QByteArray redacted =
            HarWriter::write(first->flows, first->verdicts, u"chromium"_qs, redaction);
        QVERIFY(!redacted.contains("notify=1"));
        // HTTP/2's :path pseudo-header carries the query too.
        bool sawPath = false;
        for (const QJsonValue &entry : entriesOf(redacted)) {
            const QString path = header(entry.toObject().value(u"request").toObject(), u":path"_qs);
            if (path.startsWith(u"/v1/orders/42")) {
                QCOMPARE(path, u"/v1/orders/42?notify=REDACTED"_qs);
                sawPath = true;
            }
        }
        QVERIFY(sawPath);
    }

    // The point of keeping names: the verdicts of a redacted export, re-imported, are the verdicts
    // of the capture — a Corscope capture and a Chrome export alike.
    void verdictsSurviveReimport_data()
    {
        QTest::addColumn<QString>("file"); // empty: the captured flows
        QTest::newRow("capture") << QString();
        QTest::newRow("chrome export") << u"chrome-devtools-save-all.har"_qs;
        QTest::newRow("firefox export") << u"firefox-devtools-save-all.har"_qs;
    }

    void verdictsSurviveReimport()
    {
        QFETCH(QString, file);
        const QByteArray source =
            file.isEmpty() ? HarWriter::write(secretCapture(), {}, u"chromium"_qs) : readData(file);
        QVERIFY(!source.isEmpty());
        const auto plain = import(source);
        QVERIFY(plain);
        const QByteArray redacted =
            HarWriter::write(plain->flows, plain->verdicts, u"chromium"_qs, everything());
        const auto again = import(redacted);
        QVERIFY(again);
        QCOMPARE(verdictsOf(*again), verdictsOf(*plain));
        if (file.isEmpty()) {
            QVERIFY(!redacted.contains("s3cret"));
            QVERIFY(!redacted.contains("tok-123"));
            QVERIFY(!redacted.contains("sid=abc"));
            QVERIFY(!redacted.contains("hunter2"));
            // The capture is what this test says it is: a pair, an allowed credentialed PUT, a
            // blocked credentialed GET.
            const QStringList verdicts = verdictsOf(*plain);
            QVERIFY2(verdicts.at(1).contains(u"credentials") && verdicts.at(1).contains(u"paired"),
                     qPrintable(verdicts.join(u" | ")));
            QCOMPARE(plain->verdicts.value(plain->flows.at(2).id).kind, FlowVerdict::Kind::Blocked);
        }
        // The recorded verdicts go out as they were.
        const QJsonArray before = entriesOf(HarWriter::write(plain->flows, plain->verdicts, u"chromium"_qs));
        const QJsonArray after = entriesOf(redacted);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i)
            QCOMPARE(after.at(i).toObject().value(u"_cors").toObject().value(u"verdict"),
                     before.at(i).toObject().value(u"_cors").toObject().value(u"verdict"));
    }
};

QTEST_GUILESS_MAIN(TestHarRedaction)
#include "tst_harredaction.moc"
