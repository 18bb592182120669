#include "capture/capturejournal.h"
#include "capture/flowjournal.h"
#include "capture/journalformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <sys/stat.h>

using namespace Corscope;

namespace {

// Bytes no text encoding would keep: every value, NULs and the record magic included.
QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(random.bounded(256));
    if (size >= 4)
        bytes.replace(0, 4, JournalFormat::kRecordMagic);
    return bytes;
}

Flow makeFlow(quint64 id, qsizetype requestBody = 3, qsizetype responseBody = 5)
{
    Flow flow;
    flow.id = id;
    flow.state = Flow::State::Complete;
    flow.started = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + qint64(id), QTimeZone::utc());
    flow.method = "POST";
    flow.url = QUrl(QStringLiteral("http://api.example/items/%1?token=x").arg(id));
    flow.requestHeaders.append("Origin", "http://app.example");
    flow.requestHeaders.append("Cookie", "a=1");
    flow.requestBody = randomBytes(requestBody, quint32(id * 2));
    flow.requestBodySize = requestBody;
    flow.status = 200;
    flow.reason = "OK";
    flow.responseHeaders.append("Access-Control-Allow-Origin", "*");
    flow.responseBody = randomBytes(responseBody, quint32(id * 2 + 1));
    flow.responseBodySize = responseBody;
    flow.clientAddress = QHostAddress::LocalHost;
    flow.clientPort = 40000;
    flow.serverAddress = QStringLiteral("127.0.0.1");
    flow.serverPort = 8080;
    flow.appliedRules = {QStringLiteral("rule")};
    flow.requestSentMs = 1.5;
    flow.responseHeadersMs = 2.5;
    flow.completeMs = 3.5;
    return flow;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

bool writeJournal(const QString &path, const QList<Flow> &flows)
{
    FlowJournal journal;
    QString error;
    if (!journal.open(path, &error))
        return false;
    for (const Flow &flow : flows)
        if (!journal.append(flow))
            return false;
    journal.close();
    return true;
}

QList<quint64> ids(const QList<Flow> &flows)
{
    QList<quint64> out;
    for (const Flow &flow : flows)
        out.append(flow.id);
    return out;
}

mode_t modeOf(const QString &path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? (info.st_mode & 07777) : 0;
}

} // namespace

class TestFlowJournal : public QObject {
    Q_OBJECT

private slots:
    void bodiesRoundTripByteExact_data()
    {
        QTest::addColumn<qsizetype>("requestSize");
        QTest::addColumn<qsizetype>("responseSize");
        QTest::newRow("none") << qsizetype(0) << qsizetype(0);
        QTest::newRow("one byte") << qsizetype(1) << qsizetype(0);
        QTest::newRow("small") << qsizetype(17) << qsizetype(4000);
        QTest::newRow("256 KiB") << qsizetype(0) << qsizetype(256 * 1024);
        QTest::newRow("1 MiB both") << qsizetype(1 << 20) << qsizetype(1 << 20);
    }

    void bodiesRoundTripByteExact()
    {
        QFETCH(qsizetype, requestSize);
        QFETCH(qsizetype, responseSize);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j"));
        const QList<Flow> written{makeFlow(1, requestSize, responseSize),
                                  makeFlow(2, responseSize, requestSize)};
        QVERIFY(writeJournal(path, written));
        const FlowJournal::Recovery recovery = FlowJournal::read(path);
        QCOMPARE(recovery.corrupt, 0);
        QVERIFY(!recovery.tornTail);
        QCOMPARE(recovery.flows.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const Flow &flow = recovery.flows.at(i);
            QCOMPARE(flow.id, written.at(i).id);
            QCOMPARE(flow.requestBody, written.at(i).requestBody);
            QCOMPARE(flow.responseBody, written.at(i).responseBody);
            QCOMPARE(flow.url, written.at(i).url);
            QCOMPARE(flow.started, written.at(i).started);
            QCOMPARE(flow.requestHeaders.size(), 2);
            QCOMPARE(flow.responseHeaders.get("access-control-allow-origin"), std::optional<QByteArray>("*"));
            QCOMPARE(flow.completeMs, 3.5);
        }
        // Bodies are raw in the side file, not base64 in the records.
        QVERIFY(fileBytes(path).size() < 4096);
        QCOMPARE(QFileInfo(FlowJournal::bodiesPath(path)).size(), 2 * (requestSize + responseSize));
        QCOMPARE(FlowJournal::count(path), 2);
    }

