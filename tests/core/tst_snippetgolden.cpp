// Golden files for the server snippets of issue 16: every renderer but nginx (which has its own
// tests in tst_fixadvisor) renders five FixPolicies, and the fragments must equal
// tests/data/snippets/<server>/<case>.<ext> byte for byte. A file holds the fragments of every
// context the renderer produced, in the renderer's order, concatenated (each ends in a newline).
//
// To regenerate the files after an intended change, run the test with CORSCOPE_UPDATE_GOLDEN=1
// (e.g. `CORSCOPE_UPDATE_GOLDEN=1 ctest -R snippetgolden`) and review the diff before committing.
//
// Each golden file was reviewed against the server's documentation:
// - Spring: Spring Framework reference, "Web MVC > CORS" (CorsConfigurationSource,
//   UrlBasedCorsConfigurationSource) and the CorsConfiguration Javadoc (setAllowedMethods: unset
//   means GET and HEAD; "*" refused with allowCredentials); Spring Security reference "CORS"
//   (http.cors(Customizer.withDefaults())).
// - ASP.NET Core: "Enable Cross-Origin Requests (CORS) in ASP.NET Core" (AddCors/AddPolicy,
//   WithOrigins, WithExposedHeaders, SetPreflightMaxAge, UseCors after UseRouting and before
//   UseAuthorization).
// - ingress-nginx: "Annotations" page, "Enable CORS" section (enable-cors, cors-allow-origin,
//   cors-allow-methods, cors-allow-headers, cors-expose-headers, cors-allow-credentials,
//   cors-max-age and their defaults).
// - Envoy: v3 API reference extensions.filters.http.cors.v3.CorsPolicy and .Cors, and the
//   "CORS filter" configuration overview (typed_per_filter_config, filter before the router).
// - CloudFront: API reference ResponseHeadersPolicyConfig / ResponseHeadersPolicyCorsConfig /
//   ResponseHeadersPolicyAccessControlAllowMethods (the accepted method values) and the CLI
//   reference of create-response-headers-policy.
//
// What can be parsed here is parsed: the YAML fragments with PyYAML (/usr/bin/python3, Debian
// python3-yaml, listed in packaging/install-deps.sh) and the CloudFront JSON with QJsonDocument.
// The Java and C# fragments cannot be compiled here (no JDK with Spring, no dotnet SDK on the
// build machine), so for those the golden review above is the check.

#include "fix/fixplan.h"
#include "fix/snippetrenderer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace Corscope;

namespace {

struct GoldenCase {
    const char *name;
    FixPolicy policy;
};

QList<GoldenCase> cases()
{
    QList<GoldenCase> result;

    FixPolicy put;
    put.origins = {"https://app.example"};
    put.credentials = true;
    put.preflight = true;
    put.methods = {"PUT"};
    put.headers = {"x-api-key"};
    put.maxAgeSeconds = 600;
    put.exposeHeaders = {"x-request-id"};
    put.path = "/api/items";
    result.append({"credentialed-put", put});

    FixPolicy get;
    get.anyOrigin = true;
    get.path = "/public/data.json";
    result.append({"simple-get-any-origin", get});

    FixPolicy patch;
    patch.origins = {"https://app.example"};
    patch.preflight = true;
    patch.methods = {"patch"};
    patch.headers = {"content-type"};
    patch.maxAgeSeconds = 600;
    patch.path = "/api/items/7";
    result.append({"lowercase-patch", patch});

    FixPolicy upstream;
    upstream.origins = {"http://localhost:8080"};
    upstream.path = "/api/status";
    upstream.upstreamHeaders = {"Access-Control-Allow-Origin"};
    result.append({"port-upstream", upstream});

    // An origin the server already allowed is kept beside the page's own.
    FixPolicy two;
    two.origins = {"https://app.example", "https://admin.example"};
    two.credentials = true;
    two.preflight = true;
    two.methods = {"DELETE"};
    two.maxAgeSeconds = 7200;
    two.path = "/api/items/7";
    result.append({"two-origins-delete", two});

    return result;
}

QString extension(const QString &server)
{
    if (server == QLatin1String("spring"))
        return QStringLiteral("java");
    if (server == QLatin1String("aspnet"))
        return QStringLiteral("cs");
    if (server == QLatin1String("cloudfront"))
        return QStringLiteral("json");
    return QStringLiteral("yaml");
}

const QStringList &goldenServers()
{
    static const QStringList servers{QStringLiteral("spring"), QStringLiteral("aspnet"),
                                     QStringLiteral("ingress-nginx"), QStringLiteral("envoy"),
                                     QStringLiteral("cloudfront")};
    return servers;
}

QString fragments(const ServerSnippet &snippet)
{
    QString text;
    for (const SnippetPart &part : snippet.parts)
        text += part.code;
    return text;
}

FixPolicy policyNamed(const QString &name)
{
    for (const GoldenCase &c : cases()) {
        if (QLatin1String(c.name) == name)
            return c.policy;
    }
    return {};
}

// The YAML as JSON, through PyYAML's safe loader; an empty document when it does not parse.
QJsonDocument parsedYaml(const QString &yaml, QString *error)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))")});
    if (!python.waitForStarted()) {
        *error = QStringLiteral("cannot start /usr/bin/python3");
        return {};
    }
    python.write(yaml.toUtf8());
    python.closeWriteChannel();
    python.waitForFinished();
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        *error = QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput());
}

} // namespace

