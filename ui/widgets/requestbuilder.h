#pragma once

#include "cors/fetchrequest.h"
#include "sender/sendsession.h"
#include "session/sessionentry.h"
#include "widgets/explanationview.h"

#include <QList>
#include <QPointer>
#include <QWidget>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSplitter;
class QsciScintilla;

namespace Corscope {

// The "Request" tab: compose a fetch() as a page would make it, send it for real through a
// SendSession (the browser's preflight first) or explain it offline against response headers
// pasted from DevTools, and see what the browser decides.
class RequestBuilder : public QWidget {
    Q_OBJECT

public:
    // One session per browser profile, owned by the caller so that the preflight caches outlive
    // any one request and the cache view can show them.
    RequestBuilder(QSettings &settings, const QList<SendSession *> &sessions, QWidget *parent = nullptr);
    ~RequestBuilder() override;

    // The request the form describes, or nullopt with a message saying which field is wrong.
    std::optional<FetchRequest> request(QString *error) const;
    void setRequest(const FetchRequest &request);
    // Fills the form from a "Copy as cURL" command; false (and the reason in the status line)
    // when it cannot be read.
    bool importCurl(const QString &command);
    // Puts an entry of the history back into the form and shows its evaluation.
    void showEntry(const SessionEntry &entry);

    void selectBrowser(const QString &id);
    QString browserId() const;
    SendSession *currentSession() const;
    bool isOffline() const;
    void setOffline(bool offline);
    bool isSending() const { return m_pendingId != 0 && m_pendingSession; }
    QString statusText() const;
    ExplanationView *explanationView() const { return m_explanation; }

public slots:
    // Ctrl+Return: sends, or explains offline when that is switched on.
    void run();
    void send();
    void cancel();
    void explainOffline();
    void pasteCurlFromClipboard();
    void copyAsCurl();
    void copyAsFetch();
    // "Try it": sends the shown request again with its fix applied by Corscope to the server's
    // responses (FixTrial), in a session of its own; the result is marked as a tried fix.
    void tryFix();
    // Back from a tried fix to the result the server really gave.
    void showUntriedResult();

signals:
    void entryCompleted(const Corscope::SessionEntry &entry);
    void browserChanged(const QString &id);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QsciScintilla *createEditor(const QString &objectName, const QString &accessibleName);
    void onFinished(SendSession *session, const SendResult &result);
    void showEvaluation(const SessionEntry &entry,
                        const std::optional<NetworkFailure> &failure = std::nullopt);
    QString subjectFor(const SessionEntry &entry) const;
    void updateTryFix(const SessionEntry &entry, const std::optional<FixPlan> &fix);
    void setStatus(const QString &text, bool isError);
    // The kind decides mode (and for elements credentials): those fields follow it.
    void updateKindFields();
    void setSending(bool sending);
    void rememberOrigin(const QString &origin);
    void updateBodyLexer();
    void updateRunButton();

    QSettings &m_settings;
    QList<SendSession *> m_sessions;
    QLineEdit *m_url;
    QComboBox *m_method;
    QComboBox *m_origin;
    QComboBox *m_credentials;
    QComboBox *m_mode;
    QComboBox *m_resourceType; // fetch(), XHR or an element (issue 21)
    QComboBox *m_crossOrigin;  // the element's crossorigin attribute
    QComboBox *m_browser;
    QsciScintilla *m_headers;
    QsciScintilla *m_body;
    QCheckBox *m_offline;
    QWidget *m_offlinePane;
    QsciScintilla *m_responseHeaders;
    QsciScintilla *m_preflightHeaders;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QLabel *m_status;
    ExplanationView *m_explanation;
    QSplitter *m_split;
    QString m_bodyLexerKind;

    // The sessions belong to the caller and may go first (the window deletes its children in
    // creation order).
    QPointer<SendSession> m_pendingSession;
    quint64 m_pendingId = 0;
    FetchRequest m_pendingRequest;
    // The user pressed Cancel on the pending fetch: its network error is a cancellation.
    bool m_cancelRequested = false;
    // False once the user puts a History entry in the form while a fetch is in flight: the
    // form and the result pane then show that entry, and the fetch, when it ends, goes to
    // History without taking the result pane from under the form.
    bool m_formShowsPending = false;

    // Try it. The entry the result pane shows and the rules that would fix it (none when the
    // fix cannot be tried: offline, allowed, a request-side blocker).
    std::optional<SessionEntry> m_shownEntry;
    std::optional<RewriteRules> m_tryRules;
    // The real result a tried fix came from, for the way back.
    std::optional<SessionEntry> m_untriedEntry;
    // A fresh session per try: the rewritten preflight's grant must never reach the real
    // session's preflight cache (see FixTrial::optionsFor).
    std::unique_ptr<SendSession> m_trialSession;
    bool m_pendingTrial = false;
};

} // namespace Corscope
