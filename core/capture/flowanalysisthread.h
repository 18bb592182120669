#pragma once

#include "capture/flowanalyzer.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace Corscope {

// Evaluates finished flows on a thread of its own, one at a time and in the order they were
// posted, so that a headless capture's event loop only moves bytes: evaluating each flow and
// printing its line was about a third of the proxy's instructions per request, and the second
// core was idle. The analyzer and whatever the sink touches belong to the analysis thread until
// finish() returns.
class FlowAnalysisThread {
public:
    // Called on the analysis thread with each flow and its verdict, in the order they were posted.
    using Sink = std::function<void(const Flow &flow, FlowVerdict &&verdict)>;
    // Called on the analysis thread each time it has caught up with every flow posted (to flush
    // output in batches rather than once per flow).
    using Idle = std::function<void()>;

    // revised is called on the analysis thread with each verdict the analyzer gives again for an
    // earlier flow (a preflight whose request came or never did, the hops of a redirect chain),
    // before the verdict of the flow that settled it; without it, revisions are dropped.
    FlowAnalysisThread(FlowAnalyzer &analyzer, Sink sink, Idle idle = {}, Sink revised = {});
    ~FlowAnalysisThread();
    FlowAnalysisThread(const FlowAnalysisThread &) = delete;
    FlowAnalysisThread &operator=(const FlowAnalysisThread &) = delete;

    // Queues a finished flow. Blocks only while maxQueued flows are waiting already: a sink that
    // stalls (a stdout nobody reads) then holds the proxy back, as evaluating inline did, rather
    // than the queue growing without bound.
    void post(const Flow &flow);
    // Evaluates every flow posted so far, settles everything still pending (FlowAnalyzer::finish),
    // then stops the thread; the sinks have seen it all when this returns.
    void finish();

    static constexpr size_t maxQueued = 4096;
    static constexpr std::chrono::microseconds gatherTime{1000};
    // While a verdict waits for later flows, the idle thread wakes this often to settle it by the
    // wall clock (FlowAnalyzer::settle), so a preflight nobody follows is reported without traffic.
    static constexpr std::chrono::milliseconds settleInterval{250};

private:
    void run();
    void deliverRevisions();

    FlowAnalyzer &m_analyzer;
    Sink m_sink;
    Idle m_idle;
    Sink m_revised;
    std::mutex m_mutex;
    std::condition_variable m_posted; // a flow was queued, or finish() was called
    std::condition_variable m_taken;  // the queue was emptied
    std::deque<Flow> m_queue;
    bool m_waiting = false; // the analysis thread sleeps until a post wakes it
    bool m_finishing = false;
    std::thread m_thread; // last: started once everything it uses is constructed
};

} // namespace Corscope
