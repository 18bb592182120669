// Every "Copy as …" DevTools offers, produced exactly as DevTools produces it and read back.
//
// The generators below follow Chrome DevTools' front_end/panels/network/NetworkLogView.ts
// (ChromeDevTools/devtools-frontend; generateCurlCommand for "bash" and "win" with the
// always-^"…^" Windows quoting of current releases, generatePowerShellCommand, generateFetchCall
// for the browser and Node.js styles), step by step, so that a change in what Corscope reads is
// tested against what the browser writes, for requests whose every field is known.
#include "cli/checkoptions.h"
#include "sender/copiedrequest.h"
#include "sender/curlcommand.h"

#include <QTest>

using namespace Corscope;

namespace {

struct Cookie {
    QString name;
    QString value;
    QString domain;
};

// A request as DevTools holds it: every header the browser sent, in order.
struct Captured {
    QString url;
    QString method = QStringLiteral("GET");
    QList<QPair<QString, QString>> headers;
    std::optional<QString> body;
    QList<Cookie> cookies; // includedRequestCookies()
    QString referrerPolicy = QStringLiteral("strict-origin-when-cross-origin");
};

std::optional<QString> headerValue(const Captured &request, const QString &name)
{
    for (const auto &header : request.headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return std::nullopt;
}

// escapeStringPosix: $'…' when the string has a control character, ! or ', else '…'.
QString escapePosix(const QString &text)
{
    bool ansi = false;
    for (const QChar c : text)
        ansi = ansi || c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f) || c == u'!' ||
               c == u'\'';
    if (!ansi)
        return u'\'' + text + u'\'';
    QString out = QStringLiteral("$'");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '\\')
            out += QLatin1String("\\\\");
        else if (u == '\'')
            out += QLatin1String("\\'");
        else if (u == '\n')
            out += QLatin1String("\\n");
        else if (u == '\r')
            out += QLatin1String("\\r");
        else if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == '!')
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + u'\'';
}

// escapeStringWin: \ doubled, " as \", every character outside the safe set ^-escaped, % before
// a name character as %^, a newline as ^ and two newlines; the whole in ^"…^".
QString escapeWin(const QString &text)
{
    static const QString safe = QStringLiteral("_-:=+~'/.,?;()*`");
    QString stage;
    for (const QChar c : text) {
        if (c == u'\\')
            stage += QLatin1String("\\\\");
        else if (c == u'"')
            stage += QLatin1String("\\\"");
        else
            stage += c;
    }
    QString out;
    for (const QChar c : std::as_const(stage)) {
        const char16_t u = c.unicode();
        const bool plain = (u < 0x80 && c.isLetterOrNumber()) || c.isSpace() || safe.contains(c);
        out += plain ? QString(c) : u'^' + QString(c);
    }
    QString percent;
    for (qsizetype i = 0; i < out.size(); ++i) {
        percent += out.at(i);
        if (out.at(i) == u'%' && i + 1 < out.size() && out.at(i + 1).unicode() < 0x80 &&
            (out.at(i + 1).isLetterOrNumber() || out.at(i + 1) == u'_'))
            percent += u'^';
    }
    percent.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(u'\n', QLatin1String("^\n\n"));
    return QStringLiteral("^\"") + percent + QStringLiteral("^\"");
}

QString generateCurl(const Captured &request, bool windows)
{
    auto escape = [windows](const QString &text) {
        return windows ? escapeWin(text) : escapePosix(text);
    };
    QStringList ignored = {QStringLiteral("accept-encoding"), QStringLiteral("host"),
                           QStringLiteral("method"),          QStringLiteral("path"),
                           QStringLiteral("scheme"),          QStringLiteral("version")};
    QStringList command;
    QString url = escape(request.url);
    for (const char *glob : {"[", "{", "}", "]"})
        url.replace(QLatin1String(glob), QLatin1Char('\\') + QLatin1String(glob));
    command.append(url);
    QString inferred = QStringLiteral("GET");
    QStringList data;
    if (request.body && !request.body->isEmpty()) {
        data.append(QStringLiteral("--data-raw ") + escape(*request.body));
        ignored.append(QStringLiteral("content-length"));
        inferred = QStringLiteral("POST");
    }
    if (request.method != inferred)
        command.append(QStringLiteral("-X ") + escape(request.method));
    for (const auto &header : request.headers) {
        if (ignored.contains(header.first.toLower()))
            continue;
        command.append(QStringLiteral("-H ") +
                       escape(header.second.trimmed().isEmpty()
                                  ? header.first + u';'
                                  : header.first + QStringLiteral(": ") + header.second));
    }
    command += data;
    command.append(QStringLiteral("--compressed"));
    const QString joiner = command.size() >= 3
                               ? (windows ? QStringLiteral(" ^\n  ") : QStringLiteral(" \\\n  "))
                               : QStringLiteral(" ");
    return QStringLiteral("curl ") + command.join(joiner);
}

