#include "capture/flowjournal.h"

#include "app/privatefile.h"
#include "capture/journalformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <bit>
#include <cstdio>
#include <limits>
#include <string_view>
#include <unistd.h>
#include <unordered_map>

namespace Corscope {

namespace {

QJsonArray headersToJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const Header &header : headers)
        array.append(QJsonArray{QString::fromLatin1(header.name), QString::fromLatin1(header.value)});
    return array;
}

HeaderList headersFromJson(const QJsonValue &value)
{
    HeaderList headers;
    for (const QJsonValue &pair : value.toArray())
        headers.append(pair.toArray().at(0).toString().toLatin1(),
                       pair.toArray().at(1).toString().toLatin1());
    return headers;
}

// The first format's line: the flow as JSON, its bodies inline in base64.
QJsonObject toJson(const Flow &flow)
{
    QJsonObject object{
        {QStringLiteral("id"), QString::number(flow.id)},
        {QStringLiteral("state"), int(flow.state)},
        {QStringLiteral("started"), flow.started.toString(Qt::ISODateWithMs)},
        {QStringLiteral("method"), QString::fromLatin1(flow.method)},
        {QStringLiteral("url"), flow.url.toString(QUrl::FullyEncoded)},
        {QStringLiteral("httpVersion"), QString::fromLatin1(flow.httpVersion)},
        {QStringLiteral("requestHeaders"), headersToJson(flow.requestHeaders)},
        {QStringLiteral("requestBodySize"), flow.requestBodySize},
        {QStringLiteral("status"), flow.status},
        {QStringLiteral("reason"), QString::fromLatin1(flow.reason)},
        {QStringLiteral("responseHeaders"), headersToJson(flow.responseHeaders)},
        {QStringLiteral("originalResponseHeaders"), headersToJson(flow.originalResponseHeaders)},
        {QStringLiteral("responseBodySize"), flow.responseBodySize},
        {QStringLiteral("error"), flow.error},
        {QStringLiteral("clientAddress"), flow.clientAddress.toString()},
        {QStringLiteral("clientPort"), flow.clientPort},
        {QStringLiteral("serverAddress"), flow.serverAddress},
        {QStringLiteral("serverPort"), flow.serverPort},
        {QStringLiteral("tunnel"), flow.tunnel},
        {QStringLiteral("websocket"), flow.websocket},
        {QStringLiteral("answeredLocally"), flow.answeredLocally},
        {QStringLiteral("appliedRules"), QJsonArray::fromStringList(flow.appliedRules)},
        {QStringLiteral("requestSentMs"), flow.requestSentMs},
        {QStringLiteral("responseHeadersMs"), flow.responseHeadersMs},
        {QStringLiteral("completeMs"), flow.completeMs},
    };
    object.insert(QStringLiteral("requestBody"), QString::fromLatin1(flow.requestBody.toBase64()));
    object.insert(QStringLiteral("responseBody"), QString::fromLatin1(flow.responseBody.toBase64()));
    if (flow.tls)
        object.insert(QStringLiteral("tls"), flow.tls->toJson());
    if (flow.errorKind != FlowError::None)
        object.insert(QStringLiteral("errorKind"), flowErrorName(flow.errorKind));
    if (flow.proxyAnswerStatus != 0)
        object.insert(QStringLiteral("proxyAnswerStatus"), flow.proxyAnswerStatus);
    return object;
}

