#include "widgets/explanationview.h"

#include "cors/browserprofile.h"
#include "fix/snippetrenderer.h"
#include "models/explanationmodel.h"
#include "report/sequencediagram.h"
#include "report/textreport.h"
#include "widgets/fixsnippetpanel.h"
#include "widgets/headerdiffview.h"
#include "widgets/sequencediagramview.h"

#include <QAction>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <Qsci/qsciscintilla.h>

namespace Corscope {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString fixText(const FixPlan &plan)
{
    if (!plan.fixable)
        return ExplanationView::tr("No server change can fix this: %1").arg(escaped(plan.blocker));
    QString html = ExplanationView::tr("<b>What would fix it</b> (the smallest server change):") +
                   QStringLiteral("<ul>");
    for (const ResponseChange &change : plan.changes) {
        const QString target =
            escaped(QStringLiteral("%1 %2").arg(QString::fromUtf8(change.method), change.url.toString()));
        if (change.newStatus)
            html += QStringLiteral("<li>") +
                    ExplanationView::tr("answer %1 with status %2").arg(target).arg(change.newStatus) +
                    QStringLiteral("</li>");
        if (!change.header.isEmpty())
            html += QStringLiteral("<li>") +
                    ExplanationView::tr("on %1 send <code>%2: %3</code>")
                        .arg(target, escaped(QString::fromUtf8(change.header)),
                             escaped(QString::fromUtf8(change.newValue))) +
                    QStringLiteral("</li>");
    }
    return html + QStringLiteral("</ul>");
}

} // namespace

