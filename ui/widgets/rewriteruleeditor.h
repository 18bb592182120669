#pragma once

#include "proxy/rewriterules.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Corscope {

// Edits one rewrite rule: its match (host, path, method), the headers it sets, adds and
// removes, one "Name: value" per line, and the answer the proxy gives itself instead of the
// server (for preflights a gateway fails). Every keystroke reports the edited rule, so a rule being
// typed already applies to the next response.
class RewriteRuleEditor : public QWidget {
    Q_OBJECT

public:
    explicit RewriteRuleEditor(QWidget *parent = nullptr);

    void setRule(const RewriteRule &rule);
    // The rule as edited; whether it is enabled is the rules list's business, not the editor's.
    RewriteRule rule() const;

    // "Name: value" lines; blank lines and lines without a name are skipped.
    static HeaderList parseHeaderLines(const QString &text);
    static QString headerLines(const HeaderList &headers);

signals:
    void ruleEdited(const Corscope::RewriteRule &rule);

private:
    void onEdited();
    void updateLocalAnswerFields();

    bool m_loading = false;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QLineEdit *m_path;
    QLineEdit *m_method;
    QPlainTextEdit *m_set;
    QPlainTextEdit *m_add;
    QPlainTextEdit *m_remove;
    QCheckBox *m_answerLocally;
    QComboBox *m_answers;
    QSpinBox *m_status;
    QPlainTextEdit *m_answerHeaders;
    QLineEdit *m_answerBody;
};

} // namespace Corscope
