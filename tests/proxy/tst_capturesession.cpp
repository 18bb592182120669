#include "capture/capturesession.h"
#include "har/harwriter.h"
#include "loopbackhttpserver.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <cstdio>
#include <mutex>

using namespace Corscope;
using namespace CorscopeTest;

namespace {

// The test re-runs itself with this variable set to a journal path: that child is a headless
// capture (a session journaling to the path) for the parent to kill mid-capture.
constexpr const char *childJournalVariable = "CORSCOPE_CAPTURESESSION_CHILD_JOURNAL";

int runChild(const QString &journal)
{
    CaptureSession session(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
    session.setKeepFlows(false);
    QString error;
    if (!session.openJournal(journal, &error) || !session.start({}, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    std::printf("listening on %s\n", qPrintable(session.listenAddress()));
    std::fflush(stdout);
    return QCoreApplication::exec(); // until killed
}

bool curlThrough(const QString &proxy, const QStringList &arguments)
{
    QProcess curl;
    curl.start(QStringLiteral("curl"),
               QStringList{QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                           QStringLiteral("-x"), QStringLiteral("http://") + proxy} +
                   arguments);
    return QTest::qWaitFor([&] { return curl.state() == QProcess::NotRunning; }, 20000) &&
           curl.exitStatus() == QProcess::NormalExit && curl.exitCode() == 0;
}

QStringList fromApp(const QUrl &url, const QStringList &extra = {})
{
    return extra +
           QStringList{QStringLiteral("-H"), QStringLiteral("Origin: http://app.example"), url.toString()};
}

// What a consumer sees through the signals, applied as a consumer applies it.
struct Observed {
    QList<Flow> flows;
    QHash<quint64, FlowVerdict> verdicts;
    QList<FlowVerdict> firstVerdicts;
    QList<FlowVerdict> revisions;

    explicit Observed(CaptureSession &session)
    {
        QObject::connect(&session, &CaptureSession::flowsAdded, &session,
                         [this](const QList<Flow> &added, const QList<FlowVerdict> &verdictsAdded) {
                             QCOMPARE(added.size(), verdictsAdded.size());
                             for (qsizetype i = 0; i < added.size(); ++i) {
                                 flows.append(added.at(i));
                                 firstVerdicts.append(verdictsAdded.at(i));
                                 verdicts.insert(added.at(i).id, verdictsAdded.at(i));
                             }
                         });
        QObject::connect(&session, &CaptureSession::verdictRevised, &session,
                         [this](quint64 id, const FlowVerdict &verdict) {
                             QCOMPARE(verdict.flowId, id);
                             revisions.append(verdict);
                             verdicts.insert(id, verdict);
                         });
    }
};

QJsonArray harEntries(const QByteArray &har)
{
    return QJsonDocument::fromJson(har).object().value(u"log").toObject().value(u"entries").toArray();
}

} // namespace

// A real session with a real proxy in front of a loopback origin, driven by curl.
class TestCaptureSession : public QObject {
    Q_OBJECT

    LoopbackHttpServer m_api;

    // /allowed grants the page, /blocked does not, /a redirects to /b, OPTIONS grants a PUT.
    void serve()
    {
        m_api.setHandler([this](const LoopbackRequest &request) {
            if (request.method == "OPTIONS")
                return LoopbackReply{
                    LoopbackHttpServer::response(204, {{"Access-Control-Allow-Origin", "http://app.example"},
                                                       {"Access-Control-Allow-Methods", "PUT"}})};
            if (request.target == "/a")
                return LoopbackReply{LoopbackHttpServer::response(
                    302, {{"Access-Control-Allow-Origin", "*"},
                          {"Location", m_api.url(QStringLiteral("/b")).toString().toUtf8()}})};
            if (request.target == "/blocked")
                return LoopbackReply{
                    LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "no")};
            return LoopbackReply{
                LoopbackHttpServer::response(200, {{"Access-Control-Allow-Origin", "*"}}, "ok")};
        });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_api.listenLoopback());
        serve();
    }

    // Each finished flow arrives once, in the order the proxy finished them, with its verdict;
    // the direct sink on the analysis thread sees the same, and the session keeps the same.
    void flowsArriveInOrderWithTheirVerdicts()
    {
        CaptureSession session(BrowserProfile::chromium());
        Observed observed(session);
        std::mutex mutex;
        QList<quint64> direct;
        QList<FlowVerdict::Kind> directKinds;
        session.setDirectSink({[&](const Flow &flow, const FlowVerdict &verdict) {
                                   const std::lock_guard lock(mutex);
                                   direct.append(flow.id);
                                   directKinds.append(verdict.kind);
                               },
                               {},
                               {}});
        QSignalSpy started(&session, &CaptureSession::captureStarted);
        QSignalSpy stopped(&session, &CaptureSession::captureStopped);
        QString error;
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY(session.isCapturing());
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(0).toString(), session.listenAddress());
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/blocked")))));
        QVERIFY(curlThrough(session.listenAddress(), {m_api.url(QStringLiteral("/plain")).toString()}));
        // Delivered while the capture runs, not only at stop().
        QTRY_COMPARE_WITH_TIMEOUT(observed.flows.size(), 3, 10000);
        session.stop();
        QVERIFY(!session.isCapturing());
        QCOMPARE(stopped.size(), 1);
        const QList<FlowVerdict::Kind> expected{FlowVerdict::Kind::Allowed, FlowVerdict::Kind::Blocked,
                                                FlowVerdict::Kind::NotCors};
        QCOMPARE(session.flows().size(), 3);
        for (qsizetype i = 0; i < 3; ++i) {
            const quint64 id = quint64(i + 1);
            QCOMPARE(observed.flows.at(i).id, id);
            QCOMPARE(observed.firstVerdicts.at(i).flowId, id);
            QCOMPARE(observed.firstVerdicts.at(i).kind, expected.at(i));
            QCOMPARE(session.flows().at(i).id, id);
            QCOMPARE(session.indexOf(id), i);
            QVERIFY(session.verdict(id));
            QCOMPARE(session.verdict(id)->kind, expected.at(i));
            // Full detail, as the GUI asked: the explanation's steps are there.
            if (expected.at(i) != FlowVerdict::Kind::NotCors)
                QVERIFY(!session.verdict(id)->evaluation->steps.isEmpty());
        }
        QCOMPARE(direct, (QList<quint64>{1, 2, 3}));
        QCOMPARE(directKinds, expected);
        QVERIFY(!session.flow(99));
        QCOMPARE(session.indexOf(99), -1);
    }