std::optional<Flow> fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject o = document.object();
    bool ok = false;
    Flow flow;
    flow.id = o.value(u"id").toString().toULongLong(&ok);
    const int state = o.value(u"state").toInt(-1);
    if (!ok || state < int(Flow::State::RequestHeaders) || state > int(Flow::State::Error))
        return std::nullopt;
    flow.state = Flow::State(state);
    flow.started = QDateTime::fromString(o.value(u"started").toString(), Qt::ISODateWithMs);
    flow.method = o.value(u"method").toString().toLatin1();
    flow.url = QUrl(o.value(u"url").toString());
    flow.httpVersion = o.value(u"httpVersion").toString().toLatin1();
    flow.requestHeaders = headersFromJson(o.value(u"requestHeaders"));
    flow.requestBody = QByteArray::fromBase64(o.value(u"requestBody").toString().toLatin1());
    flow.requestBodySize = qint64(o.value(u"requestBodySize").toDouble());
    flow.status = o.value(u"status").toInt();
    flow.reason = o.value(u"reason").toString().toLatin1();
    flow.responseHeaders = headersFromJson(o.value(u"responseHeaders"));
    flow.originalResponseHeaders = headersFromJson(o.value(u"originalResponseHeaders"));
    flow.responseBody = QByteArray::fromBase64(o.value(u"responseBody").toString().toLatin1());
    flow.responseBodySize = qint64(o.value(u"responseBodySize").toDouble());
    flow.error = o.value(u"error").toString();
    flow.errorKind = flowErrorFromName(o.value(u"errorKind").toString());
    flow.proxyAnswerStatus = o.value(u"proxyAnswerStatus").toInt();
    flow.clientAddress = QHostAddress(o.value(u"clientAddress").toString());
    flow.clientPort = quint16(o.value(u"clientPort").toInt());
    flow.serverAddress = o.value(u"serverAddress").toString();
    flow.serverPort = quint16(o.value(u"serverPort").toInt());
    flow.tunnel = o.value(u"tunnel").toBool();
    flow.websocket = o.value(u"websocket").toBool();
    flow.answeredLocally = o.value(u"answeredLocally").toBool();
    if (o.value(u"tls").isObject())
        flow.tls = TlsDetails::fromJson(o.value(u"tls").toObject());
    for (const QJsonValue &name : o.value(u"appliedRules").toArray())
        flow.appliedRules.append(name.toString());
    flow.requestSentMs = o.value(u"requestSentMs").toDouble(-1);
    flow.responseHeadersMs = o.value(u"responseHeadersMs").toDouble(-1);
    flow.completeMs = o.value(u"completeMs").toDouble(-1);
    return flow;
}

// The framed format's record: the flow in a fixed order of little-endian fields, lengths before
// bytes. Binary, not JSON: a restart decodes 100k of them in a fraction of a second, where
// parsing their JSON took seconds. Any field that runs past the payload makes the record corrupt.
class RecordWriter {
public:
    explicit RecordWriter(QByteArray *out)
        : m_out(out)
    {
    }
    template<typename T> void number(T value)
    {
        char bytes[sizeof(T)];
        qToLittleEndian(value, bytes);
        m_out->append(bytes, sizeof(T));
    }
    void real(double value) { number(std::bit_cast<quint64>(value)); }
    void bytes(QByteArrayView value)
    {
        number(quint32(value.size()));
        m_out->append(value);
    }
    void text(const QString &value) { bytes(value.toUtf8()); }
    void headers(const HeaderList &list)
    {
        number(quint32(list.size()));
        for (const Header &header : list) {
            bytes(header.name);
            bytes(header.value);
        }
    }

private:
    QByteArray *m_out;
};

// Header names, and many values, repeat in every flow of a capture: decoded once, they are
// shared (QByteArray's implicit sharing) instead of allocated again for each flow. Bounded, so a
// capture of unique values does not grow it without end.
class SharedBytes {
public:
    QByteArray get(QByteArrayView bytes)
    {
        const std::string_view key(bytes.data(), size_t(bytes.size()));
        if (const auto found = m_seen.find(key); found != m_seen.end())
            return found->second;
        QByteArray copy = bytes.toByteArray();
        if (m_seen.size() < 4096 && bytes.size() <= 96)
            m_seen.emplace(std::string_view(copy.constData(), size_t(copy.size())), copy);
        return copy;
    }

private:
    // Keys point into the values' own bytes, which sharing never moves.
    std::unordered_map<std::string_view, QByteArray> m_seen;
};

class RecordReader {
public:
    RecordReader(QByteArrayView in, SharedBytes *shared)
        : m_in(in)
        , m_shared(shared)
    {
    }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_in.size(); }
    template<typename T> T number()
    {
        if (!take(sizeof(T)))
            return T{};
        return qFromLittleEndian<T>(m_in.data() + m_at - qsizetype(sizeof(T)));
    }
    double real() { return std::bit_cast<double>(number<quint64>()); }
    QByteArrayView view()
    {
        const quint32 size = number<quint32>();
        if (!m_ok || !take(size))
            return {};
        return m_in.sliced(m_at - qsizetype(size), size);
    }
    QByteArray bytes() { return view().toByteArray(); }
    QString text() { return QString::fromUtf8(view()); }
    HeaderList headers()
    {
        HeaderList list;
        const quint32 count = number<quint32>();
        // Each header takes at least its two lengths: a count the payload cannot hold is corrupt.
        if (!m_ok || count > quint64(m_in.size() - m_at) / 8) {
            m_ok = false;
            return list;
        }
        list.reserve(count);
        for (quint32 i = 0; i < count && m_ok; ++i) {
            QByteArray name = m_shared->get(view());
            QByteArray value = m_shared->get(view());
            list.append(std::move(name), std::move(value));
        }
        return list;
    }

