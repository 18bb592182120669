#include "session/sessionfile.h"

#include <QTest>

using namespace Corscope;

namespace {

SessionEntry offlineEntry(const QString &url, const QByteArray &allowOrigin)
{
    FetchRequest request;
    request.url = QUrl(url);
    request.origin = Origin::parse(QStringLiteral("https://app.example"));
    HttpResponse response;
    if (!allowOrigin.isEmpty())
        response.headers.append("Access-Control-Allow-Origin", allowOrigin);
    return SessionEntry::explainOffline(request, std::nullopt, response, BrowserProfile::chromium(),
                                        1'700'000'000'000);
}

} // namespace

class TestSessionFile : public QObject {
    Q_OBJECT

private slots:
    void offlinePreflightAnswerComesBeforeTheCatchAll()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/r"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.method = "PUT";
        HttpResponse preflight;
        preflight.status = 204;
        preflight.headers = {{"Access-Control-Allow-Origin", "https://app.example"}};
        HttpResponse actual;
        actual.headers = {{"Access-Control-Allow-Origin", "https://app.example"}};
        // Without Access-Control-Allow-Methods on the preflight, PUT is not allowed.
        SessionEntry entry =
            SessionEntry::explainOffline(request, preflight, actual, BrowserProfile::firefox(), 0);
        QVERIFY(!entry.evaluation.allowed());
        QCOMPARE(entry.evaluation.preflightStatus, std::optional<int>(204));
        QCOMPARE(entry.scenario.responses.first().method, QByteArray("OPTIONS"));

        preflight.headers.append("Access-Control-Allow-Methods", "PUT");
        entry = SessionEntry::explainOffline(request, preflight, actual, BrowserProfile::firefox(), 0);
        QVERIFY(entry.evaluation.allowed());
        QCOMPARE(entry.browser, QStringLiteral("firefox"));
    }

    void writesAndReplaysEveryEntry()
    {
        QList<SessionEntry> entries{
            offlineEntry(QStringLiteral("https://api.example/a"), "https://app.example"),
            offlineEntry(QStringLiteral("https://api.example/b"), "https://wrong.example")};
        const QByteArray json = SessionFile::write(entries);
        SessionFileError error;
        const std::optional<QList<SessionEntry>> read = SessionFile::read(json, &error);
        QVERIFY2(read, qPrintable(error.toString()));
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(0).request().url, entries.at(0).request().url);
        QCOMPARE(read->at(0).timeMs, entries.at(0).timeMs);
        QCOMPARE(read->at(0).kind, SessionEntry::Kind::Offline);
        QVERIFY(read->at(0).evaluation.allowed());
        QVERIFY(!read->at(1).evaluation.allowed());
        QCOMPARE(read->at(1).evaluation.consoleMessage, entries.at(1).evaluation.consoleMessage);
        QVERIFY(json.contains("\"evaluation\""));
    }

    // A tried fix stays marked across a save: reopened, it must not pass for the server's answer.
    void keepsTheTriedFixMark()
    {
        SessionEntry tried = offlineEntry(QStringLiteral("https://api.example/t"), "https://app.example");
        tried.kind = SessionEntry::Kind::Sent;
        tried.triedFix = true;
        tried.rewrittenHeaders = {QStringLiteral("GET https://api.example/t: Access-Control-Allow-Origin: "
                                                 "https://app.example (added)")};
        const SessionEntry real = offlineEntry(QStringLiteral("https://api.example/r"), {});
        const QByteArray json = SessionFile::write({tried, real});
        SessionFileError error;
        const std::optional<QList<SessionEntry>> read = SessionFile::read(json, &error);
        QVERIFY2(read, qPrintable(error.toString()));
        QVERIFY(read->at(0).triedFix);
        QCOMPARE(read->at(0).rewrittenHeaders, tried.rewrittenHeaders);
        QVERIFY(!read->at(1).triedFix);
        QCOMPARE(json.count("\"triedFix\""), 1); // files without a tried fix are unchanged
    }

    void rejectsWhatItCannotReplay()
    {
        const QByteArray json = SessionFile::write(
            {offlineEntry(QStringLiteral("https://api.example/a"), "https://app.example")});
        SessionFileError error;
        QVERIFY(!SessionFile::read("{\"format\": \"something-else\"}", &error));
        QCOMPARE(error.entry, -1);
        QVERIFY(!SessionFile::read(json.left(json.size() / 2), &error));
        QVERIFY(error.message.startsWith(QLatin1String("not JSON")));
        QByteArray badBrowser = json;
        badBrowser.replace("\"chromium\"", "\"netscape\"");
        QVERIFY(!SessionFile::read(badBrowser, &error));
        QCOMPARE(error.entry, 0);
        QVERIFY(error.toString().contains(QLatin1String("netscape")));
    }
};

QTEST_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
