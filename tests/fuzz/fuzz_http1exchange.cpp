#include "proxy/http1exchange.h"

#include <cstddef>
#include <cstdint>

// Drives one Http1Exchange with client bytes, server bytes and connection events interleaved as the
// input says, and checks what must hold whatever the peers send: every flow reported finished was
// reported started, none finishes twice, and a closed exchange asks for nothing more.
namespace {

class Io : public Corscope::Http1ExchangeIo {
public:
    void sendToClient(QByteArrayView bytes) override { toClient += bytes.size(); }
    void sendUpstream(QByteArrayView bytes) override { toUpstream += bytes.size(); }
    QString openUpstream(const QString &, quint16, bool) override
    {

        return reuse ? QStringLiteral("127.0.0.1") : QString();
    }
    void abortUpstream() override {}
    void openTunnel(const QString &, quint16, QByteArray, bool) override {}
    void switchToTunnel(QByteArray) override {}
    void interceptConnect(const QString &) override { __builtin_trap(); } // no authority is set
    void resumeLater() override {}
    void closeClientAfterWrite() override
    {
        if (closed)
            __builtin_trap(); // asked twice
        closed = true;
    }
    void scheduleTimer(int delayMs) override
    {
        if (delayMs < -1)
            __builtin_trap();
    }
    bool clientConnected() const override { return !closed; }
    qint64 nowNs() const override { return nowMs * 1'000'000; }
    void reportStarted(const Corscope::Flow &flow) override
    {
        if (flow.id <= lastStarted)
            __builtin_trap(); // a flow started twice
        lastStarted = flow.id;
    }
    void reportUpdated(const Corscope::Flow &flow) override
    {
        if (flow.id != lastStarted)
            __builtin_trap();
    }
    void reportFinished(const Corscope::Flow &flow) override
    {
        if (flow.id != lastStarted || flow.id == lastFinished)
            __builtin_trap(); // finished without a start, or twice
        lastFinished = flow.id;
    }

    qint64 toClient = 0;
    qint64 toUpstream = 0;
    bool reuse = false;
    bool closed = false;
    qint64 nowMs = 0;
    quint64 lastStarted = 0;
    quint64 lastFinished = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    Io io;
    Corscope::ProxySettings settings;
    settings.bodyCaptureBytes = 64;
    settings.headerTimeoutMs = 1000;
    settings.connectTimeoutMs = 500;
    // The access rules of a proxy open beyond loopback: the credential "u:p", and with the next bit
    // one named target, so the refusals and the peer check after a connect are reached too.
    if (data[0] & 2) {
        settings.access.enforced = true;
        settings.access.credential = "u:p";
        if (data[0] & 4)
            settings.access.targets = {{QStringLiteral("127.0.0.1"), 80}};
    }
    quint64 ids = 0;
    Corscope::Http1Exchange exchange(
        io, settings, [&ids] { return ++ids; }, QHostAddress::LocalHost, 1);
    exchange.start();
    io.reuse = data[0] & 1;
    const auto *bytes = reinterpret_cast<const char *>(data);
    size_t at = 1;
    // Records: an event byte, then for data events a length byte and that many bytes.
    while (at < size) {
        const uint8_t event = data[at++] % 10;
        if (event <= 1) {
            size_t length = 0;
            if (at < size) {
                const size_t wanted = data[at++];
                length = std::min(wanted, size - at);
            }
            const QByteArrayView piece(bytes + at, qsizetype(length));
            at += length;
            if (event == 0)
                exchange.feedClient(piece);
            else
                exchange.upstreamData(piece);
            continue;
        }
        switch (event) {
        case 2:
            exchange.upstreamConnected(QStringLiteral("127.0.0.1"), 80);
            break;
        case 3:
            exchange.upstreamClosed();
            break;
        case 4:
            exchange.upstreamFailed(502, Corscope::FlowError::ConnectionRefused, QStringLiteral("refused"));
            break;
        case 5:
            io.nowMs += 600;
            exchange.timerFired();
            break;
        case 6:
            exchange.resume();
            break;
        case 7:
            exchange.tunnelEstablished(QStringLiteral("127.0.0.1"), 443);
            break;
        case 8:
            exchange.tunnelClosed(1, 2);
            break;
        case 9:
            exchange.clientClosed();
            return 0; // the connection is gone with its client
        }
    }
    exchange.upstreamClosed();
    exchange.clientClosed();
    return 0;
}