// generatePowerShellCommand's escapeString: ` $ " get a backtick, every UTF-16 unit outside
// printable ASCII becomes $([char]N).
QString escapePowerShell(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '`' || u == '$' || u == '"')
            out += u'`' + QString(c);
        else if (u < 0x20 || u > 0x7e)
            out += QStringLiteral("$([char]%1)").arg(int(u));
        else
            out += c;
    }
    return out + u'"';
}

QString generatePowerShell(const Captured &request)
{
    const QStringList ignored = {
        QStringLiteral("host"),           QStringLiteral("connection"), QStringLiteral("proxy-connection"),
        QStringLiteral("content-length"), QStringLiteral("expect"),     QStringLiteral("range"),
        QStringLiteral("content-type"),   QStringLiteral("user-agent"), QStringLiteral("cookie")};
    QStringList props;
    if (const std::optional<QString> agent = headerValue(request, QStringLiteral("user-agent")))
        props.append(QStringLiteral("$session.UserAgent = ") + escapePowerShell(*agent));
    for (const Cookie &cookie : request.cookies)
        props.append(QStringLiteral("$session.Cookies.Add((New-Object System.Net.Cookie(%1, %2, \"/\", %3)))")
                         .arg(escapePowerShell(cookie.name), escapePowerShell(cookie.value),
                              escapePowerShell(cookie.domain)));
    const QString session =
        props.isEmpty()
            ? QString()
            : QStringLiteral("$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n") +
                  props.join(u'\n') + u'\n';
    QStringList command;
    command.append(QStringLiteral("-Uri ") + escapePowerShell(request.url));
    if (request.method != QLatin1String("GET"))
        command.append(QStringLiteral("-Method ") + escapePowerShell(request.method));
    if (!session.isEmpty())
        command.append(QStringLiteral("-WebSession $session"));
    QStringList pairs;
    for (const auto &header : request.headers) {
        if (!ignored.contains(header.first.toLower()))
            pairs.append(escapePowerShell(header.first) + u'=' + escapePowerShell(header.second));
    }
    if (!pairs.isEmpty())
        command.append(QStringLiteral("-Headers @{\n") + pairs.join(QLatin1String("\n  ")) +
                       QStringLiteral("\n}"));
    if (const std::optional<QString> type = headerValue(request, QStringLiteral("content-type")))
        command.append(QStringLiteral("-ContentType ") + escapePowerShell(*type));
    if (request.body && !request.body->isEmpty()) {
        bool ascii = true;
        for (const QChar c : *request.body)
            ascii = ascii && c.unicode() >= 0x20 && c.unicode() <= 0x7e;
        const QString body = escapePowerShell(*request.body);
        command.append(ascii ? QStringLiteral("-Body ") + body
                             : QStringLiteral("-Body ([System.Text.Encoding]::UTF8.GetBytes(") + body +
                                   QStringLiteral("))"));
    }
    return session + QStringLiteral("Invoke-WebRequest -UseBasicParsing ") +
           command.join(command.size() >= 3 ? QStringLiteral(" `\n") : QStringLiteral(" "));
}

// JSON.stringify(value, null, 2) for the strings, objects and null generateFetchCall builds.
QString jsonString(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\')
            out += u'\\' + QString(c);
        else if (u == '\n')
            out += QLatin1String("\\n");
        else if (u == '\r')
            out += QLatin1String("\\r");
        else if (u == '\t')
            out += QLatin1String("\\t");
        else if (u == '\b')
            out += QLatin1String("\\b");
        else if (u == '\f')
            out += QLatin1String("\\f");
        else if (u < 0x20)
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + u'"';
}