ExplanationView::ExplanationView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ExplanationModel(this))
    , m_subject(new QLabel(this))
    , m_stale(new QLabel(this))
    , m_triedFix(new QFrame(this))
    , m_triedFixText(new QLabel(m_triedFix))
    , m_triedFixBack(new QPushButton(tr("Show the server's real answer"), m_triedFix))
    , m_verdict(new QLabel(this))
    , m_steps(new QListView(this))
    , m_detail(new QTextBrowser(this))
    , m_console(new QPlainTextEdit(this))
    , m_fixPanel(new FixSnippetPanel(this))
    , m_views(new QTabWidget(this))
    , m_sequence(new SequenceDiagramView(this))
    , m_raw(new QsciScintilla(this))
    , m_headerDiff(new HeaderDiffView(this))
{
    m_subject->setObjectName(QStringLiteral("resultSubject"));
    m_subject->setAccessibleName(tr("Request shown"));
    m_subject->setWordWrap(true);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject->setVisible(false);
    // An old verdict under a changed input is read as the new one's unless it says otherwise.
    m_stale->setObjectName(QStringLiteral("staleBanner"));
    m_stale->setAccessibleName(tr("Result out of date"));
    m_stale->setWordWrap(true);
    m_stale->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stale->setStyleSheet(QStringLiteral(
        "#staleBanner { background: #eaeef2; color: #24292f; border: 1px solid #8c959f; padding: 4px; }"));
    m_stale->setVisible(false);
    // A tried fix is what Corscope made of the server's answers: it must never pass for one.
    m_triedFix->setObjectName(QStringLiteral("triedFixBanner"));
    m_triedFix->setAccessibleName(tr("Fix tried"));
    m_triedFix->setFrameShape(QFrame::StyledPanel);
    m_triedFix->setStyleSheet(
        QStringLiteral("#triedFixBanner { background: #fff8c5; border: 1px solid #d4a72c; }"
                       "#triedFixBanner QLabel { color: #4d2d00; }"));
    m_triedFixText->setObjectName(QStringLiteral("triedFixText"));
    m_triedFixText->setTextFormat(Qt::RichText);
    m_triedFixText->setWordWrap(true);
    m_triedFixText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_triedFixBack->setObjectName(QStringLiteral("triedFixBack"));
    m_triedFixBack->setToolTip(tr("Show the result the server really gave, without Corscope's rewrite"));
    connect(m_triedFixBack, &QPushButton::clicked, this, &ExplanationView::untriedResultRequested);
    auto *bannerLayout = new QHBoxLayout(m_triedFix);
    bannerLayout->addWidget(m_triedFixText, 1);
    bannerLayout->addWidget(m_triedFixBack, 0, Qt::AlignTop);
    m_triedFix->setVisible(false);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setAccessibleName(tr("Verdict"));
    m_steps->setModel(m_model);
    m_steps->setObjectName(QStringLiteral("steps"));
    m_steps->setAccessibleName(tr("Explanation steps"));
    m_steps->setWordWrap(true);
    m_detail->setOpenExternalLinks(true);
    m_detail->setAccessibleName(tr("Step detail"));
    m_console->setReadOnly(true);
    m_console->setObjectName(QStringLiteral("console"));
    m_console->setAccessibleName(tr("Browser console message"));
    m_console->setMaximumHeight(90);
    // Two lines, not a scroll area's default 70 px: the pane sits under the Traffic list, which
    // should keep most of a 800 px window (issue 19); a longer message scrolls.
    m_console->setMinimumHeight(m_console->fontMetrics().lineSpacing() * 2 +
                                2 * (m_console->frameWidth() + int(m_console->document()->documentMargin())));
    m_console->setPlaceholderText(tr("The browser prints no CORS message."));
    connect(m_fixPanel, &FixSnippetPanel::tryRequested, this, &ExplanationView::tryFixRequested);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_steps);
    split->addWidget(m_detail);
    split->addWidget(m_fixPanel);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);

    // Flow: the sequence diagram with its zoom and export actions.
    auto *flow = new QWidget(this);
    auto *flowLayout = new QVBoxLayout(flow);
    flowLayout->setContentsMargins(0, 0, 0, 0);
    auto *toolbar = new QToolBar(flow);
    toolbar->addAction(tr("Zoom In"), this, [this] { m_sequence->setZoom(m_sequence->zoom() * 1.25); })
        ->setShortcut(QKeySequence::ZoomIn);
    toolbar->addAction(tr("Zoom Out"), this, [this] { m_sequence->setZoom(m_sequence->zoom() / 1.25); })
        ->setShortcut(QKeySequence::ZoomOut);
    QAction *fit = toolbar->addAction(tr("Fit Width"), m_sequence, &SequenceDiagramView::setFitToWidth);
    fit->setCheckable(true);
    fit->setChecked(true);
    fit->setToolTip(tr("Lay Page, Browser and Server out across the width; text stays readable and a "
                       "narrow pane scrolls"));
    connect(m_sequence, &SequenceDiagramView::fitToWidthChanged, fit, &QAction::setChecked);
    // Copy and the two exports share one button: six actions overflowed a half-width pane into
    // a "»" menu, hiding Export SVG (issue 19).
    auto *exportMenu = new QMenu(flow);
    exportMenu->addAction(tr("Copy image"), m_sequence, &SequenceDiagramView::copyImage);
    exportMenu->addAction(tr("Export PNG…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export PNG"), {}, tr("PNG images (*.png)"));
        if (!path.isEmpty())
            m_sequence->exportPng(path);
    });
    exportMenu->addAction(tr("Export SVG…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export SVG"), {}, tr("SVG images (*.svg)"));
        if (!path.isEmpty())
            m_sequence->exportSvg(path);
    });
    auto *exportButton = new QToolButton(toolbar);
    exportButton->setObjectName(QStringLiteral("flowExport"));
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Copy the diagram, or save it as PNG or SVG"));
    exportButton->setMenu(exportMenu);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    toolbar->addWidget(exportButton);
    auto *scroll = new QScrollArea(flow);
    scroll->setWidget(m_sequence);
    scroll->setWidgetResizable(false);
    m_sequence->setFitToWidth(true);
    flowLayout->addWidget(toolbar);
    flowLayout->addWidget(scroll, 1);

    m_raw->setReadOnly(true);
    m_raw->setObjectName(QStringLiteral("rawExchanges"));
    m_raw->setAccessibleName(tr("Raw requests and responses"));

    m_views->setObjectName(QStringLiteral("resultViews"));
    m_views->addTab(split, tr("Explanation"));
    m_views->addTab(flow, tr("Flow"));
    m_views->addTab(m_headerDiff, tr("Header diff"));
    m_views->addTab(m_raw, tr("Raw"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_subject);
    layout->addWidget(m_stale);
    layout->addWidget(m_triedFix);
    layout->addWidget(m_verdict);
    layout->addWidget(new QLabel(tr("Console message:"), this));
    layout->addWidget(m_console);
    layout->addWidget(m_views, 1);

    connect(m_steps->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showStep(current.row()); });
}

