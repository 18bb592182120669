// Restart time of a journaled capture (budget: ≤ 1 s per 100k flows): writes N flows with bodies
// in the framed format and in the first one (a JSON line per flow, bodies in base64), then times
// what a restart does — FlowJournal::read (records, then bodies out of the side file) and
// FlowJournal::count (the records alone, what the GUI's "restore N flows?" reads) — and what each
// fsync policy costs an append.
// Usage: bench_journal_restart [FLOWS=100000] [DIR]; exits 2 when the read takes more CPU time
// than the budget.
#include "capture/flowjournal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>
#include <cstdio>
#include <ctime>

using namespace Corscope;

namespace {

// A captured API call as the proxy journals it: a dozen headers each way, a small request body
// and a response of 0–4 KiB.
Flow apiFlow(quint64 id, QRandomGenerator &random)
{
    Flow flow;
    flow.id = id;
    flow.state = Flow::State::Complete;
    flow.started = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + qint64(id), QTimeZone::utc());
    flow.method = id % 3 ? "GET" : "POST";
    flow.url = QUrl(QStringLiteral("https://api.example.com/v1/items/%1?page=2&token=abcdef").arg(id));
    for (const auto &[name, value] : std::initializer_list<std::pair<const char *, const char *>>{
             {"Host", "api.example.com"},
             {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"},
             {"Accept", "application/json"},
             {"Origin", "https://app.example.com"},
             {"Referer", "https://app.example.com/dashboard"},
             {"Cookie", "session=0123456789abcdef; theme=dark"},
             {"Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"},
             {"Sec-Fetch-Mode", "cors"}})
        flow.requestHeaders.append(name, value);
    if (flow.method == "POST")
        flow.requestBody = QByteArray(random.bounded(513), 'q');
    flow.requestBodySize = flow.requestBody.size();
    flow.status = 200;
    flow.reason = "OK";
    for (const auto &[name, value] : std::initializer_list<std::pair<const char *, const char *>>{
             {"Content-Type", "application/json"},
             {"Access-Control-Allow-Origin", "https://app.example.com"},
             {"Access-Control-Allow-Credentials", "true"},
             {"Vary", "Origin"},
             {"Cache-Control", "no-store"},
             {"Date", "Mon, 07 Dec 2026 02:00:00 GMT"}})
        flow.responseHeaders.append(name, value);
    flow.responseBody = QByteArray(random.bounded(4097), 'r');
    flow.responseBodySize = flow.responseBody.size();
    flow.clientAddress = QHostAddress::LocalHost;
    flow.clientPort = quint16(40000 + id % 1000);
    flow.serverAddress = QStringLiteral("203.0.113.7");
    flow.serverPort = 443;
    flow.requestSentMs = 1.2;
    flow.responseHeadersMs = 20.5;
    flow.completeMs = 21.7;
    return flow;
}

double cpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double megabytes(const QString &path)
{
    return double(QFileInfo(path).size()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int flows = arguments.size() > 1 ? arguments.at(1).toInt() : 100000;
    QTemporaryDir temporary;
    const QString dir = arguments.size() > 2 ? arguments.at(2) : temporary.path();
    const QString framed = dir + QStringLiteral("/framed.journal");
    const QString legacy = dir + QStringLiteral("/legacy.jsonl");
    FlowJournal::remove(framed);
    QFile::remove(legacy);

    QRandomGenerator random(15);
    QList<Flow> written;
    written.reserve(flows);
    for (int i = 0; i < flows; ++i)
        written.append(apiFlow(quint64(i + 1), random));

    QElapsedTimer clock;
    QString error;
    {
        FlowJournal journal;
        if (!journal.open(framed, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        clock.start();
        for (const Flow &flow : written)
            journal.append(flow);
        journal.close();
    }
    const double writeFramed = double(clock.nsecsElapsed()) / 1e6;
    {
        QFile file(legacy);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        clock.start();
        for (const Flow &flow : written) {
            file.write(FlowJournal::serialize(flow) + '\n');
            file.flush();
        }
    }
    const double writeLegacy = double(clock.nsecsElapsed()) / 1e6;

    // Best of three, page cache warm: the restart of a capture that just died.
    // The CPU time is printed beside the wall time: on a loaded machine (CI shares its cores)
    // the wall time measures the neighbours as much as the code.
    double cpu = 0;
    const auto best = [&](const auto &run) {
        double fastest = 1e18;
        cpu = 1e18;
        for (int i = 0; i < 3; ++i) {
            const double cpuBefore = cpuMs();
            clock.start();
            // Kept until the clock is read: a restart keeps its flows, it does not free them.
            [[maybe_unused]] const auto result = run();
            fastest = std::min(fastest, double(clock.nsecsElapsed()) / 1e6);
            cpu = std::min(cpu, cpuMs() - cpuBefore);
        }
        return fastest;
    };
    qsizetype readCount = 0;
    const double readFramed = best([&] {
        FlowJournal::Recovery recovery = FlowJournal::read(framed);
        readCount = recovery.flows.size();
        return recovery;
    });
    const double readFramedCpu = cpu;
    int indexCount = 0;
    const double countFramed = best([&] { return indexCount = FlowJournal::count(framed); });
    const double countFramedCpu = cpu;
    qsizetype legacyCount = 0;
    const double readLegacy = best([&] {
        FlowJournal::Recovery recovery = FlowJournal::read(legacy);
        legacyCount = recovery.flows.size();
        return recovery;
    });
    const double readLegacyCpu = cpu;
    if (readCount != flows || indexCount != flows || legacyCount != flows) {
        std::fprintf(stderr, "read back %lld / %d / %lld of %d flows\n", qint64(readCount), indexCount,
                     qint64(legacyCount), flows);
        return 1;
    }

    // What each fsync policy costs an append, on the first flows.
    const auto appendCost = [&](FlowJournal::SyncPolicy policy) {
        // A sync per flow costs milliseconds each: 200 of those say enough.
        const int synced = std::min(flows, policy == FlowJournal::SyncPolicy::EveryRecord ? 200 : 2000);
        const QString path = dir + QStringLiteral("/synced.journal");
        FlowJournal::remove(path);
        FlowJournal journal;
        journal.setSyncPolicy(policy);
        if (!journal.open(path, &error))
            return -1.0;
        clock.start();
        for (int i = 0; i < synced; ++i)
            journal.append(written.at(i));
        const double perFlow = double(clock.nsecsElapsed()) / 1e3 / synced;
        journal.close();
        FlowJournal::remove(path);
        return perFlow;
    };
    const double never = appendCost(FlowJournal::SyncPolicy::Never);
    const double periodic = appendCost(FlowJournal::SyncPolicy::Periodic);
    const double every = appendCost(FlowJournal::SyncPolicy::EveryRecord);

    std::printf("%d flows: framed %.1f MB records + %.1f MB bodies, legacy %.1f MB\n", flows,
                megabytes(framed), megabytes(FlowJournal::bodiesPath(framed)), megabytes(legacy));
    std::printf("write:   framed %.0f ms, legacy %.0f ms\n", writeFramed, writeLegacy);
    std::printf(
        "restart: framed read %.0f ms wall, %.0f ms CPU (%.0f ms wall per 100k flows; budget 1000)\n"
        "         records-only count %.0f ms wall, %.0f ms CPU; legacy read %.0f ms wall, %.0f ms CPU\n",
        readFramed, readFramedCpu, readFramed * 100000 / flows, countFramed, countFramedCpu, readLegacy,
        readLegacyCpu);
    std::printf(
        "append:  %.1f us/flow without fsync, %.1f us periodic (<= 1/s), %.1f us fdatasync per flow\n", never,
        periodic, every);
    // Judged on CPU time: the wall time of a shared machine measures its other work as well.
    return readFramedCpu * 100000 / flows <= 1000 ? 0 : 2;
}
