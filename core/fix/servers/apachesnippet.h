#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// Apache httpd 2.4: a SetEnvIf allow-list on Origin, mod_headers `Header always set … env=` so
// error responses (and the preflight's 204) carry the headers too, and the preflight answered by
// mod_rewrite with R=204 before the request reaches a handler or mod_proxy.
class ApacheSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::ApacheSnippet)

public:
    QString id() const override { return QStringLiteral("apache"); }
    QString displayName() const override { return QStringLiteral("Apache httpd"); }
    QString language() const override { return QStringLiteral("apache"); }
    // Server config or <VirtualHost>: the only context where SetEnvIf runs before mod_rewrite's
    // per-server rules, so the preflight rule can see the allow-list's verdict.
    QStringList contexts() const override { return {QStringLiteral("server")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
