#include "har/harwriter.h"

#include "app/buildinfo.h"
#include "http/contentdecoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>

namespace Corscope {

namespace {

QJsonArray headersJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const Header &header : headers)
        array.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(header.name)},
                                 {QStringLiteral("value"), QString::fromLatin1(header.value)}});
    return array;
}

qint64 headersSize(const HeaderList &headers)
{
    qint64 size = 2;
    for (const Header &header : headers)
        size += header.name.size() + header.value.size() + 4;
    return size;
}

QString verdictName(FlowVerdict::Kind kind)
{
    switch (kind) {
    case FlowVerdict::Kind::NotCors:
        return QStringLiteral("not-cors");
    case FlowVerdict::Kind::Allowed:
        return QStringLiteral("allowed");
    case FlowVerdict::Kind::Blocked:
        return QStringLiteral("blocked");
    case FlowVerdict::Kind::PreflightPassed:
        return QStringLiteral("preflight-passed");
    case FlowVerdict::Kind::PreflightFailed:
        return QStringLiteral("preflight-failed");
    case FlowVerdict::Kind::PreflightUnfollowed:
        return QStringLiteral("preflight-unfollowed");
    case FlowVerdict::Kind::RedirectFollowed:
        return QStringLiteral("redirect-followed");
    case FlowVerdict::Kind::RedirectUnfollowed:
        return QStringLiteral("redirect-unfollowed");
    }
    return {};
}

double orZero(double ms)
{
    return ms < 0 ? 0 : ms;
}

// A failed flow as Chrome's DevTools write a failed request: `response._error` holds the network
// error's name ("net::ERR_CONNECTION_REFUSED") and `response.status` stays what the origin sent, 0
// when nothing came. Corscope's own account (its kind, its words, what the proxy answered the
// client with) goes in `_corscopeError`, which other tools ignore.
void addErrorFields(const Flow &flow, QJsonObject &response)
{
    if (flow.state != Flow::State::Error)
        return;
    response.insert(QStringLiteral("_error"), flow.chromeNetError());
    QJsonObject error{{QStringLiteral("kind"), flowErrorName(flow.errorKind)},
                      {QStringLiteral("message"), flow.error}};
    if (flow.proxyAnswerStatus != 0)
        error.insert(QStringLiteral("proxyAnswerStatus"), flow.proxyAnswerStatus);
    response.insert(QStringLiteral("_corscopeError"), error);
}

