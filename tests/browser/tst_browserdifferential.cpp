#include "browsergroundtruth.h"
#include "browserrunner.h"
#include "scenario/scenario.h"
#include "scenarioserver.h"

#include <QDir>
#include <QJsonDocument>
#include <QTest>

using namespace Corscope;
using CorscopeTest::Browser;
using CorscopeTest::BrowserRunner;
using CorscopeTest::ScenarioObservation;
using CorscopeTest::ScenarioServer;

namespace {

// What the scenario server adds on the wire to every response (see ScenarioServer): the browser
// saw these too, so the evaluator must be given them.
HttpResponse asSentOnTheWire(HttpResponse response)
{
    const int status = response.status;
    const bool bodyless = (status >= 100 && status < 200) || status == 204 || status == 304;
    if (!bodyless && !response.headers.contains("content-length"))
        response.headers.append("Content-Length", QByteArray::number(response.body.size()));
    // A scenario's own Connection header (a WebSocket's "Upgrade") goes out instead.
    if (!response.headers.contains("connection"))
        response.headers.append("Connection", "close");
    return response;
}

// A request as it reached the server, reduced to what CORS decides.
QString describe(const QByteArray &method, const QByteArray &target, const QByteArray &origin,
                 const QByteArray &acrm, const QByteArray &acrh)
{
    QString text = QString::fromUtf8(method + ' ' + target);
    text +=
        QStringLiteral(" Origin=") + (origin.isNull() ? QStringLiteral("(none)") : QString::fromUtf8(origin));
    if (!acrm.isNull())
        text += QStringLiteral(" ACRM=") + QString::fromUtf8(acrm);
    if (!acrh.isNull())
        text += QStringLiteral(" ACRH=") + QString::fromUtf8(acrh);
    return text;
}

QByteArray rawHeader(const CorscopeTest::RawHeaders &headers, const char *name)
{
    for (const auto &header : headers) {
        if (HeaderList::namesEqual(header.first, QByteArray(name)))
            return header.second;
    }
    return {};
}

} // namespace

