#include "sender/responseheadparser.h"

namespace Corscope {

namespace {

QByteArrayView chompLineEnd(QByteArrayView line)
{
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r'))
        line.chop(1);
    return line;
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimOws(QByteArrayView value)
{
    while (!value.isEmpty() && isOws(value.front()))
        value = value.sliced(1);
    while (!value.isEmpty() && isOws(value.back()))
        value.chop(1);
    return value;
}

} // namespace

ResponseHeadParser::Result ResponseHeadParser::feedLine(QByteArrayView line)
{
    m_total += line.size();
    if (m_total > m_maxTotalBytes)
        return Result::TooLarge;

    const QByteArrayView content = chompLineEnd(line);
    if (m_inBody) {
        if (!content.isEmpty())
            addHeaderLine(content, m_trailers);
        return Result::Ok;
    }
    // [rfc9112] 4. Status Line; libcurl passes every block, so a new status line starts a new
    // response: the previous one was 1xx interim (103 Early Hints, 100 Continue).
    if (content.startsWith("HTTP/") && (m_status == 0 || m_blockEnded)) {
        startBlock(content);
        m_raw.append(line.data(), line.size());
        return Result::Ok;
    }
    m_raw.append(line.data(), line.size());
    if (content.isEmpty()) {
        m_blockEnded = true;
        return Result::Ok;
    }
    if (m_blockEnded && m_status >= 200) {
        // Header lines after the final block without body bytes in between: trailers of an
        // empty chunked body.
        m_raw.chop(line.size());
        addHeaderLine(content, m_trailers);
        return Result::Ok;
    }
    addHeaderLine(content, m_headers);
    return Result::Ok;
}

void ResponseHeadParser::startBlock(QByteArrayView statusLine)
{
    if (m_status != 0)
        ++m_interim;
    m_headers = HeaderList();
    m_raw.clear();
    m_blockEnded = false;
    m_reason.clear();
    m_status = 0;
    // HTTP-version SP status-code SP [ reason-phrase ]; HTTP/2 as libcurl prints it has no
    // reason phrase.
    const qsizetype firstSpace = statusLine.indexOf(' ');
    m_version = (firstSpace < 0 ? statusLine : statusLine.first(firstSpace)).toByteArray();
    if (firstSpace < 0)
        return;
    QByteArrayView rest = statusLine.sliced(firstSpace + 1);
    const qsizetype secondSpace = rest.indexOf(' ');
    const QByteArrayView code = secondSpace < 0 ? rest : rest.first(secondSpace);
    bool ok = false;
    const int status = code.size() == 3 ? code.toInt(&ok) : 0;
    m_status = ok ? status : 0;
    if (secondSpace >= 0)
        m_reason = rest.sliced(secondSpace + 1).toByteArray();
}

void ResponseHeadParser::addHeaderLine(QByteArrayView line, HeaderList &into)
{
    // [rfc9112] 5.2. Obsolete Line Folding: a continuation line joins the previous value with
    // a single space.
    if (isOws(line.front())) {
        if (into.isEmpty()) {
            ++m_malformed;
            return;
        }
        const Header last = into.headers().last();
        QList<Header> headers = into.headers();
        headers.last().value = last.value + ' ' + trimOws(line).toByteArray();
        HeaderList rebuilt;
        rebuilt.reserve(headers.size());
        for (const Header &header : headers)
            rebuilt.append(header.name, header.value);
        into = std::move(rebuilt);
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        ++m_malformed;
        return;
    }
    into.append(line.first(colon).toByteArray(), trimOws(line.sliced(colon + 1)).toByteArray());
}

} // namespace Corscope
