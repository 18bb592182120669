#include "fix/servers/springsnippet.h"

namespace Corscope {

ServerSnippet SpringSnippet::render(const FixPolicy &policy) const
{
    ServerSnippet result = snippet();
    const QString path = policy.path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(policy.path);

    QString code = QStringLiteral("import java.util.List;\n\n"
                                  "import org.springframework.context.annotation.Bean;\n"
                                  "import org.springframework.context.annotation.Configuration;\n"
                                  "import org.springframework.web.cors.CorsConfiguration;\n"
                                  "import org.springframework.web.cors.CorsConfigurationSource;\n"
                                  "import org.springframework.web.cors.UrlBasedCorsConfigurationSource;\n\n"
                                  "@Configuration\n"
                                  "public class CorsConfig {\n\n"
                                  "    @Bean\n"
                                  "    public CorsConfigurationSource corsConfigurationSource() {\n"
                                  "        CorsConfiguration config = new CorsConfiguration();\n");
    // CorsConfiguration refuses "*" together with allowCredentials(true); the advisor only
    // sets anyOrigin without credentials.
    if (policy.anyOrigin)
        code += QStringLiteral("        config.setAllowedOrigins(List.of(\"*\"));\n");
    else
        code += QStringLiteral("        config.setAllowedOrigins(List.of(%1));\n")
                    .arg(SnippetText::quotedList(policy.origins, QLatin1Char('"')));
    // Unset, CorsConfiguration allows only GET and HEAD (CorsConfiguration#setAllowedMethods).
    if (!policy.methods.isEmpty())
        code += QStringLiteral("        config.setAllowedMethods(List.of(%1));\n")
                    .arg(SnippetText::quotedList(policy.methods, QLatin1Char('"')));
    if (!policy.headers.isEmpty())
        code += QStringLiteral("        config.setAllowedHeaders(List.of(%1));\n")
                    .arg(SnippetText::quotedList(policy.headers, QLatin1Char('"')));
    if (!policy.exposeHeaders.isEmpty())
        code += QStringLiteral("        config.setExposedHeaders(List.of(%1));\n")
                    .arg(SnippetText::quotedList(policy.exposeHeaders, QLatin1Char('"')));
    if (policy.credentials)
        code += QStringLiteral("        config.setAllowCredentials(true);\n");
    if (policy.preflight && policy.maxAgeSeconds >= 0)
        code += QStringLiteral("        config.setMaxAge(%1L);\n").arg(policy.maxAgeSeconds);
    code += QStringLiteral(
                "        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();\n"
                "        source.registerCorsConfiguration(\"%1\", config);\n"
                "        return source;\n"
                "    }\n"
                "}\n")
                .arg(path);
    result.parts.append({QStringLiteral("java"), code});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    if (policy.methods.isEmpty())
        result.notes << tr("Without setAllowedMethods Spring allows only GET and HEAD: add the "
                           "request's method there if it is another one (POST, say).");
    result.notes << tr("With Spring Security, enable its CORS support so this bean is used before "
                       "authentication: http.cors(Customizer.withDefaults()). Spring adds Vary: "
                       "Origin and answers the preflight itself.");
    return result;
}

} // namespace Corscope
