#include "fix/snippetrenderer.h"
#include "report/textreport.h"
#include "widgets/fixsnippetpanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Corscope;

namespace {

FixPlan credentialedPut()
{
    FixPlan plan;
    plan.fixable = true;
    plan.policy.origins = {"https://app.example"};
    plan.policy.credentials = true;
    plan.policy.preflight = true;
    plan.policy.methods = {"PUT"};
    plan.policy.headers = {"x-trace"};
    plan.policy.maxAgeSeconds = 600;
    plan.policy.path = "/api/items";
    plan.notes << QStringLiteral("The server allowed https://old.example before.");
    return plan;
}

} // namespace

class TestFixSnippetPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("corscope-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_fixsnippetpanel"));
        QSettings().clear();
    }

    void showsThePickedServersFragmentsAndCopiesThem()
    {
        QWidget window; // as in the explanation's splitter: the panel shows only when asked to
        auto &panel = *new FixSnippetPanel(&window);
        window.show();
        QVERIFY(!panel.isVisible()); // nothing to fix yet
        panel.setPlan(credentialedPut());
        QVERIFY(panel.isVisible());
        auto *server = panel.findChild<QComboBox *>(QStringLiteral("fixServer"));
        QVERIFY(server);
        QCOMPARE(server->count(), SnippetRenderer::all().size());
        panel.setCurrentServer(QStringLiteral("nginx"));
        QVERIFY(panel.snippetText().contains(QLatin1String("--- in the http context ---")));
        QVERIFY(panel.snippetText().contains(QLatin1String("map $http_origin $cors_allow_origin")));
        QVERIFY(panel.snippetText().contains(QLatin1String("--- in the location context ---")));
        auto *notes = panel.findChild<QLabel *>(QStringLiteral("fixNotes"));
        QVERIFY(notes->text().contains(QLatin1String("https://old.example")));

        QApplication::clipboard()->clear();
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("fixCopy")), Qt::LeftButton);
        const ServerSnippet nginx = SnippetRenderer::byId(u"nginx")->render(credentialedPut().policy);
        QCOMPARE(QApplication::clipboard()->text(), TextReport::renderSnippet(nginx));
    }

    void remembersTheServer()
    {
        const QString last = SnippetRenderer::ids().constLast();
        {
            FixSnippetPanel panel;
            panel.setCurrentServer(last);
        }
        FixSnippetPanel again;
        QCOMPARE(again.currentServer(), last);
        again.setCurrentServer(QStringLiteral("nginx"));
    }

    void tryItOnlyWhereAProxyCanApplyIt()
    {
        FixSnippetPanel panel;
        panel.show();
        panel.setPlan(credentialedPut());
        auto *tryIt = panel.findChild<QPushButton *>(QStringLiteral("fixTry"));
        QVERIFY(!tryIt->isVisible());
        panel.setTryAvailable(true);
        QVERIFY(tryIt->isVisible());
        QSignalSpy tried(&panel, &FixSnippetPanel::tryRequested);
        QTest::mouseClick(tryIt, Qt::LeftButton);
        QCOMPARE(tried.count(), 1);
    }

    void aPlanNoServerCanFixHidesThePanel()
    {
        FixSnippetPanel panel;
        panel.show();
        panel.setPlan(credentialedPut());
        FixPlan unfixable;
        unfixable.blocker = QStringLiteral("a forbidden method");
        panel.setPlan(unfixable);
        QVERIFY(!panel.isVisible());
        QVERIFY(panel.snippetText().isEmpty());
    }
};

QTEST_MAIN(TestFixSnippetPanel)
#include "tst_fixsnippetpanel.moc"
