#include "proxy/httpmessageparser.h"

#include <QVarLengthArray>
#include <array>
#include <utility>
#include <http_parser.h>

namespace Corscope {

namespace {

// Nearly every field, value and target arrives in one piece: assigning it costs one allocation,
// where QByteArray::append() into an empty array (Qt 6.4 routes it through insert()) cost several
// times that, for each of a message's header lines.
void appendPiece(QByteArray &to, const char *at, size_t length)
{
    if (to.isEmpty())
        to = QByteArray(at, qsizetype(length));
    else
        to.append(at, qsizetype(length));
}

// A header field as it arrived, case kept. The names nearly every message carries, spelled the
// way browsers, curl and servers send them, are shared static arrays: no allocation for them.
QByteArray fieldName(const char *at, size_t length)
{
    // Bucketed by length and first byte, so a lookup compares one or two candidates.
    static constexpr qsizetype bucketCount = 64;
    auto bucketOf = [](QByteArrayView name) {
        return (name.size() + 7 * static_cast<unsigned char>(name.front())) % bucketCount;
    };
    static const auto buckets = [&bucketOf] {
        static const QByteArray names[] = {
            QByteArrayLiteral("Host"),
            QByteArrayLiteral("User-Agent"),
            QByteArrayLiteral("Accept"),
            QByteArrayLiteral("Accept-Encoding"),
            QByteArrayLiteral("Accept-Language"),
            QByteArrayLiteral("Connection"),
            QByteArrayLiteral("Origin"),
            QByteArrayLiteral("Referer"),
            QByteArrayLiteral("Content-Type"),
            QByteArrayLiteral("Content-Length"),
            QByteArrayLiteral("Cookie"),
            QByteArrayLiteral("Cache-Control"),
            QByteArrayLiteral("Pragma"),
            QByteArrayLiteral("Server"),
            QByteArrayLiteral("Date"),
            QByteArrayLiteral("Last-Modified"),
            QByteArrayLiteral("ETag"),
            QByteArrayLiteral("Accept-Ranges"),
            QByteArrayLiteral("Vary"),
            QByteArrayLiteral("Expires"),
            QByteArrayLiteral("Set-Cookie"),
            QByteArrayLiteral("Location"),
            QByteArrayLiteral("Transfer-Encoding"),
            QByteArrayLiteral("Keep-Alive"),
            QByteArrayLiteral("Authorization"),
            QByteArrayLiteral("Access-Control-Allow-Origin"),
            QByteArrayLiteral("Access-Control-Allow-Credentials"),
            QByteArrayLiteral("Access-Control-Allow-Methods"),
            QByteArrayLiteral("Access-Control-Allow-Headers"),
            QByteArrayLiteral("Access-Control-Expose-Headers"),
            QByteArrayLiteral("Access-Control-Max-Age"),
            QByteArrayLiteral("Access-Control-Request-Method"),
            QByteArrayLiteral("Access-Control-Request-Headers"),
            QByteArrayLiteral("Proxy-Connection"),
            QByteArrayLiteral("Sec-Fetch-Mode"),
            QByteArrayLiteral("Sec-Fetch-Site"),
            QByteArrayLiteral("Sec-Fetch-Dest"),
            QByteArrayLiteral("Content-Encoding"),
            QByteArrayLiteral("X-Requested-With"),
            QByteArrayLiteral("host"),
            QByteArrayLiteral("user-agent"),
            QByteArrayLiteral("accept"),
            QByteArrayLiteral("accept-encoding"),
            QByteArrayLiteral("accept-language"),
            QByteArrayLiteral("connection"),
            QByteArrayLiteral("origin"),
            QByteArrayLiteral("referer"),
            QByteArrayLiteral("content-type"),
            QByteArrayLiteral("content-length"),
            QByteArrayLiteral("cookie"),
            QByteArrayLiteral("cache-control"),
            QByteArrayLiteral("pragma"),
            QByteArrayLiteral("server"),
            QByteArrayLiteral("date"),
            QByteArrayLiteral("last-modified"),
            QByteArrayLiteral("etag"),
            QByteArrayLiteral("accept-ranges"),
            QByteArrayLiteral("vary"),
            QByteArrayLiteral("expires"),
            QByteArrayLiteral("set-cookie"),
            QByteArrayLiteral("location"),
            QByteArrayLiteral("transfer-encoding"),
            QByteArrayLiteral("keep-alive"),
            QByteArrayLiteral("authorization"),
            QByteArrayLiteral("access-control-allow-origin"),
            QByteArrayLiteral("access-control-allow-credentials"),
            QByteArrayLiteral("access-control-allow-methods"),
            QByteArrayLiteral("access-control-allow-headers"),
            QByteArrayLiteral("access-control-expose-headers"),
            QByteArrayLiteral("access-control-max-age"),
            QByteArrayLiteral("access-control-request-method"),
            QByteArrayLiteral("access-control-request-headers"),
            QByteArrayLiteral("proxy-connection"),
            QByteArrayLiteral("sec-fetch-mode"),
            QByteArrayLiteral("sec-fetch-site"),
            QByteArrayLiteral("sec-fetch-dest"),
            QByteArrayLiteral("content-encoding"),
            QByteArrayLiteral("x-requested-with"),
        };
        std::array<QVarLengthArray<QByteArray, 2>, bucketCount> table;
        for (const QByteArray &name : names)
            table[bucketOf(name)].append(name);
        return table;
    }();
    const QByteArrayView name(at, qsizetype(length));
    if (!name.isEmpty()) {
        for (const QByteArray &candidate : buckets[bucketOf(name)]) {
            if (candidate == name)
                return candidate;
        }
    }
    return name.toByteArray();
}

} // namespace

struct HttpMessageParser::Parser {
    http_parser parser;
    http_parser_settings settings;
    HttpMessageParser *owner = nullptr;