class TestSnippetGolden : public QObject {
    Q_OBJECT

private slots:
    void registry();
    void golden_data();
    void golden();
    void yamlParses_data();
    void yamlParses();
    void cloudFrontJson_data();
    void cloudFrontJson();
    void notes();
};

void TestSnippetGolden::registry()
{
    // The five come after the existing renderers, in the order issue 16 lists them.
    const QStringList ids = SnippetRenderer::ids();
    QCOMPARE(ids.mid(ids.size() - 5), goldenServers());
    for (const QString &server : goldenServers()) {
        const SnippetRenderer *renderer = SnippetRenderer::byId(server);
        QVERIFY(renderer);
        QCOMPARE(renderer->id(), server);
        QVERIFY(!renderer->displayName().isEmpty());
        // Every context a snippet uses is one the renderer declares.
        for (const GoldenCase &c : cases()) {
            const ServerSnippet snippet = renderer->render(c.policy);
            QCOMPARE(snippet.server, server);
            QVERIFY(!snippet.parts.isEmpty());
            for (const SnippetPart &part : snippet.parts)
                QVERIFY2(renderer->contexts().contains(part.context), qPrintable(part.context));
        }
    }
}

void TestSnippetGolden::golden_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("caseName");
    for (const QString &server : goldenServers()) {
        for (const GoldenCase &c : cases())
            QTest::addRow("%s/%s", qPrintable(server), c.name) << server << QString::fromLatin1(c.name);
    }
}

void TestSnippetGolden::golden()
{
    QFETCH(QString, server);
    QFETCH(QString, caseName);
    const SnippetRenderer *renderer = SnippetRenderer::byId(server);
    QVERIFY(renderer);
    const FixPolicy policy = policyNamed(caseName);
    const QByteArray actual = fragments(renderer->render(policy)).toUtf8();

    // Never a wildcard origin beside credentials (the browser refuses that pair).
    if (policy.credentials)
        QVERIFY(!actual.contains("\"*\""));

    const QString dir =
        qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/snippets/") + server;
    const QString path = dir + QLatin1Char('/') + caseName + QLatin1Char('.') + extension(server);
    if (qEnvironmentVariable("CORSCOPE_UPDATE_GOLDEN") == QLatin1String("1")) {
        QVERIFY(QDir().mkpath(dir));
        QFile out(path);
        QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
        out.write(actual);
    }
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly),
             qPrintable(path + QStringLiteral(" is missing: run with CORSCOPE_UPDATE_GOLDEN=1")));
    const QByteArray expected = file.readAll();
    if (actual != expected)
        qWarning().noquote() << "rendered:\n" << actual;
    QCOMPARE(actual, expected);
}

void TestSnippetGolden::yamlParses_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("caseName");
    for (const QString &server : {QStringLiteral("ingress-nginx"), QStringLiteral("envoy")}) {
        for (const GoldenCase &c : cases())
            QTest::addRow("%s/%s", qPrintable(server), c.name) << server << QString::fromLatin1(c.name);
    }
}

