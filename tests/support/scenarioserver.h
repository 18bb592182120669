#pragma once

// A deliberately minimal HTTP/1.1 server for the browser-differential tests.
//
// It plays the three hosts of the scenario format (page.test, api.test, api2.test) on three
// ephemeral loopback ports, and their https:// twins on three more (TLS with a CA made at start,
// see TestCertificates), and answers exactly what a scenario's `responses` say, writing the
// status line and header lines itself so that odd header lists (duplicates, empty values,
// surrounding spaces, any order) reach the browser byte for byte. The page port also serves the
// runner page (resources :/corscope-harness/) and the small JSON endpoints the runner uses.
//
// Every request that hits a scenario route (a path under /<scenario name>/ on any of the three
// ports) is recorded in arrival order together with the fetch index the runner announced
// (POST /__harness/mark) just before starting that fetch.
//
// A response may list `origins`: it then answers only requests carrying one of them (a WebSocket
// endpoint's Origin allow-list), and `{websocket-accept}` in a header value becomes the
// Sec-WebSocket-Accept for the request's key ([rfc6455] 4.2.2), computed here on its own.
// A response with `lastEventId` answers only requests whose Last-Event-ID is that value: an
// EventSource's reconnection, told apart from its first request without any state kept here.

#include "testcertificates.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

class QTcpServer;
class QTcpSocket;

namespace CorscopeTest {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as the server received it.
struct RecordedRequest {
    QString server;      // "page", "api" or "api2"
    bool secure = false; // reached over https (the host's TLS twin)
    QByteArray method;
    QByteArray target;   // request-target as sent (origin-form: path + query)
    RawHeaders headers;  // in wire order, names as sent, values without surrounding OWS
    int fetchIndex = -1; // index into the scenario's `fetches`; -1 when unknown
    QString scenario;    // scenario name (from the path prefix)
};

class ScenarioServer : public QObject {
    Q_OBJECT

public:
    explicit ScenarioServer(QObject *parent = nullptr);
    ~ScenarioServer() override;

    // Listens on 127.0.0.1 only, six ephemeral ports (three plain, three TLS). False (and *error)
    // on failure.
    bool start(QString *error);
    bool isListening() const;

    // "http://127.0.0.1:PORT" — the real origins standing in for page.test/api.test/api2.test.
    QString pageOrigin() const;
    QString apiOrigin() const;
    QString api2Origin() const;
    // "https://127.0.0.1:PORT" — the same hosts over TLS (https://page.test etc. in a scenario).
    QString securePageOrigin() const;
    QString secureApiOrigin() const;
    QString secureApi2Origin() const;
    // The CA that signed the TLS twins' certificate (PEM file), for the clients to trust.
    QString caPath() const { return m_certificates.caPath(); }
    QSslCertificate caCertificate() const { return m_certificates.ca(); }
    QSslCertificate serverCertificate() const { return m_certificates.leaf(); }

    // Serves the runner page from the https page origin instead of the http one: scenarios whose
    // origin is https://page.test run there (and see https:// origins in the runner's config).
    void setSecureRunner(bool secure) { m_secureRunner = secure; }
    bool secureRunner() const { return m_secureRunner; }

    // Maps a scenario onto the loopback origins. URL-valued strings (request.url, fetches[].url,
    // responses[].url, Location/Content-Location header values) get their path prefixed with
    // "/<percent-encoded name>" so each scenario owns unique URLs (no preflight-cache or HTTP
    // cache carry-over between scenarios); a relative Location starting with "/" is prefixed
    // too. In every other string (origins, ACAO values, ...) only the origin part is replaced,
    // so "http://page.test" becomes the bare page origin and "http://page.test/" keeps its "/".
    QJsonObject localize(const QJsonObject &scenario) const;
    QJsonArray localize(const QJsonArray &scenarios) const;

