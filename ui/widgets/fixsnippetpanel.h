#pragma once

#include "fix/fixplan.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QsciScintilla;

namespace Corscope {

// The fix as the developer's server wants it: pick the server, read each fragment under the
// config context it goes in, copy it, or try it (a proxy rewrite rule) before touching the server.
class FixSnippetPanel : public QWidget {
    Q_OBJECT

public:
    explicit FixSnippetPanel(QWidget *parent = nullptr);

    // Shows the plan's snippet for the picked server; hides itself when there is nothing to fix.
    void setPlan(const std::optional<FixPlan> &plan);
    // Whether the view this panel sits in can try a fix ("Try it" is shown only then).
    void setTryAvailable(bool available);

    QString currentServer() const;
    void setCurrentServer(const QString &id);
    QString snippetText() const;

signals:
    void tryRequested();

private:
    void render();
    void copy();

    std::optional<FixPlan> m_plan;
    QComboBox *m_server;
    QsciScintilla *m_code;
    QLabel *m_notes;
    QPushButton *m_copy;
    QPushButton *m_try;
    bool m_tryAvailable = false;
};

} // namespace Corscope
