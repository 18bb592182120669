#include "capture/flowanalysisthread.h"

namespace Corscope {

FlowAnalysisThread::FlowAnalysisThread(FlowAnalyzer &analyzer, Sink sink, Idle idle, Sink revised)
    : m_analyzer(analyzer)
    , m_sink(std::move(sink))
    , m_idle(std::move(idle))
    , m_revised(std::move(revised))
    , m_thread([this] { run(); })
{
}

FlowAnalysisThread::~FlowAnalysisThread()
{
    finish();
}

void FlowAnalysisThread::post(const Flow &flow)
{
    std::unique_lock lock(m_mutex);
    m_taken.wait(lock, [this] { return m_queue.size() < maxQueued; });
    m_queue.push_back(flow);
    // Only the first flow after the thread went to sleep wakes it; it takes the whole queue.
    const bool wake = m_waiting;
    m_waiting = false;
    lock.unlock();
    if (wake)
        m_posted.notify_one();
}

void FlowAnalysisThread::finish()
{
    if (!m_thread.joinable())
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_finishing = true;
    }
    m_posted.notify_one();
    m_thread.join();
}

void FlowAnalysisThread::deliverRevisions()
{
    for (FlowRevision &revision : m_analyzer.takeRevisions()) {
        if (m_revised)
            m_revised(*revision.flow, std::move(revision.verdict));
    }
}

void FlowAnalysisThread::run()
{
    std::deque<Flow> batch;
    bool caughtUp = true;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_queue.empty() && (m_finishing || caughtUp)) {
                if (m_finishing)
                    break;
                m_waiting = true;
                const auto woken = [this] {
                    return !m_queue.empty() || m_finishing;
                };
                if (m_analyzer.hasPending()) {
                    if (!m_posted.wait_for(lock, settleInterval, woken)) {
                        // Nothing came: what waited past its window is settled by the wall clock,
                        // the only clock the analyzer is given.
                        m_waiting = false;
                        lock.unlock();
                        m_analyzer.settle(QDateTime::currentDateTimeUtc());
                        deliverRevisions();
                        if (m_idle)
                            m_idle();
                        continue;
                    }
                } else {
                    m_posted.wait(lock, woken);
                }
                m_waiting = false;
                if (!m_finishing) {
                    // Let the flows finishing meanwhile gather: under load the proxy then wakes
                    // this thread (a futex call and a context switch) once a batch, not once a
                    // flow, and a line still appears within a couple of milliseconds.
                    lock.unlock();
                    std::this_thread::sleep_for(gatherTime);
                }
                continue;
            }
            batch.swap(m_queue);
        }
        if (batch.size() >= maxQueued)
            m_taken.notify_all();
        if (batch.empty()) {
            // Every flow posted so far has been through the sink.
            caughtUp = true;
            if (m_idle)
                m_idle();
            continue;
        }
        for (const Flow &flow : batch) {
            FlowVerdict verdict = m_analyzer.analyze(flow);
            deliverRevisions();
            m_sink(flow, std::move(verdict));
        }
        batch.clear();
        caughtUp = false;
    }
    // The capture is over: nothing pending will be decided by a later flow.
    m_analyzer.finish();
    deliverRevisions();
    if (m_idle)
        m_idle();
}

} // namespace Corscope
