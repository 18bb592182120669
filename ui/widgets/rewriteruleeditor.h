#pragma once

#include "proxy/rewriterules.h"

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;

namespace Corscope {

// Edits one rewrite rule: its match (host, path, method) and the headers it sets, adds and
// removes, one "Name: value" per line. Every keystroke reports the edited rule, so a rule being
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

    bool m_loading = false;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QLineEdit *m_path;
    QLineEdit *m_method;
    QPlainTextEdit *m_set;
    QPlainTextEdit *m_add;
    QPlainTextEdit *m_remove;
};

} // namespace Corscope
