#include "capture/flowjournal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

} // namespace

bool FlowJournal::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = tr("Cannot open the capture journal %1: %2").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

bool FlowJournal::append(const Flow &flow)
{
    if (!m_file.isOpen())
        return false;
    // One write and a flush per flow: the line reaches the kernel whole, which is what survives
    // the process being killed.
    return m_file.write(serialize(flow) + '\n') > 0 && m_file.flush();
}

QByteArray FlowJournal::serialize(const Flow &flow)
{
    QJsonObject object{
        {QStringLiteral("id"), QString::number(flow.id)},
        {QStringLiteral("state"), int(flow.state)},
        {QStringLiteral("started"), flow.started.toString(Qt::ISODateWithMs)},
        {QStringLiteral("method"), QString::fromLatin1(flow.method)},
        {QStringLiteral("url"), flow.url.toString(QUrl::FullyEncoded)},
        {QStringLiteral("httpVersion"), QString::fromLatin1(flow.httpVersion)},
        {QStringLiteral("requestHeaders"), headersToJson(flow.requestHeaders)},
        {QStringLiteral("requestBody"), QString::fromLatin1(flow.requestBody.toBase64())},
        {QStringLiteral("requestBodySize"), flow.requestBodySize},
        {QStringLiteral("status"), flow.status},
        {QStringLiteral("reason"), QString::fromLatin1(flow.reason)},
        {QStringLiteral("responseHeaders"), headersToJson(flow.responseHeaders)},
        {QStringLiteral("originalResponseHeaders"), headersToJson(flow.originalResponseHeaders)},
        {QStringLiteral("responseBody"), QString::fromLatin1(flow.responseBody.toBase64())},
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
    if (flow.tls)
        object.insert(QStringLiteral("tls"), flow.tls->toJson());
    if (flow.errorKind != FlowError::None)
        object.insert(QStringLiteral("errorKind"), flowErrorName(flow.errorKind));
    if (flow.proxyAnswerStatus != 0)
        object.insert(QStringLiteral("proxyAnswerStatus"), flow.proxyAnswerStatus);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Flow> FlowJournal::deserialize(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
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

QList<Flow> FlowJournal::recover(const QString &path, int *skipped, QString *error)
{
    QList<Flow> flows;
    int bad = 0;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error && file.exists())
            *error = tr("Cannot read the capture journal %1: %2").arg(path, file.errorString());
        return flows;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        if (line.trimmed().isEmpty())
            continue;
        if (auto flow = deserialize(line))
            flows.append(std::move(*flow));
        else
            ++bad;
    }
    if (skipped)
        *skipped = bad;
    return flows;
}

} // namespace Corscope
