#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace Corscope {

struct Evaluation;
class HeaderList;
class HeaderDiffModel;
class NegotiationModel;

// The Header diff view: (a) what the preflight asked for beside what the server allowed, and
// (b) two header lists side by side — by default the preflight's answer against the actual
// response's, or any pair a caller hands in (two history entries, a flow before and after a
// rewrite rule).
class HeaderDiffView : public QWidget {
    Q_OBJECT

public:
    explicit HeaderDiffView(QWidget *parent = nullptr);

    void setEvaluation(const Evaluation &evaluation);
    void compareResponses(const QString &leftTitle, const HeaderList &left, const QString &rightTitle,
                          const HeaderList &right);

    // Without an evaluation (two responses picked by the user) the preflight half says nothing.
    void setNegotiationVisible(bool visible);

    NegotiationModel *negotiationModel() const { return m_negotiation; }
    HeaderDiffModel *diffModel() const { return m_diff; }
    QTableView *diffTable() const { return m_diffTable; }
    QString diffSummary() const;

private:
    void updateSummaries();

    NegotiationModel *m_negotiation;
    HeaderDiffModel *m_diff;
    QLabel *m_negotiationTitle;
    QLabel *m_diffTitle;
    QTableView *m_negotiationTable;
    QTableView *m_diffTable;
};

} // namespace Corscope