    // A granted preflight whose request never comes is settled by the wall clock: the revision
    // reaches the consumer while the capture runs, with no traffic after it.
    void anUnfollowedPreflightIsRevisedWithoutTraffic()
    {
        CaptureSession session(BrowserProfile::chromium());
        Observed observed(session);
        QString error;
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(session.listenAddress(),
                            fromApp(m_api.url(QStringLiteral("/items")),
                                    {QStringLiteral("-X"), QStringLiteral("OPTIONS"), QStringLiteral("-H"),
                                     QStringLiteral("Access-Control-Request-Method: PUT")})));
        QTRY_COMPARE_WITH_TIMEOUT(observed.flows.size(), 1, 10000);
        QCOMPARE(observed.firstVerdicts.at(0).kind, FlowVerdict::Kind::PreflightPassed);
        QVERIFY(!observed.firstVerdicts.at(0).settled);
        // The analyzer's window (2 s) plus the analysis thread's settle interval, with margin.
        QTRY_COMPARE_WITH_TIMEOUT(observed.revisions.size(), 1, 10000);
        QVERIFY(session.isCapturing());
        QCOMPARE(observed.revisions.at(0).flowId, quint64(1));
        QCOMPARE(observed.revisions.at(0).kind, FlowVerdict::Kind::PreflightUnfollowed);
        QVERIFY(!observed.revisions.at(0).readings.isEmpty());
        QCOMPARE(session.verdict(1)->kind, FlowVerdict::Kind::PreflightUnfollowed);
        session.stop();
    }

    // A redirect chain is one fetch: the hop before the last is revised to followed, with its
    // place in the chain, once the next hop arrives.
    void aRedirectChainRevisesItsHops()
    {
        CaptureSession session(BrowserProfile::chromium());
        Observed observed(session);
        QString error;
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(session.listenAddress(),
                            fromApp(m_api.url(QStringLiteral("/a")), {QStringLiteral("-L")})));
        QTRY_COMPARE_WITH_TIMEOUT(observed.flows.size(), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!observed.revisions.isEmpty(), 10000);
        session.stop();
        const FlowVerdict *hop = session.verdict(1);
        QVERIFY(hop);
        QCOMPARE(hop->kind, FlowVerdict::Kind::RedirectFollowed);
        QVERIFY(hop->chain);
        QCOMPARE(hop->chain->id, quint64(1));
        QCOMPARE(hop->chain->hop, 0);
        QCOMPARE(hop->chain->hops, 2);
        const FlowVerdict *last = session.verdict(2);
        QVERIFY(last && last->chain);
        QCOMPARE(last->chain->hop, 1);
        QCOMPARE(last->kind, FlowVerdict::Kind::Allowed);
        // The consumer saw the same final verdicts the session kept.
        QCOMPARE(observed.verdicts.value(1).kind, hop->kind);
        QCOMPARE(observed.verdicts.value(2).kind, last->kind);
    }

    // A headless capture without --har: the direct sink sees every flow, the session keeps none.
    void keepFlowsOffKeepsNothing()
    {
        CaptureSession session(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
        session.setKeepFlows(false);
        std::atomic<int> seen = 0;
        session.setDirectSink({[&](const Flow &, const FlowVerdict &) { ++seen; }, {}, {}});
        QString error;
        QVERIFY2(session.start({}, &error), qPrintable(error));
        for (int i = 0; i < 3; ++i)
            QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        QTRY_COMPARE_WITH_TIMEOUT(seen.load(), 3, 10000);
        session.stop();
        QVERIFY(session.flows().isEmpty());
        QVERIFY(session.verdicts().isEmpty());
        QVERIFY(!session.flow(1));
        QCOMPARE(harEntries(session.exportHar()).size(), 0);

        // Someone listening still hears every flow; the session still keeps none.
        CaptureSession listened(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
        listened.setKeepFlows(false);
        Observed observed(listened);
        QVERIFY2(listened.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(listened.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        QTRY_COMPARE_WITH_TIMEOUT(observed.flows.size(), 1, 10000);
        listened.stop();
        QCOMPARE(observed.firstVerdicts.at(0).kind, FlowVerdict::Kind::Allowed);
        QVERIFY(listened.flows().isEmpty());
        QVERIFY(listened.verdicts().isEmpty());
    }

    // The HAR is what HarWriter writes for the flows and final verdicts the consumer was given.
    void harExportIsWhatTheConsumerSaw()
    {
        CaptureSession session(BrowserProfile::firefox());
        Observed observed(session);
        QString error;
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        QVERIFY(curlThrough(session.listenAddress(),
                            fromApp(m_api.url(QStringLiteral("/a")), {QStringLiteral("-L")})));
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/blocked")))));
        session.stop();
        QCOMPARE(observed.flows.size(), 4);
        const QByteArray har = session.exportHar();
        QCOMPARE(har, HarWriter::write(observed.flows, observed.verdicts, BrowserProfile::firefox().id));
        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 4);
        QCOMPARE(entries.at(1).toObject().value(u"_cors").toObject().value(u"verdict").toString(),
                 QStringLiteral("redirect-followed"));
        QCOMPARE(entries.at(3).toObject().value(u"_cors").toObject().value(u"verdict").toString(),
                 QStringLiteral("blocked"));
    }

    // A new proxy at each start; the ids go on from the last capture's.
    void aRestartKeepsIdsDistinct()
    {
        CaptureSession session(BrowserProfile::chromium());
        QString error;
        for (int round = 0; round < 2; ++round) {
            QVERIFY2(session.start({}, &error), qPrintable(error));
            QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
            QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
            session.stop();
        }
        QCOMPARE(session.flows().size(), 4);
        for (qsizetype i = 0; i < 4; ++i)
            QCOMPARE(session.flows().at(i).id, quint64(i + 1));
        // Starting while capturing is a restart too.
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        session.stop();
        QCOMPARE(session.flows().last().id, quint64(5));
        // clear() forgets flows, not the ids already given.
        session.clear();
        QVERIFY(session.flows().isEmpty());
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        session.stop();
        QCOMPARE(session.flows().size(), 1);
        QCOMPARE(session.flows().first().id, quint64(6));
    }

    // A session destroyed while capturing (no stop()) has journaled and evaluated every flow that
    // finished; the next session on that journal recovers them and numbers new flows after them.
    void aSessionDestroyedWithoutStopLeavesItsJournal()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("capture.jsonl"));
        std::atomic<int> seen = 0;
        {
            CaptureSession session(BrowserProfile::chromium(), EvaluationDetail::VerdictOnly);
            session.setKeepFlows(false);
            session.setDirectSink({[&](const Flow &, const FlowVerdict &) { ++seen; }, {}, {}});
            QString error;
            QVERIFY2(session.openJournal(journal, &error), qPrintable(error));
            QVERIFY2(session.start({}, &error), qPrintable(error));
            QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
            QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/blocked")))));
            // Flows are journaled when they finish: wait for both lines.
            QTRY_COMPARE_WITH_TIMEOUT(FlowJournal::count(journal), 2, 10000);
        }
        QCOMPARE(seen.load(), 2);

        CaptureSession next(BrowserProfile::chromium());
        QString error;
        const auto recovery = next.openJournal(journal, &error);
        QVERIFY2(recovery, qPrintable(error));
        QCOMPARE(recovery->flows, 2);
        QCOMPARE(recovery->skipped, 0);
        QCOMPARE(next.flows().size(), 2);
        QCOMPARE(next.verdict(1)->kind, FlowVerdict::Kind::Allowed);
        QCOMPARE(next.verdict(2)->kind, FlowVerdict::Kind::Blocked);
        QVERIFY2(next.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(next.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        next.stop();
        QCOMPARE(next.flows().size(), 3);
        QCOMPARE(next.flows().last().id, quint64(3));
    }

    // A capture killed outright (SIGKILL, no destructor runs) loses nothing that completed.
    void aKilledCaptureIsRecoveredFromItsJournal()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("capture.jsonl"));
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(childJournalVariable), journal);
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        QByteArray output;
        QString listen;
        QVERIFY(QTest::qWaitFor(
            [&] {
                output += child.readAllStandardOutput();
                const qsizetype at = output.indexOf("listening on ");
                if (at >= 0 && output.indexOf('\n', at) > at)
                    listen = QString::fromLatin1(output.mid(at + 13, output.indexOf('\n', at) - at - 13));
                return !listen.isEmpty();
            },
            10000));
        QVERIFY(curlThrough(listen, fromApp(m_api.url(QStringLiteral("/allowed")))));
        QVERIFY(curlThrough(listen, fromApp(m_api.url(QStringLiteral("/blocked")))));
        QVERIFY(QTest::qWaitFor([&] { return FlowJournal::count(journal) == 2; }, 10000));
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        CaptureSession next(BrowserProfile::chromium());
        QString error;
        const auto recovery = next.openJournal(journal, &error);
        QVERIFY2(recovery, qPrintable(error));
        QCOMPARE(recovery->flows, 2);
        QCOMPARE(next.flows().at(0).url, m_api.url(QStringLiteral("/allowed")));
        QCOMPARE(next.verdict(2)->kind, FlowVerdict::Kind::Blocked);
    }

    // The interactive journal: a capture that did not end cleanly is offered back, restored
    // through the import (imported ids), journaled again, and gone from the leftover once restored.
    void aLeftoverCaptureIsRestored()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("capture.jsonl"));
        const QString crashed = dir.filePath(QStringLiteral("crashed.jsonl"));
        {
            CaptureSession session(BrowserProfile::chromium());
            QVERIFY(session.openCaptureJournal(journal));
            // One journal per running instance.
            CaptureSession second(BrowserProfile::chromium());
            QVERIFY(!second.openCaptureJournal(journal));
            QString error;
            QVERIFY2(session.start({}, &error), qPrintable(error));
            QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
            QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/blocked")))));
            session.stop();
            // What a crash would have left: the journal as it stood.
            QVERIFY(QFile::copy(journal, crashed));
            QVERIFY(QFile::copy(FlowJournal::bodiesPath(journal), FlowJournal::bodiesPath(crashed)));
        }
        // The clean end removed the journal; the copy stands in for the crashed run's.
        QVERIFY(!QFile::exists(journal));
        QVERIFY(FlowJournal::rename(crashed, journal));

        CaptureSession session(BrowserProfile::chromium());
        Observed observed(session);
        QVERIFY(session.openCaptureJournal(journal));
        QCOMPARE(session.leftoverFlowCount(), 2);
        QSignalSpy finished(&session, &CaptureSession::importFinished);
        QVERIFY(session.restoreLeftover());
        QVERIFY(session.isImporting());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.at(0).at(0).value<CaptureSession::ImportKind>(),
                 CaptureSession::ImportKind::LeftoverCapture);
        QCOMPARE(finished.at(0).at(1).value<qsizetype>(), 2);
        QVERIFY(finished.at(0).at(2).toString().isEmpty());
        QCOMPARE(session.flows().size(), 2);
        // Restored flows keep the ids they were captured with: the user saw them as #1 and #2.
        QCOMPARE(session.flows().first().id, quint64(1));
        QCOMPARE(session.verdict(2)->kind, FlowVerdict::Kind::Blocked);
        QCOMPARE(observed.flows.size(), 2);
        QCOMPARE(session.leftoverFlowCount(), 0);
        // The restored flows are in the new journal: a second crash keeps them.
        QCOMPARE(FlowJournal::count(journal), 2);
        // This run's own flows are numbered after them.
        QString error;
        QVERIFY2(session.start(ProxySettings{}, &error), qPrintable(error));
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        session.stop();
        QCOMPARE(session.flows().size(), 3);
        QCOMPARE(session.flows().last().id, quint64(3));
    }

    // HAR import: flows numbered in their own range, evaluated as the session's browser, and
    // joining captured flows; a broken HAR is an error, not a crash.
    void aHarImportJoinsTheCapture()
    {
        CaptureSession source(BrowserProfile::chromium());
        QString error;
        QVERIFY2(source.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(source.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        QVERIFY(curlThrough(source.listenAddress(), fromApp(m_api.url(QStringLiteral("/blocked")))));
        source.stop();

        CaptureSession session(BrowserProfile::chromium());
        QVERIFY2(session.start({}, &error), qPrintable(error));
        QVERIFY(curlThrough(session.listenAddress(), fromApp(m_api.url(QStringLiteral("/allowed")))));
        QSignalSpy progress(&session, &CaptureSession::importProgress);
        QSignalSpy finished(&session, &CaptureSession::importFinished);
        QVERIFY(session.importHar(source.exportHar()));
        QVERIFY(!session.importHar(source.exportHar())); // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(finished.at(0).at(0).value<CaptureSession::ImportKind>(), CaptureSession::ImportKind::Har);
        QCOMPARE(finished.at(0).at(1).value<qsizetype>(), 2);
        session.stop();
        QCOMPARE(session.flows().size(), 3);
        QCOMPARE(session.flows().at(1).id, CaptureSession::firstImportedId);
        QCOMPARE(session.verdict(CaptureSession::firstImportedId)->kind, FlowVerdict::Kind::Allowed);
        QCOMPARE(session.verdict(CaptureSession::firstImportedId + 1)->kind, FlowVerdict::Kind::Blocked);

        QVERIFY(session.importHar("{\"log\": "));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QVERIFY(!finished.at(1).at(2).toString().isEmpty());
        QCOMPARE(session.flows().size(), 3);
    }

    // Bad input says so: an unreadable journal, a port already taken.
    void badInputIsAClearError()
    {
        QTemporaryDir dir;
        CaptureSession session(BrowserProfile::chromium());
        QString error;
        QVERIFY(!session.openJournal(dir.path(), &error)); // a directory, not a file
        QVERIFY(!error.isEmpty());
        ProxySettings taken;
        taken.port = m_api.serverPort();
        error.clear();
        QVERIFY(!session.start(taken, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!session.isCapturing());
        QVERIFY(session.listenAddress().isEmpty());
        session.stop(); // harmless when not capturing
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (const QByteArray journal = qgetenv(childJournalVariable); !journal.isEmpty())
        return runChild(QString::fromLocal8Bit(journal));
    TestCaptureSession test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_capturesession.moc"
