#include "sender/requestengine.h"

#include "sender/curltransfer.h"
#include "sender/responserewriter.h"

#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace Corscope {

namespace {

void ensureCurlInitialized()
{
    // curl_global_init is not thread-safe in every build; once per process, never cleaned up.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The notifiers for one socket libcurl asked us to watch.
struct SocketWatch {
    curl_socket_t fd = CURL_SOCKET_BAD;
    QSocketNotifier *read = nullptr;
    QSocketNotifier *write = nullptr;
};

} // namespace

struct RequestEngine::Private {
    explicit Private(RequestEngine *engine);
    ~Private();

    static int socketCallback(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp);
    static int timerCallback(CURLM *multi, long timeoutMs, void *userp);
    void watch(curl_socket_t fd, int what, SocketWatch *existing);
    void unwatch(SocketWatch *watch, bool immediately);
    void socketAction(curl_socket_t fd, int events);
    void processDone();
    // Reports an exchange that never went to libcurl (a setup failure, a local answer) from the
    // event loop, as start() promises.
    void deliverLater(quint64 id, ExchangeRecord record);

    RequestEngine *q;
    CURLM *multi = nullptr;
    QTimer timer;
    quint64 nextId = 1;
    std::map<quint64, std::unique_ptr<CurlTransfer>> transfers;
    std::unordered_map<CURL *, quint64> idByHandle;
    std::unordered_set<SocketWatch *> watches;
    std::set<quint64> pendingDeliveries; // setup failures and local answers whose signal is queued
    std::unordered_map<quint64, RewriteRules> rulesById; // only exchanges sent with rules
};

RequestEngine::Private::Private(RequestEngine *engine)
    : q(engine)
{
    ensureCurlInitialized();
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Private::socketCallback);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Private::timerCallback);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    // Idle connections kept for reuse; browsers keep about six per host.
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 32L);
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, q, [this] { socketAction(CURL_SOCKET_TIMEOUT, 0); });
}

RequestEngine::Private::~Private()
{
    timer.stop();
    for (auto &[id, transfer] : transfers)
        curl_multi_remove_handle(multi, transfer->easyHandle());
    transfers.clear();
    idByHandle.clear();
    // Closes the cached connections; libcurl may still report sockets to forget.
    curl_multi_cleanup(multi);
    for (SocketWatch *socketWatch : std::unordered_set<SocketWatch *>(watches))
        unwatch(socketWatch, true);
}

int RequestEngine::Private::socketCallback(CURL *, curl_socket_t fd, int what, void *userp, void *socketp)
{
    auto *self = static_cast<Private *>(userp);
    auto *existing = static_cast<SocketWatch *>(socketp);
    if (what == CURL_POLL_REMOVE) {
        if (existing)
            self->unwatch(existing, false);
        return 0;
    }
    self->watch(fd, what, existing);
    return 0;
}

void RequestEngine::Private::watch(curl_socket_t fd, int what, SocketWatch *existing)
{
    SocketWatch *socketWatch = existing;
    if (!socketWatch) {
        socketWatch = new SocketWatch;
        socketWatch->fd = fd;
        // Children of the engine, so none outlives it even if no event loop runs after it.
        socketWatch->read = new QSocketNotifier(fd, QSocketNotifier::Read, q);
        socketWatch->write = new QSocketNotifier(fd, QSocketNotifier::Write, q);
        socketWatch->read->setEnabled(false);
        socketWatch->write->setEnabled(false);
        QObject::connect(socketWatch->read, &QSocketNotifier::activated, q,
                         [this, fd] { socketAction(fd, CURL_CSELECT_IN); });
        QObject::connect(socketWatch->write, &QSocketNotifier::activated, q,
                         [this, fd] { socketAction(fd, CURL_CSELECT_OUT); });
        watches.insert(socketWatch);
        curl_multi_assign(multi, fd, socketWatch);
    }
    socketWatch->read->setEnabled(what & CURL_POLL_IN);
    socketWatch->write->setEnabled(what & CURL_POLL_OUT);
}

void RequestEngine::Private::unwatch(SocketWatch *socketWatch, bool immediately)
{
    // Called from inside curl_multi_socket_action, possibly while one of these notifiers is
    // emitting: disable now (the fd may be closed and reused right after), delete later.
    for (QSocketNotifier *notifier : {socketWatch->read, socketWatch->write}) {
        notifier->setEnabled(false);
        QObject::disconnect(notifier, nullptr, q, nullptr);
        if (immediately)
            delete notifier;
        else
            notifier->deleteLater();
    }
    watches.erase(socketWatch);
    delete socketWatch;
}

