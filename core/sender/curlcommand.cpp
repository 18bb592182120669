#include "sender/curlcommand.h"

#include "http/browserheaders.h"
#include "sender/copiedheaders.h"
#include "sender/curloptions.h"

#include <algorithm>

namespace Corscope {

namespace {

// A word of the command once the shell has removed its quoting: the bytes curl would receive,
// and for every byte the offset in the command text it came from, so that an error found in
// the middle of a quoted header still points at the right character.
struct Word {
    QByteArray text;
    QList<qsizetype> positions;
    qsizetype start = 0;

    qsizetype positionOf(qsizetype byte) const
    {
        return byte >= 0 && byte < positions.size() ? positions.at(byte) : start;
    }
};

struct Failure {
    QString message;
    qsizetype position = 0;
};

void appendCodePoint(Word &word, char32_t codePoint, qsizetype position)
{
    // Unpaired surrogates and values past U+10FFFF become U+FFFD, as QString::toUtf8() does.
    if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        codePoint = 0xFFFD;
    char bytes[4];
    int count = 0;
    if (codePoint < 0x80) {
        bytes[count++] = char(codePoint);
    } else if (codePoint < 0x800) {
        bytes[count++] = char(0xC0 | (codePoint >> 6));
        bytes[count++] = char(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        bytes[count++] = char(0xE0 | (codePoint >> 12));
        bytes[count++] = char(0x80 | ((codePoint >> 6) & 0x3F));
        bytes[count++] = char(0x80 | (codePoint & 0x3F));
    } else {
        bytes[count++] = char(0xF0 | (codePoint >> 18));
        bytes[count++] = char(0x80 | ((codePoint >> 12) & 0x3F));
        bytes[count++] = char(0x80 | ((codePoint >> 6) & 0x3F));
        bytes[count++] = char(0x80 | (codePoint & 0x3F));
    }
    for (int i = 0; i < count; ++i) {
        word.text.append(bytes[i]);
        word.positions.append(position);
    }
}

void appendByte(Word &word, char byte, qsizetype position)
{
    word.text.append(byte);
    word.positions.append(position);
}

// Appends the character at text[at] as UTF-8 and returns how many UTF-16 units it used.
qsizetype appendCharacter(Word &word, const QString &text, qsizetype at)
{
    const QChar c = text.at(at);
    if (c.isHighSurrogate() && at + 1 < text.size() && text.at(at + 1).isLowSurrogate()) {
        appendCodePoint(word, QChar::surrogateToUcs4(c, text.at(at + 1)), at);
        return 2;
    }
    appendCodePoint(word, c.unicode(), at);
    return 1;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

bool isBlank(const QString &text, qsizetype from)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        if (!text.at(i).isSpace())
            return false;
    }
    return true;
}

// The result of undoing the shell's quoting.
struct Lexed {
    QList<Word> words;
    QStringList warnings;
};

QString restIgnored(qsizetype position)
{
    return CurlCommand::tr("Only the first command was read: everything from offset %1 on was ignored")
        .arg(position);
}

qsizetype lineOf(const QString &text, qsizetype at)
{
    return text.left(at).count(u'\n') + 1;
}

// The shells whose line continuation a pasted text may carry, for the message that names the
// one a line used.
enum class Shell { Posix, Cmd };

// Why a line did not continue the command, when its end says so.
QString continuationHint(const QString &text, qsizetype lineEnd, Shell shell)
{
    qsizetype last = lineEnd;
    while (last > 0 &&
           (text.at(last - 1) == u' ' || text.at(last - 1) == u'\t' || text.at(last - 1) == u'\r'))
        --last;
    if (last == 0)
        return {};
    const QChar c = text.at(last - 1);
    const qsizetype line = lineOf(text, lineEnd);
    if (c == u'`')
        return CurlCommand::tr(" Line %1 ends with '`', which continues a line in PowerShell, not in this "
                               "shell.")
            .arg(line);
    if (c == u'^' && shell == Shell::Posix)
        return CurlCommand::tr(" Line %1 ends with '^', which continues a line in cmd.exe, not in bash.")
            .arg(line);
    if (c == u'\\' && last < lineEnd && shell == Shell::Posix)
        return CurlCommand::tr(" Line %1 ends with '\\' and then a blank, so it does not continue the line.")
            .arg(line);
    if (c == u'\\' && shell == Shell::Cmd)
        return CurlCommand::tr(" Line %1 ends with '\\', which continues a line in bash, not in cmd.exe.")
            .arg(line);
    return {};
}

// The command ended at `end` (an unescaped newline, or ; | & before it). The rest of that line
// (a pipe into jq) is dropped with a warning; a further non-empty line is an error, because the
// shell would run it as a command of its own and the request read so far may be only a part of
// the one that was copied (a POST cut down to a GET).
bool checkRest(const QString &text, qsizetype end, Shell shell, QStringList *warnings, Failure *failure)
{
    const qsizetype newline = text.at(end) == u'\n' ? end : text.indexOf(u'\n', end);
    if (newline < 0 || isBlank(text, newline)) {
        if (!isBlank(text, end))
            warnings->append(restIgnored(end));
        return true;
    }
    qsizetype next = newline;
    while (next < text.size() && text.at(next).isSpace())
        ++next;
    if (failure)
        *failure = {CurlCommand::tr("line %1 is not part of the command, which ended on line %2: paste one "
                                    "command, with every line but the last continued.%3")
                        .arg(lineOf(text, next))
                        .arg(lineOf(text, end))
                        .arg(continuationHint(text, newline, shell)),
                    next};
    return false;
}

// Splits a command the way bash does (quote removal included), up to the end of the first
// command: DevTools' POSIX flavour uses '…' and $'…' quoting with backslash-newline between
// options, and people edit it by hand with "…" and unquoted words.
class PosixLexer {
public:
    explicit PosixLexer(const QString &text)
        : m_text(text)
    {
    }

