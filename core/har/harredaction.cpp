#include "har/harredaction.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace Corscope {

namespace {

const QString kMarkerString = QString(HarRedaction::kMarker);

// Adds `item` once, keeping the order items were first removed in.
void note(QStringList *removed, const QString &item)
{
    if (removed && !removed->contains(item))
        removed->append(item);
}

// One query string or fragment ("a=1&token=x"), each named parameter's value replaced and every
// other byte kept as it was: a preflight and its request keep the same URL, so they still pair.
QString redactPairs(const QString &pairs, const QStringList &names, QStringList *removed)
{
    if (names.isEmpty() || !pairs.contains(QLatin1Char('=')))
        return pairs;
    QStringList pieces = pairs.split(QLatin1Char('&'));
    for (QString &piece : pieces) {
        const qsizetype equals = piece.indexOf(QLatin1Char('='));
        if (equals <= 0 || equals + 1 == piece.size())
            continue; // no value, nothing secret
        // [url] application/x-www-form-urlencoded parsing: '+' is a space, then percent-decode.
        QString name = piece.left(equals);
        name.replace(QLatin1Char('+'), QLatin1Char(' '));
        name = QUrl::fromPercentEncoding(name.toUtf8());
        for (const QString &wanted : names) {
            if (name.compare(wanted, Qt::CaseInsensitive) != 0)
                continue;
            if (QStringView(piece).mid(equals + 1) != kMarkerString) {
                piece = piece.left(equals + 1) + kMarkerString;
                note(removed, QStringLiteral("query:") + wanted);
            }
            break;
        }
    }
    return pieces.join(QLatin1Char('&'));
}

// "a=1; b=2" (a Cookie header) with every value replaced, the names kept.
QString redactCookiePairs(const QString &value)
{
    QStringList pieces = value.split(QLatin1Char(';'));
    for (QString &piece : pieces) {
        const qsizetype equals = piece.indexOf(QLatin1Char('='));
        piece = equals < 0 ? piece : piece.left(equals + 1) + kMarkerString;
    }
    return pieces.join(QLatin1Char(';'));
}

// A Set-Cookie value with its cookie's value replaced: its attributes (Path, SameSite, Secure…)
// are what explains a cookie the browser did not send. Chrome's HAR joins several with newlines.
QString redactSetCookie(const QString &value)
{
    QStringList lines = value.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        const qsizetype semicolon = line.indexOf(QLatin1Char(';'));
        const QString pair = semicolon < 0 ? line : line.left(semicolon);
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        const QString redacted = equals < 0 ? kMarkerString : pair.left(equals + 1) + kMarkerString;
        line = redacted + (semicolon < 0 ? QString() : line.mid(semicolon));
    }
    return lines.join(QLatin1Char('\n'));
}

// [rfc9110] 11.4 credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]: the scheme says
// what kind of credential it was (Basic, Bearer), the rest is the secret.
QString redactCredentials(const QString &value)
{
    const QString trimmed = value.trimmed();
    const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    return space < 0 ? kMarkerString : trimmed.left(space + 1) + kMarkerString;
}

// Absolute URLs as they appear in free text: Chromium's console messages quote them in '…'.
const QRegularExpression &urlInText()
{
    static const QRegularExpression pattern(QStringLiteral(R"((?:https?|wss?)://[^\s'"<>]+)"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// [rfc9110] 5.6.2 token = 1*tchar
bool isToken(const QByteArray &name)
{
    static constexpr QByteArrayView punctuation = "!#$%&'*+-.^_`|~";
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              punctuation.contains(c)))
            return false;
    return !name.isEmpty();
}

bool isName(const QJsonObject &object, const QString &name)
{
    return object.value(QStringLiteral("name")).toString().compare(name, Qt::CaseInsensitive) == 0;
}

} // namespace

QStringList HarRedaction::defaultQueryParameters()
{
    return {QStringLiteral("token"),        QStringLiteral("access_token"), QStringLiteral("api_key"),
            QStringLiteral("key"),          QStringLiteral("code"),         QStringLiteral("password"),
            QStringLiteral("sig"),          QStringLiteral("signature"),    QStringLiteral("id_token"),
            QStringLiteral("client_secret")};
}

HarRedaction HarRedaction::chromeSanitized()
{
    HarRedaction redaction;
    redaction.cookies = true;
    redaction.authorization = true;
    return redaction;
}

