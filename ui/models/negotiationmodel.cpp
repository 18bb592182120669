#include "models/negotiationmodel.h"

#include "models/diffcolors.h"

namespace Corscope {

NegotiationModel::NegotiationModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void NegotiationModel::setRows(QList<NegotiationRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int NegotiationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NegotiationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NegotiationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NegotiationRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Item:
            switch (row.kind) {
            case NegotiationRow::Kind::Method:
                return tr("Method %1").arg(QString::fromLatin1(row.item));
            case NegotiationRow::Kind::Header:
                return tr("Header %1").arg(QString::fromLatin1(row.item));
            case NegotiationRow::Kind::Origin:
            case NegotiationRow::Kind::Credentials:
                return QString::fromLatin1(row.item);
            }
            return {};
        case Asked:
            return QString::fromLatin1(row.asked);
        case Granted:
            return row.granted.isEmpty() ? tr("(absent)") : QString::fromLatin1(row.granted);
        case Result:
            return (row.allowed ? tr("allowed: %1") : tr("refused: %1")).arg(row.reason);
        }
        return {};
    case Qt::BackgroundRole:
        return DiffColors::background(row.allowed ? DiffColors::Kind::Good : DiffColors::Kind::Bad);
    case Qt::AccessibleTextRole:
        return data(index, Qt::DisplayRole);
    default:
        return {};
    }
}

QVariant NegotiationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Item:
        return tr("What");
    case Asked:
        return tr("Preflight asked");
    case Granted:
        return tr("Server allowed");
    case Result:
        return tr("Result");
    }
    return {};
}

} // namespace Corscope
