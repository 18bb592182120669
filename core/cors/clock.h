#pragma once

#include <QDateTime>

namespace Corscope {

// Milliseconds since the epoch. Injected wherever time matters so cache ages are testable.
class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 0)
        : m_now(startMs)
    {
    }
    qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

} // namespace Corscope
