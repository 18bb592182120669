#include "proxy/httpmessageparser.h"

#include <QVarLengthArray>
#include <array>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <limits>
#include <optional>
#include <utility>

namespace Corscope {

namespace http = boost::beast::http;
using BeastView = boost::beast::string_view;

namespace {

QByteArrayView viewOf(BeastView text)
{
    return QByteArrayView(text.data(), qsizetype(text.size()));
}

// A header field as it arrived, case kept. The names nearly every message carries, spelled the
// way browsers, curl and servers send them, are shared static arrays: no allocation for them.
class FieldNames {
public:
    static const FieldNames &instance()
    {
        static const FieldNames names;
        return names;
    }
    // Beast has already classified the name (case-insensitively) while parsing it: a name it
    // knows is an index by that class and one or two exact comparisons; the few common names it
    // does not know (Sec-Fetch-*) are bucketed by length and first byte.
    QByteArray lookup(http::field known, QByteArrayView name) const
    {
        const auto index = std::size_t(known);
        const auto &candidates = index != 0 && index < fieldCount ? m_known[index] : m_other[bucketOf(name)];
        for (const QByteArray &candidate : candidates) {
            if (candidate == name)
                return candidate;
        }
        return name.toByteArray();
    }

private:
    static constexpr std::size_t fieldCount = std::size_t(http::field::xref) + 1;
    static constexpr qsizetype bucketCount = 32;
    static qsizetype bucketOf(QByteArrayView name)
    {
        return name.isEmpty() ? 0
                              : (name.size() + 7 * static_cast<unsigned char>(name.front())) % bucketCount;
    }
    FieldNames()
    {
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
            QByteArrayLiteral("Sec-Fetch-User"),
            QByteArrayLiteral("Upgrade-Insecure-Requests"),
            QByteArrayLiteral("Sec-WebSocket-Key"),
            QByteArrayLiteral("Sec-WebSocket-Version"),
            QByteArrayLiteral("Sec-WebSocket-Accept"),
            QByteArrayLiteral("Upgrade"),
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
            QByteArrayLiteral("sec-fetch-user"),
            QByteArrayLiteral("upgrade-insecure-requests"),
            QByteArrayLiteral("sec-ch-ua"),
            QByteArrayLiteral("sec-ch-ua-mobile"),
            QByteArrayLiteral("sec-ch-ua-platform"),
            QByteArrayLiteral("priority"),
        };
        for (const QByteArray &name : names) {
            const auto index =
                std::size_t(http::string_to_field(BeastView(name.constData(), std::size_t(name.size()))));
            if (index != 0 && index < fieldCount)
                m_known[index].append(name);
            else
                m_other[bucketOf(name)].append(name);
        }
    }
    std::array<QVarLengthArray<QByteArray, 2>, fieldCount> m_known;
    std::array<QVarLengthArray<QByteArray, 2>, bucketCount> m_other;
};

// A method as it was sent. [rfc9110] 9.1: methods are case-sensitive tokens, so only the exact
// upper-case spelling of a method Beast knows is its standard one (string_to_verb compares
// exactly); those share Beast's static strings. Anything else (`patch`, `FOO`) is copied as is.
QByteArray methodName(http::verb known, BeastView sent)
{
    if (known != http::verb::unknown) {
        const BeastView standard = http::to_string(known);
        return QByteArray::fromRawData(standard.data(), qsizetype(standard.size()));
    }
    return viewOf(sent).toByteArray();
}

// RFC 9112 2.2: a server SHOULD ignore at least one empty line received before the request-line
// (old clients send a CRLF after a POST body). Beast takes a method there: skipped here.
qsizetype leadingEmptyLines(QByteArrayView data)
{
    qsizetype i = 0;
    while (i < data.size() && (data[i] == '\r' || data[i] == '\n'))
        ++i;
    return i;
}

// A status line with no reason phrase and no space before it, "HTTP/1.1 200\r\n": [rfc9112] 4
// requires the space, Beast refuses the line without it, and browsers take it. isPrefix: whether
// line may still become one (its end has not arrived); else whether it is one, '\n' included.
bool lacksReasonSpace(QByteArrayView line, bool isPrefix)
{
    static constexpr QByteArrayView shape("HTTP/#.# ###\r\n");
    if (isPrefix ? line.size() >= shape.size() : line.size() != shape.size())
        return false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (shape[i] == '#' ? line[i] < '0' || line[i] > '9' : line[i] != shape[i])
            return false;
    }
    return true;
}

