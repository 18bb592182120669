#pragma once

#include "http/headerlist.h"
#include "http/origin.h"
#include "playground/corspolicy.h"

#include <QHash>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace Corscope {

// One request as the demo server read it off the wire.
struct ReceivedRequest {
    enum class Port { Api, Page };
    Port port = Port::Api;
    QByteArray method;
    QByteArray target; // origin-form, as sent
    HeaderList headers;
    QByteArray body;
    int status = 0;               // what the server answered
    bool fromSharedCache = false; // answered by the simulated CDN, the application never saw it
    qint64 receivedAtMs = 0;
};

// The playground's API: a small HTTP/1.1 server on 127.0.0.1 that answers by a CorsPolicy the
// user edits live. Under /socket/ it is a WebSocket endpoint: the policy's origin rule is its
// Origin check, and an accepted socket sends the signed-in user's notification at once. It listens on two random ports, because CORS needs two origins on one
// machine: the API (/api/data) and a page origin that serves the pages a real browser loads to
// verify a request. Nothing binds beyond loopback.
class DemoApiServer : public QObject {
    Q_OBJECT

public:
    explicit DemoApiServer(QObject *parent = nullptr);
    ~DemoApiServer() override;

    bool start(QString *error = nullptr);
    bool isListening() const;

    Origin apiOrigin() const;
    Origin pageOrigin() const;
    QUrl apiUrl(const QString &pathAndQuery = QStringLiteral("/api/data")) const;
    QUrl pageUrl(const QString &pathAndQuery) const;

    const CorsPolicy &policy() const { return m_policy; }
    // Takes effect for the next request, on connections already open too. Purges the shared
    // cache, as a deployment with a CDN purge would.
    void setPolicy(const CorsPolicy &policy);

    // The simulated CDN in front of the API (active while policy().sharedCacheSeconds > 0).
    void clearSharedCache();
    // Fills the shared cache the way a visit from another site would: GET /api/data with that
    // Origin, answered by the current policy and stored.
    void primeSharedCache(const QByteArray &origin);

    QList<ReceivedRequest> receivedRequests() const { return m_received; }
    void clearReceivedRequests() { m_received.clear(); }

    // A browser-verification page on the page origin that runs fetchSpec (see
    // BrowserVerifier::fetchSpec) and posts the outcome back; returns its URL. The outcome
    // arrives as verificationReported(token, result).
    QUrl addVerificationPage(const QString &token, const QJsonObject &fetchSpec);
    void removeVerificationPage(const QString &token);


signals:
    void requestReceived(const Corscope::ReceivedRequest &request);
    void policyChanged();
    void verificationReported(const QString &token, const QJsonObject &result);

private:
    struct Response {
        int status = 200;
        HeaderList headers;
        QByteArray body;
        bool close = false;
    };
    struct CachedResponse {
        Response response;
        qint64 storedAtMs = 0;
        std::optional<QByteArray> origin; // of the request it answered
        bool variesOnOrigin = false;
    };
    struct Parsed {
        ReceivedRequest request;
        QByteArray version;
        qsizetype consumed = 0;
    };
    enum class ParseState { Complete, Incomplete, Malformed };

    void onNewConnection(QTcpServer *server, ReceivedRequest::Port port);
    void onReadyRead(QTcpSocket *socket, ReceivedRequest::Port port);
    static ParseState parse(const QByteArray &buffer, Parsed *parsed, int *errorStatus);
    Response answerApi(ReceivedRequest &request);
    Response answerApiUncached(const ReceivedRequest &request) const;
    Response answerPage(const ReceivedRequest &request);
    Response answerHandshake(const ReceivedRequest &request) const;
    void startWebSocket(QTcpSocket *socket, const QByteArray &alreadyReceived);
    void onWebSocketData(QTcpSocket *socket);
    static QByteArray serialize(const QByteArray &method, const Response &response);

    QTcpServer *m_api;
    QTcpServer *m_page;
    CorsPolicy m_policy;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, QByteArray> m_webSockets; // after a 101: frames not yet complete
    QList<ReceivedRequest> m_received;
    // [rfc9111] 4.1: a stored response is reused for another request only when the headers its
    // Vary names match; without Vary: Origin one origin's ACAO is served to every other.
    QHash<QByteArray, QList<CachedResponse>> m_sharedCache; // by request target
    QHash<QString, QJsonObject> m_verificationPages;
};

} // namespace Corscope

Q_DECLARE_METATYPE(Corscope::ReceivedRequest)