// A captured flow as a HAR entry, in the shape the browsers' DevTools write.
QJsonObject capturedEntry(const Flow &flow)
{
    QJsonArray query;
    for (const auto &[key, value] : QUrlQuery(flow.url).queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject{{QStringLiteral("name"), key}, {QStringLiteral("value"), value}});
    QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(flow.method)},
                        {QStringLiteral("url"), flow.url.toString(QUrl::FullyEncoded)},
                        {QStringLiteral("httpVersion"), QString::fromLatin1(flow.httpVersion)},
                        {QStringLiteral("headers"), headersJson(flow.requestHeaders)},
                        {QStringLiteral("queryString"), query},
                        {QStringLiteral("cookies"), QJsonArray()},
                        {QStringLiteral("headersSize"), headersSize(flow.requestHeaders)},
                        {QStringLiteral("bodySize"), flow.requestBodySize}};
    if (flow.requestBodySize > 0)
        request.insert(
            QStringLiteral("postData"),
            QJsonObject{{QStringLiteral("mimeType"),
                         QString::fromLatin1(flow.requestHeaders.get("content-type").value_or(QByteArray()))},
                        {QStringLiteral("text"), QString::fromUtf8(flow.requestBody)}});
    const QByteArray mimeType = flow.responseHeaders.get("content-type").value_or(QByteArray());
    QJsonObject content{{QStringLiteral("size"), flow.responseBodySize},
                        {QStringLiteral("mimeType"), QString::fromLatin1(mimeType)}};
    // [HAR 1.2] content.text is the body decoded, as DevTools writes it, with content.size its
    // decoded length and `compression` what the coding saved; the proxy captured it as sent.
    // A body the capture cut short stays as sent: its decoded form would be only a part.
    QByteArray body = flow.responseBody;
    if (const std::optional<QByteArray> coding = flow.responseHeaders.get("content-encoding");
        coding && flow.responseBodySize <= flow.responseBody.size()) {
        const DecodedContent decoded = ContentDecoding::decode(flow.responseBody, *coding);
        if (decoded.decoded && !decoded.truncated) {
            body = decoded.bytes;
            content.insert(QStringLiteral("size"), body.size());
            content.insert(QStringLiteral("compression"), body.size() - flow.responseBodySize);
        }
    }
    if (!body.isEmpty()) {
        const QString text = QString::fromUtf8(body);
        if (text.toUtf8() == body) {
            content.insert(QStringLiteral("text"), text);
        } else {
            content.insert(QStringLiteral("text"), QString::fromLatin1(body.toBase64()));
            content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
        }
    }
    QString redirect;
    if (const auto location = flow.responseHeaders.get("location"))
        redirect = flow.url.resolved(QUrl::fromEncoded(*location)).toString();
    QJsonObject response{{QStringLiteral("status"), flow.status},
                         {QStringLiteral("statusText"), QString::fromLatin1(flow.reason)},
                         {QStringLiteral("httpVersion"), QString::fromLatin1(flow.httpVersion)},
                         {QStringLiteral("headers"), headersJson(flow.responseHeaders)},
                         {QStringLiteral("cookies"), QJsonArray()},
                         {QStringLiteral("content"), content},
                         {QStringLiteral("redirectURL"), redirect},
                         {QStringLiteral("headersSize"), headersSize(flow.responseHeaders)},
                         {QStringLiteral("bodySize"), flow.responseBodySize}};
    addErrorFields(flow, response);
    const double send = orZero(flow.requestSentMs);
    const double wait = std::max(0.0, orZero(flow.responseHeadersMs) - send);
    const double receive = std::max(0.0, orZero(flow.completeMs) - orZero(flow.responseHeadersMs));
    QJsonObject entry{{QStringLiteral("startedDateTime"), flow.started.toString(Qt::ISODateWithMs)},
                      {QStringLiteral("time"), orZero(flow.completeMs)},
                      {QStringLiteral("request"), request},
                      {QStringLiteral("response"), response},
                      {QStringLiteral("cache"), QJsonObject()},
                      {QStringLiteral("timings"), QJsonObject{{QStringLiteral("blocked"), -1},
                                                              {QStringLiteral("dns"), -1},
                                                              {QStringLiteral("connect"), -1},
                                                              {QStringLiteral("ssl"), -1},
                                                              {QStringLiteral("send"), send},
                                                              {QStringLiteral("wait"), wait},
                                                              {QStringLiteral("receive"), receive}}},
                      {QStringLiteral("serverIPAddress"), flow.serverAddress},
                      {QStringLiteral("_id"), QString::number(flow.id)}};
    if (flow.wasRewritten())
        entry.insert(QStringLiteral("_originalResponseHeaders"), headersJson(flow.originalResponseHeaders));
    if (flow.tls)
        entry.insert(QStringLiteral("_tls"), flow.tls->toJson());
    // What Corscope itself did to the exchange, apart from the CORS verdict.
    if (flow.answeredLocally || !flow.appliedRules.isEmpty())
        entry.insert(QStringLiteral("_corscope"),
                     QJsonObject{{QStringLiteral("answeredLocally"), flow.answeredLocally},
                                 {QStringLiteral("rules"), QJsonArray::fromStringList(flow.appliedRules)}});
    return entry;
}

} // namespace