    std::optional<Lexed> run(Failure *failure)
    {
        const QString &t = m_text;
        const qsizetype n = t.size();
        qsizetype i = 0;
        while (i < n && !m_failure) {
            const QChar c = t.at(i);
            if (c == u'\\') {
                // Backslash-newline joins lines and disappears, without splitting the word. With
                // nothing after it, the copy lost its last lines.
                qsizetype continuation = 0;
                if (i + 1 < n && t.at(i + 1) == u'\n')
                    continuation = 2;
                else if (i + 2 < n && t.at(i + 1) == u'\r' && t.at(i + 2) == u'\n')
                    continuation = 3;
                if (i + 1 >= n || (continuation > 0 && isBlank(t, i + continuation)))
                    return fail(failure, i,
                                CurlCommand::tr("the command ends with a line continuation '\\' and "
                                                "nothing after it: was the copy cut short?"));
                if (continuation > 0) {
                    i += continuation;
                    continue;
                }
                begin(i);
                i += 1 + appendCharacter(m_word, t, i + 1);
            } else if (c == u' ' || c == u'\t' || c == u'\r') {
                finish();
                ++i;
            } else if (c == u'\n') {
                finish();
                // Leading blank lines are harmless; otherwise an unescaped newline ends the
                // command, as it would in a terminal.
                if (m_result.words.isEmpty()) {
                    ++i;
                    continue;
                }
                if (!checkRest(t, i, Shell::Posix, &m_result.warnings, failure))
                    return std::nullopt;
                break;
            } else if (c == u'\'') {
                begin(i);
                const qsizetype close = t.indexOf(u'\'', i + 1);
                if (close < 0)
                    return fail(failure, i, CurlCommand::tr("unterminated single quote"));
                for (qsizetype j = i + 1; j < close;)
                    j += appendCharacter(m_word, t, j);
                i = close + 1;
            } else if (c == u'$' && i + 1 < n && t.at(i + 1) == u'\'') {
                begin(i);
                i = ansiC(i);
            } else if (c == u'$' && i + 1 < n && t.at(i + 1) == u'"') {
                // $"…" is a translatable string; with no message catalogue it is "…".
                begin(i);
                i = doubleQuoted(i + 1);
            } else if (c == u'"') {
                begin(i);
                i = doubleQuoted(i);
            } else if (c == u'`' && !m_inWord && isPowerShellContinuation(i)) {
                // A bash command whose lines end with PowerShell's " `": the lines can only have
                // meant one command, so they are joined, and the user is told.
                if (!m_joinedBackticks)
                    m_result.warnings.append(
                        CurlCommand::tr("Line %1 ends with '`', PowerShell's line continuation, where bash "
                                        "wants '\\'; the lines were joined")
                            .arg(lineOf(t, i)));
                m_joinedBackticks = true;
                i = t.indexOf(u'\n', i) + 1;
            } else if (c == u'#' && !m_inWord) {
                while (i < n && t.at(i) != u'\n')
                    ++i;
            } else if (c == u';' || c == u'|' || c == u'&') {
                // A pipe into jq is dropped; a second command ("Copy all as cURL") is refused.
                finish();
                if (!checkRest(t, i, Shell::Posix, &m_result.warnings, failure))
                    return std::nullopt;
                break;
            } else {
                if (c == u'$')
                    noteVariable(i);
                begin(i);
                i += appendCharacter(m_word, t, i);
            }
        }
        if (m_failure) {
            if (failure)
                *failure = *m_failure;
            return std::nullopt;
        }
        finish();
        return m_result;
    }

private:
    std::optional<Lexed> fail(Failure *failure, qsizetype position, const QString &message)
    {
        if (failure)
            *failure = {message, position};
        return std::nullopt;
    }

    void begin(qsizetype at)
    {
        if (!m_inWord) {
            m_inWord = true;
            m_word = Word();
            m_word.start = at;
        }
    }

    // " `" and nothing else to the end of a line that more lines follow.
    bool isPowerShellContinuation(qsizetype at) const
    {
        qsizetype i = at + 1;
        while (i < m_text.size() && (m_text.at(i) == u' ' || m_text.at(i) == u'\t' || m_text.at(i) == u'\r'))
            ++i;
        return i < m_text.size() && m_text.at(i) == u'\n' && !isBlank(m_text, i);
    }

    void finish()
    {
        if (m_inWord)
            m_result.words.append(m_word);
        m_inWord = false;
    }

    // $NAME, ${…} and $(…) would be expanded by the shell; hand-written commands use them for
    // tokens. They stay literal here, and the user is told.
    void noteVariable(qsizetype at)
    {
        if (at + 1 >= m_text.size())
            return;
        const QChar next = m_text.at(at + 1);
        if (!(next.isLetter() || next == u'_' || next == u'{' || next == u'('))
            return;
        qsizetype end = at + 1;
        if (next == u'{' || next == u'(') {
            const qsizetype close = m_text.indexOf(next == u'{' ? u'}' : u')', at + 2);
            end = close < 0 ? at + 2 : close + 1;
        } else {
            while (end < m_text.size() && (m_text.at(end).isLetterOrNumber() || m_text.at(end) == u'_'))
                ++end;
        }
        const QString warning =
            CurlCommand::tr("The shell would expand %1; it was read literally").arg(m_text.mid(at, end - at));
        if (!m_result.warnings.contains(warning))
            m_result.warnings.append(warning);
    }

    // [bash] Double Quotes: a backslash keeps its meaning only before $ ` " \ and newline.
    qsizetype doubleQuoted(qsizetype open)
    {
        const QString &t = m_text;
        qsizetype i = open + 1;
        while (i < t.size()) {
            const QChar c = t.at(i);
            if (c == u'"')
                return i + 1;
            if (c == u'\\' && i + 1 < t.size()) {
                const QChar d = t.at(i + 1);
                if (d == u'\n') {
                    i += 2;
                    continue;
                }
                if (d == u'$' || d == u'`' || d == u'"' || d == u'\\') {
                    i += 1 + appendCharacter(m_word, t, i + 1);
                    continue;
                }
            }
            if (c == u'$')
                noteVariable(i);
            i += appendCharacter(m_word, t, i);
        }
        m_failure = Failure{CurlCommand::tr("unterminated double quote"), open};
        return t.size();
    }

    // [bash] ANSI-C Quoting: $'…' with C escapes. \x and \NNN give bytes, \u and \U give UTF-8;
    // an escape bash does not know stays as written, backslash included.
    qsizetype ansiC(qsizetype dollar)
    {
        const QString &t = m_text;
        const qsizetype n = t.size();
        qsizetype i = dollar + 2;
        while (i < n) {
            const QChar c = t.at(i);
            if (c == u'\'')
                return i + 1;
            if (c != u'\\') {
                i += appendCharacter(m_word, t, i);
                continue;
            }
            if (i + 1 >= n)
                break;
            const qsizetype at = i;
            const char16_t e = t.at(i + 1).unicode();
            i += 2;
            switch (e) {
            case 'a':
                appendByte(m_word, '\a', at);
                break;
            case 'b':
                appendByte(m_word, '\b', at);
                break;
            case 'e':
            case 'E':
                appendByte(m_word, '\x1b', at);
                break;
            case 'f':
                appendByte(m_word, '\f', at);
                break;
            case 'n':
                appendByte(m_word, '\n', at);
                break;
            case 'r':
                appendByte(m_word, '\r', at);
                break;
            case 't':
                appendByte(m_word, '\t', at);
                break;
            case 'v':
                appendByte(m_word, '\v', at);
                break;
            case '\\':
            case '\'':
            case '"':
            case '?':
                appendByte(m_word, char(e), at);
                break;
            case 'c':
                // \cX: the control character X & 0x1f.
                if (i < n && t.at(i).unicode() < 0x80) {
                    appendByte(m_word, char(t.at(i).unicode() & 0x1f), at);
                    ++i;
                } else {
                    appendByte(m_word, '\\', at);
                    appendByte(m_word, 'c', at);
                }
                break;
            case 'x':
            case 'u':
            case 'U': {
                const int maxDigits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                char32_t value = 0;
                int digits = 0;
                while (digits < maxDigits && i < n && hexValue(t.at(i)) >= 0) {
                    value = value * 16 + char32_t(hexValue(t.at(i)));
                    ++digits;
                    ++i;
                }
                if (digits == 0) {
                    appendByte(m_word, '\\', at);
                    appendByte(m_word, char(e), at);
                } else if (e == 'x') {
                    appendByte(m_word, char(value), at);
                } else {
                    appendCodePoint(m_word, value, at);
                }
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int value = e - '0';
                    for (int digits = 1; digits < 3 && i < n && t.at(i) >= u'0' && t.at(i) <= u'7';
                         ++digits, ++i)
                        value = value * 8 + (t.at(i).unicode() - '0');
                    appendByte(m_word, char(value & 0xff), at);
                } else {
                    appendByte(m_word, '\\', at);
                    i = at + 1; // the escaped character is read normally
                }
                break;
            }
        }
        m_failure = Failure{CurlCommand::tr("unterminated $'…' string"), dollar};
        return n;
    }