private:
    bool take(quint64 size)
    {
        if (!m_ok || size > quint64(m_in.size() - m_at)) {
            m_ok = false;
            return false;
        }
        m_at += qsizetype(size);
        return true;
    }
    QByteArrayView m_in;
    SharedBytes *m_shared;
    qsizetype m_at = 0;
    bool m_ok = true;
};

enum RecordFlag : quint8 { Tunnel = 1, Websocket = 2, AnsweredLocally = 4, HasTls = 8 };

QByteArray encodeFlow(const Flow &flow)
{
    QByteArray out;
    out.reserve(512 + flow.url.toString().size());
    RecordWriter w(&out);
    w.number(flow.id);
    w.number(quint8(flow.state));
    w.number(quint8(flow.started.isValid()));
    w.number(qint64(flow.started.isValid() ? flow.started.toMSecsSinceEpoch() : 0));
    w.number(qint32(flow.started.isValid() ? flow.started.offsetFromUtc() : 0));
    w.bytes(flow.method);
    w.bytes(flow.url.toEncoded());
    w.bytes(flow.httpVersion);
    w.headers(flow.requestHeaders);
    w.number(qint64(flow.requestBodySize));
    w.number(qint32(flow.status));
    w.bytes(flow.reason);
    w.headers(flow.responseHeaders);
    w.headers(flow.originalResponseHeaders);
    w.number(qint64(flow.responseBodySize));
    w.text(flow.error);
    w.text(flowErrorName(flow.errorKind));
    w.number(qint32(flow.proxyAnswerStatus));
    w.text(flow.clientAddress.isNull() ? QString() : flow.clientAddress.toString());
    w.number(flow.clientPort);
    w.text(flow.serverAddress);
    w.number(flow.serverPort);
    w.number(quint8((flow.tunnel ? Tunnel : 0) | (flow.websocket ? Websocket : 0) |
                    (flow.answeredLocally ? AnsweredLocally : 0) | (flow.tls ? HasTls : 0)));
    if (flow.tls)
        w.bytes(QJsonDocument(flow.tls->toJson()).toJson(QJsonDocument::Compact));
    w.number(quint32(flow.appliedRules.size()));
    for (const QString &rule : flow.appliedRules)
        w.text(rule);
    w.real(flow.requestSentMs);
    w.real(flow.responseHeadersMs);
    w.real(flow.completeMs);
    return out;
}

std::optional<Flow> decodeFlow(QByteArrayView payload, SharedBytes *shared)
{
    RecordReader r(payload, shared);
    Flow flow;
    flow.id = r.number<quint64>();
    const quint8 state = r.number<quint8>();
    if (state > quint8(Flow::State::Error))
        return std::nullopt;
    flow.state = Flow::State(state);
    const bool hasStarted = r.number<quint8>() != 0;
    const qint64 started = r.number<qint64>();
    const qint32 offset = r.number<qint32>();
    // [ISO 8601] offsets stay within ±18 hours; anything else is damage.
    if (offset < -18 * 3600 || offset > 18 * 3600)
        return std::nullopt;
    if (hasStarted)
        flow.started = QDateTime::fromMSecsSinceEpoch(started, Qt::OffsetFromUTC, offset);
    flow.method = shared->get(r.view());
    flow.url = QUrl::fromEncoded(r.view().toByteArray());
    flow.httpVersion = shared->get(r.view());
    flow.requestHeaders = r.headers();
    flow.requestBodySize = r.number<qint64>();
    flow.status = r.number<qint32>();
    flow.reason = shared->get(r.view());
    flow.responseHeaders = r.headers();
    flow.originalResponseHeaders = r.headers();
    flow.responseBodySize = r.number<qint64>();
    flow.error = r.text();
    flow.errorKind = flowErrorFromName(r.text());
    flow.proxyAnswerStatus = r.number<qint32>();
    const QString client = r.text();
    if (!client.isEmpty())
        flow.clientAddress = QHostAddress(client);
    flow.clientPort = r.number<quint16>();
    flow.serverAddress = r.text();
    flow.serverPort = r.number<quint16>();
    const quint8 flags = r.number<quint8>();
    flow.tunnel = flags & Tunnel;
    flow.websocket = flags & Websocket;
    flow.answeredLocally = flags & AnsweredLocally;
    if (flags & HasTls) {
        const QJsonDocument tls = QJsonDocument::fromJson(r.bytes());
        if (!tls.isObject())
            return std::nullopt;
        flow.tls = TlsDetails::fromJson(tls.object());
    }
    const quint32 rules = r.number<quint32>();
    if (!r.ok() || rules > quint64(payload.size()) / 4)
        return std::nullopt;
    for (quint32 i = 0; i < rules && r.ok(); ++i)
        flow.appliedRules.append(r.text());
    flow.requestSentMs = r.real();
    flow.responseHeadersMs = r.real();
    flow.completeMs = r.real();
    if (!r.ok() || !r.atEnd())
        return std::nullopt;
    return flow;
}

} // namespace

