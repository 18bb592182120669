#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// Caddy 2: a named matcher on the Origin header as the allow-list, the `header` directive for
// the CORS headers, and the preflight answered by `respond 204` inside a `handle` of its own.
class CaddySnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CaddySnippet)

public:
    QString id() const override { return QStringLiteral("caddy"); }
    QString displayName() const override { return QStringLiteral("Caddy 2"); }
    QString language() const override { return QStringLiteral("caddyfile"); }
    QStringList contexts() const override { return {QStringLiteral("site")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
