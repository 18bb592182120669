#pragma once

#include "session/sessionentry.h"

#include <QCoreApplication>
#include <QList>

namespace Corscope {

struct SessionFileError {
    QString message;
    int entry = -1; // index of the offending entry, -1 for the file as a whole
    QString toString() const;
};

// A workbench session as JSON: {"format": "corscope-session", "version": 1, "entries": [...]},
// each entry {kind, browser, time, scenario, evaluation}. The scenario (request and answers) is
// what a reader replays; the evaluation is written for other tools and for diffing, and read
// back only as a check.
class SessionFile {
    Q_DECLARE_TR_FUNCTIONS(Corscope::SessionFile)

public:
    static QByteArray write(const QList<SessionEntry> &entries);
    static std::optional<QList<SessionEntry>> read(const QByteArray &json, SessionFileError *error);
};

} // namespace Corscope
