#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <optional>
#include <vector>

namespace Corscope {

// What the Traffic filter can ask about one captured flow, computed once when the flow is
// evaluated. Filtering a million flows must not touch header lists or re-run the evaluator, so
// every predicate reads a precomputed field. Text fields are lower-case.
struct FlowFacts {
    QByteArray method; // as sent, e.g. "PUT"
    int status = 0;    // 0 while no response arrived or on a network error
    QByteArray origin; // the request's Origin header, lower-case; empty when absent
    QByteArray host;   // target host, lower-case
    QByteArray url;    // full URL, lower-case
    bool crossOrigin = false;
    bool blocked = false;
    bool isPreflight = false;
    bool preflightFailed = false; // this flow is, or was guarded by, a failing preflight
    bool preflightCached =
        false; // a cross-origin request that needed a preflight but the browser cache answered
    bool credentialed = false;   // cookies or HTTP authentication went with the request
    bool reflectsOrigin = false; // Access-Control-Allow-Origin echoes the request's Origin
    bool noVary = false; // reflects the origin without Vary: Origin: caches can serve it to the wrong origin
};

struct FlowFilterError {
    QString message;
    qsizetype position = 0; // character offset into the filter text
};

// The Traffic tab's small filter language:
//   method:PUT  status:404 | status:4xx | status:400-499  origin:app.example  host:api  url:/v1
//   blocked  allowed  cross-origin  preflight  preflight:failed  preflight:cached  credentialed
//   reflects-origin  no-vary  and free text (matched in the URL; "quoted text" keeps spaces)
// combined with ! (not), & (and; juxtaposition also means and), | (or) and parentheses.
// Matching is case-insensitive. The parsed filter is a flat postfix program so that matching a
// flow is a short loop over a few bytes of instructions.
class FlowFilter {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FlowFilter)

public:
    // An empty or all-space text gives a filter that matches everything.
    static std::optional<FlowFilter> parse(const QString &text, FlowFilterError *error = nullptr);

    bool matches(const FlowFacts &facts) const;
    bool matchesEverything() const { return m_program.empty(); }

    // The predicate names the language knows, for completion in the filter bar.
    static QStringList keywords();

private:
    enum class Op : quint8 {
        MethodIs,
        StatusIs,
        StatusInRange,
        OriginContains,
        HostContains,
        UrlContains,
        Blocked,
        Allowed,
        CrossOrigin,
        Preflight,
        PreflightFailed,
        PreflightCached,
        Credentialed,
        ReflectsOrigin,
        NoVary,
        Not,
        And,
        Or,
    };
    struct Instruction {
        Instruction(Op op_, int low_ = 0, int high_ = 0, QByteArray text_ = {})
            : op(op_)
            , low(low_)
            , high(high_)
            , text(std::move(text_))
        {
        }
        Op op;
        int low = 0;
        int high = 0;
        QByteArray text; // lower-case needle
    };
    friend class FlowFilterParser;

    std::vector<Instruction> m_program;
};

} // namespace Corscope
