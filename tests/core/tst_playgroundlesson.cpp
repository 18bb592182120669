#include "playground/playgroundlesson.h"

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
};

QTEST_GUILESS_MAIN(TestPlaygroundLesson)
#include "tst_playgroundlesson.moc"