void ExplanationView::setEvaluation(const Evaluation &evaluation, const std::optional<FixPlan> &fix,
                                    const QList<ExchangePhases> &phases,
                                    const std::optional<NetworkFailure> &networkFailure)
{
    m_hasResult = true;
    setStale({});
    setTriedFix(std::nullopt, false);
    m_model->setEvaluation(evaluation);
    m_headerDiff->setEvaluation(evaluation);
    m_sequence->setArrows(SequenceDiagram::fromEvaluation(evaluation, phases));
    m_raw->setReadOnly(false);
    m_raw->setText(TextReport::rawExchanges(evaluation));
    m_raw->setReadOnly(true);
    // [fetch] 4.1 main fetch: a network error is not a CORS decision. No response came back, so
    // no CORS check ran; calling it "Blocked" sends people to fix headers that were never read.
    const bool networkError = evaluation.failure.error == CorsError::NetworkError;
    const bool cancelled = networkError && networkFailure && networkFailure->cancelled;
    QString verdict;
    if (cancelled)
        verdict =
            QStringLiteral("<span style='font-size:large; font-weight:bold; color:#6e7781'>%1</span> %2")
                .arg(tr("Cancelled"), tr("— stopped before any answer came back; no CORS check ran."));
    else if (networkError)
        verdict =
            QStringLiteral("<span style='font-size:large; font-weight:bold; color:#9a6700'>%1</span> %2")
                .arg(tr("Network error"),
                     tr("— not a CORS problem: no HTTP response came back, so the browser never "
                        "reached its CORS checks."));
    else
        verdict = QStringLiteral("<span style='font-size:large; font-weight:bold; color:%1'>%2</span> %3")
                      .arg(evaluation.allowed() ? QStringLiteral("#1a7f37") : QStringLiteral("#cf222e"),
                           evaluation.allowed() ? tr("Allowed") : tr("Blocked"),
                           evaluation.allowed() ? QString() : escaped(evaluation.errorCode()));
    m_verdict->setText(verdict);

    QString console = evaluation.consoleMessage;
    if (!console.isEmpty() && !evaluation.consoleMessageVerified)
        console += QLatin1Char('\n') +
                   tr("(wording from the browser's source; not checked against the running browser)");
    if (networkError && !cancelled) {
        // What DevTools shows for a failed fetch: Chromium logs the request with its net error
        // and the promise rejects with "TypeError: Failed to fetch"; Firefox logs its "CORS
        // request did not succeed" line (kept above, verbatim) and rejects with "TypeError:
        // NetworkError when attempting to fetch resource." (dom/fetch's NS_ERROR_DOM_NETWORK_ERR).
        const BrowserProfile *profile = BrowserProfile::byId(evaluation.browser);
        const bool firefox = profile && profile->engine == BrowserEngine::Firefox;
        QStringList lines;
        if (!console.isEmpty())
            lines << console;
        if (!firefox && networkFailure && !networkFailure->netError.isEmpty() &&
            !evaluation.exchanges.isEmpty()) {
            // DevTools names the page's request, also when its preflight is what failed.
            const OutgoingRequest &request = evaluation.exchanges.constLast().request;
            const QByteArray method =
                request.kind == OutgoingRequest::Kind::Preflight
                    ? request.headers.get("access-control-request-method").value_or(request.method)
                    : request.method;
            lines << QStringLiteral("%1 %2 %3")
                         .arg(QString::fromLatin1(method), request.url.toString(), networkFailure->netError);
        }
        lines << (firefox ? QStringLiteral("TypeError: NetworkError when attempting to fetch resource.")
                          : QStringLiteral("TypeError: Failed to fetch"));
        console = lines.join(QLatin1Char('\n'));
    } else if (cancelled) {
        console.clear();
    }
    m_console->setPlaceholderText(cancelled ? tr("Cancelled: the browser had nothing to print yet.")
                                            : tr("The browser prints no CORS message."));
    m_console->setPlainText(console);

    m_fixPanel->setPlan(fix);

    // Land on the first failing step: that is the one the user came for.
    int row = 0;
    for (int i = 0; i < evaluation.steps.size(); ++i) {
        if (evaluation.steps.at(i).outcome == StepOutcome::Fail) {
            row = i;
            break;
        }
    }
    m_steps->setCurrentIndex(m_model->index(row));
    showStep(row);
    if (fix && !evaluation.allowed() && !networkError)
        m_detail->append(fixText(*fix));
}

