#include "sender/powershellcommand.h"

#include "sender/copiedheaders.h"

namespace Corscope {

namespace {

struct Value {
    QString text;
    qsizetype position = 0; // where the value starts in the pasted text
};

qsizetype lineOf(const QString &text, qsizetype at)
{
    return text.left(at).count(u'\n') + 1;
}

// Reads the text as PowerShell's parser would, without running any of it. The shape is the one
// Chrome writes (front_end/panels/network/NetworkLogView.ts, generatePowerShellCommand):
//   $session = New-Object Microsoft.PowerShell.Commands.WebRequestSession
//   $session.UserAgent = "…"
//   $session.Cookies.Add((New-Object System.Net.Cookie("name", "value", "/", "domain")))
//   Invoke-WebRequest -UseBasicParsing -Uri "…" `
//   -Method "POST" `
//   -WebSession $session `
//   -Headers @{
//   "name"="value"
//     "name2"="value2"
//   } `
//   -ContentType "…" `
//   -Body "…"      (or -Body ([System.Text.Encoding]::UTF8.GetBytes("…")) outside ASCII)
class Reader {
public:
    Reader(const QString &text, CurlParseError *error)
        : m_text(text)
        , m_error(error)
    {
    }

    std::optional<CurlImport> read()
    {
        while (true) {
            skipBlanks(true);
            if (m_at >= m_text.size())
                break;
            if (m_invoked)
                return failed(
                    fail(m_at, PowerShellCommand::tr("line %1 is not part of the Invoke-WebRequest command, "
                                                     "which ended on line %2: paste one request")
                                   .arg(lineOf(m_text, m_at))
                                   .arg(m_invokeEndLine)));
            if (m_text.at(m_at) == u'$') {
                if (!readSessionLine())
                    return std::nullopt;
                continue;
            }
            const qsizetype start = m_at;
            const QString command = readBareword().toLower();
            if (command != QLatin1String("invoke-webrequest") && command != QLatin1String("iwr") &&
                command != QLatin1String("invoke-restmethod") && command != QLatin1String("irm"))
                return failed(
                    fail(start, PowerShellCommand::tr("line %1 is neither Invoke-WebRequest nor one of the "
                                                      "$session lines DevTools writes before it")
                                    .arg(lineOf(m_text, start))));
            if (!readInvoke())
                return std::nullopt;
            m_invoked = true;
            m_invokeEndLine = lineOf(m_text, m_at);
        }
        if (!m_invoked)
            return failed(fail(m_text.size(), PowerShellCommand::tr("no Invoke-WebRequest command")));
        if (!build())
            return std::nullopt;
        m_import.format = CopyFormat::PowerShell;
        return std::move(m_import);
    }

private:
    std::nullopt_t failed(bool) { return std::nullopt; }

    bool fail(qsizetype position, const QString &message)
    {
        if (m_error && !m_failed) {
            m_error->message = message;
            m_error->position = std::clamp<qsizetype>(position, 0, m_text.size());
        }
        m_failed = true;
        return false;
    }

    bool isContinuation(qsizetype at) const
    {
        if (at >= m_text.size() || m_text.at(at) != u'`')
            return false;
        qsizetype next = at + 1;
        if (next < m_text.size() && m_text.at(next) == u'\r')
            ++next;
        return next < m_text.size() && m_text.at(next) == u'\n';
    }

    // Blanks, backtick-newline continuations and # comments; with `statements`, also the
    // newlines and semicolons that end a statement.
    void skipBlanks(bool statements)
    {
        while (m_at < m_text.size()) {
            const QChar c = m_text.at(m_at);
            if (c == u' ' || c == u'\t' || c == u'\r' || (statements && (c == u'\n' || c == u';'))) {
                ++m_at;
            } else if (isContinuation(m_at)) {
                m_at = m_text.indexOf(u'\n', m_at) + 1;
            } else if (c == u'#') {
                while (m_at < m_text.size() && m_text.at(m_at) != u'\n')
                    ++m_at;
            } else {
                break;
            }
        }
    }

    bool atStatementEnd() const
    {
        return m_at >= m_text.size() || m_text.at(m_at) == u'\n' || m_text.at(m_at) == u';';
    }

    QString readBareword()
    {
        const qsizetype start = m_at;
        while (m_at < m_text.size()) {
            const QChar c = m_text.at(m_at);
            if (c.isSpace() || QStringView(u"(){};,=\"'`").contains(c))
                break;
            ++m_at;
        }
        return m_text.mid(start, m_at - start);
    }

    bool expect(QStringView token)
    {
        skipBlanks(false);
        if (m_text.mid(m_at, token.size()).compare(token, Qt::CaseInsensitive) != 0) {
            fail(m_at, PowerShellCommand::tr("expected %1 here").arg(token.toString()));
            return false;
        }
        m_at += token.size();
        return true;
    }

