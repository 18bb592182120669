#include "http/origin.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <algorithm>

namespace Corscope {

namespace {

struct OriginText {
    Q_DECLARE_TR_FUNCTIONS(Corscope::Origin)
};

bool hasTupleOrigin(const QString &scheme)
{
    return scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
           scheme == QLatin1String("ws") || scheme == QLatin1String("wss") || scheme == QLatin1String("ftp");
}

// Equal ignoring ASCII case; a non-ASCII character falls back to Qt's Unicode comparison.
bool asciiEqualIgnoringCase(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const char16_t x = a[i].unicode();
        const char16_t y = b[i].unicode();
        if (x == y)
            continue;
        if (x >= 0x80 || y >= 0x80)
            return a.compare(b, Qt::CaseInsensitive) == 0;
        auto lower = [](char16_t c) {
            return c >= 'A' && c <= 'Z' ? char16_t(c + ('a' - 'A')) : c;
        };
        if (lower(x) != lower(y))
            return false;
    }
    return true;
}

void fail(QString *error, qsizetype *position, const QString &message, qsizetype at)
{
    if (error)
        *error = message;
    if (position)
        *position = at;
}

// Qt Network keeps the public suffix list private; its cookie jar's validation is the public
// door to it: a cookie whose domain is a public suffix is refused.
class PublicSuffixProbe : public QNetworkCookieJar {
public:
    bool isPublicSuffix(const QString &domain) const
    {
        QNetworkCookie cookie("probe", "1");
        cookie.setDomain(QLatin1Char('.') + domain);
        cookie.setPath(QStringLiteral("/"));
        // A cookie for a host's own name is always accepted, so ask from a name below it.
        QUrl url;
        url.setScheme(QStringLiteral("https"));
        url.setHost(QStringLiteral("probe.") + domain);
        return !validateCookie(cookie, url);
    }
};

} // namespace

int Origin::defaultPort(const QString &scheme)
{
    if (scheme == QLatin1String("http") || scheme == QLatin1String("ws"))
        return 80;
    if (scheme == QLatin1String("https") || scheme == QLatin1String("wss"))
        return 443;
    if (scheme == QLatin1String("ftp"))
        return 21;
    return -1;
}

Origin Origin::fromUrl(const QUrl &url)
{
    Origin origin;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || !hasTupleOrigin(scheme) || url.host().isEmpty())
        return origin;
    origin.m_scheme = scheme;
    origin.m_host = url.host(QUrl::FullyEncoded).toLower();
    const int port = url.port();
    origin.m_port = port == defaultPort(scheme) ? -1 : port;
    origin.updateSerialization();
    return origin;
}

bool Origin::parseCommonForm(QStringView text)
{
    // What nearly every Origin header holds, "http(s)://lower-case.name[:port]", read without
    // QUrl, whose parse was a fifth of the cost of evaluating a proxied flow. Only text QUrl
    // would take unchanged is read here: IP literals, upper case, IDN and punycode labels, edge
    // hyphens, leading zeros and anything else go the general way, with its error messages.
    qsizetype i = 0;
    if (text.startsWith(u"http://"))
        i = 7;
    else if (text.startsWith(u"https://"))
        i = 8;
    else
        return false;
    const qsizetype hostStart = i;
    qsizetype labelStart = i;
    for (; i < text.size() && text[i] != u':'; ++i) {
        const char16_t ch = text[i].unicode();
        if (ch == u'.') {
            if (i == labelStart || text[i - 1] == u'-' || i - labelStart > 63)
                return false;
            labelStart = i + 1;
            continue;
        }
        const bool digit = ch >= u'0' && ch <= u'9';
        if (!digit && !(ch >= u'a' && ch <= u'z') && ch != u'-')
            return false;
        if (i == labelStart && (ch == u'-' || text.sliced(i).startsWith(u"xn--")))
            return false;
    }
    const qsizetype hostEnd = i;
    // The last label must be a name: "127.0.0.1", "0x7f.1" and "1" are IPv4 to QUrl.
    if (hostEnd == labelStart || text[hostEnd - 1] == u'-' || hostEnd - labelStart > 63 ||
        hostEnd - hostStart > 253 || (text[labelStart] >= u'0' && text[labelStart] <= u'9'))
        return false;
    int port = -1;
    if (i < text.size()) {
        ++i; // ':'
        const qsizetype digits = text.size() - i;
        if (digits < 1 || digits > 5 || (digits > 1 && text[i] == u'0'))
            return false;
        port = 0;
        for (; i < text.size(); ++i) {
            const char16_t ch = text[i].unicode();
            if (ch < u'0' || ch > u'9')
                return false;
            port = port * 10 + (ch - u'0');
        }
        if (port > 65535)
            return false;
    }
    m_scheme = hostStart == 7 ? QStringLiteral("http") : QStringLiteral("https");
    m_host = text.sliced(hostStart, hostEnd - hostStart).toString();
    m_port = port == defaultPort(m_scheme) ? -1 : port;
    updateSerialization();
    return true;
}

