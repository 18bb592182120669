#pragma once

#include "capture/flow.h"

#include <QCoreApplication>
#include <QFile>

namespace Corscope {

// The capture on disk as it happens: one JSON line per finished flow, handed to the kernel
// before the next flow is taken, so a crash or `kill -9` loses nothing that completed. A torn
// last line (the process died mid-write) is skipped on recovery.
class FlowJournal {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FlowJournal)

public:
    // Opens (creating or appending to) the journal. False and *error when it cannot.
    bool open(const QString &path, QString *error);
    bool append(const Flow &flow);
    void close() { m_file.close(); }

    // Every complete flow in the journal, in order; *skipped counts unreadable lines.
    static QList<Flow> recover(const QString &path, int *skipped = nullptr, QString *error = nullptr);

    static QByteArray serialize(const Flow &flow);
    static std::optional<Flow> deserialize(const QByteArray &line);

private:
    QFile m_file;
};

} // namespace Corscope