using Members = QList<QPair<QString, QString>>; // key, already-serialised value

QString jsonObject(const Members &members, int indent)
{
    const QString inner(indent + 2, u' ');
    QStringList lines;
    for (const auto &member : members)
        lines.append(inner + jsonString(member.first) + QStringLiteral(": ") + member.second);
    return QStringLiteral("{\n") + lines.join(QLatin1String(",\n")) + u'\n' + QString(indent, u' ') + u'}';
}

QString generateFetch(const Captured &request, bool node)
{
    const QStringList ignored = {QStringLiteral("method"),
                                 QStringLiteral("path"),
                                 QStringLiteral("scheme"),
                                 QStringLiteral("version"),
                                 QStringLiteral("accept-charset"),
                                 QStringLiteral("accept-encoding"),
                                 QStringLiteral("access-control-request-headers"),
                                 QStringLiteral("access-control-request-method"),
                                 QStringLiteral("connection"),
                                 QStringLiteral("content-length"),
                                 QStringLiteral("cookie"),
                                 QStringLiteral("cookie2"),
                                 QStringLiteral("date"),
                                 QStringLiteral("dnt"),
                                 QStringLiteral("expect"),
                                 QStringLiteral("host"),
                                 QStringLiteral("keep-alive"),
                                 QStringLiteral("origin"),
                                 QStringLiteral("referer"),
                                 QStringLiteral("te"),
                                 QStringLiteral("trailer"),
                                 QStringLiteral("transfer-encoding"),
                                 QStringLiteral("upgrade"),
                                 QStringLiteral("via"),
                                 QStringLiteral("user-agent")};
    // A Headers object: names lower-cased, iterated sorted, repeated names joined with ", ".
    QMap<QString, QString> sorted;
    for (const auto &header : request.headers) {
        const QString name = header.first.toLower();
        if (ignored.contains(name) || name.contains(u':'))
            continue;
        sorted[name] =
            sorted.contains(name) ? sorted[name] + QStringLiteral(", ") + header.second : header.second;
    }
    Members headers;
    for (auto it = sorted.cbegin(); it != sorted.cend(); ++it)
        headers.append({it.key(), jsonString(it.value())});
    const bool credentialed = !request.cookies.isEmpty() || headerValue(request, QStringLiteral("cookie")) ||
                              headerValue(request, QStringLiteral("authorization"));
    const std::optional<QString> referrer = headerValue(request, QStringLiteral("referer"));
    Members options;
    if (node) {
        if (const std::optional<QString> cookie = headerValue(request, QStringLiteral("cookie")))
            headers.append({QStringLiteral("cookie"), jsonString(*cookie)});
        if (referrer) {
            headers.append({QStringLiteral("Referer"), jsonString(*referrer)});
            headers.append({QStringLiteral("Referrer-Policy"), jsonString(request.referrerPolicy)});
        }
    }
    if (!headers.isEmpty())
        options.append({QStringLiteral("headers"), jsonObject(headers, 2)});
    if (referrer && !node)
        options.append({QStringLiteral("referrer"), jsonString(*referrer)});
    if (!(node && referrer))
        options.append({QStringLiteral("referrerPolicy"), jsonString(request.referrerPolicy)});
    options.append({QStringLiteral("body"), request.body && !request.body->isEmpty()
                                                ? jsonString(*request.body)
                                                : QStringLiteral("null")});
    options.append({QStringLiteral("method"), jsonString(request.method)});
    if (!node) {
        options.append({QStringLiteral("mode"), jsonString(QStringLiteral("cors"))});
        options.append({QStringLiteral("credentials"),
                        jsonString(credentialed ? QStringLiteral("include") : QStringLiteral("omit"))});
    }
    return QStringLiteral("fetch(") + jsonString(request.url) + QStringLiteral(", ") +
           jsonObject(options, 0) + QStringLiteral(");");
}

const QStringList formats = {QStringLiteral("bash"), QStringLiteral("cmd"), QStringLiteral("powershell"),
                             QStringLiteral("fetch"), QStringLiteral("node")};

QString generate(const Captured &request, const QString &format)
{
    if (format == QLatin1String("bash"))
        return generateCurl(request, false);
    if (format == QLatin1String("cmd"))
        return generateCurl(request, true);
    if (format == QLatin1String("powershell"))
        return generatePowerShell(request);
    return generateFetch(request, format == QLatin1String("node"));
}

