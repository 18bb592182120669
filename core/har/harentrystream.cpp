#include "har/harentrystream.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <cmath>
#include <cstring>
#include <simdjson.h>
#include <string_view>
#include <vector>
#include <zlib.h>

namespace Corscope {

namespace {

// One entry is read with simdjson's DOM parser: a tape of the entry instead of Qt's CBOR
// containers, read in place (issue 15's import budget). The accessors mirror QJsonValue's
// lenient reads, so a value of the wrong type reads as absent, as it always did.
using Element = simdjson::dom::element;
using Value = std::optional<Element>;

// A member of an object, or nothing when the value is not an object. The last of duplicate keys
// wins, as in QJsonDocument.
Value member(const Value &object, std::string_view key)
{
    simdjson::dom::object fields;
    if (!object || object->get_object().get(fields) != simdjson::SUCCESS)
        return std::nullopt;
    Value found;
    for (const simdjson::dom::key_value_pair field : fields) {
        if (field.key == key)
            found = field.value;
    }
    return found;
}

bool isObject(const Value &value)
{
    return value && value->is_object();
}

std::string_view text(const Value &value)
{
    std::string_view string;
    if (!value || value->get_string().get(string) != simdjson::SUCCESS)
        return {};
    return string;
}

QString string(const Value &value)
{
    const std::string_view view = text(value);
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

QByteArray utf8(const Value &value)
{
    const std::string_view view = text(value);
    return QByteArray(view.data(), qsizetype(view.size()));
}

QByteArray latin1(const Value &value)
{
    return string(value).toLatin1();
}

bool boolean(const Value &value)
{
    bool flag = false;
    return value && value->get_bool().get(flag) == simdjson::SUCCESS && flag;
}

// QJsonValue::toInteger: a whole number in range, else the default.
qint64 integer(const Value &value, qint64 otherwise)
{
    if (!value)
        return otherwise;
    int64_t whole = 0;
    if (value->get_int64().get(whole) == simdjson::SUCCESS)
        return whole;
    double number = 0;
    if (value->get_double().get(number) != simdjson::SUCCESS || std::trunc(number) != number ||
        !(number >= -9223372036854775808.0 && number < 9223372036854775808.0))
        return otherwise;
    return qint64(number);
}

bool isNumber(const Value &value)
{
    return value && value->is_number();
}

// QJsonValue::toInt: a whole number that fits an int, else the default.
int toInt(const Value &value, int otherwise = 0)
{
    const qint64 whole = integer(value, qint64(INT_MAX) + 1);
    return whole >= INT_MIN && whole <= INT_MAX ? int(whole) : otherwise;
}

// The elements of an array; none when the value is not one.
std::vector<Element> elements(const Value &value)
{
    std::vector<Element> items;
    simdjson::dom::array array;
    if (!value || value->get_array().get(array) != simdjson::SUCCESS)
        return items;
    items.reserve(array.size());
    for (const Element item : array)
        items.push_back(item);
    return items;
}

HeaderList readHeaders(const Value &array)
{
    HeaderList headers;
    for (const Element header : elements(array)) {
        const QByteArray name = utf8(member(header, "name"));
        // HTTP/2 captures list pseudo-headers (:authority, :method…); they are not headers.
        if (name.isEmpty() || name.startsWith(':'))
            continue;
        headers.append(name, utf8(member(header, "value")));
    }
    return headers;
}

HarRecordedVerdict readRecordedVerdict(const Value &cors)
{
    HarRecordedVerdict verdict;
    verdict.verdict = string(member(cors, "verdict"));
    verdict.browser = string(member(cors, "browser"));
    verdict.preflightFromCache = boolean(member(cors, "preflightFromCache"));
    verdict.errorCode = string(member(cors, "errorCode"));
    verdict.consoleMessage = string(member(cors, "consoleMessage"));
    if (const Value readable = member(cors, "readableHeaders"); readable && readable->is_array()) {
        QByteArrayList names;
        for (const Element name : elements(readable))
            names.append(latin1(name));
        verdict.readableHeaders = names;
    }
    // An index into the same file's entries; null (or absent) when the preflight was not saved.
    if (const Value paired = member(cors, "pairedPreflight"); isNumber(paired))
        verdict.pairedPreflight = qsizetype(integer(paired, 0));
    for (const Element assumption : elements(member(cors, "assumptions")))
        verdict.assumptions.append(string(assumption));
    verdict.pending = boolean(member(cors, "pending"));
    if (const Value chain = member(cors, "chain"); isObject(chain)) {
        HarRecordedVerdict::Chain position;
        if (const Value id = member(chain, "id"); isNumber(id))
            position.id = qsizetype(integer(id, 0));
        position.hop = toInt(member(chain, "hop"));
        position.hops = toInt(member(chain, "hops"));
        verdict.chain = position;
    }
    verdict.followedHop = boolean(member(cors, "followedHop"));
    for (const Element item : elements(member(cors, "readings"))) {
        verdict.readings.append({string(member(item, "reading")), string(member(item, "verdict")),
                                 string(member(item, "errorCode")), string(member(item, "consoleMessage")),
                                 string(member(item, "fix"))});
    }
    verdict.fetchMode = latin1(member(cors, "fetchMode"));
    verdict.destination = latin1(member(cors, "destination"));
    verdict.pageSaw = string(member(cors, "pageSaw"));
    return verdict;
}

QString parseErrorString(QJsonParseError::ParseError error)
{
    QJsonParseError described;
    described.error = error;
    described.offset = 0;
    return described.errorString();
}

// Strings as valid Unicode: QJsonDocument keeps a lone surrogate escape (\ud800) that
// simdjson, rightly strict, refuses; converting through UTF-8 replaces it.
QJsonValue withValidStrings(const QJsonValue &value)
{
    if (value.isString())
        return QString::fromUtf8(value.toString().toUtf8());
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(withValidStrings(item));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject from = value.toObject();
        for (auto it = from.begin(); it != from.end(); ++it)
            object.insert(QString::fromUtf8(it.key().toUtf8()), withValidStrings(it.value()));
        return object;
    }
    return value;
}

} // namespace

std::optional<HarEntry> harEntryFromJson(QByteArrayView json, qsizetype index,
                                         const QHash<QString, QJsonObject> &pages, bool keepRaw,
                                         HarError *error)
{
    auto fail = [error](const QString &path, const QString &message) {
        if (error) {
            error->path = path;
            error->message = message;
        }
        return std::nullopt;
    };
    // One parser per thread: its buffers grow to the largest entry once and are reused for every
    // entry after it (the GUI imports on a worker thread, the CLI on its main thread).
    thread_local simdjson::dom::parser parser;
    Element root;
    QByteArray canonical;
    if (parser.parse(json.data(), size_t(json.size())).get(root) != simdjson::SUCCESS) {
        // What simdjson refuses, QJsonDocument decides: a broken entry gets Qt's message (the
        // stream names its position before it gets here), one Qt reads (a lone surrogate escape,
        // an integer beyond 64 bits) is read from Qt's own rewriting of it.
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson('[' + json.toByteArray() + ']', &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(QStringLiteral("log.entries[%1]").arg(index), parseError.errorString());
        canonical = QJsonDocument(QJsonArray{withValidStrings(document.array().at(0))})
                        .toJson(QJsonDocument::Compact);
        Element wrapped;
        if (parser.parse(canonical.constData(), size_t(canonical.size())).get(wrapped) != simdjson::SUCCESS ||
            wrapped.at(0).get(root) != simdjson::SUCCESS)
            return fail(QStringLiteral("log.entries[%1]").arg(index),
                        HarEntryStream::tr("the entry is not valid JSON"));
    }
    const QString at = QStringLiteral("log.entries[%1]").arg(index);
    const Value entry = root;
    const Value request = member(entry, "request");
    const Value response = member(entry, "response");
    simdjson::dom::object requestObject;
    if (!request || request->get_object().get(requestObject) != simdjson::SUCCESS ||
        requestObject.size() == 0)
        return fail(at + QStringLiteral(".request"),
                    HarEntryStream::tr("each entry needs a 'request' object"));
    HarEntry item;
    item.index = index;
    item.started = QDateTime::fromString(string(member(entry, "startedDateTime")), Qt::ISODateWithMs);
    item.method = utf8(member(request, "method"));
    item.url = QUrl(string(member(request, "url")), QUrl::StrictMode);
    if (item.method.isEmpty() || !item.url.isValid() || item.url.scheme().isEmpty())
        return fail(at + QStringLiteral(".request"),
                    HarEntryStream::tr("each request needs a method and an absolute url"));
    item.requestHeaders = readHeaders(member(request, "headers"));
    if (const Value postText = member(member(request, "postData"), "text"))
        item.requestBody = utf8(postText);
    // Chrome records blocked requests with status 0 and no headers: the browser never showed
    // the response to anyone, so there is nothing to evaluate but the absence.
    item.response.status = toInt(member(response, "status"));
    item.response.statusText = utf8(member(response, "statusText"));
    item.response.headers = readHeaders(member(response, "headers"));
    const QString redirect = string(member(response, "redirectURL"));
    if (!redirect.isEmpty())
        item.redirectUrl = item.url.resolved(QUrl(redirect));
    // [HAR 1.2] content.text, base64 when content.encoding says so; the body as received
    // (a 3xx, an error) may be absent, which is no body rather than a broken file.
    const Value content = member(response, "content");
    const Value bodyText = member(content, "text");
    item.response.body = text(member(content, "encoding")) == "base64"
                             ? QByteArray::fromBase64(latin1(bodyText))
                             : utf8(bodyText);
    item.requestBodySize = integer(member(request, "bodySize"), -1);
    item.responseBodySize = integer(member(content, "size"), -1);
    item.networkError = string(member(response, "_error"));
    if (const Value failed = member(response, "_corscopeError"); isObject(failed)) {
        item.corscopeError =
            HarRecordedError{string(member(failed, "kind")), string(member(failed, "message")),
                             toInt(member(failed, "proxyAnswerStatus"))};
    }
    item.originalResponseHeaders = readHeaders(member(entry, "_originalResponseHeaders"));
    if (const Value cors = member(entry, "_cors"); isObject(cors))
        item.cors = readRecordedVerdict(cors);
    item.resourceType = latin1(member(entry, "_resourceType")).toLower();
    if (keepRaw) {
        // Only a re-export needs the entry as Qt's object (what Corscope does not model).
        const QJsonDocument document =
            QJsonDocument::fromJson(canonical.isEmpty() ? '[' + json.toByteArray() + ']' : canonical);
        item.raw = document.array().at(0).toObject();
        item.page = pages.value(string(member(entry, "pageref")));
    }
    return item;
}

namespace HarStreamDetail {

// Bytes of a device as UTF-8 text, whatever the file was: gzip members are inflated, a UTF-8 BOM
// is dropped, UTF-16 is converted. Output comes in bounded pieces, so a gzip bomb costs time, not
// memory.
class Decoder {
public:
    Decoder(QIODevice *device, bool lenient)
        : m_device(device)
        , m_lenient(lenient)
    {
    }
    ~Decoder()
    {
        if (m_gzip)
            inflateEnd(&m_zstream);
    }
    Decoder(const Decoder &) = delete;
    Decoder &operator=(const Decoder &) = delete;

    // Appends the next piece of text to out; false at the end of the file or on an error.
    bool read(QByteArray &out)
    {
        if (m_sniffed && !m_gzip && !m_utf16)
            return readPlain(out);
        while (true) {
            if (!m_error.isEmpty())
                return false;
            QByteArray bytes;
            const bool more = nextBytes(bytes);
            if (!m_sniffed) {
                m_head += bytes;
                // RFC 8259 §8.1: a BOM or, without one, the zero bytes of ASCII in UTF-16.
                if (m_head.size() < 4 && more)
                    continue;
                sniff();
                bytes = std::exchange(m_head, {});
            }
            if (!bytes.isEmpty()) {
                const qsizetype before = out.size();
                if (m_utf16)
                    out += QString(m_utf16->decode(bytes)).toUtf8();
                else
                    out += bytes;
                m_textOut += out.size() - before;
                return true;
            }
            if (!more)
                return false;
        }
    }

    const QString &error() const { return m_error; }
    qint64 rawBytesRead() const { return m_rawRead; }
    qint64 textBytesOut() const { return m_textOut; }

private:
    static constexpr qint64 chunkSize = 1 << 20;

    // A plain UTF-8 file, once sniffed, is read straight onto the end of out: no chunk in between.
    bool readPlain(QByteArray &out)
    {
        if (!m_error.isEmpty())
            return false;
        const qsizetype before = out.size();
        out.resize(before + chunkSize);
        const qint64 read = std::max<qint64>(m_device->read(out.data() + before, chunkSize), 0);
        out.resize(before + read);
        m_rawRead += read;
        m_textOut += read;
        return read > 0;
    }

    bool readRaw(QByteArray &out)
    {
        out.resize(chunkSize);
        const qint64 read = m_device->read(out.data(), chunkSize);
        out.resize(std::max<qint64>(read, 0));
        m_rawRead += out.size();
        return !out.isEmpty();
    }

    // The next bytes of the (inflated) file; false once nothing is left.
    bool nextBytes(QByteArray &out)
    {
        if (!m_started) {
            m_started = true;
            if (!readRaw(m_raw))
                return false;
            // [RFC 1952] 2.3.1: ID1 = 31, ID2 = 139.
            if (m_raw.size() >= 2 && uchar(m_raw.at(0)) == 0x1f && uchar(m_raw.at(1)) == 0x8b) {
                std::memset(&m_zstream, 0, sizeof m_zstream);
                // 16 + MAX_WBITS: a gzip header and trailer around the deflate data (zlib.h).
                if (inflateInit2(&m_zstream, 16 + MAX_WBITS) != Z_OK) {
                    m_error = HarEntryStream::tr("cannot start decompressing the gzip file");
                    return false;
                }
                m_gzip = true;
                m_zstream.next_in = reinterpret_cast<Bytef *>(m_raw.data());
                m_zstream.avail_in = uInt(m_raw.size());
            } else {
                out = std::exchange(m_raw, {});
                return true;
            }
        }
        if (!m_gzip)
            return readRaw(out);
        return inflateSome(out);
    }

    bool inflateSome(QByteArray &out)
    {
        out.resize(chunkSize);
        m_zstream.next_out = reinterpret_cast<Bytef *>(out.data());
        m_zstream.avail_out = uInt(out.size());
        while (m_zstream.avail_out > 0) {
            if (m_zstream.avail_in == 0) {
                if (!readRaw(m_raw)) {
                    if (!m_memberEnded && !m_lenient)
                        m_error = HarEntryStream::tr("the gzip file is truncated");
                    break;
                }
                m_zstream.next_in = reinterpret_cast<Bytef *>(m_raw.data());
                m_zstream.avail_in = uInt(m_raw.size());
            }
            if (m_memberEnded) {
                // [RFC 1952] 2.2: a gzip file is a series of members, each of its own header.
                inflateReset(&m_zstream);
                m_memberEnded = false;
            }
            const int status = inflate(&m_zstream, Z_NO_FLUSH);
            if (status == Z_STREAM_END) {
                m_memberEnded = true;
                continue;
            }
            if (status != Z_OK && status != Z_BUF_ERROR) {
                if (!m_lenient)
                    m_error = HarEntryStream::tr("the gzip file is corrupt: %1")
                                  .arg(QString::fromLatin1(m_zstream.msg ? m_zstream.msg : "inflate failed"));
                break;
            }
        }
        out.resize(out.size() - qsizetype(m_zstream.avail_out));
        return !out.isEmpty();
    }

    void sniff()
    {
        m_sniffed = true;
        const auto at = [this](qsizetype i) {
            return i < m_head.size() ? uchar(m_head.at(i)) : 0x100;
        };
        if (at(0) == 0xef && at(1) == 0xbb && at(2) == 0xbf) {
            m_head.remove(0, 3);
        } else if (at(0) == 0xff && at(1) == 0xfe) {
            m_head.remove(0, 2);
            m_utf16.emplace(QStringConverter::Utf16LE);
        } else if (at(0) == 0xfe && at(1) == 0xff) {
            m_head.remove(0, 2);
            m_utf16.emplace(QStringConverter::Utf16BE);
        } else if (at(0) != 0 && at(0) < 0x80 && at(1) == 0) {
            m_utf16.emplace(QStringConverter::Utf16LE);
        } else if (at(0) == 0 && at(1) != 0 && at(1) < 0x80) {
            m_utf16.emplace(QStringConverter::Utf16BE);
        }
    }

    QIODevice *m_device;
    bool m_lenient;
    bool m_started = false;
    bool m_gzip = false;
    bool m_memberEnded = false;
    bool m_sniffed = false;
    z_stream m_zstream{};
    QByteArray m_raw;
    QByteArray m_head;
    std::optional<QStringDecoder> m_utf16;
    QString m_error;
    qint64 m_rawRead = 0;
    qint64 m_textOut = 0;
};

// The HAR document's structure, walked without building it: the top-level object, its "log",
// and in it "entries" (each element handed out as its own bytes) and "pages". Values it does not
// need are skipped, and checked by QJsonDocument unless the scan is only looking.
class Scanner {
public:
    enum class Mode {
        Entries,   // hand out entries, check everything
        PagesOnly, // find log.pages and stop; entries are skipped unchecked
        Peek,      // find a "log" object and stop
    };
    enum class Event { Entry, Pages, LogFound, End, Error };

    Scanner(QIODevice *device, Mode mode)
        : m_decoder(device, mode == Mode::Peek)
        , m_mode(mode)
    {
        if (mode != Mode::Peek)
            m_buffer.reserve(4 << 20);
    }

    Event next()
    {
        while (true) {
            const int c = peekNonSpace();
            if (m_failed)
                return Event::Error;
            switch (m_state) {
            case State::Start:
                if (c != '{')
                    return topLevelNotAnObject(c);
                ++m_pos;
                m_state = State::TopFirst;
                break;
            case State::TopFirst:
            case State::TopNext: {
                if (m_state == State::TopFirst && c == '}') {
                    ++m_pos;
                    m_state = State::AfterTop;
                    break;
                }
                QString key;
                if (!readKey(c, QJsonParseError::UnterminatedObject, &key))
                    return Event::Error;
                const int value = peekNonSpace();
                if (key == QLatin1String("log")) {
                    m_sawLog = true;
                    if (value == '{' && !m_inLogDone) {
                        ++m_pos;
                        m_state = State::LogFirst;
                        if (m_mode == Mode::Peek)
                            return Event::LogFound;
                        break;
                    }
                    m_logIsObject = false;
                }
                if (!skipValue(value, m_mode == Mode::Entries))
                    return Event::Error;
                m_state = State::TopSeparator;
                break;
            }
            case State::TopSeparator:
                if (c == ',') {
                    ++m_pos;
                    m_state = State::TopNext;
                } else if (c == '}') {
                    ++m_pos;
                    m_state = State::AfterTop;
                } else {
                    return fail(QJsonParseError::UnterminatedObject);
                }
                break;
            case State::LogFirst:
            case State::LogNext: {
                if (m_state == State::LogFirst && c == '}') {
                    ++m_pos;
                    m_logEmpty = true;
                    m_inLogDone = true;
                    m_state = State::TopSeparator;
                    break;
                }
                QString key;
                if (!readKey(c, QJsonParseError::UnterminatedObject, &key))
                    return Event::Error;
                const int value = peekNonSpace();
                if (key == QLatin1String("entries") && !m_sawEntries) {
                    if (value == '[') {
                        m_sawEntries = true;
                        if (m_mode == Mode::PagesOnly) {
                            // Looking for the pages only: the list is skipped, unread.
                            if (!skipValue(value, false))
                                return Event::Error;
                            m_state = State::LogSeparator;
                            break;
                        }
                        ++m_pos;
                        m_state = State::EntriesFirst;
                        break;
                    }
                    if (!skipValue(value, m_mode == Mode::Entries))
                        return Event::Error;
                    return failPath(QStringLiteral("log.entries"),
                                    HarEntryStream::tr("'entries' must be a list"));
                }
                if (key == QLatin1String("pages") && m_mode != Mode::Peek) {
                    if (!skipValue(value, true))
                        return Event::Error;
                    m_pages = m_lastValue;
                    m_state = State::LogSeparator;
                    return Event::Pages;
                }
                if (!skipValue(value, m_mode == Mode::Entries))
                    return Event::Error;
                m_state = State::LogSeparator;
                break;
            }
            case State::LogSeparator:
                if (c == ',') {
                    ++m_pos;
                    m_state = State::LogNext;
                } else if (c == '}') {
                    ++m_pos;
                    m_inLogDone = true;
                    m_state = State::TopSeparator;
                } else {
                    return fail(QJsonParseError::UnterminatedObject);
                }
                break;
            case State::EntriesFirst:
            case State::EntriesNext: {
                if (m_state == State::EntriesFirst && c == ']') {
                    ++m_pos;
                    m_state = State::LogSeparator;
                    break;
                }
                if (c < 0)
                    return fail(QJsonParseError::UnterminatedArray);
                if (c == ',' || c == ']' || c == '}' || c == ':')
                    return fail(QJsonParseError::IllegalValue);
                compact();
                m_entryStart = m_pos;
                qsizetype end = 0;
                if (!valueEnd(&end)) {
                    // A truncated entry: QJsonDocument names what is missing, as it did for the
                    // whole file.
                    reportParseError(m_entryStart, m_buffer.size() - m_entryStart, false);
                    return Event::Error;
                }
                m_entry = QByteArray::fromRawData(m_buffer.constData() + m_entryStart, end - m_entryStart);
                m_pos = end;
                m_state = State::EntriesSeparator;
                return Event::Entry;
            }
            case State::EntriesSeparator:
                if (c == ',') {
                    ++m_pos;
                    m_state = State::EntriesNext;
                } else if (c == ']') {
                    ++m_pos;
                    m_state = State::LogSeparator;
                } else {
                    return fail(c < 0 ? QJsonParseError::UnterminatedArray
                                      : QJsonParseError::MissingValueSeparator);
                }
                break;
            case State::AfterTop:
                if (c >= 0)
                    return fail(QJsonParseError::GarbageAtEnd);
                if (!m_sawLog || !m_logIsObject || m_logEmpty)
                    return failPath(QStringLiteral("log"),
                                    HarEntryStream::tr("not a HAR file: there is no 'log' object"));
                if (!m_sawEntries)
                    return failPath(QStringLiteral("log.entries"),
                                    HarEntryStream::tr("'entries' must be a list"));
                return Event::End;
            }
        }
    }

    // The entry just handed out: its bytes (valid until the next call) and where it starts.
    const QByteArray &entry() const { return m_entry; }
    const QJsonValue &pages() const { return m_pages; }
    const HarError &error() const { return m_error; }
    // The bytes of the file behind what the scan has consumed: exact for a plain file, in
    // proportion for a compressed or UTF-16 one (the decoder reads ahead by a chunk).
    qint64 rawBytesConsumed() const
    {
        const qint64 text = m_decoder.textBytesOut();
        if (text <= 0)
            return m_decoder.rawBytesRead();
        const qint64 consumed = m_baseOffset + m_pos;
        return qint64(double(m_decoder.rawBytesRead()) * double(consumed) / double(text));
    }

    // A parse error QJsonDocument found in length bytes from start, as a position in the file.
    void reportParseError(qsizetype start, qsizetype length, bool wrapped)
    {
        QJsonParseError parseError;
        const QByteArray bytes = m_buffer.mid(start, length);
        if (wrapped)
            QJsonDocument::fromJson('[' + bytes + ']', &parseError);
        else
            QJsonDocument::fromJson(bytes, &parseError);
        qsizetype offset = parseError.offset - (wrapped ? 1 : 0);
        if (parseError.error == QJsonParseError::NoError) {
            parseError.error = QJsonParseError::IllegalValue;
            offset = length;
        }
        failAt(start + std::clamp<qsizetype>(offset, 0, length), parseError.errorString());
    }

private:
    enum class State {
        Start,
        TopFirst,
        TopNext,
        TopSeparator,
        LogFirst,
        LogNext,
        LogSeparator,
        EntriesFirst,
        EntriesNext,
        EntriesSeparator,
        AfterTop,
    };

    bool more()
    {
        if (m_eof)
            return false;
        if (!m_decoder.read(m_buffer)) {
            m_eof = true;
            if (!m_decoder.error().isEmpty()) {
                m_failed = true;
                m_error = HarError{m_decoder.error(), 0, 0, QString()};
            }
            return false;
        }
        return true;
    }

    // Drops what was read, keeping line and column of the buffer's first byte.
    void compact()
    {
        if (m_pos < (1 << 20))
            return;
        advancePosition(m_pos);
        m_baseOffset += m_pos;
        // Moved down in place: the buffer keeps its capacity, so the next chunk needs no new
        // allocation (QByteArray::remove(0, n) would keep the dropped bytes as free space at the
        // front and grow the block again on the next append).
        char *data = m_buffer.data();
        std::memmove(data, data + m_pos, size_t(m_buffer.size() - m_pos));
        m_buffer.truncate(m_buffer.size() - m_pos);
        m_pos = 0;
    }

    void advancePosition(qsizetype count)
    {
        const char *data = m_buffer.constData();
        const void *last = nullptr;
        for (const char *p = data; p < data + count;) {
            const void *newline = std::memchr(p, '\n', size_t(data + count - p));
            if (!newline)
                break;
            ++m_baseLine;
            last = newline;
            p = static_cast<const char *>(newline) + 1;
        }
        if (last)
            m_baseColumn = 1 + (data + count - static_cast<const char *>(last) - 1);
        else
            m_baseColumn += count;
    }

    int peekNonSpace()
    {
        while (true) {
            while (m_pos < m_buffer.size()) {
                const char c = m_buffer.at(m_pos);
                // [RFC 8259] 2: insignificant whitespace is space, tab, LF and CR.
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                    return uchar(c);
                ++m_pos;
            }
            if (!more())
                return -1;
        }
    }

    void failAt(qsizetype bufferIndex, const QString &message)
    {
        if (m_failed)
            return; // the first error (a broken gzip stream under a cut value) is the one
        qint64 line = m_baseLine;
        qint64 column = m_baseColumn;
        const char *data = m_buffer.constData();
        for (qsizetype i = 0; i < bufferIndex && i < m_buffer.size(); ++i) {
            if (data[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        m_failed = true;
        m_error = HarError{message, int(std::min<qint64>(line, INT_MAX)),
                           int(std::min<qint64>(column, INT_MAX)), QString()};
    }

    Event fail(QJsonParseError::ParseError error)
    {
        if (!m_failed)
            failAt(std::min(m_pos + 1, m_buffer.size()), parseErrorString(error));
        return Event::Error;
    }

    Event failPath(const QString &path, const QString &message)
    {
        m_failed = true;
        m_error = HarError{message, 0, 0, path};
        return Event::Error;
    }

    Event topLevelNotAnObject(int c)
    {
        if (c < 0)
            return fail(QJsonParseError::IllegalValue);
        if (m_mode == Mode::Peek) {
            m_failed = true;
            return Event::Error;
        }
        if (!skipValue(c, true))
            return Event::Error;
        const int after = peekNonSpace();
        if (after >= 0)
            return fail(QJsonParseError::GarbageAtEnd);
        return failPath(QStringLiteral("log"),
                        HarEntryStream::tr("not a HAR file: there is no 'log' object"));
    }

    // The index just past the string that opens at start; false at the end of the file.
    bool stringEnd(qsizetype start, qsizetype *end)
    {
        qsizetype from = start + 1;
        while (true) {
            const char *data = m_buffer.constData();
            const void *quote = std::memchr(data + from, '"', size_t(m_buffer.size() - from));
            if (!quote) {
                from = m_buffer.size();
                if (!more())
                    return false;
                continue;
            }
            const qsizetype at = static_cast<const char *>(quote) - data;
            qsizetype backslashes = 0;
            while (at - 1 - backslashes > start && data[at - 1 - backslashes] == '\\')
                ++backslashes;
            if (backslashes % 2 == 0) {
                *end = at + 1;
                return true;
            }
            from = at + 1;
        }
    }

    // The index just past the value at m_pos (which peekNonSpace found); false when the file
    // ends first. Brackets are counted, not matched: the parse of the value checks them.
    bool valueEnd(qsizetype *end)
    {
        const char first = m_buffer.at(m_pos);
        if (first == '"')
            return stringEnd(m_pos, end);
        qsizetype i = m_pos;
        if (first != '{' && first != '[') {
            while (true) {
                for (; i < m_buffer.size(); ++i) {
                    const char c = m_buffer.at(i);
                    if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
                        break;
                }
                if (i < m_buffer.size() || !more())
                    break;
            }
            *end = i;
            return true;
        }
        qsizetype depth = 0;
        while (true) {
            if (i >= m_buffer.size() && !more())
                return false;
            const char c = m_buffer.at(i);
            if (c == '"') {
                if (!stringEnd(i, &i))
                    return false;
                continue;
            }
            ++i;
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    *end = i;
                    return true;
                }
            }
        }
    }

    // Skips the value at m_pos; with check, parses it (small: version, creator, pages, comment)
    // so a broken file is refused wherever it breaks. The parsed value is kept in m_lastValue.
    bool skipValue(int c, bool check)
    {
        if (c < 0 || c == ',' || c == ']' || c == '}' || c == ':') {
            fail(QJsonParseError::IllegalValue);
            return false;
        }
        compact();
        const qsizetype start = m_pos;
        qsizetype end = 0;
        if (!valueEnd(&end)) {
            if (m_failed)
                return false;
            if (m_mode == Mode::Peek) {
                m_failed = true;
                return false;
            }
            reportParseError(start, m_buffer.size() - start, true);
            return false;
        }
        if (check) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(
                '[' + QByteArray::fromRawData(m_buffer.constData() + start, end - start) + ']', &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                reportParseError(start, end - start, true);
                return false;
            }
            m_lastValue = document.array().at(0);
        }
        m_pos = end;
        return true;
    }

    // A member's name and its ':'; the value's first character is next.
    bool readKey(int c, QJsonParseError::ParseError otherwise, QString *key)
    {
        if (c != '"') {
            fail(c < 0 ? otherwise : QJsonParseError::IllegalValue);
            return false;
        }
        qsizetype end = 0;
        if (!stringEnd(m_pos, &end)) {
            if (!m_failed)
                failAt(m_buffer.size(), parseErrorString(QJsonParseError::UnterminatedString));
            return false;
        }
        const QByteArray raw = m_buffer.mid(m_pos + 1, end - m_pos - 2);
        if (raw.contains('\\')) {
            QJsonParseError parseError;
            const QJsonDocument document =
                QJsonDocument::fromJson('[' + m_buffer.mid(m_pos, end - m_pos) + ']', &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                reportParseError(m_pos, end - m_pos, true);
                return false;
            }
            *key = document.array().at(0).toString();
        } else {
            *key = QString::fromUtf8(raw);
        }
        m_pos = end;
        if (peekNonSpace() != ':') {
            fail(QJsonParseError::MissingNameSeparator);
            return false;
        }
        ++m_pos;
        return true;
    }

    Decoder m_decoder;
    Mode m_mode;
    State m_state = State::Start;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_baseLine = 1;
    qint64 m_baseColumn = 1;
    qint64 m_baseOffset = 0; // bytes of text dropped before the buffer
    bool m_eof = false;
    bool m_failed = false;
    bool m_sawLog = false;
    bool m_logIsObject = true;
    bool m_logEmpty = false;
    bool m_inLogDone = false;
    bool m_sawEntries = false;
    qsizetype m_entryStart = 0;
    QByteArray m_entry;
    QJsonValue m_pages;
    QJsonValue m_lastValue;
    HarError m_error;

public:
    // Whether the entry at entry() is JSON as QJsonDocument reads it; when not, the error is set
    // at its position in the file.
    bool entryParses()
    {
        QJsonParseError parseError;
        const bool object = m_entry.startsWith('{');
        QJsonDocument::fromJson(object ? m_entry : '[' + m_entry + ']', &parseError);
        if (parseError.error == QJsonParseError::NoError)
            return true;
        reportParseError(m_entryStart, m_entry.size(), !object);
        return false;
    }
};

} // namespace HarStreamDetail

using HarStreamDetail::Scanner;

HarEntryStream::HarEntryStream(QIODevice *device, Options options)
    : m_device(device)
    , m_options(options)
    , m_scanner(std::make_unique<Scanner>(device, Scanner::Mode::Entries))
{
}

HarEntryStream::HarEntryStream(const QString &path, Options options)
    : m_options(options)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        m_error = HarError{tr("cannot read %1: %2").arg(path, file->errorString()), 0, 0, QString()};
        m_done = true;
    }
    m_ownedDevice = std::move(file);
    m_device = m_ownedDevice.get();
    m_scanner = std::make_unique<Scanner>(m_device, Scanner::Mode::Entries);
}

