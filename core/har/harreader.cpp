#include "har/harreader.h"

#include "cors/corssafelist.h"
#include "har/harentrystream.h"
#include "har/harpairer.h"
#include "http/browserheaders.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Corscope {

QString HarError::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(line).arg(column).arg(message);
    if (!path.isEmpty())
        return QStringLiteral("%1: %2").arg(path, message);
    return message;
}

bool HarReader::looksLikeHar(const QByteArray &json)
{
    // The beginning is enough: a top-level object whose "log" is an object.
    return HarEntryStream::looksLikeHar(json.left(HarEntryStream::peekSize));
}

std::optional<QList<HarEntry>> HarReader::read(const QByteArray &json, HarError *error)
{
    QBuffer buffer;
    buffer.setData(json);
    buffer.open(QIODevice::ReadOnly);
    HarEntryStream stream(&buffer, HarEntryStream::Options{.keepRaw = true});
    QList<HarEntry> result;
    while (std::optional<HarEntry> entry = stream.next())
        result.append(std::move(*entry));
    if (stream.error()) {
        if (error)
            *error = *stream.error();
        return std::nullopt;
    }
    return result;
}

QList<HarScenario> HarReader::crossOriginScenarios(const QList<HarEntry> &entries)
{
    QList<HarScenario> result;
    HarPairer pairer([&result](HarScenario &&scenario) { result.append(std::move(scenario)); });
    for (const HarEntry &entry : entries)
        pairer.add(entry);
    pairer.finish();
    return result;
}

bool HarReader::isPreflight(const HarEntry &entry)
{
    return entry.method == "OPTIONS" && entry.requestHeaders.contains("access-control-request-method");
}

bool HarReader::isCrossOriginRequest(const HarEntry &entry)
{
    const std::optional<QByteArray> originHeader = entry.requestHeaders.get("origin");
    if (!originHeader || isPreflight(entry))
        return false;
    const Origin origin = Origin::parse(QString::fromUtf8(*originHeader));
    return origin.isOpaque() || !origin.isSameOriginAs(entry.url);
}

HarScenario HarReader::scenarioFor(const HarEntry &entry, const HarEntry *preflight,
                                   const QList<const HarEntry *> &hops)
{
    HarScenario item;
    item.entryIndex = entry.index;
    Scenario &scenario = item.scenario;
    scenario.name = QStringLiteral("har-entry-%1").arg(entry.index);
    scenario.title = QStringLiteral("%1 %2").arg(QString::fromUtf8(entry.method), entry.url.toString());
    FetchRequest &request = scenario.request;
    request.url = entry.url;
    request.origin =
        Origin::parse(QString::fromUtf8(entry.requestHeaders.get("origin").value_or(QByteArray())));
    request.method = entry.method;
    request.body = entry.requestBody;
    if (preflight) {
        item.preflightEntryIndex = preflight->index;
        scenario.responses.append({"OPTIONS", preflight->url, preflight->response});
    }
    inferPageRequest(request, entry.requestHeaders, preflight ? &preflight->requestHeaders : nullptr,
                     &item.assumptions);
    scenario.responses.append({entry.method, entry.url, entry.response});
    for (const HarEntry *hop : hops)
        scenario.responses.append({hop->method, hop->url, hop->response});
    scenario.fetches = {ScenarioFetch{0, request}};
    return item;
}

void HarReader::inferPageRequest(FetchRequest &request, const HeaderList &sentHeaders,
                                 const HeaderList *preflightHeaders, QStringList *assumptions)
{
    QByteArrayList announced;
    if (preflightHeaders) {
        for (const QByteArray &name :
             preflightHeaders->get("access-control-request-headers").value_or(QByteArray()).split(','))
            if (!name.trimmed().isEmpty())
                announced.append(name.trimmed().toLower());
    }
    for (const Header &header : sentHeaders) {
        if (isBrowserGeneratedRequestHeader(header.name) ||
            isDevToolsNoCacheHeader(header.name, header.value))
            continue;
        const bool safelisted =
            CorsSafelist::isNoCorsSafelistedName(header.name) || HeaderList::namesEqual(header.name, "range");
        if (safelisted || !preflightHeaders || announced.contains(header.name.toLower()))
            request.headers.append(header.name, header.value);
    }
    // [fetch-metadata] Sec-Fetch-Mode is the request's mode as the browser ran it: a no-cors
    // request is never CORS-checked, a same-origin one is refused cross-origin. 'cors' (the
    // fetch() default) and 'navigate' (not CORS at all; the caller decides) change nothing here.
    const QByteArray mode = sentHeaders.get("sec-fetch-mode").value_or(QByteArray()).trimmed().toLower();
    if (mode == "no-cors") {
        request.mode = RequestMode::NoCors;
        *assumptions << tr("Sec-Fetch-Mode says 'no-cors': the page gets an opaque response and no CORS "
                           "check runs");
    } else if (mode == "same-origin") {
        request.mode = RequestMode::SameOrigin;
        *assumptions << tr("Sec-Fetch-Mode says 'same-origin'");
    }
    if (sentHeaders.contains("cookie")) {
        request.credentials = CredentialsMode::Include;
        *assumptions << tr("the request carried cookies, so credentials mode 'include' is assumed");
    } else {
        *assumptions << tr(
            "the HAR does not record the credentials mode; 'same-origin' (the fetch() default) is "
            "assumed");
    }
    if (!preflightHeaders && request.method != "GET" && request.method != "HEAD" && request.method != "POST")
        *assumptions << tr("no preflight was captured for this request (it may have come from the preflight "
                           "cache); the evaluation replays it as a fresh one");
}

} // namespace Corscope
