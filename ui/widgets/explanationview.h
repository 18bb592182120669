#pragma once

#include "cors/evaluation.h"
#include "fix/fixadvisor.h"
#include "http/exchangephases.h"

#include <QWidget>
#include <optional>

class QFrame;
class QLabel;
class QListView;
class QPushButton;
class QPlainTextEdit;
class QTabWidget;
class QTextBrowser;
class QsciScintilla;

namespace Corscope {

class ExplanationModel;
class FixSnippetPanel;
class HeaderDiffView;
class SequenceDiagramView;

// How a fetch that got no HTTP answer ended, beyond what the evaluation records: the request
// engine knows the transport failure, and whether the user cancelled it.
struct NetworkFailure {
    bool cancelled = false;
    QString netError; // Chromium's name for the failure, e.g. "net::ERR_CONNECTION_REFUSED"
};

// One evaluation rendered for people: the verdict, the ordered steps, the selected step's
// detail with its spec link and fix, the browser's console message and server snippets.
class ExplanationView : public QWidget {
    Q_OBJECT

public:
    explicit ExplanationView(QWidget *parent = nullptr);

    // phases pairs with evaluation.exchanges when they were sent for real; the Flow tab draws
    // them as a waterfall.
    void setEvaluation(const Evaluation &evaluation, const std::optional<FixPlan> &fix,
                       const QList<ExchangePhases> &phases = {},
                       const std::optional<NetworkFailure> &networkFailure = std::nullopt);
    // Names the request the pane shows ("GET https://api.example/v1 · Chromium · 12:03:41"), so a
    // result is never read as another request's.
    void setSubject(const QString &subject);
    QString subjectText() const;
    QString verdictText() const;
    QString consoleText() const;
    ExplanationModel *model() const { return m_model; }
    SequenceDiagramView *sequenceView() const { return m_sequence; }
    HeaderDiffView *headerDiffView() const { return m_headerDiff; }
    QString rawText() const;
    FixSnippetPanel *fixPanel() const { return m_fixPanel; }
    // Marks the shown result as a tried fix (a banner: Corscope rewrote the responses, the server
    // is unchanged, and what the rules changed), or clears the mark with nullopt. setEvaluation()
    // clears it too, so no later result inherits it. backAvailable offers the way back to the
    // result the server really gave.
    void setTriedFix(const std::optional<QStringList> &rewrittenHeaders, bool backAvailable);
    bool showsTriedFix() const;
    QString triedFixText() const;
    // Marks the shown result as out of date (the input changed, a new one is being made, or the
    // new input has an error) with the reason and what to do; an empty reason clears the mark.
    // setEvaluation() clears it, so only a result that really is the last one reads as current.
    // Before the first result there is nothing to mark.
    void setStale(const QString &reason);
    bool hasResult() const { return m_hasResult; }
    bool isStale() const;
    QString staleText() const;

signals:
    // The developer asked to try the shown fix before changing the server.
    void tryFixRequested();
    // The developer asked to see the unmodified result again, from the tried fix's banner.
    void untriedResultRequested();

private:
    void showStep(int row);

    ExplanationModel *m_model;
    QLabel *m_subject;
    QLabel *m_stale;
    QFrame *m_triedFix;
    QLabel *m_triedFixText;
    QPushButton *m_triedFixBack;
    QLabel *m_verdict;
    QListView *m_steps;
    QTextBrowser *m_detail;
    QPlainTextEdit *m_console;
    FixSnippetPanel *m_fixPanel;
    QTabWidget *m_views;
    SequenceDiagramView *m_sequence;
    QsciScintilla *m_raw;
    HeaderDiffView *m_headerDiff;
    bool m_hasResult = false;
};

} // namespace Corscope
