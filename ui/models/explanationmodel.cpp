#include "models/explanationmodel.h"

#include "models/outcomeicons.h"

#include <QApplication>
#include <QStyle>

namespace Corscope {

ExplanationModel::ExplanationModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ExplanationModel::setEvaluation(const Evaluation &evaluation)
{
    beginResetModel();
    m_evaluation = evaluation;
    endResetModel();
}

const ExplanationStep *ExplanationModel::step(int row) const
{
    return row >= 0 && row < m_evaluation.steps.size() ? &m_evaluation.steps.at(row) : nullptr;
}

int ExplanationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_evaluation.steps.size());
}

QVariant ExplanationModel::data(const QModelIndex &index, int role) const
{
    const ExplanationStep *s = step(index.row());
    if (!s)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return s->title;
    case Qt::ToolTipRole:
    case DetailRole:
        return s->detail;
    case OutcomeRole:
        return int(s->outcome);
    case SpecRole:
        return s->spec;
    case CheckRole:
        return s->check;
    case Qt::AccessibleDescriptionRole:
        return QStringLiteral("%1: %2").arg(toString(s->outcome), s->title);
    case Qt::DecorationRole:
        return outcomeIcon(s->outcome);
    default:
        return {};
    }
}

} // namespace Corscope
