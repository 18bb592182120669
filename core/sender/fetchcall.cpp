#include "sender/fetchcall.h"

#include "sender/copiedheaders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Corscope {

namespace {

// Skips blanks and JavaScript comments.
qsizetype skipBlanks(const QString &text, qsizetype at)
{
    while (at < text.size()) {
        if (text.at(at).isSpace()) {
            ++at;
        } else if (text.mid(at, 2) == QLatin1String("//")) {
            const qsizetype end = text.indexOf(u'\n', at);
            at = end < 0 ? text.size() : end + 1;
        } else if (text.mid(at, 2) == QLatin1String("/*")) {
            const qsizetype end = text.indexOf(QLatin1String("*/"), at + 2);
            at = end < 0 ? text.size() : end + 2;
        } else {
            break;
        }
    }
    return at;
}

// The end (one past the closing quote) of the JSON string starting at text[at], or -1.
qsizetype stringEnd(const QString &text, qsizetype at)
{
    const QChar quote = text.at(at);
    for (qsizetype i = at + 1; i < text.size(); ++i) {
        if (text.at(i) == u'\\')
            ++i;
        else if (text.at(i) == quote)
            return i + 1;
    }
    return -1;
}

// The end of the {…} starting at text[at] (one past its '}'), strings skipped, or -1.
qsizetype objectEnd(const QString &text, qsizetype at)
{
    int depth = 0;
    for (qsizetype i = at; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'"' || c == u'\'') {
            const qsizetype end = stringEnd(text, i);
            if (end < 0)
                return -1;
            i = end - 1;
        } else if (c == u'{' || c == u'[') {
            ++depth;
        } else if (c == u'}' || c == u']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

// A JavaScript object literal as people write it ({method: "POST", headers: {…},}) made JSON:
// bare identifier keys are quoted and trailing commas dropped. Strings are copied untouched.
QString relaxedToJson(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text.at(i);
        if (c == u'"') {
            const qsizetype end = stringEnd(text, i);
            const qsizetype stop = end < 0 ? text.size() : end;
            out += text.mid(i, stop - i);
            i = stop;
        } else if (c.isLetter() || c == u'_' || c == u'$') {
            qsizetype end = i;
            while (end < text.size() &&
                   (text.at(end).isLetterOrNumber() || text.at(end) == u'_' || text.at(end) == u'$'))
                ++end;
            qsizetype next = end;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            const QString word = text.mid(i, end - i);
            out += next < text.size() && text.at(next) == u':' ? u'"' + word + u'"' : word;
            i = end;
        } else if (c == u',') {
            qsizetype next = i + 1;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            if (next >= text.size() || (text.at(next) != u'}' && text.at(next) != u']'))
                out += c;
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

class Reader {
public:
    Reader(const QString &text, CurlParseError *error)
        : m_text(text)
        , m_error(error)
    {
    }

    std::optional<CurlImport> read()
    {
        qsizetype at = skipBlanks(m_text, 0);
        if (m_text.mid(at, 6) == QLatin1String("await "))
            at = skipBlanks(m_text, at + 6);
        if (m_text.mid(at, 5) != QLatin1String("fetch"))
            return fail(at, FetchCall::tr("this is not a fetch() call"));
        at = skipBlanks(m_text, at + 5);
        if (at >= m_text.size() || m_text.at(at) != u'(')
            return fail(at, FetchCall::tr("expected ( after fetch"));
        at = skipBlanks(m_text, at + 1);
        if (at >= m_text.size() || m_text.at(at) != u'"')
            return fail(at, FetchCall::tr("fetch() must start with the URL as a double-quoted string"));
        const qsizetype urlEnd = stringEnd(m_text, at);
        if (urlEnd < 0)
            return fail(at, FetchCall::tr("unterminated double quote"));
        const std::optional<QJsonValue> url = parseJson(at, urlEnd, /*array=*/true);
        if (!url)
            return std::nullopt;
        const qsizetype urlAt = at;
        at = skipBlanks(m_text, urlEnd);
        QJsonObject options;
        if (at < m_text.size() && m_text.at(at) == u',') {
            at = skipBlanks(m_text, at + 1);
            if (at < m_text.size() && m_text.at(at) == u'{') {
                const qsizetype end = objectEnd(m_text, at);
                if (end < 0)
                    return fail(at, FetchCall::tr("the options object is not closed with }"));
                const std::optional<QJsonValue> object = parseJson(at, end, false);
                if (!object)
                    return std::nullopt;
                options = object->toObject();
                m_optionsAt = at;
                at = skipBlanks(m_text, end);
            }
        }
        if (at >= m_text.size() || m_text.at(at) != u')')
            return fail(at, FetchCall::tr("expected ) to close fetch("));
        at = skipBlanks(m_text, at + 1);
        if (at < m_text.size() && m_text.at(at) == u';')
            at = skipBlanks(m_text, at + 1);
        if (at < m_text.size())
            // "Copy all as fetch" joins its calls with " ;\n".
            return fail(at, FetchCall::tr("more text after the fetch() call: paste one request"));
        if (!build(url->toString(), urlAt, options))
            return std::nullopt;
        return std::move(m_import);
    }

private:
    std::nullopt_t fail(qsizetype position, const QString &message)
    {
        if (m_error) {
            m_error->message = message;
            m_error->position = std::clamp<qsizetype>(position, 0, m_text.size());
        }
        return std::nullopt;
    }

    // JSON first, as DevTools writes it; then the relaxed object literal. The error is the
    // strict one, at its place in the pasted text.
    std::optional<QJsonValue> parseJson(qsizetype from, qsizetype to, bool array)
    {
        const QString piece = m_text.mid(from, to - from);
        const QByteArray bytes = (array ? u'[' + piece + u']' : piece).toUtf8();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error == QJsonParseError::NoError)
            return array ? document.array().at(0) : QJsonValue(document.object());
        if (!array) {
            const QJsonDocument relaxed = QJsonDocument::fromJson(relaxedToJson(piece).toUtf8());
            if (relaxed.isObject())
                return QJsonValue(relaxed.object());
        }
        const qsizetype offset = QString::fromUtf8(bytes.left(parseError.offset)).size() - (array ? 1 : 0);
        fail(from + std::max<qsizetype>(0, offset),
             FetchCall::tr("the fetch() %1 is not JSON as DevTools writes it: %2")
                 .arg(array ? FetchCall::tr("URL") : FetchCall::tr("options"), parseError.errorString()));
        return std::nullopt;
    }

    // Where the value of a key starts in the text, for errors: the key's first mention.
    qsizetype positionOf(const QString &key) const
    {
        const qsizetype found = m_text.indexOf(u'"' + key + u'"', m_optionsAt);
        return found < 0 ? m_optionsAt : found;
    }

    bool fieldFail(const QString &key, const QString &message)
    {
        fail(positionOf(key), message);
        return false;
    }

    std::optional<QString> stringField(const QJsonObject &options, const QString &key)
    {
        const QJsonValue value = options.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isString()) {
            fieldFail(key, FetchCall::tr("\"%1\" must be a string").arg(key));
            m_bad = true;
            return std::nullopt;
        }
        return value.toString();
    }

    bool build(const QString &urlText, qsizetype urlAt, const QJsonObject &options)
    {
        FetchRequest &request = m_import.request;
        QUrl url(urlText);
        url = QUrl(url.toString(QUrl::FullyEncoded));
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
            fail(urlAt, FetchCall::tr("'%1' is not an http or https URL").arg(urlText));
            return false;
        }
        request.url = url;

        // The browser flavour names mode and credentials; the Node.js one drops both
        // (NetworkLogView.ts, generateFetchCall: "not implemented in Node.js").
        const bool browser =
            options.contains(QLatin1String("mode")) || options.contains(QLatin1String("credentials"));
        m_import.format = browser ? CopyFormat::Fetch : CopyFormat::FetchNode;

        static const QStringList known = {
            QStringLiteral("method"),    QStringLiteral("headers"),        QStringLiteral("body"),
            QStringLiteral("mode"),      QStringLiteral("credentials"),    QStringLiteral("redirect"),
            QStringLiteral("referrer"),  QStringLiteral("referrerPolicy"), QStringLiteral("cache"),
            QStringLiteral("keepalive"), QStringLiteral("priority"),       QStringLiteral("integrity")};
        for (const QString &key : options.keys()) {
            if (!known.contains(key))
                CopiedHeaders::warn(&m_import, FetchCall::tr("Ignored the fetch() option \"%1\"").arg(key));
        }

        if (const std::optional<QString> method = stringField(options, QStringLiteral("method"))) {
            if (!CopiedHeaders::isToken(method->toUtf8()))
                return fieldFail(QStringLiteral("method"),
                                 FetchCall::tr("'%1' is not a valid HTTP method").arg(*method));
            request.method = method->toUtf8();
        }
        if (const std::optional<QString> mode = stringField(options, QStringLiteral("mode"))) {
            const std::optional<RequestMode> parsed = requestModeFromString(*mode);
            if (!parsed)
                return fieldFail(
                    QStringLiteral("mode"),
                    FetchCall::tr("\"mode\" must be cors, no-cors or same-origin, not %1").arg(*mode));
            request.mode = *parsed;
        }
        if (const std::optional<QString> credentials = stringField(options, QStringLiteral("credentials"))) {
            const std::optional<CredentialsMode> parsed = credentialsModeFromString(*credentials);
            if (!parsed)
                return fieldFail(QStringLiteral("credentials"),
                                 FetchCall::tr("\"credentials\" must be omit, same-origin or include, not %1")
                                     .arg(*credentials));
            request.credentials = *parsed;
        }
        if (const std::optional<QString> redirect = stringField(options, QStringLiteral("redirect"))) {
            if (*redirect == QLatin1String("follow"))
                request.redirect = RedirectMode::Follow;
            else if (*redirect == QLatin1String("error"))
                request.redirect = RedirectMode::Error;
            else if (*redirect == QLatin1String("manual"))
                request.redirect = RedirectMode::Manual;
            else
                return fieldFail(
                    QStringLiteral("redirect"),
                    FetchCall::tr("\"redirect\" must be follow, error or manual, not %1").arg(*redirect));
        }
        const QJsonValue body = options.value(QLatin1String("body"));
        if (body.isString())
            request.body = body.toString().toUtf8();
        else if (!body.isUndefined() && !body.isNull())
            return fieldFail(QStringLiteral("body"), FetchCall::tr("\"body\" must be a string or null"));
        std::optional<QString> referrer = stringField(options, QStringLiteral("referrer"));
        if (m_bad)
            return false;

        QList<CopiedHeader> headers;
        const QJsonValue headerValue = options.value(QLatin1String("headers"));
        const qsizetype headersAt = positionOf(QStringLiteral("headers"));
        auto addHeader = [&](const QJsonValue &name, const QJsonValue &value) {
            if (!name.isString() || !value.isString())
                return fieldFail(QStringLiteral("headers"),
                                 FetchCall::tr("every header name and value must be a string"));
            const QByteArray n = name.toString().toUtf8();
            const QByteArray v = value.toString().toUtf8();
            if (!CopiedHeaders::validate(n, headersAt, v, headersAt, m_error))
                return false;
            headers.append({{n, v}, headersAt});
            return true;
        };
        if (headerValue.isObject()) {
            const QJsonObject object = headerValue.toObject();
            // QJsonObject sorts its keys; DevTools' object comes from a Headers, which is sorted
            // and lower-cased already, so only hand-written objects lose their order.
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (!addHeader(it.key(), it.value()))
                    return false;
            }
        } else if (headerValue.isArray()) {
            for (const QJsonValue &pair : headerValue.toArray()) {
                const QJsonArray entry = pair.toArray();
                if (entry.size() != 2)
                    return fieldFail(QStringLiteral("headers"),
                                     FetchCall::tr("a header in the list form is a [name, value] pair"));
                if (!addHeader(entry.at(0), entry.at(1)))
                    return false;
            }
        } else if (!headerValue.isUndefined() && !headerValue.isNull()) {
            return fieldFail(QStringLiteral("headers"), FetchCall::tr("\"headers\" must be an object"));
        }

        if (!browser) {
            // The Node.js flavour moves the referrer into a Referer header and adds a
            // Referrer-Policy header the browser never sent.
            QList<CopiedHeader> kept;
            for (const CopiedHeader &header : std::as_const(headers)) {
                if (HeaderList::namesEqual(header.header.name, "referrer-policy"))
                    continue;
                if (HeaderList::namesEqual(header.header.name, "referer") && !referrer)
                    referrer = QString::fromUtf8(header.header.value);
                kept.append(header);
            }
            headers = kept;
        }
        const CredentialsMode copied = request.credentials;
        if (!CopiedHeaders::apply(headers, {}, false, &m_import, m_error))
            return false;
        if (browser)
            request.credentials = copied; // the copy says it; a Cookie header cannot be in it

        // A fetch() copy never lists Origin; for a cross-origin request the referrer (by
        // default strict-origin-when-cross-origin: the origin, or the page URL) names the page.
        if (m_import.originMissing && referrer && !referrer->isEmpty()) {
            const QUrl page(*referrer);
            const Origin origin = Origin::fromUrl(page);
            if (page.isValid() && !origin.isOpaque()) {
                request.origin = origin;
                m_import.originMissing = false;
                CopiedHeaders::warn(&m_import,
                                    FetchCall::tr("The copy does not name the page's origin; %1, the "
                                                  "referrer's origin, was taken")
                                        .arg(origin.toString()));
            }
        }
        return true;
    }

    const QString &m_text;
    CurlParseError *m_error;
    CurlImport m_import;
    qsizetype m_optionsAt = 0;
    bool m_bad = false;
};

} // namespace

std::optional<CurlImport> FetchCall::parse(const QString &text, CurlParseError *error)
{
    return Reader(text, error).read();
}

} // namespace Corscope