QByteArray FlowJournal::serialize(const Flow &flow)
{
    return QJsonDocument(toJson(flow)).toJson(QJsonDocument::Compact);
}

std::optional<Flow> FlowJournal::deserialize(const QByteArray &line)
{
    return fromJson(line);
}

bool FlowJournal::create(const QString &path, QString *error)
{
    m_records.setFileName(path);
    m_bodies.setFileName(bodiesPath(path));
    constexpr QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered;
    if (!PrivateFile::open(m_bodies, mode, error) || !PrivateFile::open(m_records, mode, error)) {
        close();
        return false;
    }
    const QByteArray head = JournalFormat::header();
    if (m_records.write(head) != head.size()) {
        *error = tr("Cannot write the capture journal %1: %2").arg(path, m_records.errorString());
        close();
        return false;
    }
    m_bodiesEnd = 0;
    return true;
}

bool FlowJournal::migrateLegacy(const QString &path, QString *error)
{
    const Recovery legacy = read(path, error);
    if (error && !error->isEmpty())
        return false;
    // Written beside it and moved over it: a crash mid-way leaves the legacy journal whole.
    const QString migrating = path + QStringLiteral(".migrating");
    FlowJournal next;
    next.setSyncPolicy(SyncPolicy::Never);
    if (!next.create(migrating, error))
        return false;
    for (const Flow &flow : legacy.flows) {
        if (!next.append(flow)) {
            *error =
                tr("Cannot write the capture journal %1: %2").arg(migrating, next.m_records.errorString());
            next.close();
            remove(migrating);
            return false;
        }
    }
    next.sync(true);
    next.close();
    if (!rename(migrating, path)) {
        *error = tr("Cannot replace the capture journal %1.").arg(path);
        remove(migrating);
        return false;
    }
    return true;
}

bool FlowJournal::open(const QString &path, QString *error)
{
    close();
    QByteArray start;
    {
        QFile existing(path);
        if (existing.open(QIODevice::ReadOnly)) {
            start = existing.read(JournalFormat::kHeaderSize);
        } else if (existing.exists()) {
            // Never taken for an empty journal and truncated: it may hold a capture.
            *error = tr("Cannot read the capture journal %1: %2").arg(path, existing.errorString());
            return false;
        }
    }
    const JournalFormat::Kind kind = JournalFormat::kindOf(start);
    if (kind == JournalFormat::Kind::Empty)
        return create(path, error);
    if (kind == JournalFormat::Kind::Legacy && !migrateLegacy(path, error))
        return false;

    m_records.setFileName(path);
    m_bodies.setFileName(bodiesPath(path));
    constexpr QIODevice::OpenMode mode = QIODevice::ReadWrite | QIODevice::Unbuffered;
    if (!PrivateFile::open(m_records, mode, error) || !PrivateFile::open(m_bodies, mode, error)) {
        close();
        return false;
    }
    const QByteArray data = m_records.readAll();
    const JournalFormat::Scan scan = JournalFormat::scan(data);
    quint64 bodiesEnd = 0;
    for (const JournalFormat::Record &record : scan.records)
        bodiesEnd = std::max({bodiesEnd, record.requestBody.offset + record.requestBody.length,
                              record.responseBody.offset + record.responseBody.length});
    // Bodies a record points at but the file lacks (lost to a power cut, or an edited record)
    // stay unreadable; the file is not grown to fit them.
    bodiesEnd = std::min(bodiesEnd, quint64(m_bodies.size()));
    // A torn tail is cut before anything is appended: the next record starts where the last
    // intact one ends, never inside the torn one. Body bytes no intact record points at go too.
    if ((scan.validEnd < data.size() && !m_records.resize(scan.validEnd)) ||
        (quint64(m_bodies.size()) != bodiesEnd && !m_bodies.resize(qint64(bodiesEnd))) ||
        !m_records.seek(scan.validEnd) || !m_bodies.seek(qint64(bodiesEnd))) {
        *error = tr("Cannot repair the capture journal %1: %2").arg(path, m_records.errorString());
        close();
        return false;
    }
    m_bodiesEnd = bodiesEnd;
    return true;
}

