#pragma once

#include "scenario/scenario.h"

#include <QCoreApplication>

namespace Corscope {

// One change to a server response.
struct ResponseChange {
    QByteArray method; // the request it answers
    QUrl url;
    QByteArray header; // empty for a status-only change
    std::optional<QByteArray> oldValue;
    QByteArray newValue;
    int oldStatus = 0;
    int newStatus = 0; // 0 when unchanged
};

// The CORS configuration a server needs for this request, rendered as snippets.
struct SnippetPolicy {
    QByteArray allowOrigin;
    bool allowCredentials = false;
    QByteArrayList allowMethods;
    QByteArrayList allowHeaders;
    QByteArrayList exposeHeaders;
    int maxAgeSeconds = 600;
};

struct ServerSnippet {
    QString server; // nginx, Apache, Express, Spring, ASP.NET Core
    QString language;
    QString code;
};

struct FixPlan {
    bool fixable = false; // the request passes once the changes are made
    bool alreadyAllowed = false;
    QList<ResponseChange> changes; // in the order the browser's checks need them
    QString blocker;               // why a server change cannot help (a request-side problem)
    SnippetPolicy policy;
};

// "What would fix it": the smallest set of response changes that makes a blocked request
// pass, found by applying each failing check's fix and evaluating again.
class FixAdvisor {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FixAdvisor)

public:
    // Fixes fetch number fetchIndex of the scenario, on its own (a fresh preflight cache).
    static FixPlan minimalFix(const Scenario &scenario, qsizetype fetchIndex, const BrowserProfile &profile);
    static QList<ServerSnippet> snippets(const SnippetPolicy &policy);
};

} // namespace Corscope
