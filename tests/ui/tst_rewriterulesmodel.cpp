#include "models/rewriterulesmodel.h"
#include "widgets/rewriteruleeditor.h"
#include "widgets/rewriterulespanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Corscope;

class TestRewriteRulesModel : public QObject {
    Q_OBJECT

private:
    static RewriteRule rule(const QString &name, const QByteArray &method = {})
    {
        RewriteRule r;
        r.name = name;
        r.host = QStringLiteral("api.example");
        r.method = method;
        r.set = {{"Access-Control-Allow-Origin", "http://app.example"}};
        return r;
    }

private slots:
    void modelPassesTheTesterThroughEdits()
    {
        RewriteRulesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.insertRule(0, rule(QStringLiteral("a"), "PUT"));
        model.insertRule(1, rule(QStringLiteral("b")));
        model.insertRule(0, rule(QStringLiteral("first")));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, RewriteRulesModel::Name).data().toString(), QStringLiteral("first"));
        QCOMPARE(model.index(2, RewriteRulesModel::Method).data().toString(), QStringLiteral("any"));
        QCOMPARE(model.index(1, RewriteRulesModel::Method).data().toString(), QStringLiteral("PUT"));
        QCOMPARE(model.index(1, RewriteRulesModel::Path).data().toString(), QStringLiteral("any"));
        QCOMPARE(model.index(1, RewriteRulesModel::Path).data(Qt::EditRole).toString(), QString());
        QCOMPARE(model.index(1, RewriteRulesModel::Changes).data().toString(),
                 QStringLiteral("set Access-Control-Allow-Origin: http://app.example"));
        model.removeRule(1);
        QCOMPARE(model.rowCount(), 2);
        model.setRules({});
        QCOMPARE(model.rowCount(), 0);
    }

    void theCheckboxEnablesAndDisablesLive()
    {
        RewriteRulesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.insertRule(0, rule(QStringLiteral("allow")));
        QSignalSpy changed(&model, &RewriteRulesModel::rulesChanged);
        const QModelIndex name = model.index(0, RewriteRulesModel::Name);
        QVERIFY(model.flags(name) & Qt::ItemIsUserCheckable);
        QCOMPARE(name.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(model.setData(name, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(changed.count(), 1);

        // The rules the proxy reads are the model's own: the next response sees the change.
        Flow flow;
        flow.method = "GET";
        flow.url = QUrl(QStringLiteral("http://api.example/x"));
        HeaderList headers;
        QVERIFY(model.rules().apply(flow, headers).isEmpty());
        QVERIFY(model.setData(name, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.rules().apply(flow, headers), QStringList{QStringLiteral("allow")});

        QVERIFY(model.setData(model.index(0, RewriteRulesModel::Method), QStringLiteral("PUT")));
        HeaderList untouched;
        QVERIFY(model.rules().apply(flow, untouched).isEmpty());
        QVERIFY(!model.setData(model.index(0, RewriteRulesModel::Changes), QStringLiteral("x")));
    }

    void headerLinesParseAndPrint()
    {
        const HeaderList headers = RewriteRuleEditor::parseHeaderLines(QStringLiteral(
            "Access-Control-Allow-Origin: https://a.example\n\n  no colon\n: no name\nVary:Origin"));
        QCOMPARE(headers.size(), 2);
        QCOMPARE(headers.get("vary"), std::optional<QByteArray>("Origin"));
        QCOMPARE(RewriteRuleEditor::parseHeaderLines(RewriteRuleEditor::headerLines(headers)), headers);
    }

    void editingInTheEditorChangesTheSelectedRule()
    {
        RewriteRulesPanel panel;
        panel.show();
        panel.appendRules({rule(QStringLiteral("one")), rule(QStringLiteral("two"))});
        QCOMPARE(panel.currentRow(), 0);
        panel.selectRow(1);
        auto *method = panel.findChild<QLineEdit *>(QStringLiteral("ruleMethod"));
        auto *add = panel.findChild<QPlainTextEdit *>(QStringLiteral("ruleAdd"));
        QVERIFY(method && add);
        QTest::keyClicks(method, QStringLiteral("DELETE"));
        add->setPlainText(QStringLiteral("Vary: Origin"));
        const RewriteRule &edited = panel.model()->ruleAt(1);
        QCOMPARE(edited.method, QByteArray("DELETE"));
        QCOMPARE(edited.add.get("vary"), std::optional<QByteArray>("Origin"));
        QCOMPARE(panel.model()->ruleAt(0).method, QByteArray());

        // Unchecking in the table and then typing keeps it unchecked.
        QVERIFY(panel.model()->setData(panel.model()->index(1, 0), Qt::Unchecked, Qt::CheckStateRole));
        QTest::keyClicks(method, QStringLiteral("X"));
        QVERIFY(!panel.model()->ruleAt(1).enabled);
        QCOMPARE(panel.model()->ruleAt(1).method, QByteArray("DELETEX"));
    }

    void aLocalAnswerIsEditedAndKeptThroughOtherEdits()
    {
        RewriteRulesPanel panel;
        panel.show();
        RewriteRule gateway = rule(QStringLiteral("gateway"), "OPTIONS");
        LocalResponse answer;
        answer.status = 200;
        answer.headers = {{"Access-Control-Allow-Origin", "http://app.example"},
                          {"Access-Control-Allow-Methods", "PUT"}};
        gateway.respond = answer;
        panel.appendRules({gateway});
        auto *answerLocally = panel.findChild<QCheckBox *>(QStringLiteral("ruleAnswerLocally"));
        auto *status = panel.findChild<QSpinBox *>(QStringLiteral("ruleAnswerStatus"));
        auto *headers = panel.findChild<QPlainTextEdit *>(QStringLiteral("ruleAnswerHeaders"));
        QVERIFY(answerLocally && status && headers);
        QVERIFY(answerLocally->isChecked());
        QCOMPARE(status->value(), 200);

        // Editing the match must not drop the answer.
        QTest::keyClicks(panel.findChild<QLineEdit *>(QStringLiteral("rulePath")), QStringLiteral("/v1/*"));
        QCOMPARE(panel.model()->ruleAt(0).respond, std::optional<LocalResponse>(answer));
        QVERIFY(panel.model()->data(panel.model()->index(0, RewriteRulesModel::Changes))
                    .toString()
                    .contains(QStringLiteral("answers preflights itself: 200")));

        status->setValue(204);
        headers->appendPlainText(QStringLiteral("Access-Control-Allow-Headers: x-trace"));
        QCOMPARE(panel.model()->ruleAt(0).respond->status, 204);
        QCOMPARE(panel.model()->ruleAt(0).respond->headers.get("access-control-allow-headers"),
                 std::optional<QByteArray>("x-trace"));

        answerLocally->setChecked(false);
        QVERIFY(!panel.model()->ruleAt(0).respond);
        QVERIFY(!status->isEnabled());
    }

    void addDuplicateRemove()
    {
        RewriteRulesPanel panel;
        panel.show();
        QVERIFY(!panel.removeAction()->isEnabled());
        panel.addAction()->trigger();
        QCOMPARE(panel.model()->rowCount(), 1);
        QVERIFY(panel.removeAction()->isEnabled());
        panel.duplicateAction()->trigger();
        QCOMPARE(panel.model()->rowCount(), 2);
        QCOMPARE(panel.currentRow(), 1);
        QVERIFY(panel.model()->ruleAt(1).name.endsWith(QStringLiteral("(copy)")));
        panel.removeAction()->trigger();
        panel.removeAction()->trigger();
        QCOMPARE(panel.model()->rowCount(), 0);
        QVERIFY(!panel.removeAction()->isEnabled());
    }

    void saveAndLoadTheCliFormat()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("rules.json"));
        RewriteRulesPanel panel;
        RewriteRule off = rule(QStringLiteral("off"), "OPTIONS");
        off.enabled = false;
        off.remove = {"X-Powered-By"};
        panel.appendRules({rule(QStringLiteral("on")), off});
        QString error;
        QVERIFY2(panel.save(path, &error), qPrintable(error));

        RewriteRulesPanel other;
        QVERIFY2(other.load(path, &error), qPrintable(error));
        QCOMPARE(other.model()->rowCount(), 2);
        QVERIFY(other.model()->ruleAt(1) == off);

        // An empty rule would make a file the CLI refuses: saving says so instead.
        RewriteRule nothing;
        nothing.name = QStringLiteral("empty");
        other.appendRules({nothing});
        QVERIFY(!other.save(path, &error));
        QVERIFY2(error.contains(QStringLiteral("changes nothing")), qPrintable(error));
        QVERIFY(!other.load(directory.filePath(QStringLiteral("missing.json")), &error));
    }
};

QTEST_MAIN(TestRewriteRulesModel)
#include "tst_rewriterulesmodel.moc"