    static HttpMessageParser &self(http_parser *p) { return *static_cast<Parser *>(p->data)->owner; }

    static int onMessageBegin(http_parser *p)
    {
        HttpMessageParser &s = self(p);
        s.m_head = HttpMessageHead{};
        // Room for a typical head's lines at once: growing one line at a time reallocated the
        // list five times a message.
        s.m_head.headers.reserve(16);
        s.m_field.clear();
        s.m_value.clear();
        s.m_lastWasValue = false;
        s.m_headerBytes = 0;
        s.m_inMessage = true;
        return 0;
    }
    static int onUrl(http_parser *p, const char *at, size_t length)
    {
        HttpMessageParser &s = self(p);
        appendPiece(s.m_head.target, at, length);
        if (s.m_head.target.size() > s.m_limits.maxTargetBytes) {
            s.fail(414, tr("The request target is longer than %1 bytes.").arg(s.m_limits.maxTargetBytes));
            return 1;
        }
        return 0;
    }
    static int onStatus(http_parser *p, const char *at, size_t length)
    {
        appendPiece(self(p).m_head.reason, at, length);
        return 0;
    }
    static bool countHeaderBytes(HttpMessageParser &s, size_t length)
    {
        s.m_headerBytes += qsizetype(length);
        if (s.m_headerBytes > s.m_limits.maxHeaderBytes) {
            s.fail(431, tr("The header block is larger than %1 bytes.").arg(s.m_limits.maxHeaderBytes));
            return false;
        }
        return true;
    }
    static void flushHeader(HttpMessageParser &s)
    {
        if (s.m_lastWasValue || !s.m_field.isEmpty()) {
            // Moved: the parser's next field and value start empty.
            s.m_head.headers.append(std::exchange(s.m_field, {}), std::exchange(s.m_value, {}));
        }
    }
    static int onHeaderField(http_parser *p, const char *at, size_t length)
    {
        HttpMessageParser &s = self(p);
        if (!countHeaderBytes(s, length))
            return 1;
        if (s.m_lastWasValue) {
            flushHeader(s);
            s.m_lastWasValue = false;
            if (s.m_head.headers.size() >= s.m_limits.maxHeaderCount) {
                s.fail(431, tr("More than %1 header lines.").arg(s.m_limits.maxHeaderCount));
                return 1;
            }
        }
        if (s.m_field.isEmpty())
            s.m_field = fieldName(at, length);
        else
            s.m_field.append(at, qsizetype(length));
        return 0;
    }
    static int onHeaderValue(http_parser *p, const char *at, size_t length)
    {
        HttpMessageParser &s = self(p);
        if (!countHeaderBytes(s, length))
            return 1;
        s.m_lastWasValue = true;
        appendPiece(s.m_value, at, length);
        return 0;
    }
    static int onHeadersComplete(http_parser *p)
    {
        HttpMessageParser &s = self(p);
        if (s.m_lastWasValue)
            flushHeader(s);
        s.m_lastWasValue = false;
        HttpMessageHead &head = s.m_head;
        if (p->type == HTTP_REQUEST) {
            // http-parser's method names are static strings: shared, not copied.
            const char *method = http_method_str(static_cast<http_method>(p->method));
            head.method = QByteArray::fromRawData(method, qsizetype(qstrlen(method)));
        } else {
            head.status = int(p->status_code);
        }
        head.versionMajor = p->http_major;
        head.versionMinor = p->http_minor;
        head.keepAlive = http_should_keep_alive(p) != 0;
        head.chunked = (p->flags & F_CHUNKED) != 0;
        head.upgrade = p->upgrade != 0;
        if (s.m_callbacks.head)
            s.m_callbacks.head(head);
        // http-parser's contract: 1 means "this message has no body" (a response to HEAD).
        return s.m_noBody ? 1 : 0;
    }
    static int onBody(http_parser *p, const char *at, size_t length)
    {
        HttpMessageParser &s = self(p);
        if (s.m_callbacks.body)
            s.m_callbacks.body(QByteArrayView(at, qsizetype(length)));
        return 0;
    }
    static int onMessageComplete(http_parser *p)
    {
        HttpMessageParser &s = self(p);
        s.m_inMessage = false;
        s.m_noBody = false;
        if (s.m_callbacks.complete)
            s.m_callbacks.complete();
        // Stop here: the owner answers this message before the next pipelined one starts.
        http_parser_pause(p, 1);
        s.m_paused = true;
        return 0;
    }
};

HttpMessageParser::HttpMessageParser(Kind kind, Callbacks callbacks)
    : HttpMessageParser(kind, std::move(callbacks), Limits{})
{
}

HttpMessageParser::HttpMessageParser(Kind kind, Callbacks callbacks, Limits limits)
    : m_parser(std::make_unique<Parser>())
    , m_callbacks(std::move(callbacks))
    , m_limits(limits)
    , m_kind(kind)
{
    http_parser_init(&m_parser->parser, kind == Kind::Request ? HTTP_REQUEST : HTTP_RESPONSE);
    m_parser->parser.data = m_parser.get();
    m_parser->owner = this;
    http_parser_settings_init(&m_parser->settings);
    m_parser->settings.on_message_begin = &Parser::onMessageBegin;
    m_parser->settings.on_url = &Parser::onUrl;
    m_parser->settings.on_status = &Parser::onStatus;
    m_parser->settings.on_header_field = &Parser::onHeaderField;
    m_parser->settings.on_header_value = &Parser::onHeaderValue;
    m_parser->settings.on_headers_complete = &Parser::onHeadersComplete;
    m_parser->settings.on_body = &Parser::onBody;
    m_parser->settings.on_message_complete = &Parser::onMessageComplete;
}

HttpMessageParser::~HttpMessageParser() = default;

void HttpMessageParser::reset()
{
    http_parser_init(&m_parser->parser, m_kind == Kind::Request ? HTTP_REQUEST : HTTP_RESPONSE);
    m_head = HttpMessageHead{};
    m_field.clear();
    m_value.clear();
    m_lastWasValue = false;
    m_headerBytes = 0;
    m_noBody = false;
    m_inMessage = false;
    m_paused = false;
    m_upgraded = false;
    m_error.clear();
    m_errorStatus = 400;
}

void HttpMessageParser::fail(int status, const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = message;
        m_errorStatus = status;
    }
}