HarRedaction HarRedaction::shared()
{
    HarRedaction redaction = chromeSanitized();
    redaction.queryParameters = defaultQueryParameters();
    return redaction;
}

QString HarRedaction::refusalFor(const QByteArray &headerName)
{
    const QByteArray name = headerName.trimmed().toLower();
    if (name.isEmpty())
        return tr("header= needs a header name");
    if (name == "cookie" || name == "set-cookie")
        return tr("%1 is redacted by 'cookies', which keeps the cookie names the verdict depends on")
            .arg(QString::fromLatin1(headerName));
    if (name == "authorization" || name == "proxy-authorization")
        return tr("%1 is redacted by 'authorization', which keeps the header the preflight depends on")
            .arg(QString::fromLatin1(headerName));
    // What the CORS evaluation reads the value of: Origin and the Access-Control-* headers, the
    // CORS-safelisted request headers ([fetch] CORS-safelisted request-header, whose values decide
    // whether a preflight is needed), Sec-Fetch-* (the request's mode), Location (the redirect),
    // Vary and Host.
    static const QByteArrayList read = {
        "origin",   "content-type", "accept", "accept-language", "content-language", "range",
        "location", "vary",         "host"};
    if (read.contains(name) || name.startsWith("access-control-") || name.startsWith("sec-fetch-"))
        return tr("%1 decides the CORS verdict, so it is never redacted")
            .arg(QString::fromLatin1(headerName));
    if (!isToken(name))
        return tr("'%1' is not a header name").arg(QString::fromLatin1(headerName));
    return {};
}

