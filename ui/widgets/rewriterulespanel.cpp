#include "widgets/rewriterulespanel.h"

#include "models/rewriterulesmodel.h"
#include "widgets/rewriteruleeditor.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Corscope {

RewriteRulesPanel::RewriteRulesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new RewriteRulesModel(this))
    , m_table(new QTableView(this))
    , m_editor(new RewriteRuleEditor(this))
{
    auto *toolBar = new QToolBar(this);
    m_add = toolBar->addAction(tr("Add"));
    m_add->setObjectName(QStringLiteral("addRuleAction"));
    m_add->setToolTip(
        tr("Add a rule that sets Access-Control-Allow-Origin for any response; narrow it below"));
    m_duplicate = toolBar->addAction(tr("Duplicate"));
    m_duplicate->setObjectName(QStringLiteral("duplicateRuleAction"));
    m_remove = toolBar->addAction(tr("Remove"));
    m_remove->setObjectName(QStringLiteral("removeRuleAction"));
    toolBar->addSeparator();
    m_load = toolBar->addAction(tr("Load…"));
    m_load->setObjectName(QStringLiteral("loadRulesAction"));
    m_load->setToolTip(tr("Replace the rules with a rules file (the format of corscope-cli proxy --rules)"));
    m_save = toolBar->addAction(tr("Save…"));
    m_save->setObjectName(QStringLiteral("saveRulesAction"));
    m_save->setToolTip(tr("Save the rules for corscope-cli proxy --rules or a later session"));

    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->setAccessibleName(tr("Rewrite rules"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    // The match columns are short; the change summary takes what is left.
    for (int column : {RewriteRulesModel::Host, RewriteRulesModel::Path, RewriteRulesModel::Method})
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RewriteRulesModel::Changes, QHeaderView::Stretch);
    m_editor->setObjectName(QStringLiteral("ruleEditor"));

    auto *hint =
        new QLabel(tr("Rules change responses on their way to the browser; the next request uses them. "
                      "Select a blocked flow and use Fix with a rule to have one written for you."),
                   this);
    hint->setWordWrap(true);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_editor);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(hint);
    layout->addWidget(split, 1);

    connect(m_add, &QAction::triggered, this, [this] {
        RewriteRule rule;
        rule.name = tr("New rule");
        rule.set.append("Access-Control-Allow-Origin", "*");
        appendRules({rule});
    });
    connect(m_duplicate, &QAction::triggered, this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        RewriteRule copy = m_model->ruleAt(row);
        copy.name = tr("%1 (copy)").arg(copy.name);
        m_model->insertRule(row + 1, copy);
        selectRow(row + 1);
    });
    connect(m_remove, &QAction::triggered, this, [this] {
        const int row = currentRow();
        m_model->removeRule(row);
        selectRow(std::min(row, m_model->rowCount() - 1));
    });
    connect(m_load, &QAction::triggered, this, &RewriteRulesPanel::loadFromFile);
    connect(m_save, &QAction::triggered, this, &RewriteRulesPanel::saveToFile);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RewriteRulesPanel::onCurrentRowChanged);
    connect(m_editor, &RewriteRuleEditor::ruleEdited, this, &RewriteRulesPanel::onRuleEdited);
    // An edit in the table (a checkbox, a name typed in place) shows in the editor too.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        if (!m_applyingEdit && topLeft.row() == currentRow())
            m_editor->setRule(m_model->ruleAt(topLeft.row()));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RewriteRulesPanel::onCurrentRowChanged);
    updateActions();
}

void RewriteRulesPanel::appendRules(const QList<RewriteRule> &rules)
{
    const int first = m_model->rowCount();
    for (const RewriteRule &rule : rules)
        m_model->insertRule(m_model->rowCount(), rule);
    if (!rules.isEmpty())
        selectRow(first);
}

int RewriteRulesPanel::currentRow() const
{
    return m_table->currentIndex().row();
}

void RewriteRulesPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_table->setCurrentIndex({});
        onCurrentRowChanged();
        return;
    }
    m_table->setCurrentIndex(m_model->index(row, RewriteRulesModel::Name));
    m_table->selectRow(row);
}

bool RewriteRulesPanel::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    std::optional<RewriteRules> rules = RewriteRules::parse(file.readAll(), error);
    if (!rules)
        return false;
    m_model->setRules(std::move(*rules));
    selectRow(0);
    return true;
}

bool RewriteRulesPanel::save(const QString &path, QString *error) const
{
    // parse() refuses a rule that changes nothing; a file that cannot be read back helps no one.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const RewriteRule &rule = m_model->ruleAt(row);
        if (rule.set.isEmpty() && rule.add.isEmpty() && rule.remove.isEmpty()) {
            *error = tr("rule %1 (%2) changes nothing: give it a header to set, add or remove")
                         .arg(row + 1)
                         .arg(rule.name);
            return false;
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->rules().toJson()) < 0 || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void RewriteRulesPanel::loadFromFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load rewrite rules"), {},
                                                      tr("Rules files (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !load(path, &error))
        QMessageBox::warning(this, tr("Load rewrite rules"), tr("Cannot load %1: %2").arg(path, error));
}

void RewriteRulesPanel::saveToFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save rewrite rules"), QStringLiteral("corscope-rules.json"), tr("Rules files (*.json)"));
    QString error;
    if (!path.isEmpty() && !save(path, &error))
        QMessageBox::warning(this, tr("Save rewrite rules"), tr("Cannot save %1: %2").arg(path, error));
}

void RewriteRulesPanel::onCurrentRowChanged()
{
    const int row = currentRow();
    if (row >= 0)
        m_editor->setRule(m_model->ruleAt(row));
    else
        m_editor->setRule({});
    updateActions();
}

void RewriteRulesPanel::onRuleEdited(const RewriteRule &edited)
{
    const int row = currentRow();
    if (row < 0)
        return;
    RewriteRule rule = edited;
    rule.enabled = m_model->ruleAt(row).enabled;
    m_applyingEdit = true;
    m_model->setRule(row, rule);
    m_applyingEdit = false;
}

void RewriteRulesPanel::updateActions()
{
    const bool selected = currentRow() >= 0;
    m_duplicate->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_editor->setEnabled(selected);
}

} // namespace Corscope
