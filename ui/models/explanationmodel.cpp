#include "models/explanationmodel.h"

#include "models/outcomeicons.h"


namespace Corscope {

ExplanationModel::ExplanationModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ExplanationModel::setEvaluation(const Evaluation &evaluation)
{
    beginResetModel();
    m_evaluation = evaluation;
    m_texts.clear();
    m_texts.reserve(m_evaluation.steps.size());
    for (const ExplanationStep &step : std::as_const(m_evaluation.steps))
        m_texts.append(step.text());
    endResetModel();
}

const ExplanationStep *ExplanationModel::step(int row) const
{
    return row >= 0 && row < m_evaluation.steps.size() ? &m_evaluation.steps.at(row) : nullptr;
}

const StepText *ExplanationModel::text(int row) const
{
    return row >= 0 && row < m_texts.size() ? &m_texts.at(row) : nullptr;
}

int ExplanationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_evaluation.steps.size());
}

QVariant ExplanationModel::data(const QModelIndex &index, int role) const
{
    const ExplanationStep *s = step(index.row());
    const StepText *text = this->text(index.row());
    if (!s || !text)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return text->title;
    case Qt::ToolTipRole:
    case DetailRole:
        return text->detail;
    case OutcomeRole:
        return int(s->outcome);
    case SpecRole:
        return s->spec;
    case CheckRole:
        return s->check;
    case Qt::AccessibleDescriptionRole:
        return QStringLiteral("%1: %2").arg(toString(s->outcome), text->title);
    case Qt::DecorationRole:
        return outcomeIcon(s->outcome);
    default:
        return {};
    }
}

} // namespace Corscope