    // [about_Quoting_Rules] A double-quoted string: `x escapes, "" is a quote, $(…) and $name
    // expand. Only the $([char]N) DevTools writes is read; any other expansion is an error,
    // since its value is not in the text.
    std::optional<Value> readDoubleQuoted()
    {
        const qsizetype open = m_at;
        Value value{{}, open + 1};
        ++m_at;
        while (m_at < m_text.size()) {
            const QChar c = m_text.at(m_at);
            if (c == u'"') {
                if (m_at + 1 < m_text.size() && m_text.at(m_at + 1) == u'"') {
                    value.text += u'"';
                    m_at += 2;
                    continue;
                }
                ++m_at;
                return value;
            }
            if (c == u'`' && m_at + 1 < m_text.size()) {
                const QChar e = m_text.at(m_at + 1);
                m_at += 2;
                switch (e.unicode()) {
                case '0':
                    value.text += QChar(0);
                    break;
                case 'a':
                    value.text += QChar(7);
                    break;
                case 'b':
                    value.text += QChar(8);
                    break;
                case 'e':
                    value.text += QChar(0x1b);
                    break;
                case 'f':
                    value.text += QChar(0xc);
                    break;
                case 'n':
                    value.text += u'\n';
                    break;
                case 'r':
                    value.text += u'\r';
                    break;
                case 't':
                    value.text += u'\t';
                    break;
                case 'v':
                    value.text += QChar(0xb);
                    break;
                default:
                    value.text += e; // `$ `" `` and any other character stand for themselves
                    break;
                }
                continue;
            }
            if (c == u'$' && m_at + 1 < m_text.size()) {
                const QChar next = m_text.at(m_at + 1);
                if (next == u'(') {
                    if (!readCharSubexpression(&value.text))
                        return std::nullopt;
                    continue;
                }
                if (next.isLetter() || next == u'_' || next == u'{') {
                    fail(m_at,
                         PowerShellCommand::tr("the string expands a PowerShell variable, whose value is "
                                               "not in the text; DevTools writes a literal $ as `$"));
                    return std::nullopt;
                }
            }
            value.text += c;
            ++m_at;
        }
        fail(open, PowerShellCommand::tr("unterminated double quote"));
        return std::nullopt;
    }

