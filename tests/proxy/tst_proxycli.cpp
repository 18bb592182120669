#include "capture/flowjournal.h"
#include "loopbackhttpserver.h"
#include "scenarioserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/stat.h>

using namespace CorscopeTest;

// `corscope-cli proxy` and `corscope-cli har` as scripts use them: the real binary, real curl,
// SIGTERM to stop, the HAR on disk.
class TestProxyCli : public QObject {
    Q_OBJECT

private:
    static bool curlThrough(const QString &proxy, const QStringList &arguments)
    {
        QProcess curl;
        curl.start(QStringLiteral("curl"),
                   QStringList{QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                               QStringLiteral("-x"), QStringLiteral("http://") + proxy} +
                       arguments);
        return QTest::qWaitFor([&] { return curl.state() == QProcess::NotRunning; }, 20000) &&
               curl.exitCode() == 0;
    }

    // Starts `corscope-cli ARGUMENTS` and waits for the proxy's "listening on ADDRESS" line;
    // returns the address, empty on timeout.
    // The entries of the HAR the CLI wrote on exit; empty when it is missing or unreadable.
    static QJsonArray harEntries(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll())
            .object()
            .value(u"log")
            .toObject()
            .value(u"entries")
            .toArray();
    }

    // The browser's two requests for a PUT from http://app.example: the preflight, then the PUT.
    static bool preflightThenPut(const QString &proxy, const QString &url)
    {
        return curlThrough(proxy, {QStringLiteral("-X"), QStringLiteral("OPTIONS"), QStringLiteral("-H"),
                                   QStringLiteral("Origin: http://app.example"), QStringLiteral("-H"),
                                   QStringLiteral("Access-Control-Request-Method: PUT"), url}) &&
               curlThrough(proxy, {QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("-H"),
                                   QStringLiteral("Origin: http://app.example"), url});
    }

    // Waits for the CLI to print line, then stops it with SIGTERM as a user's Ctrl+C would and
    // collects everything it printed.
    static bool stopAfter(QProcess &cli, const QByteArray &line, QByteArray *output)
    {
        const bool printed = QTest::qWaitFor(
            [&] {
                *output += cli.readAllStandardOutput();
                return output->contains(line);
            },
            10000);
        ::kill(pid_t(cli.processId()), SIGTERM);
        const bool stopped = QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 10000);
        *output += cli.readAllStandardOutput();
        return printed && stopped;
    }

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
                return !listen.isEmpty();
            },
            10000);
        return listen;
    }

