#include "models/headerdiffmodel.h"

#include "models/diffcolors.h"

namespace Corscope {

namespace {

QString joinedValues(const QByteArrayList &values)
{
    QStringList lines;
    lines.reserve(values.size());
    for (const QByteArray &value : values)
        lines.append(QString::fromLatin1(value));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

HeaderDiffModel::HeaderDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_leftTitle(tr("Left"))
    , m_rightTitle(tr("Right"))
{
}

void HeaderDiffModel::compare(const QString &leftTitle, const HeaderList &left, const QString &rightTitle,
                              const HeaderList &right)
{
    beginResetModel();
    m_leftTitle = leftTitle;
    m_rightTitle = rightTitle;
    m_differences = HeaderDiff::compare(left, right);
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, Left, Right);
}

void HeaderDiffModel::clear()
{
    beginResetModel();
    m_differences.clear();
    endResetModel();
}

int HeaderDiffModel::changedCount() const
{
    return int(std::count_if(m_differences.begin(), m_differences.end(), [](const HeaderDifference &d) {
        return d.kind != HeaderDifference::Kind::Same;
    }));
}

int HeaderDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_differences.size());
}

int HeaderDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HeaderDifference &difference = m_differences.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case Name:
            return QString::fromLatin1(difference.name);
        case Left:
            return difference.left.isEmpty() ? tr("(absent)") : joinedValues(difference.left);
        case Right:
            return difference.right.isEmpty() ? tr("(absent)") : joinedValues(difference.right);
        }
        return {};
    case Qt::ToolTipRole:
        switch (difference.kind) {
        case HeaderDifference::Kind::Same:
            return tr("Same on both sides");
        case HeaderDifference::Kind::Changed:
            return tr("Different values (names compare case-insensitively; every value counts)");
        case HeaderDifference::Kind::OnlyLeft:
            return tr("Only in %1").arg(m_leftTitle);
        case HeaderDifference::Kind::OnlyRight:
            return tr("Only in %1").arg(m_rightTitle);
        }
        return {};
    case Qt::BackgroundRole:
        switch (difference.kind) {
        case HeaderDifference::Kind::Same:
            return {};
        case HeaderDifference::Kind::Changed:
            return DiffColors::background(DiffColors::Kind::Changed);
        case HeaderDifference::Kind::OnlyLeft:
            return index.column() == Right ? QVariant()
                                           : QVariant(DiffColors::background(DiffColors::Kind::Bad));
        case HeaderDifference::Kind::OnlyRight:
            return index.column() == Left ? QVariant()
                                          : QVariant(DiffColors::background(DiffColors::Kind::Good));
        }
        return {};
    default:
        return {};
    }
}

QVariant HeaderDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Header");
    case Left:
        return m_leftTitle;
    case Right:
        return m_rightTitle;
    }
    return {};
}

} // namespace Corscope
