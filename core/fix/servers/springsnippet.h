#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// Spring: a CorsConfigurationSource bean (UrlBasedCorsConfigurationSource) registered for the
// request's path; Spring MVC and Spring Security both pick it up, add Vary: Origin and answer
// the preflight themselves.
class SpringSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::SpringSnippet)

public:
    QString id() const override { return QStringLiteral("spring"); }
    QString displayName() const override { return QStringLiteral("Spring Framework 6 / Boot 3"); }
    QString language() const override { return QStringLiteral("java"); }
    QStringList contexts() const override { return {QStringLiteral("java")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
