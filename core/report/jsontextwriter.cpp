#include "report/jsontextwriter.h"

#include <algorithm>

namespace Corscope {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

// Qt's compact writer (qjsonwriter.cpp, escapedString) escapes only '"', '\\' and the C0
// controls; \b \f \n \r \t get their short forms, the other controls \u00xx in lower-case hex.
// DEL and everything above it are written as raw UTF-8. RFC 8259 section 7 allows both forms;
// we copy Qt's choice so the bytes stay identical to the QJsonObject path.
inline void escapeAscii(QByteArray &out, uchar c)
{
    switch (c) {
    case '"':
        out.append("\\\"", 2);
        return;
    case '\\':
        out.append("\\\\", 2);
        return;
    case '\b':
        out.append("\\b", 2);
        return;
    case '\f':
        out.append("\\f", 2);
        return;
    case '\n':
        out.append("\\n", 2);
        return;
    case '\r':
        out.append("\\r", 2);
        return;
    case '\t':
        out.append("\\t", 2);
        return;
    default:
        break;
    }
    if (c < 0x20) {
        const char escaped[6] = {'\\', 'u', '0', '0', hexDigits[c >> 4], hexDigits[c & 0xf]};
        out.append(escaped, 6);
        return;
    }
    out.append(char(c));
}

inline bool needsEscape(uchar c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

} // namespace

void JsonTextWriter::beforeValue()
{
    if (m_frames.empty())
        return;
    Frame &frame = m_frames.back();
    if (frame.object) {
        Q_ASSERT_X(m_keyPending, "JsonTextWriter", "object member without a key");
        m_keyPending = false;
        return;
    }
    if (!frame.empty)
        m_out.append(',');
    frame.empty = false;
}

void JsonTextWriter::afterValue()
{
    if (m_frames.empty() || !m_frames.back().object)
        return;
    m_frames.back().members.back().end = m_out.size();
}

void JsonTextWriter::key(QLatin1StringView name)
{
    Q_ASSERT(!m_frames.empty() && m_frames.back().object && !m_keyPending);
    Frame &frame = m_frames.back();
    if (!frame.empty)
        m_out.append(',');
    frame.empty = false;
    m_out.append('"');
    Member member;
    member.keyStart = m_out.size();
    escapeUtf8(QByteArrayView(name.data(), name.size()));
    member.keyLength = m_out.size() - member.keyStart;
    m_out.append("\":", 2);
    frame.members.push_back(member);
    m_keyPending = true;
}

void JsonTextWriter::beginObject()
{
    beforeValue();
    m_out.append('{');
    m_frames.push_back(Frame{true, true, m_out.size(), {}});
}

void JsonTextWriter::beginArray()
{
    beforeValue();
    m_out.append('[');
    m_frames.push_back(Frame{false, true, m_out.size(), {}});
}

void JsonTextWriter::endArray()
{
    Q_ASSERT(!m_frames.empty() && !m_frames.back().object);
    m_frames.pop_back();
    m_out.append(']');
    afterValue();
}

void JsonTextWriter::endObject()
{
    Q_ASSERT(!m_frames.empty() && m_frames.back().object && !m_keyPending);
    Frame frame = std::move(m_frames.back());
    m_frames.pop_back();
    const auto keyOf = [this](const Member &member) {
        return QByteArrayView(m_out.constData() + member.keyStart, member.keyLength);
    };
    // QJsonObject keeps its members sorted by key; the keys here are ASCII, so byte order is
    // the UTF-16 order Qt uses. Most writers emit in order already: then nothing moves.
    const auto less = [&](const Member &a, const Member &b) {
        return std::lexicographical_compare(keyOf(a).begin(), keyOf(a).end(), keyOf(b).begin(),
                                            keyOf(b).end(),
                                            [](char x, char y) { return uchar(x) < uchar(y); });
    };
    if (!std::is_sorted(frame.members.begin(), frame.members.end(), less)) {
        std::vector<Member> sorted = frame.members;
        std::stable_sort(sorted.begin(), sorted.end(), less);
        QByteArray body;
        body.reserve(m_out.size() - frame.bodyStart);
        for (const Member &member : sorted) {
            if (!body.isEmpty())
                body.append(',');
            // A member spans from its opening quote to the end of its value.
            body.append(m_out.constData() + member.keyStart - 1, member.end - member.keyStart + 1);
        }
        m_out.truncate(frame.bodyStart);
        m_out.append(body);
    }
    m_out.append('}');
    afterValue();
}

void JsonTextWriter::escapeUtf8(QByteArrayView utf8)
{
    for (char c : utf8) {
        if (needsEscape(uchar(c)))
            escapeAscii(m_out, uchar(c));
        else
            m_out.append(c);
    }
}

void JsonTextWriter::escape(QStringView text)
{
    const char16_t *p = text.utf16();
    const char16_t *end = p + text.size();
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            escapeAscii(m_out, uchar(u));
        } else if (u < 0x800) {
            m_out.append(char(0xc0 | (u >> 6)));
            m_out.append(char(0x80 | (u & 0x3f)));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t ucs = QChar::surrogateToUcs4(u, *p++);
            const char bytes[4] = {char(0xf0 | (ucs >> 18)), char(0x80 | ((ucs >> 12) & 0x3f)),
                                   char(0x80 | ((ucs >> 6) & 0x3f)), char(0x80 | (ucs & 0x3f))};
            m_out.append(bytes, 4);
        } else if (QChar::isSurrogate(u)) {
            // A lone surrogate has no UTF-8 form; Qt's writer emits it as a \uXXXX escape in
            // lower-case hex (found empirically on Qt 6.4, pinned by tst_jsontextwriter).
            const char escaped[6] = {'\\',
                                     'u',
                                     hexDigits[u >> 12],
                                     hexDigits[(u >> 8) & 0xf],
                                     hexDigits[(u >> 4) & 0xf],
                                     hexDigits[u & 0xf]};
            m_out.append(escaped, 6);
        } else {
            const char bytes[3] = {char(0xe0 | (u >> 12)), char(0x80 | ((u >> 6) & 0x3f)),
                                   char(0x80 | (u & 0x3f))};
            m_out.append(bytes, 3);
        }
    }
}