    const QString &m_text;
    Lexed m_result;
    Word m_word;
    bool m_inWord = false;
    bool m_joinedBackticks = false;
    std::optional<Failure> m_failure;
};

// Splits a command for Windows cmd.exe in the two passes Windows itself makes: cmd.exe removes
// its ^ escapes (and ^-newline continuations), then curl.exe's C runtime splits the line into
// arguments at unquoted blanks, with "…" quoting and \" for a literal quote. DevTools writes
// every string as ^"…^" with \ doubled and " as \", so a run of backslashes not before a quote
// is halved too (rounding up, so that a hand-written C:\path keeps its backslash).
class WindowsLexer {
public:
    explicit WindowsLexer(const QString &text)
        : m_text(text)
    {
    }

    std::optional<Lexed> run(Failure *failure)
    {
        Lexed result;
        if (!removeCarets(&result, failure) || !splitArguments(&result, failure))
            return std::nullopt;
        return result;
    }

private:
    void push(QChar c, qsizetype position)
    {
        m_line.append(c);
        m_positions.append(position);
    }

    bool removeCarets(Lexed *result, Failure *failure)
    {
        const QString &t = m_text;
        const qsizetype n = t.size();
        bool quoted = false; // inside "…" cmd.exe leaves ^ alone
        bool literalNext = false;
        for (qsizetype i = 0; i < n;) {
            const QChar c = t.at(i);
            if (literalNext) {
                // The character after ^-newline is taken as it is; DevTools writes a newline
                // inside a string as ^, newline, newline.
                literalNext = false;
                if (c == u'\r' && i + 1 < n && t.at(i + 1) == u'\n') {
                    push(u'\n', i);
                    i += 2;
                } else {
                    push(c, i);
                    ++i;
                }
                continue;
            }
            if (c == u'^' && !quoted) {
                qsizetype continuation = 0;
                if (i + 1 < n && t.at(i + 1) == u'\n')
                    continuation = 2;
                else if (i + 2 < n && t.at(i + 1) == u'\r' && t.at(i + 2) == u'\n')
                    continuation = 3;
                if (i + 1 >= n || (continuation > 0 && isBlank(t, i + continuation))) {
                    if (failure)
                        *failure = {
                            CurlCommand::tr("the command ends with a line continuation '^' and nothing "
                                            "after it: was the copy cut short?"),
                            i};
                    return false;
                }
                if (continuation > 0) {
                    literalNext = true;
                    i += continuation;
                } else {
                    push(t.at(i + 1), i + 1);
                    i += 2;
                }
                continue;
            }
            if (c == u'"') {
                quoted = !quoted;
            } else if (!quoted && (c == u'&' || c == u'|')) {
                // "Copy all as cURL (cmd)" joins commands with " &\r\n": refused, as is any line
                // after the command; the rest of the line alone is dropped.
                return checkRest(t, i, Shell::Cmd, &result->warnings, failure);
            } else if (c == u'\r' && i + 1 < n && t.at(i + 1) == u'\n') {
                ++i;
                continue;
            } else if (c == u'\n' && !quoted) {
                if (isBlank(m_line, 0)) {
                    ++i;
                    continue;
                }
                return checkRest(t, i, Shell::Cmd, &result->warnings, failure);
            }
            push(c, i);
            ++i;
        }
        return true;
    }

    bool splitArguments(Lexed *result, Failure *failure)
    {
        const QString &t = m_line;
        const qsizetype n = t.size();
        Word word;
        bool inWord = false;
        bool quoted = false;
        qsizetype quoteStart = 0;
        auto begin = [&](qsizetype at) {
            if (!inWord) {
                inWord = true;
                word = Word();
                word.start = m_positions.at(at);
            }
        };
        for (qsizetype i = 0; i < n;) {
            const QChar c = t.at(i);
            if (c == u'\\') {
                begin(i);
                qsizetype run = 0;
                while (i + run < n && t.at(i + run) == u'\\')
                    ++run;
                const bool beforeQuote = i + run < n && t.at(i + run) == u'"';
                const qsizetype kept = beforeQuote ? run / 2 : (run + 1) / 2;
                for (qsizetype k = 0; k < kept; ++k)
                    appendByte(word, '\\', m_positions.at(i + 2 * k));
                i += run;
                if (beforeQuote && run % 2 == 1) {
                    appendByte(word, '"', m_positions.at(i));
                    ++i;
                }
            } else if (c == u'"') {
                begin(i);
                if (quoted && i + 1 < n && t.at(i + 1) == u'"') {
                    // [msvcrt] "" inside quotes is a literal quote (the old Firefox escaping).
                    appendByte(word, '"', m_positions.at(i));
                    i += 2;
                    continue;
                }
                quoted = !quoted;
                quoteStart = m_positions.at(i);
                ++i;
            } else if (!quoted && (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r')) {
                if (inWord)
                    result->words.append(word);
                inWord = false;
                ++i;
            } else {
                begin(i);
                Word piece;
                const qsizetype used = appendCharacter(piece, t, i);
                for (char byte : std::as_const(piece.text))
                    appendByte(word, byte, m_positions.at(i));
                i += used;
            }
        }
        if (quoted) {
            if (failure)
                *failure = {CurlCommand::tr("unterminated double quote"), quoteStart};
            return false;
        }
        if (inWord)
            result->words.append(word);
        return true;
    }

    const QString &m_text;
    QString m_line;
    QList<qsizetype> m_positions; // for every character of m_line, its offset in m_text
};

// DevTools writes its Windows flavour as ^"…^" and ends lines with ^; a POSIX command has
// neither, and '^' inside its quotes does not look like that.
CurlDialect detectDialect(const QString &text)
{
    qsizetype at = 0;
    while (at < text.size() && text.at(at).isSpace())
        ++at;
    const qsizetype afterProgram = text.indexOf(u' ', at);
    if (afterProgram > 0) {
        qsizetype next = afterProgram;
        while (next < text.size() && text.at(next) == u' ')
            ++next;
        if (next < text.size() && text.at(next) == u'^')
            return CurlDialect::WindowsCmd;
    }
    for (qsizetype i = text.indexOf(u'^'); i >= 0; i = text.indexOf(u'^', i + 1)) {
        if ((i + 1 < text.size() && text.at(i + 1) == u'\n') ||
            (i + 2 < text.size() && text.at(i + 1) == u'\r' && text.at(i + 2) == u'\n'))
            return CurlDialect::WindowsCmd;
    }
    return CurlDialect::Posix;
}

// [rfc9110] 5.6.2. Tokens: header names and methods.
bool isTokenCharacter(char c)
{
    static const QByteArrayView extra("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

qsizetype firstNonToken(const QByteArray &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isTokenCharacter(text.at(i)))
            return i;
    }
    return -1;
}

enum class Option {
    Url,
    Request,
    Header,
    Data,       // -d, --data, --data-ascii: @file reads a file
    DataRaw,    // never a file
    DataBinary, // @file reads a file
    DataUrlencode,
    Json,
    UrlQuery,
    Cookie,
    Compressed,
    Insecure,
    Head,
    Get,
    UserAgent,
    Referer,
    User,
    OAuth2Bearer,
    Range,
    Globoff,
    Form,
    UploadFile,
    // Changes what curl sends in a way the import does not rebuild: the user is told.
    Unmodelled,
    // Changes how curl runs (output, verbosity, timeouts, TLS, proxies…), not what the page sent.
    Accepted,
};

// What the import does with the options that change the request; every other option of curl's
// table (sender/curloptions.h) is Accepted.
struct OptionRole {
    const char *longName;
    Option option;
};

constexpr OptionRole roles[] = {
    {"url", Option::Url},
    {"request", Option::Request},
    {"header", Option::Header},
    {"data", Option::Data},
    {"data-ascii", Option::Data},
    {"data-raw", Option::DataRaw},
    {"data-binary", Option::DataBinary},
    {"data-urlencode", Option::DataUrlencode},
    {"json", Option::Json},
    {"url-query", Option::UrlQuery},
    {"cookie", Option::Cookie},
    {"compressed", Option::Compressed},
    {"insecure", Option::Insecure},
    {"head", Option::Head},
    {"get", Option::Get},
    {"user-agent", Option::UserAgent},
    {"referer", Option::Referer},
    {"user", Option::User},
    {"oauth2-bearer", Option::OAuth2Bearer},
    {"range", Option::Range},
    {"globoff", Option::Globoff},
    {"form", Option::Form},
    {"form-string", Option::Form},
    {"upload-file", Option::UploadFile},
    // These add headers, authenticate, read more options or make more requests.
    {"anyauth", Option::Unmodelled},
    {"aws-sigv4", Option::Unmodelled},
    {"config", Option::Unmodelled},
    {"continue-at", Option::Unmodelled},
    {"delegation", Option::Unmodelled},
    {"digest", Option::Unmodelled},
    {"etag-compare", Option::Unmodelled},
    {"hsts", Option::Unmodelled},
    {"httpsig-key", Option::Unmodelled},
    {"negotiate", Option::Unmodelled},
    {"netrc", Option::Unmodelled},
    {"netrc-file", Option::Unmodelled},
    {"netrc-optional", Option::Unmodelled},
    {"next", Option::Unmodelled},
    {"ntlm", Option::Unmodelled},
    {"proto-default", Option::Unmodelled},
    {"request-target", Option::Unmodelled},
    {"time-cond", Option::Unmodelled},
    {"tr-encoding", Option::Unmodelled},
    {"variable", Option::Unmodelled},
};

Option roleOf(const CurlOptionInfo &info)
{
    for (const OptionRole &role : roles) {
        if (QByteArrayView(role.longName) == QByteArrayView(info.longName))
            return role.option;
    }
    return Option::Accepted;
}
struct DataItem {
    Option option;
    Word value;
};

using HeaderItem = CopiedHeader;

// Reads the words of a command as curl's option parser does, then maps them to the page's
// fetch().
class CommandReader {
public:
    CommandReader(const QString &text, Lexed lexed, CurlParseError *error)
        : m_text(text)
        , m_words(std::move(lexed.words))
        , m_error(error)
    {
        m_import.warnings = std::move(lexed.warnings);
    }

