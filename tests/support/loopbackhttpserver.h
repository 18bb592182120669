#pragma once

// A small programmable HTTP/1.1 server on 127.0.0.1 for the request-engine tests: plain or TLS
// (a QTcpServer whose connections become QSslSockets), keep-alive, and replies written as raw
// bytes so a test can send anything: duplicate headers, 1xx blocks, a garbage status line,
// megabytes of headers, or nothing at all.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTcpServer>
#include <functional>

class QTcpSocket;

namespace CorscopeTest {

using HeaderPairs = QList<QPair<QByteArray, QByteArray>>;

// One request as the server read it off the wire.
struct LoopbackRequest {
    int connection = 0; // 1-based index of the TCP connection it arrived on
    QByteArray method;
    QByteArray target;
    QByteArray version;
    HeaderPairs headers; // wire order, names as sent, values without surrounding OWS
    QByteArray body;

    bool hasHeader(const QByteArray &name) const;
    QByteArray header(const QByteArray &name) const; // the first value; empty when absent
    int headerCount(const QByteArray &name) const;
};

struct LoopbackReply {
    QByteArray raw;           // written as is
    bool close = false;       // close the connection after writing
    bool neverAnswer = false; // write nothing, keep the connection open

    static LoopbackReply silence() { return {{}, false, true}; }
};

class LoopbackHttpServer : public QTcpServer {
    Q_OBJECT

public:
    using Handler = std::function<LoopbackReply(const LoopbackRequest &)>;

    explicit LoopbackHttpServer(QObject *parent = nullptr);
    ~LoopbackHttpServer() override;

    // 127.0.0.1 only; port 0 picks a free one.
    bool listenLoopback(quint16 port = 0);
    // Connections become TLS with this certificate chain (PEM files). False on unreadable files.
    bool enableTls(const QString &certificateFile, const QString &keyFile);
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    QString origin() const; // "http://127.0.0.1:PORT" or "https://…"
    QUrl url(const QString &path) const;
    QList<LoopbackRequest> requests() const { return m_requests; }
    int connectionCount() const { return m_connections; }
    void reset();
    // Drops every open connection (the listening socket stays).
    void closeConnections();

    // A complete response with Content-Length, headers in the given order.
    static QByteArray response(int status, const HeaderPairs &headers, const QByteArray &body = {},
                               const QByteArray &reason = "OK");

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onReadyRead(QTcpSocket *socket);

    Handler m_handler;
    QList<LoopbackRequest> m_requests;
    int m_connections = 0;
    bool m_tls = false;
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
};

} // namespace CorscopeTest
