#pragma once

#include "cors/evaluation.h"

#include <QAbstractListModel>

namespace Corscope {

// Adapts an evaluation's steps to Qt views; it computes nothing itself.
class ExplanationModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { OutcomeRole = Qt::UserRole + 1, DetailRole, SpecRole, CheckRole };

    explicit ExplanationModel(QObject *parent = nullptr);

    void setEvaluation(const Evaluation &evaluation);
    const Evaluation &evaluation() const { return m_evaluation; }
    const ExplanationStep *step(int row) const;
    // The step's text, rendered once when the evaluation is set: views ask for it on every paint.
    const StepText *text(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    Evaluation m_evaluation;
    QList<StepText> m_texts;
};

} // namespace Corscope
