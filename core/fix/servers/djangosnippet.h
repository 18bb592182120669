#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// Django with django-cors-headers (3.x): settings appended to settings.py — the app and its
// middleware first in MIDDLEWARE, CORS_URLS_REGEX scoped to the request's path, and every
// CORS_* value explicit (the defaults allow six methods, nine headers and a day's Max-Age).
class DjangoSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::DjangoSnippet)

public:
    QString id() const override { return QStringLiteral("django"); }
    QString displayName() const override { return QStringLiteral("Django (django-cors-headers)"); }
    QString language() const override { return QStringLiteral("python"); }
    QStringList contexts() const override { return {QStringLiteral("settings")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