void FlowJournal::close()
{
    if (m_records.isOpen())
        sync(true);
    m_records.close();
    m_bodies.close();
    m_dirty = false;
}

void FlowJournal::sync(bool force)
{
    if (!m_dirty || m_syncPolicy == SyncPolicy::Never)
        return;
    if (m_syncPolicy == SyncPolicy::Periodic && !force && m_sinceSync.isValid() &&
        m_sinceSync.elapsed() < 1000)
        return;
#ifdef Q_OS_UNIX
    // Bodies first: on the disk as in the file, a record comes after what it points at.
    ::fdatasync(m_bodies.handle());
    ::fdatasync(m_records.handle());
#endif
    m_sinceSync.start();
    m_dirty = false;
}

bool FlowJournal::append(const Flow &flow)
{
    if (!m_records.isOpen())
        return false;
    const quint64 bodiesBefore = m_bodiesEnd;
    JournalFormat::BodyRef refs[2];
    const QByteArray *bodies[2] = {&flow.requestBody, &flow.responseBody};
    for (int i = 0; i < 2; ++i) {
        const QByteArray &body = *bodies[i];
        if (body.isEmpty())
            continue;
        if (body.size() > qsizetype(std::numeric_limits<quint32>::max()) ||
            m_bodies.write(body) != body.size()) {
            m_bodies.resize(qint64(bodiesBefore));
            m_bodies.seek(qint64(bodiesBefore));
            m_bodiesEnd = bodiesBefore;
            return false;
        }
        refs[i] = {m_bodiesEnd, quint32(body.size()), JournalFormat::crc32(body)};
        m_bodiesEnd += quint64(body.size());
    }
    // The commit point: one write(2) of the whole record, after its bodies'.
    const QByteArray record = JournalFormat::encodeRecord(refs[0], refs[1], encodeFlow(flow));
    const qint64 before = m_records.pos();
    if (m_records.write(record) != record.size()) {
        // A record cut short by a full disk would otherwise sit before the next one.
        m_records.resize(before);
        m_records.seek(before);
        return false;
    }
    m_dirty = true;
    sync(m_syncPolicy == SyncPolicy::EveryRecord);
    return true;
}

namespace {

FlowJournal::Recovery readLegacy(const QByteArray &data)
{
    FlowJournal::Recovery recovery;
    qsizetype pos = 0;
    while (pos < data.size()) {
        qsizetype end = data.indexOf('\n', pos);
        const bool complete = end >= 0;
        if (!complete)
            end = data.size();
        const QByteArray line = data.sliced(pos, end - pos);
        pos = end + 1;
        if (line.trimmed().isEmpty())
            continue;
        if (auto flow = FlowJournal::deserialize(line))
            recovery.flows.append(std::move(*flow));
        else if (complete)
            ++recovery.corrupt;
        else
            recovery.tornTail = true;
    }
    return recovery;
}

} // namespace

FlowJournal::Recovery FlowJournal::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error && file.exists())
            *error = tr("Cannot read the capture journal %1: %2").arg(path, file.errorString());
        return {};
    }
    // Mapped, not read: the records are decoded in place and each body copied once, out of the
    // page cache.
    const qint64 size = file.size();
    const uchar *records = size > 0 ? file.map(0, size) : nullptr;
    const QByteArray copy = records || size == 0 ? QByteArray() : file.readAll();
    const QByteArrayView data =
        records ? QByteArrayView(reinterpret_cast<const char *>(records), size) : QByteArrayView(copy);
    QFile bodiesFile(bodiesPath(path));
    const uchar *bodies = nullptr;
    qint64 bodiesSize = 0;
    if (bodiesFile.open(QIODevice::ReadOnly) && bodiesFile.size() > 0) {
        bodiesSize = bodiesFile.size();
        bodies = bodiesFile.map(0, bodiesSize);
    }
    return readBytes(data, bodies ? QByteArrayView(reinterpret_cast<const char *>(bodies), bodiesSize)
                                  : QByteArrayView());
}

