#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// CloudFront: a response headers policy (ResponseHeadersPolicyConfig with a CorsConfig), the
// JSON that aws cloudfront create-response-headers-policy takes.
class CloudFrontSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CloudFrontSnippet)

public:
    QString id() const override { return QStringLiteral("cloudfront"); }
    QString displayName() const override { return QStringLiteral("Amazon CloudFront"); }
    QString language() const override { return QStringLiteral("json"); }
    QStringList contexts() const override { return {QStringLiteral("response-headers-policy")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
