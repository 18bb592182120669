#include "fixlivetest.h"

#include "browserrunner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

namespace CorscopeTest {

namespace {

struct CheckRun {
    int exitCode = -1;
    QJsonObject result; // the JSON line check printed
    QString output;
};

CheckRun check(const FixFamily &family, const QString &url, const QString &origin, const QString &server)
{
    QStringList arguments{QStringLiteral("check"),        url,
                          QStringLiteral("--origin"),     origin,
                          QStringLiteral("--format"),     QStringLiteral("json"),
                          QStringLiteral("--fix"),        server,
                          QStringLiteral("-X"),           QString::fromUtf8(family.method),
                          QStringLiteral("--timeout-ms"), QStringLiteral("10000")};
    for (const auto &[name, value] : family.requestHeaders)
        arguments << QStringLiteral("-H") << QString::fromUtf8(name + ": " + value);
    if (family.credentials)
        arguments << QStringLiteral("--credentials") << QStringLiteral("include");
    for (const QByteArray &name : family.readHeaders)
        arguments << QStringLiteral("--read-header") << QString::fromUtf8(name);
    QProcess process;
    process.start(QStringLiteral(CORSCOPE_CLI_PATH), arguments);
    CheckRun run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        run.output = QStringLiteral("check timed out");
        return run;
    }
    run.exitCode = process.exitCode();
    const QByteArray out = process.readAllStandardOutput();
    run.output = QString::fromUtf8(out + process.readAllStandardError());
    run.result = QJsonDocument::fromJson(out.split('\n').value(0)).object();
    return run;
}

QStringList values(const QJsonArray &headers, const QString &name)
{
    QStringList result;
    for (const QJsonValue &pair : headers) {
        if (pair.toArray().at(0).toString().compare(name, Qt::CaseInsensitive) == 0)
            result << pair.toArray().at(1).toString();
    }
    return result;
}

QStringList items(const QStringList &headerValues)
{
    QStringList result;
    for (const QString &value : headerValues) {
        for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            result << item.trimmed();
    }
    return result;
}

} // namespace

FixLiveTest::FixLiveTest(Factory factory)
    : m_factory(std::move(factory))
{
}

FixLiveTest::~FixLiveTest() = default;

void FixLiveTest::initTestCase()
{
    const std::unique_ptr<ServerRig> probe = m_factory();
    m_server = probe->server();
    QString why;
    // packaging/install-deps.sh installs every server: missing is a broken setup, not a skip.
    QVERIFY2(probe->available(&why), qPrintable(why));
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_pages.start(&error), qPrintable(error));
}

void FixLiveTest::family_data()
{
    QTest::addColumn<int>("index");
    const QList<FixFamily> families = FixFamily::all();
    for (int i = 0; i < families.size(); ++i)
        QTest::newRow(qPrintable(families.at(i).name)) << i;
}