void TestSnippetGolden::yamlParses()
{
    QFETCH(QString, server);
    QFETCH(QString, caseName);
    const FixPolicy policy = policyNamed(caseName);
    const ServerSnippet snippet = SnippetRenderer::byId(server)->render(policy);
    for (const SnippetPart &part : snippet.parts) {
        QString error;
        const QJsonDocument doc = parsedYaml(part.code, &error);
        QVERIFY2(doc.isObject(), qPrintable(part.context + QStringLiteral(": ") + error));
        const QJsonObject root = doc.object();
        if (server == QLatin1String("ingress-nginx")) {
            const QJsonObject annotations = root.value(QStringLiteral("metadata"))
                                                .toObject()
                                                .value(QStringLiteral("annotations"))
                                                .toObject();
            const QString prefix = QStringLiteral("nginx.ingress.kubernetes.io/");
            // Kubernetes annotation values must be strings: a bare true or 600 is refused.
            for (auto it = annotations.begin(); it != annotations.end(); ++it)
                QVERIFY2(it.value().isString(), qPrintable(it.key()));
            QCOMPARE(annotations.value(prefix + QStringLiteral("enable-cors")).toString(),
                     QStringLiteral("true"));
            QCOMPARE(annotations.value(prefix + QStringLiteral("cors-allow-credentials")).toString(),
                     policy.credentials ? QStringLiteral("true") : QStringLiteral("false"));
            QCOMPARE(annotations.value(prefix + QStringLiteral("cors-allow-origin")).toString(),
                     policy.anyOrigin ? QStringLiteral("*") : SnippetText::joined(policy.origins));
            // Set even when the policy has no methods: the default list is six methods wide.
            QVERIFY(annotations.contains(prefix + QStringLiteral("cors-allow-methods")));
            QVERIFY(annotations.contains(prefix + QStringLiteral("cors-max-age")));
        } else if (part.context == QLatin1String("route")) {
            const QJsonObject cors = root.value(QStringLiteral("typed_per_filter_config"))
                                         .toObject()
                                         .value(QStringLiteral("envoy.filters.http.cors"))
                                         .toObject();
            QCOMPARE(cors.value(QStringLiteral("@type")).toString(),
                     QStringLiteral("type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy"));
            const QJsonArray matchers = cors.value(QStringLiteral("allow_origin_string_match")).toArray();
            QCOMPARE(matchers.size(), policy.anyOrigin ? 1 : policy.origins.size());
            for (int i = 0; i < matchers.size(); ++i)
                QCOMPARE(matchers.at(i).toObject().value(QStringLiteral("exact")).toString(),
                         policy.anyOrigin ? QStringLiteral("*") : QString::fromUtf8(policy.origins.at(i)));
            QCOMPARE(cors.value(QStringLiteral("allow_credentials")).toBool(false), policy.credentials);
            // CorsPolicy.max_age is a string field; a YAML integer would not map onto it.
            if (cors.contains(QStringLiteral("max_age")))
                QVERIFY(cors.value(QStringLiteral("max_age")).isString());
        } else {
            const QJsonArray filters = root.value(QStringLiteral("http_filters")).toArray();
            QCOMPARE(filters.size(), 2);
            QCOMPARE(filters.at(0).toObject().value(QStringLiteral("name")).toString(),
                     QStringLiteral("envoy.filters.http.cors"));
            QCOMPARE(filters.at(1).toObject().value(QStringLiteral("name")).toString(),
                     QStringLiteral("envoy.filters.http.router"));
        }
    }
}

void TestSnippetGolden::cloudFrontJson_data()
{
    QTest::addColumn<QString>("caseName");
    for (const GoldenCase &c : cases())
        QTest::addRow("%s", c.name) << QString::fromLatin1(c.name);
}

