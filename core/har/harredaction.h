#pragma once

#include <QByteArrayList>
#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace Corscope {

// What a HAR export leaves out so it can be shared: cookie values, credentials, named query
// parameters and named headers, replaced by a marker. Chrome's "Export HAR (sanitized)", the
// DevTools default since Chrome 130, drops Cookie, Set-Cookie and Authorization outright; Corscope
// keeps each header and cookie *name* with its value replaced, because what it debugs depends on
// them: a request that carried a Cookie was credentialed, one that carried Authorization needed a
// preflight naming it, and a Set-Cookie's attributes (SameSite, Secure) explain a third-party cookie.
// Nothing the CORS evaluation reads is ever redacted (Origin, Access-Control-*, the safelisted
// headers' values, Location's path), so an export re-imported gives the verdicts it recorded.
struct HarRedaction {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HarRedaction)

public:
    // What replaces a secret: plain ASCII, so it needs no escaping in a URL, a header or a cookie.
    static constexpr QLatin1StringView kMarker{"REDACTED"};

    bool cookies = false;        // Cookie, Set-Cookie, request/response `cookies[]` values
    bool authorization = false;  // Authorization, Proxy-Authorization credentials, a URL's password
    QStringList queryParameters; // values of these parameters in every URL, compared case-insensitively
    QByteArrayList headers;      // values of these request and response headers
    // Request and response bodies (postData, content.text): a login form, a token response. Off
    // unless asked: Chrome's sanitized export keeps them, and what a response said is often the
    // point of sharing it.
    bool bodies = false;

    // The query parameters that usually carry a secret: the GUI's default list.
    static QStringList defaultQueryParameters();
    // Chrome's sanitized export: cookies and authorization.
    static HarRedaction chromeSanitized();
    // What the GUI offers for a shared export: Chrome's, plus the default query parameters.
    static HarRedaction shared();

    // "none" or a comma-separated list of `cookies`, `authorization`, `query=NAME`, `header=NAME`,
    // `bodies` (`--redact` of `corscope-cli proxy`). Nothing and *error for an unknown item or a
    // header the CORS evaluation reads.
    static std::optional<HarRedaction> parse(const QString &spec, QString *error);
    // Why a header cannot be redacted (the evaluation reads its value), or empty when it can.
    static QString refusalFor(const QByteArray &headerName);
    // The spec parse() reads back; "none" when nothing is redacted.
    QString toSpec() const;
    bool isEmpty() const
    {
        return !cookies && !authorization && queryParameters.isEmpty() && headers.isEmpty() && !bodies;
    }

    // Redacts one HAR entry in place and records in its `_redacted` what it removed ("cookies",
    // "authorization", "query:NAME", "header:NAME"); an entry with nothing to remove gets none.
    // `_cors` keeps its verdict; only the URLs quoted in its messages lose their secret values.
    void apply(QJsonObject &entry) const;
    // A page (`log.pages[]`): its title is often the page's URL.
    void applyToPage(QJsonObject &page) const;
    // One URL (absolute or relative) with the named parameters' values replaced; *removed gets
    // "query:NAME" for each, "authorization" for a password.
    QString redactUrl(const QString &url, QStringList *removed) const;
};

} // namespace Corscope
