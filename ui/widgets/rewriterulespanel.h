#pragma once

#include "proxy/rewriterules.h"

#include <QWidget>

class QAction;
class QTableView;

namespace Corscope {

class RewriteRuleEditor;
class RewriteRulesModel;

// The Traffic tab's rules panel: the list of rewrite rules the proxy applies (enable, add,
// duplicate, remove, load and save a rules file) and an editor for the selected one.
class RewriteRulesPanel : public QWidget {
    Q_OBJECT

public:
    explicit RewriteRulesPanel(QWidget *parent = nullptr);

    RewriteRulesModel *model() const { return m_model; }
    RewriteRuleEditor *editor() const { return m_editor; }
    QAction *addAction() const { return m_add; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *removeAction() const { return m_remove; }

    // Appends rules and selects the first of them.
    void appendRules(const QList<RewriteRule> &rules);
    int currentRow() const;
    void selectRow(int row);

    // The same JSON file `corscope-cli proxy --rules` reads. False and *error when it cannot.
    bool load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;

private:
    void loadFromFile();
    void saveToFile();
    void onCurrentRowChanged();
    void onRuleEdited(const RewriteRule &rule);
    void updateActions();

    RewriteRulesModel *m_model;
    QTableView *m_table;
    RewriteRuleEditor *m_editor;
    QAction *m_add;
    QAction *m_duplicate;
    QAction *m_remove;
    QAction *m_load;
    QAction *m_save;
    bool m_applyingEdit = false;
};

} // namespace Corscope
