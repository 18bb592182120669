#include "sender/curlcommand.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Corscope;

namespace {

QString dataDir()
{
    return qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/curl/");
}

QByteArray readData(const QString &relative)
{
    QFile file(dataDir() + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The samples: every file of tests/data/curl with a .json expectation beside it.
QStringList sampleFiles()
{
    const QDir dir(dataDir());
    QStringList samples;
    for (const QString &file : dir.entryList(QDir::Files, QDir::Name)) {
        if (!file.endsWith(QLatin1String(".json")))
            samples.append(file);
    }
    return samples;
}

QJsonValue bytes(const std::optional<QByteArray> &value)
{
    return value ? QJsonValue(QString::fromUtf8(*value)) : QJsonValue(QJsonValue::Null);
}

// Everything an import says, as JSON, so that a failing sample prints what it got.
QJsonObject describe(const CurlImport &import)
{
    const FetchRequest &request = import.request;
    QJsonArray headers;
    for (const Header &header : request.headers)
        headers.append(QJsonArray{QString::fromUtf8(header.name), QString::fromUtf8(header.value)});
    return {
        {QStringLiteral("dialect"),
         import.dialect == CurlDialect::Posix ? QStringLiteral("posix") : QStringLiteral("cmd")},
        {QStringLiteral("method"), QString::fromUtf8(request.method)},
        {QStringLiteral("url"), request.url.toString(QUrl::FullyEncoded)},
        {QStringLiteral("origin"), request.origin.toString()},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("body"), bytes(request.body)},
        {QStringLiteral("credentials"), toString(request.credentials)},
        {QStringLiteral("cookies"), QString::fromUtf8(import.cookies)},
        {QStringLiteral("insecure"), import.insecure},
        {QStringLiteral("compressed"), import.compressed},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(import.warnings)},
        {QStringLiteral("originMissing"), import.originMissing},
    };
}

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

// FetchRequest has no operator==; Origin compares by serialization (two opaque origins are
// "different" by design, but the same for a round trip).
QString requestDifference(const FetchRequest &a, const FetchRequest &b)
{
    if (a.url != b.url)
        return QStringLiteral("url %1 != %2").arg(a.url.toString(), b.url.toString());
    if (a.origin.serialize() != b.origin.serialize())
        return QStringLiteral("origin %1 != %2").arg(a.origin.toString(), b.origin.toString());
    if (a.method != b.method)
        return QStringLiteral("method %1 != %2")
            .arg(QString::fromUtf8(a.method), QString::fromUtf8(b.method));
    if (a.headers != b.headers)
        return QStringLiteral("headers differ");
    if (a.body != b.body)
        return QStringLiteral("body differs");
    if (a.mode != b.mode || a.credentials != b.credentials || a.redirect != b.redirect)
        return QStringLiteral("mode, credentials or redirect differ");
    return {};
}

CurlImport parseOrFail(const QString &command)
{
    CurlParseError error;
    const std::optional<CurlImport> import = CurlCommand::parse(command, &error);
    if (!import)
        qWarning().noquote() << "unexpected error:" << error.toString();
    return import.value_or(CurlImport{});
}

} // namespace

