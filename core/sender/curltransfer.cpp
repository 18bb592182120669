#include "sender/curltransfer.h"

#include <QDateTime>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace Corscope {

namespace {

bool hasLineBreakOrNul(const QByteArray &bytes)
{
    return bytes.contains('\r') || bytes.contains('\n') || bytes.contains('\0');
}

QString hostAndPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(defaultPort));
}

qint64 infoTime(CURL *easy, CURLINFO info)
{
    curl_off_t value = 0;
    if (curl_easy_getinfo(easy, info, &value) != CURLE_OK)
        return 0;
    return value;
}

} // namespace

CurlTransfer::CurlTransfer(const OutgoingRequest &request, const SendOptions &options)
    : m_request(request)
    , m_insecure(options.insecure)
    , m_proxyUrl(options.proxyUrl)
    , m_maxBodyBytes(std::max<qint64>(0, options.maxBodyBytes))
    , m_startedAtMs(QDateTime::currentMSecsSinceEpoch())
    , m_head(options.maxHeaderBytes)
{
    m_easy = curl_easy_init();
    if (!m_easy) {
        m_setupError =
            TransportError{TransportErrorKind::Other, tr("libcurl could not create a transfer"), {}, 0, 0};
        return;
    }
    if (!setup(options) && !m_setupError)
        m_setupError = TransportError{TransportErrorKind::Other, tr("libcurl refused the request options"),
                                      QString::fromUtf8(m_errorBuffer), 0, 0};
}

CurlTransfer::~CurlTransfer()
{
    if (m_easy)
        curl_easy_cleanup(m_easy);
    curl_slist_free_all(m_headerList);
}

bool CurlTransfer::setup(const SendOptions &options)
{
    for (const Header &header : m_request.headers) {
        // A browser refuses such a header before sending anything (fetch() throws); passed on,
        // it would smuggle extra lines into the request.
        if (header.name.isEmpty() || hasLineBreakOrNul(header.name) || hasLineBreakOrNul(header.value) ||
            header.name.contains(':')) {
            m_setupError = TransportError{
                TransportErrorKind::Other,
                tr("the header '%1' is not a valid HTTP header").arg(QString::fromUtf8(header.name)),
                {},
                0,
                0};
            return false;
        }
    }
    if (m_request.method.isEmpty() || hasLineBreakOrNul(m_request.method) || m_request.method.contains(' ')) {
        m_setupError =
            TransportError{TransportErrorKind::Other, tr("the method is not a valid HTTP method"), {}, 0, 0};
        return false;
    }

    m_url = m_request.url.toEncoded(QUrl::FullyEncoded | QUrl::RemoveFragment);
    const QByteArray proxy = options.proxyUrl.toUtf8();
    const QByteArray caFile = options.caFile.toUtf8();
    bool ok = true;
    auto set = [&](CURLoption option, auto value) {
        ok = ok && curl_easy_setopt(m_easy, option, value) == CURLE_OK;
    };

    set(CURLOPT_ERRORBUFFER, m_errorBuffer);
    set(CURLOPT_URL, m_url.constData());
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_NOSIGNAL, 1L);
    // The simulation follows redirects hop by hop ([fetch] HTTP-redirect fetch), so libcurl
    // must hand every 3xx back untouched.
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_HTTP09_ALLOWED, 0L);
    // A proxy's "200 Connection established" is not the server's response.
    set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    set(CURLOPT_CUSTOMREQUEST, m_request.method.constData());
    if (m_request.method == "HEAD")
        set(CURLOPT_NOBODY, 1L);
    if (m_request.body) {
        m_body = *m_request.body;
        set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m_body.size()));
        set(CURLOPT_POSTFIELDS, m_body.constData());
    } else if (m_request.method == "POST" || m_request.method == "PUT") {
        // Chromium and Firefox send Content-Length: 0 for a POST or PUT without a body.
        set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
        set(CURLOPT_POSTFIELDS, "");
    }
    set(CURLOPT_HTTP_VERSION, options.http2 ? long{CURL_HTTP_VERSION_2TLS} : long{CURL_HTTP_VERSION_1_1});
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::max(1, options.connectTimeoutMs)));
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(std::max(1, options.totalTimeoutMs)));
    // An empty string switches off libcurl's http_proxy/https_proxy environment lookup.
    set(CURLOPT_PROXY, proxy.constData());
    if (!caFile.isEmpty())
        set(CURLOPT_CAINFO, caFile.constData());
    if (options.insecure) {
        set(CURLOPT_SSL_VERIFYPEER, 0L);
        set(CURLOPT_SSL_VERIFYHOST, 0L);
    }

    set(CURLOPT_HEADERFUNCTION, &CurlTransfer::headerCallback);
    set(CURLOPT_HEADERDATA, this);
    set(CURLOPT_WRITEFUNCTION, &CurlTransfer::writeCallback);
    set(CURLOPT_WRITEDATA, this);
    // The debug callback is the only way to see the request head libcurl actually wrote;
    // VERBOSE only routes it there, nothing is printed.
    set(CURLOPT_DEBUGFUNCTION, &CurlTransfer::debugCallback);
    set(CURLOPT_DEBUGDATA, this);
    set(CURLOPT_VERBOSE, 1L);
    set(CURLOPT_PRIVATE, this);

    setupHeaders();
    set(CURLOPT_HTTPHEADER, m_headerList);
    return ok;
}

