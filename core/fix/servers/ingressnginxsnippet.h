#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// ingress-nginx: the enable-cors annotations of an Ingress. Every annotation is set, because the
// controller's defaults are wide (six methods, a long header list, credentials allowed).
class IngressNginxSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::IngressNginxSnippet)

public:
    QString id() const override { return QStringLiteral("ingress-nginx"); }
    QString displayName() const override { return QStringLiteral("Kubernetes ingress-nginx"); }
    QString language() const override { return QStringLiteral("yaml"); }
    QStringList contexts() const override { return {QStringLiteral("annotations")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