void FixLiveTest::family()
{
    QFETCH(int, index);
    const FixFamily family = FixFamily::all().at(index);
    const QString origin = m_pages.pageOrigin();
    QString error;
    {
        const std::unique_ptr<ServerRig> probe = m_factory();
        if (!family.applicationHeaders.isEmpty() && probe->isApplication())
            QSKIP("the server is the application itself: nothing behind it adds headers of its own");
        const QString reason = probe->cannotServe(family);
        if (!reason.isEmpty())
            QSKIP(qPrintable(reason));
    }

    // 1. The broken server: check says blocked and offers this server's snippet.
    std::unique_ptr<ServerRig> broken = m_factory();
    broken->setApplicationHeaders(family.applicationHeaders, origin);
    const QString brokenDir = m_dir.filePath(family.name + QStringLiteral("-broken"));
    QVERIFY(QDir().mkpath(brokenDir));
    const int brokenPort = ServerRig::freePort();
    QVERIFY2(broken->startBroken(family.broken, origin, brokenPort, brokenDir, &error), qPrintable(error));
    QString brokenUrl =
        QStringLiteral("http://127.0.0.1:%1%2").arg(brokenPort).arg(QLatin1String(endpointPath));
    SharedCache brokenCache;
    if (family.sharedCache) {
        brokenUrl = cacheInFront(brokenCache, brokenPort, brokenDir + QStringLiteral("/cache"),
                                 {QByteArray()}, &error);
        QVERIFY2(!brokenUrl.isEmpty(), qPrintable(error));
    }
    const CheckRun before = check(family, brokenUrl, origin, m_server);
    brokenCache.stop();
    broken->stop();
    QVERIFY2(before.exitCode == 1,
             qPrintable(QStringLiteral("broken server not blocked: %1").arg(before.output)));
    const QJsonObject fix = before.result.value(QStringLiteral("fix")).toObject();
    QVERIFY2(fix.value(QStringLiteral("fixable")).toBool(), qPrintable(before.output));
    const QJsonObject snippet = fix.value(QStringLiteral("snippets")).toObject().value(m_server).toObject();
    QVERIFY2(!snippet.isEmpty(), qPrintable(before.output));

    // 2. The snippet pasted into the server's config.
    auto fixed = std::make_shared<Fixed>();
    fixed->family = family;
    fixed->rig = m_factory();
    fixed->rig->setApplicationHeaders(family.applicationHeaders, origin);
    const QString fixedDir = m_dir.filePath(family.name + QStringLiteral("-fixed"));
    QVERIFY(QDir().mkpath(fixedDir));
    const int fixedPort = ServerRig::freePort();
    QVERIFY2(fixed->rig->startFixed(snippet, fixedPort, fixedDir, &error),
             qPrintable(error + QStringLiteral("\nsnippet: ") +
                        QString::fromUtf8(QJsonDocument(snippet).toJson())));
    fixed->url = QStringLiteral("http://127.0.0.1:%1%2").arg(fixedPort).arg(QLatin1String(endpointPath));
    if (family.sharedCache) {
        // Filled as before, and by the foreign origin step 5 then asks as: with Vary: Origin each
        // is a variant of its own, without it the page gets the first visitor's copy.
        fixed->cache = std::make_unique<SharedCache>();
        fixed->url = cacheInFront(*fixed->cache, fixedPort, fixedDir + QStringLiteral("/cache"),
                                  {QByteArray(), QByteArray("http://evil.example")}, &error);
        QVERIFY2(!fixed->url.isEmpty(), qPrintable(error));
    }
    m_fixed.append(fixed);

    // 3. Now check allows it, and the page reads what it reads.
    const CheckRun after = check(family, fixed->url, origin, m_server);
    const QString context = QString::fromUtf8(QJsonDocument(snippet).toJson()) + after.output +
                            fixed->rig->log() + (fixed->cache ? fixed->cache->log() : QString());
    QVERIFY2(after.exitCode == 0, qPrintable(QStringLiteral("fixed server still blocked:\n") + context));
    const QJsonArray readable = after.result.value(QStringLiteral("readableHeaders")).toArray();
    for (const QByteArray &name : family.readHeaders)
        QVERIFY2(readable.contains(QString::fromUtf8(name.toLower())), qPrintable(context));

    // 4. Minimal: nothing wider than the request needs.
    const QStringList needMethods =
        family.method == "GET" || family.method == "POST" || family.method == "HEAD"
            ? QStringList()
            : QStringList{QString::fromUtf8(family.method)};
    QStringList needHeaders;
    for (const auto &[name, value] : family.requestHeaders) {
        Q_UNUSED(value)
        needHeaders << QString::fromUtf8(name.toLower());
    }
    for (const QJsonValue &exchange : after.result.value(QStringLiteral("exchanges")).toArray()) {
        const QJsonArray headers = exchange.toObject().value(QStringLiteral("responseHeaders")).toArray();
        QCOMPARE(values(headers, QStringLiteral("Access-Control-Allow-Origin")), QStringList{origin});
        const QStringList credentials = values(headers, QStringLiteral("Access-Control-Allow-Credentials"));
        QCOMPARE(credentials, family.credentials ? QStringList{QStringLiteral("true")} : QStringList());
        QVERIFY2(items(values(headers, QStringLiteral("Vary")))
                     .contains(QStringLiteral("Origin"), Qt::CaseInsensitive),
                 qPrintable(context));
        for (const QString &method : items(values(headers, QStringLiteral("Access-Control-Allow-Methods"))))
            QVERIFY2(
                needMethods.contains(method) || method == QLatin1String("GET") ||
                    method == QLatin1String("HEAD") || method == QLatin1String("POST"),
                qPrintable(QStringLiteral("method %1 allowed beyond the request:\n").arg(method) + context));
        for (const QString &name : items(values(headers, QStringLiteral("Access-Control-Allow-Headers"))))
            QVERIFY2(
                needHeaders.contains(name.toLower()),
                qPrintable(QStringLiteral("header %1 allowed beyond the request:\n").arg(name) + context));
        for (const QString &age : values(headers, QStringLiteral("Access-Control-Max-Age")))
            QVERIFY2(age.toInt() <= 7200, qPrintable(context));
    }

    // 5. A foreign origin is still refused, and gets no Access-Control-Allow-Origin at all.
    const CheckRun foreign = check(family, fixed->url, QStringLiteral("http://evil.example"), m_server);
    QVERIFY2(foreign.exitCode == 1, qPrintable(QStringLiteral("foreign origin allowed:\n") + foreign.output));
    for (const QJsonValue &exchange : foreign.result.value(QStringLiteral("exchanges")).toArray())
        QVERIFY2(values(exchange.toObject().value(QStringLiteral("responseHeaders")).toArray(),
                        QStringLiteral("Access-Control-Allow-Origin"))
                     .isEmpty(),
                 qPrintable(foreign.output));
}

