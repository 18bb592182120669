#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QStringView>
#include <vector>

namespace Corscope {

// Appends compact JSON (UTF-8) to a QByteArray without building a QJsonObject: the hot path of
// `--format json`. The bytes are identical to QJsonDocument(...).toJson(QJsonDocument::Compact)
// of the same structure: object members come out in QJsonObject's order (sorted keys) whatever
// the order they were written in, and strings are escaped as Qt's writer escapes them.
// Keys must be unique within an object (QJsonObject would keep only the last).
class JsonTextWriter {
public:
    explicit JsonTextWriter(QByteArray &out)
        : m_out(out)
    {
    }

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();

    // Names the next value as a member of the open object.
    void key(QLatin1StringView name);

    void value(QStringView text);
    void value(QLatin1StringView text);
    // UTF-8 bytes as a string; invalid sequences become U+FFFD, as QString::fromUtf8 makes them.
    void valueUtf8(QByteArrayView utf8);
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(bool flag);
    void nullValue();

    // True when every container that was opened has been closed.
    bool isComplete() const { return m_frames.empty(); }

private:
    struct Member {
        qsizetype keyStart = 0; // first byte of the escaped key, after its opening quote
        qsizetype keyLength = 0;
        qsizetype end = 0; // one past the member's value
    };
    struct Frame {
        bool object = false;
        bool empty = true;
        qsizetype bodyStart = 0; // one past '{' or '['
        std::vector<Member> members;
    };

    void beforeValue();
    void afterValue();
    void escape(QStringView text);
    void escapeUtf8(QByteArrayView utf8);

    QByteArray &m_out;
    std::vector<Frame> m_frames;
    bool m_keyPending = false;
};

} // namespace Corscope