private slots:
    // Issue 14: a request the proxy cannot forward is a flow: a line of its own, in the journal
    // and in the HAR with Chrome's net::ERR_* name.
    void proxyPrintsJournalsAndExportsErrorFlows()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QString refused = QStringLiteral("http://127.0.0.1:%1/gone").arg(closed.serverPort());
        closed.close();
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("capture.har"));
        const QString journal = dir.filePath(QStringLiteral("capture.jsonl"));
        QProcess cli;
        QByteArray output;
        const QString listen =
            startProxy(cli,
                       {QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--har"), har, QStringLiteral("--journal"), journal,
                        QStringLiteral("--no-intercept")},
                       &output);
        QVERIFY(!listen.isEmpty());
        QVERIFY(curlThrough(listen, {refused})); // the proxy answers (502): curl without -f exits 0
        QVERIFY(stopAfter(cli, "ERROR GET", &output));
        QVERIFY2(output.contains("#1 ERROR GET " + refused.toUtf8() + " connection-refused: "),
                 output.constData());
        QVERIFY2(output.contains("(answered 502)\n"), output.constData());
        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 1);
        const QJsonObject response = entries.at(0).toObject().value(u"response").toObject();
        QCOMPARE(response.value(u"status").toInt(-1), 0);
        QCOMPARE(response.value(u"_error").toString(), QStringLiteral("net::ERR_CONNECTION_REFUSED"));
        QCOMPARE(response.value(u"_corscopeError").toObject().value(u"kind").toString(),
                 QStringLiteral("connection-refused"));
        const QList<Corscope::Flow> journaled = Corscope::FlowJournal::recover(journal);
        QCOMPARE(journaled.size(), 1);
        QCOMPARE(journaled.first().errorKind, Corscope::FlowError::ConnectionRefused);
    }

    void proxyPrintsVerdictsAndWritesHarOnSigterm()
    {
        LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const LoopbackRequest &request) {
            if (request.method == "OPTIONS")
                return LoopbackReply{
                    LoopbackHttpServer::response(204, {{"Access-Control-Allow-Origin", "http://app.example"},
                                                       {"Access-Control-Allow-Methods", "PUT"}})};
            return LoopbackReply{LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "ok")};
        });
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("capture.har"));
        QProcess cli;
        QByteArray output;
        const QString listen =
            startProxy(cli,
                       {QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--browser"), QStringLiteral("firefox"), QStringLiteral("--har"), har,
                        QStringLiteral("--ca-dir"), dir.filePath(QStringLiteral("ca"))},
                       &output);
        QVERIFY(!listen.isEmpty());

        const QString url = api.url(QStringLiteral("/items")).toString();
        QVERIFY(preflightThenPut(listen, url));
        QVERIFY(stopAfter(cli, "BLOCKED PUT", &output));
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.exitCode(), 1); // something was blocked
        QVERIFY2(output.contains("PREFLIGHT-OK OPTIONS"), output.constData());
        QVERIFY2(output.contains("--ignore-certificate-errors-spki-list="), output.constData());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("ca/ca-cert.pem"))));
        QVERIFY2(output.contains("(preflight #1)"), output.constData());
        QVERIFY2(output.contains("Cross-Origin Request Blocked"), output.constData()); // Firefox's wording
        // Whole lines, as scripts read them.
        QVERIFY2(
            output.contains("#1 PREFLIGHT-OK OPTIONS " + url.toUtf8() + " from http://app.example -> 204\n"),
            output.constData());
        QVERIFY2(output.contains(
                     "#2 BLOCKED PUT " + url.toUtf8() +
                     " from http://app.example -> 200 (preflight #1)\n    Cross-Origin Request Blocked"),
                 output.constData());

        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 2);
        const QJsonObject cors = entries.at(1).toObject().value(u"_cors").toObject();
        QCOMPARE(cors.value(u"verdict").toString(), QStringLiteral("blocked"));
        QCOMPARE(cors.value(u"pairedPreflight").toInt(-1), 0);
        QCOMPARE(cors.value(u"browser").toString(), QStringLiteral("firefox"));

        // The written HAR evaluates the same way through `corscope-cli har`.
        QProcess evaluate;
        evaluate.start(QStringLiteral(CORSCOPE_CLI_PATH),
                       {QStringLiteral("har"), har, QStringLiteral("--browser"), QStringLiteral("firefox")});
        QVERIFY(evaluate.waitForFinished(20000));
        QCOMPARE(evaluate.exitCode(), 1);
        QVERIFY(evaluate.readAllStandardOutput().contains("Cross-Origin Request Blocked"));
    }

    void aRulesFileAnswersPreflightsAndTheCaptureSaysSo()
    {
        LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const LoopbackRequest &request) {
            if (request.method == "OPTIONS")
                return LoopbackReply{LoopbackHttpServer::response(404, {}, "no route", "Not Found")};
            return LoopbackReply{LoopbackHttpServer::response(
                200, {{"Access-Control-Allow-Origin", "http://app.example"}}, "ok")};
        });
        QTemporaryDir dir;
        const QString rules = dir.filePath(QStringLiteral("rules.json"));
        QFile rulesFile(rules);
        QVERIFY(rulesFile.open(QIODevice::WriteOnly));
        rulesFile.write(
            "{\"rules\": [{\"name\": \"answer preflights\", \"respond\": {\"status\": 204, \"headers\":"
            " {\"Access-Control-Allow-Origin\": \"http://app.example\", \"Access-Control-Allow-Methods\": "
            "\"PUT\"}}}]}");
        rulesFile.close();
        const QString har = dir.filePath(QStringLiteral("capture.har"));
        QProcess cli;
        QByteArray output;
        const QString listen =
            startProxy(cli,
                       {QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--har"), har, QStringLiteral("--rules"), rules,
                        QStringLiteral("--no-intercept")},
                       &output);
        QVERIFY2(!listen.isEmpty(), output.constData());
        const QString url = api.url(QStringLiteral("/items")).toString();
        QVERIFY(preflightThenPut(listen, url));
        QVERIFY(stopAfter(cli, "ALLOWED PUT", &output));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(output.contains("PREFLIGHT-OK OPTIONS") &&
                     output.contains("(answered by the proxy: rule 'answer preflights')"),
                 output.constData());
        QVERIFY2(output.contains("(preflight #1)"), output.constData());
        QCOMPARE(api.requests().size(), 1);

        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 2);
        const QJsonObject corscope = entries.at(0).toObject().value(u"_corscope").toObject();
        QCOMPARE(corscope.value(u"answeredLocally").toBool(), true);
        QCOMPARE(corscope.value(u"rules").toArray(), QJsonArray{QStringLiteral("answer preflights")});
        QVERIFY(!entries.at(1).toObject().contains(u"_corscope"));
    }

    void killedCaptureIsRecoveredFromTheJournal()
    {
        LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const LoopbackRequest &) {
            return LoopbackReply{
                LoopbackHttpServer::response(200, {{"Access-Control-Allow-Origin", "*"}}, "ok")};
        });
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("capture.jsonl"));
        const QStringList journaled{QStringLiteral("proxy"),       QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-intercept"),
                                    QStringLiteral("--journal"),   journal};
        QByteArray firstOutput;
        QProcess first;
        const QString listen = startProxy(first, journaled, &firstOutput);
        QVERIFY(!listen.isEmpty());
        for (const char *path : {"/one", "/two"})
            QVERIFY(curlThrough(listen, {QStringLiteral("-H"), QStringLiteral("Origin: http://app.example"),
                                         api.url(QString::fromLatin1(path)).toString()}));
        // Both flows are on disk before the kill: the journal is written as flows finish.
        QVERIFY(QTest::qWaitFor([&] { return Corscope::FlowJournal::count(journal) == 2; }, 10000));
        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(5000));
        // A torn line, as if the kill had landed mid-write.
        {
            QFile file(journal);
            QVERIFY(file.open(QIODevice::Append));
            file.write("{\"id\": \"3\", \"sta");
        }

        const QString har = dir.filePath(QStringLiteral("after.har"));
        QProcess second;
        QByteArray secondOutput;
        QVERIFY(!startProxy(second, journaled + QStringList{QStringLiteral("--har"), har}, &secondOutput)
                     .isEmpty());
        ::kill(pid_t(second.processId()), SIGTERM);
        QVERIFY(second.waitForFinished(10000));
        secondOutput += second.readAllStandardOutput();
        QVERIFY2(secondOutput.contains("Recovered 2 flow(s)") && secondOutput.contains("1 unreadable line"),
                 secondOutput.constData());
        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 2);
        QVERIFY(
            entries.at(1).toObject().value(u"request").toObject().value(u"url").toString().endsWith(u"/two"));
        QCOMPARE(entries.at(1).toObject().value(u"_cors").toObject().value(u"verdict").toString(),
                 QStringLiteral("allowed"));
    }

    // A fetch that follows a redirect is one fetch: through the real proxy, curl following a 302
    // with the page's Origin ends as one verdict, on the hop where the browser decided, with the
    // hop before it marked as followed in the output and the HAR.
    void aRedirectChainEndsAsOneVerdict()
    {
        LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([&api](const LoopbackRequest &request) {
            if (request.target == "/a")
                return LoopbackReply{LoopbackHttpServer::response(
                    302, {{"Access-Control-Allow-Origin", "*"},
                          {"Location", api.url(QStringLiteral("/b")).toString().toUtf8()}})};
            // The final hop forgets its CORS headers: the chain is blocked there.
            return LoopbackReply{LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "ok")};
        });
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("chain.har"));
        QProcess cli;
        QByteArray output;
        const QString listen =
            startProxy(cli,
                       {QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--har"), har, QStringLiteral("--no-intercept")},
                       &output);
        QVERIFY2(!listen.isEmpty(), output.constData());
        const QString first = api.url(QStringLiteral("/a")).toString();
        const QString second = api.url(QStringLiteral("/b")).toString();
        QVERIFY(curlThrough(listen, {QStringLiteral("-L"), QStringLiteral("-H"),
                                     QStringLiteral("Origin: http://app.example"), first}));
        QVERIFY(stopAfter(cli, "BLOCKED GET", &output));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(output.contains("#1 FOLLOWED GET " + first.toUtf8() +
                                 " from http://app.example -> 302 (chain #1, hop 1 of 2)\n"),
                 output.constData());
        QVERIFY2(output.contains(
                     "#2 BLOCKED GET " + second.toUtf8() +
                     " from http://app.example -> 200 (chain #1, hop 2 of 2)\n    Access to fetch at '" +
                     second.toUtf8() + "' (redirected from '" + first.toUtf8() + "')"),
                 output.constData());
        QCOMPARE(output.count("BLOCKED"), 1);

        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 2);
        const QJsonObject hop = entries.at(0).toObject().value(u"_cors").toObject();
        QCOMPARE(hop.value(u"verdict").toString(), QStringLiteral("redirect-followed"));
        QCOMPARE(hop.value(u"followedHop").toBool(), true);
        QCOMPARE(hop.value(u"chain").toObject().value(u"hops").toInt(), 2);
        const QJsonObject decided = entries.at(1).toObject().value(u"_cors").toObject();
        QCOMPARE(decided.value(u"verdict").toString(), QStringLiteral("blocked"));
        QCOMPARE(decided.value(u"chain").toObject().value(u"id").toInt(-1), 0);
        QCOMPARE(decided.value(u"chain").toObject().value(u"hop").toInt(), 1);
        QVERIFY(decided.value(u"consoleMessage").toString().contains(QStringLiteral("redirected from")));
    }

    // A granted preflight nobody follows is reported by the wall clock, with no further traffic:
    // the credentials reading first, with its fix.
    void anUnfollowedPreflightIsReportedAfterTheWindow()
    {
        LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const LoopbackRequest &) {
            return LoopbackReply{
                LoopbackHttpServer::response(204, {{"Access-Control-Allow-Origin", "http://app.example"},
                                                   {"Access-Control-Allow-Methods", "PUT"}})};
        });
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("unfollowed.har"));
        QProcess cli;
        QByteArray output;
        const QString listen =
            startProxy(cli,
                       {QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--har"), har, QStringLiteral("--no-intercept")},
                       &output);
        QVERIFY2(!listen.isEmpty(), output.constData());
        const QString url = api.url(QStringLiteral("/items")).toString();
        QVERIFY(curlThrough(listen, {QStringLiteral("-X"), QStringLiteral("OPTIONS"), QStringLiteral("-H"),
                                     QStringLiteral("Origin: http://app.example"), QStringLiteral("-H"),
                                     QStringLiteral("Access-Control-Request-Method: PUT"), url}));
        // Printed while the proxy still runs: settled by the window, not by the exit.
        QVERIFY(stopAfter(cli, "fix: ", &output));
        QVERIFY2(output.contains("#1 PREFLIGHT-UNFOLLOWED OPTIONS " + url.toUtf8() +
                                 " from http://app.example -> 204\n"),
                 output.constData());
        QVERIFY2(output.contains("    maybe: the page's fetch used credentials: 'include'"),
                 output.constData());
        QVERIFY2(output.contains("Access-Control-Allow-Credentials"), output.constData());
        QVERIFY2(!output.contains("PREFLIGHT-OK"), output.constData());
        QCOMPARE(cli.exitCode(), 1);
        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 1);
        const QJsonObject cors = entries.at(0).toObject().value(u"_cors").toObject();
        QCOMPARE(cors.value(u"verdict").toString(), QStringLiteral("preflight-unfollowed"));
        QCOMPARE(cors.value(u"readings").toArray().first().toObject().value(u"errorCode").toString(),
                 QStringLiteral("preflight-invalid-allow-credentials"));
    }

    // An intercepted https origin signed by a CA the system does not know (a development CA) is
    // reached only when --upstream-ca names it; without it the flow is an error flow, as the
    // browser's own request would be, and says the certificate is not trusted.
    void upstreamCaIsTrustedOnlyWhenNamed_data()
    {
        QTest::addColumn<bool>("trusted");
        QTest::newRow("with --upstream-ca") << true;
        QTest::newRow("without") << false;
    }

    void upstreamCaIsTrustedOnlyWhenNamed()
    {
        QFETCH(bool, trusted);
        ScenarioServer origin; // answers 404 over TLS to any path outside a scenario
        QString error;
        QVERIFY2(origin.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("capture.har"));
        QStringList arguments{QStringLiteral("proxy"),
                              QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:0"),
                              QStringLiteral("--har"),
                              har,
                              QStringLiteral("--ca-dir"),
                              dir.filePath(QStringLiteral("ca"))};
        if (trusted)
            arguments << QStringLiteral("--upstream-ca") << origin.caPath();
        QProcess cli;
        QByteArray output;
        const QString listen = startProxy(cli, arguments, &output);
        QVERIFY2(!listen.isEmpty(), output.constData());
        // curl trusts the proxy's interception CA, so only the proxy's own check of the origin decides.
        const QString url = origin.secureApiOrigin() + QStringLiteral("/nothing-here");
        QVERIFY(
            curlThrough(listen, {QStringLiteral("--cacert"), dir.filePath(QStringLiteral("ca/ca-cert.pem")),
                                 QStringLiteral("-H"), QStringLiteral("Origin: http://app.example"), url}));
        // A cross-origin 404 without ACAO is BLOCKED; the untrusted origin is an ERROR flow.
        QVERIFY2(stopAfter(cli, (trusted ? "BLOCKED GET " : "ERROR GET ") + url.toUtf8(), &output),
                 output.constData());
        const QJsonArray entries = harEntries(har);
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.at(0).toObject();
        QCOMPARE(entry.value(u"request").toObject().value(u"url").toString(), url);
        const QJsonObject response = entry.value(u"response").toObject();
        if (trusted) {
            QCOMPARE(response.value(u"status").toInt(-1), 404);
            QVERIFY2(!response.contains(u"_corscopeError"), output.constData());
        } else {
            QCOMPARE(response.value(u"status").toInt(-1), 0);
            QCOMPARE(response.value(u"_corscopeError").toObject().value(u"kind").toString(),
                     QStringLiteral("untrusted-certificate"));
        }
    }

    void upstreamCaNeedsAReadableFileWithACertificate()
    {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty.pem"));
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-----BEGIN NOTHING-----\n-----END NOTHING-----\n");
        file.close();
        const QList<QPair<QString, QByteArray>> cases{
            {dir.filePath(QStringLiteral("missing.pem")), "cannot read"},
            {empty, "holds no PEM certificate"},
        };
        for (const auto &[path, message] : cases) {
            QProcess cli;
            cli.start(QStringLiteral(CORSCOPE_CLI_PATH),
                      {QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                       QStringLiteral("--ca-dir"), dir.filePath(QStringLiteral("ca")),
                       QStringLiteral("--upstream-ca"), path});
            QVERIFY(cli.waitForFinished(10000));
            QCOMPARE(cli.exitCode(), 2);
            const QByteArray err = cli.readAllStandardError();
            QVERIFY2(err.contains(message) && err.contains(path.toUtf8()), err.constData());
        }
        QProcess help;
        help.start(QStringLiteral(CORSCOPE_CLI_PATH), {QStringLiteral("proxy"), QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(10000));
        QVERIFY(help.readAllStandardOutput().contains("--upstream-ca <FILE>"));
    }

    void beyondLoopbackTheProxyTakesACredentialAndAllowedTargets()
    {
        QHostAddress lan;
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback() &&
                !address.isLinkLocal()) {
                lan = address;
                break;
            }
        }
        if (lan.isNull())
            QSKIP("This machine has no non-loopback IPv4 address to listen on.");
        LoopbackHttpServer origin;
        QVERIFY(origin.listenLoopback());
        origin.setHandler([](const LoopbackRequest &) {
            return LoopbackReply{LoopbackHttpServer::response(200, {}, "ok")};
        });
        const QString url = origin.url(QStringLiteral("/x")).toString();
        // The status curl got through the proxy, optionally with a proxy credential.
        const auto status = [](const QString &proxy, const QString &user, const QString &target) {
            QProcess curl;
            QStringList arguments{QStringLiteral("-s"),
                                  QStringLiteral("-o"),
                                  QStringLiteral("/dev/null"),
                                  QStringLiteral("-w"),
                                  QStringLiteral("%{http_code}"),
                                  QStringLiteral("-x"),
                                  QStringLiteral("http://") + proxy};
            if (!user.isEmpty())
                arguments << QStringLiteral("--proxy-user") << user;
            curl.start(QStringLiteral("curl"), arguments << target);
            (void)QTest::qWaitFor([&] { return curl.state() == QProcess::NotRunning; }, 20000);
            return curl.readAllStandardOutput();
        };
        for (const bool allowTarget : {false, true}) {
            QStringList arguments{QStringLiteral("proxy"), QStringLiteral("--listen"),
                                  lan.toString() + QStringLiteral(":0"),
                                  QStringLiteral("--allow-non-loopback"), QStringLiteral("--no-intercept")};
            if (allowTarget)
                arguments << QStringLiteral("--allow-target")
                          << QStringLiteral("127.0.0.1:%1").arg(origin.serverPort());
            QProcess cli;
            cli.start(QStringLiteral(CORSCOPE_CLI_PATH), arguments);
            QByteArray output;
            QRegularExpressionMatch listening, credential;
            (void)QTest::qWaitFor(
                [&] {
                    output += cli.readAllStandardOutput();
                    const QString text = QString::fromUtf8(output);
                    listening = QRegularExpression(QStringLiteral("listening on (\\S+:\\d+) ")).match(text);
                    credential =
                        QRegularExpression(QStringLiteral("authenticate as (corscope:\\S+) ")).match(text);
                    return listening.hasMatch() && credential.hasMatch() &&
                           output.contains("Allowed targets");
                },
                10000);
            QVERIFY2(listening.hasMatch() && credential.hasMatch(), output.constData());
            const QString proxy = listening.captured(1);
            QVERIFY2(proxy.startsWith(lan.toString()), qPrintable(proxy));
            QCOMPARE(status(proxy, QString(), url), QByteArray("407"));
            QCOMPARE(status(proxy, QStringLiteral("corscope:wrong"), url), QByteArray("407"));
            // This machine's own loopback only when --allow-target names it.
            QCOMPARE(status(proxy, credential.captured(1), url),
                     allowTarget ? QByteArray("200") : QByteArray("403"));
            QVERIFY(stopAfter(cli, "Allowed targets", &output));
            QVERIFY2(output.contains("proxy-auth-required"), output.constData());
        }
        QCOMPARE(origin.requests().size(), 1);
        QVERIFY(origin.requests().first().header("proxy-authorization").isEmpty());
    }

    void badArgumentsAreUsageErrors()
    {
        for (const QStringList &arguments :
             {QStringList{QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("nonsense")},
              QStringList{QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"),
                          QStringLiteral("--no-intercept")},
              QStringList{QStringLiteral("proxy"), QStringLiteral("--browser"), QStringLiteral("netscape")},
              QStringList{QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--no-intercept"), QStringLiteral("--proxy-auth"),
                          QStringLiteral("nocolon")},
              QStringList{QStringLiteral("proxy"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--no-intercept"), QStringLiteral("--allow-target"),
                          QStringLiteral("a.test:99999")},
              QStringList{QStringLiteral("har"), QStringLiteral(CORSCOPE_CLI_PATH)}}) {
            QProcess cli;
            cli.start(QStringLiteral(CORSCOPE_CLI_PATH), arguments);
            QVERIFY(cli.waitForFinished(10000));
            QCOMPARE(cli.exitCode(), 2);
            QVERIFY(!cli.readAllStandardError().isEmpty());
        }
    }

    // Issue 15 §3: the HAR holds what the browser sent — cookies, credentials, tokens — so it is
    // the owner's alone (0600 in a 0700 folder it creates) under any umask, here the worst, 0; and
    // it is sanitized as Chrome's export is unless --redact says otherwise.
    void harIsPrivateAndSanitized_data()
    {
        QTest::addColumn<QStringList>("redact");
        QTest::addColumn<QStringList>("gone");
        QTest::addColumn<QStringList>("kept");
        QTest::newRow("default") << QStringList() << QStringList{u"sid=abc"_qs, u"tok-123"_qs}
                                 << QStringList{u"token=s3cret"_qs, u"Bearer REDACTED"_qs,
                                                u"sid=REDACTED"_qs};
        QTest::newRow("none") << QStringList{u"--redact"_qs, u"none"_qs} << QStringList()
                              << QStringList{u"sid=abc"_qs, u"tok-123"_qs, u"token=s3cret"_qs};
        QTest::newRow("query") << QStringList{u"--redact"_qs, u"query=token"_qs} << QStringList{u"s3cret"_qs}
                               << QStringList{u"sid=abc"_qs, u"tok-123"_qs, u"token=REDACTED"_qs};
    }

    void harIsPrivateAndSanitized()
    {
        QFETCH(QStringList, redact);
        QFETCH(QStringList, gone);
        QFETCH(QStringList, kept);
        LoopbackHttpServer api;
        QVERIFY(api.listenLoopback());
        api.setHandler([](const LoopbackRequest &) {
            return LoopbackReply{
                LoopbackHttpServer::response(200,
                                             {{"Access-Control-Allow-Origin", "http://app.example"},
                                              {"Access-Control-Allow-Credentials", "true"}},
                                             "ok")};
        });
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("exports"));
        const QString har = folder + QStringLiteral("/capture.har");
        QProcess cli;
        QByteArray output;
        const mode_t previous = ::umask(0); // the CLI inherits it
        const QString listen = startProxy(cli,
                                          QStringList{QStringLiteral("proxy"), QStringLiteral("--listen"),
                                                      QStringLiteral("127.0.0.1:0"), QStringLiteral("--har"),
                                                      har, QStringLiteral("--no-intercept")} +
                                              redact,
                                          &output);
        ::umask(previous);
        QVERIFY2(!listen.isEmpty(), output.constData());
        QVERIFY(curlThrough(listen, {QStringLiteral("-H"), QStringLiteral("Origin: http://app.example"),
                                     QStringLiteral("-H"), QStringLiteral("Cookie: sid=abc"),
                                     QStringLiteral("-H"), QStringLiteral("Authorization: Bearer tok-123"),
                                     api.origin() + QStringLiteral("/me?token=s3cret")}));
        QVERIFY(stopAfter(cli, "GET", &output));
        QVERIFY2(output.contains("Wrote 1 flow(s)"), output.constData());
        auto mode = [](const QString &path) {
            struct stat info = {};
            return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
        };
        QCOMPARE(mode(har), 0600);
        QCOMPARE(mode(folder), 0700);
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        for (const QString &secret : gone)
            QVERIFY2(!text.contains(secret.toUtf8()), qPrintable(secret));
        for (const QString &value : kept)
            QVERIFY2(text.contains(value.toUtf8()), qPrintable(value));
        QCOMPARE(harEntries(har).size(), 1);
        QCOMPARE(harEntries(har).at(0).toObject().value(u"_cors").toObject().value(u"verdict").toString(),
                 QStringLiteral("allowed"));
    }
};

QTEST_GUILESS_MAIN(TestProxyCli)
#include "tst_proxycli.moc"
