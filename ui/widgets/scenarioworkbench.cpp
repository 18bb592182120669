#include "widgets/scenarioworkbench.h"

#include "fix/fixadvisor.h"
#include "widgets/explanationview.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

// The lessons live in a resource of the static corscope_ui library, which the linker would
// otherwise drop.
static void initBuiltInScenarios()
{
    Q_INIT_RESOURCE(resources);
}

namespace Corscope {

ScenarioWorkbench::ScenarioWorkbench(QWidget *parent)
    : QWidget(parent)
    , m_lessons(new QListWidget(this))
    , m_editor(new QsciScintilla(this))
    , m_browser(new QComboBox(this))
    , m_fetch(new QComboBox(this))
    , m_error(new QLabel(this))
    , m_explanation(new ExplanationView(this))
{
    m_lessons->setObjectName(QStringLiteral("lessons"));
    m_lessons->setAccessibleName(tr("Built-in scenarios"));
    m_lessons->setWordWrap(true);

    auto *lexer = new QsciLexerJSON(m_editor);
    lexer->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLexer(lexer);
    m_editor->setObjectName(QStringLiteral("scenarioEditor"));
    m_editor->setAccessibleName(tr("Scenario (JSON)"));
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginWidth(0, QStringLiteral("0000"));
    m_editor->setAutoIndent(true);
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);

    for (const QString &id : BrowserProfile::ids())
        m_browser->addItem(BrowserProfile::byId(id)->displayName, id);
    m_browser->setAccessibleName(tr("Browser"));
    m_browser->setToolTip(tr("Which browser's behaviour to explain"));
    m_fetch->setAccessibleName(tr("Fetch"));
    m_fetch->setToolTip(tr("A scenario may fetch several times; each one shares the preflight cache"));
    m_error->setObjectName(QStringLiteral("scenarioError"));
    m_error->setStyleSheet(QStringLiteral("color: #cf222e"));
    m_error->setWordWrap(true);

    auto *explainButton = new QPushButton(tr("&Explain"), this);
    explainButton->setToolTip(tr("Explain the scenario (Ctrl+Return)"));
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    // The Request tab has the same shortcut: each answers only inside its own tab.
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &ScenarioWorkbench::explain);
    connect(explainButton, &QPushButton::clicked, this, &ScenarioWorkbench::explain);
    connect(m_browser, &QComboBox::currentIndexChanged, this, &ScenarioWorkbench::explain);
    connect(m_fetch, &QComboBox::currentIndexChanged, this, &ScenarioWorkbench::showFetch);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (!m_explaining)
            m_explanation->setStale(
                tr("the scenario changed since this explanation. Press Explain (Ctrl+Return) to explain it."));
    });
    connect(m_lessons, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        QFile file(item->data(Qt::UserRole).toString());
        if (file.open(QIODevice::ReadOnly))
            loadScenarioText(file.readAll());
    });

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Browser:"), this));
    controls->addWidget(m_browser);
    controls->addWidget(m_fetch);
    controls->addStretch();
    controls->addWidget(explainButton);

    auto *editorPane = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(controls);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_error);

    auto *split = new QSplitter(this);
    split->setObjectName(QStringLiteral("workbenchSplitter"));
    split->addWidget(m_lessons);
    split->addWidget(editorPane);
    split->addWidget(m_explanation);
    // Titles read a few words a line, never one: the list keeps room for about 30 characters.
    m_lessons->setMinimumWidth(m_lessons->fontMetrics().averageCharWidth() * 30);
    split->setCollapsible(0, false);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 4); // the explanation is what the user came to read

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    m_fetch->setVisible(false);
    initBuiltInScenarios();
    loadBuiltInScenarios();
}

void ScenarioWorkbench::loadBuiltInScenarios()
{
    const QDir dir(QStringLiteral(":/scenarios"));
    for (const QString &name : dir.entryList({QStringLiteral("demo-*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
        auto *item = new QListWidgetItem(object.value(QStringLiteral("title")).toString(), m_lessons);
        item->setData(Qt::UserRole, dir.filePath(name));
    }
    if (m_lessons->count() > 0)
        m_lessons->setCurrentRow(0);
}

void ScenarioWorkbench::loadScenarioText(const QByteArray &json)
{
    m_explaining = true; // a loaded scenario is explained at once: nothing goes stale
    m_editor->setText(QString::fromUtf8(json));
    m_explaining = false;
    explain();
}

QByteArray ScenarioWorkbench::scenarioText() const
{
    return m_editor->text().toUtf8();
}

void ScenarioWorkbench::selectBrowser(const QString &id)
{
    m_browser->setCurrentIndex(m_browser->findData(id));
}

QString ScenarioWorkbench::errorText() const
{
    return m_error->text();
}

void ScenarioWorkbench::explain()
{
    ScenarioError error;
    m_scenario = ScenarioReader::read(scenarioText(), &error);
    if (!m_scenario) {
        m_error->setText(error.toString());
        m_explanation->setStale(tr("the scenario has an error (below the editor); this is the "
                                   "explanation of the last scenario that could be read."));
        if (error.line > 0)
            m_editor->setCursorPosition(error.line - 1, std::max(0, error.column - 1));
        return;
    }
    m_error->clear();
    const BrowserProfile *profile = BrowserProfile::byId(m_browser->currentData().toString());
    if (!profile)
        return;
    m_evaluations = ScenarioRunner::run(*m_scenario, *profile);
    const QSignalBlocker blocker(m_fetch);
    m_fetch->clear();
    for (qsizetype i = 0; i < m_evaluations.size(); ++i)
        m_fetch->addItem(tr("Fetch %1 of %2").arg(i + 1).arg(m_evaluations.size()));
    m_fetch->setVisible(m_evaluations.size() > 1);
    showFetch(0);
}

void ScenarioWorkbench::showFetch(int index)
{
    if (!m_scenario || index < 0 || index >= m_evaluations.size())
        return;
    const Evaluation &evaluation = m_evaluations.at(index);
    const BrowserProfile *profile = BrowserProfile::byId(m_browser->currentData().toString());
    std::optional<FixPlan> fix;
    if (!evaluation.allowed() && profile)
        fix = FixAdvisor::minimalFix(*m_scenario, index, *profile);
    m_explanation->setEvaluation(evaluation, fix);
}

} // namespace Corscope
