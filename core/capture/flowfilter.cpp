#include "capture/flowfilter.h"

#include "http/headerlist.h"

#include <array>
#include <string_view>

namespace Corscope {

namespace {

// Deeper filters are certainly typos or hostile input; the bound keeps both the recursive
// parser and the fixed evaluation stack safe.
constexpr int maxNesting = 64;
constexpr int maxStackDepth = 64;

bool isOperatorChar(QChar c)
{
    return c == u'(' || c == u')' || c == u'&' || c == u'|';
}

bool contains(const QByteArray &haystack, const QByteArray &needle)
{
    return std::string_view(haystack.constData(), size_t(haystack.size()))
               .find(std::string_view(needle.constData(), size_t(needle.size()))) != std::string_view::npos;
}

} // namespace

class FlowFilterParser {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FlowFilter)

public:
    explicit FlowFilterParser(const QString &text)
        : m_text(text)
    {
    }

    std::optional<FlowFilter> parse(FlowFilterError *error)
    {
        FlowFilter filter;
        skipSpace();
        if (m_pos < m_text.size()) {
            if (!parseOr(filter.m_program, 0) || !expectEnd() || !checkStackDepth(filter.m_program)) {
                if (error)
                    *error = m_error;
                return std::nullopt;
            }
        }
        return filter;
    }

private:
    using Program = std::vector<FlowFilter::Instruction>;
    using Op = FlowFilter::Op;

    bool parseOr(Program &program, int nesting)
    {
        if (!parseAnd(program, nesting))
            return false;
        skipSpace();
        while (peek() == u'|') {
            ++m_pos;
            if (!parseAnd(program, nesting))
                return false;
            program.push_back({Op::Or});
            skipSpace();
        }
        return true;
    }

    bool parseAnd(Program &program, int nesting)
    {
        if (!parseUnary(program, nesting))
            return false;
        for (;;) {
            skipSpace();
            const QChar c = peek();
            if (c == u'&') {
                ++m_pos;
            } else if (m_pos >= m_text.size() || c == u'|' || c == u')') {
                return true;
            }
            // Anything else starts another term: juxtaposition means "and", as in DevTools.
            if (!parseUnary(program, nesting))
                return false;
            program.push_back({Op::And});
        }
    }

    bool parseUnary(Program &program, int nesting)
    {
        if (nesting >= maxNesting)
            return failAt(m_pos, tr("The filter is nested too deeply."));
        skipSpace();
        const QChar c = peek();
        if (c == u'!') {
            ++m_pos;
            if (!parseUnary(program, nesting + 1))
                return false;
            program.push_back({Op::Not});
            return true;
        }
        if (c == u'(') {
            const qsizetype open = m_pos++;
            if (!parseOr(program, nesting + 1))
                return false;
            skipSpace();
            if (peek() != u')')
                return failAt(open, tr("This parenthesis is never closed."));
            ++m_pos;
            return true;
        }
        if (m_pos >= m_text.size())
            return failAt(m_pos, tr("A condition is missing at the end of the filter."));
        if (c == u')' || c == u'&' || c == u'|')
            return failAt(m_pos, tr("A condition is missing before '%1'.").arg(c));
        return parseTerm(program);
    }

    bool parseTerm(Program &program)
    {
        const qsizetype start = m_pos;
        if (peek() == u'"') {
            QString text;
            if (!readQuoted(&text))
                return false;
            program.push_back({Op::UrlContains, 0, 0, text.toLower().toUtf8()});
            return true;
        }
        QString key;
        while (m_pos < m_text.size() && !m_text.at(m_pos).isSpace() && !isOperatorChar(m_text.at(m_pos)) &&
               m_text.at(m_pos) != u':')
            key.append(m_text.at(m_pos++));
        if (peek() != u':')
            return predicate(program, key.toLower(), start);
        ++m_pos;
        const qsizetype valueStart = m_pos;
        QString value;
        if (peek() == u'"') {
            if (!readQuoted(&value))
                return false;
        } else {
            while (m_pos < m_text.size() && !m_text.at(m_pos).isSpace() && !isOperatorChar(m_text.at(m_pos)))
                value.append(m_text.at(m_pos++));
        }
        return keyValue(program, key.toLower(), value, start, valueStart);
    }

    bool predicate(Program &program, const QString &word, qsizetype start)
    {
        static const std::array<std::pair<const char16_t *, Op>, 9> predicates{{
            {u"blocked", Op::Blocked},
            {u"allowed", Op::Allowed},
            {u"cross-origin", Op::CrossOrigin},
            {u"preflight", Op::Preflight},
            {u"credentialed", Op::Credentialed},
            {u"reflects-origin", Op::ReflectsOrigin},
            {u"no-vary", Op::NoVary},
            {u"preflight-failed", Op::PreflightFailed},
            {u"preflight-cached", Op::PreflightCached},
        }};
        for (const auto &[name, op] : predicates) {
            if (word == QStringView(name)) {
                program.push_back({op});
                return true;
            }
        }
        if (word.isEmpty())
            return failAt(start, tr("A condition is missing here."));
        // Any other bare word is free text, searched in the URL.
        program.push_back({Op::UrlContains, 0, 0, word.toUtf8()});
        return true;
    }