void ExplanationView::setTriedFix(const std::optional<QStringList> &rewrittenHeaders, bool backAvailable)
{
    m_triedFix->setVisible(rewrittenHeaders.has_value());
    m_triedFixBack->setVisible(rewrittenHeaders && backAvailable);
    if (!rewrittenHeaders) {
        m_triedFixText->clear();
        return;
    }
    QString text =
        QStringLiteral("<b>%1</b>")
            .arg(escaped(tr("Fix tried: responses rewritten by Corscope — the server is unchanged.")));
    text += QStringLiteral("<br>") +
            escaped(tr("This is not what the server sends: the verdict below is for its responses as "
                       "Corscope's rewrite rules changed them."));
    if (!rewrittenHeaders->isEmpty()) {
        text += QStringLiteral("<ul style='margin: 0'>");
        for (const QString &line : *rewrittenHeaders)
            text += QStringLiteral("<li>%1</li>").arg(escaped(line));
        text += QStringLiteral("</ul>");
    }
    m_triedFixText->setText(text);
}

bool ExplanationView::showsTriedFix() const
{
    return !m_triedFix->isHidden();
}

QString ExplanationView::triedFixText() const
{
    return m_triedFixText->text();
}

void ExplanationView::setStale(const QString &reason)
{
    if (!m_hasResult && !reason.isEmpty())
        return;
    m_stale->setText(reason.isEmpty() ? QString() : tr("Out of date: %1").arg(reason));
    m_stale->setVisible(!reason.isEmpty());
}

bool ExplanationView::isStale() const
{
    return !m_stale->isHidden();
}

QString ExplanationView::staleText() const
{
    return m_stale->text();
}

void ExplanationView::setSubject(const QString &subject)
{
    m_subject->setText(subject);
    m_subject->setToolTip(subject);
    m_subject->setVisible(!subject.isEmpty());
}

QString ExplanationView::subjectText() const
{
    return m_subject->text();
}

void ExplanationView::showStep(int row)
{
    const ExplanationStep *step = m_model->step(row);
    const StepText *text = m_model->text(row);
    if (!step || !text) {
        m_detail->clear();
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(escaped(text->title), escaped(text->detail));
    if (!text->observed.isEmpty()) {
        html += QStringLiteral("<table>");
        for (const ObservedValue &value : text->observed)
            html += QStringLiteral("<tr><td><b>%1</b></td><td><code>%2</code></td></tr>")
                        .arg(escaped(value.name), escaped(value.value));
        html += QStringLiteral("</table>");
    }
    if (text->fix)
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Fix:"), escaped(text->fix->summary));
    if (!text->browserNote.isEmpty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(escaped(text->browserNote));
    if (!step->spec.isEmpty())
        html += QStringLiteral("<p><a href='%1'>%2</a></p>").arg(step->spec, tr("Fetch Standard"));
    m_detail->setHtml(html);
}

QString ExplanationView::verdictText() const
{
    return m_verdict->text();
}
QString ExplanationView::consoleText() const
{
    return m_console->toPlainText();
}

QString ExplanationView::rawText() const
{
    return m_raw->text();
}

} // namespace Corscope
