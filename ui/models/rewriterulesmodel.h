#pragma once

#include "proxy/rewriterules.h"

#include <QAbstractTableModel>

namespace Corscope {

// The Traffic tab's rewrite rules as a table: a checkbox to enable each, its match and a summary
// of its header changes. It owns the rules the running proxy applies, so every edit takes effect
// with the next response.
class RewriteRulesModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Host, Path, Method, Changes, ColumnCount };

    explicit RewriteRulesModel(QObject *parent = nullptr);

    const RewriteRules &rules() const { return m_rules; }
    void setRules(RewriteRules rules);
    const RewriteRule &ruleAt(int row) const { return m_rules.rules().at(row); }
    void setRule(int row, const RewriteRule &rule);
    void insertRule(int row, const RewriteRule &rule);
    void removeRule(int row);

    // "set A: x; add Vary: Origin; remove X-Powered-By"
    static QString changeSummary(const RewriteRule &rule);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void rulesChanged();

private:
    RewriteRules m_rules;
};

} // namespace Corscope
