#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// Flask with the flask-cors extension (3.0): one resource scoped to the request's path, every
// option explicit (flask-cors' defaults allow every method and any requested header), and the
// origins written as anchored regular expressions — the only form for which flask-cors 3.0 adds
// `Vary: Origin` when a single origin is allowed.
class FlaskSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FlaskSnippet)

public:
    QString id() const override { return QStringLiteral("flask"); }
    QString displayName() const override { return QStringLiteral("Flask (flask-cors)"); }
    QString language() const override { return QStringLiteral("python"); }
    QStringList contexts() const override { return {QStringLiteral("python")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
