#include "models/explanationmodel.h"
#include "playground/demoapiserver.h"
#include "widgets/corspolicyform.h"
#include "widgets/explanationview.h"
#include "widgets/playgroundview.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Corscope;

namespace {

// Presses Send and waits for the live exchange with the demo server to finish.
int lessonIndex(const PlaygroundView &view, const QString &id)
{
    for (int i = 0; i < view.lessonCount(); ++i) {
        if (view.lesson(i).id == id)
            return i;
    }
    return -1;
}

std::optional<SendResult> sendAndWait(PlaygroundView &view)
{
    QSignalSpy finished(&view, &PlaygroundView::sendFinished);
    view.send();
    if (!finished.wait(15000))
        return std::nullopt;
    return finished.at(0).at(0).value<SendResult>();
}

} // namespace

class TestPlaygroundView : public QObject {
    Q_OBJECT

private slots:
    void startsTheServerAndTheFirstLesson()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        QVERIFY(server.isListening());
        QCOMPARE(view.lessonCount(), 11);
        QCOMPARE(view.currentLesson(), 0);
        QCOMPARE(server.policy(), view.lesson(0).policy);
        QCOMPARE(view.policyForm()->policy(), view.lesson(0).policy);
        QCOMPARE(view.request(), view.lesson(0).request);
    }

    void everyLessonIsBlockedThenFixed_data()
    {
        QTest::addColumn<int>("index");
        DemoApiServer server;
        PlaygroundView view(server);
        for (int i = 0; i < view.lessonCount(); ++i)
            QTest::newRow(qPrintable(view.lesson(i).id)) << i;
    }

    // Each lesson's broken policy really breaks the request against the live server, and its fix
    // really fixes it: the lessons cannot rot silently.
    void everyLessonIsBlockedThenFixed()
    {
        QFETCH(int, index);
        DemoApiServer server;
        PlaygroundView view(server);
        view.selectLesson(index);
        // A WebSocket lesson is the other way round: the broken server is the one the browser
        // lets every site open, the fixed one refuses the other site's Origin.
        const bool brokenAllowed = view.lesson(index).request.resourceType == ResourceType::WebSocket;
        const auto broken = sendAndWait(view);
        QVERIFY(broken);
        QVERIFY2(broken->evaluation.allowed() == brokenAllowed, qPrintable(view.lesson(index).id));
        QVERIFY(view.explanationView()->verdictText().contains(brokenAllowed ? QLatin1String("Allowed")
                                                                              : QLatin1String("Blocked")));
        QVERIFY(!view.serverLogText().isEmpty()); // the request did reach the demo API

        view.showFix();
        QCOMPARE(server.policy(), view.lesson(index).fix);
        const auto fixed = sendAndWait(view);
        QVERIFY(fixed);
        QVERIFY2(fixed->evaluation.allowed() == !brokenAllowed, qPrintable(fixed->evaluation.consoleMessage));
        QVERIFY(view.explanationView()->verdictText().contains(brokenAllowed ? QLatin1String("Blocked")
                                                                              : QLatin1String("Allowed")));

        view.reset();
        QCOMPARE(server.policy(), view.lesson(index).policy);
        const auto again = sendAndWait(view);
        QVERIFY(again);
        QVERIFY(again->evaluation.allowed() == brokenAllowed);
    }

    // No fetch() in the app's code: the font is fetched in CORS mode, fails without a word the
    // page can catch, and the console names a font.
    void theFontLessonSpeaksOfAFont()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        const int index = lessonIndex(view, QStringLiteral("cdn-font-domain-move"));
        QVERIFY(index >= 0);
        view.selectLesson(index);
        auto *kind = view.findChild<QComboBox *>(QStringLiteral("requestResourceType"));
        QVERIFY(kind);
        QCOMPARE(kind->currentText(), QStringLiteral("font"));
        QVERIFY(view.request().resourceType == ResourceType::Font);
        const auto broken = sendAndWait(view);
        QVERIFY(broken);
        QVERIFY(!broken->evaluation.allowed());
        QVERIFY(!broken->evaluation.preflightSent);
        QVERIFY2(broken->evaluation.consoleMessage.startsWith(QLatin1String("Access to font at '")),
                 qPrintable(broken->evaluation.consoleMessage));
        QVERIFY(broken->evaluation.consoleMessage.contains(
            QLatin1String("No 'Access-Control-Allow-Origin' header is present on the requested resource.")));
        QCOMPARE(view.explanationView()->consoleText(), broken->evaluation.consoleMessage);
        const ReceivedRequest sent = server.receivedRequests().last();
        QCOMPARE(sent.headers.get("sec-fetch-dest"), QByteArray("font"));
        QCOMPARE(sent.headers.get("sec-fetch-mode"), QByteArray("cors"));
        QCOMPARE(sent.headers.get("origin"), server.pageOrigin().toString().toLatin1());

        view.showFix();
        const auto fixed = sendAndWait(view);
        QVERIFY(fixed);
        QVERIFY(fixed->evaluation.allowed());
        const ReceivedRequest answered = server.receivedRequests().last();
        QCOMPARE(answered.status, 200);
    }

    // axios posts JSON with a token through XMLHttpRequest: the console says so, and the
    // preflight, not the POST, is what fails.
    void theAxiosLessonSpeaksOfXmlHttpRequest()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        const int index = lessonIndex(view, QStringLiteral("axios-xhr-authorization"));
        QVERIFY(index >= 0);
        view.selectLesson(index);
        QCOMPARE(view.findChild<QComboBox *>(QStringLiteral("requestResourceType"))->currentText(),
                 QStringLiteral("xhr"));
        const auto broken = sendAndWait(view);
        QVERIFY(broken);
        QVERIFY(!broken->evaluation.allowed());
        QVERIFY(broken->evaluation.preflightSent);
        const QString expected =
            QStringLiteral(
                "Access to XMLHttpRequest at '%1' from origin '%2' has been blocked by CORS policy: "
                "Request header field authorization is not allowed by "
                "Access-Control-Allow-Headers in preflight response.")
                .arg(server.apiUrl().resolved(QUrl(QStringLiteral("/api/data"))).toString(),
                     server.pageOrigin().toString());
        QCOMPARE(broken->evaluation.consoleMessage, expected);
        QCOMPARE(server.receivedRequests().size(), 1); // only the OPTIONS preflight
        QCOMPARE(server.receivedRequests().last().method, QByteArray("OPTIONS"));
        QCOMPARE(server.receivedRequests().last().headers.get("access-control-request-headers"),
                 QByteArray("authorization,content-type"));

        view.showFix();
        const auto fixed = sendAndWait(view);
        QVERIFY(fixed);
        QVERIFY(fixed->evaluation.allowed());
        QCOMPARE(server.receivedRequests().last().method, QByteArray("POST"));
    }

    // A socket that trusts any Origin: the handshake from the page's (foreign) origin opens with
    // no preflight, and the explanation names the hijacking; the fix refuses it with 403, which
    // Chromium reports as a handshake failure, not a CORS error.
    void theWebSocketLessonOpensForAnyOriginUntilFixed()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        const int index = lessonIndex(view, QStringLiteral("websocket-any-origin"));
        QVERIFY(index >= 0);
        view.selectLesson(index);
        QCOMPARE(view.findChild<QComboBox *>(QStringLiteral("requestResourceType"))->currentText(),
                 QStringLiteral("websocket"));
        const auto broken = sendAndWait(view);
        QVERIFY(broken);
        QVERIFY(broken->evaluation.allowed());
        QVERIFY(!broken->evaluation.preflightSent);
        const QUrl socket = QUrl(server.apiUrl(QStringLiteral("/socket/notifications")).toString().replace(
            QLatin1String("http://"), QLatin1String("ws://")));
        QCOMPARE(broken->evaluation.finalUrl, socket);
        QCOMPARE(server.receivedRequests().size(), 1);
        const ReceivedRequest handshake = server.receivedRequests().last();
        QCOMPARE(handshake.status, 101);
        QCOMPARE(handshake.headers.get("origin"), server.pageOrigin().serialize());
        QCOMPARE(handshake.headers.get("upgrade"), QByteArray("websocket"));
        bool hijackNamed = false;
        for (const ExplanationStep &step : broken->evaluation.steps)
            hijackNamed = hijackNamed || (step.check == QLatin1String("websocket.origin") &&
                                          step.text().detail.contains(QLatin1String("Cross-Site WebSocket Hijacking")));
        QVERIFY(hijackNamed);
        QVERIFY2(view.serverLogText().contains(QStringLiteral("/socket/notifications → 101")), qPrintable(view.serverLogText()));

        view.showFix();
        const auto fixed = sendAndWait(view);
        QVERIFY(fixed);
        QVERIFY(!fixed->evaluation.allowed());
        QCOMPARE(fixed->evaluation.consoleMessage,
                 QStringLiteral("WebSocket connection to '%1' failed: Error during WebSocket handshake: "
                                "Unexpected response code: 403")
                     .arg(socket.toString()));
        QCOMPARE(server.receivedRequests().last().status, 403);
    }

    // The kind is part of the request the user edits: picking another is what gets sent.
    void theKindPickedInTheFormIsSent()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        view.selectLesson(0);
        auto *kind = view.findChild<QComboBox *>(QStringLiteral("requestResourceType"));
        kind->setCurrentIndex(kind->findText(QStringLiteral("xhr")));
        QVERIFY(view.request().resourceType == ResourceType::Xhr);
        const auto result = sendAndWait(view);
        QVERIFY(result);
        QVERIFY2(result->evaluation.consoleMessage.startsWith(QLatin1String("Access to XMLHttpRequest at '")),
                 qPrintable(result->evaluation.consoleMessage));
    }

    void formEditsApplyLive()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        view.selectLesson(0); // no Access-Control-Allow-Origin at all
        QVERIFY(!sendAndWait(view)->evaluation.allowed());
        auto *rule = view.policyForm()->findChild<QComboBox *>(QStringLiteral("originRule"));
        QVERIFY(rule);
        rule->setCurrentIndex(rule->findData(int(OriginRule::Wildcard))); // as a user picks it
        QVERIFY(server.policy().originRule == OriginRule::Wildcard);
        QVERIFY(sendAndWait(view)->evaluation.allowed());

        auto *origins = view.policyForm()->findChild<QLineEdit *>(QStringLiteral("allowedOrigins"));
        rule->setCurrentIndex(rule->findData(int(OriginRule::AllowList)));
        QVERIFY(origins->isEnabled());
        origins->setFocus();
        QTest::keyClicks(origins, server.pageOrigin().toString());
        QCOMPARE(server.policy().allowedOrigins, QStringList{server.pageOrigin().toString()});
        QVERIFY(sendAndWait(view)->evaluation.allowed());
    }

    void requestEditsAreSent()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        view.selectLesson(1); // allows Content-Type only
        PlaygroundRequest request = view.request();
        request.headers = {{"Content-Type", "text/plain"}};
        view.setRequest(request);
        const auto result = sendAndWait(view);
        QVERIFY(result->evaluation.allowed()); // a safelisted header: no preflight
        QVERIFY(!result->evaluation.preflightSent);
        QCOMPARE(server.receivedRequests().last().headers.get("content-type"), QByteArray("text/plain"));
    }

    void everyControlIsNamedAndExplained()
    {
        DemoApiServer server;
        PlaygroundView view(server);
        const QList<QWidget *> widgets = view.findChildren<QWidget *>();
        int checked = 0;
        for (QWidget *widget : widgets) {
            const bool isControl = qobject_cast<QAbstractButton *>(widget) ||
                                   qobject_cast<QLineEdit *>(widget) || qobject_cast<QComboBox *>(widget) ||
                                   widget->inherits("QAbstractSpinBox") ||
                                   widget->inherits("QPlainTextEdit") || qobject_cast<QListWidget *>(widget);
            // Controls that are part of another widget (the ExplanationView's, a combo's line
            // edit, a spin box's) are that widget's business.
            if (!isControl || widget->objectName().isEmpty() ||
                widget->objectName().startsWith(QLatin1String("qt_")) ||
                view.explanationView()->isAncestorOf(widget))
                continue;
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
            QVERIFY2(!widget->toolTip().isEmpty(), qPrintable(widget->objectName()));
            ++checked;
        }
        QVERIFY(checked >= 20);
    }

    void verifyIsDisabledWithAReasonWithoutChromium()
    {
        qputenv("CORSCOPE_CHROMIUM", "/nonexistent/chromium");
        qputenv("PATH", "/nonexistent");
        DemoApiServer server;
        PlaygroundView view(server);
        QVERIFY(!view.verifyButton()->isEnabled());
        QVERIFY(view.verifyButton()->toolTip().contains(QLatin1String("not installed")));
    }
};

QTEST_MAIN(TestPlaygroundView)
#include "tst_playgroundview.moc"
