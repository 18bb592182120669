#include "capture/flowimportjob.h"

#include "capture/flowjournal.h"
#include "har/harentrystream.h"
#include "har/harreader.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QThread>

namespace Corscope {

std::optional<QList<Flow>> FlowImportJob::flowsFromHar(const QByteArray &har, QString *error)
{
    HarError harError;
    const auto entries = HarReader::read(har, &harError);
    if (!entries) {
        *error = harError.toString();
        return std::nullopt;
    }
    QList<Flow> flows;
    flows.reserve(entries->size());
    for (const HarEntry &entry : *entries)
        flows.append(flowFromHar(entry));
    return flows;
}

namespace {

// The flows of a HAR read one entry at a time from a device the reader owns.
FlowImportJob::Reader harReader(std::function<std::unique_ptr<QIODevice>(QString *error)> open)
{
    struct State {
        std::unique_ptr<QIODevice> device;
        std::unique_ptr<HarEntryStream> stream;
        bool failed = false;
    };
    auto state = std::make_shared<State>();
    return [state, open = std::move(open)](QString *error, qsizetype *estimatedTotal) -> std::optional<Flow> {
        if (state->failed)
            return std::nullopt;
        if (!state->stream) {
            state->device = open(error);
            if (!state->device) {
                state->failed = true;
                return std::nullopt;
            }
            // The entry's own JSON is kept: it is what a re-export writes back unchanged.
            state->stream = std::make_unique<HarEntryStream>(state->device.get(),
                                                             HarEntryStream::Options{.keepRaw = true});
        }
        std::optional<HarEntry> entry = state->stream->next();
        if (!entry) {
            if (state->stream->error())
                *error = state->stream->error()->toString();
            return std::nullopt;
        }
        const qsizetype read = entry->index + 1;
        const qint64 bytes = state->stream->bytesRead();
        const qint64 total = state->stream->totalBytes();
        *estimatedTotal =
            bytes > 0 && total > bytes
                ? std::max<qsizetype>(read, qsizetype(double(read) * double(total) / double(bytes)))
                : read;
        return FlowImportJob::flowFromHar(*entry);
    };
}

} // namespace

std::unique_ptr<FlowImportJob> FlowImportJob::fromHar(QByteArray har, const BrowserProfile &profile)
{
    return std::make_unique<FlowImportJob>(
        harReader([har = std::move(har)](QString *) -> std::unique_ptr<QIODevice> {
            auto buffer = std::make_unique<QBuffer>();
            buffer->setData(har);
            buffer->open(QIODevice::ReadOnly);
            return buffer;
        }),
        profile);
}

std::unique_ptr<FlowImportJob> FlowImportJob::fromHarFile(QString path, const BrowserProfile &profile)
{
    return std::make_unique<FlowImportJob>(
        harReader([path = std::move(path)](QString *error) -> std::unique_ptr<QIODevice> {
            auto file = std::make_unique<QFile>(path);
            if (!file->open(QIODevice::ReadOnly)) {
                *error = tr("Cannot read %1: %2").arg(path, file->errorString());
                return nullptr;
            }
            return file;
        }),
        profile);
}

std::unique_ptr<FlowImportJob> FlowImportJob::fromJournal(QString path, const BrowserProfile &profile)
{
    auto job = std::make_unique<FlowImportJob>(
        [path = std::move(path)](QString *error) -> std::optional<QList<Flow>> {
            QList<Flow> flows = FlowJournal::recover(path, nullptr, error);
            if (!error->isEmpty())
                return std::nullopt;
            return flows;
        },
        profile);
    job->m_keepIds = true;
    return job;
}

FlowImportJob::FlowImportJob(Loader loader, const BrowserProfile &profile, QObject *parent)
    : FlowImportJob(
          [loader = std::move(loader), flows = std::optional<QList<Flow>>(),
           next = qsizetype(0)](QString *error, qsizetype *estimatedTotal) mutable -> std::optional<Flow> {
              if (!flows) {
                  flows = loader(error);
                  if (!flows)
                      return std::nullopt;
              }
              *estimatedTotal = flows->size();
              if (next >= flows->size())
                  return std::nullopt;
              return std::move((*flows)[next++]);
          },
          profile, parent)
{
}

FlowImportJob::FlowImportJob(Reader reader, const BrowserProfile &profile, QObject *parent)
    : QObject(parent)
    , m_reader(std::move(reader))
    , m_profile(profile)
{
}

FlowImportJob::~FlowImportJob()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

Flow FlowImportJob::flowFromHar(const HarEntry &entry)
{
    Flow flow;
    flow.state = Flow::State::Complete;
    flow.started = entry.started;
    flow.method = entry.method;
    flow.url = entry.url;
    flow.requestHeaders = entry.requestHeaders;
    flow.requestBody = entry.requestBody.value_or(QByteArray());
    flow.requestBodySize = flow.requestBody.size();
    flow.status = entry.response.status;
    flow.reason = entry.response.statusText;
    flow.responseHeaders = entry.response.headers;
    flow.responseBody = entry.response.body;
    // The sizes as the file gives them: a capture keeps only the first bytes of a large body.
    flow.requestBodySize = std::max<qint64>(flow.requestBodySize, entry.requestBodySize);
    flow.responseBodySize = std::max<qint64>(flow.responseBody.size(), entry.responseBodySize);
    // [HAR 1.2] response.bodySize (bytes received, -1 unknown) when content.size is missing or 0:
    // exporters that keep no content, or a zero for a body they did not decode, still give it.
    if (flow.responseBodySize <= 0)
        flow.responseBodySize = std::max<qint64>(0, entry.raw.value(QStringLiteral("response"))
                                                        .toObject()
                                                        .value(QStringLiteral("bodySize"))
                                                        .toInteger(0));
    flow.originalResponseHeaders = entry.originalResponseHeaders;
    // A failed flow as HarWriter writes it: Corscope's own account in _corscopeError. Without it
    // the flow comes back as a complete one, and a refused or timed-out request looks answered.
    if (entry.corscopeError) {
        flow.state = Flow::State::Error;
        flow.errorKind = flowErrorFromName(entry.corscopeError->kind);
        flow.error = entry.corscopeError->message;
        flow.proxyAnswerStatus = entry.corscopeError->proxyAnswerStatus;
        if (flow.error.isEmpty())
            flow.error = entry.networkError;
    }
    // [RFC 9110] 9.3.6 CONNECT: HarWriter writes a tunnel as a CONNECT to https://host:port;
    // browsers never write CONNECT entries of their own.
    flow.tunnel = entry.method == "CONNECT";
    if (const QJsonValue tls = entry.raw.value(QStringLiteral("_tls")); tls.isObject())
        flow.tls = TlsDetails::fromJson(tls.toObject());
    const QJsonObject corscope = entry.raw.value(QStringLiteral("_corscope")).toObject();
    flow.answeredLocally = corscope.value(QStringLiteral("answeredLocally")).toBool();
    for (const QJsonValue &rule : corscope.value(QStringLiteral("rules")).toArray())
        flow.appliedRules.append(rule.toString());
    flow.httpVersion = entry.raw.value(QStringLiteral("request"))
                           .toObject()
                           .value(QStringLiteral("httpVersion"))
                           .toString(QStringLiteral("HTTP/1.1"))
                           .toLatin1();
    flow.serverAddress = entry.raw.value(QStringLiteral("serverIPAddress")).toString();
    // [HAR 1.2] timings: blocked, dns, connect, send, wait, receive follow one another (ssl is
    // inside connect); -1 means the phase did not happen.
    const QJsonObject timings = entry.raw.value(QStringLiteral("timings")).toObject();
    auto phase = [&](const char *name) {
        return std::max(0.0, timings.value(QLatin1String(name)).toDouble(-1));
    };
    if (!timings.isEmpty()) {
        flow.requestSentMs = phase("blocked") + phase("dns") + phase("connect") + phase("send");
        flow.responseHeadersMs = flow.requestSentMs + phase("wait");
    }
    flow.completeMs = entry.raw.value(QStringLiteral("time")).toDouble(-1);
    flow.harEntry = entry.raw;
    flow.harPage = entry.page;
    return flow;
}

void FlowImportJob::start(quint64 firstFlowId)
{
    if (m_thread)
        return;
    m_thread = QThread::create([this, firstFlowId] { run(firstFlowId); });
    m_thread->setObjectName(QStringLiteral("FlowImportJob"));
    m_thread->start(QThread::LowPriority);
}

void FlowImportJob::cancel()
{
    m_cancelled = true;
}

bool FlowImportJob::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void FlowImportJob::run(quint64 firstFlowId)
{
    // Everything below runs on the worker thread; results cross to this object's thread by queued
    // calls, which the destructor's wait() keeps from outliving it.
    auto post = [this](auto &&function) {
        QMetaObject::invokeMethod(this, std::move(function), Qt::QueuedConnection);
    };
    QString error;
    post([this] { emit progress(0, 0); });
    FlowAnalyzer analyzer(m_profile);
    // Flows whose verdict a Corscope capture saved while it still waited for later flows: settled
    // here, they say so, so the import does not silently show another verdict than the capture did.
    QSet<quint64> savedPending;
    QSet<quint64> usedIds;
    auto note = [&savedPending](FlowVerdict &verdict) {
        if (verdict.settled && savedPending.remove(verdict.flowId))
            verdict.assumptions << tr("when this capture was saved, this verdict was still waiting for later "
                                      "flows; the file ends here, so it is settled without them");
    };
    QList<Flow> batch;
    QList<FlowVerdict> verdicts;
    QList<FlowVerdict> revised; // posted after the batch they may refer to
    qsizetype done = 0;
    qsizetype total = 0;
    auto send = [&] {
        post([this, batch = std::move(batch), verdicts = std::move(verdicts), done, total] {
            // Batches already on their way when the user cancelled are dropped, so Cancel
            // stops the list from growing at once.
            if (m_cancelled)
                return;
            m_delivered += batch.size();
            emit batchReady(batch, verdicts);
            emit progress(done, total);
        });
        batch = {};
        verdicts = {};
        if (!revised.isEmpty())
            post([this, revised = std::exchange(revised, {})] {
                if (!m_cancelled)
                    emit verdictsRevised(revised);
            });
    };
    while (!m_cancelled) {
        std::optional<Flow> next = m_reader(&error, &total);
        if (!next)
            break;
        Flow &flow = *next;
        // A kept id is unique (a damaged journal could repeat one) and below the imports' range,
        // which the capture's own ids never reach (CaptureSession numbers them after the journal's).
        if (!m_keepIds || flow.id == 0 || flow.id >= firstFlowId || usedIds.contains(flow.id))
            flow.id = firstFlowId + quint64(done);
        if (m_keepIds)
            usedIds.insert(flow.id);
        if (flow.harEntry.value(QStringLiteral("_cors")).toObject().value(QStringLiteral("pending")).toBool())
            savedPending.insert(flow.id);
        verdicts.append(analyzer.analyze(flow));
        note(verdicts.last());
        for (FlowRevision &revision : analyzer.takeRevisions()) {
            note(revision.verdict);
            revised.append(std::move(revision.verdict));
        }
        batch.append(std::move(flow));
        ++done;
        total = std::max(total, done);
        if (batch.size() >= m_batchSize)
            send();
    }
    if (!error.isEmpty() && !m_cancelled) {
        // A file that breaks part-way keeps what was read before the break; the error says where.
        if (!batch.isEmpty()) {
            total = done;
            send();
        }
        post([this, error] { emit finished(m_delivered, error, false); });
        return;
    }
    total = done;
    if (!batch.isEmpty())
        send();
    // The estimate gives way to the count: the bar ends full.
    post([this, done] {
        if (!m_cancelled)
            emit progress(done, done);
    });
    // The file is all there is: what waited for a later entry is settled now.
    analyzer.finish();
    for (FlowRevision &revision : analyzer.takeRevisions()) {
        note(revision.verdict);
        revised.append(std::move(revision.verdict));
    }
    if (!revised.isEmpty())
        post([this, revised = std::move(revised)] {
            if (!m_cancelled)
                emit verdictsRevised(revised);
        });
    post([this] { emit finished(m_delivered, QString(), m_cancelled); });
}

} // namespace Corscope
