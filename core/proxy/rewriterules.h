#pragma once

#include "http/headerlist.h"
#include "capture/flow.h"

#include <QCoreApplication>
#include <optional>

namespace Corscope {

// An answer the proxy gives itself, without contacting the origin server: typically the
// preflight a gateway fails to answer (404 or 405 on OPTIONS), to try the fix before it ships.
struct LocalResponse {
    enum class Answers {
        Preflights,  // only CORS preflights (OPTIONS with Origin and Access-Control-Request-Method)
        AllRequests, // every request the rule matches
    };
    int status = 204;
    HeaderList headers; // sent as given; the proxy adds Content-Length when the body needs it
    QByteArray body;
    Answers answers = Answers::Preflights;

    bool operator==(const LocalResponse &) const = default;
};

// One "try the fix before touching the server" rule: which exchanges it applies to, the
// header changes it makes to the server's responses, and optionally a response of its own.
struct RewriteRule {
    QString name;
    bool enabled = true;
    QString host;      // exact, "*.example.com", or empty for any
    QString path;      // exact, "/api/*" for a prefix, or empty for any
    QByteArray method; // exact (case-sensitive, as methods are), or empty for any
    HeaderList set;    // replace every header of the name
    HeaderList add;    // append
    QByteArrayList remove;
    std::optional<LocalResponse> respond; // answered by the proxy instead of the server

    bool matches(const Flow &flow) const;
    // Whether the proxy answers this flow itself: enabled, matching, with a local response that
    // covers this kind of request.
    bool answersLocally(const Flow &flow) const;
    bool operator==(const RewriteRule &) const = default;
};

// Rules from a JSON file:
//   {"rules": [{"name": "allow app", "match": {"host": "api.example", "path": "/v1/*", "method": "PUT"},
//               "set": {"Access-Control-Allow-Origin": "https://app.example"},
//               "add": {"Vary": "Origin"}, "remove": ["X-Powered-By"], "enabled": true}]}
// A rule may answer requests itself instead of the server:
//   "respond": {"status": 204, "headers": {"Access-Control-Allow-Origin": "https://app.example",
//                                          "Access-Control-Allow-Methods": "PUT"},
//               "body": "", "answers": "preflights"}
// "status" defaults to 204, "body" to empty, "answers" to "preflights" (only CORS preflights the
// rule matches; the rule's "set"/"add"/"remove" still change the server's other responses) or
// "all" (every matching request). The first enabled rule that answers wins; the answer is sent
// exactly as written, other rules do not rewrite it. Header sets ("set", "add", "respond.headers")
// are objects, or arrays of [name, value] pairs where order or duplicates matter.
class RewriteRules {
    Q_DECLARE_TR_FUNCTIONS(Corscope::RewriteRules)

public:
    static std::optional<RewriteRules> parse(const QByteArray &json, QString *error);
    // The rules in the shape parse() reads: parse(toJson()) gives the same rules back.
    QByteArray toJson() const;

    // Applies every enabled matching rule, in order. Returns the names of the rules applied.
    QStringList apply(const Flow &flow, HeaderList &headers) const;
    // The first enabled rule that answers this request itself, if any.
    const RewriteRule *localAnswerFor(const Flow &flow) const;

    bool isEmpty() const { return m_rules.isEmpty(); }
    QList<RewriteRule> &rules() { return m_rules; }
    const QList<RewriteRule> &rules() const { return m_rules; }
    bool operator==(const RewriteRules &) const = default;

private:
    QList<RewriteRule> m_rules;
};

} // namespace Corscope
