#pragma once

#include "http/headerlist.h"

#include <QCoreApplication>
#include <functional>
#include <memory>

namespace Corscope {

// The head of one HTTP/1.x message as the proxy needs it.
struct HttpMessageHead {
    QByteArray method; // requests
    QByteArray target; // requests: absolute-form URL, authority (CONNECT) or origin-form path
    int status = 0;    // responses
    QByteArray reason; // responses
    int versionMajor = 1;
    int versionMinor = 1;
    HeaderList headers;
    bool keepAlive = true;
    bool chunked = false;
    bool upgrade = false; // CONNECT, or a protocol switch (WebSocket)
};

// Incremental HTTP/1.x parsing on Boost.Beast's http::basic_parser (header-only, libboost-dev):
// the head as a value, the body streamed in pieces (de-chunked), never buffered whole. It stops
// after each complete message so that the owner decides when the next pipelined one may start.
// [rfc9110] 9.1: a method is any token, case-sensitive; it is passed on byte for byte.
class HttpMessageParser {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HttpMessageParser)

public:
    enum class Kind { Request, Response };
    struct Limits {
        qsizetype maxTargetBytes = 8 * 1024;
        qsizetype maxHeaderBytes = 64 * 1024;
        int maxHeaderCount = 200;
    };
    struct Callbacks {
        std::function<void(const HttpMessageHead &head)> head;
        std::function<void(QByteArrayView piece)> body;
        std::function<void()> complete;
    };

    HttpMessageParser(Kind kind, Callbacks callbacks, Limits limits);
    HttpMessageParser(Kind kind, Callbacks callbacks);
    ~HttpMessageParser();
    HttpMessageParser(const HttpMessageParser &) = delete;
    HttpMessageParser &operator=(const HttpMessageParser &) = delete;

    // Parses as much as it can; returns how many bytes were consumed. A head (or chunk header)
    // cut short by TCP is kept inside and counted as consumed, so the caller never feeds bytes
    // twice. Stops early after a complete message (call again with the rest), at an
    // upgrade/CONNECT (the rest is not HTTP), or on an error.
    qsizetype feed(QByteArrayView data);
    // Back to the state of a new parser, for the next exchange on a connection (cheaper than a
    // new parser per exchange). Not from inside one of this parser's callbacks: the bytes being
    // parsed may be the ones it frees.
    void reset();
    // The peer closed: completes a read-until-close body, or reports a truncated message.
    void finish();
    // [rfc9112] 7.1.2: a chunked message's trailer fields, in order and with their names as sent,
    // just before complete(); not called when there are none (they are dropped without a callback).
    void setTrailersCallback(std::function<void(const HeaderList &trailers)> callback)
    {
        m_trailersCallback = std::move(callback);
    }
    // The response being parsed answers a HEAD request: it has no body whatever its headers say.
    void expectNoBody() { m_noBody = true; }

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // The status a proxy answers a malformed request with (400, 414 or 431).
    int errorStatus() const { return m_errorStatus; }
    bool inMessage() const { return m_inMessage; }
    bool isUpgraded() const { return m_upgraded; }

private:
    template<bool isRequest> class Beast;
    struct Parser;
    void fail(int status, const QString &message);
    template<class P> qsizetype feedWith(P &parser, QByteArrayView data);
    template<class P> void finishWith(P &parser);

    std::unique_ptr<Parser> m_parser;
    Callbacks m_callbacks;
    std::function<void(const HeaderList &trailers)> m_trailersCallback;
    Limits m_limits;
    Kind m_kind;
    HttpMessageHead m_head;
    HeaderList m_trailers;
    // The unparsed tail of a head or chunk header that TCP cut short: Beast needs such a piece
    // whole in one buffer.
    QByteArray m_pending;
    qsizetype m_headerBytes = 0;
    bool m_noBody = false;
    bool m_inMessage = false;
    bool m_fresh = true; // the next byte starts a new message (a new Beast parser)
    bool m_headDone = false;
    bool m_statusLineChecked = false; // a response's status line was looked at for a missing SP
    bool m_sawUpgrade = false;
    bool m_sawTransferEncoding = false;
    bool m_upgraded = false;
    QString m_error;
    int m_errorStatus = 400;
};

} // namespace Corscope
