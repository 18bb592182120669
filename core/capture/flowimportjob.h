#pragma once

#include "capture/flow.h"
#include "capture/flowanalyzer.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace Corscope {

// Loads flows from a file (a HAR capture, a capture journal) and evaluates them on a thread of
// its own, handing them over in batches, so a capture of thousands of entries never stalls the
// thread that shows them. A HAR is read one entry at a time (HarEntryStream), so the first
// batches are on screen while the rest of the file is still being read, and memory holds a batch,
// not the file. The reader and the analyzer live on the worker thread only; the signals arrive on
// the thread that made the job. Cancelling stops it at the next flow.
class FlowImportJob : public QObject {
    Q_OBJECT

public:
    // Runs on the worker thread: every flow of the source, or nullopt and *error.
    using Loader = std::function<std::optional<QList<Flow>>(QString *error)>;
    // Runs on the worker thread: the next flow of the source, or nullopt at its end (with *error
    // set when the source broke). *estimatedTotal is how many flows the whole source likely holds
    // (a file read so far extrapolated by its size), never less than those read.
    using Reader = std::function<std::optional<Flow>(QString *error, qsizetype *estimatedTotal)>;

    static std::unique_ptr<FlowImportJob> fromHar(QByteArray har, const BrowserProfile &profile);
    // Reads the file on the worker thread too: a HAR can run to hundreds of megabytes.
    static std::unique_ptr<FlowImportJob> fromHarFile(QString path, const BrowserProfile &profile);
    static std::unique_ptr<FlowImportJob> fromJournal(QString path, const BrowserProfile &profile);

    FlowImportJob(Loader loader, const BrowserProfile &profile, QObject *parent = nullptr);
    FlowImportJob(Reader reader, const BrowserProfile &profile, QObject *parent = nullptr);
    // Cancels a running job and waits for its thread.
    ~FlowImportJob() override;

    // Flows are numbered from firstFlowId, in the source's order.
    void start(quint64 firstFlowId);
    void cancel();
    bool isRunning() const;
    void setBatchSize(int flows) { m_batchSize = std::max(1, flows); }

    // A HAR entry as a finished flow.
    static Flow flowFromHar(const HarEntry &entry);
    static std::optional<QList<Flow>> flowsFromHar(const QByteArray &har, QString *error);

signals:
    // Flows delivered so far and how many the source holds: while a HAR is still being read, the
    // total is estimated from the bytes read, so it may change; at the end it is exact.
    void progress(qsizetype done, qsizetype total);
    void batchReady(const QList<Corscope::Flow> &flows, const QList<Corscope::FlowVerdict> &verdicts);
    // Verdicts given again for flows of earlier batches (or of the one just sent): a preflight
    // its request settled, the hops of a redirect chain. The last ones come before finished().
    void verdictsRevised(const QList<Corscope::FlowVerdict> &verdicts);
    // error is empty on success; a cancelled job reports cancelled and what it had delivered.
    void finished(qsizetype delivered, const QString &error, bool cancelled);

private:
    void run(quint64 firstFlowId);

    Reader m_reader;
    // A journal's flows keep the ids they were captured with: the user saw them as #N.
    bool m_keepIds = false;
    const BrowserProfile &m_profile;
    int m_batchSize = 250;
    std::atomic_bool m_cancelled = false;
    qsizetype m_delivered = 0; // on the job's own thread only
    QThread *m_thread = nullptr;
};

} // namespace Corscope