FlowJournal::Recovery FlowJournal::readBytes(QByteArrayView records, QByteArrayView bodies)
{
    switch (JournalFormat::kindOf(records.first(std::min(records.size(), JournalFormat::kHeaderSize)))) {
    case JournalFormat::Kind::Empty:
        return {};
    case JournalFormat::Kind::Legacy:
        return readLegacy(records.toByteArray());
    case JournalFormat::Kind::Version2:
        break;
    }
    Recovery recovery;
    const JournalFormat::Scan scan = JournalFormat::scan(records);
    recovery.corrupt = scan.corrupt;
    recovery.tornTail = scan.tornTail;
    recovery.flows.reserve(scan.records.size());
    // A body is copied out of the bodies file, checked against the checksum its record carries.
    const auto body = [&](const JournalFormat::BodyRef &ref, QByteArray *out) {
        if (ref.length == 0)
            return true;
        if (ref.offset > quint64(bodies.size()) || ref.length > quint64(bodies.size()) - ref.offset)
            return false;
        const QByteArrayView bytes = bodies.sliced(qsizetype(ref.offset), qsizetype(ref.length));
        if (JournalFormat::crc32(bytes) != ref.crc)
            return false;
        *out = bytes.toByteArray();
        return true;
    };
    SharedBytes shared;
    for (const JournalFormat::Record &record : scan.records) {
        std::optional<Flow> flow = decodeFlow(record.flow, &shared);
        if (!flow || !body(record.requestBody, &flow->requestBody) ||
            !body(record.responseBody, &flow->responseBody)) {
            ++recovery.corrupt;
            continue;
        }
        recovery.flows.append(std::move(*flow));
    }
    return recovery;
}

QList<Flow> FlowJournal::recover(const QString &path, int *skipped, QString *error)
{
    Recovery recovery = read(path, error);
    if (skipped)
        *skipped = recovery.skipped();
    return std::move(recovery.flows);
}

int FlowJournal::count(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray data = file.readAll();
    switch (JournalFormat::kindOf(
        QByteArrayView(data).first(std::min(data.size(), JournalFormat::kHeaderSize)))) {
    case JournalFormat::Kind::Empty:
        return 0;
    case JournalFormat::Kind::Version2:
        return int(JournalFormat::scan(data).records.size());
    case JournalFormat::Kind::Legacy:
        break;
    }
    // The first format: complete lines, counted without parsing them (a torn last line is not).
    int lines = 0;
    bool blank = true;
    for (const char c : data) {
        if (c == '\n') {
            lines += blank ? 0 : 1;
            blank = true;
        } else if (c != ' ' && c != '\r' && c != '\t') {
            blank = false;
        }
    }
    return lines;
}

quint64 FlowJournal::largestId(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray data = file.readAll();
    quint64 largest = 0;
    switch (JournalFormat::kindOf(
        QByteArrayView(data).first(std::min(data.size(), JournalFormat::kHeaderSize)))) {
    case JournalFormat::Kind::Empty:
        return 0;
    case JournalFormat::Kind::Version2:
        // encodeFlow writes the id first.
        for (const JournalFormat::Record &record : JournalFormat::scan(data).records) {
            RecordReader reader(record.flow, nullptr);
            const quint64 id = reader.number<quint64>();
            if (reader.ok())
                largest = std::max(largest, id);
        }
        return largest;
    case JournalFormat::Kind::Legacy:
        break;
    }
    QString error;
    for (const Flow &flow : recover(path, nullptr, &error))
        largest = std::max(largest, flow.id);
    return largest;
}

bool FlowJournal::remove(const QString &path)
{
    QFile::remove(bodiesPath(path));
    return QFile::remove(path) || !QFile::exists(path);
}

bool FlowJournal::rename(const QString &from, const QString &to)
{
    // rename(2) replaces the target in one step. Bodies first: records moved without their bodies
    // would point into the wrong file (and fail their checksums).
    const auto move = [](const QString &a, const QString &b) {
        return ::rename(QFile::encodeName(a).constData(), QFile::encodeName(b).constData()) == 0;
    };
    if (QFile::exists(bodiesPath(from)))
        move(bodiesPath(from), bodiesPath(to));
    else
        QFile::remove(bodiesPath(to));
    return move(from, to);
}

} // namespace Corscope