void CurlTransfer::setupHeaders()
{
    // Exactly the simulation's header list, in its order. libcurl adds Host (as a browser does)
    // and would add Accept: */*, Expect: 100-continue and a form Content-Type on its own: an
    // empty "Name:" entry suppresses each of those the simulation did not ask for.
    for (const Header &header : m_request.headers) {
        const QByteArray line =
            header.value.isEmpty() ? header.name + ';' : header.name + ": " + header.value;
        m_headerList = curl_slist_append(m_headerList, line.constData());
    }
    for (const char *name : {"Accept", "Expect", "Content-Type"}) {
        if (!m_request.headers.contains(QByteArrayView(name)))
            m_headerList = curl_slist_append(m_headerList, (QByteArray(name) + ':').constData());
    }
}

size_t CurlTransfer::headerCallback(char *data, size_t size, size_t count, void *userdata)
{
    auto *self = static_cast<CurlTransfer *>(userdata);
    const size_t length = size * count;
    if (self->m_head.feedLine(QByteArrayView(data, static_cast<qsizetype>(length))) ==
        ResponseHeadParser::Result::TooLarge) {
        self->m_headersTooLarge = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    // [rfc6455] 4.1: after a 101 the connection speaks WebSocket frames; libcurl 7.88 would read
    // them as a body until the server closes. The handshake's verdict needs only the head.
    const QByteArrayView line(data, static_cast<qsizetype>(length));
    if ((line == "\r\n" || line == "\n") && self->m_head.status() == 101 &&
        self->m_request.headers.get("upgrade").value_or(QByteArray()).compare("websocket", Qt::CaseInsensitive) == 0) {
        self->m_upgraded = true;
        return 0;
    }
    return length;
}

size_t CurlTransfer::writeCallback(char *data, size_t size, size_t count, void *userdata)
{
    auto *self = static_cast<CurlTransfer *>(userdata);
    const size_t length = size * count;
    self->m_head.bodyStarted();
    self->m_bodyBytesReceived += static_cast<qint64>(length);
    const qint64 room = self->m_maxBodyBytes - self->m_bodyBytes.size();
    self->m_bodyBytes.append(data,
                             static_cast<qsizetype>(std::min<qint64>(room, static_cast<qint64>(length))));
    if (self->m_bodyBytesReceived > self->m_maxBodyBytes) {
        // Stop reading: an endless body must not keep the exchange open until the timeout.
        self->m_bodyTruncated = true;
        return 0;
    }
    return length;
}

int CurlTransfer::debugCallback(CURL *, curl_infotype type, char *data, size_t size, void *userdata)
{
    auto *self = static_cast<CurlTransfer *>(userdata);
    if (type == CURLINFO_HEADER_OUT && self->m_rawRequestHead.size() < 256 * 1024)
        self->m_rawRequestHead.append(data, static_cast<qsizetype>(size));
    return 0;
}

void CurlTransfer::readTiming(ExchangeRecord &record) const
{
    record.timing.startedAtMs = m_startedAtMs;
    record.timing.dnsUs = infoTime(m_easy, CURLINFO_NAMELOOKUP_TIME_T);
    record.timing.connectUs = infoTime(m_easy, CURLINFO_CONNECT_TIME_T);
    record.timing.tlsUs = infoTime(m_easy, CURLINFO_APPCONNECT_TIME_T);
    record.timing.requestSentUs = infoTime(m_easy, CURLINFO_PRETRANSFER_TIME_T);
    record.timing.firstByteUs = infoTime(m_easy, CURLINFO_STARTTRANSFER_TIME_T);
    record.timing.totalUs = infoTime(m_easy, CURLINFO_TOTAL_TIME_T);

    char *ip = nullptr;
    if (curl_easy_getinfo(m_easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip)
        record.remoteAddress = QString::fromLatin1(ip);
    long port = 0;
    if (curl_easy_getinfo(m_easy, CURLINFO_PRIMARY_PORT, &port) == CURLE_OK)
        record.remotePort = static_cast<int>(port);
    if (curl_easy_getinfo(m_easy, CURLINFO_LOCAL_PORT, &port) == CURLE_OK)
        record.localPort = static_cast<int>(port);
    long connects = 0;
    if (curl_easy_getinfo(m_easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
        record.connectionReused = connects == 0 && record.remotePort != 0;
}

ExchangeRecord CurlTransfer::setupFailure() const
{
    ExchangeRecord record;
    record.request = m_request;
    record.insecure = m_insecure;
    record.timing.startedAtMs = m_startedAtMs;
    record.error = m_setupError.value_or(
        TransportError{TransportErrorKind::Other, tr("the request could not be sent"), {}, 0, 0});
    return record;
}

ExchangeRecord CurlTransfer::finish(CURLcode code)
{
    ExchangeRecord record;
    record.request = m_request;
    record.insecure = m_insecure;
    record.rawRequestHead = m_rawRequestHead;
    readTiming(record);
    record.httpVersion = m_head.httpVersion();
    record.rawResponseHead = m_head.rawHead();
    record.interimResponses = m_head.interimResponses();
    record.trailers = m_head.trailers();
    record.bodyBytesReceived = m_bodyBytesReceived;
    record.bodyTruncated = m_bodyTruncated;

    const bool complete =
        code == CURLE_OK || (code == CURLE_WRITE_ERROR && (m_bodyTruncated || m_upgraded));
    if (m_headersTooLarge) {
        record.error =
            TransportError{TransportErrorKind::HeadersTooLarge,
                           tr("the response headers from %1 are larger than %2 KiB; the exchange was "
                              "abandoned")
                               .arg(hostAndPort(m_request.url))
                               .arg(m_head.maxTotalBytes() / 1024),
                           QString::fromUtf8(m_errorBuffer), static_cast<int>(code), 0};
    } else if (complete && m_head.hasStatus() && (m_head.status() >= 200 || m_upgraded)) {
        HttpResponse response;
        response.status = m_head.status();
        response.statusText = m_head.reasonPhrase();
        response.headers = m_head.headers();
        response.body = m_bodyBytes;
        record.response = std::move(response);
    } else if (complete) {
        record.error = TransportError{TransportErrorKind::InvalidResponse,
                                      tr("%1 sent no valid HTTP status line").arg(hostAndPort(m_request.url)),
                                      {},
                                      static_cast<int>(code),
                                      0};
    } else {
        record.error = classify(code);
    }
    return record;
}

TransportError CurlTransfer::classify(CURLcode code) const
{
    TransportError error;
    error.curlCode = static_cast<int>(code);
    error.detail = QString::fromUtf8(m_errorBuffer[0] ? m_errorBuffer : curl_easy_strerror(code)).trimmed();
    long osErrno = 0;
    curl_easy_getinfo(m_easy, CURLINFO_OS_ERRNO, &osErrno);
    error.osErrno = static_cast<int>(osErrno);
    const QString where = hostAndPort(m_request.url);
    const QString detail = error.detail;
    auto set = [&](TransportErrorKind kind, const QString &reason) {
        error.kind = kind;
        error.reason = reason;
    };

    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        set(TransportErrorKind::DnsFailure,
            tr("DNS lookup failed: the host name %1 does not resolve").arg(m_request.url.host()));
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        set(TransportErrorKind::ProxyDnsFailure, tr("DNS lookup failed for the proxy: %1").arg(detail));
        break;
    case CURLE_COULDNT_CONNECT:
        if (!m_proxyUrl.isEmpty())
            set(TransportErrorKind::Proxy,
                tr("could not connect to the proxy %1: %2").arg(m_proxyUrl, detail));
        else if (osErrno == ECONNREFUSED)
            set(TransportErrorKind::ConnectionRefused,
                tr("connection refused by %1: nothing is listening on that port").arg(where));
        else
            set(TransportErrorKind::ConnectFailed,
                tr("could not connect to %1: %2")
                    .arg(where, osErrno ? QString::fromLocal8Bit(std::strerror(static_cast<int>(osErrno)))
                                        : detail));
        break;
    case CURLE_OPERATION_TIMEDOUT: {
        const bool connected = infoTime(m_easy, CURLINFO_CONNECT_TIME_T) > 0 &&
                               !detail.startsWith(QLatin1String("Connection timed out")) &&
                               !detail.startsWith(QLatin1String("Resolving timed out"));
        if (connected)
            set(TransportErrorKind::Timeout,
                tr("timed out: %1 accepted the connection but did not answer in time").arg(where));
        else
            set(TransportErrorKind::ConnectTimeout, tr("timed out connecting to %1").arg(where));
        break;
    }
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
        set(TransportErrorKind::TlsCertificate, tr("TLS certificate problem with %1: %2").arg(where, detail));
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
        set(TransportErrorKind::TlsHandshake, tr("TLS handshake with %1 failed: %2").arg(where, detail));
        break;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        set(TransportErrorKind::ConnectionClosed,
            tr("%1 closed the connection before a complete response: %2").arg(where, detail));
        break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_FILESIZE_EXCEEDED:
        set(TransportErrorKind::InvalidResponse,
            tr("%1 did not answer with valid HTTP: %2").arg(where, detail));
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        // For http(s) URLs this is about the reply: no status line at all (libcurl calls that
        // HTTP/0.9 and refuses it), or an unknown HTTP version.
        if (m_request.url.scheme() == QLatin1String("http") ||
            m_request.url.scheme() == QLatin1String("https"))
            set(TransportErrorKind::InvalidResponse,
                detail.contains(QLatin1String("HTTP/0.9"))
                    ? tr("%1 did not answer with valid HTTP: the reply has no HTTP status line").arg(where)
                    : tr("%1 did not answer with valid HTTP: %2").arg(where, detail));
        else
            set(TransportErrorKind::UnsupportedScheme,
                tr("the scheme '%1' cannot be sent; only http and https can").arg(m_request.url.scheme()));
        break;
    case CURLE_OUT_OF_MEMORY:
        // libcurl 7.88 refuses a single header line over CURL_MAX_HTTP_HEADER (100 KiB) this way,
        // without a message; a real allocation failure in the middle of a head is unlikely.
        if (m_head.hasStatus() && !m_head.finalBlockComplete())
            set(TransportErrorKind::HeadersTooLarge, tr("a response header line from %1 is larger than "
                                                        "libcurl accepts (100 KiB); the exchange was "
                                                        "abandoned")
                                                         .arg(where));
        else
            set(TransportErrorKind::Other, tr("out of memory while talking to %1").arg(where));
        break;
    case CURLE_PROXY:
    case CURLE_RECURSIVE_API_CALL:
        set(code == CURLE_PROXY ? TransportErrorKind::Proxy : TransportErrorKind::Other,
            tr("the request to %1 failed: %2").arg(where, detail));
        break;
    default:
        set(TransportErrorKind::Other, tr("the request to %1 failed: %2").arg(where, detail));
        break;
    }
    return error;
}

} // namespace Corscope