    std::optional<CurlImport> read()
    {
        if (!readProgram() || !readOptions() || !buildUrl() || !buildMethod() || !buildHeaders())
            return std::nullopt;
        buildBody();
        return std::move(m_import);
    }

private:
    bool fail(qsizetype position, const QString &message)
    {
        if (m_error) {
            m_error->message = message;
            m_error->position = position;
        }
        return false;
    }

    void warn(const QString &warning)
    {
        if (!m_import.warnings.contains(warning))
            m_import.warnings.append(warning);
    }

    bool readProgram()
    {
        if (m_words.isEmpty())
            return fail(0, CurlCommand::tr("the command is empty"));
        const Word &first = m_words.first();
        // curl, curl.exe, /usr/bin/curl, C:\Windows\System32\curl.exe
        const qsizetype slash = std::max(first.text.lastIndexOf('/'), first.text.lastIndexOf('\\'));
        const QByteArray program = first.text.mid(slash + 1).toLower();
        if (program == "curl" || program == "curl.exe")
            return true;
        // The word as it was typed, quotes included: that is what the user will recognise.
        const qsizetype end = first.positions.isEmpty() ? first.start + 1 : first.positions.last() + 1;
        QString shown = m_text.mid(first.start, end - first.start);
        if (shown.size() > 40)
            shown = shown.left(40) + QStringLiteral("…");
        return fail(first.start,
                    CurlCommand::tr("this is not a curl command: it starts with '%1'").arg(shown));
    }

    // A piece of a word (the value after "--name=" or after "-X" in "-XPUT") as a word of its own.
    const Word *attach(const Word &word, qsizetype from)
    {
        Word rest;
        rest.text = word.text.mid(from);
        rest.positions = word.positions.mid(from);
        rest.start = word.positionOf(from);
        m_attached.append(rest);
        return &m_attached.last();
    }

    // Reads the words as curl's parse_args() does (src/tool_getparam.c): "--" ends the options,
    // a long option may carry its value after '=' (curl 8.x), --no-NAME switches a boolean off,
    // and every option curl knows is looked up in its own table, so that the value of an option
    // this import does not use is never taken for the URL. An option curl does not know is an
    // error, as it is for curl.
    bool readOptions()
    {
        bool optionsEnded = false;
        for (qsizetype i = 1; i < m_words.size(); ++i) {
            const Word &word = m_words.at(i);
            const QByteArray &text = word.text;
            if (optionsEnded || text.size() < 2 || !text.startsWith('-')) {
                addUrl(word);
                continue;
            }
            if (text == "--") {
                optionsEnded = true;
                continue;
            }
            if (text.startsWith("--")) {
                if (!readLongOption(&i))
                    return false;
                continue;
            }
            // Short options bundle (-sSL); an option that takes a value takes the rest of the
            // word (-XPUT) or, when nothing is left, the next word.
            for (qsizetype k = 1; k < text.size(); ++k) {
                const CurlOptionInfo *info = CurlOptions::findShort(text.at(k));
                if (!info)
                    return fail(word.positionOf(k), CurlCommand::tr("-%1 is not an option curl knows")
                                                        .arg(QString::fromUtf8(text.mid(k, 1))));
                if (info->argument != CurlArgument::Value) {
                    apply(*info, true, nullptr);
                    continue;
                }
                if (k + 1 < text.size()) {
                    apply(*info, true, attach(word, k + 1));
                } else if (i + 1 < m_words.size()) {
                    apply(*info, true, &m_words.at(++i));
                } else {
                    return fail(word.positionOf(k == 1 ? 0 : k),
                                CurlCommand::tr("the option -%1 needs an argument")
                                    .arg(QString::fromUtf8(text.mid(k, 1))));
                }
                break;
            }
        }
        return true;
    }

