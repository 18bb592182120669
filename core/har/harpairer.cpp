#include "har/harpairer.h"

namespace Corscope {

struct HarPairer::Slot {
    HarEntry entry;
    qsizetype ordinal = 0;
    bool preflight = false;
    bool request = false;
    bool consumed = false; // a preflight or hop that belongs to a request already settled
};

namespace {

// A request whose capture kept only provisional headers (no Origin) is keyed by the origin its
// Referer gives, so it still finds the preflight that stopped it.
QByteArray preflightKey(const HarEntry &entry)
{
    const std::optional<Origin> origin = HarReader::pageOrigin(entry);
    return entry.url.toEncoded() + '\n' + (origin ? origin->serialize() : QByteArray());
}

// Started-time distance, or -1 when either entry has no time.
qint64 distanceMs(const HarEntry &a, const HarEntry &b)
{
    if (!a.started.isValid() || !b.started.isValid())
        return -1;
    return std::abs(a.started.msecsTo(b.started));
}

// Per URL and Origin, this many unpaired preflights are remembered (a page that retries a
// failing request forever must not grow the index without bound).
constexpr std::size_t keptPreflightsPerKey = 64;

} // namespace

HarPairer::HarPairer(Sink sink)
    : m_sink(std::move(sink))
{
}

HarPairer::~HarPairer() = default;

void HarPairer::add(HarEntry entry)
{
    auto slot = std::make_shared<Slot>();
    slot->preflight = HarReader::isPreflight(entry);
    // A same-origin-mode request redirected away is judged where the browser stopped it.
    slot->request = HarReader::isCrossOriginRequest(entry) || HarReader::isRefusedSameOriginRedirect(entry);
    slot->entry = std::move(entry);
    slot->ordinal = m_ordinal++;
    if (slot->preflight) {
        auto &list = m_preflights[preflightKey(slot->entry)];
        list.push_back(slot);
        while (list.size() > keptPreflightsPerKey)
            list.pop_front();
        m_preflightAge.push_back(slot);
        // Paired ones are gone already (their slot died with the request's settling).
        while (!m_preflightAge.empty() && m_preflightAge.front().expired())
            m_preflightAge.pop_front();
        while (m_preflightAge.size() > keptPreflights) {
            if (const std::shared_ptr<Slot> oldest = m_preflightAge.front().lock())
                forget(*oldest);
            m_preflightAge.pop_front();
        }
    }
    if (slot->request) {
        if (m_waiting.empty())
            m_headWaitsFor = slot->ordinal + lookahead;
        m_waiting.push_back(slot);
    }
    if (!m_waiting.empty())
        m_window.push_back(std::move(slot));
    settleReady(false);
}

void HarPairer::finish()
{
    settleReady(true);
}

void HarPairer::settleReady(bool end)
{
    while (!m_waiting.empty()) {
        if (!end && m_ordinal <= m_headWaitsFor)
            break;
        if (!trySettleHead(end))
            break;
        m_waiting.pop_front();
        // A request consumed as an earlier one's hop is not a scenario of its own.
        while (!m_waiting.empty() && m_waiting.front()->consumed)
            m_waiting.pop_front();
        if (!m_waiting.empty())
            m_headWaitsFor = m_waiting.front()->ordinal + lookahead;
    }
    // Nothing waits: no later request looks back into the window (hops follow their request).
    if (m_waiting.empty()) {
        m_window.clear();
        return;
    }
    const qsizetype oldest = m_waiting.front()->ordinal;
    while (!m_window.empty() && m_window.front()->ordinal < oldest)
        m_window.pop_front();
}

void HarPairer::forget(const Slot &preflight)
{
    auto found = m_preflights.find(preflightKey(preflight.entry));
    if (found == m_preflights.end())
        return;
    std::erase_if(found.value(),
                  [&preflight](const std::shared_ptr<Slot> &slot) { return slot.get() == &preflight; });
    if (found.value().empty())
        m_preflights.erase(found);
}

std::shared_ptr<HarPairer::Slot> HarPairer::preflightFor(const Slot &request)
{
    auto found = m_preflights.find(preflightKey(request.entry));
    if (found == m_preflights.end())
        return nullptr;
    std::deque<std::shared_ptr<Slot>> &list = found.value();
    std::erase_if(list, [](const std::shared_ptr<Slot> &slot) { return slot->consumed; });
    // Before: the latest OPTIONS for the same URL and Origin before the request, as a browser that
    // writes entries in the order it sent them lists it.
    std::shared_ptr<Slot> before;
    // After: the first one listed after it that announced this request's method, within the
    // lookahead and the time window.
    std::shared_ptr<Slot> after;
    for (const std::shared_ptr<Slot> &slot : list) {
        if (slot->ordinal < request.ordinal) {
            before = slot;
            continue;
        }
        if (after || slot->ordinal - request.ordinal > lookahead)
            continue;
        const QByteArray announced =
            slot->entry.requestHeaders.get("access-control-request-method").value_or(QByteArray()).trimmed();
        if (announced.compare(request.entry.method, Qt::CaseInsensitive) != 0)
            continue;
        const qint64 distance = distanceMs(slot->entry, request.entry);
        if (distance > afterWindowMs)
            continue;
        after = slot;
    }
    if (!before || !after)
        return before ? before : after;
    // Both: the nearer in time; without times, the one before (the order browsers send them in).
    const qint64 beforeDistance = distanceMs(before->entry, request.entry);
    const qint64 afterDistance = distanceMs(after->entry, request.entry);
    if (beforeDistance >= 0 && afterDistance >= 0 && afterDistance < beforeDistance)
        return after;
    return before;
}

bool HarPairer::trySettleHead(bool end)
{
    const Slot &request = *m_waiting.front();
    // The redirect chain the capture recorded, hop by hop: each hop within the lookahead of the
    // one before. If the chain may go on past what was read, the request waits for more.
    QList<Slot *> chain;
    // A redirect the request's mode refused has no next hop: a later entry for its Location is
    // another fetch.
    QUrl next = HarReader::isRefusedSameOriginRedirect(request.entry) ? QUrl() : request.entry.redirectUrl;
    qsizetype tail = request.ordinal;
    for (const std::shared_ptr<Slot> &slot : m_window) {
        if (!next.isValid() || chain.size() >= maxHops)
            break;
        if (slot->ordinal <= request.ordinal || slot->consumed)
            continue;
        if (slot->ordinal - tail > lookahead)
            break;
        if (slot->entry.url == next) {
            chain.append(slot.get());
            tail = slot->ordinal;
            if (!slot->preflight)
                next = slot->entry.redirectUrl;
        }
    }
    if (!end && next.isValid() && chain.size() < maxHops && m_ordinal <= tail + lookahead) {
        m_headWaitsFor = tail + lookahead;
        return false;
    }
    // Held here: forgetting it drops the index's reference, which may be the last.
    const std::shared_ptr<Slot> preflight = preflightFor(request);
    if (preflight) {
        preflight->consumed = true;
        forget(*preflight);
    }
    QList<const HarEntry *> hops;
    for (Slot *hop : chain) {
        // The preflight just paired is not a hop too.
        if (hop == preflight.get())
            continue;
        hop->consumed = true;
        if (hop->preflight)
            forget(*hop);
        hops.append(&hop->entry);
    }
    m_sink(HarReader::scenarioFor(request.entry, preflight ? &preflight->entry : nullptr, hops));
    return true;
}

} // namespace Corscope