QByteArray HarWriter::write(const QList<Flow> &flows, const QHash<quint64, FlowVerdict> &verdicts,
                            const QString &browser, const HarRedaction &redaction)
{
    QHash<quint64, qsizetype> indexById;
    for (qsizetype i = 0; i < flows.size(); ++i)
        indexById.insert(flows.at(i).id, i);

    QJsonArray entries;
    QJsonArray pages;
    QSet<QString> pageIds;
    for (const Flow &flow : flows) {
        // An imported entry goes out as it came in, so Chrome's and Firefox's own fields survive;
        // only the verdict is Corscope's.
        QJsonObject entry = flow.harEntry.isEmpty() ? capturedEntry(flow) : flow.harEntry;
        const QString pageId = flow.harPage.value(QStringLiteral("id")).toString();
        if (!flow.harPage.isEmpty() && !pageIds.contains(pageId)) {
            pageIds.insert(pageId);
            QJsonObject page = flow.harPage;
            redaction.applyToPage(page);
            pages.append(page);
        }
        const auto verdict = verdicts.constFind(flow.id);
        if (verdict != verdicts.constEnd()) {
            QJsonObject cors{{QStringLiteral("verdict"), verdictName(verdict->kind)},
                             {QStringLiteral("browser"), browser},
                             {QStringLiteral("preflightFromCache"), verdict->preflightFromBrowserCache}};
            if (verdict->evaluation) {
                cors.insert(QStringLiteral("errorCode"), verdict->evaluation->errorCode());
                cors.insert(QStringLiteral("consoleMessage"), verdict->evaluation->consoleMessage);
                // [fetch] main fetch, step 14: what response.headers.keys() gave the page. Only a
                // full evaluation (the GUI's capture) lists them; VerdictOnly (`corscope-cli proxy`)
                // computes none, and an empty list would claim the page could read nothing.
                if (verdict->evaluation->allowed() && !verdict->evaluation->steps.isEmpty()) {
                    QJsonArray readable;
                    for (const QByteArray &name : verdict->evaluation->readableHeaders)
                        readable.append(QString::fromLatin1(name));
                    cors.insert(QStringLiteral("readableHeaders"), readable);
                }
            }
            const auto paired =
                verdict->pairedFlowId ? indexById.constFind(*verdict->pairedFlowId) : indexById.constEnd();
            cors.insert(QStringLiteral("pairedPreflight"),
                        paired != indexById.constEnd() ? QJsonValue(qint64(*paired)) : QJsonValue());
            if (!verdict->assumptions.isEmpty())
                cors.insert(QStringLiteral("assumptions"), QJsonArray::fromStringList(verdict->assumptions));
            if (!verdict->settled)
                cors.insert(QStringLiteral("pending"), true);
            // A redirect chain is one fetch: each hop links to it by its first entry's index, and
            // the verdict sits on the hop where the browser decided; the hops before it were followed.
            if (verdict->chain) {
                const auto first = indexById.constFind(verdict->chain->id);
                cors.insert(
                    QStringLiteral("chain"),
                    QJsonObject{{QStringLiteral("id"),
                                 first != indexById.constEnd() ? QJsonValue(qint64(*first)) : QJsonValue()},
                                {QStringLiteral("hop"), verdict->chain->hop},
                                {QStringLiteral("hops"), verdict->chain->hops}});
                if (verdict->chain->hop + 1 < verdict->chain->hops)
                    cors.insert(QStringLiteral("followedHop"), true);
            }
            if (!verdict->readings.isEmpty()) {
                QJsonArray readings;
                for (const FlowReading &reading : verdict->readings) {
                    QJsonObject item{{QStringLiteral("reading"), reading.description}};
                    if (reading.evaluation) {
                        item.insert(QStringLiteral("verdict"), reading.evaluation->allowed()
                                                                   ? QStringLiteral("allowed")
                                                                   : QStringLiteral("blocked"));
                        item.insert(QStringLiteral("errorCode"), reading.evaluation->errorCode());
                        item.insert(QStringLiteral("consoleMessage"), reading.evaluation->consoleMessage);
                    }
                    if (!reading.fix.isEmpty())
                        item.insert(QStringLiteral("fix"), reading.fix);
                    readings.append(item);
                }
                cors.insert(QStringLiteral("readings"), readings);
            }
            if (!verdict->fetchMode.isEmpty())
                cors.insert(QStringLiteral("fetchMode"), QString::fromLatin1(verdict->fetchMode));
            if (!verdict->destination.isEmpty())
                cors.insert(QStringLiteral("destination"), QString::fromLatin1(verdict->destination));
            if (!verdict->pageSaw.isEmpty())
                cors.insert(QStringLiteral("pageSaw"), verdict->pageSaw);
            entry.insert(QStringLiteral("_cors"), cors);
        }
        redaction.apply(entry);
        entries.append(entry);
    }
    QJsonObject log{
        {QStringLiteral("version"), QStringLiteral("1.2")},
        {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Corscope")},
                                                {QStringLiteral("version"), BuildInfo::corscopeVersion()}}},
        {QStringLiteral("pages"), pages},
        {QStringLiteral("entries"), entries}};
    // What the whole file had removed, as `--redact` spells it: a reader can tell a sanitized
    // export from one whose requests simply carried no cookie.
    if (!redaction.isEmpty())
        log.insert(QStringLiteral("_redaction"), redaction.toSpec());
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Indented);
}

} // namespace Corscope