    // Installs the (already localized) scenarios served by the routes and handed to the runner
    // page. Also resets the recorded requests, posted results and the runner session.
    void setScenarios(const QJsonArray &localizedScenarios);
    QJsonArray scenarios() const { return m_scenarios; }

    // A fresh token for the next runner page load; only the first page load that presents it
    // receives the scenario list (a browser restoring or reloading a tab runs nothing twice).
    QString newSession();
    QString runnerUrl() const; // page origin + runner path + current session token

    QList<RecordedRequest> recordedRequests() const { return m_requests; }
    QList<RecordedRequest> recordedRequests(const QString &scenario) const;
    // Results posted by the runner page, keyed by scenario name.
    QHash<QString, QJsonObject> results() const { return m_results; }
    bool runFinished() const { return m_runFinished; }
    // Diagnostics the runner page posted (uncaught errors etc.).
    QStringList runnerLog() const { return m_runnerLog; }

    // Makes the runner page set a session cookie for the whole host (Path=/; cookies ignore
    // ports, and page, api and api2 are one site), so that every credentialed fetch carries a
    // Cookie header, as in an application with a login. Off by default.
    void setSessionCookie(bool enabled) { m_sessionCookie = enabled; }

    // Path prefix ("/name") owned by a scenario.
    static QString pathPrefix(const QString &scenarioName);
    // The scenario whose path prefix `path` lies under, or an empty string.
    QString scenarioForPath(const QByteArray &path) const;

signals:
    void resultPosted(const QString &scenario);
    void runnerFinished();

private:
    struct Connection {
        QString server;
        bool secure = false;
        QByteArray buffer;
    };
    struct Request {
        QByteArray method;
        QByteArray target;
        RawHeaders headers;
        QByteArray body;
    };
    struct Response {
        int status = 404;
        RawHeaders headers;
        QByteArray body;
    };

    void onNewConnection(QTcpServer *server, const QString &name, bool secure);
    void onReadyRead(QTcpSocket *socket);
    // Parses one request out of `buffer`. Returns 1 when complete, 0 when more bytes are needed,
    // -1 on a malformed request (with *status set to the error status to answer).
    static int parseRequest(const QByteArray &buffer, Request *request, int *status);
    Response handle(const QString &server, bool secure, const Request &request);
    Response handleHarness(const QString &server, bool secure, const Request &request,
                           const QByteArray &path);
    Response handleScenario(const QString &server, bool secure, const Request &request);
    static void writeResponse(QTcpSocket *socket, const QByteArray &method, const Response &response);
    // After a 101 to a WebSocket handshake the connection stays open: the server sends one text
    // frame ("corscope-probe"), echoes every text frame the page sends and answers its close.
    void onWebSocketData(QTcpSocket *socket);
    QString originFor(const QString &server, bool secure = false) const;
    QString localizeUrlString(const QString &value, const QString &prefix) const;
    QString localizeOriginsOnly(const QString &value) const;
    QJsonValue localizeValue(const QJsonValue &value, const QString &prefix, bool isUrl) const;

    QTcpServer *m_page = nullptr;
    QTcpServer *m_api = nullptr;
    QTcpServer *m_api2 = nullptr;
    QTcpServer *m_securePage = nullptr;
    QTcpServer *m_secureApi = nullptr;
    QTcpServer *m_secureApi2 = nullptr;
    TestCertificates m_certificates;
    bool m_secureRunner = false;
    QHash<QTcpSocket *, Connection> m_connections;
    QHash<QTcpSocket *, QByteArray> m_webSockets; // upgraded connections and their unread bytes

    QJsonArray m_scenarios;
    QHash<QString, QJsonObject> m_scenarioByName;
    QString m_session;
    bool m_sessionClaimed = false;
    QString m_markScenario;
    int m_markFetch = -1;
    QList<RecordedRequest> m_requests;
    QHash<QString, QJsonObject> m_results;
    QStringList m_runnerLog;
    bool m_runFinished = false;
    bool m_sessionCookie = false;
};

} // namespace CorscopeTest
