// The proxy's "done when", as a user goes through it in the Traffic tab: start the capture, open
// Chromium through Corscope on an HTTPS page whose API call fails, find the blocked flow with its
// paired preflight and explanation, press "Fix with a rule", reload, and see the page work — with
// the real Chromium deciding, over intercepted HTTPS.

#include "browserrunner.h"
#include "loopbackhttpserver.h"
#include "models/rewriterulesmodel.h"
#include "models/traffictablemodel.h"
#include "widgets/explanationview.h"
#include "widgets/rewriterulespanel.h"
#include "widgets/trafficcontroller.h"
#include "widgets/trafficview.h"

#include <QAction>
#include <QProcess>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;
using namespace CorscopeTest;

class TestTrafficEndToEnd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    LoopbackHttpServer m_page;
    LoopbackHttpServer m_api;
    QString m_report;
    int m_optionsReachingServer = 0;
    std::unique_ptr<TrafficView> m_view;
    std::unique_ptr<TrafficController> m_controller;

    static bool makeCertificate(const QString &certificate, const QString &key)
    {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                       QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate,
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        return openssl.waitForFinished(30000) && openssl.exitCode() == 0;
    }

    // Opens the page in headless Chromium with the arguments "Open Chromium through Corscope"
    // uses, and returns what the page's fetch() reported: "allowed", "blocked", or empty.
    QString openPageInChromium()
    {
        m_report.clear();
        QTemporaryDir profile;
        const QStringList arguments = m_controller->chromiumLaunch(profile.path())
                                          .setHeadless(true)
                                          .setAutomation(true)
                                          .setStartUrl(m_page.url(QStringLiteral("/")).toString())
                                          .arguments();
        QProcess chromium;
        chromium.setProcessChannelMode(QProcess::MergedChannels);
        chromium.start(BrowserRunner::executable(Browser::Chromium), arguments);
        const bool reported = QTest::qWaitFor([&] { return !m_report.isEmpty(); }, 45000);
        chromium.kill();
        chromium.waitForFinished(5000);
        if (!reported)
            qWarning() << chromium.readAll().right(2000);
        return m_report;
    }

    // The row of the latest flow to the API with this method.
    int latestApiRow(const QByteArray &method) const
    {
        TrafficTableModel *model = m_view->model();
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const TrafficEntry *entry = model->entryAt(row);
            if (entry->method == method && entry->url.startsWith(m_api.origin()))
                return row;
        }
        return -1;
    }