class TestCurlCommand : public QObject {
    Q_OBJECT

private slots:
    void samplesReadAsExpected_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList samples = sampleFiles();
        QVERIFY(samples.size() >= 8);
        for (const QString &file : samples)
            QTest::newRow(qPrintable(file)) << file;
    }

    void samplesReadAsExpected()
    {
        QFETCH(QString, file);
        CurlParseError error;
        const std::optional<CurlImport> import =
            CurlCommand::parse(QString::fromUtf8(readData(file)), &error);
        QVERIFY2(import, qPrintable(error.toString()));
        const QJsonObject actual = describe(*import);
        const QJsonObject expected =
            QJsonDocument::fromJson(readData(file + QStringLiteral(".json"))).object();
        QVERIFY2(!expected.isEmpty(), qPrintable(file + QStringLiteral(".json is missing or not JSON")));
        if (actual != expected)
            qWarning().noquote() << "actual:" << QJsonDocument(actual).toJson(QJsonDocument::Indented);
        for (const QString &key : actual.keys())
            QCOMPARE(compact(actual.value(key)), compact(expected.value(key)));
        QCOMPARE(actual.keys(), expected.keys());
    }

    void brokenCommandsGiveExactErrors_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(dataDir() + QStringLiteral("broken"));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        for (const QString &file : files) {
            if (!file.endsWith(QLatin1String(".expected")))
                QTest::newRow(qPrintable(file)) << file;
        }
        QVERIFY(files.size() >= 20);
    }

    void brokenCommandsGiveExactErrors()
    {
        QFETCH(QString, file);
        const QString command = QString::fromUtf8(readData(QStringLiteral("broken/") + file));
        const QString expected =
            QString::fromUtf8(readData(QStringLiteral("broken/") + file + QStringLiteral(".expected")))
                .trimmed();
        QVERIFY2(!expected.isEmpty(), "missing .expected file");
        CurlParseError error;
        const std::optional<CurlImport> import = CurlCommand::parse(command, &error);
        QVERIFY2(!import, "the command was accepted");
        QCOMPARE(error.toString(), expected);
        QVERIFY(error.position >= 0 && error.position <= command.size());
    }

    void samplesRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("dialect");
        for (const QString &file : sampleFiles()) {
            QTest::newRow(qPrintable(file + QStringLiteral(" bash"))) << file << int(CurlDialect::Posix);
            QTest::newRow(qPrintable(file + QStringLiteral(" cmd"))) << file << int(CurlDialect::WindowsCmd);
        }
    }

    void samplesRoundTrip()
    {
        QFETCH(QString, file);
        QFETCH(int, dialect);
        const CurlImport first = parseOrFail(QString::fromUtf8(readData(file)));
        const QString exported = CurlCommand::toCurl(first, CurlDialect(dialect));
        CurlParseError error;
        const std::optional<CurlImport> second = CurlCommand::parse(exported, &error);
        QVERIFY2(second, qPrintable(error.toString() + QLatin1Char('\n') + exported));
        QVERIFY2(
            requestDifference(first.request, second->request).isEmpty(),
            qPrintable(requestDifference(first.request, second->request) + QLatin1Char('\n') + exported));
        QVERIFY(second->dialect == CurlDialect(dialect));
        QCOMPARE(second->cookies, first.cookies);
        QCOMPARE(second->insecure, first.insecure);
        QCOMPARE(second->compressed, first.compressed);
        if (!first.request.origin.isOpaque())
            QVERIFY(exported.contains(QLatin1String("Origin: ") + first.request.origin.toString()));

        // Without the import's extras, credentials "include" still survives (as -b '').
        const std::optional<CurlImport> bare = CurlCommand::parse(CurlCommand::toCurl(first.request), &error);
        QVERIFY2(bare, qPrintable(error.toString()));
        QVERIFY(requestDifference(first.request, bare->request).isEmpty());
    }

    // Inputs the fuzzer found that did not survive export and import.
    void edgeCasesRoundTrip_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("second # in the fragment")
            << QStringLiteral("curl -G 'http://h.example/p#a' -d 'x#y#z'");
        QTest::newRow("cookie header without =")
            << QStringLiteral("curl http://h.example/ -H 'Cookie: nameonly'");
        QTest::newRow("bytes that are not UTF-8")
            << QStringLiteral("curl http://h.example/ --data-raw $'\\xff\\x00'");
        QTest::newRow("glob characters") << QStringLiteral("curl -g 'http://h.example/{a}[b]?c[]=\\['");
        QTest::newRow("empty header and body")
            << QStringLiteral("curl http://h.example/ -H 'X-A;' --data-raw ''");
        QTest::newRow("head with a body") << QStringLiteral("curl -X HEAD http://h.example/ -d a");
        QTest::newRow("newlines and percent")
            << QStringLiteral(R"(curl http://h.example/ -b $'a=1\r\n%PATH%' -d $'%x\n\n^\\\"')");
    }

    void edgeCasesRoundTrip()
    {
        QFETCH(QString, command);
        const CurlImport first = parseOrFail(command);
        for (const CurlDialect dialect : {CurlDialect::Posix, CurlDialect::WindowsCmd}) {
            if (dialect == CurlDialect::WindowsCmd &&
                first.request.body.value_or(QByteArray()).contains('\xff'))
                continue; // cmd.exe cannot carry bytes that are not UTF-8
            const QString exported = CurlCommand::toCurl(first, dialect);
            const CurlImport second = parseOrFail(exported);
            QVERIFY2(requestDifference(first.request, second.request).isEmpty(), qPrintable(exported));
            QCOMPARE(second.cookies, first.cookies);
        }
    }

    void ansiCQuotingDecodesEveryEscape()
    {
        const CurlImport import = parseOrFail(
            QStringLiteral("curl https://a.example/ -H 'Origin: https://p.example' --data-raw "
                           "$'\\x41\\101\\u00e9\\U0001F600\\t\\n\\r\\\\\\'\\\"\\e\\cA\\q\\x\\0'"));
        QCOMPARE(import.request.body.value(),
                 QByteArray("AA\xc3\xa9\xf0\x9f\x98\x80\t\n\r\\'\"\x1b\x01\\q\\x") + QByteArray(1, '\0'));
    }

    void doubleQuotesKeepBackslashesBash_Does()
    {
        const CurlImport import =
            parseOrFail(QStringLiteral("curl \"https://a.example/\" -H \"X-A: \\\"q\\\" \\$HOME \\n \\\\\" "
                                       "-H \"X-B: a\\\n  b\"  -H X-C:\\ unquoted\\ words"));
        QCOMPARE(import.request.headers.get("x-a").value(), QByteArray("\"q\" $HOME \\n \\"));
        QCOMPARE(import.request.headers.get("x-b").value(), QByteArray("a  b"));
        QCOMPARE(import.request.headers.get("x-c").value(), QByteArray("unquoted words"));
    }

    void shellVariablesAreReportedNotExpanded()
    {
        const CurlImport import =
            parseOrFail(QStringLiteral("curl https://a.example/ -H \"Authorization: Bearer $TOKEN\""));
        QCOMPARE(import.request.headers.get("authorization").value(), QByteArray("Bearer $TOKEN"));
        QVERIFY(
            import.warnings.contains(QStringLiteral("The shell would expand $TOKEN; it was read literally")));
    }

    void shortOptionsBundleAndTakeAttachedArguments()
    {
        const CurlImport import = parseOrFail(
            QStringLiteral("curl -sSLkXpatch -H'X-A: 1' -HX-B:2 -d x=1 https://a.example/ --no-insecure"));
        QCOMPARE(import.request.method, QByteArray("patch")); // exactly as written
        QCOMPARE(import.request.headers.get("x-a").value(), QByteArray("1"));
        QCOMPARE(import.request.headers.get("x-b").value(), QByteArray("2"));
        QCOMPARE(import.request.body.value(), QByteArray("x=1"));
        QVERIFY(!import.insecure);
    }

    void dataOptionsJoinLikeCurl()
    {
        const CurlImport import = parseOrFail(
            QStringLiteral("curl https://a.example/ -d a=1 --data-raw @literal --data-binary @file.bin "
                           "--data-urlencode 'q=x y&z' --data-urlencode '=a/b' --data-urlencode 'plain text' "
                           "--data-ascii b=2"));
        QCOMPARE(import.request.method, QByteArray("POST"));
        QCOMPARE(import.request.body.value(), QByteArray("a=1&@literal&q=x+y%26z&a%2Fb&plain+text&b=2"));
        QVERIFY(import.warnings.contains(QStringLiteral(
            "The body is read from the file file.bin, which is not read: that part of the body is "
            "left out")));
    }

    void getPutsDataInTheQueryAndHeadIsHead()
    {
        CurlImport import = parseOrFail(QStringLiteral("curl -G https://a.example/s?x=1 -d q=cors -d n=2"));
        QCOMPARE(import.request.method, QByteArray("GET"));
        QCOMPARE(import.request.url, QUrl(QStringLiteral("https://a.example/s?x=1&q=cors&n=2")));
        QVERIFY(!import.request.body);

        import = parseOrFail(QStringLiteral("curl -I https://a.example/"));
        QCOMPARE(import.request.method, QByteArray("HEAD"));
        import = parseOrFail(QStringLiteral("curl --head -X GET https://a.example/"));
        QCOMPARE(import.request.method, QByteArray("GET")); // -X wins, as in curl
    }

    void userAgentRefererUserAndJson()
    {
        const CurlImport import = parseOrFail(QStringLiteral(
            "curl --url https://a.example/ -A agent/1 -e https://p.example/ -u ann:pw --json '{\"a\":1}' "
            "-H 'Accept: text/plain'"));
        QCOMPARE(import.request.method, QByteArray("POST"));
        QCOMPARE(import.request.headers, (HeaderList{{"Accept", "text/plain"},
                                                     {"Authorization", "Basic YW5uOnB3"},
                                                     {"Content-Type", "application/json"}}));
        QCOMPARE(import.request.body.value(), QByteArray("{\"a\":1}"));
        QVERIFY(import.warnings.contains(
            QStringLiteral("Removed headers the browser adds itself, not the page: User-Agent, Referer")));
    }

    void optionsCurlKnowsAreReadFromItsTable()
    {
        // --tcp-fastopen and -Z (--parallel) change nothing the page sent; --connect-timeout and
        // --proto-redir take a value, which must not become the URL.
        const CurlImport import = parseOrFail(
            QStringLiteral("curl --tcp-fastopen -Z --http2 -v --connect-timeout 5 --proto-redir =https "
                           "--no-keepalive https://a.example/ https://b.example/"));
        QCOMPARE(import.request.url, QUrl(QStringLiteral("https://a.example/")));
        QVERIFY(import.warnings.contains(
            QStringLiteral("Only the first URL is read; https://b.example/ was ignored")));
        QVERIFY(import.originMissing);
        QVERIFY(!import.warnings.join(QLatin1Char('\n')).contains(QLatin1String("--origin")));
        QVERIFY(import.request.origin.isOpaque());
    }

    void curlOptionsReadAsCurlReadsThem_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QStringList>("headers");
        QTest::addColumn<QString>("body"); // "-" for none
        QTest::newRow("--json twice is concatenated, no '&'")
            << QStringLiteral("curl https://a.example/ --json '{\"a\":' --json '1}'")
            << QStringLiteral("https://a.example/") << QStringLiteral("POST")
            << QStringList{QStringLiteral("Content-Type: application/json"),
                           QStringLiteral("Accept: application/json")}
            << QStringLiteral("{\"a\":1}");
        QTest::newRow("-d then --json") << QStringLiteral("curl https://a.example/ -d a=1 --json '{}'")
                                        << QStringLiteral("https://a.example/") << QStringLiteral("POST")
                                        << QStringList{QStringLiteral("Content-Type: application/json"),
                                                       QStringLiteral("Accept: application/json")}
                                        << QStringLiteral("a=1{}");
        QTest::newRow("--range") << QStringLiteral("curl https://a.example/f -r 0-99")
                                 << QStringLiteral("https://a.example/f") << QStringLiteral("GET")
                                 << QStringList{QStringLiteral("Range: bytes=0-99")} << QStringLiteral("-");
        QTest::newRow("--range without a dash gets one")
            << QStringLiteral("curl https://a.example/f --range 500") << QStringLiteral("https://a.example/f")
            << QStringLiteral("GET") << QStringList{QStringLiteral("Range: bytes=500-")}
            << QStringLiteral("-");
        QTest::newRow("--oauth2-bearer")
            << QStringLiteral("curl https://a.example/ --oauth2-bearer t0k")
            << QStringLiteral("https://a.example/") << QStringLiteral("GET")
            << QStringList{QStringLiteral("Authorization: Bearer t0k")} << QStringLiteral("-");
        QTest::newRow("--oauth2-bearer wins over --user")
            << QStringLiteral("curl https://a.example/ -u ann:pw --oauth2-bearer t0k")
            << QStringLiteral("https://a.example/") << QStringLiteral("GET")
            << QStringList{QStringLiteral("Authorization: Bearer t0k")} << QStringLiteral("-");
        QTest::newRow("-H Authorization wins over both")
            << QStringLiteral("curl https://a.example/ -u ann:pw --oauth2-bearer t0k -H 'Authorization: X y'")
            << QStringLiteral("https://a.example/") << QStringLiteral("GET")
            << QStringList{QStringLiteral("Authorization: X y")} << QStringLiteral("-");
        QTest::newRow("--url-query encodes, '+' keeps")
            << QStringLiteral(
                   "curl 'https://a.example/s?x=1#top' --url-query 'q=a b&c' --url-query '+raw=a%2Fb'")
            << QStringLiteral("https://a.example/s?x=1&q=a+b%26c&raw=a%2Fb#top") << QStringLiteral("GET")
            << QStringList{} << QStringLiteral("-");
        QTest::newRow("-G with --data-urlencode; --url-query ignored as curl does")
            << QStringLiteral("curl -G https://a.example/s --data-urlencode 'q=x y' --url-query z=1")
            << QStringLiteral("https://a.example/s?q=x+y") << QStringLiteral("GET") << QStringList{}
            << QStringLiteral("-");
        QTest::newRow("--data-urlencode name@file is a file, a@b=c is a name")
            << QStringLiteral("curl https://a.example/ -H 'Content-Type: text/plain' --data-urlencode a@b=c "
                              "--data-urlencode f@list.txt")
            << QStringLiteral("https://a.example/") << QStringLiteral("POST")
            << QStringList{QStringLiteral("Content-Type: text/plain")} << QStringLiteral("a@b=c");
        QTest::newRow("-d sends a form Content-Type")
            << QStringLiteral("curl https://a.example/ -d x=1") << QStringLiteral("https://a.example/")
            << QStringLiteral("POST")
            << QStringList{QStringLiteral("Content-Type: application/x-www-form-urlencoded")}
            << QStringLiteral("x=1");
        QTest::newRow("-H 'Content-Type:' removes it")
            << QStringLiteral("curl https://a.example/ -d x=1 -H 'Content-Type:'")
            << QStringLiteral("https://a.example/") << QStringLiteral("POST") << QStringList{}
            << QStringLiteral("x=1");
        QTest::newRow("a browser copy names its own (none here)")
            << QStringLiteral(
                   "curl 'https://a.example/' -H 'sec-fetch-mode: cors' --data-raw 'x=1' --compressed")
            << QStringLiteral("https://a.example/") << QStringLiteral("POST") << QStringList{}
            << QStringLiteral("x=1");
        QTest::newRow("--data-raw @ is literal, --data-binary @file is left out")
            << QStringLiteral(
                   "curl https://a.example/ -H 'Content-Type: a/b' --data-raw @x --data-binary @body.bin")
            << QStringLiteral("https://a.example/") << QStringLiteral("POST")
            << QStringList{QStringLiteral("Content-Type: a/b")} << QStringLiteral("@x");
        QTest::newRow("an option's value is never the URL")
            << QStringLiteral("curl --proto-default https --max-filesize 10M -K cfg.txt --cert-type PEM "
                              "https://a.example/")
            << QStringLiteral("https://a.example/") << QStringLiteral("GET") << QStringList{}
            << QStringLiteral("-");
        QTest::newRow("--name=value, as curl 8 reads it")
            << QStringLiteral("curl --request=PUT --header='X-A: 1' --url=https://a.example/")
            << QStringLiteral("https://a.example/") << QStringLiteral("PUT")
            << QStringList{QStringLiteral("X-A: 1")} << QStringLiteral("-");
        QTest::newRow("an abbreviation, as curl 7.88 reads it")
            << QStringLiteral("curl --oauth2-b t0k https://a.example/")
            << QStringLiteral("https://a.example/") << QStringLiteral("GET")
            << QStringList{QStringLiteral("Authorization: Bearer t0k")} << QStringLiteral("-");
        QTest::newRow("-- ends the options")
            << QStringLiteral("curl -X GET -- https://a.example/") << QStringLiteral("https://a.example/")
            << QStringLiteral("GET") << QStringList{} << QStringLiteral("-");
        QTest::newRow("referer ;auto")
            << QStringLiteral("curl https://a.example/ -e 'https://p.example/;auto' -H 'X-B: 2'")
            << QStringLiteral("https://a.example/") << QStringLiteral("GET")
            << QStringList{QStringLiteral("X-B: 2")} << QStringLiteral("-");
    }

    void curlOptionsReadAsCurlReadsThem()
    {
        QFETCH(QString, command);
        QFETCH(QString, url);
        QFETCH(QString, method);
        QFETCH(QStringList, headers);
        QFETCH(QString, body);
        const CurlImport import = parseOrFail(command);
        QCOMPARE(import.request.url.toString(QUrl::FullyEncoded), url);
        QCOMPARE(QString::fromUtf8(import.request.method), method);
        QStringList actual;
        for (const Header &header : import.request.headers)
            actual.append(QString::fromUtf8(header.name + ": " + header.value));
        QCOMPARE(actual, headers);
        QCOMPARE(import.request.body ? QString::fromUtf8(*import.request.body) : QStringLiteral("-"), body);
    }

    void unknownOrMisusedOptionsAreErrors_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown long option")
            << QStringLiteral("curl --frobnicate value https://a.example/")
            << QStringLiteral("offset 5: --frobnicate is not an option curl knows");
        QTest::newRow("unknown short option") << QStringLiteral("curl -sWx https://a.example/")
                                              << QStringLiteral("offset 7: -W is not an option curl knows");
        QTest::newRow("ambiguous prefix")
            << QStringLiteral("curl --dat x https://a.example/")
            << QStringLiteral("offset 5: --dat is ambiguous: it abbreviates more than one of curl's options");
        QTest::newRow("--no- on an option with a value")
            << QStringLiteral("curl --no-header x https://a.example/")
            << QStringLiteral("offset 5: --no-header: --header cannot be switched off with --no-");
        QTest::newRow("a value for a switch") << QStringLiteral("curl --compressed=yes https://a.example/")
                                              << QStringLiteral("offset 17: --compressed takes no value");
        // Found by fuzz_curlcommand: -r's value became a Range header that -H would have refused,
        // so the request could not be exported and read back.
        QTest::newRow("a NUL in -r's value")
            << QStringLiteral("curl -r $'0-\\x00' https://a.example/")
            << QStringLiteral(
                   "offset 8: the value of the header Range contains a line break or NUL, which HTTP "
                   "does not allow");
        QTest::newRow("a line break in --oauth2-bearer")
            << QStringLiteral("curl --oauth2-bearer $'t\\nX-Evil: 1' https://a.example/")
            << QStringLiteral(
                   "offset 21: the value of the header Authorization contains a line break or NUL, "
                   "which HTTP does not allow");
    }

    void unknownOrMisusedOptionsAreErrors()
    {
        QFETCH(QString, command);
        QFETCH(QString, error);
        CurlParseError parseError;
        QVERIFY(!CurlCommand::parse(command, &parseError));
        QCOMPARE(parseError.toString(), error);
    }

    void bashWithBackticksIsJoinedNotCut()
    {
        // Pasted with PowerShell's continuations, a preflighted POST used to be read as its first
        // line: a simple GET, which the evaluator then allowed.
        const CurlImport import = parseOrFail(QStringLiteral(
            "curl 'https://api.example/orders' `\n  -X 'POST' `\n  -H 'content-type: application/json' `\n"
            "  -H 'origin: https://app.example' `\n  --data-raw '{\"a\":1}'"));
        QCOMPARE(import.request.method, QByteArray("POST"));
        QCOMPARE(import.request.headers.get("content-type").value(), QByteArray("application/json"));
        QCOMPARE(import.request.body.value(), QByteArray("{\"a\":1}"));
        QVERIFY(import.warnings.contains(QStringLiteral(
            "Line 1 ends with '`', PowerShell's line continuation, where bash wants '\\'; the lines "
            "were joined")));
    }

    void pageSetCacheControlStays()
    {
        // Only DevTools' "Disable cache" pair is the browser's; a page's own Cache-Control preflights.
        const CurlImport import = parseOrFail(QStringLiteral(
            "curl https://a.example/ -H 'Cache-Control: no-store' -H 'Pragma: no-cache' -H 'X-Empty;'"));
        QCOMPARE(import.request.headers,
                 (HeaderList{{"Cache-Control", "no-store"}, {"Pragma", "no-cache"}, {"X-Empty", ""}}));
    }

    void emptyCookieOptionMeansCredentials()
    {
        CurlImport import = parseOrFail(QStringLiteral("curl https://a.example/ -b ''"));
        QVERIFY(import.request.credentials == CredentialsMode::Include);
        QVERIFY(import.cookies.isEmpty());
        import = parseOrFail(QStringLiteral("curl https://a.example/ -b jar.txt -b 'a=1' -H 'Cookie: b=2'"));
        QCOMPARE(import.cookies, QByteArray("a=1; b=2"));
        QVERIFY(
            import.warnings.contains(QStringLiteral("-b jar.txt names a cookie file, which is not read")));
        import = parseOrFail(QStringLiteral("curl https://a.example/"));
        QVERIFY(import.request.credentials == CredentialsMode::SameOrigin);
    }

    void aSecondCommandIsRefused()
    {
        // "Copy all as cURL" joins commands with " ;\n" (bash) and " &\r\n" (cmd): bash would run
        // both, so reading only the first would explain a request the user did not pick.
        CurlParseError error;
        QVERIFY(!CurlCommand::parse(
            QStringLiteral("curl 'https://a.example/1' ;\ncurl 'https://a.example/2'"), &error));
        QCOMPARE(error.toString(),
                 QStringLiteral("offset 29: line 2 is not part of the command, which ended on line 1: paste "
                                "one command, with every line but the last continued."));
        QVERIFY(!CurlCommand::parse(
            QStringLiteral("curl ^\"https://a.example/1^\" &\r\ncurl ^\"https://a.example/2^\""), &error));
        QCOMPARE(error.position, 32);
        // The rest of the line alone (a pipe into jq) is dropped, and the user is told.
        CurlImport import = parseOrFail(QStringLiteral("curl 'https://a.example/1' | jq .\n\n"));
        QCOMPARE(import.request.url, QUrl(QStringLiteral("https://a.example/1")));
        QVERIFY(import.warnings.contains(
            QStringLiteral("Only the first command was read: everything from offset 27 on was ignored")));
        import = parseOrFail(QStringLiteral("\n\n  /usr/bin/curl https://a.example/x\n\n"));
        QCOMPARE(import.request.url, QUrl(QStringLiteral("https://a.example/x")));
        QVERIFY(!import.warnings.join(QLatin1Char('\n')).contains(QLatin1String("first command")));
    }

    void windowsQuotingFollowsTheCRuntime()
    {
        // Old Firefox wrote "" for a quote inside "…"; a hand-written path keeps its single backslash.
        const CurlImport import = parseOrFail(QStringLiteral(
            "curl.exe \"https://a.example/\" ^\n -H \"X-A: say \"\"hi\"\"\" -H \"X-B: C:\\temp\" "
            "-H X-C:^\"q^\"\\^\"q"));
        QVERIFY(import.dialect == CurlDialect::WindowsCmd);
        QCOMPARE(import.request.headers.get("x-a").value(), QByteArray("say \"hi\""));
        QCOMPARE(import.request.headers.get("x-b").value(), QByteArray("C:\\temp"));
        QCOMPARE(import.request.headers.get("x-c").value(), QByteArray("q\"q"));
    }

    void exportsLikeChromeBash()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/items?tags[]=a"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.method = "PUT";
        request.headers = {{"Content-Type", "application/json"}, {"X-Note", "it's"}};
        request.body = QByteArray("{\"a\":\"b\\nc\"}\n");
        request.credentials = CredentialsMode::Include;
        QCOMPARE(CurlCommand::toCurl(request),
                 QStringLiteral("curl 'https://api.example/items?tags\\[\\]=a' \\\n"
                                "  -X 'PUT' \\\n"
                                "  -H 'Origin: https://app.example' \\\n"
                                "  -H 'Content-Type: application/json' \\\n"
                                "  -H $'X-Note: it\\'s' \\\n"
                                "  -b '' \\\n"
                                "  --data-raw $'{\"a\":\"b\\\\nc\"}\\n'"));
        FetchRequest get;
        get.url = QUrl(QStringLiteral("https://api.example/"));
        QCOMPARE(CurlCommand::toCurl(get), QStringLiteral("curl 'https://api.example/'"));
    }

    void exportsLikeChromeCmd()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/q?x=50%25off"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.method = "POST";
        request.headers = {{"X-A", "say \"hi\" & 50% \\o/"}};
        request.body = QByteArray("a\nb");
        QCOMPARE(CurlCommand::toCurl(request, CurlDialect::WindowsCmd),
                 QStringLiteral("curl ^\"https://api.example/q?x=50^%^25off^\" ^\n"
                                "  -H ^\"Origin: https://app.example^\" ^\n"
                                "  -H ^\"X-A: say ^\\^\"hi^\\^\" ^& 50^% ^\\^\\o/^\" ^\n"
                                "  -H ^\"Content-Type:^\" ^\n"
                                "  --data-raw ^\"a^\n\nb^\""));
    }

    void exportsReadableFetch()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/items"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.method = "PUT";
        request.headers = {{"Content-Type", "application/json"}};
        request.body = QByteArray("{\"a\":1}");
        request.credentials = CredentialsMode::Include;
        QCOMPARE(CurlCommand::toFetch(request),
                 QStringLiteral("// Run in the console of a page on https://app.example\n"
                                "fetch(\"https://api.example/items\", {\n"
                                "  method: \"PUT\",\n"
                                "  headers: {\n"
                                "    \"Content-Type\": \"application/json\"\n"
                                "  },\n"
                                "  body: \"{\\\"a\\\":1}\",\n"
                                "  mode: \"cors\",\n"
                                "  credentials: \"include\",\n"
                                "});\n"));
        request.headers = {{"X-A", "1"}, {"x-a", "2"}};
        request.body.reset();
        request.redirect = RedirectMode::Manual;
        const QString js = CurlCommand::toFetch(request);
        QVERIFY(
            js.contains(QLatin1String("  headers: [\n    [\"X-A\", \"1\"],\n    [\"x-a\", \"2\"]\n  ],\n")));
        QVERIFY(js.contains(QLatin1String("  redirect: \"manual\",\n")));
        QVERIFY(!js.contains(QLatin1String("body")));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
