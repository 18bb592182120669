#include "browsergroundtruth.h"
#include "browserrunner.h"
#include "scenarioserver.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using CorscopeTest::Browser;
using CorscopeTest::BrowserRunner;
using CorscopeTest::ScenarioObservation;
using CorscopeTest::ScenarioServer;

namespace {

// What corscope-cli check can express: one request, repeated with one interval.
bool expressibleByCheck(const QJsonObject &scenario)
{
    const QJsonObject request = scenario.value(QStringLiteral("request")).toObject();
    if (request.value(QStringLiteral("redirect")).toString(QStringLiteral("follow")) !=
        QLatin1String("follow"))
        return false;
    const QJsonArray fetches = scenario.value(QStringLiteral("fetches")).toArray();
    for (qsizetype i = 0; i < fetches.size(); ++i) {
        if (!fetches.at(i).isDouble() || (i == 0 && fetches.at(i).toInt() != 0) ||
            (i > 1 && fetches.at(i).toInt() != fetches.at(1).toInt()))
            return false;
    }
    return true;
}

QStringList checkArguments(const QJsonObject &scenario, const QString &browser)
{
    const QJsonObject request = scenario.value(QStringLiteral("request")).toObject();
    QStringList arguments{QStringLiteral("check"),        request.value(QStringLiteral("url")).toString(),
                          QStringLiteral("--origin"),     request.value(QStringLiteral("origin")).toString(),
                          QStringLiteral("--browser"),    browser,
                          QStringLiteral("--format"),     QStringLiteral("json"),
                          QStringLiteral("--timeout-ms"), QStringLiteral("10000")};
    if (request.contains(QStringLiteral("method")))
        arguments << QStringLiteral("-X") << request.value(QStringLiteral("method")).toString();
    for (const QJsonValue &header : request.value(QStringLiteral("headers")).toArray())
        arguments << QStringLiteral("-H")
                  << header.toArray().at(0).toString() + QStringLiteral(": ") +
                         header.toArray().at(1).toString();
    if (request.contains(QStringLiteral("body")))
        arguments << QStringLiteral("-d") << request.value(QStringLiteral("body")).toString();
    for (const char *option : {"credentials", "mode", "resourceType", "crossorigin"}) {
        const QString key = QString::fromLatin1(option);
        if (request.contains(key))
            arguments << (key == QLatin1String("resourceType") ? QStringLiteral("--resource-type")
                                                               : QStringLiteral("--") + key)
                      << request.value(key).toString();
    }
    if (request.value(QStringLiteral("workerType")).toString() == QLatin1String("module"))
        arguments << QStringLiteral("--worker-type") << QStringLiteral("module");
    if (request.value(QStringLiteral("reconnect")).toBool())
        arguments << QStringLiteral("--reconnect");
    const QJsonArray fetches = scenario.value(QStringLiteral("fetches")).toArray();
    if (fetches.size() > 1)
        arguments << QStringLiteral("--repeat") << QString::number(fetches.size())
                  << QStringLiteral("--interval-ms") << QString::number(fetches.at(1).toInt());
    return arguments;
}

QString describe(const CorscopeTest::RecordedRequest &request, bool withKindHeaders)
{
    auto header = [&request](const char *name) {
        for (const auto &h : request.headers) {
            if (h.first.compare(QByteArray(name), Qt::CaseInsensitive) == 0)
                return QString::fromUtf8(h.second);
        }
        return QStringLiteral("-");
    };
    QString text =
        QStringLiteral("%1 %2 Origin=%3 ACRM=%4 ACRH=%5")
            .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target), header("origin"),
                 header("access-control-request-method"), header("access-control-request-headers"));
    // A kind beyond fetch(): the engine must add what the browser adds for it.
    if (withKindHeaders && request.method != "OPTIONS")
        text += QStringLiteral(" Accept=%1").arg(header("accept"));
    // [fetch-metadata] on every request, fetch() and preflights included.
    text += QStringLiteral(" Sec-Fetch-Site=%1 Sec-Fetch-Mode=%2 Sec-Fetch-Dest=%3")
                .arg(header("sec-fetch-site"), header("sec-fetch-mode"), header("sec-fetch-dest"));
    return text;
}

} // namespace