void JsonTextWriter::value(QStringView text)
{
    beforeValue();
    m_out.append('"');
    escape(text);
    m_out.append('"');
    afterValue();
}

void JsonTextWriter::value(QLatin1StringView text)
{
    beforeValue();
    m_out.append('"');
    for (char c : text) {
        const uchar u = uchar(c);
        if (u < 0x80) {
            escapeAscii(m_out, u);
        } else {
            m_out.append(char(0xc0 | (u >> 6)));
            m_out.append(char(0x80 | (u & 0x3f)));
        }
    }
    m_out.append('"');
    afterValue();
}

void JsonTextWriter::valueUtf8(QByteArrayView utf8)
{
    // Header bytes need not be valid UTF-8; QString::fromUtf8 (what the QJsonObject path did)
    // replaces bad sequences with U+FFFD. ASCII, the usual case, cannot be invalid and is
    // copied straight; anything else takes the QString path so the result stays identical.
    for (char c : utf8) {
        if (uchar(c) >= 0x80) {
            value(QStringView(QString::fromUtf8(utf8)));
            return;
        }
    }
    beforeValue();
    m_out.append('"');
    escapeUtf8(utf8);
    m_out.append('"');
    afterValue();
}

void JsonTextWriter::value(qint64 number)
{
    beforeValue();
    m_out.append(QByteArray::number(number));
    afterValue();
}

void JsonTextWriter::value(bool flag)
{
    beforeValue();
    if (flag)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
    afterValue();
}

void JsonTextWriter::nullValue()
{
    beforeValue();
    m_out.append("null", 4);
    afterValue();
}

} // namespace Corscope
