#include "fix/fixadvisor.h"

#include "cors/corssafelist.h"

namespace Corscope {

namespace {

qsizetype findResponse(const Scenario &scenario, const OutgoingRequest &request)
{
    const QUrl url = request.url.adjusted(QUrl::RemoveFragment);
    for (qsizetype i = 0; i < scenario.responses.size(); ++i) {
        const ScenarioResponse &candidate = scenario.responses.at(i);
        if ((candidate.method == "*" || candidate.method == request.method) &&
            candidate.url.adjusted(QUrl::RemoveFragment) == url)
            return i;
    }
    return -1;
}

// The response that answered a request: when the scenario had none (the server answered 404)
// or shares one entry between OPTIONS and the actual method, it gets its own entry so a fix for
// the preflight does not change the actual response.
ScenarioResponse &responseFor(Scenario &scenario, const OutgoingRequest &request)
{
    const qsizetype index = findResponse(scenario, request);
    if (index >= 0 && scenario.responses.at(index).method == request.method)
        return scenario.responses[index];
    ScenarioResponse own;
    own.method = request.method;
    own.url = request.url;
    own.response = index >= 0 ? scenario.responses.at(index).response : scenario.respond(request);
    scenario.responses.insert(0, own);
    return scenario.responses.first();
}

QString list(const QByteArrayList &items)
{
    return QString::fromUtf8(items.join(", "));
}

} // namespace

FixPlan FixAdvisor::minimalFix(const Scenario &original, qsizetype fetchIndex, const BrowserProfile &profile)
{
    FixPlan plan;
    Scenario scenario = original;
    scenario.fetches = {original.fetches.value(fetchIndex, ScenarioFetch{0, original.request})};
    const FetchRequest &request = scenario.fetches.first().request;
    // Each round fixes one check; a request has fewer than a dozen checks that can fail.
    for (int round = 0; round < 16; ++round) {
        const Evaluation evaluation = ScenarioRunner::run(scenario, profile, EvaluationDetail::Full).first();
        if (evaluation.allowed()) {
            plan.fixable = true;
            plan.alreadyAllowed = round == 0;
            for (const ExplanationStep &step : evaluation.steps) {
                if (step.check != QLatin1String("response.readable-headers"))
                    continue;
                if (const std::optional<FixSuggestion> fix = step.text().fix)
                    plan.policy.exposeHeaders = fix->value.split(',');
            }
            for (QByteArray &name : plan.policy.exposeHeaders)
                name = name.trimmed();
            break;
        }
        // The first failing step that suggests a fix.
        std::optional<FixSuggestion> failingFix;
        for (const ExplanationStep &step : evaluation.steps) {
            if (step.outcome == StepOutcome::Fail) {
                failingFix = step.text().fix;
                if (failingFix)
                    break;
            }
        }
        if (!failingFix || failingFix->target == FixSuggestion::Target::Request ||
            evaluation.exchanges.isEmpty() || (failingFix->header.isEmpty() && !failingFix->status)) {
            plan.blocker = failingFix ? failingFix->summary
                                      : tr("The browser refuses this request before any server could help "
                                           "(%1).")
                                            .arg(evaluation.errorCode());
            break;
        }
        const OutgoingRequest &failed = evaluation.exchanges.last().request;
        ScenarioResponse &target = responseFor(scenario, failed);
        ResponseChange change;
        change.method = failed.method;
        change.url = failed.url;
        const FixSuggestion &fix = *failingFix;
        if (fix.status) {
            change.oldStatus = target.response.status;
            change.newStatus = fix.status;
            target.response.status = fix.status;
            target.response.headers.remove("location");
        }
        if (!fix.header.isEmpty()) {
            change.header = fix.header;
            change.oldValue = target.response.headers.get(fix.header);
            change.newValue = fix.value;
            target.response.headers.set(fix.header, fix.value);
            // Answering with credentials needs both halves; one round each would look like two
            // separate problems.
            if (fix.header == "Access-Control-Allow-Origin" &&
                request.credentials == CredentialsMode::Include &&
                target.response.headers.get("access-control-allow-credentials") != QByteArray("true")) {
                plan.changes.append(change);
                change = ResponseChange{failed.method,
                                        failed.url,
                                        "Access-Control-Allow-Credentials",
                                        target.response.headers.get("access-control-allow-credentials"),
                                        "true",
                                        0,
                                        0};
                target.response.headers.set("Access-Control-Allow-Credentials", "true");
            }
        }
        plan.changes.append(change);
    }

    SnippetPolicy &policy = plan.policy;
    policy.allowOrigin = request.origin.serialize();
    policy.allowCredentials = request.credentials == CredentialsMode::Include;
    const QByteArray method = CorsSafelist::normalizeMethod(request.method);
    policy.allowMethods = {"GET", "HEAD", "POST"};
    if (!policy.allowMethods.contains(method))
        policy.allowMethods.append(method);
    policy.allowHeaders =
        CorsSafelist::sortedLowercaseSet(CorsSafelist::unsafeHeaders(request.headers, profile));
    return plan;
}

QList<ServerSnippet> FixAdvisor::snippets(const SnippetPolicy &p)
{
    const QString origin = QString::fromUtf8(p.allowOrigin);
    const QString methods = list(p.allowMethods);
    const QString headers = list(p.allowHeaders);
    const QString expose = list(p.exposeHeaders);
    const QString maxAge = QString::number(p.maxAgeSeconds);
    QList<ServerSnippet> result;

    QString nginx = QStringLiteral("# inside the location that serves the API\n");
    nginx += QStringLiteral("if ($request_method = OPTIONS) {\n"
                            "    add_header Access-Control-Allow-Origin \"%1\" always;\n")
                 .arg(origin);
    if (p.allowCredentials)
        nginx += QStringLiteral("    add_header Access-Control-Allow-Credentials \"true\" always;\n");
    nginx += QStringLiteral("    add_header Access-Control-Allow-Methods \"%1\" always;\n").arg(methods);
    if (!headers.isEmpty())
        nginx += QStringLiteral("    add_header Access-Control-Allow-Headers \"%1\" always;\n").arg(headers);
    nginx += QStringLiteral("    add_header Access-Control-Max-Age %1 always;\n"
                            "    add_header Vary Origin always;\n"
                            "    return 204;\n}\n"
                            "add_header Access-Control-Allow-Origin \"%2\" always;\n")
                 .arg(maxAge, origin);
    if (p.allowCredentials)
        nginx += QStringLiteral("add_header Access-Control-Allow-Credentials \"true\" always;\n");
    if (!expose.isEmpty())
        nginx += QStringLiteral("add_header Access-Control-Expose-Headers \"%1\" always;\n").arg(expose);
    nginx += QStringLiteral("add_header Vary Origin always;\n");
    result.append({QStringLiteral("nginx"), QStringLiteral("nginx"), nginx});

    QString apache = QStringLiteral("# mod_headers and mod_rewrite\n"
                                    "Header always set Access-Control-Allow-Origin \"%1\"\n")
                         .arg(origin);
    if (p.allowCredentials)
        apache += QStringLiteral("Header always set Access-Control-Allow-Credentials \"true\"\n");
    apache += QStringLiteral("Header always set Access-Control-Allow-Methods \"%1\"\n").arg(methods);
    if (!headers.isEmpty())
        apache += QStringLiteral("Header always set Access-Control-Allow-Headers \"%1\"\n").arg(headers);
    if (!expose.isEmpty())
        apache += QStringLiteral("Header always set Access-Control-Expose-Headers \"%1\"\n").arg(expose);
    apache += QStringLiteral("Header always set Access-Control-Max-Age \"%1\"\n"
                             "Header always merge Vary Origin\n"
                             "RewriteEngine On\n"
                             "RewriteCond %{REQUEST_METHOD} OPTIONS\n"
                             "RewriteRule ^(.*)$ $1 [R=204,L]\n")
                  .arg(maxAge);
    result.append({QStringLiteral("Apache"), QStringLiteral("apache"), apache});

    QString express = QStringLiteral("const cors = require('cors');\n"
                                     "const corsOptions = {\n"
                                     "  origin: '%1',\n")
                          .arg(origin);
    if (p.allowCredentials)
        express += QStringLiteral("  credentials: true,\n");
    express += QStringLiteral("  methods: [%1],\n")
                   .arg(QStringLiteral("'") +
                        QString(methods).replace(QStringLiteral(", "), QStringLiteral("', '")) +
                        QStringLiteral("'"));
    if (!headers.isEmpty())
        express += QStringLiteral("  allowedHeaders: [%1],\n")
                       .arg(QStringLiteral("'") +
                            QString(headers).replace(QStringLiteral(", "), QStringLiteral("', '")) +
                            QStringLiteral("'"));
    if (!expose.isEmpty())
        express += QStringLiteral("  exposedHeaders: [%1],\n")
                       .arg(QStringLiteral("'") +
                            QString(expose).replace(QStringLiteral(", "), QStringLiteral("', '")) +
                            QStringLiteral("'"));
    express += QStringLiteral("  maxAge: %1,\n"
                              "};\n"
                              "// before your routes, so errors and 404s carry the headers too\n"
                              "app.use(cors(corsOptions));\n"
                              "app.options('*', cors(corsOptions));\n")
                   .arg(maxAge);
    result.append({QStringLiteral("Express"), QStringLiteral("javascript"), express});

    auto quotedList = [](const QByteArrayList &items) {
        QStringList quoted;
        for (const QByteArray &item : items)
            quoted << QStringLiteral("\"%1\"").arg(QString::fromUtf8(item));
        return quoted.join(QStringLiteral(", "));
    };
    QString spring = QStringLiteral("@Configuration\n"
                                    "public class CorsConfig implements WebMvcConfigurer {\n"
                                    "    @Override\n"
                                    "    public void addCorsMappings(CorsRegistry registry) {\n"
                                    "        registry.addMapping(\"/**\")\n"
                                    "            .allowedOrigins(\"%1\")\n"
                                    "            .allowedMethods(%2)\n")
                         .arg(origin, quotedList(p.allowMethods));
    if (!p.allowHeaders.isEmpty())
        spring += QStringLiteral("            .allowedHeaders(%1)\n").arg(quotedList(p.allowHeaders));
    if (!p.exposeHeaders.isEmpty())
        spring += QStringLiteral("            .exposedHeaders(%1)\n").arg(quotedList(p.exposeHeaders));
    spring += QStringLiteral("            .allowCredentials(%1)\n"
                             "            .maxAge(%2);\n"
                             "    }\n"
                             "}\n")
                  .arg(p.allowCredentials ? QStringLiteral("true") : QStringLiteral("false"), maxAge);
    result.append({QStringLiteral("Spring"), QStringLiteral("java"), spring});

    QString aspnet = QStringLiteral("builder.Services.AddCors(options =>\n"
                                    "    options.AddPolicy(\"Frontend\", policy => policy\n"
                                    "        .WithOrigins(\"%1\")\n"
                                    "        .WithMethods(%2)\n")
                         .arg(origin, quotedList(p.allowMethods));
    if (!p.allowHeaders.isEmpty())
        aspnet += QStringLiteral("        .WithHeaders(%1)\n").arg(quotedList(p.allowHeaders));
    if (!p.exposeHeaders.isEmpty())
        aspnet += QStringLiteral("        .WithExposedHeaders(%1)\n").arg(quotedList(p.exposeHeaders));
    if (p.allowCredentials)
        aspnet += QStringLiteral("        .AllowCredentials()\n");
    aspnet += QStringLiteral("        .SetPreflightMaxAge(TimeSpan.FromSeconds(%1))));\n"
                             "// after UseRouting, before UseAuthorization and the endpoints\n"
                             "app.UseCors(\"Frontend\");\n")
                  .arg(maxAge);
    result.append({QStringLiteral("ASP.NET Core"), QStringLiteral("csharp"), aspnet});
    return result;
}

} // namespace Corscope
