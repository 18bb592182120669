#include "models/explanationmodel.h"
#include "widgets/explanationview.h"
#include "widgets/scenarioworkbench.h"
#include "widgets/sequencediagramview.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTest>
#include <Qsci/qsciscintilla.h>

using namespace Corscope;

class TestScenarioWorkbench : public QObject {
    Q_OBJECT

private slots:
    void explanationModelPassesTheTesterAcrossLessons()
    {
        ScenarioWorkbench workbench;
        ExplanationModel *model = workbench.explanationView()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *lessons = workbench.findChild<QListWidget *>(QStringLiteral("lessons"));
        for (int row = 0; row < lessons->count(); ++row) {
            lessons->setCurrentRow(row); // each lesson resets the model with its own steps
            QVERIFY(model->rowCount() > 0);
            const QModelIndex first = model->index(0, 0);
            QVERIFY(!model->data(first, Qt::DisplayRole).toString().isEmpty());
            QVERIFY(!model->data(first, Qt::DecorationRole).value<QIcon>().isNull());
        }
    }

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

    // Issue 19: an explanation under an edited scenario says it is out of date, and after an
    // error says it is the last good one's; explaining again makes it current.
    void anEditedScenarioMarksTheExplanationStale()
    {
        ScenarioWorkbench workbench;
        ExplanationView *view = workbench.explanationView();
        QVERIFY(!view->isStale()); // the first lesson, loaded and explained
        auto *editor = workbench.findChild<QsciScintilla *>(QStringLiteral("scenarioEditor"));
        const QString good = editor->text();
        editor->setText(good + QStringLiteral(" "));
        QVERIFY(view->isStale());
        QVERIFY2(view->staleText().contains(QStringLiteral("Explain")), qPrintable(view->staleText()));
        workbench.explain();
        QVERIFY(!view->isStale());

        editor->setText(QStringLiteral("{ not json"));
        workbench.explain();
        QVERIFY(!workbench.errorText().isEmpty());
        QVERIFY(view->isStale());
        QVERIFY2(view->staleText().contains(QStringLiteral("error")), qPrintable(view->staleText()));
        editor->setText(good);
        workbench.explain();
        QVERIFY(!view->isStale());
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

    void flowAndRawShowEveryExchange()
    {
        ScenarioWorkbench workbench;
        auto *lessons = workbench.findChild<QListWidget *>(QStringLiteral("lessons"));
        lessons->setCurrentRow(1); // a custom header the server does not allow: preflight, then blocked
        SequenceDiagramView *flow = workbench.explanationView()->sequenceView();
        const QList<SequenceArrow> &arrows = flow->arrows();
        QVERIFY(arrows.size() >= 4);
        QVERIFY(arrows.first().kind == SequenceArrow::Kind::Call);
        QVERIFY(arrows.at(1).kind == SequenceArrow::Kind::Request);
        QVERIFY(arrows.at(1).label.startsWith(QLatin1String("OPTIONS")));
        QVERIFY(arrows.at(1)
                    .details.join(QLatin1Char('\n'))
                    .contains(QLatin1String("Access-Control-Request-Headers: x-a")));
        QVERIFY(arrows.last().kind == SequenceArrow::Kind::Blocked);
        QVERIFY(workbench.explanationView()->rawText().startsWith(
            QLatin1String("# preflight\nOPTIONS /r HTTP/1.1")));

        QTemporaryDir dir;
        QVERIFY(flow->exportPng(dir.filePath(QStringLiteral("flow.png"))));
        QVERIFY(QImage(dir.filePath(QStringLiteral("flow.png"))).width() > 400);
        QVERIFY(flow->exportSvg(dir.filePath(QStringLiteral("flow.svg"))));
        QFile svg(dir.filePath(QStringLiteral("flow.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("OPTIONS"));
        QVERIFY(flow->fitsToWidth()); // until the user zooms
        flow->setZoom(1.0);
        QVERIFY(!flow->fitsToWidth());
        const QSize before = flow->sizeHint();
        flow->setZoom(2.0);
        QCOMPARE(flow->sizeHint().width(), before.width() * 2);
    }

    void cacheHitIsDrawnAsTheBrowserAnsweringItself()
    {
        ScenarioWorkbench workbench;
        auto *lessons = workbench.findChild<QListWidget *>(QStringLiteral("lessons"));
        lessons->setCurrentRow(6); // the preflight cache lesson, second fetch
        auto *fetch = workbench.findChildren<QComboBox *>().last();
        fetch->setCurrentIndex(1);
        const QList<SequenceArrow> &arrows = workbench.explanationView()->sequenceView()->arrows();
        QVERIFY(std::any_of(arrows.begin(), arrows.end(),
                            [](const SequenceArrow &a) { return a.kind == SequenceArrow::Kind::CacheHit; }));
        QVERIFY(std::none_of(arrows.begin(), arrows.end(), [](const SequenceArrow &a) {
            return a.label.startsWith(QLatin1String("OPTIONS"));
        }));
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
