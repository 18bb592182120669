#include "fix/fixtrial.h"

#include "cors/clock.h"
#include "cors/preflightcache.h"
#include "fix/fixrulebuilder.h"
#include "sender/responserewriter.h"

namespace Corscope {

std::optional<RewriteRules> FixTrial::rulesFor(const std::optional<FixPlan> &plan, const Scenario &scenario,
                                               QString *problem)
{
    const auto fail = [problem](const QString &why) -> std::optional<RewriteRules> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    if (!plan)
        return fail(tr("There is no fix to try: the request is not blocked by CORS."));
    if (!plan->fixable)
        return fail(plan->blocker.isEmpty() ? tr("No server change makes this request pass.")
                                            : plan->blocker);
    const FixRules fix = FixRuleBuilder::build(*plan, scenario);
    if (!fix.problem.isEmpty())
        return fail(fix.problem);
    if (fix.rules.isEmpty())
        return fail(tr("The fix changes nothing a rewrite rule can change."));
    RewriteRules rules;
    rules.rules() = fix.rules;
    return rules;
}

SendOptions FixTrial::optionsFor(const SendOptions &base, const RewriteRules &rules)
{
    SendOptions options = base;
    options.rewriteRules = rules;
    return options;
}

QList<HeaderRewrite> FixTrial::rewritesOf(const SendResult &result)
{
    QList<HeaderRewrite> rewrites;
    for (const ExchangeRecord &record : result.exchanges) {
        if (!record.wasRewritten() || !record.response)
            continue;
        HeaderRewrite rewrite;
        rewrite.kind = record.request.kind;
        rewrite.method = record.request.method;
        rewrite.url = record.request.url;
        rewrite.answeredLocally = record.answeredLocally;
        rewrite.rules = record.appliedRules;
        // A local answer replaces the server's whole response: all of its headers are Corscope's.
        const HeaderList before = record.answeredLocally ? HeaderList() : record.originalResponseHeaders;
        for (const HeaderDifference &difference : HeaderDiff::compare(before, record.response->headers)) {
            if (difference.kind != HeaderDifference::Kind::Same)
                rewrite.changes.append(difference);
        }
        rewrites.append(rewrite);
    }
    return rewrites;
}

QStringList FixTrial::describe(const HeaderRewrite &rewrite)
{
    QStringList lines;
    for (const HeaderDifference &difference : rewrite.changes) {
        const QString name = QString::fromLatin1(difference.name);
        const QString after = QString::fromLatin1(difference.right.join(", "));
        const QString before = QString::fromLatin1(difference.left.join(", "));
        switch (difference.kind) {
        case HeaderDifference::Kind::OnlyRight:
            lines << tr("%1: %2 (added)").arg(name, after);
            break;
        case HeaderDifference::Kind::Changed:
            lines << tr("%1: %2 (was %3)").arg(name, after, before);
            break;
        case HeaderDifference::Kind::OnlyLeft:
            lines << tr("%1 (removed; was %2)").arg(name, before);
            break;
        case HeaderDifference::Kind::Same:
            break;
        }
    }
    return lines;
}

QStringList FixTrial::summary(const QList<HeaderRewrite> &rewrites)
{
    QStringList lines;
    for (const HeaderRewrite &rewrite : rewrites) {
        const QString exchange =
            QStringLiteral("%1 %2").arg(QString::fromLatin1(rewrite.method), rewrite.url.toString());
        if (rewrite.answeredLocally)
            lines << tr("%1: answered by Corscope; the server never saw this request").arg(exchange);
        for (const QString &line : describe(rewrite))
            lines << tr("%1: %2").arg(exchange, line);
    }
    return lines;
}

SessionEntry FixTrial::entryFor(const FetchRequest &request, const SendResult &result, const QString &browser)
{
    SessionEntry entry = SessionEntry::fromSendResult(request, result, browser);
    entry.triedFix = true;
    entry.rewrittenHeaders = summary(rewritesOf(result));
    return entry;
}

std::optional<SessionEntry> FixTrial::explainOffline(const SessionEntry &entry, const RewriteRules &rules,
                                                     qint64 timeMs)
{
    const BrowserProfile *profile = BrowserProfile::byId(entry.browser);
    if (!profile)
        return std::nullopt;
    ManualClock clock(timeMs);
    PreflightCache cache(*profile, clock);
    SendResult result;
    result.startedAtMs = timeMs;
    result.evaluation = runFetch(
        entry.request(), *profile, cache, [&](const OutgoingRequest &request) -> std::optional<HttpResponse> {
            std::optional<ExchangeRecord> record = ResponseRewriter::localAnswer(request, rules);
            if (!record) {
                record.emplace();
                record->request = request;
                record->response = entry.scenario.respond(request);
                ResponseRewriter::rewrite(*record, rules);
            }
            result.exchanges.append(*record);
            return record->response;
        });
    SessionEntry tried = entryFor(entry.request(), result, entry.browser);
    tried.kind = SessionEntry::Kind::Offline;
    tried.phases.clear(); // nothing went on the wire
    return tried;
}

} // namespace Corscope