Origin Origin::parse(const QString &text, QString *error, qsizetype *errorPosition)
{
    if (Origin origin; origin.parseCommonForm(text))
        return origin;
    if (text == QLatin1String("null"))
        return Origin::opaque();
    const qsizetype separator = text.indexOf(QLatin1String("://"));
    if (separator <= 0) {
        fail(error, errorPosition, OriginText::tr("an origin looks like scheme://host[:port], or null"), 0);
        return {};
    }
    const qsizetype hostStart = separator + 3;
    const qsizetype pathStart = text.indexOf(QLatin1Char('/'), hostStart);
    if (pathStart >= 0) {
        fail(error, errorPosition,
             OriginText::tr("an origin has no path, not even a trailing slash: remove everything from "
                            "position %1")
                 .arg(pathStart + 1),
             pathStart);
        return {};
    }
    for (const QChar forbidden : {QLatin1Char('?'), QLatin1Char('#'), QLatin1Char('@')}) {
        const qsizetype at = text.indexOf(forbidden, hostStart);
        if (at >= 0) {
            fail(error, errorPosition, OriginText::tr("an origin has no query, fragment or user info"), at);
            return {};
        }
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = text.left(separator).toLower();
    if (!url.isValid() || url.host().isEmpty()) {
        fail(error, errorPosition, OriginText::tr("'%1' is not a valid scheme://host[:port]").arg(text),
             hostStart);
        return {};
    }
    if (!hasTupleOrigin(scheme)) {
        fail(error, errorPosition,
             OriginText::tr("the scheme '%1' has no tuple origin; its origin is null").arg(scheme), 0);
        return {};
    }
    return fromUrl(url);
}

void Origin::updateSerialization()
{
    if (isOpaque()) {
        m_serialized = QByteArrayLiteral("null");
        return;
    }
    QByteArray result = m_scheme.toLatin1() + "://";
    if (m_host.contains(QLatin1Char(':')))
        result += '[' + m_host.toLatin1() + ']';
    else
        result += m_host.toLatin1();
    if (m_port >= 0)
        result += ':' + QByteArray::number(m_port);
    m_serialized = result;
}

bool Origin::isSameOrigin(const Origin &other) const
{
    return !isOpaque() && !other.isOpaque() && m_scheme == other.m_scheme && m_host == other.m_host &&
           m_port == other.m_port;
}

bool Origin::isSameOriginAs(const QUrl &url) const
{
    if (isOpaque() || !url.isValid())
        return false;
    // The evaluator asks this once per URL it fetches; Qt's case-insensitive QString compare folds
    // Unicode case per character, so ASCII-only text is compared here directly.
    // m_scheme is lower-case and, the origin not being opaque, a scheme with tuple origins.
    if (!asciiEqualIgnoringCase(url.scheme(), m_scheme))
        return false;
    int port = url.port();
    if (port != -1 && port == defaultPort(m_scheme))
        port = -1;
    if (port != m_port)
        return false;
    // QUrl keeps a registered name validated and normalized, in Unicode where it has a Unicode
    // form; FullyEncoded converts that to ACE in a fresh string, which cost the evaluator more
    // than any other same-origin step. A host stored all in ASCII is its own ACE form, so it is
    // read shared (PrettyDecoded only copies the stored string) and compared as it is. IPv6
    // literals, whose zone id FullyEncoded re-encodes, and Unicode names take the long way.
    const QString stored = url.host(QUrl::PrettyDecoded);
    const bool plainAscii = std::all_of(stored.begin(), stored.end(), [](QChar c) {
        return c.unicode() < 0x80 && c != QLatin1Char(':') && c != QLatin1Char('%');
    });
    if (plainAscii)
        return asciiEqualIgnoringCase(stored, m_host);
    return url.host(QUrl::FullyEncoded).compare(m_host, Qt::CaseInsensitive) == 0;
}

bool Origin::isSameSite(const Origin &other) const
{
    if (isOpaque() || other.isOpaque())
        return false;
    return m_scheme == other.m_scheme && registrableDomain(m_host) == registrableDomain(other.m_host);
}

QString registrableDomain(const QString &host)
{
    if (!QHostAddress(host).isNull())
        return host;
    const QStringList labels = host.split(QLatin1Char('.'));
    static const PublicSuffixProbe probe;
    // Walk from the top-level label down; the first suffix that is not itself a public suffix
    // is the registrable domain.
    for (qsizetype count = 1; count <= labels.size(); ++count) {
        const QString candidate = labels.mid(labels.size() - count).join(QLatin1Char('.'));
        if (!probe.isPublicSuffix(candidate))
            return candidate;
    }
    return host;
}

} // namespace Corscope