int RequestEngine::Private::timerCallback(CURLM *, long timeoutMs, void *userp)
{
    auto *self = static_cast<Private *>(userp);
    // libcurl must not be re-entered from its own callback: 0 ms still goes through the loop.
    if (timeoutMs < 0)
        self->timer.stop();
    else
        self->timer.start(static_cast<int>(std::min<long>(timeoutMs, 24L * 3600 * 1000)));
    return 0;
}

void RequestEngine::Private::socketAction(curl_socket_t fd, int events)
{
    int running = 0;
    curl_multi_socket_action(multi, fd, events, &running);
    processDone();
}

void RequestEngine::Private::processDone()
{
    // Collect first: the signal's receivers may start or abort exchanges, which changes the
    // multi handle and may even recycle a CURL pointer.
    std::vector<std::pair<quint64, CURLcode>> done;
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(multi, &left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        const auto found = idByHandle.find(message->easy_handle);
        if (found != idByHandle.end())
            done.emplace_back(found->second, message->data.result);
    }
    const QPointer<RequestEngine> alive(q);
    for (const auto &[id, code] : done) {
        const auto found = transfers.find(id);
        if (found == transfers.end())
            continue;
        std::unique_ptr<CurlTransfer> transfer = std::move(found->second);
        transfers.erase(found);
        idByHandle.erase(transfer->easyHandle());
        curl_multi_remove_handle(multi, transfer->easyHandle());
        ExchangeRecord record = transfer->finish(code);
        transfer.reset();
        if (const auto rules = rulesById.find(id); rules != rulesById.end()) {
            ResponseRewriter::rewrite(record, rules->second);
            rulesById.erase(rules);
        }
        emit q->exchangeFinished(id, record);
        if (!alive)
            return;
    }
}

void RequestEngine::Private::deliverLater(quint64 id, ExchangeRecord record)
{
    pendingDeliveries.insert(id);
    QMetaObject::invokeMethod(
        q,
        [this, id, record = std::move(record)] {
            if (pendingDeliveries.erase(id) == 0)
                return;
            emit q->exchangeFinished(id, record);
        },
        Qt::QueuedConnection);
}

RequestEngine::RequestEngine(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    qRegisterMetaType<Corscope::ExchangeRecord>();
}

RequestEngine::~RequestEngine() = default;

quint64 RequestEngine::start(const OutgoingRequest &request, const SendOptions &options)
{
    const quint64 id = d->nextId++;
    // A rule that answers this request itself: the server never sees it, as through the proxy.
    if (std::optional<ExchangeRecord> answer =
            ResponseRewriter::localAnswer(request, options.rewriteRules, options)) {
        d->deliverLater(id, std::move(*answer));
        return id;
    }
    auto transfer = std::make_unique<CurlTransfer>(request, options);
    if (!transfer->isValid()) {
        d->deliverLater(id, transfer->setupFailure());
        return id;
    }
    const CURLMcode added = curl_multi_add_handle(d->multi, transfer->easyHandle());
    if (added != CURLM_OK) {
        ExchangeRecord record = transfer->setupFailure();
        record.error = TransportError{
            TransportErrorKind::Other,
            tr("libcurl could not start the request: %1").arg(QString::fromUtf8(curl_multi_strerror(added))),
            {},
            0,
            0};
        d->deliverLater(id, std::move(record));
        return id;
    }
    d->idByHandle.emplace(transfer->easyHandle(), id);
    d->transfers.emplace(id, std::move(transfer));
    if (!options.rewriteRules.isEmpty())
        d->rulesById.emplace(id, options.rewriteRules);
    return id;
}

void RequestEngine::abort(quint64 id)
{
    d->pendingDeliveries.erase(id);
    d->rulesById.erase(id);
    const auto found = d->transfers.find(id);
    if (found == d->transfers.end())
        return;
    CURL *easy = found->second->easyHandle();
    d->idByHandle.erase(easy);
    curl_multi_remove_handle(d->multi, easy);
    d->transfers.erase(found);
}

int RequestEngine::activeCount() const
{
    return static_cast<int>(d->transfers.size() + d->pendingDeliveries.size());
}

} // namespace Corscope