// Whether the request line begun in line (not finished: Beast waits for its end) already has a
// target longer than limit. Beast's own header limit would let it grow to the size of a whole
// head before saying no, and with the wrong status.
bool targetExceeds(QByteArrayView line, qsizetype limit)
{
    const qsizetype space = line.indexOf(' ');
    if (space < 0)
        return true; // no target yet, and a method longer than a target may be
    const QByteArrayView rest = line.sliced(space + 1);
    const qsizetype end = rest.indexOf(' ');
    return (end < 0 ? rest.size() : end) > limit;
}

} // namespace

// Beast's parser with its hooks writing into the owner. One per message: Beast has no reset, and
// constructing one costs a few stores.
template<bool isRequest> class HttpMessageParser::Beast final : public http::basic_parser<isRequest> {
public:
    explicit Beast(HttpMessageParser &owner)
        : m_owner(owner)
    {
        // Room for the whole head: the start line, every line's name, value, ": " and CRLF. The
        // finer limits (target, header bytes, line count) are checked in the hooks.
        const qsizetype headBytes = owner.m_limits.maxTargetBytes + owner.m_limits.maxHeaderBytes +
                                    4 * qsizetype(owner.m_limits.maxHeaderCount) + 1024;
        this->header_limit(std::uint32_t(qMin<qsizetype>(headBytes, 0x7fffffff)));
        // Bodies are streamed, never held: no limit on their size. Not boost::none: Beast 1.74
        // compares the length with the optional (`len_ > body_limit_`), and any length is greater
        // than none, so every body would fail.
        this->body_limit(std::numeric_limits<std::uint64_t>::max());
        // Past the head into the body in the same call, so that body pieces stream as they come.
        this->eager(true);
        if (!isRequest && owner.m_noBody)
            this->skip(true); // [rfc9110] 9.3.2: a response to HEAD has no body, whatever it says
    }

private:
    void on_request_impl(http::verb method, BeastView methodText, BeastView target, int version,
                         boost::beast::error_code &ec) override
    {
        HttpMessageParser &s = m_owner;
        if (qsizetype(target.size()) > s.m_limits.maxTargetBytes) {
            s.fail(414, HttpMessageParser::tr("The request target is longer than %1 bytes.")
                            .arg(s.m_limits.maxTargetBytes));
            ec = http::error::header_limit;
            return;
        }
        s.m_head.method = methodName(method, methodText);
        s.m_head.target = viewOf(target).toByteArray();
        startLine(version);
    }
    void on_response_impl(int code, BeastView reason, int version, boost::beast::error_code &) override
    {
        HttpMessageParser &s = m_owner;
        s.m_head.status = code;
        s.m_head.reason = viewOf(reason).toByteArray(); // verbatim
        startLine(version);
    }
    void startLine(int version)
    {
        HttpMessageHead &head = m_owner.m_head;
        head.versionMajor = version / 10;
        head.versionMinor = version % 10;
        // Room for a typical head's lines at once: growing one line at a time reallocated the
        // list five times a message.
        head.headers.reserve(16);
    }
    void on_field_impl(http::field name, BeastView nameText, BeastView value,
                       boost::beast::error_code &ec) override
    {
        HttpMessageParser &s = m_owner;
        // Beast reports the trailer fields of a chunked body here too; they are bounded like the
        // head's (the same byte and line budget) and handed over at the end of the message.
        s.m_headerBytes += qsizetype(nameText.size() + value.size());
        if (s.m_headerBytes > s.m_limits.maxHeaderBytes) {
            s.fail(431, HttpMessageParser::tr("The header block is larger than %1 bytes.")
                            .arg(s.m_limits.maxHeaderBytes));
            ec = http::error::header_limit;
            return;
        }
        if (s.m_head.headers.size() + s.m_trailers.size() >= s.m_limits.maxHeaderCount) {
            s.fail(431, HttpMessageParser::tr("More than %1 header lines.").arg(s.m_limits.maxHeaderCount));
            ec = http::error::header_limit;
            return;
        }
        if (s.m_headDone) {
            s.m_trailers.append(QByteArray(nameText.data(), qsizetype(nameText.size())),
                                viewOf(value).toByteArray());
            return;
        }
        if (name == http::field::upgrade)
            s.m_sawUpgrade = true;
        else if (name == http::field::transfer_encoding)
            s.m_sawTransferEncoding = true;
        s.m_head.headers.append(FieldNames::instance().lookup(name, viewOf(nameText)),
                                viewOf(value).toByteArray());
    }
    void on_header_impl(boost::beast::error_code &ec) override
    {
        HttpMessageParser &s = m_owner;
        HttpMessageHead &head = s.m_head;
        s.m_headDone = true;
        head.keepAlive = this->keep_alive();
        head.chunked = this->chunked();
        if constexpr (isRequest) {
            // [rfc9112] 6.3, item 4 and 6: a request whose last transfer coding is not chunked
            // has no reliable length; a proxy must answer 400 rather than guess (request
            // smuggling). Beast alone would read it as bodyless.
            if (s.m_sawTransferEncoding && !head.chunked) {
                s.fail(400, HttpMessageParser::tr(
                                "Transfer-Encoding without chunked as the last coding: the request's "
                                "length is unknown."));
                ec = http::error::bad_transfer_encoding;
                return;
            }
            // [rfc9110] 9.3.6: CONNECT, exactly that (methods are case-sensitive: `connect` is
            // an unknown method to be forwarded). [rfc9110] 7.8: Upgrade needs Connection: upgrade.
            head.upgrade = head.method == "CONNECT" || (s.m_sawUpgrade && this->upgrade());
        } else {
            // [rfc9110] 15.2.2: after a 101 the connection speaks the protocol switched to.
            head.upgrade = head.status == 101;
        }
        if (s.m_callbacks.head)
            s.m_callbacks.head(head);
    }
    void on_body_init_impl(const boost::optional<std::uint64_t> &, boost::beast::error_code &) override {}
    std::size_t on_body_impl(BeastView body, boost::beast::error_code &) override
    {
        if (m_owner.m_callbacks.body && !body.empty())
            m_owner.m_callbacks.body(viewOf(body));
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, BeastView, boost::beast::error_code &) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, BeastView body, boost::beast::error_code &ec) override
    {
        return on_body_impl(body, ec);
    }
    void on_finish_impl(boost::beast::error_code &) override
    {
        HttpMessageParser &s = m_owner;
        s.m_inMessage = false;
        // An interim response (100 Continue) precedes the one to HEAD that has no body.
        if (isRequest || s.m_head.status / 100 != 1)
            s.m_noBody = false;
        s.m_fresh = true;
        // An upgrade (CONNECT, or a 101 and the request that asked for it) ends HTTP on the
        // connection once its message is through.
        if (s.m_head.upgrade)
            s.m_upgraded = true;
        if (!s.m_trailers.isEmpty()) {
            const HeaderList trailers = std::exchange(s.m_trailers, HeaderList());
            if (s.m_trailersCallback)
                s.m_trailersCallback(trailers);
        }
        if (s.m_callbacks.complete)
            s.m_callbacks.complete();
    }

    HttpMessageParser &m_owner;
};

