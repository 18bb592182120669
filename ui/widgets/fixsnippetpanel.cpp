#include "widgets/fixsnippetpanel.h"

#include "fix/snippetrenderer.h"
#include "report/textreport.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <Qsci/qsciscintilla.h>

namespace Corscope {

namespace {

const QString serverKey = QStringLiteral("fix/server");

} // namespace

FixSnippetPanel::FixSnippetPanel(QWidget *parent)
    : QWidget(parent)
    , m_server(new QComboBox(this))
    , m_code(new QsciScintilla(this))
    , m_notes(new QLabel(this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_try(new QPushButton(tr("Try it"), this))
{
    setAccessibleName(tr("Server configuration snippets"));
    m_server->setObjectName(QStringLiteral("fixServer"));
    m_server->setAccessibleName(tr("Server"));
    for (const SnippetRenderer *renderer : SnippetRenderer::all())
        m_server->addItem(renderer->displayName(), renderer->id());
    // The developer's server does not change between requests: remember it.
    const int remembered = m_server->findData(QSettings().value(serverKey).toString());
    if (remembered >= 0)
        m_server->setCurrentIndex(remembered);
    m_code->setObjectName(QStringLiteral("fixSnippet"));
    m_code->setReadOnly(true);
    m_code->setAccessibleName(tr("Configuration for the selected server"));
    m_notes->setObjectName(QStringLiteral("fixNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copy->setObjectName(QStringLiteral("fixCopy"));
    m_copy->setToolTip(tr("Copy this server's configuration to the clipboard"));
    m_try->setObjectName(QStringLiteral("fixTry"));
    m_try->setToolTip(tr("Apply the fix as Corscope rewrite rules on the server's responses, to see the "
                         "request pass before the server is changed"));
    m_try->setVisible(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Fix for:"), this));
    bar->addWidget(m_server, 1);
    bar->addWidget(m_copy);
    bar->addWidget(m_try);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_code, 1);
    layout->addWidget(m_notes);

    connect(m_server, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(serverKey, currentServer());
        render();
    });
    connect(m_copy, &QPushButton::clicked, this, &FixSnippetPanel::copy);
    connect(m_try, &QPushButton::clicked, this, &FixSnippetPanel::tryRequested);
    setVisible(false);
}

void FixSnippetPanel::setPlan(const std::optional<FixPlan> &plan)
{
    // A WebSocket's fix is its server's handshake or Origin check: no CORS snippet applies.
    m_plan = plan && plan->fixable && !plan->webSocket ? plan : std::nullopt;
    setVisible(m_plan.has_value());
    render();
}

void FixSnippetPanel::setTryAvailable(bool available)
{
    m_tryAvailable = available;
    m_try->setVisible(available);
}

QString FixSnippetPanel::currentServer() const
{
    return m_server->currentData().toString();
}

void FixSnippetPanel::setCurrentServer(const QString &id)
{
    const int index = m_server->findData(id);
    if (index >= 0)
        m_server->setCurrentIndex(index);
}

QString FixSnippetPanel::snippetText() const
{
    return m_code->text();
}

void FixSnippetPanel::render()
{
    const SnippetRenderer *renderer = SnippetRenderer::byId(currentServer());
    if (!m_plan || !renderer) {
        m_code->setText(QString());
        m_notes->clear();
        return;
    }
    const ServerSnippet snippet = renderer->render(m_plan->policy);
    QString code;
    for (const SnippetPart &part : snippet.parts) {
        code += tr("--- in the %1 context ---").arg(part.context) + QLatin1Char('\n') + part.code;
        if (!code.endsWith(QLatin1Char('\n')))
            code += QLatin1Char('\n');
    }
    m_code->setText(code);
    QStringList notes = m_plan->notes + snippet.notes;
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
}

void FixSnippetPanel::copy()
{
    const SnippetRenderer *renderer = SnippetRenderer::byId(currentServer());
    if (!m_plan || !renderer)
        return;
    QApplication::clipboard()->setText(TextReport::renderSnippet(renderer->render(m_plan->policy)));
}

} // namespace Corscope