    bool readLongOption(qsizetype *index)
    {
        const Word &word = m_words.at(*index);
        const QString shown = QString::fromUtf8(word.text);
        QByteArrayView name = QByteArrayView(word.text).sliced(2);
        qsizetype consumed = 2;
        bool enable = true;
        if (name.startsWith("no-")) {
            name = name.sliced(3);
            consumed += 3;
            enable = false;
        } else if (name.startsWith("expand-")) {
            name = name.sliced(7);
            consumed += 7;
            warn(CurlCommand::tr("%1 would expand {{variables}} set with --variable; the value was read "
                                 "literally")
                     .arg(shown));
        }
        qsizetype valueAt = -1;
        if (const qsizetype equals = name.indexOf('='); equals >= 0) {
            valueAt = consumed + equals + 1;
            name = name.first(equals);
        }
        const CurlOptionInfo *info = CurlOptions::findLong(name);
        if (!info) {
            bool ambiguous = false;
            info = CurlOptions::findPrefix(name, &ambiguous);
            if (ambiguous)
                return fail(word.start,
                            CurlCommand::tr("%1 is ambiguous: it abbreviates more than one of curl's options")
                                .arg(shown));
            if (!info)
                return fail(word.start, CurlCommand::tr("%1 is not an option curl knows").arg(shown));
            // tool_getparam.c in 7.88 matches a unique prefix; curl 8 wants the whole name.
            warn(CurlCommand::tr("%1 was read as --%2, as curl 7.88 reads it; newer curl wants the "
                                 "whole name")
                     .arg(shown, QString::fromUtf8(info->longName)));
        }
        if (!enable && info->argument != CurlArgument::Bool)
            return fail(word.start, CurlCommand::tr("%1: --%2 cannot be switched off with --no-")
                                        .arg(shown, QString::fromUtf8(info->longName)));
        if (info->argument != CurlArgument::Value) {
            if (valueAt >= 0)
                return fail(word.positionOf(valueAt - 1),
                            CurlCommand::tr("--%1 takes no value").arg(QString::fromUtf8(info->longName)));
            apply(*info, enable, nullptr);
            return true;
        }
        if (valueAt >= 0) {
            apply(*info, true, attach(word, valueAt));
            return true;
        }
        if (*index + 1 >= m_words.size())
            return fail(word.start, CurlCommand::tr("the option %1 needs an argument").arg(shown));
        apply(*info, true, &m_words.at(++*index));
        return true;
    }

    void addUrl(const Word &word)
    {
        if (!m_url) {
            m_url = word;
            return;
        }
        warn(CurlCommand::tr("Only the first URL is read; %1 was ignored").arg(QString::fromUtf8(word.text)));
    }

    void apply(const CurlOptionInfo &info, bool enable, const Word *argument)
    {
        const Option option = roleOf(info);
        switch (option) {
        case Option::Url:
            addUrl(*argument);
            break;
        case Option::Request:
            m_method = *argument;
            break;
        case Option::Header:
            m_headerWords.append(*argument);
            break;
        case Option::Data:
        case Option::DataRaw:
        case Option::DataBinary:
        case Option::DataUrlencode:
        case Option::Json:
            m_data.append({option, *argument});
            break;
        case Option::UrlQuery:
            m_urlQueries.append(*argument);
            break;
        case Option::Cookie:
            m_cookieWords.append(*argument);
            break;
        case Option::Compressed:
            m_import.compressed = enable;
            break;
        case Option::Insecure:
            m_import.insecure = enable;
            break;
        case Option::Head:
            m_head = enable;
            break;
        case Option::Get:
            m_get = enable;
            break;
        case Option::Globoff:
            m_globoff = enable;
            break;
        case Option::UserAgent:
            m_extraHeaders.append({{QByteArrayLiteral("User-Agent"), argument->text}, argument->start});
            break;
        case Option::Referer: {
            // "URL;auto" also sets Referer on redirects; the first request carries URL.
            QByteArray referer = argument->text;
            if (referer.endsWith(";auto"))
                referer.chop(5);
            if (!referer.isEmpty())
                m_extraHeaders.append({{QByteArrayLiteral("Referer"), referer}, argument->start});
            break;
        }
        case Option::User:
            m_user = *argument;
            break;
        case Option::OAuth2Bearer:
            m_bearer = *argument;
            break;
        case Option::Range:
            m_range = *argument;
            break;
        case Option::Form:
            m_form = true;
            warn(CurlCommand::tr(
                "-F builds a multipart/form-data body, which is not rebuilt: the request is a "
                "POST with that Content-Type and no body"));
            break;
        case Option::UploadFile:
            m_upload = true;
            warn(CurlCommand::tr(
                     "-T uploads the file %1, which is not read: the request is a PUT with no body")
                     .arg(QString::fromUtf8(argument->text)));
            break;
        case Option::Unmodelled:
            warn(CurlCommand::tr("Ignored --%1, which changes what curl sends in a way this import does "
                                 "not rebuild")
                     .arg(QString::fromUtf8(info.longName)));
            break;
        case Option::Accepted:
            break;
        }
    }

    // curl treats [ ] { } in URLs as glob patterns; DevTools escapes them with a backslash.
    QByteArray unglob(const QByteArray &url) const
    {
        if (m_globoff)
            return url;
        QByteArray result;
        result.reserve(url.size());
        for (qsizetype i = 0; i < url.size(); ++i) {
            const char c = url.at(i);
            if (c == '\\' && i + 1 < url.size() && QByteArrayView("[]{}").contains(url.at(i + 1)))
                continue;
            result.append(c);
        }
        return result;
    }

    bool buildUrl()
    {
        if (!m_url) {
            qsizetype end = m_text.size(); // just after the last word, where the URL is missing
            while (end > 0 && m_text.at(end - 1).isSpace())
                --end;
            return fail(end, CurlCommand::tr("no URL: a curl command names the address it requests"));
        }
        QByteArray text = unglob(m_url->text);
        if (!text.contains("://")) {
            // curl guesses http:// for a bare host, and so does this.
            warn(CurlCommand::tr("The URL %1 has no scheme; read as http://%1").arg(QString::fromUtf8(text)));
            text.prepend("http://");
        }
        // -G: the data goes into the query string instead of the body. [curl] single_transfer()
        // in src/tool_operate.c: --url-query is appended only when -G did not put data there.
        std::optional<QByteArray> query;
        if (m_get && !m_data.isEmpty()) {
            query = joinedData();
            if (!m_urlQueries.isEmpty())
                warn(CurlCommand::tr("With -G and data, curl ignores --url-query; so does this import"));
        } else if (!m_urlQueries.isEmpty()) {
            query = joinedUrlQueries();
        }
        if (query) {
            const qsizetype hash = text.indexOf('#');
            const QByteArray fragment = hash < 0 ? QByteArray() : text.mid(hash);
            if (hash >= 0)
                text.truncate(hash);
            text += (text.contains('?') ? '&' : '?') + *query + fragment;
        }
        QUrl url(QString::fromUtf8(text));
        // QUrl's tolerant parsing is not a fixed point (a second '#' in a fragment is kept, then
        // encoded when written); holding the URL as it will be written keeps export exact.
        url = QUrl(url.toString(QUrl::FullyEncoded));
        const QString display = QString::fromUtf8(m_url->text);
        if (!url.isValid() || url.host().isEmpty())
            return fail(m_url->start, CurlCommand::tr("'%1' is not a valid URL").arg(display));
        const QString scheme = url.scheme().toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            return fail(
                m_url->start,
                CurlCommand::tr("'%1' is not an http or https URL, the only ones fetch() and CORS apply to")
                    .arg(display));
        m_import.request.url = url;
        return true;
    }