CopyFormat formatOf(const QString &format)
{
    if (format == QLatin1String("bash"))
        return CopyFormat::CurlPosix;
    if (format == QLatin1String("cmd"))
        return CopyFormat::CurlCmd;
    if (format == QLatin1String("powershell"))
        return CopyFormat::PowerShell;
    return format == QLatin1String("node") ? CopyFormat::FetchNode : CopyFormat::Fetch;
}

// Headers compared as the page set them: case-insensitive names, order aside (a fetch() copy
// sorts them, PowerShell moves Content-Type to -ContentType).
QStringList normalised(const HeaderList &headers)
{
    QStringList lines;
    for (const Header &header : headers)
        lines.append(QString::fromUtf8(header.name).toLower() + QStringLiteral(": ") +
                     QString::fromUtf8(header.value));
    lines.sort();
    return lines;
}

const QString chromeAgent = QStringLiteral(
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36");

// The requests: what the browser sent, and which of its headers the page set.
struct Case {
    const char *name;
    Captured request;
    QStringList pageHeaders; // "name: value", lower-case names, sorted
    bool credentialed = false;
    QByteArray cookies;
};

QList<Case> cases()
{
    QList<Case> list;
    {
        Case c{"simple GET", {}, {}, false, {}};
        c.request.url = QStringLiteral("https://api.example/items?page=2&sort=-date");
        c.request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json")},
                             {QStringLiteral("Origin"), QStringLiteral("https://app.example")},
                             {QStringLiteral("Referer"), QStringLiteral("https://app.example/")},
                             {QStringLiteral("User-Agent"), chromeAgent},
                             {QStringLiteral("sec-fetch-mode"), QStringLiteral("cors")}};
        c.pageHeaders = {QStringLiteral("accept: application/json")};
        list.append(c);
    }
    {
        Case c{"preflighted POST with JSON", {}, {}, false, {}};
        c.request.url = QStringLiteral("https://api.example/v2/orders");
        c.request.method = QStringLiteral("POST");
        c.request.headers = {{QStringLiteral("Content-Type"), QStringLiteral("application/json")},
                             {QStringLiteral("X-Request-Id"), QStringLiteral("7f3a")},
                             {QStringLiteral("Origin"), QStringLiteral("https://app.example")},
                             {QStringLiteral("Referer"), QStringLiteral("https://app.example/cart")},
                             {QStringLiteral("User-Agent"), chromeAgent},
                             {QStringLiteral("sec-ch-ua-platform"), QStringLiteral("\"Linux\"")}};
        c.request.body = QStringLiteral("{\"sku\":\"A-1\",\"qty\":2}");
        c.pageHeaders = {QStringLiteral("content-type: application/json"),
                         QStringLiteral("x-request-id: 7f3a")};
        list.append(c);
    }
    {
        Case c{"credentials include with cookies", {}, {}, true, QByteArrayLiteral("sid=abc123; theme=dark")};
        c.request.url = QStringLiteral("https://api.example/me");
        c.request.method = QStringLiteral("PUT");
        c.request.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer t0k3n")},
                             {QStringLiteral("Content-Type"), QStringLiteral("text/plain;charset=UTF-8")},
                             {QStringLiteral("Cookie"), QStringLiteral("sid=abc123; theme=dark")},
                             {QStringLiteral("Origin"), QStringLiteral("https://app.example")},
                             {QStringLiteral("Referer"), QStringLiteral("https://app.example/")},
                             {QStringLiteral("User-Agent"), chromeAgent}};
        c.request.body = QStringLiteral("x");
        c.request.cookies = {
            {QStringLiteral("sid"), QStringLiteral("abc123"), QStringLiteral("api.example")},
            {QStringLiteral("theme"), QStringLiteral("dark"), QStringLiteral("api.example")}};
        c.pageHeaders = {QStringLiteral("authorization: Bearer t0k3n"),
                         QStringLiteral("content-type: text/plain;charset=UTF-8")};
        list.append(c);
    }
    {
        // Every character some dialect escapes: $ ` " ' ^ % ! \ a newline, and outside ASCII.
        Case c{"special characters", {}, {}, false, {}};
        c.request.url = QStringLiteral("https://api.example/s?q=%25PATH%25&x=[1]");
        c.request.method = QStringLiteral("PATCH");
        const QString tricky = QStringLiteral("$HOME `id` \"q\" 'a' ^c %PATH% !! \\n é ☃ 😀");
        c.request.headers = {{QStringLiteral("X-Tricky"), tricky},
                             {QStringLiteral("Content-Type"), QStringLiteral("text/plain")},
                             {QStringLiteral("Origin"), QStringLiteral("https://app.example:8443")},
                             {QStringLiteral("User-Agent"), chromeAgent}};
        c.request.body = tricky + QStringLiteral("\nsecond line\r\nthird\ttab");
        c.pageHeaders = {QStringLiteral("content-type: text/plain"), QStringLiteral("x-tricky: ") + tricky};
        list.append(c);
    }
    return list;
}

} // namespace