    // Every field of a flow comes back from the framed format as it went in (the proxy's tests
    // check the same of the first format's line).
    void everyFieldRoundTrips()
    {
        Flow flow = makeFlow(7, 0, 10);
        flow.state = Flow::State::Error;
        flow.started = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::OffsetFromUTC, 3600);
        flow.httpVersion = "HTTP/1.0";
        flow.requestHeaders.append("X-Dup", "1");
        flow.requestHeaders.append("x-dup", "2");
        flow.originalResponseHeaders.append("Access-Control-Allow-Origin", "http://old.example");
        flow.error = QStringLiteral("Connection refused – ünïcode");
        flow.errorKind = FlowError::ConnectionRefused;
        flow.proxyAnswerStatus = 502;
        flow.clientAddress = QHostAddress(QStringLiteral("::1"));
        flow.tunnel = true;
        flow.websocket = true;
        flow.answeredLocally = true;
        flow.appliedRules = {QStringLiteral("a"), QStringLiteral("b")};
        TlsDetails tls;
        tls.protocol = QStringLiteral("TLSv1.3");
        tls.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
        tls.certificateSubject = QStringLiteral("api.example");
        tls.certificateIssuer = QStringLiteral("R3");
        flow.tls = tls;
        flow.requestSentMs = -1;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j"));
        QVERIFY(writeJournal(path, {flow, Flow{}}));
        const FlowJournal::Recovery recovery = FlowJournal::read(path);
        QCOMPARE(recovery.flows.size(), 2);
        const Flow &back = recovery.flows.first();
        QCOMPARE(back.id, flow.id);
        QCOMPARE(back.state, flow.state);
        QCOMPARE(back.started, flow.started);
        QCOMPARE(back.started.offsetFromUtc(), 3600);
        QCOMPARE(back.method, flow.method);
        QCOMPARE(back.url, flow.url);
        QCOMPARE(back.httpVersion, flow.httpVersion);
        // Order, duplicates and the names' own case.
        QCOMPARE(back.requestHeaders, flow.requestHeaders);
        QCOMPARE(back.responseHeaders, flow.responseHeaders);
        QCOMPARE(back.originalResponseHeaders, flow.originalResponseHeaders);
        QCOMPARE(back.requestBodySize, flow.requestBodySize);
        QCOMPARE(back.status, flow.status);
        QCOMPARE(back.reason, flow.reason);
        QCOMPARE(back.responseBody, flow.responseBody);
        QCOMPARE(back.responseBodySize, flow.responseBodySize);
        QCOMPARE(back.error, flow.error);
        QCOMPARE(back.errorKind, flow.errorKind);
        QCOMPARE(back.proxyAnswerStatus, 502);
        QCOMPARE(back.clientAddress, flow.clientAddress);
        QCOMPARE(back.clientPort, flow.clientPort);
        QCOMPARE(back.serverAddress, flow.serverAddress);
        QCOMPARE(back.serverPort, flow.serverPort);
        QVERIFY(back.tunnel && back.websocket && back.answeredLocally);
        QCOMPARE(back.appliedRules, flow.appliedRules);
        QVERIFY(back.tls);
        QCOMPARE(back.tls->summary(), flow.tls->summary());
        QCOMPARE(back.requestSentMs, -1.0);
        QCOMPARE(back.responseHeadersMs, flow.responseHeadersMs);
        QCOMPARE(back.completeMs, flow.completeMs);
        // A default flow: no start time, no address, nothing set.
        QVERIFY(!recovery.flows.last().started.isValid());
        QVERIFY(recovery.flows.last().clientAddress.isNull());
    }

    // A kill can stop the process at any byte of the last record's write: whatever is left, the
    // next open cuts it and the new flow is read back after every earlier one.
    void aTornTailAtEveryOffsetIsCutBeforeAppending()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j"));
        QVERIFY(writeJournal(path, {makeFlow(1), makeFlow(2)}));
        const QByteArray intact = fileBytes(path);
        const QByteArray intactBodies = fileBytes(FlowJournal::bodiesPath(path));
        QVERIFY(writeJournal(path, {makeFlow(3, 40, 50)}));
        const QByteArray full = fileBytes(path);
        const QByteArray fullBodies = fileBytes(FlowJournal::bodiesPath(path));
        QVERIFY(full.startsWith(intact) && full.size() > intact.size());
        for (qsizetype cut = intact.size(); cut < full.size(); ++cut) {
            // The bodies were written before the record: they are whole whenever the record began.
            QVERIFY(writeBytes(path, full.first(cut)));
            QVERIFY(writeBytes(FlowJournal::bodiesPath(path), fullBodies));
            const FlowJournal::Recovery torn = FlowJournal::read(path);
            QCOMPARE(ids(torn.flows), (QList<quint64>{1, 2}));
            QCOMPARE(torn.corrupt, 0);
            QCOMPARE(torn.tornTail, cut > intact.size());
            QVERIFY(writeJournal(path, {makeFlow(4, 7, 9)}));
            const FlowJournal::Recovery after = FlowJournal::read(path);
            QCOMPARE(ids(after.flows), (QList<quint64>{1, 2, 4}));
            QCOMPARE(after.corrupt, 0);
            QVERIFY(!after.tornTail);
            QCOMPARE(after.flows.last().responseBody, makeFlow(4, 7, 9).responseBody);
            QCOMPARE(after.flows.at(1).responseBody, makeFlow(2).responseBody);
        }
        // Killed while writing the bodies, before the record: the torn bodies are cut too.
        for (qsizetype cut = intactBodies.size(); cut <= fullBodies.size(); cut += 7) {
            QVERIFY(writeBytes(path, intact));
            QVERIFY(writeBytes(FlowJournal::bodiesPath(path), fullBodies.first(cut)));
            QVERIFY(writeJournal(path, {makeFlow(4, 7, 9)}));
            QCOMPARE(QFileInfo(FlowJournal::bodiesPath(path)).size(), intactBodies.size() + 16);
            const FlowJournal::Recovery after = FlowJournal::read(path);
            QCOMPARE(ids(after.flows), (QList<quint64>{1, 2, 4}));
            QCOMPARE(after.flows.last().requestBody, makeFlow(4, 7, 9).requestBody);
            QCOMPARE(after.corrupt, 0);
        }
    }

    // A flipped byte anywhere in a record in the middle is detected: that flow is skipped and
    // counted, and the next one is read whole — never glued to the damage.
    void aFlippedByteIsDetected()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j"));
        QVERIFY(writeJournal(path, {makeFlow(1)}));
        const qsizetype middleStart = fileBytes(path).size();
        QVERIFY(writeJournal(path, {makeFlow(2)}));
        const qsizetype middleEnd = fileBytes(path).size();
        QVERIFY(writeJournal(path, {makeFlow(3)}));
        const QByteArray good = fileBytes(path);
        for (qsizetype at = middleStart; at < middleEnd; ++at) {
            QByteArray bad = good;
            bad[at] = char(bad[at] ^ 0x20);
            QVERIFY(writeBytes(path, bad));
            const FlowJournal::Recovery recovery = FlowJournal::read(path);
            QCOMPARE(ids(recovery.flows), (QList<quint64>{1, 3}));
            QCOMPARE(recovery.corrupt, 1);
            QVERIFY(!recovery.tornTail);
            QCOMPARE(FlowJournal::count(path), 2);
        }
        // A damaged body is caught by its checksum: the record does not hand out wrong bytes.
        QVERIFY(writeBytes(path, good));
        QByteArray bodies = fileBytes(FlowJournal::bodiesPath(path));
        bodies[9] = char(bodies[9] ^ 1); // flow 2's request body (flow 1's bodies are 3 + 5 bytes)
        QVERIFY(writeBytes(FlowJournal::bodiesPath(path), bodies));
        const FlowJournal::Recovery recovery = FlowJournal::read(path);
        QCOMPARE(ids(recovery.flows), (QList<quint64>{1, 3}));
        QCOMPARE(recovery.corrupt, 1);
    }

    // Journals of the first format (one JSON line per flow) are read, torn last line skipped,
    // and rewritten in the framed format when appended to.
    void aLegacyJournalIsReadAndMigrated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("capture.jsonl"));
        QByteArray legacy;
        for (quint64 id = 1; id <= 3; ++id)
            legacy += FlowJournal::serialize(makeFlow(id, 10, qsizetype(id) * 1000)) + '\n';
        legacy += "not json\n";
        legacy += FlowJournal::serialize(makeFlow(4)).first(40);
        QVERIFY(writeBytes(path, legacy));
        QCOMPARE(FlowJournal::count(path), 4); // complete lines, unparsed
        const FlowJournal::Recovery read = FlowJournal::read(path);
        QCOMPARE(ids(read.flows), (QList<quint64>{1, 2, 3}));
        QCOMPARE(read.corrupt, 1);
        QVERIFY(read.tornTail);
        QCOMPARE(read.flows.at(2).responseBody, makeFlow(3, 10, 3000).responseBody);

        QVERIFY(writeJournal(path, {makeFlow(5)}));
        QVERIFY(fileBytes(path).startsWith(JournalFormat::header()));
        QVERIFY(!QFile::exists(path + QStringLiteral(".migrating")));
        const FlowJournal::Recovery migrated = FlowJournal::read(path);
        QCOMPARE(ids(migrated.flows), (QList<quint64>{1, 2, 3, 5}));
        QCOMPARE(migrated.corrupt, 0);
        QCOMPARE(migrated.flows.at(1).responseBody, makeFlow(2, 10, 2000).responseBody);
    }

    // Capture files carry cookies and tokens: 0600 in a 0700 folder, whatever the umask.
    void journalFilesArePrivate()
    {
        QTemporaryDir dir;
        const mode_t previous = ::umask(0);
        const QString path = dir.filePath(QStringLiteral("new/folder/j"));
        const bool written = writeJournal(path, {makeFlow(1)});
        const QString guiPath = dir.filePath(QStringLiteral("gui/capture.jsonl"));
        {
            CaptureJournal gui(guiPath);
            QVERIFY(gui.isActive());
            QVERIFY(gui.append(makeFlow(1)));
            QCOMPARE(modeOf(guiPath), mode_t(0600));
            QCOMPARE(modeOf(FlowJournal::bodiesPath(guiPath)), mode_t(0600));
            QCOMPARE(modeOf(guiPath + QStringLiteral(".lock")), mode_t(0600));
            QCOMPARE(modeOf(dir.filePath(QStringLiteral("gui"))), mode_t(0700));
        }
        ::umask(previous);
        QVERIFY(written);
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(modeOf(FlowJournal::bodiesPath(path)), mode_t(0600));
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("new/folder"))), mode_t(0700));
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("new"))), mode_t(0700));
        // An existing journal someone made readable is narrowed when appended to.
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ReadOther));
        QVERIFY(writeJournal(path, {makeFlow(2)}));
        QCOMPARE(modeOf(path), mode_t(0600));
    }

    // The GUI's leftover: counted from the records alone, kept in order across two unclean ends,
    // and gone (both files) once discarded.
    void aLeftoverIsCountedMergedAndDiscarded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("capture.jsonl"));
        QVERIFY(writeJournal(path, {makeFlow(1), makeFlow(2)}));
        QByteArray torn = fileBytes(path);
        torn.chop(3);
        QVERIFY(writeBytes(path, torn));
        const QString leftover = dir.filePath(QStringLiteral("capture-previous.jsonl"));
        {
            CaptureJournal first(path);
            QVERIFY(first.isActive());
            QCOMPARE(first.leftoverFlowCount(), 1);
            QVERIFY(!QFile::exists(path));
            QVERIFY(QFile::exists(FlowJournal::bodiesPath(leftover)));
        }
        QVERIFY(writeJournal(path, {makeFlow(3, 100, 200)}));
        {
            CaptureJournal second(path);
            QCOMPARE(second.leftoverFlowCount(), 2);
            const FlowJournal::Recovery both = FlowJournal::read(leftover);
            QCOMPARE(ids(both.flows), (QList<quint64>{1, 3}));
            QCOMPARE(both.flows.last().responseBody, makeFlow(3, 100, 200).responseBody);
            QCOMPARE(both.corrupt, 0);
            second.discardLeftover();
            QCOMPARE(second.leftoverFlowCount(), 0);
            QVERIFY(!QFile::exists(leftover));
            QVERIFY(!QFile::exists(FlowJournal::bodiesPath(leftover)));
        }
    }

    // A power cut can keep a record and lose the end of the bodies file it points into: that flow
    // is counted, not read with wrong bytes, and appending goes on after the bodies that are there.
    void bodiesLostToAPowerCutAreCountedNotRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j"));
        QVERIFY(writeJournal(path, {makeFlow(1), makeFlow(2, 100, 1000)}));
        QFile bodies(FlowJournal::bodiesPath(path));
        QVERIFY(bodies.resize(8 + 100 + 500));
        const FlowJournal::Recovery cut = FlowJournal::read(path);
        QCOMPARE(ids(cut.flows), QList<quint64>{1});
        QCOMPARE(cut.corrupt, 1);
        QVERIFY(writeJournal(path, {makeFlow(3)}));
        QCOMPARE(QFileInfo(FlowJournal::bodiesPath(path)).size(), 8 + 100 + 500 + 8);
        const FlowJournal::Recovery after = FlowJournal::read(path);
        QCOMPARE(ids(after.flows), (QList<quint64>{1, 3}));
        QCOMPARE(after.flows.last().responseBody, makeFlow(3).responseBody);
        QCOMPARE(after.corrupt, 1);
    }

    // Bad input is an error or an empty result, never a crash.
    void brokenFilesAreNotACrash()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j"));
        QVERIFY(writeBytes(path, JournalFormat::header().first(5)));
        QCOMPARE(FlowJournal::read(path).flows.size(), 0);
        QVERIFY(writeJournal(path, {makeFlow(1)}));
        QCOMPARE(ids(FlowJournal::read(path).flows), QList<quint64>{1});
        // A record pointing past the end of a missing bodies file.
        QVERIFY(QFile::remove(FlowJournal::bodiesPath(path)));
        const FlowJournal::Recovery missing = FlowJournal::read(path);
        QCOMPARE(missing.flows.size(), 0);
        QCOMPARE(missing.corrupt, 1);
        QString error;
        FlowJournal journal;
        QVERIFY(!journal.open(dir.filePath(QStringLiteral("j/inside/a/file")), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFlowJournal)
#include "tst_flowjournal.moc"
