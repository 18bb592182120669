#include "report/preflightnegotiation.h"

#include "cors/corsheaderparser.h"

namespace Corscope {

namespace {

QString grantReason(Grant grant)
{
    switch (grant) {
    case Grant::Safelisted:
        return PreflightNegotiation::tr("CORS-safelisted: needs no entry");
    case Grant::Listed:
        return PreflightNegotiation::tr("listed");
    case Grant::Wildcard:
        return PreflightNegotiation::tr("covered by '*' (no credentials)");
    case Grant::WildcardAuthorization:
        return PreflightNegotiation::tr("covered by '*' in this browser only; the spec requires it listed");
    case Grant::Denied:
        break;
    }
    return PreflightNegotiation::tr("not allowed");
}

} // namespace

QList<NegotiationRow> PreflightNegotiation::fromEvaluation(const Evaluation &evaluation)
{
    QList<NegotiationRow> rows;
    const Exchange *preflight = nullptr;
    for (const Exchange &exchange : evaluation.exchanges) {
        if (exchange.request.kind == OutgoingRequest::Kind::Preflight && exchange.response) {
            preflight = &exchange;
            break;
        }
    }
    if (!preflight)
        return rows;
    const HeaderList &asked = preflight->request.headers;
    const HeaderList &answer = preflight->response->headers;
    const bool include = evaluation.credentials == CredentialsMode::Include;
    const BrowserProfile *profile = BrowserProfile::byId(evaluation.browser);
    if (!profile)
        profile = &BrowserProfile::chromium();

    // [fetch] CORS check: exactly one Access-Control-Allow-Origin, the origin itself or "*"
    // without credentials.
    const QByteArray origin = asked.get("origin").value_or(QByteArray());
    const QList<QByteArray> allowOrigins = answer.values("access-control-allow-origin");
    NegotiationRow originRow{NegotiationRow::Kind::Origin,
                             "Access-Control-Allow-Origin",
                             origin,
                             allowOrigins.join(", "),
                             false,
                             {}};
    if (allowOrigins.isEmpty()) {
        originRow.reason = tr("absent");
    } else if (allowOrigins.size() > 1) {
        originRow.reason = tr("sent %n times; exactly one is allowed", nullptr, int(allowOrigins.size()));
    } else if (allowOrigins.first() == origin) {
        originRow.allowed = true;
        originRow.reason = tr("matches the origin");
    } else if (allowOrigins.first() == "*") {
        originRow.allowed = !include;
        originRow.reason = include ? tr("'*' is not allowed with credentials") : tr("'*' (no credentials)");
    } else {
        originRow.reason = tr("a different origin");
    }
    rows.append(originRow);

    if (include) {
        const QByteArray credentials = answer.get("access-control-allow-credentials").value_or(QByteArray());
        const bool ok = credentials == "true";
        rows.append({NegotiationRow::Kind::Credentials, "Access-Control-Allow-Credentials", "include",
                     credentials, ok, ok ? tr("exactly 'true'") : tr("must be exactly 'true'")});
    }

    const QByteArray method = asked.get("access-control-request-method").value_or(QByteArray());
    const TokenListParse methods =
        CorsHeaderParser::parseTokenList(answer.get("access-control-allow-methods"));
    const QByteArray methodsRaw = answer.get("access-control-allow-methods").value_or(QByteArray());
    if (!methods.ok) {
        rows.append({NegotiationRow::Kind::Method, method, method, methodsRaw, false,
                     tr("'%1' is not a method token: the list does not parse")
                         .arg(QString::fromLatin1(methods.invalidItem))});
    } else {
        const Grant grant = PreflightGrant::method(method, methods.items, include);
        rows.append({NegotiationRow::Kind::Method, method, method, methodsRaw,
                     PreflightGrant::isAllowed(grant), grantReason(grant)});
    }

    const TokenListParse headers =
        CorsHeaderParser::parseTokenList(answer.get("access-control-allow-headers"));
    const QByteArray headersRaw = answer.get("access-control-allow-headers").value_or(QByteArray());
    const TokenListParse requested =
        CorsHeaderParser::parseTokenList(asked.get("access-control-request-headers"));
    for (const QByteArray &name : requested.items.toList()) {
        if (!headers.ok) {
            rows.append({NegotiationRow::Kind::Header, name, name, headersRaw, false,
                         tr("'%1' is not a header name: the list does not parse")
                             .arg(QString::fromLatin1(headers.invalidItem))});
            continue;
        }
        const Grant grant = PreflightGrant::header(name, headers.items, include, *profile);
        rows.append({NegotiationRow::Kind::Header, name, name, headersRaw, PreflightGrant::isAllowed(grant),
                     grantReason(grant)});
    }
    return rows;
}

} // namespace Corscope
