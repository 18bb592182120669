#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Corscope {

// [html] origin: an opaque origin, or a (scheme, host, port) tuple.
class Origin {
public:
    Origin() = default; // opaque
    static Origin opaque() { return {}; }
    // [url] the origin of a URL: http(s), ws(s) and ftp URLs have tuple origins; anything else,
    // file: and data: included, is opaque.
    static Origin fromUrl(const QUrl &url);
    // Parses an ASCII serialization such as "https://app.example:8443", or "null". Anything else
    // (a path, a trailing slash, user info) is an error: those are exactly the mistakes people
    // make in Access-Control-Allow-Origin.
    static Origin parse(const QString &text, QString *error = nullptr, qsizetype *errorPosition = nullptr);

    bool isOpaque() const { return m_scheme.isEmpty(); }
    const QString &scheme() const { return m_scheme; }
    // ASCII (punycode) host; IPv6 literals without brackets.
    const QString &host() const { return m_host; }
    // -1 when the scheme's default port.
    int port() const { return m_port; }

    // [html] ASCII serialization: "null" for opaque origins.
    const QByteArray &serialize() const { return m_serialized; }
    QString toString() const { return QString::fromLatin1(serialize()); }

    // Two opaque origins are treated as different: the evaluator never holds the same opaque
    // origin twice, and a page with an opaque origin is cross-origin to every URL.
    bool isSameOrigin(const Origin &other) const;
    // The same as isSameOrigin(Origin::fromUrl(url)), without building an Origin.
    bool isSameOriginAs(const QUrl &url) const;
    // [html] same site: same scheme and the same registrable domain (by the public suffix list).
    bool isSameSite(const Origin &other) const;

    static int defaultPort(const QString &scheme);

private:
    bool parseCommonForm(QStringView text);
    void updateSerialization();

    QString m_scheme;
    QString m_host;
    int m_port = -1;
    // Computed once: the evaluator compares serializations on every check.
    QByteArray m_serialized = QByteArrayLiteral("null");
};

// The registrable domain of a host ("eTLD+1"), by the public suffix list Qt Network carries; the
// host itself for IP literals and for hosts that are themselves public suffixes.
QString registrableDomain(const QString &host);

} // namespace Corscope