std::optional<HarRedaction> HarRedaction::parse(const QString &spec, QString *error)
{
    HarRedaction redaction;
    const QString trimmed = spec.trimmed();
    if (trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return redaction;
    if (trimmed.isEmpty()) {
        *error = tr("--redact needs 'none' or a list such as cookies,authorization,query=token");
        return std::nullopt;
    }
    for (const QString &rawItem : trimmed.split(QLatin1Char(','))) {
        const QString item = rawItem.trimmed();
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString key = (equals < 0 ? item : item.left(equals)).trimmed().toLower();
        const QString value = equals < 0 ? QString() : item.mid(equals + 1).trimmed();
        if (equals < 0 && key == QLatin1String("cookies")) {
            redaction.cookies = true;
        } else if (equals < 0 && key == QLatin1String("authorization")) {
            redaction.authorization = true;
        } else if (equals < 0 && key == QLatin1String("bodies")) {
            redaction.bodies = true;
        } else if (key == QLatin1String("query") && equals >= 0) {
            if (value.isEmpty()) {
                *error = tr("query= needs a parameter name, as in query=token");
                return std::nullopt;
            }
            if (!redaction.queryParameters.contains(value, Qt::CaseInsensitive))
                redaction.queryParameters.append(value);
        } else if (key == QLatin1String("header") && equals >= 0) {
            const QString refusal = refusalFor(value.toLatin1());
            if (!refusal.isEmpty()) {
                *error = refusal;
                return std::nullopt;
            }
            if (!redaction.headers.contains(value.toLatin1().toLower()))
                redaction.headers.append(value.toLatin1().toLower());
        } else {
            *error =
                tr("Unknown redaction '%1': use none, cookies, authorization, query=NAME, header=NAME or "
                   "bodies")
                    .arg(item);
            return std::nullopt;
        }
    }
    return redaction;
}

QString HarRedaction::toSpec() const
{
    QStringList items;
    if (cookies)
        items << QStringLiteral("cookies");
    if (authorization)
        items << QStringLiteral("authorization");
    for (const QString &name : queryParameters)
        items << QStringLiteral("query=") + name;
    for (const QByteArray &name : headers)
        items << QStringLiteral("header=") + QString::fromLatin1(name);
    if (bodies)
        items << QStringLiteral("bodies");
    return items.isEmpty() ? QStringLiteral("none") : items.join(QLatin1Char(','));
}

QString HarRedaction::redactUrl(const QString &url, QStringList *removed) const
{
    QString result = url;
    // [rfc3986] 3.5: the fragment follows '#'; OAuth's implicit flow puts access_token there.
    const qsizetype hash = result.indexOf(QLatin1Char('#'));
    QString fragment;
    if (hash >= 0) {
        fragment = QLatin1Char('#') + redactPairs(result.mid(hash + 1), queryParameters, removed);
        result.truncate(hash);
    }
    // [rfc3986] 3.4: the query runs from the first '?' to the fragment.
    const qsizetype question = result.indexOf(QLatin1Char('?'));
    if (question >= 0)
        result = result.left(question + 1) + redactPairs(result.mid(question + 1), queryParameters, removed);
    // [rfc3986] 3.2.1 userinfo = user ":" password, before '@' in the authority.
    if (authorization) {
        const qsizetype scheme = result.indexOf(QLatin1String("://"));
        if (scheme > 0) {
            const qsizetype start = scheme + 3;
            qsizetype end = start;
            while (end < result.size() && result.at(end) != QLatin1Char('/') &&
                   result.at(end) != QLatin1Char('?'))
                ++end;
            const qsizetype at = result.lastIndexOf(QLatin1Char('@'), end - 1);
            const qsizetype colon = at >= start ? result.indexOf(QLatin1Char(':'), start) : -1;
            if (colon >= 0 && colon < at &&
                QStringView(result).mid(colon + 1, at - colon - 1) != kMarkerString) {
                result = result.left(colon + 1) + kMarkerString + result.mid(at);
                note(removed, QStringLiteral("authorization"));
            }
        }
    }
    return result + fragment;
}

void HarRedaction::applyToPage(QJsonObject &page) const
{
    if (isEmpty())
        return;
    const QString title = page.value(QStringLiteral("title")).toString();
    if (!title.isEmpty())
        page.insert(QStringLiteral("title"), redactUrl(title, nullptr));
}

namespace {

struct EntryRedactor {
    const HarRedaction &options;
    QStringList removed;

    void set(QJsonObject &object, const QString &key, const QString &value, const QString &what)
    {
        if (object.value(key).toString() == value)
            return;
        object.insert(key, value);
        note(&removed, what);
    }

    QString url(const QString &value) { return options.redactUrl(value, &removed); }

    // Every absolute URL in a free-text string (a console message, an initiator's stack).
    QString text(const QString &value)
    {
        if (!value.contains(QLatin1String("://")))
            return value;
        QString result;
        qsizetype last = 0;
        auto matches = urlInText().globalMatch(value);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            result += QStringView(value).mid(last, match.capturedStart() - last);
            result += url(match.captured());
            last = match.capturedEnd();
        }
        result += QStringView(value).mid(last);
        return result;
    }

    QJsonValue walk(const QJsonValue &value)
    {
        if (value.isString())
            return text(value.toString());
        if (value.isArray()) {
            QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                array[i] = walk(array.at(i));
            return array;
        }
        if (value.isObject()) {
            QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                it.value() = walk(it.value());
            return object;
        }
        return value;
    }

    void headers(QJsonObject &owner, const QString &key)
    {
        if (!owner.contains(key))
            return;
        QJsonArray array = owner.value(key).toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonObject header = array.at(i).toObject();
            const QByteArray name = header.value(QStringLiteral("name")).toString().toLatin1().toLower();
            const QString value = header.value(QStringLiteral("value")).toString();
            const QString valueKey = QStringLiteral("value");
            if (options.cookies && name == "cookie")
                set(header, valueKey, redactCookiePairs(value), QStringLiteral("cookies"));
            else if (options.cookies && name == "set-cookie")
                set(header, valueKey, redactSetCookie(value), QStringLiteral("cookies"));
            else if (options.authorization && (name == "authorization" || name == "proxy-authorization"))
                set(header, valueKey, redactCredentials(value), QStringLiteral("authorization"));
            else if (options.headers.contains(name) && !value.isEmpty())
                set(header, valueKey, kMarkerString, QStringLiteral("header:") + QString::fromLatin1(name));
            else if (name == "referer" || name == "location" || name == "content-location" || name == ":path")
                header.insert(valueKey,
                              url(value)); // relative URLs too (HTTP/2's :path), which text() misses
            else
                header.insert(valueKey, text(value));
            array[i] = header;
        }
        owner.insert(key, array);
    }

    void cookieArray(QJsonObject &owner)
    {
        const QString key = QStringLiteral("cookies");
        if (!options.cookies || !owner.contains(key))
            return;
        QJsonArray array = owner.value(key).toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonObject cookie = array.at(i).toObject();
            if (!cookie.value(QStringLiteral("value")).toString().isEmpty())
                set(cookie, QStringLiteral("value"), kMarkerString, QStringLiteral("cookies"));
            array[i] = cookie;
        }
        owner.insert(key, array);
    }

    // queryString[] and postData.params[]: {name, value} pairs named by `query=`.
    void pairs(QJsonObject &owner, const QString &key)
    {
        if (options.queryParameters.isEmpty() || !owner.contains(key))
            return;
        QJsonArray array = owner.value(key).toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonObject pair = array.at(i).toObject();
            for (const QString &wanted : options.queryParameters) {
                if (isName(pair, wanted) && !pair.value(QStringLiteral("value")).toString().isEmpty()) {
                    set(pair, QStringLiteral("value"), kMarkerString, QStringLiteral("query:") + wanted);
                    break;
                }
            }
            array[i] = pair;
        }
        owner.insert(key, array);
    }
};

} // namespace

