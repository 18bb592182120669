#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// HAProxy 2.6: the allowed origin kept in a transaction variable, the preflight answered by
// `http-request return status 204`, and the headers added by `http-after-response` so that
// HAProxy's own responses (the 204, a 503 of its own) carry them as well as the backend's.
class HaproxySnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HaproxySnippet)

public:
    QString id() const override { return QStringLiteral("haproxy"); }
    QString displayName() const override { return QStringLiteral("HAProxy"); }
    QString language() const override { return QStringLiteral("haproxy"); }
    QStringList contexts() const override { return {QStringLiteral("frontend"), QStringLiteral("backend")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
