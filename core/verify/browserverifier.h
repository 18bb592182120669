#pragma once

#include "playground/demoapiserver.h"
#include "playground/playgroundlesson.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QProcess;
class QTemporaryDir;
class QTimer;

namespace Corscope {

// What a real browser did with one request (fetch(), XMLHttpRequest, a font …) from the
// playground's page origin.
struct BrowserVerdict {
    bool completed = false; // the page reported back; false on error, timeout or cancel
    bool allowed = false;   // fetch() resolved, the XHR loaded, the font became usable …
    int status = 0;
    QString responseType;
    QStringList readableHeaders;
    QString rejection;               // String(error) when fetch() rejected, or the kind's error
    QString socketMessage;           // a WebSocket's first message, which the page could read
    QList<ReceivedRequest> requests; // what reached the API, in arrival order
    QString error;                   // why there is no verdict
};

// Runs a playground request in headless Chromium: a fresh profile loads a page from the
// DemoApiServer's page origin that performs the fetch() and posts the outcome back. Fully
// asynchronous (QProcess, no waiting) so the GUI stays responsive; one run at a time.
class BrowserVerifier : public QObject {
    Q_OBJECT

public:
    explicit BrowserVerifier(DemoApiServer &server, QObject *parent = nullptr);
    ~BrowserVerifier() override;

    // $CORSCOPE_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH; empty if none.
    static QString chromiumExecutable();
    static bool isAvailable() { return !chromiumExecutable().isEmpty(); }
    // What the verification page runs: url, method, headers as [name, value] pairs
    // (duplicates kept), credentials, an optional string body and the resourceType, which says
    // through which API the page makes the request (see DemoApiServer's verification page).
    static QJsonObject fetchSpec(const FetchRequest &request);

    // False (and no signal) when a run is going on or Chromium is missing.
    bool start(const PlaygroundRequest &request);
    // Stops the run; finished() follows with error "canceled".
    void cancel();
    bool isRunning() const;
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }

signals:
    void finished(const Corscope::BrowserVerdict &verdict);

private:
    void onRequestReceived(const ReceivedRequest &request);
    void onReported(const QString &token, const QJsonObject &result);
    void finish(const QString &error);

    DemoApiServer &m_server;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryDir> m_profile;
    QTimer *m_timeout;
    int m_timeoutMs = 60'000;
    QString m_token;
    QByteArray m_pageUrl; // the Referer of this run's requests
    BrowserVerdict m_verdict;
    quint64 m_runs = 0;
};

} // namespace Corscope

Q_DECLARE_METATYPE(Corscope::BrowserVerdict)
