#pragma once

#include "har/harreader.h"

#include <QHash>
#include <deque>
#include <functional>
#include <memory>

namespace Corscope {

// Pairs the entries of a HAR as they are read, in linear time: each cross-origin request with
// the preflight that guarded it and the redirect hops that followed it, and hands out its
// scenario (HarReader::scenarioFor) as soon as nothing later in the file can change it, in the
// order of the requests. A preflight may come before its request (Firefox, Corscope) or after it
// (Chrome and Edge list the request first and its `_resourceType: "preflight"` OPTIONS a few
// milliseconds later); the nearest one in time wins.
class HarPairer {
public:
    using Sink = std::function<void(HarScenario &&scenario)>;

    // A preflight listed after its request, and a redirect hop after the entry before it, is
    // looked for this many entries ahead: what a request waits for before it is settled.
    static constexpr qsizetype lookahead = 256;
    // A preflight listed after its request starts this close to it (when both have times).
    static constexpr qint64 afterWindowMs = 2000;
    // [fetch] HTTP-redirect fetch, step 5: a 21st redirect is a network error, not a request.
    static constexpr int maxHops = 20;
    // Unpaired preflights remembered for a request listed after them (a preflight whose request
    // never went out, or that many entries before it): the most recent ones, so memory stays
    // bounded on any file.
    static constexpr std::size_t keptPreflights = 1024;

    explicit HarPairer(Sink sink);
    ~HarPairer();
    HarPairer(const HarPairer &) = delete;
    HarPairer &operator=(const HarPairer &) = delete;

    // The next entry of the file, in file order.
    void add(HarEntry entry);
    // The file ended: every request still waiting is settled with what was seen.
    void finish();

private:
    struct Slot;
    void settleReady(bool end);
    bool trySettleHead(bool end);
    std::shared_ptr<Slot> preflightFor(const Slot &request);
    void forget(const Slot &preflight);

    Sink m_sink;
    std::deque<std::shared_ptr<Slot>> m_window;  // the entries a waiting request may still use
    std::deque<std::shared_ptr<Slot>> m_waiting; // cross-origin requests not yet settled, in order
    // Preflights not yet paired, by URL and Origin: kept past the window, as a preflight listed
    // long before its request still guards it.
    QHash<QByteArray, std::deque<std::shared_ptr<Slot>>> m_preflights;
    // The same preflights in the order they came, to forget the oldest unpaired ones.
    std::deque<std::weak_ptr<Slot>> m_preflightAge;
    qsizetype m_ordinal = 0;      // entries added so far
    qsizetype m_headWaitsFor = 0; // the ordinal the head request waits for
};

} // namespace Corscope