QString FixLiveTest::cacheInFront(SharedCache &cache, int port, const QString &dir,
                                  const QByteArrayList &visitors, QString *error)
{
    const int cachePort = ServerRig::freePort();
    if (!QDir().mkpath(dir) || !cache.start(port, cachePort, dir, error))
        return {};
    for (const QByteArray &origin : visitors) {
        if (cache.visit(endpointPath, origin, error).isEmpty())
            return {};
    }
    return QStringLiteral("http://127.0.0.1:%1%2").arg(cachePort).arg(QLatin1String(endpointPath));
}

void FixLiveTest::chromiumAllowsEveryFix()
{
    if (!BrowserRunner::available(Browser::Chromium))
        QFAIL("chromium is not installed (packaging/install-deps.sh installs it)");
    QVERIFY2(!m_fixed.isEmpty(), "no family reached a fixed server");
    QJsonArray scenarios;
    for (const std::shared_ptr<Fixed> &fixed : m_fixed) {
        QJsonArray headers;
        for (const auto &[name, value] : fixed->family.requestHeaders)
            headers.append(QJsonArray{QString::fromUtf8(name), QString::fromUtf8(value)});
        QJsonObject request{{QStringLiteral("url"), fixed->url},
                            {QStringLiteral("origin"), m_pages.pageOrigin()},
                            {QStringLiteral("method"), QString::fromUtf8(fixed->family.method)},
                            {QStringLiteral("headers"), headers}};
        if (fixed->family.credentials)
            request.insert(QStringLiteral("credentials"), QStringLiteral("include"));
        scenarios.append(QJsonObject{{QStringLiteral("name"), fixed->family.name},
                                     {QStringLiteral("request"), request},
                                     {QStringLiteral("responses"), QJsonArray{}}});
    }
    BrowserRunner runner;
    runner.setWarmUp(false);
    QString error;
    const QList<ScenarioObservation> observations = runner.run(Browser::Chromium, m_pages, scenarios, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error + QString::fromUtf8(runner.lastBrowserLog().right(3000))));
    QCOMPARE(observations.size(), m_fixed.size());
    for (qsizetype i = 0; i < observations.size(); ++i) {
        const ScenarioObservation &seen = observations.at(i);
        const FixFamily &family = m_fixed.at(i)->family;
        QVERIFY2(seen.harnessError.isEmpty(), qPrintable(family.name + seen.harnessError));
        QVERIFY2(!seen.fetches.isEmpty(), qPrintable(family.name));
        const FetchObservation &fetch = seen.fetches.first();
        QVERIFY2(fetch.resolved && fetch.status == 200 && fetch.responseType == QLatin1String("cors"),
                 qPrintable(QStringLiteral("%1: Chromium %2 %3 %4; console: %5")
                                .arg(family.name, fetch.rejection, fetch.responseType)
                                .arg(fetch.status)
                                .arg(seen.consoleMessages.join(u'\n'))));
        for (const QByteArray &name : family.readHeaders)
            QVERIFY2(fetch.readableHeaders.contains(QString::fromUtf8(name.toLower())),
                     qPrintable(family.name));
    }
}

void FixLiveTest::cleanupTestCase()
{
    m_fixed.clear();
}

} // namespace CorscopeTest
