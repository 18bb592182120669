#include "http/origin.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkCookie>
#include <QNetworkCookieJar>

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

Origin Origin::parse(const QString &text, QString *error, qsizetype *errorPosition)
{
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
    const QString scheme = url.scheme();
    if (scheme.compare(m_scheme, Qt::CaseInsensitive) != 0 || !hasTupleOrigin(m_scheme))
        return false;
    const int port = url.port();
    if ((port == defaultPort(m_scheme) ? -1 : port) != m_port)
        return false;
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