HarEntryStream::~HarEntryStream() = default;

bool HarEntryStream::loadPages()
{
    if (m_device->isSequential())
        return false;
    const qint64 start = m_device->pos();
    bool found = false;
    {
        Scanner pages(m_device, Scanner::Mode::PagesOnly);
        for (Scanner::Event event = pages.next();
             event != Scanner::Event::End && event != Scanner::Event::Error; event = pages.next()) {
            if (event == Scanner::Event::Pages) {
                for (const QJsonValue &page : pages.pages().toArray())
                    m_pages.insert(page.toObject().value(QStringLiteral("id")).toString(), page.toObject());
                found = true;
                break;
            }
        }
    }
    m_device->seek(start);
    return found;
}

std::optional<HarEntry> HarEntryStream::next()
{
    if (m_done)
        return std::nullopt;
    bool pagesLoaded = false;
    if (!m_started) {
        m_started = true;
        // The pages of a file whose entries come first, read before the entries need them.
        if (m_options.keepRaw)
            pagesLoaded = loadPages();
    }
    while (true) {
        switch (m_scanner->next()) {
        case Scanner::Event::Pages:
            if (m_options.keepRaw && !pagesLoaded && m_nextIndex == 0) {
                for (const QJsonValue &page : m_scanner->pages().toArray())
                    m_pages.insert(page.toObject().value(QStringLiteral("id")).toString(), page.toObject());
            }
            continue;
        case Scanner::Event::LogFound:
            continue;
        case Scanner::Event::Entry: {
            HarError error;
            std::optional<HarEntry> entry =
                harEntryFromJson(m_scanner->entry(), m_nextIndex, m_pages, m_options.keepRaw, &error);
            if (!entry) {
                // A broken entry is named by its position in the file, as QJsonDocument finds it.
                m_error = m_scanner->entryParses() ? error : m_scanner->error();
                m_done = true;
                return std::nullopt;
            }
            ++m_nextIndex;
            return entry;
        }
        case Scanner::Event::End:
            m_done = true;
            return std::nullopt;
        case Scanner::Event::Error:
            m_error = m_scanner->error();
            m_done = true;
            return std::nullopt;
        }
    }
}

qint64 HarEntryStream::bytesRead() const
{
    return m_scanner->rawBytesConsumed();
}

qint64 HarEntryStream::totalBytes() const
{
    return m_device->isSequential() ? -1 : m_device->size();
}

bool HarEntryStream::looksLikeHar(const QByteArray &start)
{
    QByteArray copy = start;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    Scanner scanner(&buffer, Scanner::Mode::Peek);
    while (true) {
        switch (scanner.next()) {
        case Scanner::Event::LogFound:
            return true;
        case Scanner::Event::Entry:
        case Scanner::Event::Pages:
            continue;
        case Scanner::Event::End:
        case Scanner::Event::Error:
            return false;
        }
    }
}

} // namespace Corscope
