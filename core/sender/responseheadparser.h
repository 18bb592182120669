#pragma once

#include "http/headerlist.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Corscope {

// Reads the header lines of one response as libcurl hands them over (CURLOPT_HEADERFUNCTION:
// one complete line per call, CRLF included, every block: 1xx interim responses, the final
// response, chunked trailers). Keeps the final block only, in order, duplicates and original
// bytes kept; libcurl's own header API would merge or drop what CORS needs to see.
class ResponseHeadParser {
public:
    enum class Result { Ok, TooLarge };

    explicit ResponseHeadParser(qint64 maxTotalBytes = 256 * 1024)
        : m_maxTotalBytes(maxTotalBytes)
    {
    }

    Result feedLine(QByteArrayView line);
    // Called when body bytes arrive: header lines after that are trailers.
    void bodyStarted() { m_inBody = true; }

    bool hasStatus() const { return m_status > 0; }
    int status() const { return m_status; }
    const QByteArray &httpVersion() const { return m_version; }
    const QByteArray &reasonPhrase() const { return m_reason; }
    const HeaderList &headers() const { return m_headers; }
    const HeaderList &trailers() const { return m_trailers; }
    const QByteArray &rawHead() const { return m_raw; } // the final block as received
    // The blank line after a final (non-1xx) status line has been seen.
    bool finalBlockComplete() const { return m_blockEnded && m_status >= 200; }
    int interimResponses() const { return m_interim; }
    qint64 totalBytes() const { return m_total; }
    qint64 maxTotalBytes() const { return m_maxTotalBytes; }
    // Lines that were neither a status line nor "name: value" (kept in rawHead, not in headers).
    int malformedLines() const { return m_malformed; }

private:
    void startBlock(QByteArrayView statusLine);
    void addHeaderLine(QByteArrayView line, HeaderList &into);

    qint64 m_maxTotalBytes;
    qint64 m_total = 0;
    int m_status = 0;
    QByteArray m_version;
    QByteArray m_reason;
    HeaderList m_headers;
    HeaderList m_trailers;
    QByteArray m_raw;
    int m_interim = 0;
    int m_malformed = 0;
    bool m_blockEnded = false;
    bool m_inBody = false;
};

} // namespace Corscope
