#include "playground/playgroundlesson.h"

#include <QFile>
#include <QTest>

using namespace Corscope;

namespace {

const Origin pageOrigin = Origin::fromUrl(QUrl(QStringLiteral("http://127.0.0.1:8000")));

QByteArray lessonWithRequest(const QByteArray &request)
{
    return QByteArrayLiteral(R"({"id": "kind", "title": "A kind", "request": )") + request +
           QByteArrayLiteral(R"(, "policy": {}, "fix": {}})");
}

} // namespace

// A lesson's request names the API the page uses, in DevTools' words; a word it does not know
// is refused when the lesson loads, with the words it does know.
class TestPlaygroundLesson : public QObject {
    Q_OBJECT

private slots:
    void aLessonWithoutAKindIsAFetch()
    {
        QString error;
        const auto lesson =
            PlaygroundLesson::read(lessonWithRequest(R"({"path": "/api/data"})"), pageOrigin, &error);
        QVERIFY2(lesson, qPrintable(error));
        QVERIFY(lesson->request.resourceType == ResourceType::Fetch);
    }

    void everyDevToolsWordIsAccepted_data()
    {
        QTest::addColumn<QString>("word");
        for (ResourceType type : allResourceTypes())
            QTest::newRow(qPrintable(toString(type))) << toString(type);
    }

    void everyDevToolsWordIsAccepted()
    {
        QFETCH(QString, word);
        QString error;
        const auto lesson = PlaygroundLesson::read(
            lessonWithRequest(R"({"resourceType": ")" + word.toLatin1() + R"("})"), pageOrigin, &error);
        QVERIFY2(lesson, qPrintable(error));
        QCOMPARE(toString(lesson->request.resourceType), word);
    }

    void anUnknownKindIsRefusedByName_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("shown");
        QTest::newRow("typo") << QByteArray(R"("fonts")") << QStringLiteral("\"fonts\"");
        QTest::newRow("API name") << QByteArray(R"("XMLHttpRequest")")
                                  << QStringLiteral("\"XMLHttpRequest\"");
        QTest::newRow("empty") << QByteArray(R"("")") << QStringLiteral("\"\"");
        QTest::newRow("not a string") << QByteArray("3") << QStringLiteral("\"\"");
    }

    void anUnknownKindIsRefusedByName()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, shown);
        QString error;
        const auto lesson = PlaygroundLesson::read(lessonWithRequest(R"({"resourceType": )" + value + "}"),
                                                   pageOrigin, &error);
        QVERIFY(!lesson);
        QVERIFY2(error.contains(QLatin1String("resourceType")), qPrintable(error));
        QVERIFY2(error.contains(shown), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("fetch, xhr")), qPrintable(error)); // the words it knows
    }

    // The kind reaches the evaluator as the browser's API would make the request.
    void theKindDecidesModeCredentialsAndInitiator()
    {
        const auto lesson = PlaygroundLesson::read(
            lessonWithRequest(R"({"resourceType": "font", "credentials": "include"})"), pageOrigin);
        QVERIFY(lesson);
        const FetchRequest font =
            lesson->request.toFetchRequest(QUrl(QStringLiteral("http://127.0.0.1:9000/")), pageOrigin);
        QVERIFY(font.resourceType == ResourceType::Font);
        QVERIFY(font.initiator == RequestInitiator::Font);
        QVERIFY(font.mode == RequestMode::Cors);
        QVERIFY(font.credentials == CredentialsMode::SameOrigin); // fonts never send cookies cross-origin

        PlaygroundRequest xhr = lesson->request;
        xhr.resourceType = ResourceType::Xhr;
        const FetchRequest sent =
            xhr.toFetchRequest(QUrl(QStringLiteral("http://127.0.0.1:9000/")), pageOrigin);
        QVERIFY(sent.initiator == RequestInitiator::XmlHttpRequest);
        QVERIFY(sent.credentials == CredentialsMode::Include); // withCredentials
    }

    // A socket lesson's request is the page's new WebSocket('ws://…'): the evaluator, the report
    // and the verification page all see the ws:// URL the page wrote.
    void aWebSocketLessonOpensAWsUrl()
    {
        const auto lesson = PlaygroundLesson::read(
            lessonWithRequest(R"({"resourceType": "websocket", "path": "/socket/notifications"})"), pageOrigin);
        QVERIFY(lesson);
        const FetchRequest socket =
            lesson->request.toFetchRequest(QUrl(QStringLiteral("http://127.0.0.1:9000/")), pageOrigin);
        QVERIFY(socket.resourceType == ResourceType::WebSocket);
        QCOMPARE(socket.url, QUrl(QStringLiteral("ws://127.0.0.1:9000/socket/notifications")));
    }

    // The shipped lesson 11: a socket that reflects any Origin, fixed by an allow-list that does
    // not name the playground's page (which plays the other site).
    void theShippedSocketLessonRefusesThePageOnceFixed()
    {
        QFile file(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") +
                   QStringLiteral("/resources/playground/lesson-11-websocket-any-origin.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QString error;
        const auto lesson = PlaygroundLesson::read(file.readAll(), pageOrigin, &error);
        QVERIFY2(lesson, qPrintable(error));
        QVERIFY(lesson->request.resourceType == ResourceType::WebSocket);
        const std::optional<QByteArray> page = pageOrigin.serialize();
        QVERIFY(lesson->policy.acceptsWebSocketOrigin(page));
        QVERIFY(lesson->policy.acceptsWebSocketOrigin(QByteArray("https://evil.example")));
        QVERIFY(!lesson->fix.acceptsWebSocketOrigin(page));
        QVERIFY(!lesson->fix.acceptsWebSocketOrigin(std::nullopt));
        QVERIFY(lesson->fix.acceptsWebSocketOrigin(QByteArray("https://app.example")));
        for (const QString &word : {QStringLiteral("preflight"), QStringLiteral("Access-Control-Allow-Origin"),
                                    QStringLiteral("cookies"), QStringLiteral("allow-list"),
                                    QStringLiteral("CSRF-style token"), QStringLiteral("403")})
            QVERIFY2(lesson->lesson.contains(word), qPrintable(word));
    }
};

QTEST_GUILESS_MAIN(TestPlaygroundLesson)
#include "tst_playgroundlesson.moc"
