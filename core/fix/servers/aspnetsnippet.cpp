#include "fix/servers/aspnetsnippet.h"

namespace Corscope {

ServerSnippet AspNetSnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();

    QStringList calls;
    // CorsPolicyBuilder refuses AllowAnyOrigin with AllowCredentials; anyOrigin never has them.
    if (policy.anyOrigin)
        calls << QStringLiteral("AllowAnyOrigin()");
    else
        calls << QStringLiteral("WithOrigins(%1)")
                     .arg(SnippetText::quotedList(policy.origins, QLatin1Char('"')));
    if (!policy.methods.isEmpty())
        calls << QStringLiteral("WithMethods(%1)")
                     .arg(SnippetText::quotedList(policy.methods, QLatin1Char('"')));
    if (!policy.headers.isEmpty())
        calls << QStringLiteral("WithHeaders(%1)")
                     .arg(SnippetText::quotedList(policy.headers, QLatin1Char('"')));
    if (!policy.exposeHeaders.isEmpty())
        calls << QStringLiteral("WithExposedHeaders(%1)")
                     .arg(SnippetText::quotedList(policy.exposeHeaders, QLatin1Char('"')));
    if (policy.credentials)
        calls << QStringLiteral("AllowCredentials()");
    if (policy.preflight && policy.maxAgeSeconds >= 0)
        calls << QStringLiteral("SetPreflightMaxAge(TimeSpan.FromSeconds(%1))").arg(policy.maxAgeSeconds);

    QString code = QStringLiteral("builder.Services.AddCors(options =>\n"
                                  "{\n"
                                  "    options.AddPolicy(\"CorscopeFix\", policy =>\n"
                                  "    {\n"
                                  "        policy.");
    code += calls.join(QStringLiteral("\n              ."));
    code += QStringLiteral(";\n"
                           "    });\n"
                           "});\n\n"
                           "var app = builder.Build();\n\n"
                           "app.UseRouting();\n"
                           "// After UseRouting and before UseAuthorization (and any response caching),\n"
                           "// as the ASP.NET Core CORS docs require: otherwise the preflight meets\n"
                           "// authorization first and is refused.\n"
                           "app.UseCors(\"CorscopeFix\");\n"
                           "app.UseAuthorization();\n");
    result.parts.append({QStringLiteral("program"), code});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    result.notes << tr("UseCors applies the policy to every endpoint; to limit it to %1, call "
                       "UseCors() without a name and add .RequireCors(\"CorscopeFix\") to that "
                       "endpoint's mapping instead.")
                        .arg(policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path));
    return result;
}

} // namespace Corscope
