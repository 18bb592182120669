#include "capture/flowjournal.h"
#include "capture/journalformat.h"
#include "loopbackhttpserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace Corscope;
using namespace CorscopeTest;

namespace {

// The body of response n: size bytes only that response has, so a body glued from two flows, cut
// short or shifted never matches.
QByteArray bodyFor(quint64 n, qsizetype size)
{
    QByteArray body(size, Qt::Uninitialized);
    quint64 state = n * 0x9E3779B97F4A7C15ull + 1;
    for (char &c : body) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        c = char(state >> 56);
    }
    return body;
}

// /f/N/SIZE
bool parseTarget(QByteArrayView target, quint64 *n, qsizetype *size)
{
    const QList<QByteArray> parts = target.toByteArray().split('/');
    if (parts.size() != 4 || parts.at(1) != "f")
        return false;
    bool okN = false;
    bool okSize = false;
    *n = parts.at(2).toULongLong(&okN);
    *size = parts.at(3).toLongLong(&okSize);
    return okN && okSize && *size >= 0 && *size <= (1 << 20);
}

} // namespace

// The promise of the journal under the worst a user does to it: `corscope-cli proxy --journal F`
// killed with SIGKILL again and again while clients download bodies of 0–1 MiB through it,
// restarted on the same journal each time. Every flow whose response a client received whole must
// be in the journal at the end, with its body byte for byte, and no record may be unreadable.
// CORSCOPE_JOURNALKILL_KILLS sets the number of kills (50 by default) for a longer soak.
class TestJournalKill : public QObject {
    Q_OBJECT

private:
    static QString startProxy(QProcess &cli, const QStringList &arguments, QByteArray *output)
    {
        cli.start(QStringLiteral(CORSCOPE_CLI_PATH), arguments);
        QString listen;
        (void)QTest::qWaitFor(
            [&] {
                *output += cli.readAllStandardOutput();
                listen = QRegularExpression(QStringLiteral("listening on (127\\.0\\.0\\.1:\\d+)"))
                             .match(QString::fromUtf8(*output))
                             .captured(1);
                return !listen.isEmpty() || cli.state() == QProcess::NotRunning;
            },
            20000);
        return listen;
    }

private slots:
    void aKillLoopLosesNothingThatCompleted()
    {
        LoopbackHttpServer upstream;
        QVERIFY(upstream.listenLoopback());
        upstream.setHandler([](const LoopbackRequest &request) {
            quint64 n = 0;
            qsizetype size = 0;
            if (!parseTarget(request.target.mid(request.target.indexOf("/f/")), &n, &size))
                return LoopbackReply{LoopbackHttpServer::response(404, {}, "no", "Not Found")};
            return LoopbackReply{LoopbackHttpServer::response(
                200, {{"Content-Type", "application/octet-stream"}, {"Access-Control-Allow-Origin", "*"}},
                bodyFor(n, size))};
        });
        const int kills = qEnvironmentVariableIsSet("CORSCOPE_JOURNALKILL_KILLS")
                              ? qEnvironmentVariableIntValue("CORSCOPE_JOURNALKILL_KILLS")
                              : 50;
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("capture.journal"));
        const QStringList arguments{QStringLiteral("proxy"),       QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-intercept"),
                                    QStringLiteral("--journal"),   journal};
        QRandomGenerator random(20261207);
        // Mostly small bodies, as real traffic is, and a fifth of them up to the 1 MiB capture cap.
        const auto pickSize = [&random]() -> qsizetype {
            const int kind = random.bounded(10);
            if (kind < 3)
                return random.bounded(1025);
            if (kind < 8)
                return random.bounded(64 * 1024 + 1);
            return kind == 9 && random.bounded(4) == 0 ? (1 << 20) : random.bounded(1 << 20) + 1;
        };
        QHash<QString, qsizetype> answered; // path -> body size, received whole by a client
        quint64 issued = 0;
        int unreadableAtRestart = 0;
        QElapsedTimer clock;
        clock.start();
        for (int kill = 0; kill < kills; ++kill) {
            // Every restart opens the journal the kill left: a torn tail may be there (it is cut
            // on open), a damaged record never. The records alone say so; bodies are checked last.
            {
                QFile records(journal);
                if (records.open(QIODevice::ReadOnly))
                    unreadableAtRestart += JournalFormat::scan(records.readAll()).corrupt;
            }
            QProcess cli;
            QByteArray output;
            const QString listen = startProxy(cli, arguments, &output);
            QVERIFY2(!listen.isEmpty(), output.constData());

            QNetworkAccessManager clients;
            clients.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"),
                                           quint16(listen.section(u':', 1).toUInt())));
            int inFlight = 0;
            bool killed = false;
            std::function<void()> issue = [&] {
                const quint64 n = ++issued;
                const qsizetype size = pickSize();
                const QString path = QStringLiteral("/f/%1/%2").arg(n).arg(size);
                QNetworkReply *reply = clients.get(QNetworkRequest(upstream.url(path)));
                ++inFlight;
                connect(reply, &QNetworkReply::finished, this, [&, reply, n, size, path] {
                    reply->deleteLater();
                    --inFlight;
                    if (reply->error() == QNetworkReply::NoError &&
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 &&
                        reply->readAll() == bodyFor(n, size))
                        answered.insert(path, size);
                    if (!killed)
                        issue();
                });
            };
            for (int client = 0; client < 4; ++client)
                issue();
            // At a random moment: mid-body, mid-record, between flows.
            QTest::qWait(20 + random.bounded(200));
            killed = true;
            ::kill(pid_t(cli.processId()), SIGKILL);
            QVERIFY(cli.waitForFinished(10000));
            QCOMPARE(cli.exitStatus(), QProcess::CrashExit);
            QTRY_COMPARE_WITH_TIMEOUT(inFlight, 0, 20000);
        }

        // What the next run would start from.
        const FlowJournal::Recovery recovery = FlowJournal::read(journal);
        QHash<QString, const Flow *> recovered;
        for (const Flow &flow : recovery.flows)
            recovered.insert(flow.url.path(), &flow);
        int lost = 0;
        int wrong = 0;
        for (auto it = answered.cbegin(); it != answered.cend(); ++it) {
            const Flow *flow = recovered.value(it.key());
            if (!flow) {
                ++lost;
                qWarning("lost: %s", qPrintable(it.key()));
                continue;
            }
            const quint64 n = it.key().section(u'/', 2, 2).toULongLong();
            if (flow->state != Flow::State::Complete || flow->responseBodySize != it.value() ||
                flow->responseBody != bodyFor(n, it.value()))
                ++wrong;
        }
        qInfo("%d kills in %lld ms: %llu requests issued, %lld answered whole to clients, %lld flows "
              "recovered, %d lost, %d wrong, %d unreadable (torn tail: %s)",
              kills, clock.elapsed(), issued, qint64(answered.size()), qint64(recovery.flows.size()), lost,
              wrong, recovery.corrupt + unreadableAtRestart, recovery.tornTail ? "yes" : "no");
        // The loop did what it claims: traffic flowed, large bodies among it, under every kill.
        QVERIFY(answered.size() >= kills);
        QVERIFY(std::any_of(answered.cbegin(), answered.cend(),
                            [](qsizetype size) { return size > 512 * 1024; }));
        QCOMPARE(lost, 0);
        QCOMPARE(wrong, 0);
        QCOMPARE(recovery.corrupt, 0);
        QCOMPARE(unreadableAtRestart, 0);
    }
};

QTEST_GUILESS_MAIN(TestJournalKill)
#include "tst_journalkill.moc"