struct HttpMessageParser::Parser {
    std::optional<Beast<true>> request;
    std::optional<Beast<false>> response;
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
}

HttpMessageParser::~HttpMessageParser() = default;

void HttpMessageParser::reset()
{
    // The Beast parser is replaced by the next feed(), which starts a message.
    m_head = HttpMessageHead{};
    m_trailers = HeaderList();
    m_pending.clear();
    m_headerBytes = 0;
    m_noBody = false;
    m_inMessage = false;
    m_fresh = true;
    m_headDone = false;
    m_sawUpgrade = false;
    m_sawTransferEncoding = false;
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

template<class P> qsizetype HttpMessageParser::feedWith(P &parser, QByteArrayView data)
{
    qsizetype skipped = 0;
    if (m_fresh) {
        skipped = leadingEmptyLines(data);
        data = data.sliced(skipped);
        if (data.isEmpty())
            return skipped;
        m_fresh = false;
        m_inMessage = true;
        m_head = HttpMessageHead{};
        m_headerBytes = 0;
        m_headDone = false;
        m_sawUpgrade = false;
        m_sawTransferEncoding = false;
        m_statusLineChecked = m_kind == Kind::Request;
        parser.emplace(*this);
    }
    // Bytes of data moved into m_pending below: consumed, though Beast reads them from there.
    qsizetype movedToPending = 0;
    if (!m_statusLineChecked) {
        // Only a line that needs the space is copied; any other goes to Beast as it is. A line that
        // may still turn out to need it waits for its end: Beast refuses "HTTP/1.1 200\r" at once.
        const qsizetype endInPending = QByteArrayView(m_pending).indexOf('\n');
        const qsizetype endInData = endInPending >= 0 ? -1 : data.indexOf('\n');
        if (endInPending < 0 && endInData < 0 &&
            lacksReasonSpace(m_pending.isEmpty() ? data : QByteArrayView(m_pending + data.toByteArray()),
                             true)) {
            m_pending.append(data);
            return skipped + data.size();
        }
        m_statusLineChecked = true;
        if (endInData >= 0) {
            // Nearly every response: the whole line in one piece, looked at in place.
            const QByteArrayView end = data.first(endInData + 1);
            if (m_pending.isEmpty() ? lacksReasonSpace(end, false)
                                    : lacksReasonSpace(m_pending + end.toByteArray(), false)) {
                m_pending.append(end);
                m_pending.insert(m_pending.size() - 2, ' ');
                data = data.sliced(endInData + 1);
                movedToPending = endInData + 1;
            }
        }
    }
    // Zero-copy unless an earlier piece left a head cut short: then the two go on as one.
    const qsizetype pendingBefore = m_pending.size();
    if (pendingBefore > 0)
        m_pending.append(data);
    const QByteArrayView input = pendingBefore > 0 ? QByteArrayView(m_pending) : data;
    boost::beast::error_code ec;
    const std::size_t used =
        parser->put(boost::asio::const_buffer(input.data(), std::size_t(input.size())), ec);
    const qsizetype offset = qsizetype(used);
    if (ec == http::error::need_more) {
        // Beast needs the rest of a head, chunk header or trailer in one piece: keep it. The
        // header limit bounds a head; this bounds a chunk header or trailer section.
        if (pendingBefore > 0)
            m_pending.remove(0, offset);
        else
            m_pending = input.sliced(offset).toByteArray();
        if (m_kind == Kind::Request && m_head.method.isEmpty() &&
            m_pending.size() > m_limits.maxTargetBytes && targetExceeds(m_pending, m_limits.maxTargetBytes))
            fail(414, tr("The request target is longer than %1 bytes.").arg(m_limits.maxTargetBytes));
        else if (m_headDone && m_pending.size() > m_limits.maxHeaderBytes)
            fail(431, tr("A chunk header or trailer section is larger than %1 bytes.")
                          .arg(m_limits.maxHeaderBytes));
        return skipped + movedToPending + data.size();
    }
    if (ec) {
        if (ec == http::error::header_limit && !hasError()) {
            // Beast parses a start line only with the whole head once a piece fell short: the
            // line may be complete yet unparsed.
            const bool startLineEnded =
                !m_head.method.isEmpty() || m_head.status != 0 || input.sliced(offset).contains('\n');
            if (m_kind == Kind::Request && !startLineEnded)
                fail(414, tr("The request target is longer than %1 bytes.").arg(m_limits.maxTargetBytes));
            else
                fail(431, tr("The header block is larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
        }
        fail(400, tr("Malformed HTTP: %1").arg(QString::fromStdString(ec.message())));
        m_pending.clear();
        return skipped + movedToPending + qMax<qsizetype>(0, offset - pendingBefore);
    }
    // Done with the message, or every byte given was used. A head completed from kept bytes ends
    // beyond them: what follows in input is the caller's, given back by the count.
    if (pendingBefore > 0)
        m_pending.clear();
    return skipped + movedToPending + qMax<qsizetype>(0, offset - pendingBefore);
}

qsizetype HttpMessageParser::feed(QByteArrayView data)
{
    if (hasError() || m_upgraded || data.isEmpty())
        return 0;
    if (m_kind == Kind::Request)
        return feedWith(m_parser->request, data);
    return feedWith(m_parser->response, data);
}

template<class P> void HttpMessageParser::finishWith(P &parser)
{
    if (!m_inMessage)
        return; // between messages: a clean close
    if (m_headDone && m_pending.isEmpty()) {
        // [rfc9112] 6.3, item 8: a response without a length ends when the connection does.
        boost::beast::error_code ec;
        parser->put_eof(ec);
        if (!ec)
            return;
    }
    fail(502, tr("The connection closed in the middle of a message."));
}

void HttpMessageParser::finish()
{
    if (hasError() || m_upgraded)
        return;
    if (m_kind == Kind::Request)
        finishWith(m_parser->request);
    else
        finishWith(m_parser->response);
}

} // namespace Corscope
