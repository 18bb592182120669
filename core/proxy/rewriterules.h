#pragma once

#include "http/headerlist.h"
#include "proxy/flow.h"

#include <QCoreApplication>
#include <optional>

namespace Corscope {

// One "try the fix before touching the server" rule: which responses it applies to, and the
// header changes it makes.
struct RewriteRule {
    QString name;
    bool enabled = true;
    QString host;      // exact, "*.example.com", or empty for any
    QString path;      // exact, "/api/*" for a prefix, or empty for any
    QByteArray method; // exact (case-sensitive, as methods are), or empty for any
    HeaderList set;    // replace every header of the name
    HeaderList add;    // append
    QByteArrayList remove;

    bool matches(const Flow &flow) const;
    bool operator==(const RewriteRule &) const = default;
};

// Rules from a JSON file:
//   {"rules": [{"name": "allow app", "match": {"host": "api.example", "path": "/v1/*", "method": "PUT"},
//               "set": {"Access-Control-Allow-Origin": "https://app.example"},
//               "add": {"Vary": "Origin"}, "remove": ["X-Powered-By"], "enabled": true}]}
class RewriteRules {
    Q_DECLARE_TR_FUNCTIONS(Corscope::RewriteRules)

public:
    static std::optional<RewriteRules> parse(const QByteArray &json, QString *error);
    // The rules in the format parse() reads, {"rules": [...]}. Repeated "add" headers of one
    // name become one comma-joined value, as a JSON object holds each name once.
    QByteArray toJson() const;

    // Applies every enabled matching rule, in order. Returns the names of the rules applied.
    QStringList apply(const Flow &flow, HeaderList &headers) const;

    bool isEmpty() const { return m_rules.isEmpty(); }
    QList<RewriteRule> &rules() { return m_rules; }
    const QList<RewriteRule> &rules() const { return m_rules; }

private:
    QList<RewriteRule> m_rules;
};

} // namespace Corscope
