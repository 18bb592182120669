#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// nginx: a map from $http_origin per header (an allow-list without `if` on the origin, as the
// nginx docs advise), `add_header … always` so error responses carry the headers too, and the
// preflight answered with `return 204` before any other rewrite in the location.
class NginxSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::NginxSnippet)

public:
    QString id() const override { return QStringLiteral("nginx"); }
    QString displayName() const override { return QStringLiteral("nginx"); }
    QString language() const override { return QStringLiteral("nginx"); }
    QStringList contexts() const override
    {
        return {QStringLiteral("http"), QStringLiteral("server"), QStringLiteral("location")};
    }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
