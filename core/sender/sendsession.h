#pragma once

#include "cors/browserprofile.h"
#include "cors/clock.h"
#include "cors/fetchsimulation.h"
#include "cors/preflightcache.h"
#include "sender/requestengine.h"
#include "sender/sendoptions.h"
#include "sender/sendresult.h"

#include <QObject>
#include <map>
#include <memory>
#include <unordered_map>

namespace Corscope {

// A browser tab talking to real servers: fetch() after fetch() with one browser profile, one
// preflight cache on the wall clock (so a repeat within Access-Control-Max-Age sends no
// OPTIONS) and one connection pool. Each send() runs a FetchSimulation and performs every
// request it asks for with the RequestEngine, feeding back the real responses.
class SendSession : public QObject {
    Q_OBJECT

public:
    explicit SendSession(const BrowserProfile &profile, QObject *parent = nullptr);
    ~SendSession() override;

    // Starts a fetch and returns its id at once; finished(result) with result.id == id follows
    // from the event loop, never from inside send().
    quint64 send(const FetchRequest &request, const SendOptions &options = {});
    // For the CLI: runs a local event loop until this fetch has finished.
    SendResult sendAndWait(const FetchRequest &request, const SendOptions &options = {});
    // Stops a fetch: its running exchange is dropped and finished() follows at once, the
    // evaluation ending in a network error "aborted".
    void abort(quint64 id);

    const BrowserProfile &profile() const { return m_profile; }
    PreflightCache &preflightCache() { return m_cache; }
    const PreflightCache &preflightCache() const { return m_cache; }
    int pendingCount() const { return static_cast<int>(m_fetches.size()); }

signals:
    // One exchange of a running fetch is done, for views that draw the sequence live.
    void exchangeFinished(quint64 fetchId, const Corscope::ExchangeRecord &record);
    void finished(const Corscope::SendResult &result);

private:
    struct Fetch {
        std::unique_ptr<const FetchRequest> request; // the simulation borrows it
        std::unique_ptr<FetchSimulation> simulation;
        SendOptions options;
        QList<ExchangeRecord> exchanges;
        qint64 startedAtMs = 0;
        quint64 transferId = 0;
        bool transferRunning = false;
    };

    void advance(quint64 fetchId);
    void onExchangeFinished(quint64 transferId, const ExchangeRecord &record);
    void complete(quint64 fetchId);

    BrowserProfile m_profile; // a copy: the simulation and the cache keep references to it
    SystemClock m_clock;
    PreflightCache m_cache;
    RequestEngine m_engine;
    quint64 m_nextId = 1;
    std::map<quint64, Fetch> m_fetches;
    std::unordered_map<quint64, quint64> m_fetchByTransfer;
};

} // namespace Corscope