void HarRedaction::apply(QJsonObject &entry) const
{
    if (isEmpty())
        return;
    EntryRedactor redactor{*this, {}};
    // Everything but the bodies and the parts handled below, so a URL in Chrome's _initiator, in
    // Corscope's _cors messages or in a fields other tools add loses its secrets too. The
    // verdict itself is words and numbers: no URL in it changes.
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (it.key() != QLatin1String("request") && it.key() != QLatin1String("response") &&
            it.key() != QLatin1String("_originalResponseHeaders"))
            it.value() = redactor.walk(it.value());
    }
    QJsonObject request = entry.value(QStringLiteral("request")).toObject();
    if (request.contains(QStringLiteral("url")))
        request.insert(QStringLiteral("url"), redactor.url(request.value(QStringLiteral("url")).toString()));
    redactor.headers(request, QStringLiteral("headers"));
    redactor.cookieArray(request);
    redactor.pairs(request, QStringLiteral("queryString"));
    if (request.contains(QStringLiteral("postData"))) {
        // A form body is a query string too: a password posted from a login form goes like a token.
        QJsonObject postData = request.value(QStringLiteral("postData")).toObject();
        redactor.pairs(postData, QStringLiteral("params"));
        if (postData.value(QStringLiteral("mimeType"))
                .toString()
                .startsWith(QLatin1String("application/x-www-form-urlencoded"), Qt::CaseInsensitive))
            postData.insert(QStringLiteral("text"),
                            redactPairs(postData.value(QStringLiteral("text")).toString(), queryParameters,
                                        &redactor.removed));
        if (bodies) {
            if (!postData.value(QStringLiteral("text")).toString().isEmpty())
                redactor.set(postData, QStringLiteral("text"), kMarkerString, QStringLiteral("bodies"));
            QJsonArray params = postData.value(QStringLiteral("params")).toArray();
            for (qsizetype i = 0; i < params.size(); ++i) {
                QJsonObject param = params.at(i).toObject();
                if (!param.value(QStringLiteral("value")).toString().isEmpty())
                    redactor.set(param, QStringLiteral("value"), kMarkerString, QStringLiteral("bodies"));
                params[i] = param;
            }
            if (!params.isEmpty())
                postData.insert(QStringLiteral("params"), params);
        }
        request.insert(QStringLiteral("postData"), postData);
    }
    entry.insert(QStringLiteral("request"), request);

    QJsonObject response = entry.value(QStringLiteral("response")).toObject();
    redactor.headers(response, QStringLiteral("headers"));
    redactor.cookieArray(response);
    if (response.contains(QStringLiteral("redirectURL")))
        response.insert(QStringLiteral("redirectURL"),
                        redactor.url(response.value(QStringLiteral("redirectURL")).toString()));
    if (bodies && response.contains(QStringLiteral("content"))) {
        // The size and type stay (they are what was received); the text and its encoding go.
        QJsonObject content = response.value(QStringLiteral("content")).toObject();
        if (!content.value(QStringLiteral("text")).toString().isEmpty()) {
            redactor.set(content, QStringLiteral("text"), kMarkerString, QStringLiteral("bodies"));
            content.remove(QStringLiteral("encoding"));
        }
        response.insert(QStringLiteral("content"), content);
    }
    for (const QString &key : {QStringLiteral("_error"), QStringLiteral("_corscopeError")})
        if (response.contains(key))
            response.insert(key, redactor.walk(response.value(key)));
    entry.insert(QStringLiteral("response"), response);
    redactor.headers(entry, QStringLiteral("_originalResponseHeaders"));

    if (!redactor.removed.isEmpty())
        entry.insert(QStringLiteral("_redacted"), QJsonArray::fromStringList(redactor.removed));
}

} // namespace Corscope
