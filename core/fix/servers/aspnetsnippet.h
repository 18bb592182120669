#pragma once

#include "fix/snippetrenderer.h"

namespace Corscope {

// ASP.NET Core: a named policy (AddCors/AddPolicy) and UseCors in Program.cs, placed where the
// CORS middleware docs require it (after UseRouting, before UseAuthorization).
class AspNetSnippet : public SnippetRenderer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::AspNetSnippet)

public:
    QString id() const override { return QStringLiteral("aspnet"); }
    QString displayName() const override { return QStringLiteral("ASP.NET Core 8"); }
    QString language() const override { return QStringLiteral("csharp"); }
    QStringList contexts() const override { return {QStringLiteral("program")}; }
    ServerSnippet render(const FixPolicy &policy) const override;
};

} // namespace Corscope
