#include "browserrunner.h"
#include "loopbackhttpserver.h"
#include "capture/flowanalyzer.h"
#include "proxy/proxyserver.h"
#include "proxy/rewriterules.h"
#include "verify/chromiumlaunch.h"

#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;
using namespace CorscopeTest;

// Real Chromium through the real proxy: the proxy's verdict for the captured flows must match
// what fetch() did in the page, and a rewrite rule must turn a blocked request into an allowed
// one in the browser itself.
class TestProxyBrowser : public QObject {
    Q_OBJECT

private:
    // Loads the page in headless Chromium through the proxy and returns what the page's fetch()
    // reported ("allowed" or "blocked"), or an empty string on timeout.
    QString runPage()
    {
        m_report.clear();
        QTemporaryDir profile;
        QProcess chromium;
        chromium.setProcessChannelMode(QProcess::MergedChannels);
        chromium.start(BrowserRunner::executable(Browser::Chromium),
                       ChromiumLaunch()
                           .setHeadless(true)
                           .setAutomation(true)
                           .setUserDataDir(profile.path())
                           .setProxy(m_proxy->listenAddress())
                           .setStartUrl(m_page.url(QStringLiteral("/")).toString())
                           .arguments());
        const bool reported = QTest::qWaitFor([&] { return !m_report.isEmpty(); }, 30000);
        chromium.kill();
        chromium.waitForFinished(5000);
        if (!reported)
            qWarning() << chromium.readAll().right(2000);
        return m_report;
    }

    std::unique_ptr<ProxyServer> m_proxy;
    LoopbackHttpServer m_page;
    LoopbackHttpServer m_api;
    QString m_report;
    QByteArray m_method = "PUT"; // what the page's fetch() asks for
    QList<FlowVerdict> m_verdicts;
    QList<quint64> m_localFlows; // flows the proxy answered itself
    std::unique_ptr<FlowAnalyzer> m_analyzer;

private slots:
    void initTestCase()
    {
        if (!BrowserRunner::available(Browser::Chromium))
            QSKIP("chromium is not installed");
        QVERIFY(m_page.listenLoopback());
        QVERIFY(m_api.listenLoopback());
        const QByteArray api = m_api.origin().toUtf8();
        m_page.setHandler([this, api](const LoopbackRequest &request) {
            if (request.target.startsWith("/report?result=")) {
                m_report = QString::fromLatin1(request.target.mid(15));
                return LoopbackReply{LoopbackHttpServer::response(204, {})};
            }
            if (request.target == "/favicon.ico")
                return LoopbackReply{LoopbackHttpServer::response(404, {})};
            const QByteArray page =
                "<!doctype html><script>"
                "const report = v => fetch('/report?result=' + v);"
                "fetch('" +
                api + "/data', {method: '" + m_method +
                "', headers: {'X-Trace': '1'}})"
                ".then(r => r.text()).then(() => report('allowed'), () => report('blocked'));"
                "</script>";
            return LoopbackReply{LoopbackHttpServer::response(200, {{"Content-Type", "text/html"}}, page)};
        });
        // The API grants the preflight but forgets Access-Control-Allow-Origin on the PUT: the
        // classic split between an OPTIONS handler and the real one.
        const QByteArray pageOrigin = m_page.origin().toUtf8();
        m_api.setHandler([pageOrigin](const LoopbackRequest &request) {
            if (request.method == "OPTIONS")
                return LoopbackReply{
                    LoopbackHttpServer::response(204, {{"Access-Control-Allow-Origin", pageOrigin},
                                                       {"Access-Control-Allow-Methods", "PUT"},
                                                       {"Access-Control-Allow-Headers", "x-trace"}})};
            return LoopbackReply{
                LoopbackHttpServer::response(200, {{"Content-Type", "application/json"}}, "{}")};
        });
        m_proxy = std::make_unique<ProxyServer>();
        QString error;
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        m_analyzer = std::make_unique<FlowAnalyzer>(BrowserProfile::chromium());
        connect(m_proxy.get(), &ProxyServer::flowFinished, this, [this](const Flow &flow) {
            if (flow.url.port() != m_api.serverPort())
                return;
            m_verdicts.append(m_analyzer->analyze(flow));
            if (flow.answeredLocally && flow.appliedRules == QStringList{QStringLiteral("answer preflights")})
                m_localFlows.append(flow.id);
        });
    }

    void blockedInTheBrowserAndInTheProxy()
    {
        m_verdicts.clear();
        QCOMPARE(runPage(), QStringLiteral("blocked"));
        QTRY_COMPARE(m_verdicts.size(), 2);
        QCOMPARE(m_verdicts.at(0).kind, FlowVerdict::Kind::PreflightPassed);
        QCOMPARE(m_verdicts.at(1).kind, FlowVerdict::Kind::Blocked);
        QCOMPARE(m_verdicts.at(1).pairedFlowId, std::optional<quint64>(m_verdicts.at(0).flowId));
        QVERIFY(m_verdicts.at(1).evaluation->consoleMessage.contains(
            QStringLiteral("No 'Access-Control-Allow-Origin' header is present")));
    }

    void aRewriteRuleFixesItInTheBrowser()
    {
        QString error;
        const auto rules =
            RewriteRules::parse("[{\"name\": \"add ACAO\", \"match\": {\"method\": \"PUT\"}, \"set\": "
                                "{\"Access-Control-Allow-Origin\": \"" +
                                    m_page.origin().toUtf8() + "\"}}]",
                                &error);
        QVERIFY2(rules, qPrintable(error));
        m_proxy->setResponseRewriter(
            [rules](const Flow &flow, HeaderList &headers) { rules->apply(flow, headers); });
        m_verdicts.clear();
        QCOMPARE(runPage(), QStringLiteral("allowed"));
        // A fresh browser profile has no preflight cache: preflight and PUT are both on the wire.
        QTRY_COMPARE(m_verdicts.size(), 2);
        QCOMPARE(m_verdicts.at(1).kind, FlowVerdict::Kind::Allowed);
    }

