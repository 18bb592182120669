#include "models/headerdiffmodel.h"

#include "models/diffcolors.h"

#include <QColor>

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

bool HeaderDiffModel::isPerResponseNoise(const QByteArray &name)
{
    // [RFC 9110] 6.6.1 Date, [RFC 9111] 5.1 Age and 5.3 Expires are stamped per response; the
    // others are the request and trace ids common servers, CDNs and clouds add to each answer.
    static const QByteArrayList noise{
        "date",
        "age",
        "expires",
        "x-request-id",
        "request-id",
        "x-correlation-id",
        "x-amzn-requestid",
        "x-amz-request-id",
        "x-amz-cf-id",
        "x-amz-id-2",
        "cf-ray",
        "x-trace-id",
        "traceparent",
        "tracestate",
        "server-timing",
        "x-runtime",
        "x-response-time",
        "x-served-by",
        "x-timer",
        "x-cache-hits",
    };
    return noise.contains(name.toLower());
}

int HeaderDiffModel::changedCount() const
{
    return int(std::count_if(m_differences.begin(), m_differences.end(), [](const HeaderDifference &d) {
        return d.kind != HeaderDifference::Kind::Same && !isPerResponseNoise(d.name);
    }));
}

int HeaderDiffModel::noiseCount() const
{
    return int(std::count_if(m_differences.begin(), m_differences.end(), [](const HeaderDifference &d) {
        return d.kind != HeaderDifference::Kind::Same && isPerResponseNoise(d.name);
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
    const bool noise = difference.kind != HeaderDifference::Kind::Same && isPerResponseNoise(difference.name);
    if (noise) {
        switch (role) {
        case Qt::ForegroundRole:
            return QColor(Qt::gray);
        case Qt::BackgroundRole:
            return {};
        case Qt::ToolTipRole:
            return tr("Differs in every response (a date, an age, a request id): shown, not counted");
        default:
            break;
        }
    }
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
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole)
        return section == Left ? m_leftTitle : section == Right ? m_rightTitle : QVariant();
    if (role != Qt::DisplayRole)
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