    // [curl] set_data() in src/tool_getparam.c: each piece is appended to what is there, after
    // '&' when something is there, except that --json pieces are appended without one (so that
    // --json '{"a":' --json '1}' sends {"a":1}).
    QByteArray joinedData()
    {
        QByteArray joined;
        for (const DataItem &item : std::as_const(m_data)) {
            const QByteArray &value = item.value.text;
            QByteArray piece;
            const bool fromFile = value.startsWith('@') && item.option != Option::DataRaw &&
                                  item.option != Option::DataUrlencode;
            if (fromFile) {
                warn(CurlCommand::tr(
                         "The body is read from the file %1, which is not read: that part of the body "
                         "is left out")
                         .arg(QString::fromUtf8(value.mid(1))));
                continue;
            }
            if (item.option == Option::DataUrlencode) {
                const std::optional<QByteArray> encoded = urlencoded(value);
                if (!encoded)
                    continue;
                piece = *encoded;
            } else {
                piece = value;
            }
            if (!joined.isEmpty() && item.option != Option::Json)
                joined += '&';
            joined += piece;
        }
        return joined;
    }

    // [curl] url_query(): each --url-query is encoded as --data-urlencode is, or taken as it is
    // after a leading '+', and they are joined with '&'.
    QByteArray joinedUrlQueries()
    {
        QByteArrayList parts;
        for (const Word &word : std::as_const(m_urlQueries)) {
            if (word.text.startsWith('+'))
                parts.append(word.text.mid(1));
            else if (const std::optional<QByteArray> encoded = urlencoded(word.text))
                parts.append(*encoded);
        }
        return parts.join('&');
    }

    // [curl] data_urlencode() in src/tool_getparam.c: "content", "=content", "name=content"
    // (split at the first '='); without '=', "@file" and "name@file" read a file. The content is
    // percent-encoded as curl_easy_escape() does (all but ALPHA DIGIT - . _ ~), then "%20"
    // becomes '+' (RFC 1866 form encoding, which curl has done since 7.77).
    std::optional<QByteArray> urlencoded(const QByteArray &value)
    {
        auto encode = [](const QByteArray &content) {
            return content.toPercentEncoding().replace("%20", "+");
        };
        const qsizetype equals = value.indexOf('=');
        if (equals >= 0) {
            const QByteArray name = value.left(equals);
            const QByteArray encoded = encode(value.mid(equals + 1));
            return name.isEmpty() ? encoded : name + '=' + encoded;
        }
        const qsizetype at = value.indexOf('@');
        if (at >= 0) {
            warn(CurlCommand::tr(
                     "The body is read from the file %1, which is not read: that part of the body is "
                     "left out")
                     .arg(QString::fromUtf8(value.mid(at + 1))));
            return std::nullopt;
        }
        return encode(value);
    }

    bool buildMethod()
    {
        FetchRequest &request = m_import.request;
        if (m_method) {
            // The method exactly as written: fetch() upper-cases only the six standard methods, and
            // a lower-case "patch" failing its preflight is one of the bugs this tool explains.
            const qsizetype bad = firstNonToken(m_method->text);
            if (m_method->text.isEmpty() || bad >= 0)
                return fail(m_method->positionOf(bad), CurlCommand::tr("'%1' is not a valid HTTP method")
                                                           .arg(QString::fromUtf8(m_method->text)));
            request.method = m_method->text;
        } else if (m_head) {
            request.method = QByteArrayLiteral("HEAD");
        } else if (m_upload) {
            request.method = QByteArrayLiteral("PUT");
        } else if ((!m_data.isEmpty() && !m_get) || m_form) {
            request.method = QByteArrayLiteral("POST");
        } else {
            request.method = QByteArrayLiteral("GET");
        }
        return true;
    }

    bool parseHeaderWord(const Word &word, QList<HeaderItem> *headers)
    {
        const QByteArray &text = word.text;
        if (text.isEmpty())
            return true;
        if (text.startsWith('@')) {
            warn(CurlCommand::tr("Headers are read from the file %1, which is not read")
                     .arg(QString::fromUtf8(text.mid(1))));
            return true;
        }
        const QString display = QString::fromUtf8(text);
        const qsizetype colon = text.indexOf(':');
        QByteArray name;
        QByteArray value;
        qsizetype valueStart = 0;
        if (colon >= 0) {
            name = text.left(colon);
            valueStart = colon + 1;
            value = normalizeHeaderValue(text.mid(valueStart));
            if (value.isEmpty()) {
                // curl's syntax for "do not send your own header of that name".
                warn(CurlCommand::tr("-H '%1' only stops curl from sending its own %2 header; ignored")
                         .arg(display, QString::fromUtf8(name)));
                m_suppressed.append(name.trimmed());
                return true;
            }
        } else {
            // curl's syntax for a header with an empty value: "Name;".
            const qsizetype semicolon = text.indexOf(';');
            if (semicolon < 0 || !normalizeHeaderValue(text.mid(semicolon + 1)).isEmpty())
                return fail(word.start,
                            CurlCommand::tr("'%1' is not a header: -H takes 'Name: value'").arg(display));
            name = text.left(semicolon);
            valueStart = semicolon;
        }
        const qsizetype bad = firstNonToken(name);
        if (name.isEmpty() || bad >= 0)
            return fail(word.positionOf(bad < 0 ? 0 : bad),
                        CurlCommand::tr("'%1' is not a valid header name").arg(QString::fromUtf8(name)));
        for (qsizetype i = valueStart; i < text.size(); ++i) {
            const char c = text.at(i);
            if (c == '\r' || c == '\n' || c == '\0')
                return fail(
                    word.positionOf(i),
                    CurlCommand::tr("the value of the header %1 contains a line break or NUL, which HTTP "
                                    "does not allow")
                        .arg(QString::fromUtf8(name)));
        }
        qsizetype firstValueByte = valueStart;
        while (firstValueByte < text.size() &&
               (text.at(firstValueByte) == ' ' || text.at(firstValueByte) == '\t'))
            ++firstValueByte;
        headers->append({{name, value}, word.positionOf(firstValueByte)});
        return true;
    }

    // Chrome writes --compressed into every copy and --data-raw for every body; both browsers
    // copy their User-Agent ("Mozilla/5.0 …") and Chrome and Firefox send Sec-Fetch-* headers.
    bool isBrowserCopy(const QList<HeaderItem> &headers) const
    {
        for (const HeaderItem &item : headers) {
            const QByteArray name = item.header.name.toLower();
            if (name.startsWith("sec-fetch-") ||
                (name == "user-agent" && item.header.value.startsWith("Mozilla/")))
                return true;
        }
        return m_import.compressed && std::all_of(m_data.begin(), m_data.end(), [](const DataItem &item) {
                   return item.option == Option::DataRaw;
               });
    }

