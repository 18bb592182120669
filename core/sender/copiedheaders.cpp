#include "sender/copiedheaders.h"

#include "http/browserheaders.h"

namespace Corscope {

bool CopiedHeaders::isToken(QByteArrayView text)
{
    static const QByteArrayView extra("!#$%&'*+-.^_`|~");
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              extra.contains(c)))
            return false;
    }
    return true;
}

bool CopiedHeaders::validate(const QByteArray &name, qsizetype namePosition, const QByteArray &value,
                             qsizetype valuePosition, CurlParseError *error)
{
    if (!isToken(name)) {
        if (error)
            *error = {tr("'%1' is not a valid header name").arg(QString::fromUtf8(name)), namePosition};
        return false;
    }
    if (value.contains('\r') || value.contains('\n') || value.contains('\0')) {
        if (error)
            *error = {tr("the value of the header %1 contains a line break or NUL, which HTTP does not allow")
                          .arg(QString::fromUtf8(name)),
                      valuePosition};
        return false;
    }
    return true;
}

void CopiedHeaders::warn(CurlImport *import, const QString &warning)
{
    if (!import->warnings.contains(warning))
        import->warnings.append(warning);
}

namespace {

// [fetch] "normalize": a page's header value loses its leading and trailing HTTP whitespace
// before it is sent (Headers does it in the browser), so a copy with "v   " sent "v".
QByteArray normalized(const QByteArray &value)
{
    const auto isHttpWhitespace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    qsizetype start = 0;
    qsizetype end = value.size();
    while (start < end && isHttpWhitespace(value.at(start)))
        ++start;
    while (end > start && isHttpWhitespace(value.at(end - 1)))
        --end;
    return start == 0 && end == value.size() ? value : value.sliced(start, end - start);
}

} // namespace

bool CopiedHeaders::apply(const QList<CopiedHeader> &headers, QByteArrayList cookies, bool sentCookies,
                          CurlImport *import, CurlParseError *error)
{
    FetchRequest &request = import->request;
    // DevTools' "Disable cache" adds both of these; a page that sets its own Cache-Control
    // (which is not CORS-safelisted and so preflights) keeps it.
    auto valueOf = [&headers](QByteArrayView name) -> std::optional<QByteArray> {
        for (const CopiedHeader &item : headers) {
            if (HeaderList::namesEqual(item.header.name, name))
                return item.header.value;
        }
        return std::nullopt;
    };
    const bool devToolsNoCache = valueOf("pragma").value_or(QByteArray()).toLower() == "no-cache" &&
                                 valueOf("cache-control").value_or(QByteArray()).toLower() == "no-cache";

    const std::optional<QByteArray> requestMethod = valueOf("access-control-request-method");
    if (requestMethod && request.method == "OPTIONS")
        warn(import, tr("This is the browser's preflight for a %1 request, not the page's request: copy "
                        "the request that follows it instead")
                         .arg(QString::fromUtf8(*requestMethod)));

    QStringList removed;
    std::optional<CopiedHeader> origin;
    for (const CopiedHeader &copied : headers) {
        CopiedHeader item = copied;
        item.header.value = normalized(copied.header.value);
        const QByteArray &name = item.header.name;
        if (HeaderList::namesEqual(name, "origin")) {
            if (!origin)
                origin = item;
            continue;
        }
        if (HeaderList::namesEqual(name, "cookie")) {
            sentCookies = true;
            if (!item.header.value.isEmpty())
                cookies.append(item.header.value);
        }
        const bool noCache = devToolsNoCache && (HeaderList::namesEqual(name, "pragma") ||
                                                 HeaderList::namesEqual(name, "cache-control"));
        if (noCache || isBrowserGeneratedRequestHeader(name)) {
            const QString shown = QString::fromUtf8(name);
            if (!removed.contains(shown, Qt::CaseInsensitive))
                removed.append(shown);
            continue;
        }
        request.headers.append(name, item.header.value);
    }
    if (!removed.isEmpty())
        warn(import, tr("Removed headers the browser adds itself, not the page: %1")
                         .arg(removed.join(QLatin1String(", "))));

    if (origin) {
        QString originError;
        qsizetype originErrorAt = 0;
        request.origin = Origin::parse(QString::fromUtf8(origin->header.value), &originError, &originErrorAt);
        if (!originError.isEmpty()) {
            if (error) {
                error->message = tr("the Origin header is not an origin: %1").arg(originError);
                error->position = origin->valuePosition + originErrorAt;
            }
            return false;
        }
    } else {
        // The front end says how to name it (--origin, the Origin field); a caller that
        // already has an origin says nothing.
        import->originMissing = true;
    }

    import->cookies = cookies.join("; ");
    // The browser only attaches cookies to a cross-origin fetch() made with credentials:
    // "include".
    if (sentCookies)
        request.credentials = CredentialsMode::Include;
    return true;
}

} // namespace Corscope