qsizetype HttpMessageParser::feed(QByteArrayView data)
{
    if (hasError() || m_upgraded || data.isEmpty())
        return 0;
    if (m_paused) {
        http_parser_pause(&m_parser->parser, 0);
        m_paused = false;
    }
    const size_t consumed =
        http_parser_execute(&m_parser->parser, &m_parser->settings, data.data(), size_t(data.size()));
    const http_errno error = HTTP_PARSER_ERRNO(&m_parser->parser);
    if (error != HPE_OK && error != HPE_PAUSED) {
        fail(400, tr("Malformed HTTP: %1").arg(QString::fromLatin1(http_errno_description(error))));
        return qsizetype(consumed);
    }
    // An upgrade (CONNECT, or a 101 and the request that asked for it) ends HTTP on the
    // connection once its head is through. The pause after every complete message must not hide
    // it: that hid every WebSocket upgrade, whose bytes then never passed.
    if (m_parser->parser.upgrade && !m_inMessage)
        m_upgraded = true;
    return qsizetype(consumed);
}

void HttpMessageParser::finish()
{
    if (hasError() || m_upgraded)
        return;
    if (m_paused) {
        http_parser_pause(&m_parser->parser, 0);
        m_paused = false;
    }
    // A zero-length execute tells http-parser the connection ended: it completes a body that
    // runs until close, and flags a message cut short.
    http_parser_execute(&m_parser->parser, &m_parser->settings, nullptr, 0);
    const http_errno error = HTTP_PARSER_ERRNO(&m_parser->parser);
    if (error != HPE_OK && error != HPE_PAUSED)
        fail(502, tr("The connection closed in the middle of a message: %1")
                      .arg(QString::fromLatin1(http_errno_description(error))));
    else if (m_inMessage)
        fail(502, tr("The connection closed in the middle of a message."));
}

} // namespace Corscope