    bool buildHeaders()
    {
        QList<HeaderItem> headers;
        for (const Word &word : std::as_const(m_headerWords)) {
            if (!parseHeaderWord(word, &headers))
                return false;
        }
        // -A and -e lose to a -H of the same name, as in curl.
        for (const HeaderItem &extra : std::as_const(m_extraHeaders)) {
            const bool overridden = std::any_of(headers.begin(), headers.end(), [&](const HeaderItem &item) {
                return HeaderList::namesEqual(item.header.name, extra.header.name);
            });
            if (!overridden)
                headers.append(extra);
        }
        auto has = [&headers](QByteArrayView name) {
            return std::any_of(headers.begin(), headers.end(), [name](const HeaderItem &item) {
                return HeaderList::namesEqual(item.header.name, name);
            });
        };
        auto suppressed = [this](QByteArrayView name) {
            return std::any_of(m_suppressed.begin(), m_suppressed.end(),
                               [name](const QByteArray &item) { return HeaderList::namesEqual(item, name); });
        };
        if (m_bearer && !has("authorization")) {
            // [curl] --oauth2-bearer adds CURLAUTH_BEARER to the methods; -u alone sets none (so
            // Basic). With both, Bearer is the only method asked for and the user name is unused.
            if (m_user)
                warn(CurlCommand::tr("--oauth2-bearer wins over -u: curl sends the bearer token, not "
                                     "Basic credentials"));
            headers.append(
                {{QByteArrayLiteral("Authorization"), "Bearer " + m_bearer->text}, m_bearer->start});
        } else if (m_user && !has("authorization")) {
            // -u user:password is HTTP Basic authentication; without a colon curl would prompt.
            QByteArray credentials = m_user->text;
            if (!credentials.contains(':')) {
                warn(CurlCommand::tr(
                         "-u %1 has no password, which curl would ask for; an empty one is assumed")
                         .arg(QString::fromUtf8(credentials)));
                credentials += ':';
            }
            headers.append(
                {{QByteArrayLiteral("Authorization"), "Basic " + credentials.toBase64()}, m_user->start});
        }
        for (const DataItem &item : std::as_const(m_data)) {
            if (item.option != Option::Json)
                continue;
            // --json sets both headers unless the command sets them.
            for (const char *name : {"Content-Type", "Accept"}) {
                if (!has(name))
                    headers.append({{name, QByteArrayLiteral("application/json")}, item.value.start});
            }
            break;
        }
        if (m_range && !has("range")) {
            // [curl] parse_range(): a number without a dash gets one; libcurl sends
            // "Range: bytes=<range>" over HTTP.
            QByteArray range = m_range->text;
            bool number = !range.isEmpty();
            for (char c : std::as_const(range))
                number = number && c >= '0' && c <= '9';
            if (number)
                range += '-';
            headers.append({{QByteArrayLiteral("Range"), "bytes=" + range}, m_range->start});
        }
        // libcurl's Content-Type for a body from -d and friends (CURLOPT_POSTFIELDS), unless -H
        // names or removes one. A browser copy lists every header the browser sent, so a body
        // it sent without a Content-Type must stay without one.
        const bool formBody = !m_data.isEmpty() && !m_get &&
                              std::any_of(m_data.begin(), m_data.end(),
                                          [](const DataItem &item) { return item.option != Option::Json; });
        if (formBody && !has("content-type") && !suppressed("content-type") && !isBrowserCopy(headers)) {
            headers.append(
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")},
                 m_data.first().value.start});
            warn(CurlCommand::tr("curl sends a body given with -d as Content-Type: "
                                 "application/x-www-form-urlencoded; the request carries that header"));
        }
        if (m_form && !has("content-type"))
            headers.append(
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("multipart/form-data")}, 0});
        // -r, -A, -e and --oauth2-bearer become header values too; curl would send a line break
        // or NUL in them as it does in -H, so they are refused as every copied header is.
        for (const HeaderItem &item : std::as_const(headers)) {
            CurlParseError problem;
            if (!CopiedHeaders::validate(item.header.name, item.valuePosition, item.header.value,
                                         item.valuePosition, &problem))
                return fail(problem.position, problem.message);
        }

        return mapHeaders(headers);
    }

    bool mapHeaders(const QList<HeaderItem> &headers)
    {
        QByteArrayList cookies;
        for (const Word &word : std::as_const(m_cookieWords)) {
            // -b without '=' names a cookie file (or, empty, just turns cookies on).
            if (word.text.contains('='))
                cookies.append(word.text);
            else if (!word.text.isEmpty())
                warn(CurlCommand::tr("-b %1 names a cookie file, which is not read")
                         .arg(QString::fromUtf8(word.text)));
        }
        return CopiedHeaders::apply(headers, cookies, !m_cookieWords.isEmpty(), &m_import, m_error);
    }

    void buildBody()
    {
        // With -G the data went into the URL.
        if (m_data.isEmpty() || m_get)
            return;
        m_import.request.body = joinedData();
    }

    const QString &m_text;
    QList<Word> m_words;
    QList<Word> m_attached; // arguments glued to a short option (-XPUT)
    CurlParseError *m_error;
    CurlImport m_import;

    std::optional<Word> m_url;
    std::optional<Word> m_method;
    std::optional<Word> m_user;
    QList<Word> m_headerWords;
    QList<HeaderItem> m_extraHeaders;
    QList<Word> m_cookieWords;
    QList<DataItem> m_data;
    bool m_head = false;
    bool m_get = false;
    bool m_globoff = false;
    bool m_form = false;
    bool m_upload = false;
    QList<Word> m_urlQueries;
    std::optional<Word> m_bearer;
    std::optional<Word> m_range;
    QByteArrayList m_suppressed; // -H 'Name:': curl sends no header of that name, not even its own
};

// --- export -----------------------------------------------------------------------------------

bool isValidUtf8(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// The length of the UTF-8 sequence starting at bytes[at] when it is valid, else 0.
qsizetype validSequenceAt(const QByteArray &bytes, qsizetype at)
{
    const auto lead = static_cast<unsigned char>(bytes.at(at));
    const qsizetype length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || at + length > bytes.size())
        return 0;
    return isValidUtf8(QByteArrayView(bytes).sliced(at, length)) ? length : 0;
}

// Like DevTools: '…' when that says it all, $'…' with escapes for quotes, control characters
// and bytes that are not UTF-8.
QString quotePosix(const QByteArray &value)
{
    bool plain = isValidUtf8(value);
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '\'')
            plain = false;
    }
    if (plain)
        return QLatin1Char('\'') + QString::fromUtf8(value) + QLatin1Char('\'');

    QString out = QStringLiteral("$'");
    for (qsizetype i = 0; i < value.size();) {
        const char c = value.at(i);
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\' || c == '\'') {
            out += QLatin1Char('\\');
            out += QLatin1Char(c);
        } else if (c == '\n') {
            out += QLatin1String("\\n");
        } else if (c == '\r') {
            out += QLatin1String("\\r");
        } else if (c == '\t') {
            out += QLatin1String("\\t");
        } else if (u < 0x20 || u == 0x7f) {
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        } else if (u >= 0x80) {
            const qsizetype length = validSequenceAt(value, i);
            if (length == 0) {
                out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
            } else {
                out += QString::fromUtf8(value.mid(i, length));
                i += length;
                continue;
            }
        } else {
            out += QLatin1Char(c);
        }
        ++i;
    }
    return out + QLatin1Char('\'');
}

