#pragma once

#include "capture/flow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

namespace Corscope {

// The capture on disk as it happens, so a crash or `kill -9` loses nothing that completed.
// Two files: the records file (`path`: a header, then one framed, checksummed record per finished
// flow holding its metadata — see journalformat.h) and the bodies file (`path` + ".bodies": the
// bodies' raw bytes, which the records point at). A flow's bodies are written before its record,
// and the record is written with one write(2) before the next flow is taken: a kill can tear only
// the last record, never leave an intact record without its bodies. Opening a journal to append
// cuts a torn tail first, so a new record is never glued onto a torn one. A journal of the first
// format (one JSON line per flow) is still read, and rewritten in this one when appended to.
//
// Durability: write(2) returning is enough for `kill -9` (the kernel has the bytes). For power
// loss, both files are fdatasync'ed at most once a second, when a flow is appended, and on close
// (SyncPolicy::Periodic); a record whose bodies did not reach the disk fails its bodies' checksum
// and is counted as corrupt, not read wrong.
class FlowJournal {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FlowJournal)

public:
    enum class SyncPolicy { Never, Periodic, EveryRecord };

    struct Recovery {
        QList<Flow> flows;
        int corrupt = 0;       // damaged records (or legacy lines) between intact ones, skipped
        bool tornTail = false; // the last record was torn (a kill mid-write), skipped
        int skipped() const { return corrupt + (tornTail ? 1 : 0); }
    };

    FlowJournal() = default;
    FlowJournal(const FlowJournal &) = delete;
    FlowJournal &operator=(const FlowJournal &) = delete;
    ~FlowJournal() { close(); }

    // Opens (creating, 0600 in a 0700 folder, or appending to) the journal; a torn tail is cut
    // and a legacy journal rewritten first. False and *error when it cannot.
    bool open(const QString &path, QString *error);
    bool append(const Flow &flow);
    void close();
    bool isOpen() const { return m_records.isOpen(); }
    void setSyncPolicy(SyncPolicy policy) { m_syncPolicy = policy; }

    // Every intact flow in the journal, in order, bodies included.
    static Recovery read(const QString &path, QString *error = nullptr);
    // The same over the two files' bytes (records, bodies): what read() runs on the mapped files.
    static Recovery readBytes(QByteArrayView records, QByteArrayView bodies);
    // The same as a list; *skipped counts unreadable records (a torn tail included).
    static QList<Flow> recover(const QString &path, int *skipped = nullptr, QString *error = nullptr);
    // Intact records, counted from the records file alone (no JSON parsed, no body read).
    static int count(const QString &path);
    // The largest flow id among the intact records (0 when there is none): a capture that may
    // restore them numbers its own flows after it.
    static quint64 largestId(const QString &path);

    static QString bodiesPath(const QString &path) { return path + QStringLiteral(".bodies"); }
    static bool remove(const QString &path);
    // Moves both files; false when the records file could not be moved.
    static bool rename(const QString &from, const QString &to);

    // The first format's line (bodies in base64), for tests and tools that write one.
    static QByteArray serialize(const Flow &flow);
    static std::optional<Flow> deserialize(const QByteArray &line);

private:
    bool create(const QString &path, QString *error);
    bool migrateLegacy(const QString &path, QString *error);
    void sync(bool force);

    QFile m_records;
    QFile m_bodies;
    quint64 m_bodiesEnd = 0;
    SyncPolicy m_syncPolicy = SyncPolicy::Periodic;
    QElapsedTimer m_sinceSync;
    bool m_dirty = false;
};

} // namespace Corscope
