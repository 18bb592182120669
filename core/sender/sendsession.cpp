#include "sender/sendsession.h"

#include <QDateTime>
#include <QEventLoop>
#include <QPointer>

namespace Corscope {

namespace {

// The simulation stops a redirect chain at the browser's limit of 20; this bounds anything else.
constexpr qsizetype maxExchangesPerFetch = 64;

} // namespace

SendSession::SendSession(const BrowserProfile &profile, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_cache(m_profile, m_clock)
{
    qRegisterMetaType<Corscope::SendResult>();
    connect(&m_engine, &RequestEngine::exchangeFinished, this, &SendSession::onExchangeFinished);
}

SendSession::~SendSession() = default;

quint64 SendSession::send(const FetchRequest &request, const SendOptions &options)
{
    const quint64 id = m_nextId++;
    Fetch fetch;
    fetch.request = std::make_unique<const FetchRequest>(request);
    fetch.simulation = std::make_unique<FetchSimulation>(*fetch.request, m_profile, m_cache, options.detail);
    fetch.options = options;
    fetch.startedAtMs = m_clock.nowMs();
    const bool sendsSomething = fetch.simulation->pendingRequest().has_value();
    m_fetches.emplace(id, std::move(fetch));
    if (sendsSomething) {
        advance(id);
    } else {
        // Decided before anything reached the wire (an invalid method, mode 'same-origin'…):
        // still reported from the event loop, as promised.
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                if (m_fetches.count(id))
                    complete(id);
            },
            Qt::QueuedConnection);
    }
    return id;
}

void SendSession::advance(quint64 fetchId)
{
    Fetch &fetch = m_fetches.at(fetchId);
    FetchSimulation &simulation = *fetch.simulation;
    if (!simulation.isFinished() && simulation.pendingRequest() &&
        fetch.exchanges.size() >= maxExchangesPerFetch)
        simulation.receiveNetworkError(tr("more than %1 requests for one fetch").arg(maxExchangesPerFetch));
    if (simulation.isFinished() || !simulation.pendingRequest()) {
        complete(fetchId);
        return;
    }
    fetch.transferId = m_engine.start(*simulation.pendingRequest(), fetch.options);
    fetch.transferRunning = true;
    m_fetchByTransfer.emplace(fetch.transferId, fetchId);
}

void SendSession::onExchangeFinished(quint64 transferId, const ExchangeRecord &record)
{
    const auto mapping = m_fetchByTransfer.find(transferId);
    if (mapping == m_fetchByTransfer.end())
        return;
    const quint64 fetchId = mapping->second;
    m_fetchByTransfer.erase(mapping);
    const auto found = m_fetches.find(fetchId);
    if (found == m_fetches.end())
        return;
    Fetch &fetch = found->second;
    fetch.transferRunning = false;
    fetch.exchanges.append(record);
    if (record.response)
        fetch.simulation->receiveResponse(*record.response);
    else
        fetch.simulation->receiveNetworkError(record.error ? record.error->reason : tr("no response"));

    const QPointer<SendSession> alive(this);
    emit exchangeFinished(fetchId, record);
    if (!alive || !m_fetches.count(fetchId))
        return;
    advance(fetchId);
}

void SendSession::abort(quint64 id)
{
    const auto found = m_fetches.find(id);
    if (found == m_fetches.end())
        return;
    Fetch &fetch = found->second;
    if (fetch.transferRunning) {
        m_engine.abort(fetch.transferId);
        m_fetchByTransfer.erase(fetch.transferId);
        fetch.transferRunning = false;
    }
    fetch.simulation->receiveNetworkError(tr("the request was aborted"));
    complete(id);
}

void SendSession::complete(quint64 fetchId)
{
    auto node = m_fetches.extract(fetchId);
    if (node.empty())
        return;
    Fetch &fetch = node.mapped();
    SendResult result;
    result.id = fetchId;
    result.evaluation = fetch.simulation->takeEvaluation();
    result.exchanges = std::move(fetch.exchanges);
    result.insecure = fetch.options.insecure;
    result.caFile = fetch.options.caFile;
    result.proxyUrl = fetch.options.proxyUrl;
    result.startedAtMs = fetch.startedAtMs;
    result.durationMs = m_clock.nowMs() - fetch.startedAtMs;
    emit finished(result);
}

SendResult SendSession::sendAndWait(const FetchRequest &request, const SendOptions &options)
{
    SendResult result;
    bool done = false;
    QEventLoop loop;
    quint64 id = 0;
    // Connected before send() so that no outcome can slip past, whatever order things run in.
    const QMetaObject::Connection connection =
        connect(this, &SendSession::finished, &loop, [&](const SendResult &finishedResult) {
            if (finishedResult.id != id)
                return;
            result = finishedResult;
            done = true;
            loop.quit();
        });
    id = send(request, options);
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    disconnect(connection);
    return result;
}

} // namespace Corscope