void TestSnippetGolden::cloudFrontJson()
{
    QFETCH(QString, caseName);
    const FixPolicy policy = policyNamed(caseName);
    const QString code =
        SnippetRenderer::byId(u"cloudfront")->render(policy).code(QStringLiteral("response-headers-policy"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(code.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject config = doc.object();
    QVERIFY(!config.value(QStringLiteral("Name")).toString().isEmpty());
    const QJsonObject cors = config.value(QStringLiteral("CorsConfig")).toObject();
    // The members ResponseHeadersPolicyCorsConfig requires.
    for (const char *required :
         {"AccessControlAllowOrigins", "AccessControlAllowHeaders", "AccessControlAllowMethods",
          "AccessControlAllowCredentials", "OriginOverride"})
        QVERIFY2(cors.contains(QLatin1String(required)), required);
    for (auto it = cors.begin(); it != cors.end(); ++it) {
        if (!it.value().isObject())
            continue;
        const QJsonObject list = it.value().toObject();
        QCOMPARE(list.value(QStringLiteral("Quantity")).toInt(-1),
                 list.value(QStringLiteral("Items")).toArray().size());
    }
    static const QStringList accepted{
        QStringLiteral("GET"),    QStringLiteral("POST"),  QStringLiteral("OPTIONS"), QStringLiteral("PUT"),
        QStringLiteral("DELETE"), QStringLiteral("PATCH"), QStringLiteral("HEAD"),    QStringLiteral("ALL")};
    const QJsonArray methods = cors.value(QStringLiteral("AccessControlAllowMethods"))
                                   .toObject()
                                   .value(QStringLiteral("Items"))
                                   .toArray();
    QVERIFY(!methods.isEmpty());
    for (const QJsonValue &method : methods)
        QVERIFY2(accepted.contains(method.toString()), qPrintable(method.toString()));
    QCOMPARE(cors.value(QStringLiteral("AccessControlAllowCredentials")).toBool(!policy.credentials),
             policy.credentials);
}

void TestSnippetGolden::notes()
{
    const QList<GoldenCase> all = cases();
    const FixPolicy patch = policyNamed(QStringLiteral("lowercase-patch"));
    const FixPolicy upstream = policyNamed(QStringLiteral("port-upstream"));
    const FixPolicy get = policyNamed(QStringLiteral("simple-get-any-origin"));

    // CloudFront cannot allow "patch"; the note names it and what to do instead.
    const QStringList cloudFront = SnippetRenderer::byId(u"cloudfront")->render(patch).notes;
    QVERIFY(std::any_of(cloudFront.begin(), cloudFront.end(), [](const QString &n) {
        return n.contains(QLatin1String("patch")) && n.contains(QLatin1String("upper case"));
    }));
    QVERIFY(std::any_of(cloudFront.begin(), cloudFront.end(),
                        [](const QString &n) { return n.contains(QLatin1String("Origin header")); }));
    // "*" needs no Vary, so no cache-key note.
    const QStringList cloudFrontAny = SnippetRenderer::byId(u"cloudfront")->render(get).notes;
    QVERIFY(std::none_of(cloudFrontAny.begin(), cloudFrontAny.end(),
                         [](const QString &n) { return n.contains(QLatin1String("cache key")); }));

    // Upstream CORS headers: every renderer says so; ingress-nginx names the way out.
    for (const QString &server : goldenServers()) {
        const QStringList notes = SnippetRenderer::byId(server)->render(upstream).notes;
        QVERIFY2(notes.contains(SnippetText::upstreamNote(upstream)), qPrintable(server));
        const QStringList clean = SnippetRenderer::byId(server)->render(patch).notes;
        QVERIFY2(!clean.contains(SnippetText::upstreamNote(upstream)), qPrintable(server));
    }
    const QStringList ingress = SnippetRenderer::byId(u"ingress-nginx")->render(upstream).notes;
    QVERIFY(std::any_of(ingress.begin(), ingress.end(), [](const QString &n) {
        return n.contains(QLatin1String("configuration-snippet")) &&
               n.contains(QLatin1String("proxy_hide_header Access-Control-Allow-Origin;"));
    }));

    // Spring Security must be told to use the bean.
    const QStringList spring = SnippetRenderer::byId(u"spring")->render(all.first().policy).notes;
    QVERIFY(std::any_of(spring.begin(), spring.end(), [](const QString &n) {
        return n.contains(QLatin1String("http.cors(Customizer.withDefaults())"));
    }));

    // A duplicated header gets its note everywhere.
    FixPolicy duplicated = upstream;
    duplicated.duplicatedHeaders = {"Access-Control-Allow-Origin"};
    for (const QString &server : goldenServers())
        QVERIFY2(SnippetRenderer::byId(server)
                     ->render(duplicated)
                     .notes.contains(SnippetText::duplicateNote(duplicated)),
                 qPrintable(server));
}

QTEST_GUILESS_MAIN(TestSnippetGolden)
#include "tst_snippetgolden.moc"