class TestBrowserDifferential : public QObject {
    Q_OBJECT

private:
    ScenarioServer m_server;
    CorscopeTest::BrowserGroundTruth m_truth;

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(m_truth.run(m_server, {}, &error), qPrintable(error));
        QVERIFY2(!qEnvironmentVariableIsEmpty("CORSCOPE_SCENARIO") || m_truth.scenarioCount() >= 150,
                 "the scenario folder is incomplete");
        if (!m_truth.anyBrowser())
            QSKIP("neither chromium nor firefox-esr is installed");
    }

    void evaluatorPredictsTheBrowser_data()
    {
        QTest::addColumn<int>("browser");
        QTest::addColumn<QString>("scenario");
        for (const auto &[browser, name] : m_truth.rows())
            QTest::newRow(qPrintable(BrowserRunner::name(browser) + QLatin1Char(':') + name))
                << int(browser) << name;
    }

    void evaluatorPredictsTheBrowser()
    {
        QFETCH(int, browser);
        QFETCH(QString, scenario);
        const Browser which = Browser(browser);
        const ScenarioObservation observed = m_truth.observed(which, scenario);
        QVERIFY2(observed.harnessError.isEmpty(), qPrintable(observed.harnessError));
        const BrowserProfile &profile =
            which == Browser::Chromium ? BrowserProfile::chromium() : BrowserProfile::firefox();

        ScenarioError error;
        std::optional<Scenario> parsed = ScenarioReader::fromJson(m_truth.localized(scenario), &error);
        QVERIFY2(parsed, qPrintable(error.toString()));
        for (ScenarioResponse &response : parsed->responses)
            response.response = asSentOnTheWire(response.response);
        const QList<Evaluation> predicted = ScenarioRunner::run(*parsed, profile);
        QCOMPARE(observed.fetches.size(), predicted.size());
        QStringList mismatches;
        QStringList predictedMessages;
        for (qsizetype i = 0; i < predicted.size(); ++i) {
            const Evaluation &e = predicted.at(i);
            const CorscopeTest::FetchObservation &o = observed.fetches.at(i);
            const QString at = QStringLiteral("fetch %1: ").arg(i);
            if (o.resolved != e.allowed()) {
                mismatches << at + QStringLiteral("browser %1 (%2), evaluator %3 (%4)")
                                       .arg(o.resolved ? QStringLiteral("resolved")
                                                       : QStringLiteral("rejected"),
                                            o.rejection, toString(e.verdict), e.errorCode());
            } else if (o.resolved && e.resourceType != ResourceType::Fetch) {
                // Kinds beyond fetch() (harness.js corscopeLoad): what the page could do with what
                // loaded — canvas pixels, unmuted script errors, cssRules, an XHR's body and headers.
                if (o.readable != e.contentReadable)
                    mismatches << at + QStringLiteral("%1 content %2 (%3), evaluator %4")
                                           .arg(toString(e.resourceType),
                                                o.readable ? QStringLiteral("readable")
                                                           : QStringLiteral("unreadable"),
                                                o.readError,
                                                e.contentReadable ? QStringLiteral("readable")
                                                                  : QStringLiteral("unreadable"));
                if (e.resourceType == ResourceType::Xhr) {
                    QStringList readable;
                    for (const QByteArray &name : e.readableHeaders)
                        readable << QString::fromUtf8(name);
                    if (o.status != e.status || readable != o.readableHeaders)
                        mismatches << at + QStringLiteral("XHR status %1 headers [%2], evaluator %3 [%4]")
                                               .arg(o.status)
                                               .arg(o.readableHeaders.join(QLatin1Char(',')))
                                               .arg(e.status)
                                               .arg(readable.join(QLatin1Char(',')));
                }
            } else if (o.resolved) {
                if (o.responseType != e.responseType || o.status != e.status)
                    mismatches << at + QStringLiteral("response %1/%2, evaluator %3/%4")
                                           .arg(o.responseType)
                                           .arg(o.status)
                                           .arg(e.responseType)
                                           .arg(e.status);
                QStringList readable;
                for (const QByteArray &name : e.readableHeaders)
                    readable << QString::fromUtf8(name);
                if (readable != o.readableHeaders)
                    mismatches << at + QStringLiteral("readable headers [%1], evaluator [%2]")
                                           .arg(o.readableHeaders.join(QLatin1Char(',')),
                                                readable.join(QLatin1Char(',')));
            }
            QStringList wire;
            for (const CorscopeTest::RecordedRequest &request : observed.requests) {
                if (request.fetchIndex == i)
                    wire << describe(request.method, request.target, rawHeader(request.headers, "origin"),
                                     rawHeader(request.headers, "access-control-request-method"),
                                     rawHeader(request.headers, "access-control-request-headers"));
            }
            QStringList expected;
            for (const Exchange &exchange : e.exchanges) {
                const QUrl &url = exchange.request.url;
                const QByteArray target =
                    url.path(QUrl::FullyEncoded).toUtf8() +
                    (url.hasQuery() ? '?' + url.query(QUrl::FullyEncoded).toUtf8() : QByteArray());
                expected << describe(
                    exchange.request.method, target,
                    exchange.request.headers.get("origin").value_or(QByteArray()),
                    exchange.request.headers.get("access-control-request-method").value_or(QByteArray()),
                    exchange.request.headers.get("access-control-request-headers").value_or(QByteArray()));
            }
            // For kinds beyond fetch(), what the browser adds by itself: Accept, Sec-Fetch-Mode and
            // Sec-Fetch-Dest of the request that is not a preflight.
            if (e.resourceType != ResourceType::Fetch) {
                QStringList browserAdded;
                for (const CorscopeTest::RecordedRequest &request : observed.requests) {
                    if (request.fetchIndex == i && request.method != "OPTIONS")
                        browserAdded << QString::fromUtf8(rawHeader(request.headers, "accept") + " | " +
                                                          rawHeader(request.headers, "sec-fetch-mode") +
                                                          " | " +
                                                          rawHeader(request.headers, "sec-fetch-dest"));
                }
                QStringList predictedAdded;
                for (const Exchange &exchange : e.exchanges) {
                    if (exchange.request.kind != OutgoingRequest::Kind::Actual)
                        continue;
                    const HeaderList &h = exchange.request.headers;
                    predictedAdded << QString::fromUtf8(h.get("accept").value_or(QByteArray()) + " | " +
                                                        h.get("sec-fetch-mode").value_or(QByteArray()) +
                                                        " | " +
                                                        h.get("sec-fetch-dest").value_or(QByteArray()));
                }
                if (browserAdded != predictedAdded)
                    mismatches << at + QStringLiteral("Accept | Sec-Fetch-Mode | Sec-Fetch-Dest:\n      "
                                                      "browser:   %1\n      evaluator: %2")
                                           .arg(browserAdded.join(QStringLiteral(" ; ")),
                                                predictedAdded.join(QStringLiteral(" ; ")));
            }
            // [fetch-metadata] what every request carries to a potentially trustworthy URL, preflights
            // and fetch() included: Sec-Fetch-Site (the least same over the redirect chain), -Mode, -Dest.
            {
                QStringList browserMetadata;
                for (const CorscopeTest::RecordedRequest &request : observed.requests) {
                    if (request.fetchIndex == i)
                        browserMetadata << QString::fromUtf8(request.method + ' ' +
                                                             rawHeader(request.headers, "sec-fetch-site") + " | " +
                                                             rawHeader(request.headers, "sec-fetch-mode") + " | " +
                                                             rawHeader(request.headers, "sec-fetch-dest"));
                }
                QStringList predictedMetadata;
                for (const Exchange &exchange : e.exchanges) {
                    const HeaderList &h = exchange.request.headers;
                    predictedMetadata << QString::fromUtf8(exchange.request.method + ' ' +
                                                           h.get("sec-fetch-site").value_or(QByteArray()) + " | " +
                                                           h.get("sec-fetch-mode").value_or(QByteArray()) + " | " +
                                                           h.get("sec-fetch-dest").value_or(QByteArray()));
                }
                if (browserMetadata != predictedMetadata)
                    mismatches << at + QStringLiteral("Sec-Fetch-Site | Sec-Fetch-Mode | Sec-Fetch-Dest:\n      "
                                                      "browser:   %1\n      evaluator: %2")
                                           .arg(browserMetadata.join(QStringLiteral(" ; ")),
                                                predictedMetadata.join(QStringLiteral(" ; ")));
            }
            // A WebSocket's handshake always carries the cookies the browser holds for the target
            // (credentials mode "include"): a Cookie on the wire the evaluator did not send
            // credentials with is a mismatch, and the cookie scenario must show one.
            if (e.resourceType == ResourceType::WebSocket) {
                bool cookieSent = false;
                for (const CorscopeTest::RecordedRequest &request : observed.requests)
                    cookieSent = cookieSent || (request.fetchIndex == i && !rawHeader(request.headers, "cookie").isEmpty());
                bool withCredentials = false;
                for (const Exchange &exchange : e.exchanges)
                    withCredentials = withCredentials || exchange.request.withCredentials;
                if ((cookieSent && !withCredentials) ||
                    (scenario.contains(QLatin1String("cookie")) && !cookieSent))
                    mismatches << at + QStringLiteral("WebSocket cookie: browser %1, evaluator credentials %2")
                                           .arg(cookieSent ? QStringLiteral("sent one") : QStringLiteral("sent none"),
                                                withCredentials ? QStringLiteral("included")
                                                                : QStringLiteral("omitted"));
            }
            if (wire != expected)
                mismatches << at + QStringLiteral(
                                       "requests on the wire:\n      browser:   %1\n      evaluator: %2")
                                       .arg(wire.join(QStringLiteral(" | ")),
                                            expected.join(QStringLiteral(" | ")));
            // A WebSocket's handshake failure is logged with source "network", which Chromium keeps
            // out of its stderr log (WebSocketHandshake::consoleMessage, consoleMessageVerified).
            if (!e.consoleMessage.isEmpty() && e.resourceType != ResourceType::WebSocket)
                predictedMessages << e.consoleMessage;
        }
        // Firefox keeps its console to itself in headless mode (see BrowserRunner); Chromium's is
        // compared verbatim.
        if (which == Browser::Chromium && observed.consoleMessages != predictedMessages)
            mismatches << QStringLiteral("console:\n      browser:   %1\n      evaluator: %2")
                              .arg(observed.consoleMessages.join(QStringLiteral("\n                 ")),
                                   predictedMessages.join(QStringLiteral("\n                 ")));
        QVERIFY2(mismatches.isEmpty(), qPrintable(QLatin1Char('\n') + mismatches.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestBrowserDifferential)
#include "tst_browserdifferential.moc"
