#include "models/explanationmodel.h"
#include "widgets/explanationview.h"
#include "widgets/scenarioworkbench.h"

#include <QListWidget>
#include <QTest>

using namespace Corscope;

class TestScenarioWorkbench : public QObject {
    Q_OBJECT

private slots:
    void startsOnTheFirstBuiltInLesson()
    {
        ScenarioWorkbench workbench;
        auto *lessons = workbench.findChild<QListWidget *>(QStringLiteral("lessons"));
        QVERIFY(lessons);
        QVERIFY(lessons->count() >= 8);
        QCOMPARE(lessons->currentRow(), 0);
        // Lesson 1 is the classic: no Access-Control-Allow-Origin at all.
        QVERIFY(workbench.explanationView()->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY(workbench.explanationView()->consoleText().startsWith(
            QLatin1String("Access to fetch at 'http://api.test/r'")));
        QVERIFY(workbench.explanationView()->consoleText().contains(
            QLatin1String("No 'Access-Control-Allow-Origin' header")));
    }

    void switchingTheBrowserChangesTheConsoleMessage()
    {
        ScenarioWorkbench workbench;
        workbench.selectBrowser(QStringLiteral("firefox"));
        QVERIFY(workbench.explanationView()->consoleText().startsWith(
            QLatin1String("Cross-Origin Request Blocked:")));
        QCOMPARE(workbench.explanationView()->model()->evaluation().browser, QStringLiteral("firefox"));
    }

    void everyLessonExplainsWithoutErrors()
    {
        ScenarioWorkbench workbench;
        auto *lessons = workbench.findChild<QListWidget *>(QStringLiteral("lessons"));
        for (int row = 0; row < lessons->count(); ++row) {
            lessons->setCurrentRow(row);
            QVERIFY2(workbench.errorText().isEmpty(), qPrintable(workbench.errorText()));
            QVERIFY(workbench.explanationView()->model()->rowCount() > 3);
        }
    }

    void brokenJsonShowsTheErrorPosition()
    {
        ScenarioWorkbench workbench;
        workbench.loadScenarioText("{\n  \"request\": {\"url\": \"http://a.test/\",\n");
        QVERIFY2(workbench.errorText().startsWith(QLatin1String("3:1:")), qPrintable(workbench.errorText()));
    }
};

QTEST_MAIN(TestScenarioWorkbench)
#include "tst_scenarioworkbench.moc"