private slots:
    void initTestCase()
    {
        if (!BrowserRunner::available(Browser::Chromium))
            QSKIP("chromium is not installed");
        const QString certificate = m_dir.filePath(QStringLiteral("server.pem"));
        const QString key = m_dir.filePath(QStringLiteral("server-key.pem"));
        QVERIFY(makeCertificate(certificate, key));
        for (LoopbackHttpServer *server : {&m_page, &m_api}) {
            QVERIFY(server->listenLoopback());
            QVERIFY(server->enableTls(certificate, key));
        }
        const QByteArray api = m_api.origin().toUtf8();
        m_page.setHandler([this, api](const LoopbackRequest &request) {
            if (request.target.startsWith("/report?result=")) {
                m_report = QString::fromLatin1(request.target.mid(15));
                return LoopbackReply{LoopbackHttpServer::response(204, {})};
            }
            if (request.target != "/")
                return LoopbackReply{LoopbackHttpServer::response(404, {})};
            const QByteArray page = "<!doctype html><script>"
                                    "const report = v => fetch('/report?result=' + v);"
                                    "fetch('" +
                                    api +
                                    "/v1/items/7', {method: 'PUT', headers: {'X-Trace': '7f3a'}, body: '{}'})"
                                    ".then(r => r.text()).then(() => report('allowed'), () => report('blocked'));"
                                    "</script>";
            return LoopbackReply{LoopbackHttpServer::response(200, {{"Content-Type", "text/html"}}, page)};
        });
        // A gateway in front of the API that answers OPTIONS with 404, and an API that sends no
        // CORS headers at all: two things to fix, one of which no header rewrite can.
        m_api.setHandler([this](const LoopbackRequest &request) {
            if (request.method == "OPTIONS") {
                ++m_optionsReachingServer;
                return LoopbackReply{LoopbackHttpServer::response(404, {{"Content-Type", "text/html"}}, "no route")};
            }
            return LoopbackReply{LoopbackHttpServer::response(200, {{"Content-Type", "application/json"}}, "{}")};
        });

        m_view = std::make_unique<TrafficView>();
        m_view->resize(1200, 800);
        m_view->show();
        m_controller = std::make_unique<TrafficController>(m_view.get(), m_dir.filePath(QStringLiteral("capture.jsonl")));
        m_controller->setCaDirectory(m_dir.filePath(QStringLiteral("ca")));
        m_controller->setUpstreamCaCertificates(QSslCertificate::fromPath(certificate));
        QString error;
        QVERIFY2(m_controller->startCapture(0, &error), qPrintable(error));
        QVERIFY(m_controller->chromiumLaunch(m_dir.path()).arguments().join(u' ').contains(
            QStringLiteral("--ignore-certificate-errors-spki-list=")));
    }

    void theFailingPageIsBlockedAndExplained()
    {
        QCOMPARE(openPageInChromium(), QStringLiteral("blocked"));
        QVERIFY(m_optionsReachingServer >= 1);
        // The preflight went over intercepted HTTPS and is flagged with Chromium's message.
        QTRY_VERIFY(latestApiRow("OPTIONS") >= 0);
        const int row = latestApiRow("OPTIONS");
        const TrafficEntry *preflight = m_view->model()->entryAt(row);
        QVERIFY(preflight->url.startsWith(QStringLiteral("https://")));
        QCOMPARE(preflight->verdict, TrafficEntry::Verdict::Blocked);
        QVERIFY(preflight->facts.preflightFailed);
        QCOMPARE(latestApiRow("PUT"), -1); // Chromium never sent it

        m_view->findChild<QTableView *>(QStringLiteral("trafficTable"))->selectRow(row);
        QTRY_VERIFY(m_view->explanationView()->consoleText().contains(
            QStringLiteral("Response to preflight request doesn't pass access control check")));
    }

    void fixWithARuleMakesThePageWork()
    {
        const int row = latestApiRow("OPTIONS");
        QVERIFY(row >= 0);
        m_view->findChild<QTableView *>(QStringLiteral("trafficTable"))->selectRow(row);
        QVERIFY(m_view->fixWithRuleAction()->isEnabled());
        m_view->fixWithRuleAction()->trigger();
        const RewriteRules &rules = m_view->rulesPanel()->model()->rules();
        QVERIFY(!rules.isEmpty());
        QVERIFY(std::any_of(rules.rules().begin(), rules.rules().end(),
                            [](const RewriteRule &rule) { return rule.respond.has_value(); }));

        const int optionsBefore = m_optionsReachingServer;
        QCOMPARE(openPageInChromium(), QStringLiteral("allowed"));
        QCOMPARE(m_optionsReachingServer, optionsBefore); // the proxy answered the preflight

        // The PUT now reached the server, passed, and is paired with the preflight before it.
        QTRY_VERIFY(latestApiRow("PUT") >= 0);
        const TrafficEntry *put = m_view->model()->entryAt(latestApiRow("PUT"));
        QCOMPARE(put->verdict, TrafficEntry::Verdict::Allowed);
        QVERIFY(put->pairedFlowId.has_value());
        const TrafficEntry *preflight = m_view->model()->entryAt(latestApiRow("OPTIONS"));
        QCOMPARE(preflight->verdict, TrafficEntry::Verdict::Allowed);
        QCOMPARE(*put->pairedFlowId, preflight->flowId);
    }

    void cleanupTestCase()
    {
        if (m_controller)
            m_controller->stopCapture();
    }
};

QTEST_MAIN(TestTrafficEndToEnd)
#include "tst_trafficendtoend.moc"