// corscope-cli check against the same live server as headless Chromium and Firefox: same verdicts,
// same requests on the wire, same readable headers, and Chromium's console message.
class TestCliDifferential : public QObject {
    Q_OBJECT

private:
    ScenarioServer m_server;
    CorscopeTest::BrowserGroundTruth m_truth;

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(m_truth.run(m_server, expressibleByCheck, &error), qPrintable(error));
        QVERIFY(!qEnvironmentVariableIsEmpty("CORSCOPE_SCENARIO") || m_truth.scenarioCount() >= 150);
        if (!m_truth.anyBrowser())
            QSKIP("neither chromium nor firefox-esr is installed");
    }

    void checkAgreesWithTheBrowser_data()
    {
        QTest::addColumn<int>("browser");
        QTest::addColumn<QString>("scenario");
        for (const auto &[browser, name] : m_truth.rows())
            QTest::newRow(qPrintable(BrowserRunner::name(browser) + QLatin1Char(':') + name))
                << int(browser) << name;
    }

    void checkAgreesWithTheBrowser()
    {
        QFETCH(int, browser);
        QFETCH(QString, scenario);
        const ScenarioObservation observed = m_truth.observed(Browser(browser), scenario);
        const QJsonObject localized = m_truth.localized(scenario);

        // A fresh recording for this scenario's paths: the CLI's requests only.
        m_server.setScenarios(QJsonArray{localized});
        QProcess cli;
        cli.start(QStringLiteral(CORSCOPE_CLI_PATH),
                  checkArguments(localized, Browser(browser) == Browser::Chromium
                                                ? QStringLiteral("chromium")
                                                : QStringLiteral("firefox")));
        QVERIFY(cli.waitForStarted());
        // The server lives in this thread: keep its event loop turning while the CLI talks to it.
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
        const QByteArrayList lines = cli.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), observed.fetches.size());

        QStringList mismatches;
        QStringList cliMessages;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject result = QJsonDocument::fromJson(lines.at(i)).object();
            const CorscopeTest::FetchObservation &o = observed.fetches.at(i);
            const bool allowed =
                result.value(QStringLiteral("verdict")).toString() == QLatin1String("allowed");
            if (allowed != o.resolved)
                mismatches << QStringLiteral("fetch %1: browser %2, check %3")
                                  .arg(i)
                                  .arg(o.resolved ? QStringLiteral("resolved") : QStringLiteral("rejected"),
                                       result.value(QStringLiteral("verdict")).toString());
            QStringList readable;
            for (const QJsonValue &name : result.value(QStringLiteral("readableHeaders")).toArray())
                readable << name.toString();
            // An element's response headers are not the page's to list (harness.js corscopeLoad).
            const bool element =
                o.readableHeaders.isEmpty() &&
                result.value(QStringLiteral("resourceType")).toString() != QLatin1String("fetch") &&
                result.value(QStringLiteral("resourceType")).toString() != QLatin1String("xhr");
            if (allowed && o.resolved && !element && readable != o.readableHeaders)
                mismatches << QStringLiteral("fetch %1: readable [%2] vs check [%3]")
                                  .arg(i)
                                  .arg(o.readableHeaders.join(QLatin1Char(',')),
                                       readable.join(QLatin1Char(',')));
            const QString message =
                result.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
            // Chromium logs a WebSocket's handshake failure with source "network", outside its
            // stderr log (WebSocketHandshake::consoleMessage): there is nothing to compare it with.
            if (!message.isEmpty() &&
                result.value(QStringLiteral("resourceType")).toString() != QLatin1String("websocket"))
                cliMessages << message;
        }
        const bool kind =
            localized.value(QStringLiteral("request")).toObject().contains(QStringLiteral("resourceType"));
        QStringList browserWire;
        for (const CorscopeTest::RecordedRequest &request : observed.requests)
            browserWire << describe(request, kind);
        QStringList cliWire;
        for (const CorscopeTest::RecordedRequest &request : m_server.recordedRequests(scenario))
            cliWire << describe(request, kind);
        if (browserWire != cliWire)
            mismatches << QStringLiteral("on the wire:\n  browser: %1\n  check:   %2")
                              .arg(browserWire.join(QStringLiteral(" | ")),
                                   cliWire.join(QStringLiteral(" | ")));
        if (Browser(browser) == Browser::Chromium && cliMessages != observed.consoleMessages)
            mismatches << QStringLiteral("console:\n  browser: %1\n  check:   %2")
                              .arg(observed.consoleMessages.join(QStringLiteral(" / ")),
                                   cliMessages.join(QStringLiteral(" / ")));
        QVERIFY2(mismatches.isEmpty(), qPrintable(QLatin1Char('\n') + mismatches.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestCliDifferential)
#include "tst_clidifferential.moc"
