#pragma once

#include "scenario/scenario.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QsciScintilla;

namespace Corscope {

class ExplanationView;

// Offline explanation: pick a built-in lesson or edit a scenario (the request and the responses
// the server gave) and see, step by step, what the chosen browser decides.
class ScenarioWorkbench : public QWidget {
    Q_OBJECT

public:
    explicit ScenarioWorkbench(QWidget *parent = nullptr);

    void loadScenarioText(const QByteArray &json);
    QByteArray scenarioText() const;
    void selectBrowser(const QString &id);
    ExplanationView *explanationView() const { return m_explanation; }
    QString errorText() const;

public slots:
    void explain();

private:
    void loadBuiltInScenarios();
    void showFetch(int index);

    QListWidget *m_lessons;
    QsciScintilla *m_editor;
    QComboBox *m_browser;
    QComboBox *m_fetch;
    QLabel *m_error;
    ExplanationView *m_explanation;
    std::optional<Scenario> m_scenario;
    QList<Evaluation> m_evaluations;
    bool m_explaining = false;
};

} // namespace Corscope
