#include "loopbackhttpserver.h"
#include "models/explanationmodel.h"
#include "models/historymodel.h"
#include "sender/sendsession.h"
#include "widgets/explanationview.h"
#include "widgets/requestbuilder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexerxml.h>
#include <Qsci/qsciscintilla.h>

using namespace Corscope;
using CorscopeTest::LoopbackHttpServer;
using CorscopeTest::LoopbackReply;
using CorscopeTest::LoopbackRequest;

namespace {

// An API that allows https://app.example, preflight included, and caches the preflight.
LoopbackReply corsApi(const LoopbackRequest &request)
{
    if (request.method == "OPTIONS")
        return {LoopbackHttpServer::response(204,
                                             {{"Access-Control-Allow-Origin", "https://app.example"},
                                              {"Access-Control-Allow-Methods", "PUT"},
                                              {"Access-Control-Allow-Headers", "x-trace"},
                                              {"Access-Control-Max-Age", "60"}},
                                             {}, "No Content")};
    return {
        LoopbackHttpServer::response(200, {{"Access-Control-Allow-Origin", "https://app.example"}}, "ok")};
}

// A gateway that knows no OPTIONS route and an application that sends no CORS headers.
LoopbackReply optionsNotFound(const LoopbackRequest &request)
{
    if (request.method == "OPTIONS")
        return {LoopbackHttpServer::response(404, {{"Content-Type", "text/plain"}}, "no route", "Not Found")};
    return {LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "stored")};
}

LoopbackReply noCorsHeaders(const LoopbackRequest &)
{
    return {LoopbackHttpServer::response(200, {{"Content-Type", "text/plain"}}, "ok")};
}

} // namespace

class TestRequestBuilder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SendSession> m_chromium;
    std::unique_ptr<SendSession> m_firefox;
    std::unique_ptr<RequestBuilder> m_builder;

    template<typename T> T *child(const char *name) const
    {
        return m_builder->findChild<T *>(QLatin1String(name));
    }

    void fillForm(const QString &url, const QString &origin)
    {
        auto *urlEdit = child<QLineEdit>("url");
        urlEdit->clear();
        QTest::keyClicks(urlEdit, url);
        auto *originCombo = child<QComboBox>("origin");
        originCombo->clearEditText();
        QTest::keyClicks(originCombo->lineEdit(), origin);
    }

    void pressCtrlReturn()
    {
        auto *urlEdit = child<QLineEdit>("url");
        urlEdit->setFocus();
        QTest::keyClick(urlEdit, Qt::Key_Return, Qt::ControlModifier);
    }

    QStringList stepChecks() const
    {
        QStringList checks;
        for (const ExplanationStep &step : m_builder->explanationView()->model()->evaluation().steps)
            checks << step.check;
        return checks;
    }