    // $([char]N): the UTF-16 code unit N, which is how DevTools writes every character outside
    // printable ASCII (a character outside the BMP as its two surrogates).
    bool readCharSubexpression(QString *out)
    {
        static const QLatin1String prefix("$([char]");
        const qsizetype start = m_at;
        if (m_text.mid(m_at, prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0) {
            fail(start, PowerShellCommand::tr("the string runs a PowerShell subexpression $(…); only the "
                                              "$([char]N) DevTools writes is read"));
            return false;
        }
        qsizetype i = m_at + prefix.size();
        qsizetype digitsEnd = i;
        while (digitsEnd < m_text.size() && m_text.at(digitsEnd).isDigit() && m_text.at(digitsEnd) < u'\x80')
            ++digitsEnd;
        bool ok = false;
        const uint code = m_text.mid(i, digitsEnd - i).toUInt(&ok);
        if (!ok || code > 0xFFFF || digitsEnd >= m_text.size() || m_text.at(digitsEnd) != u')') {
            fail(start, PowerShellCommand::tr("$([char]N) needs a number from 0 to 65535 and a closing ')'"));
            return false;
        }
        out->append(QChar(char16_t(code)));
        m_at = digitsEnd + 1;
        return true;
    }

    // [about_Quoting_Rules] A single-quoted string is literal; '' is a quote.
    std::optional<Value> readSingleQuoted()
    {
        const qsizetype open = m_at;
        Value value{{}, open + 1};
        ++m_at;
        while (m_at < m_text.size()) {
            if (m_text.at(m_at) == u'\'') {
                if (m_at + 1 < m_text.size() && m_text.at(m_at + 1) == u'\'') {
                    value.text += u'\'';
                    m_at += 2;
                    continue;
                }
                ++m_at;
                return value;
            }
            value.text += m_text.at(m_at++);
        }
        fail(open, PowerShellCommand::tr("unterminated single quote"));
        return std::nullopt;
    }

    std::optional<Value> readValue(const QString &what)
    {
        skipBlanks(false);
        if (m_at >= m_text.size() || atStatementEnd()) {
            fail(m_at, PowerShellCommand::tr("%1 needs a value").arg(what));
            return std::nullopt;
        }
        const QChar c = m_text.at(m_at);
        if (c == u'"')
            return readDoubleQuoted();
        if (c == u'\'')
            return readSingleQuoted();
        const qsizetype start = m_at;
        const QString word = readBareword();
        if (word.isEmpty() || word.startsWith(u'$') || word.startsWith(u'-')) {
            fail(start, PowerShellCommand::tr("%1 needs a value").arg(what));
            return std::nullopt;
        }
        return Value{word, start};
    }

    bool readSessionLine()
    {
        const qsizetype start = m_at;
        const QString target = readBareword().toLower();
        if (target == QLatin1String("$session")) {
            if (!expect(u"=") || !expect(u"New-Object"))
                return false;
            skipBlanks(false);
            const qsizetype typeAt = m_at;
            const QString type = readBareword().toLower();
            if (type != QLatin1String("microsoft.powershell.commands.webrequestsession") &&
                type != QLatin1String("webrequestsession")) {
                fail(typeAt, PowerShellCommand::tr("$session must be a new WebRequestSession"));
                return false;
            }
            m_session = true;
        } else if (target == QLatin1String("$session.useragent")) {
            if (!expect(u"="))
                return false;
            const std::optional<Value> agent = readValue(QStringLiteral("$session.UserAgent"));
            if (!agent)
                return false;
            m_headers.append({{QByteArrayLiteral("User-Agent"), agent->text.toUtf8()}, agent->position});
        } else if (target == QLatin1String("$session.cookies.add")) {
            if (!expect(u"(") || !expect(u"(") || !expect(u"New-Object") || !expect(u"System.Net.Cookie") ||
                !expect(u"("))
                return false;
            // System.Net.Cookie(name, value, path, domain)
            QList<Value> arguments;
            for (int k = 0; k < 4; ++k) {
                if (k > 0 && !expect(u","))
                    return false;
                const std::optional<Value> argument = readValue(QStringLiteral("System.Net.Cookie"));
                if (!argument)
                    return false;
                arguments.append(*argument);
            }
            if (!expect(u")") || !expect(u")") || !expect(u")"))
                return false;
            m_cookies.append(arguments.at(0).text.toUtf8() + '=' + arguments.at(1).text.toUtf8());
        } else {
            fail(start,
                 PowerShellCommand::tr("line %1 sets %2, which is not one of the $session lines DevTools "
                                       "writes")
                     .arg(lineOf(m_text, start))
                     .arg(target));
            return false;
        }
        skipBlanks(false);
        if (!atStatementEnd()) {
            fail(m_at, PowerShellCommand::tr("unexpected text after the $session line"));
            return false;
        }
        if (!m_session) {
            fail(start, PowerShellCommand::tr("$session is used before it is created"));
            return false;
        }
        return true;
    }

    bool readHeaders()
    {
        if (!expect(u"@{"))
            return false;
        while (true) {
            skipBlanks(true);
            if (m_at >= m_text.size()) {
                fail(m_at, PowerShellCommand::tr("-Headers @{ is not closed with }"));
                return false;
            }
            if (m_text.at(m_at) == u'}') {
                ++m_at;
                return true;
            }
            const std::optional<Value> name = readValue(QStringLiteral("-Headers"));
            if (!name || !expect(u"="))
                return false;
            const std::optional<Value> value = readValue(name->text);
            if (!value)
                return false;
            if (!CopiedHeaders::validate(name->text.toUtf8(), name->position, value->text.toUtf8(),
                                         value->position, m_error)) {
                m_failed = true;
                return false;
            }
            m_headers.append({{name->text.toUtf8(), value->text.toUtf8()}, value->position});
        }
    }

    bool readBody()
    {
        skipBlanks(false);
        if (m_at < m_text.size() && m_text.at(m_at) == u'(') {
            // Outside printable ASCII DevTools sends the UTF-8 bytes, as PowerShell 5.1 would
            // otherwise encode a string body as ISO-8859-1.
            if (!expect(u"(") || !expect(u"[System.Text.Encoding]::UTF8.GetBytes") || !expect(u"("))
                return false;
            const std::optional<Value> body = readValue(QStringLiteral("-Body"));
            if (!body || !expect(u")") || !expect(u")"))
                return false;
            m_body = body->text.toUtf8();
            return true;
        }
        const std::optional<Value> body = readValue(QStringLiteral("-Body"));
        if (!body)
            return false;
        m_body = body->text.toUtf8();
        return true;
    }

    bool readInvoke()
    {
        while (true) {
            skipBlanks(false);
            if (atStatementEnd())
                return true;
            const qsizetype start = m_at;
            if (m_text.at(m_at) != u'-') {
                // -Uri is Invoke-WebRequest's first positional parameter.
                const std::optional<Value> uri = readValue(QStringLiteral("Invoke-WebRequest"));
                if (!uri)
                    return false;
                if (uri->text == QLatin1String("\\"))
                    return fail(start,
                                PowerShellCommand::tr("line %1 ends with '\\', which continues a line in "
                                                      "bash; PowerShell continues one with '`'")
                                    .arg(lineOf(m_text, start)));
                if (m_uri) {
                    fail(start, PowerShellCommand::tr("a second URI: Invoke-WebRequest takes one"));
                    return false;
                }
                m_uri = uri;
                continue;
            }
            const QString parameter = readBareword();
            const QString name = parameter.toLower();
            if (name == QLatin1String("-usebasicparsing") || name == QLatin1String("-disablekeepalive") ||
                name == QLatin1String("-skipheadervalidation")) {
                continue;
            } else if (name == QLatin1String("-skipcertificatecheck")) {
                m_import.insecure = true;
            } else if (name == QLatin1String("-uri")) {
                m_uri = readValue(parameter);
                if (!m_uri)
                    return false;
            } else if (name == QLatin1String("-method")) {
                m_method = readValue(parameter);
                if (!m_method)
                    return false;
            } else if (name == QLatin1String("-contenttype")) {
                m_contentType = readValue(parameter);
                if (!m_contentType)
                    return false;
            } else if (name == QLatin1String("-useragent")) {
                const std::optional<Value> agent = readValue(parameter);
                if (!agent)
                    return false;
                m_headers.append({{QByteArrayLiteral("User-Agent"), agent->text.toUtf8()}, agent->position});
            } else if (name == QLatin1String("-websession")) {
                skipBlanks(false);
                const qsizetype at = m_at;
                if (readBareword().compare(QLatin1String("$session"), Qt::CaseInsensitive) != 0 ||
                    !m_session) {
                    fail(at, PowerShellCommand::tr("-WebSession names a session the text does not create: "
                                                   "copy the $session lines above Invoke-WebRequest too"));
                    return false;
                }
            } else if (name == QLatin1String("-headers")) {
                if (!readHeaders())
                    return false;
            } else if (name == QLatin1String("-body")) {
                if (!readBody())
                    return false;
            } else if (name == QLatin1String("-maximumredirection") || name == QLatin1String("-timeoutsec") ||
                       name == QLatin1String("-outfile") || name == QLatin1String("-proxy")) {
                if (!readValue(parameter))
                    return false;
            } else {
                fail(start,
                     PowerShellCommand::tr("%1 is not an Invoke-WebRequest parameter this import reads")
                         .arg(parameter));
                return false;
            }
        }
    }

    bool build()
    {
        if (!m_uri)
            return fail(m_text.size(), PowerShellCommand::tr("no -Uri: Invoke-WebRequest names the address "
                                                             "it requests"));
        FetchRequest &request = m_import.request;
        QUrl url(m_uri->text);
        url = QUrl(url.toString(QUrl::FullyEncoded));
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return fail(m_uri->position,
                        PowerShellCommand::tr("'%1' is not an http or https URL").arg(m_uri->text));
        request.url = url;
        if (m_method) {
            const QByteArray method = m_method->text.toUtf8();
            if (!CopiedHeaders::isToken(method))
                return fail(m_method->position,
                            PowerShellCommand::tr("'%1' is not a valid HTTP method").arg(m_method->text));
            request.method = method;
        }
        QList<CopiedHeader> headers = m_headers;
        if (m_contentType) {
            // -ContentType is a header like any in -Headers: a line break or NUL in it is refused too.
            const QByteArray contentType = m_contentType->text.toUtf8();
            if (!CopiedHeaders::validate(QByteArrayLiteral("Content-Type"), m_contentType->position, contentType,
                                         m_contentType->position, m_error)) {
                m_failed = true;
                return false;
            }
            headers.append({{QByteArrayLiteral("Content-Type"), contentType}, m_contentType->position});
        }
        if (!CopiedHeaders::apply(headers, m_cookies, !m_cookies.isEmpty(), &m_import, m_error)) {
            m_failed = true;
            return false;
        }
        request.body = m_body;
        return true;
    }

    const QString &m_text;
    CurlParseError *m_error;
    CurlImport m_import;
    qsizetype m_at = 0;
    bool m_failed = false;
    bool m_session = false;
    bool m_invoked = false;
    qsizetype m_invokeEndLine = 0;
    std::optional<Value> m_uri;
    std::optional<Value> m_method;
    std::optional<Value> m_contentType;
    std::optional<QByteArray> m_body;
    QList<CopiedHeader> m_headers;
    QByteArrayList m_cookies;
};

} // namespace

std::optional<CurlImport> PowerShellCommand::parse(const QString &text, CurlParseError *error)
{
    return Reader(text, error).read();
}

} // namespace Corscope
