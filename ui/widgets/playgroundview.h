#pragma once

#include "playground/playgroundlesson.h"
#include "sender/sendresult.h"
#include "verify/browserverifier.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace Corscope {

class CorsPolicyForm;
class DemoApiServer;
class ExplanationView;
class SendSession;

// The first-start experience: a live demo API to break and fix. Left the lessons, in the
// centre the server's CORS policy (applied to the DemoApiServer on every edit) and the page's
// request, on the right what the browser decides, what reached the server and, on demand,
// what a real headless Chromium did.
class PlaygroundView : public QWidget {
    Q_OBJECT

public:
    // The server is started here when it is not listening yet.
    explicit PlaygroundView(DemoApiServer &server, QWidget *parent = nullptr);
    ~PlaygroundView() override;

    qsizetype lessonCount() const { return m_lessonList.size(); }
    const PlaygroundLesson &lesson(qsizetype index) const { return m_lessonList.at(index); }
    int currentLesson() const;
    void selectLesson(int index);

    PlaygroundRequest request() const;
    void setRequest(const PlaygroundRequest &request);
    CorsPolicyForm *policyForm() const { return m_form; }
    // The browser the user's sends go through, and its preflight cache.
    SendSession *session() const { return m_session.get(); }
    ExplanationView *explanationView() const { return m_explanation; }
    QPushButton *verifyButton() const { return m_verify; }
    QString verificationText() const;
    QString serverLogText() const;
    bool isSending() const { return m_pendingSend != 0; }

public slots:
    void send();
    void verify();
    void cancelVerification();
    void showFix();
    void reset();

signals:
    void sendFinished(const Corscope::SendResult &result);
    // After verify(): whether Chromium and the evaluator reached the same verdict.
    void verificationFinished(bool agrees);

private:
    void loadLessons();
    void applyPolicy(const CorsPolicy &policy);
    void onSendFinished(const SendResult &result);
    void onBrowserFinished(const BrowserVerdict &verdict);
    void onFreshEvaluation(const SendResult &result);
    void logRequest(const ReceivedRequest &request);
    void updateButtons();
    // A line above the explanation saying what to do next; empty hides it.
    void showHint(const QString &text);
    FetchRequest fetchRequest() const;

    DemoApiServer &m_server;
    std::unique_ptr<SendSession> m_session;
    // A fresh tab for the comparison with Chromium, which also starts from an empty cache.
    std::unique_ptr<SendSession> m_freshSession;
    BrowserVerifier *m_verifier;
    QList<PlaygroundLesson> m_lessonList;
    std::optional<BrowserVerdict> m_browserVerdict;
    quint64 m_pendingSend = 0;
    bool m_hasResult = false; // the explanation shows a send of the current lesson

    QListWidget *m_lessons;
    QTextBrowser *m_symptom;
    CorsPolicyForm *m_form;
    QComboBox *m_resourceType;
    QComboBox *m_method;
    QLineEdit *m_path;
    QPlainTextEdit *m_requestHeaders;
    QComboBox *m_credentials;
    QLineEdit *m_body;
    QPushButton *m_send;
    QPushButton *m_verify;
    QPushButton *m_cancelVerify;
    QPushButton *m_showFix;
    QPushButton *m_reset;
    QLabel *m_origins;
    QLabel *m_verification;
    QLabel *m_resultHint;
    ExplanationView *m_explanation;
    QPlainTextEdit *m_serverLog;
};

} // namespace Corscope