class TestDevToolsCopy : public QObject {
    Q_OBJECT

private slots:
    void everyFormatReadsBackTheRequest_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("format");
        const QList<Case> all = cases();
        for (int i = 0; i < all.size(); ++i) {
            for (const QString &format : formats)
                QTest::newRow(qPrintable(QString::fromLatin1(all.at(i).name) + u' ' + format)) << i << format;
        }
    }

    void everyFormatReadsBackTheRequest()
    {
        QFETCH(int, index);
        QFETCH(QString, format);
        const Case c = cases().at(index);
        const QString copied = generate(c.request, format);
        CurlParseError error;
        const std::optional<CurlImport> import = CopiedRequest::parse(copied, &error);
        QVERIFY2(import, qPrintable(error.toString() + u'\n' + copied));
        QVERIFY2(import->format == formatOf(format), qPrintable(copied));
        const FetchRequest &request = import->request;
        QCOMPARE(request.url, QUrl(c.request.url));
        QCOMPARE(QString::fromUtf8(request.method), c.request.method);
        QCOMPARE(normalised(request.headers), c.pageHeaders);
        std::optional<QString> body = c.request.body;
        if (body && format == QLatin1String("cmd"))
            body->replace(QLatin1String("\r\n"), QLatin1String("\n")); // escapeStringWin: \r\n is ^ + \n\n
        QCOMPARE(request.body ? std::optional<QString>(QString::fromUtf8(*request.body)) : std::nullopt,
                 body);
        // curl and PowerShell copy the Origin header; a fetch() copy leaves it out, and its
        // referrer (when the page sent one) names the page instead.
        const std::optional<QString> origin = headerValue(c.request, QStringLiteral("origin"));
        const std::optional<QString> referer = headerValue(c.request, QStringLiteral("referer"));
        const bool fetch = format == QLatin1String("fetch") || format == QLatin1String("node");
        if (!fetch || referer) {
            QVERIFY(!import->originMissing);
            QCOMPARE(request.origin.toString(),
                     fetch ? Origin::fromUrl(QUrl(*referer)).toString() : origin.value());
        } else {
            QVERIFY(import->originMissing);
        }
        QCOMPARE(request.credentials == CredentialsMode::Include, c.credentialed);
        if (format != QLatin1String("fetch")) // the browser's fetch() copy never carries cookies
            QCOMPARE(import->cookies, c.cookies);
        if (format == QLatin1String("fetch"))
            QVERIFY(request.mode == RequestMode::Cors);
    }

    // The exact texts for one request, written out, so that the generators above are checked
    // against DevTools' output too, not only against the readers.
    void literalDevToolsOutput()
    {
        const QString powershell = QStringLiteral(
            "$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n"
            "$session.UserAgent = \"Mozilla/5.0\"\n"
            "$session.Cookies.Add((New-Object System.Net.Cookie(\"sid\", \"a`$b\", \"/\", "
            "\"api.example\")))\n"
            "Invoke-WebRequest -UseBasicParsing -Uri \"https://api.example/v2/orders\" `\n"
            "-Method \"POST\" `\n"
            "-WebSession $session `\n"
            "-Headers @{\n"
            "\"Origin\"=\"https://app.example\"\n"
            "  \"X-Note\"=\"caf$([char]233) `\"q`\"\"\n"
            "} `\n"
            "-ContentType \"application/json\" `\n"
            "-Body ([System.Text.Encoding]::UTF8.GetBytes(\"{`\"n`\":`\"$([char]9731)$([char]10)`\"}\"))");
        Captured captured;
        captured.url = QStringLiteral("https://api.example/v2/orders");
        captured.method = QStringLiteral("POST");
        captured.headers = {{QStringLiteral("Origin"), QStringLiteral("https://app.example")},
                            {QStringLiteral("X-Note"), QStringLiteral("café \"q\"")},
                            {QStringLiteral("Content-Type"), QStringLiteral("application/json")},
                            {QStringLiteral("User-Agent"), QStringLiteral("Mozilla/5.0")}};
        captured.body = QStringLiteral("{\"n\":\"☃\n\"}");
        captured.cookies = {{QStringLiteral("sid"), QStringLiteral("a$b"), QStringLiteral("api.example")}};
        QCOMPARE(generatePowerShell(captured), powershell);
        CurlParseError error;
        const std::optional<CurlImport> import = CopiedRequest::parse(powershell, &error);
        QVERIFY2(import, qPrintable(error.toString()));
        QCOMPARE(import->request.headers.get("x-note").value(), QByteArray("café \"q\""));
        QCOMPARE(import->request.body.value(), QStringLiteral("{\"n\":\"☃\n\"}").toUtf8());
        QCOMPARE(import->cookies, QByteArray("sid=a$b"));

        const QString fetch = QStringLiteral("fetch(\"https://api.example/v2/orders\", {\n"
                                             "  \"headers\": {\n"
                                             "    \"content-type\": \"application/json\",\n"
                                             "    \"x-note\": \"café \\\"q\\\"\"\n"
                                             "  },\n"
                                             "  \"referrerPolicy\": \"strict-origin-when-cross-origin\",\n"
                                             "  \"body\": \"{\\\"n\\\":\\\"☃\\n\\\"}\",\n"
                                             "  \"method\": \"POST\",\n"
                                             "  \"mode\": \"cors\",\n"
                                             "  \"credentials\": \"include\"\n"
                                             "});");
        QCOMPARE(generateFetch(captured, false), fetch);
    }

    void continuationsOfAnotherShell_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error"); // empty: read, with the lines joined
        QTest::newRow("bash with PowerShell backticks is joined")
            << QStringLiteral("curl 'https://a.example/' `\n  -X POST `\n  -H 'X-A: 1' `\n  --data-raw 'x'")
            << QString();
        QTest::newRow("bash continuation followed by a blank")
            << QStringLiteral("curl 'https://a.example/' \\ \n  -X POST")
            << QStringLiteral(
                   "offset 31: line 2 is not part of the command, which ended on line 1: paste one "
                   "command, with every line but the last continued. Line 1 ends with '\\' and then a "
                   "blank, so it does not continue the line.");
        QTest::newRow("cmd with bash continuations")
            << QStringLiteral("curl ^\"https://a.example/^\" \\\n  -X POST")
            << QStringLiteral(
                   "offset 32: line 2 is not part of the command, which ended on line 1: paste one "
                   "command, with every line but the last continued. Line 1 ends with '\\', which "
                   "continues a line in bash, not in cmd.exe.");
        QTest::newRow("bash without continuations")
            << QStringLiteral("curl 'https://a.example/'\n-X POST -d x")
            << QStringLiteral(
                   "offset 26: line 2 is not part of the command, which ended on line 1: paste one "
                   "command, with every line but the last continued.");
        QTest::newRow("PowerShell with bash continuations")
            << QStringLiteral("Invoke-WebRequest -Uri \"https://a.example/\" \\\n-Method \"POST\"")
            << QStringLiteral("offset 44: line 1 ends with '\\', which continues a line in bash; PowerShell "
                              "continues one with '`'");
        QTest::newRow("PowerShell without continuations")
            << QStringLiteral(
                   "Invoke-WebRequest -UseBasicParsing -Uri \"https://a.example/\"\n-Method \"POST\"")
            << QStringLiteral(
                   "offset 61: line 2 is not part of the Invoke-WebRequest command, which ended on "
                   "line 1: paste one request");
        QTest::newRow("PowerShell with its own continuations")
            << QStringLiteral(
                   "Invoke-WebRequest -UseBasicParsing -Uri \"https://a.example/\" `\r\n-Method \"POST\" "
                   "`\r\n-Body \"x\"")
            << QString();
        QTest::newRow("two PowerShell commands")
            << QStringLiteral("Invoke-WebRequest -Uri \"https://a.example/1\";\r\nInvoke-WebRequest -Uri "
                              "\"https://a.example/2\"")
            << QStringLiteral(
                   "offset 47: line 2 is not part of the Invoke-WebRequest command, which ended on "
                   "line 1: paste one request");
        QTest::newRow("two fetch calls")
            << QStringLiteral("fetch(\"https://a.example/1\", {}) ;\nfetch(\"https://a.example/2\", {});")
            << QStringLiteral("offset 35: more text after the fetch() call: paste one request");
    }

    void continuationsOfAnotherShell()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        CurlParseError parseError;
        const std::optional<CurlImport> import = CopiedRequest::parse(text, &parseError);
        if (!error.isEmpty()) {
            QVERIFY2(!import, "a partial parse was accepted");
            QCOMPARE(parseError.toString(), error);
            return;
        }
        QVERIFY2(import, qPrintable(parseError.toString()));
        // Never a silent partial parse: the POST of the last lines is there.
        QCOMPARE(import->request.method, QByteArray("POST"));
        QCOMPARE(import->request.body.value_or(QByteArray()), QByteArray("x"));
    }

    void brokenCopiesGiveErrorsWithPositions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("fetch options not JSON")
            << QStringLiteral("fetch(\"https://a.example/\", {\"method\": POST});")
            << QStringLiteral(
                   "offset 39: the fetch() options is not JSON as DevTools writes it: illegal number");
        QTest::newRow("fetch URL not a string")
            << QStringLiteral("fetch(url, {});")
            << QStringLiteral("offset 6: fetch() must start with the URL as a double-quoted string");
        QTest::newRow("fetch bad credentials")
            << QStringLiteral("fetch(\"https://a.example/\", {\"credentials\": \"all\"});")
            << QStringLiteral("offset 29: \"credentials\" must be omit, same-origin or include, not all");
        QTest::newRow("fetch unclosed")
            << QStringLiteral("fetch(\"https://a.example/\", {\"method\": \"POST\"")
            << QStringLiteral("offset 28: the options object is not closed with }");
        QTest::newRow("PowerShell variable in a string")
            << QStringLiteral("Invoke-WebRequest -Uri \"https://a.example/$path\"")
            << QStringLiteral(
                   "offset 42: the string expands a PowerShell variable, whose value is not in the "
                   "text; DevTools writes a literal $ as `$");
        QTest::newRow("PowerShell session missing")
            << QStringLiteral("Invoke-WebRequest -Uri \"https://a.example/\" -WebSession $session")
            << QStringLiteral("offset 56: -WebSession names a session the text does not create: copy the "
                              "$session lines above Invoke-WebRequest too");
        QTest::newRow("PowerShell unknown line")
            << QStringLiteral("$session.Proxy = \"x\"\nInvoke-WebRequest -Uri \"https://a.example/\"")
            << QStringLiteral("offset 0: line 1 sets $session.proxy, which is not one of the $session lines "
                              "DevTools writes");
        QTest::newRow("PowerShell unclosed headers")
            << QStringLiteral("Invoke-WebRequest -Uri \"https://a.example/\" -Headers @{\n\"a\"=\"b\"")
            << QStringLiteral("offset 63: -Headers @{ is not closed with }");
        QTest::newRow("PowerShell bad char")
            << QStringLiteral("Invoke-WebRequest -Uri \"https://a.example/$([char]70000)\"")
            << QStringLiteral("offset 42: $([char]N) needs a number from 0 to 65535 and a closing ')'");
        // Found by fuzz-curlcommand: -ContentType was not checked as the -Headers entries are.
        QTest::newRow("PowerShell content type with a line break")
            << QStringLiteral("Invoke-WebRequest -Uri \"https://a.example/\" -ContentType \"text/plain$([char]10)X: 1\"")
            << QStringLiteral("offset 58: the value of the header Content-Type contains a line break or NUL, "
                              "which HTTP does not allow");
        QTest::newRow("PowerShell no uri")
            << QStringLiteral("Invoke-WebRequest -Method \"POST\"")
            << QStringLiteral("offset 32: no -Uri: Invoke-WebRequest names the address it requests");
    }

    void brokenCopiesGiveErrorsWithPositions()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        CurlParseError parseError;
        QVERIFY(!CopiedRequest::parse(text, &parseError));
        QCOMPARE(parseError.toString(), error);
    }

    // corscope-cli check --curl takes every format; a copy without an Origin asks for --origin,
    // and with --origin given nothing tells the user to pass it.
    void cliReadsEveryFormatAndNamesTheOriginOnce()
    {
        Captured captured;
        captured.url = QStringLiteral("https://api.example/x");
        captured.method = QStringLiteral("POST");
        captured.headers = {{QStringLiteral("Content-Type"), QStringLiteral("application/json")}};
        captured.body = QStringLiteral("{}");
        for (const QString &format : formats) {
            const QString copied = generate(captured, format);
            QString error;
            QString help;
            std::optional<CheckOptions> options = CheckOptionsParser::parse(
                CheckOptionsParser::Command::Check, {QStringLiteral("--curl"), copied}, &error, &help);
            QVERIFY2(!options, qPrintable(format));
            QCOMPARE(error, QStringLiteral(
                                "--origin is required: the copied request does not name the page's origin"));
            options = CheckOptionsParser::parse(CheckOptionsParser::Command::Check,
                                                {QStringLiteral("--curl"), copied, QStringLiteral("--origin"),
                                                 QStringLiteral("https://app.example")},
                                                &error, &help);
            QVERIFY2(options, qPrintable(format + u' ' + error));
            QCOMPARE(options->request.method, QByteArray("POST"));
            QCOMPARE(options->request.origin.toString(), QStringLiteral("https://app.example"));
            QVERIFY2(!options->notes.join(u'\n').contains(QLatin1String("--origin")),
                     qPrintable(options->notes.join(u'\n')));
        }
    }

    // CurlCommand::toFetch writes bare keys and trailing commas; its output reads back.
    void corscopeFetchExportReadsBack()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/x"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.method = "DELETE";
        request.headers.append("X-A", "1");
        request.headers.append("X-A", "2");
        request.body = QByteArray("b\"ody");
        request.credentials = CredentialsMode::Include;
        request.redirect = RedirectMode::Manual;
        CurlParseError error;
        const std::optional<CurlImport> import = CopiedRequest::parse(CurlCommand::toFetch(request), &error);
        QVERIFY2(import, qPrintable(error.toString() + u'\n' + CurlCommand::toFetch(request)));
        QCOMPARE(import->request.method, QByteArray("DELETE"));
        QCOMPARE(import->request.headers, request.headers);
        QCOMPARE(import->request.body, request.body);
        QVERIFY(import->request.credentials == CredentialsMode::Include);
        QVERIFY(import->request.redirect == RedirectMode::Manual);
    }

    // The browser's Headers strips leading and trailing whitespace from a value before sending
    // it; a copy of what the page wrote must read as what went on the wire (the fuzzer found a
    // fetch() copy whose "v   " came back from a curl export as "v").
    void headerValuesAreNormalizedAsTheBrowserSendsThem_data()
    {
        QTest::addColumn<QString>("copied");
        QTest::newRow("fetch") << QStringLiteral(
            "fetch(\"https://api.example/me\", {\"headers\": {\"x-a\": \"  v 1\\t  \"}, \"method\": \"PUT\"});");
        QTest::newRow("curl") << QStringLiteral("curl 'https://api.example/me' -X PUT -H 'x-a:   v 1\t  '");
    }
    void headerValuesAreNormalizedAsTheBrowserSendsThem()
    {
        QFETCH(QString, copied);
        CurlParseError error;
        const std::optional<CurlImport> import = CopiedRequest::parse(copied, &error);
        QVERIFY2(import, qPrintable(error.toString()));
        QCOMPARE(import->request.headers.get("x-a"), std::optional<QByteArray>("v 1"));
        const std::optional<CurlImport> again =
            CurlCommand::parse(CurlCommand::toCurl(*import, CurlDialect::Posix), &error);
        QVERIFY(again);
        QCOMPARE(again->request.headers, import->request.headers);
    }
};

QTEST_APPLESS_MAIN(TestDevToolsCopy)
#include "tst_devtoolscopy.moc"
