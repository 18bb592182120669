#include "models/historymodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace Corscope {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::append(const SessionEntry &entry)
{
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void HistoryModel::setEntries(QList<SessionEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void HistoryModel::clear()
{
    setEntries({});
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SessionEntry &entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(entry.timeMs).toString(QStringLiteral("HH:mm:ss"));
        case MethodColumn:
            return QString::fromUtf8(entry.request().method);
        case UrlColumn:
            return entry.request().url.toString();
        case VerdictColumn:
            // A tried fix's verdict is for responses Corscope rewrote, never the server's own.
            if (entry.triedFix)
                return entry.evaluation.allowed() ? tr("allowed (fix tried)") : tr("blocked (fix tried)");
            return entry.evaluation.allowed() ? tr("allowed") : tr("blocked");
        }
    } else if (role == Qt::ToolTipRole) {
        const QString how = entry.kind == SessionEntry::Kind::Offline ? tr("explained offline")
                            : entry.triedFix
                                ? tr("sent with the fix tried: responses rewritten by Corscope, not "
                                     "what the server sends")
                                : tr("sent");
        return tr("%1 from %2, %3 (%4)")
            .arg(entry.request().url.toString(), entry.request().origin.toString(), how, entry.browser);
    } else if (role == Qt::ForegroundRole && index.column() == VerdictColumn) {
        return QBrush(entry.evaluation.allowed() ? QColor(0x1a, 0x7f, 0x37) : QColor(0xcf, 0x22, 0x2e));
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case VerdictColumn:
        return tr("Verdict");
    }
    return {};
}

} // namespace Corscope