    // A gateway that routes no OPTIONS (404) blocks the page's PUT at the preflight; a rule that
    // answers preflights itself lets the real request through, and the server never sees one.
    void aLocalPreflightAnswerGetsPastAGatewayThatFailsThem()
    {
        m_proxy->setResponseRewriter({});
        m_proxy->setRewriteRules({});
        const QByteArray pageOrigin = m_page.origin().toUtf8();
        m_api.setHandler([pageOrigin](const LoopbackRequest &request) {
            if (request.method == "OPTIONS")
                return LoopbackReply{LoopbackHttpServer::response(404, {}, "no route", "Not Found")};
            return LoopbackReply{LoopbackHttpServer::response(
                200, {{"Content-Type", "application/json"}, {"Access-Control-Allow-Origin", pageOrigin}},
                "{}")};
        });
        m_api.reset();
        m_verdicts.clear();
        QCOMPARE(runPage(), QStringLiteral("blocked"));
        QTRY_COMPARE(m_verdicts.size(), 1);
        QCOMPARE(m_verdicts.at(0).kind, FlowVerdict::Kind::PreflightFailed);

        QString error;
        const auto rules = RewriteRules::parse(
            "[{\"name\": \"answer preflights\", \"match\": {\"path\": \"/data\"}, \"respond\": "
            "{\"status\": 204, \"headers\": {\"Access-Control-Allow-Origin\": \"" +
                pageOrigin +
                "\", \"Access-Control-Allow-Methods\": \"PUT\", \"Access-Control-Allow-Headers\": "
                "\"x-trace\"}}}]",
            &error);
        QVERIFY2(rules, qPrintable(error));
        m_proxy->setRewriteRules(*rules);
        m_api.reset();
        m_verdicts.clear();
        m_localFlows.clear();
        QCOMPARE(runPage(), QStringLiteral("allowed"));
        QTRY_COMPARE(m_verdicts.size(), 2);
        QCOMPARE(m_verdicts.at(0).kind, FlowVerdict::Kind::PreflightPassed);
        QCOMPARE(m_verdicts.at(1).kind, FlowVerdict::Kind::Allowed);
        QCOMPARE(m_verdicts.at(1).pairedFlowId, std::optional<quint64>(m_verdicts.at(0).flowId));
        QCOMPARE(m_localFlows, QList<quint64>{m_verdicts.at(0).flowId});
        // The server saw the PUT and nothing else.
        const QList<LoopbackRequest> seen = m_api.requests();
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().method, QByteArray("PUT"));
    }
    // A page's fetch() with method 'patch' sends `patch`: Fetch upper-cases only DELETE GET
    // HEAD OPTIONS POST PUT. The preflight names `patch`, and Chromium matches it against
    // Access-Control-Allow-Methods case-sensitively. The proxy passes `patch` on as sent
    // (http-parser answered it with 400 and the page broke) and judges it as Chromium does.
    void aLowercasePatchPassesAndIsJudgedAsChromiumDoes_data()
    {
        QTest::addColumn<QByteArray>("allowMethods");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("PATCH does not cover patch") << QByteArray("PATCH") << false;
        QTest::newRow("patch") << QByteArray("patch") << true;
    }
    void aLowercasePatchPassesAndIsJudgedAsChromiumDoes()
    {
        QFETCH(QByteArray, allowMethods);
        QFETCH(bool, allowed);
        m_proxy->setResponseRewriter({});
        m_proxy->setRewriteRules({});
        m_method = "patch";
        const auto restore = qScopeGuard([this] { m_method = "PUT"; });
        const QByteArray pageOrigin = m_page.origin().toUtf8();
        m_api.setHandler([pageOrigin, allowMethods](const LoopbackRequest &request) {
            if (request.method == "OPTIONS")
                return LoopbackReply{
                    LoopbackHttpServer::response(204, {{"Access-Control-Allow-Origin", pageOrigin},
                                                       {"Access-Control-Allow-Methods", allowMethods},
                                                       {"Access-Control-Allow-Headers", "x-trace"}})};
            return LoopbackReply{LoopbackHttpServer::response(
                200, {{"Content-Type", "application/json"}, {"Access-Control-Allow-Origin", pageOrigin}},
                "{}")};
        });
        m_api.reset();
        m_verdicts.clear();
        QCOMPARE(runPage(), allowed ? QStringLiteral("allowed") : QStringLiteral("blocked"));
        QTRY_COMPARE(m_verdicts.size(), allowed ? 2 : 1);
        QCOMPARE(m_verdicts.at(0).kind,
                 allowed ? FlowVerdict::Kind::PreflightPassed : FlowVerdict::Kind::PreflightFailed);
        const QList<LoopbackRequest> seen = m_api.requests();
        QCOMPARE(seen.size(), allowed ? 2 : 1);
        QCOMPARE(seen.first().method, QByteArray("OPTIONS"));
        QCOMPARE(seen.first().header("access-control-request-method"), QByteArray("patch"));
        if (allowed) {
            QCOMPARE(seen.at(1).method, QByteArray("patch"));
            QCOMPARE(m_verdicts.at(1).kind, FlowVerdict::Kind::Allowed);
            QCOMPARE(m_verdicts.at(1).pairedFlowId, std::optional<quint64>(m_verdicts.at(0).flowId));
        }
    }
};

QTEST_GUILESS_MAIN(TestProxyBrowser)
#include "tst_proxybrowser.moc"
