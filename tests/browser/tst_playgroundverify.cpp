#include "playground/demoapiserver.h"
#include "verify/browserverifier.h"
#include "widgets/playgroundview.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Corscope;

// Every playground lesson, broken and fixed, verified in real Chromium through the view's
// "Verify in Chromium": the lessons teach what the browser really does, not what we believe.
class TestPlaygroundVerify : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!BrowserVerifier::isAvailable())
            QSKIP("Chromium is not installed (set CORSCOPE_CHROMIUM)");
    }

    void chromiumAgreesOnEveryLesson_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("fixed");
        DemoApiServer server;
        PlaygroundView view(server);
        for (int i = 0; i < view.lessonCount(); ++i) {
            QTest::newRow(qPrintable(view.lesson(i).id + QStringLiteral(" broken"))) << i << false;
            QTest::newRow(qPrintable(view.lesson(i).id + QStringLiteral(" fixed"))) << i << true;
        }
    }

    void chromiumAgreesOnEveryLesson()
    {
        QFETCH(int, index);
        QFETCH(bool, fixed);
        DemoApiServer server;
        PlaygroundView view(server);
        view.selectLesson(index);
        if (fixed)
            view.showFix();
        QVERIFY(view.verifyButton()->isEnabled());
        QSignalSpy verified(&view, &PlaygroundView::verificationFinished);
        view.verify();
        QVERIFY2(verified.wait(60000), qPrintable(view.verificationText()));
        QVERIFY2(verified.at(0).at(0).toBool(), qPrintable(view.verificationText()));
        QVERIFY(view.verificationText().contains(QLatin1String("Chromium agrees")));
        // A lesson's broken server is one the browser blocks, except for a WebSocket: there the
        // browser opening a socket for any site is the problem, and the fix makes it refuse.
        const bool socketLesson = view.lesson(index).request.resourceType == ResourceType::WebSocket;
        const bool expectAllowed = socketLesson ? !fixed : fixed;
        QVERIFY2(view.verificationText().contains(expectAllowed ? QLatin1String("allowed")
                                                                : QLatin1String("blocked")),
                 qPrintable(view.verificationText()));
        if (socketLesson) {
            // Chromium's own handshake reached the server and got its answer; an open socket
            // read the user's notification, as the other site would.
            QVERIFY2(view.verificationText().contains(fixed ? QStringLiteral("GET → 403") : QStringLiteral("GET → 101")),
                     qPrintable(view.verificationText()));
            QCOMPARE(view.verificationText().contains(QLatin1String("Your invoice #1042 is ready")), !fixed);
        }
    }
};

QTEST_MAIN(TestPlaygroundVerify)
#include "tst_playgroundverify.moc"