    bool keyValue(Program &program, const QString &key, const QString &value, qsizetype keyStart,
                  qsizetype valueStart)
    {
        if (key == u"preflight") {
            const QString state = value.toLower();
            if (state == u"failed")
                program.push_back({Op::PreflightFailed});
            else if (state == u"cached")
                program.push_back({Op::PreflightCached});
            else
                return failAt(valueStart, tr("preflight: takes 'failed' or 'cached', not '%1'.").arg(value));
            return true;
        }
        if (value.isEmpty())
            return failAt(valueStart, tr("'%1:' needs a value.").arg(key));
        if (key == u"method") {
            program.push_back({Op::MethodIs, 0, 0, value.toUtf8()});
            return true;
        }
        if (key == u"origin" || key == u"host" || key == u"url") {
            const Op op = key == u"origin" ? Op::OriginContains
                          : key == u"host" ? Op::HostContains
                                           : Op::UrlContains;
            program.push_back({op, 0, 0, value.toLower().toUtf8()});
            return true;
        }
        if (key == u"status")
            return status(program, value.toLower(), valueStart);
        return failAt(
            keyStart,
            tr("Unknown filter '%1:'. Use method:, status:, origin:, host:, url: or preflight:.").arg(key));
    }

    bool status(Program &program, const QString &value, qsizetype valueStart)
    {
        // 404, 4xx, 400-499
        if (value.size() == 3 && value.at(0).isDigit() && value.mid(1) == u"xx") {
            const int hundreds = value.at(0).digitValue();
            program.push_back({Op::StatusInRange, hundreds * 100, hundreds * 100 + 99});
            return true;
        }
        const qsizetype dash = value.indexOf(u'-');
        bool ok = false;
        if (dash > 0) {
            bool okHigh = false;
            const int low = value.left(dash).toInt(&ok);
            const int high = value.mid(dash + 1).toInt(&okHigh);
            if (ok && okHigh && low <= high) {
                program.push_back({Op::StatusInRange, low, high});
                return true;
            }
        } else {
            const int code = value.toInt(&ok);
            if (ok) {
                program.push_back({Op::StatusIs, code, code});
                return true;
            }
        }
        return failAt(
            valueStart,
            tr("status: takes a code (404), a class (4xx) or a range (400-499), not '%1'.").arg(value));
    }

    bool readQuoted(QString *out)
    {
        const qsizetype open = m_pos++;
        while (m_pos < m_text.size() && m_text.at(m_pos) != u'"')
            out->append(m_text.at(m_pos++));
        if (m_pos >= m_text.size())
            return failAt(open, tr("This quote is never closed."));
        ++m_pos;
        return true;
    }

    bool expectEnd()
    {
        skipSpace();
        if (m_pos < m_text.size())
            return failAt(m_pos, tr("Unexpected '%1'.").arg(m_text.at(m_pos)));
        return true;
    }

    bool checkStackDepth(const Program &program)
    {
        int depth = 0;
        for (const auto &instruction : program) {
            if (instruction.op == Op::And || instruction.op == Op::Or)
                --depth;
            else if (instruction.op != Op::Not)
                ++depth;
            if (depth > maxStackDepth)
                return failAt(0, tr("The filter has too many conditions in a row; group them."));
        }
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }
    QChar peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : QChar(); }
    bool failAt(qsizetype position, const QString &message)
    {
        m_error = {message, position};
        return false;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    FlowFilterError m_error;
};

std::optional<FlowFilter> FlowFilter::parse(const QString &text, FlowFilterError *error)
{
    return FlowFilterParser(text).parse(error);
}

bool FlowFilter::matches(const FlowFacts &facts) const
{
    std::array<bool, maxStackDepth + 1> stack;
    int top = -1;
    for (const Instruction &instruction : m_program) {
        bool value = false;
        switch (instruction.op) {
        case Op::Not:
            stack[top] = !stack[top];
            continue;
        case Op::And:
            --top;
            stack[top] = stack[top] && stack[top + 1];
            continue;
        case Op::Or:
            --top;
            stack[top] = stack[top] || stack[top + 1];
            continue;
        case Op::MethodIs:
            value = HeaderList::namesEqual(facts.method, instruction.text);
            break;
        case Op::StatusIs:
        case Op::StatusInRange:
            value = facts.status >= instruction.low && facts.status <= instruction.high;
            break;
        case Op::OriginContains:
            value = contains(facts.origin, instruction.text);
            break;
        case Op::HostContains:
            value = contains(facts.host, instruction.text);
            break;
        case Op::UrlContains:
            value = contains(facts.url, instruction.text);
            break;
        case Op::Blocked:
            value = facts.blocked;
            break;
        case Op::Allowed:
            value = facts.crossOrigin && !facts.blocked;
            break;
        case Op::CrossOrigin:
            value = facts.crossOrigin;
            break;
        case Op::Preflight:
            value = facts.isPreflight;
            break;
        case Op::PreflightFailed:
            value = facts.preflightFailed;
            break;
        case Op::PreflightCached:
            value = facts.preflightCached;
            break;
        case Op::Credentialed:
            value = facts.credentialed;
            break;
        case Op::ReflectsOrigin:
            value = facts.reflectsOrigin;
            break;
        case Op::NoVary:
            value = facts.noVary;
            break;
        }
        stack[++top] = value;
    }
    return m_program.empty() || stack[0];
}

QStringList FlowFilter::keywords()
{
    return {QStringLiteral("method:"),
            QStringLiteral("status:"),
            QStringLiteral("origin:"),
            QStringLiteral("host:"),
            QStringLiteral("url:"),
            QStringLiteral("blocked"),
            QStringLiteral("allowed"),
            QStringLiteral("cross-origin"),
            QStringLiteral("preflight"),
            QStringLiteral("preflight:failed"),
            QStringLiteral("preflight:cached"),
            QStringLiteral("credentialed"),
            QStringLiteral("reflects-origin"),
            QStringLiteral("no-vary")};
}

} // namespace Corscope
