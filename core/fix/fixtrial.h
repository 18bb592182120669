#pragma once

#include "fix/fixplan.h"
#include "http/headerdiff.h"
#include "scenario/scenario.h"
#include "sender/sendoptions.h"
#include "sender/sendresult.h"
#include "session/sessionentry.h"

#include <QCoreApplication>
#include <optional>

namespace Corscope {

// What a tried fix did to one response: the headers the rules added, changed or removed, or the
// whole answer when a rule gave it instead of the server.
struct HeaderRewrite {
    OutgoingRequest::Kind kind = OutgoingRequest::Kind::Actual;
    QByteArray method; // as the wire saw it: OPTIONS for a preflight
    QUrl url;
    bool answeredLocally = false;    // the server never saw this request
    QList<HeaderDifference> changes; // no Kind::Same; for a local answer, every header it has
    QStringList rules;
};

// "Try it" for a request sent for real: the fix plan turned into the proxy's rewrite rules
// (FixRuleBuilder, the one plan → rules step) and the request sent again with the request
// engine applying them to what the server answers. The GUI and the CLI both go through here, so
// the two never disagree on what "tried" means.
class FixTrial {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FixTrial)

public:
    // The rules that apply the plan to this request's responses, or nullopt with *problem when
    // rules cannot make it pass (no fix, a request-side blocker, a status only the server sets).
    static std::optional<RewriteRules> rulesFor(const std::optional<FixPlan> &plan, const Scenario &scenario,
                                                QString *problem = nullptr);
    // base with the rules switched on. Send it with a SendSession of its own: a preflight the
    // rules let through must not leave a grant in the real session's preflight cache, where it
    // would make the next plain request pass without any rewrite.
    static SendOptions optionsFor(const SendOptions &base, const RewriteRules &rules);
    // Every response the rules changed or answered, in wire order.
    static QList<HeaderRewrite> rewritesOf(const SendResult &result);
    // One line per header ("Access-Control-Allow-Origin: https://app.example (added)"), for
    // people: the result pane's banner and the CLI's text report.
    static QStringList describe(const HeaderRewrite &rewrite);
    // Every rewrite as lines naming the exchange ("PUT http://api/x: Access-Control-Allow-Origin:
    // https://app.example (added)"; a local answer says the server never saw the request).
    static QStringList summary(const QList<HeaderRewrite> &rewrites);
    // The history entry of a tried fix: marked as one, with what the rules changed.
    static SessionEntry entryFor(const FetchRequest &request, const SendResult &result,
                                 const QString &browser);
    // The same for a request explained offline: no server to send to, so the rules are applied
    // to the answers pasted from DevTools (the ResponseRewriter the engine uses) and the request
    // evaluated again with a fresh preflight cache. nullopt for an unknown browser.
    static std::optional<SessionEntry> explainOffline(const SessionEntry &entry, const RewriteRules &rules,
                                                      qint64 timeMs);
};

} // namespace Corscope
