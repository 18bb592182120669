#pragma once

#include "sender/sendoptions.h"
#include "sender/sendresult.h"

#include <QObject>
#include <memory>

namespace Corscope {

// Puts single requests on the wire with libcurl, asynchronously, on the thread that owns it.
//
// Design: one libcurl multi handle driven by the Qt event loop (CURLMOPT_SOCKETFUNCTION →
// QSocketNotifier, CURLMOPT_TIMERFUNCTION → QTimer), not a worker thread. The FetchSimulation,
// the preflight cache and every signal live on the caller's thread anyway, so the event loop
// needs no locks, no queued copies of results between threads, and destroying the engine
// cancels everything synchronously. libcurl's multi interface never blocks: sockets are
// non-blocking, TLS handshakes are incremental, and name resolution runs on libcurl's own
// resolver thread (Debian's libcurl is built with AsynchDNS). The multi handle owns the
// connection and DNS caches, so every exchange of a session reuses open connections the way a
// browser's socket pool does. Use it from the thread that owns it; that thread needs a running
// Qt event loop for anything to happen.
class RequestEngine : public QObject {
    Q_OBJECT

public:
    explicit RequestEngine(QObject *parent = nullptr);
    ~RequestEngine() override;

    // Starts one exchange and returns its id at once; exchangeFinished(id, …) follows from the
    // event loop, never from inside start().
    quint64 start(const OutgoingRequest &request, const SendOptions &options);
    // Drops a running exchange; no signal follows for it.
    void abort(quint64 id);
    int activeCount() const;

signals:
    void exchangeFinished(quint64 id, const Corscope::ExchangeRecord &record);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Corscope
