#include "report/sequencediagram.h"

namespace Corscope {

namespace {

QStringList corsHeaders(const HeaderList &headers)
{
    QStringList lines;
    for (const Header &header : headers) {
        const QByteArray lower = header.name.toLower();
        if (lower == "origin" || lower.startsWith("access-control-") || lower == "location" ||
            lower == "vary")
            lines << QStringLiteral("%1: %2").arg(QString::fromUtf8(header.name),
                                                  QString::fromUtf8(header.value));
    }
    return lines;
}

} // namespace

QList<SequenceArrow> SequenceDiagram::fromEvaluation(const Evaluation &evaluation,
                                                     const QList<ExchangePhases> &exchangePhases)
{
    using Lane = SequenceArrow::Lane;
    using Kind = SequenceArrow::Kind;
    QList<SequenceArrow> arrows;
    const QUrl firstUrl = evaluation.exchanges.isEmpty() ? evaluation.finalUrl
                                                         : evaluation.shownUrl(evaluation.exchanges.first().request);
    const QString call = evaluation.resourceType == ResourceType::WebSocket
                             ? tr("new WebSocket(%1)").arg(firstUrl.toString())
                             : tr("fetch(%1)").arg(firstUrl.toString());
    arrows.append({Lane::Page, Lane::Browser, Kind::Call, call, {}, -1, {}});
    if (evaluation.preflightFromCache)
        arrows.append(
            {Lane::Browser,
             Lane::Browser,
             Kind::CacheHit,
             tr("preflight cache hit (%1 s left)").arg(evaluation.cache.remainingMs / 1000.0, 0, 'f', 1),
             {},
             -1, {}});
    for (qsizetype i = 0; i < evaluation.exchanges.size(); ++i) {
        const Exchange &exchange = evaluation.exchanges.at(i);
        const ExchangePhases phases = i < exchangePhases.size() ? exchangePhases.at(i) : ExchangePhases{};
        arrows.append(
            {Lane::Browser, Lane::Server, Kind::Request,
             QStringLiteral("%1 %2").arg(QString::fromUtf8(exchange.request.method),
                                         exchange.request.url.path().isEmpty() ? QStringLiteral("/")
                                                                               : exchange.request.url.path()),
             corsHeaders(exchange.request.headers), phases.totalUs(), phases});
        if (exchange.response)
            arrows.append({Lane::Server, Lane::Browser, Kind::Response,
                           QString::number(exchange.response->status) + QLatin1Char(' ') +
                               QString::fromUtf8(exchange.response->statusText),
                           corsHeaders(exchange.response->headers), -1, {}});
        else if (!exchange.networkError.isEmpty())
            arrows.append({Lane::Server,
                           Lane::Browser,
                           Kind::Response,
                           tr("no response: %1").arg(exchange.networkError),
                           {},
                           -1, {}});
    }
    if (evaluation.allowed())
        arrows.append({Lane::Browser,
                       Lane::Page,
                       Kind::Resolved,
                       tr("resolves: %1 %2").arg(evaluation.responseType).arg(evaluation.status),
                       {},
                       -1, {}});
    else
        arrows.append({Lane::Browser,
                       Lane::Page,
                       Kind::Blocked,
                       tr("rejects: blocked (%1)").arg(evaluation.errorCode()),
                       {},
                       -1, {}});
    return arrows;
}

} // namespace Corscope
