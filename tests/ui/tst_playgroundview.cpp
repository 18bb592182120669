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
        QCOMPARE(view.lessonCount(), 8);
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
        const auto broken = sendAndWait(view);
        QVERIFY(broken);
        QVERIFY2(!broken->evaluation.allowed(), qPrintable(view.lesson(index).id));
        QVERIFY(view.explanationView()->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(!view.serverLogText().isEmpty()); // the request did reach the demo API

        view.showFix();
        QCOMPARE(server.policy(), view.lesson(index).fix);
        const auto fixed = sendAndWait(view);
        QVERIFY(fixed);
        QVERIFY2(fixed->evaluation.allowed(), qPrintable(fixed->evaluation.consoleMessage));
        QVERIFY(view.explanationView()->verdictText().contains(QLatin1String("Allowed")));

        view.reset();
        QCOMPARE(server.policy(), view.lesson(index).policy);
        const auto again = sendAndWait(view);
        QVERIFY(again);
        QVERIFY(!again->evaluation.allowed());
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