// Like DevTools' cmd flavour: ^"…^" so that cmd.exe never enters its own quoting, \ doubled and
// " as \" for curl.exe's argument parser, every other unusual character ^-escaped, and a
// newline as ^ + two newlines (the first ends the continuation, the second is the character).
// Bytes that are not UTF-8 cannot be written for cmd.exe and become U+FFFD.
QString quoteWindows(const QByteArray &value)
{
    const QString text = QString::fromUtf8(value);
    QString out = QStringLiteral("^\"");
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                           (u < 0x80 && QByteArrayView(" \t_-:=+~'/.,?;()*`").contains(char(u)));
        if (u == '\\') {
            out += QLatin1String("^\\^\\");
        } else if (u == '"') {
            out += QLatin1String("^\\^\"");
        } else if (u == '\n') {
            out += QLatin1String("^\n\n");
        } else if (u == '%' && i + 1 < text.size() &&
                   (text.at(i + 1).isLetterOrNumber() || text.at(i + 1) == u'_') &&
                   text.at(i + 1).unicode() < 0x80) {
            // %^NAME: cmd.exe would expand %NAME% before it removes carets.
            out += QLatin1String("^%^");
        } else if (plain) {
            out += c;
        } else {
            out += QLatin1Char('^');
            out += c;
        }
    }
    return out + QLatin1String("^\"");
}

QString quote(const QByteArray &value, CurlDialect dialect)
{
    return dialect == CurlDialect::Posix ? quotePosix(value) : quoteWindows(value);
}

QString buildCurl(const FetchRequest &request, const QByteArray &cookies, bool insecure, bool compressed,
                  CurlDialect dialect)
{
    QStringList parts;
    QByteArray url = request.url.toString(QUrl::FullyEncoded).toUtf8();
    QByteArray globEscaped;
    for (char c : std::as_const(url)) {
        if (QByteArrayView("[]{}").contains(c))
            globEscaped += '\\';
        globEscaped += c;
    }
    parts.append(quote(globEscaped, dialect));

    const QByteArray inferred = request.body ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    if (request.method == "HEAD" && !request.body)
        parts.append(QStringLiteral("-I"));
    else if (request.method != inferred)
        parts.append(QStringLiteral("-X ") + quote(request.method, dialect));

    if (!request.origin.isOpaque())
        parts.append(QStringLiteral("-H ") + quote("Origin: " + request.origin.serialize(), dialect));
    for (const Header &header : request.headers) {
        // "Name;" is curl's way of sending a header with an empty value.
        const QByteArray line =
            header.value.isEmpty() ? header.name + ';' : header.name + ": " + header.value;
        parts.append(QStringLiteral("-H ") + quote(line, dialect));
    }
    // curl reads -b without '=' as a cookie file; such a Cookie header goes back as a header.
    if (!cookies.isEmpty() && !cookies.contains('='))
        parts.append(QStringLiteral("-H ") + quote("Cookie: " + cookies, dialect));
    else if (!cookies.isEmpty() || request.credentials == CredentialsMode::Include)
        parts.append(QStringLiteral("-b ") + quote(cookies, dialect));
    // curl would add Content-Type: application/x-www-form-urlencoded to a body the page sent
    // without one; "Content-Type:" stops it, so the command sends what the page sent.
    if (request.body && !request.headers.get("content-type"))
        parts.append(QStringLiteral("-H ") + quote("Content-Type:", dialect));
    if (request.body)
        parts.append(QStringLiteral("--data-raw ") + quote(*request.body, dialect));
    if (compressed)
        parts.append(QStringLiteral("--compressed"));
    if (insecure)
        parts.append(QStringLiteral("--insecure"));

    const QString separator = parts.size() < 3                ? QStringLiteral(" ")
                              : dialect == CurlDialect::Posix ? QStringLiteral(" \\\n  ")
                                                              : QStringLiteral(" ^\n  ");
    return QStringLiteral("curl ") + parts.join(separator);
}

// A JavaScript string literal; JSON's escaping is valid JavaScript.
QString jsString(const QByteArray &value)
{
    const QString text = QString::fromUtf8(value);
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\')
            out += QLatin1Char('\\') + QString(c);
        else if (u == '\n')
            out += QLatin1String("\\n");
        else if (u == '\r')
            out += QLatin1String("\\r");
        else if (u == '\t')
            out += QLatin1String("\\t");
        else if (u < 0x20 || u == 0x7f || u == 0x2028 || u == 0x2029)
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

} // namespace

QString CurlParseError::toString() const
{
    return CurlCommand::tr("offset %1: %2").arg(position).arg(message);
}

std::optional<CurlImport> CurlCommand::parse(const QString &command, CurlParseError *error)
{
    const CurlDialect dialect = detectDialect(command);
    Failure failure;
    const std::optional<Lexed> lexed = dialect == CurlDialect::Posix ? PosixLexer(command).run(&failure)
                                                                     : WindowsLexer(command).run(&failure);
    if (!lexed) {
        if (error) {
            error->message = failure.message;
            error->position = failure.position;
        }
        return std::nullopt;
    }
    CommandReader reader(command, *lexed, error);
    std::optional<CurlImport> result = reader.read();
    if (result) {
        result->dialect = dialect;
        result->format = dialect == CurlDialect::Posix ? CopyFormat::CurlPosix : CopyFormat::CurlCmd;
    }
    return result;
}

QString CurlCommand::toCurl(const FetchRequest &request, CurlDialect dialect)
{
    return buildCurl(request, {}, false, false, dialect);
}

QString CurlCommand::toCurl(const CurlImport &import, CurlDialect dialect)
{
    return buildCurl(import.request, import.cookies, import.insecure, import.compressed, dialect);
}

QString CurlCommand::toFetch(const FetchRequest &request)
{
    QString js;
    if (!request.origin.isOpaque())
        js += QStringLiteral("// %1\n").arg(
            tr("Run in the console of a page on %1").arg(request.origin.toString()));
    js += QStringLiteral("fetch(%1, {\n").arg(jsString(request.url.toString(QUrl::FullyEncoded).toUtf8()));
    js += QStringLiteral("  method: %1,\n").arg(jsString(request.method));
    if (!request.headers.isEmpty()) {
        // An object reads best; a repeated name needs the list form to keep both values.
        bool repeated = false;
        for (const Header &header : request.headers)
            repeated = repeated || request.headers.count(header.name) > 1;
        QStringList lines;
        for (const Header &header : request.headers) {
            lines.append(
                repeated ? QStringLiteral("    [%1, %2]").arg(jsString(header.name), jsString(header.value))
                         : QStringLiteral("    %1: %2").arg(jsString(header.name), jsString(header.value)));
        }
        js += QStringLiteral("  headers: %1\n%2\n  %3,\n")
                  .arg(repeated ? QStringLiteral("[") : QStringLiteral("{"), lines.join(QLatin1String(",\n")),
                       repeated ? QStringLiteral("]") : QStringLiteral("}"));
    }
    if (request.body)
        js += QStringLiteral("  body: %1,\n").arg(jsString(*request.body));
    js += QStringLiteral("  mode: \"%1\",\n").arg(toString(request.mode));
    js += QStringLiteral("  credentials: \"%1\",\n").arg(toString(request.credentials));
    if (request.redirect != RedirectMode::Follow)
        js += QStringLiteral("  redirect: \"%1\",\n").arg(toString(request.redirect));
    js += QStringLiteral("});\n");
    return js;
}

} // namespace Corscope
