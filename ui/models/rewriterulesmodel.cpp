#include "models/rewriterulesmodel.h"

namespace Corscope {

RewriteRulesModel::RewriteRulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RewriteRulesModel::setRules(RewriteRules rules)
{
    beginResetModel();
    m_rules = std::move(rules);
    endResetModel();
    emit rulesChanged();
}

void RewriteRulesModel::setRule(int row, const RewriteRule &rule)
{
    if (row < 0 || row >= rowCount())
        return;
    m_rules.rules()[row] = rule;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit rulesChanged();
}

void RewriteRulesModel::insertRule(int row, const RewriteRule &rule)
{
    row = std::clamp(row, 0, rowCount());
    beginInsertRows({}, row, row);
    m_rules.rules().insert(row, rule);
    endInsertRows();
    emit rulesChanged();
}

void RewriteRulesModel::removeRule(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_rules.rules().removeAt(row);
    endRemoveRows();
    emit rulesChanged();
}

QString RewriteRulesModel::changeSummary(const RewriteRule &rule)
{
    QStringList parts;
    for (const Header &header : rule.set)
        parts << tr("set %1: %2").arg(QString::fromLatin1(header.name), QString::fromLatin1(header.value));
    for (const Header &header : rule.add)
        parts << tr("add %1: %2").arg(QString::fromLatin1(header.name), QString::fromLatin1(header.value));
    for (const QByteArray &name : rule.remove)
        parts << tr("remove %1").arg(QString::fromLatin1(name));
    if (rule.respond)
        parts.prepend(rule.respond->answers == LocalResponse::Answers::Preflights
                          ? tr("answers preflights itself: %1").arg(rule.respond->status)
                          : tr("answers every request itself: %1").arg(rule.respond->status));
    return parts.isEmpty() ? tr("(changes nothing)") : parts.join(QLatin1String("; "));
}

int RewriteRulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.rules().size());
}

int RewriteRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RewriteRulesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RewriteRule &rule = ruleAt(index.row());
    if (role == Qt::CheckStateRole && index.column() == Name)
        return rule.enabled ? Qt::Checked : Qt::Unchecked;
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    const QString any = role == Qt::DisplayRole ? tr("any") : QString();
    switch (Column(index.column())) {
    case Name:
        return rule.name;
    case Host:
        return rule.host.isEmpty() ? any : rule.host;
    case Path:
        return rule.path.isEmpty() ? any : rule.path;
    case Method:
        return rule.method.isEmpty() ? any : QString::fromLatin1(rule.method);
    case Changes:
        return changeSummary(rule);
    case ColumnCount:
        break;
    }
    return {};
}

bool RewriteRulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    RewriteRule rule = ruleAt(index.row());
    if (role == Qt::CheckStateRole && index.column() == Name) {
        rule.enabled = value.toInt() == Qt::Checked;
    } else if (role == Qt::EditRole) {
        const QString text = value.toString().trimmed();
        switch (Column(index.column())) {
        case Name:
            rule.name = text;
            break;
        case Host:
            rule.host = text;
            break;
        case Path:
            rule.path = text;
            break;
        case Method:
            rule.method = text.toLatin1();
            break;
        case Changes:
        case ColumnCount:
            return false;
        }
    } else {
        return false;
    }
    setRule(index.row(), rule);
    return true;
}

Qt::ItemFlags RewriteRulesModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Name)
        flags |= Qt::ItemIsUserCheckable;
    if (index.column() != Changes)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant RewriteRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return tr("Rule");
    case Host:
        return tr("Host");
    case Path:
        return tr("Path");
    case Method:
        return tr("Method");
    case Changes:
        return tr("Changes");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Corscope
