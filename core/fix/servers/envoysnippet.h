#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// Envoy (v3 API): the CorsPolicy as typed_per_filter_config of the route, and the
// envoy.filters.http.cors filter ahead of the router in the HTTP connection manager.
class EnvoySnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::EnvoySnippet)

public:
    QString id() const override { return QStringLiteral("envoy"); }
    QString displayName() const override { return QStringLiteral("Envoy"); }
    QString language() const override { return QStringLiteral("yaml"); }
    QStringList contexts() const override
    {
        return {QStringLiteral("route"), QStringLiteral("http_filters")};
    }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
