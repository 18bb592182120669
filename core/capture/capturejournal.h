#pragma once

#include "capture/flowjournal.h"

#include <QCoreApplication>
#include <QLockFile>
#include <memory>

namespace Corscope {

// The journal of an interactive capture. Finished flows are appended as they come (FlowJournal);
// a clean end deletes the journal, so one found at the next start means that run crashed or was
// killed. That leftover is moved aside at once, so new flows never mix with it, and waits for the
// user to restore or discard it. A lock keeps two running instances from sharing one journal.
class CaptureJournal {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CaptureJournal)

public:
    explicit CaptureJournal(const QString &path);
    // A clean end: the journal goes, the leftover of an earlier run (not yet decided on) stays.
    ~CaptureJournal();

    // False when another running instance holds the journal: this one then journals nothing.
    bool isActive() const { return m_lock != nullptr; }
    QString path() const { return m_path; }
    QString leftoverPath() const { return m_leftoverPath; }
    // Intact records in the leftover, counted from its records file alone (no JSON parsed, no
    // body read); a torn last record is not counted.
    int leftoverFlowCount() const;
    void discardLeftover();

    // Opens the journal on the first flow, so a run that never captures leaves nothing behind.
    bool append(const Flow &flow);
    // The user cleared the capture: the journal starts empty.
    void clear();

private:
    void setAsideLeftover();

    QString m_path;
    QString m_leftoverPath;
    std::unique_ptr<QLockFile> m_lock;
    FlowJournal m_journal;
    bool m_opened = false;
};

} // namespace Corscope