private slots:
    void init()
    {
        m_settings =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_chromium = std::make_unique<SendSession>(BrowserProfile::chromium());
        m_firefox = std::make_unique<SendSession>(BrowserProfile::firefox());
        m_builder = std::make_unique<RequestBuilder>(*m_settings,
                                                     QList<SendSession *>{m_chromium.get(), m_firefox.get()});
        m_builder->resize(1200, 800);
        m_builder->show();
        m_builder->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_builder.get()));
    }

    void cleanup()
    {
        m_builder.reset();
        m_firefox.reset();
        m_chromium.reset();
        m_settings.reset();
    }

    void ctrlReturnSendsPreflightFirstAndExplains()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler(corsApi);
        fillForm(server.url(QStringLiteral("/r")).toString(), QStringLiteral("https://app.example"));
        child<QComboBox>("method")->setCurrentText(QStringLiteral("PUT"));
        child<QsciScintilla>("requestHeaders")->setText(QStringLiteral("X-Trace: 1\n"));
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);

        pressCtrlReturn();
        // The GUI thread is not blocked: the request is still in flight when the key returns.
        QVERIFY(m_builder->isSending());
        QVERIFY(child<QWidget>("cancel")->isEnabled());
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY2(m_builder->explanationView()->verdictText().contains(QLatin1String("Allowed")),
                 qPrintable(m_builder->explanationView()->verdictText()));
        QVERIFY(!m_builder->isSending());
        QVERIFY(m_builder->explanationView()->model()->rowCount() > 3);
        const QStringList checks = stepChecks();
        QVERIFY2(std::any_of(checks.begin(), checks.end(),
                             [](const QString &c) { return c.startsWith(QLatin1String("preflight")); }),
                 qPrintable(checks.join(QLatin1Char(' '))));
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(0).method, QByteArray("OPTIONS"));
        QCOMPARE(server.requests().at(0).header("Access-Control-Request-Headers"), QByteArray("x-trace"));
        QCOMPARE(server.requests().at(1).method, QByteArray("PUT"));
        QCOMPARE(server.requests().at(1).header("Origin"), QByteArray("https://app.example"));

        // The window's session keeps the preflight: a repeat sends no OPTIONS.
        QCOMPARE(m_chromium->preflightCache().freshEntries().size(), 1);
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 2);
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(server.requests().at(2).method, QByteArray("PUT"));
        QVERIFY(m_builder->explanationView()->model()->evaluation().preflightFromCache);

        // The origin is remembered for next time.
        QCOMPARE(m_settings->value(QStringLiteral("requestBuilder/recentOrigins")).toStringList().value(0),
                 QStringLiteral("https://app.example"));
    }

    void blockedWhenTheServerSendsNoAllowOrigin()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler(noCorsHeaders);
        fillForm(server.url(QStringLiteral("/plain")).toString(), QStringLiteral("https://app.example"));
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(m_builder->explanationView()->consoleText().contains(
            QLatin1String("No 'Access-Control-Allow-Origin' header")));
        QCOMPARE(server.requests().size(), 1);
        const SessionEntry entry = completed.at(0).at(0).value<SessionEntry>();
        QCOMPARE(entry.kind, SessionEntry::Kind::Sent);
        QCOMPARE(entry.scenario.responses.size(), 1);
    }

    // The "Made by" field (issue 21): an <img> without crossorigin is sent no-cors with the
    // browser's Accept and Sec-Fetch-*, and is never CORS-checked; a font is always cors.
    // The WebSocket kind sends the handshake: a 200 fails it with Chromium's handshake message, a 101
    // with the right accept opens it whatever ACAO says, and the explanation says CORS is no factor.
    void webSocketKindSendsTheHandshake()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler(noCorsHeaders);
        fillForm(server.url(QStringLiteral("/socket")).toString(), QStringLiteral("https://app.example"));
        auto *kind = child<QComboBox>("resourceType");
        kind->setCurrentIndex(kind->findData(int(ResourceType::WebSocket)));
        QVERIFY(!kind->itemData(kind->currentIndex(), Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(!child<QComboBox>("credentials")->isEnabled());
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY2(m_builder->explanationView()->consoleText().contains(
                     QStringLiteral("/socket' failed: Error during WebSocket handshake: Unexpected response code: 200")),
                 qPrintable(m_builder->explanationView()->consoleText()));
        QCOMPARE(server.requests().at(0).header("Upgrade"), QByteArray("websocket"));
        QCOMPARE(server.requests().at(0).header("Origin"), QByteArray("https://app.example"));

        server.setHandler([](const LoopbackRequest &request) {
            const QByteArray accept =
                QCryptographicHash::hash(request.header("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                         QCryptographicHash::Sha1)
                    .toBase64();
            return LoopbackReply{"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: "
                                 "Upgrade\r\nAccess-Control-Allow-Origin: https://other.example\r\n"
                                 "Sec-WebSocket-Accept: " + accept + "\r\n\r\n",
                                 true};
        });
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 2);
        const Evaluation &opened = m_builder->explanationView()->model()->evaluation();
        QVERIFY(opened.allowed());
        QVERIFY(opened.contentReadable);
        QVERIFY(!opened.preflightSent);
        bool hijackingExplained = false;
        for (const ExplanationStep &step : opened.steps)
            hijackingExplained = hijackingExplained || step.text().detail.contains(QLatin1String("Hijacking"));
        QVERIFY(hijackingExplained);
    }

    void resourceTypeSendsTheRequestAsTheElementWould()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler(noCorsHeaders);
        fillForm(server.url(QStringLiteral("/logo")).toString(), QStringLiteral("https://app.example"));
        auto *kind = child<QComboBox>("resourceType");
        QVERIFY(kind);
        kind->setCurrentIndex(kind->findData(int(ResourceType::Image)));
        QVERIFY(!child<QComboBox>("mode")->isEnabled());
        QVERIFY(!child<QComboBox>("credentials")->isEnabled());
        QVERIFY(child<QComboBox>("crossOrigin")->isEnabled());
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Allowed")));
        const Evaluation &image = m_builder->explanationView()->model()->evaluation();
        QVERIFY(image.resourceType == ResourceType::Image);
        QCOMPARE(image.responseType, QStringLiteral("opaque"));
        QVERIFY(!image.contentReadable);
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(!server.requests().at(0).hasHeader("Origin"));
        QCOMPARE(server.requests().at(0).header("Sec-Fetch-Mode"), QByteArray("no-cors"));
        QCOMPARE(server.requests().at(0).header("Sec-Fetch-Dest"), QByteArray("image"));
        QVERIFY(server.requests().at(0).header("Accept").startsWith("image/"));

        kind->setCurrentIndex(kind->findData(int(ResourceType::Font)));
        QVERIFY(!child<QComboBox>("crossOrigin")->isEnabled());
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 2);
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY2(m_builder->explanationView()->consoleText().startsWith(QLatin1String("Access to font at ")),
                 qPrintable(m_builder->explanationView()->consoleText()));
        QCOMPARE(server.requests().at(1).header("Sec-Fetch-Dest"), QByteArray("font"));

        // An element cannot carry page-set headers: the form says so instead of sending.
        kind->setCurrentIndex(kind->findData(int(ResourceType::Script)));
        child<QsciScintilla>("requestHeaders")->setText(QStringLiteral("X-Trace: 1\n"));
        pressCtrlReturn();
        QVERIFY2(m_builder->statusText().contains(QLatin1String("without a body or custom headers")),
                 qPrintable(m_builder->statusText()));
        QCOMPARE(server.requests().size(), 2);

        // new Worker() on another origin: refused before sending, with Chromium's SecurityError.
        child<QsciScintilla>("requestHeaders")->setText(QString());
        kind->setCurrentIndex(kind->findData(int(ResourceType::Worker)));
        QVERIFY(!child<QComboBox>("crossOrigin")->isEnabled());
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 3);
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY2(m_builder->explanationView()->consoleText().startsWith(
                     QLatin1String("Uncaught SecurityError: Failed to construct 'Worker': Script at ")),
                 qPrintable(m_builder->explanationView()->consoleText()));
        QCOMPARE(server.requests().size(), 2);
    }

    void cancelStopsARequestTheServerNeverAnswers()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
        fillForm(server.url(QStringLiteral("/slow")).toString(), QStringLiteral("https://app.example"));
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QTRY_COMPARE(server.requests().size(), 1);
        QTest::mouseClick(child<QWidget>("cancel"), Qt::LeftButton);
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(!m_builder->isSending());
        // A cancelled fetch is no CORS verdict (issue 19, bug 6).
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Cancelled")));
    }

    // Issue 19: the old verdict says it is old while a new request is sent, after the form
    // changes and when the new input has an error; the new result clears the mark.
    void anOldResultIsMarkedStale()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler(corsApi);
        ExplanationView *result = m_builder->explanationView();
        fillForm(server.url(QStringLiteral("/r")).toString(), QStringLiteral("https://app.example"));
        QVERIFY(!result->isStale()); // nothing shown yet: nothing to mark
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(!result->isStale());

        child<QComboBox>("method")->setCurrentText(QStringLiteral("DELETE"));
        QVERIFY(result->isStale());
        QVERIFY2(result->staleText().contains(QLatin1String("the form changed")), qPrintable(result->staleText()));
        pressCtrlReturn();
        QVERIFY(m_builder->isSending());
        QVERIFY2(result->staleText().contains(QLatin1String("DELETE")) &&
                     result->staleText().contains(QLatin1String("is being sent")),
                 qPrintable(result->staleText()));
        QTRY_COMPARE(completed.size(), 2);
        QVERIFY(!result->isStale());

        child<QsciScintilla>("requestHeaders")->setText(QStringLiteral("this is no header\n"));
        pressCtrlReturn();
        QVERIFY(!m_builder->isSending());
        QVERIFY2(result->staleText().contains(QLatin1String("the form has an error (Request headers, line 1")),
                 qPrintable(result->staleText()));
    }

    void sessionsMayCloseBeforeTheBuilder()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
        fillForm(server.url(QStringLiteral("/slow")).toString(), QStringLiteral("https://app.example"));
        pressCtrlReturn();
        QVERIFY(m_builder->isSending());
        // As in the main window, whose sessions are older children than the builder.
        m_chromium.reset();
        QVERIFY(!m_builder->isSending());
        m_builder.reset();
    }

    void badInputIsReportedInTheStatusLine()
    {
        fillForm(QStringLiteral("not a url"), QStringLiteral("https://app.example"));
        pressCtrlReturn();
        QVERIFY(!m_builder->isSending());
        QVERIFY(m_builder->statusText().contains(QLatin1String("http://")));

        fillForm(QStringLiteral("https://api.example/r"), QStringLiteral("https://app.example/path"));
        pressCtrlReturn();
        QVERIFY(m_builder->statusText().startsWith(QLatin1String("Origin:")));

        fillForm(QStringLiteral("https://api.example/r"), QStringLiteral("https://app.example"));
        child<QsciScintilla>("requestHeaders")->setText(QStringLiteral("X-Ok: 1\nthis is no header\n"));
        pressCtrlReturn();
        QVERIFY2(m_builder->statusText().startsWith(QLatin1String("Request headers, line 2")),
                 qPrintable(m_builder->statusText()));
    }

    void pastedCurlFillsTheForm()
    {
        QVERIFY(m_builder->importCurl(
            QStringLiteral("curl 'https://api.example/items?x=1' -X PUT -H 'Origin: https://shop.example' "
                           "-H 'content-type: application/json' -H 'X-Trace: 7' --data-raw '{\"a\":1}'")));
        QCOMPARE(child<QLineEdit>("url")->text(), QStringLiteral("https://api.example/items?x=1"));
        QCOMPARE(child<QComboBox>("method")->currentText(), QStringLiteral("PUT"));
        QCOMPARE(child<QComboBox>("origin")->currentText(), QStringLiteral("https://shop.example"));
        const QString headers = child<QsciScintilla>("requestHeaders")->text();
        QVERIFY2(headers.contains(QLatin1String("content-type: application/json")), qPrintable(headers));
        QVERIFY(headers.contains(QLatin1String("X-Trace: 7")));
        QVERIFY(!headers.contains(QLatin1String("Origin:"), Qt::CaseInsensitive));
        QCOMPARE(child<QsciScintilla>("requestBody")->text(), QStringLiteral("{\"a\":1}"));
        QString error;
        const std::optional<FetchRequest> request = m_builder->request(&error);
        QVERIFY2(request, qPrintable(error));
        QCOMPARE(request->origin.toString(), QStringLiteral("https://shop.example"));

        QVERIFY(!m_builder->importCurl(QStringLiteral("curl 'https://a.example/")));
        QVERIFY2(m_builder->statusText().startsWith(QLatin1String("Not a cURL command")),
                 qPrintable(m_builder->statusText()));
        // A failed import leaves the form alone.
        QCOMPARE(child<QLineEdit>("url")->text(), QStringLiteral("https://api.example/items?x=1"));
    }

    void bodyHighlightingFollowsContentType()
    {
        auto *headers = child<QsciScintilla>("requestHeaders");
        auto *body = child<QsciScintilla>("requestBody");
        QVERIFY(!body->lexer());
        headers->setText(QStringLiteral("Content-Type: application/problem+json\n"));
        QVERIFY(qobject_cast<QsciLexerJSON *>(body->lexer()));
        headers->setText(QStringLiteral("X-A: 1\ncontent-type: text/xml; charset=utf-8\n"));
        QVERIFY(qobject_cast<QsciLexerXML *>(body->lexer()));
        headers->setText(QStringLiteral("Content-Type: text/plain\n"));
        QVERIFY(!body->lexer());
    }

    void droppedCurlTextFillsTheForm()
    {
        QMimeData data;
        data.setText(QStringLiteral("curl 'https://drop.example/d' -H 'Origin: https://app.example'"));
        // As a drag arrives: entered first, then dropped, both on the builder's own area.
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_builder.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_builder.get(), &drop);
        QVERIFY2(drop.isAccepted(), qPrintable(m_builder->statusText()));
        QCOMPARE(child<QLineEdit>("url")->text(), QStringLiteral("https://drop.example/d"));
    }

    void explainsOfflineWithPastedHeaders()
    {
        m_builder->setOffline(true);
        QVERIFY(child<QsciScintilla>("responseHeaders")->isVisible());
        fillForm(QStringLiteral("https://api.example/r"), QStringLiteral("https://app.example"));
        child<QsciScintilla>("responseHeaders")
            ->setText(QStringLiteral("HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://app.example\n"));
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QCOMPARE(completed.size(), 1); // offline: no event loop needed, nothing sent
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Allowed")));
        QCOMPARE(completed.at(0).at(0).value<SessionEntry>().kind, SessionEntry::Kind::Offline);

        auto *response = child<QsciScintilla>("responseHeaders");
        response->setText(QStringLiteral("Access-Control-Allow-Origin: https://other.example\n"));
        // Ctrl+Return works from inside the editors too, where Return alone inserts a line.
        response->setFocus();
        QTest::keyClick(response, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(completed.size(), 2);
        QCOMPARE(response->lines(), 2);
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(m_builder->explanationView()->consoleText().contains(QLatin1String("https://other.example")));
    }

    void offlinePreflightAnswerIsJudgedOnItsOwn()
    {
        m_builder->setOffline(true);
        fillForm(QStringLiteral("https://api.example/r"), QStringLiteral("https://app.example"));
        child<QsciScintilla>("requestHeaders")->setText(QStringLiteral("X-Trace: 1\n"));
        child<QsciScintilla>("responseHeaders")
            ->setText(QStringLiteral("Access-Control-Allow-Origin: https://app.example\n"
                                     "Access-Control-Allow-Headers: x-trace\n"));
        // The preflight answered without Access-Control-Allow-Headers: that is what blocks.
        child<QsciScintilla>("preflightHeaders")
            ->setText(QStringLiteral(
                "HTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://app.example\n"));
        pressCtrlReturn();
        const Evaluation &evaluation = m_builder->explanationView()->model()->evaluation();
        QVERIFY(!evaluation.allowed());
        QVERIFY(evaluation.preflightSent);
        QCOMPARE(evaluation.preflightStatus, std::optional<int>(204));

        child<QsciScintilla>("preflightHeaders")->clear();
        pressCtrlReturn();
        QVERIFY(m_builder->explanationView()->model()->evaluation().allowed());
    }

    void showEntryRestoresAnOfflineExplanation()
    {
        m_builder->setOffline(true);
        fillForm(QStringLiteral("https://api.example/r"), QStringLiteral("https://app.example"));
        child<QsciScintilla>("responseHeaders")->setText(QStringLiteral("HTTP/1.1 403 Forbidden\n"));
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QCOMPARE(completed.size(), 1);
        const SessionEntry entry = completed.at(0).at(0).value<SessionEntry>();

        m_builder->setOffline(false);
        fillForm(QStringLiteral("https://elsewhere.example/"), QStringLiteral("https://x.example"));
        child<QsciScintilla>("responseHeaders")->clear();
        m_builder->showEntry(entry);
        QVERIFY(m_builder->isOffline());
        QCOMPARE(child<QLineEdit>("url")->text(), QStringLiteral("https://api.example/r"));
        QVERIFY(child<QsciScintilla>("responseHeaders")
                    ->text()
                    .startsWith(QLatin1String("HTTP/1.1 403 Forbidden")));
        QVERIFY(m_builder->explanationView()->verdictText().contains(QLatin1String("Blocked")));
    }

    // Try it in the Request tab: the blocked request goes out again with the fix as rewrite
    // rules, the result pane says loudly that Corscope rewrote the responses, History marks the
    // entry, and the way back shows the server's real answer. The server stays as it was.
    void tryItResendsWithTheFixAndSaysTheResultIsRewritten()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler(noCorsHeaders);
        HistoryModel history;
        connect(m_builder.get(), &RequestBuilder::entryCompleted, &history, &HistoryModel::append);
        fillForm(server.url(QStringLiteral("/plain")).toString(), QStringLiteral("https://app.example"));
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 1);
        ExplanationView *view = m_builder->explanationView();
        QVERIFY(view->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(!view->showsTriedFix());
        auto *tryIt = view->findChild<QPushButton *>(QStringLiteral("fixTry"));
        QVERIFY(tryIt);
        QVERIFY(tryIt->isVisible());

        QTest::mouseClick(tryIt, Qt::LeftButton);
        QTRY_COMPARE(completed.size(), 2);
        QCOMPARE(server.requests().size(), 2); // really sent again
        QVERIFY2(view->verdictText().contains(QLatin1String("Allowed")), qPrintable(view->verdictText()));
        QVERIFY(view->showsTriedFix());
        QVERIFY(view->findChild<QWidget *>(QStringLiteral("triedFixBanner"))->isVisible());
        QVERIFY(view->triedFixText().contains(QLatin1String("responses rewritten by Corscope")));
        QVERIFY(view->triedFixText().contains(QLatin1String("the server is unchanged")));
        QVERIFY2(view->triedFixText().contains(
                     QLatin1String("Access-Control-Allow-Origin: https://app.example (added)")),
                 qPrintable(view->triedFixText()));
        QVERIFY(view->subjectText().contains(QLatin1String("fix tried")));
        const SessionEntry tried = completed.at(1).at(0).value<SessionEntry>();
        QVERIFY(tried.triedFix);
        QVERIFY(tried.evaluation.allowed());
        QVERIFY(!completed.at(0).at(0).value<SessionEntry>().triedFix);
        QCOMPARE(history.rowCount(), 2);
        QCOMPARE(history.index(0, HistoryModel::VerdictColumn).data().toString(), QStringLiteral("blocked"));
        QCOMPARE(history.index(1, HistoryModel::VerdictColumn).data().toString(),
                 QStringLiteral("allowed (fix tried)"));
        QVERIFY(!tryIt->isVisible()); // nothing left to try on an allowed result

        auto *back = view->findChild<QPushButton *>(QStringLiteral("triedFixBack"));
        QVERIFY(back && back->isVisible());
        QTest::mouseClick(back, Qt::LeftButton);
        QVERIFY(view->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(!view->showsTriedFix());
        QVERIFY(tryIt->isVisible());

        // A plain send afterwards is the server's own answer again: still blocked.
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 3);
        QVERIFY(view->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(!view->showsTriedFix());
        QVERIFY(!completed.at(2).at(0).value<SessionEntry>().triedFix);
    }

    // The preflight a gateway answers 404 is answered by the rules themselves, the real PUT's
    // response gets the CORS headers; the real session's preflight cache keeps no grant from it.
    void tryItAnswersAFailedPreflightWithoutTouchingTheRealCache()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler(optionsNotFound);
        fillForm(server.url(QStringLiteral("/items/7")).toString(), QStringLiteral("https://app.example"));
        child<QComboBox>("method")->setCurrentText(QStringLiteral("PUT"));
        child<QsciScintilla>("requestHeaders")->setText(QStringLiteral("X-Trace: 1\n"));
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 1);
        ExplanationView *view = m_builder->explanationView();
        QVERIFY(view->verdictText().contains(QLatin1String("Blocked")));
        auto *tryIt = view->findChild<QPushButton *>(QStringLiteral("fixTry"));
        QVERIFY(tryIt->isVisible());
        QTest::mouseClick(tryIt, Qt::LeftButton);
        QTRY_COMPARE(completed.size(), 2);
        QVERIFY2(view->verdictText().contains(QLatin1String("Allowed")), qPrintable(view->verdictText()));
        QVERIFY(view->triedFixText().contains(QLatin1String("answered by Corscope")));
        QList<QByteArray> methods;
        for (const LoopbackRequest &request : server.requests())
            methods << request.method;
        QCOMPARE(methods, (QList<QByteArray>{"OPTIONS", "PUT"}));

        pressCtrlReturn();
        QTRY_COMPARE(completed.size(), 3);
        QVERIFY(view->verdictText().contains(QLatin1String("Blocked")));
        QCOMPARE(server.requests().constLast().method, QByteArray("OPTIONS")); // no cached grant
    }

    // Offline there is no server to send the request to again: Try it applies the same rules to
    // the pasted headers, and says so.
    void tryItOfflineRewritesThePastedHeaders()
    {
        m_builder->setOffline(true);
        fillForm(QStringLiteral("https://api.example/r"), QStringLiteral("https://app.example"));
        const QString pasted = QStringLiteral("HTTP/1.1 200 OK\nContent-Type: text/plain\n");
        child<QsciScintilla>("responseHeaders")->setText(pasted);
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        pressCtrlReturn();
        QCOMPARE(completed.size(), 1);
        ExplanationView *view = m_builder->explanationView();
        QVERIFY(view->verdictText().contains(QLatin1String("Blocked")));
        auto *tryIt = view->findChild<QPushButton *>(QStringLiteral("fixTry"));
        QVERIFY(tryIt->isVisible());
        QTest::mouseClick(tryIt, Qt::LeftButton);
        QCOMPARE(completed.size(), 2); // offline: at once, nothing sent
        QVERIFY2(view->verdictText().contains(QLatin1String("Allowed")), qPrintable(view->verdictText()));
        QVERIFY(view->showsTriedFix());
        QVERIFY(view->triedFixText().contains(
            QLatin1String("Access-Control-Allow-Origin: https://app.example (added)")));
        const SessionEntry tried = completed.at(1).at(0).value<SessionEntry>();
        QVERIFY(tried.triedFix);
        QCOMPARE(tried.kind, SessionEntry::Kind::Offline);
        QVERIFY(m_builder->statusText().contains(QLatin1String("nothing was sent")));

        // Shown again from History, the tried entry leaves the pasted headers as DevTools had them.
        m_builder->showEntry(tried);
        QVERIFY(view->showsTriedFix());
        QCOMPARE(child<QsciScintilla>("responseHeaders")->text(), pasted);
        auto *back = view->findChild<QPushButton *>(QStringLiteral("triedFixBack"));
        QTest::mouseClick(back, Qt::LeftButton);
        QVERIFY(view->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(!view->showsTriedFix());
    }
};

QTEST_MAIN(TestRequestBuilder)
#include "tst_requestbuilder.moc"
