#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// Express 4 with the `cors` middleware: the options object names every value explicitly (the
// middleware's defaults allow six methods and reflect any requested header), `origin` is an
// array so a foreign origin gets no Access-Control-Allow-Origin and `Vary: Origin` is sent, and
// the route's preflight is answered by `app.options` as the middleware's README recommends.
class ExpressSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::ExpressSnippet)

public:
    QString id() const override { return QStringLiteral("express"); }
    QString displayName() const override { return QStringLiteral("Express (cors)"); }
    QString language() const override { return QStringLiteral("javascript"); }
    QStringList contexts() const override { return {QStringLiteral("js")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
