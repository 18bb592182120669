#include "capture/capturejournal.h"

#include "app/privatefile.h"

#include <QDir>
#include <QFileInfo>

namespace Corscope {

CaptureJournal::CaptureJournal(const QString &path)
    : m_path(path)
{
    const QFileInfo info(path);
    m_leftoverPath =
        info.dir().filePath(info.completeBaseName() + QStringLiteral("-previous.") + info.suffix());
    // The folder is the owner's alone, so the lock file QLockFile creates is private with it.
    QString error;
    if (!PrivateFile::makeDirectory(info.absolutePath(), &error))
        return;
    // A lock whose owner died is stale and taken over: QLockFile checks the process id.
    auto lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    if (!lock->tryLock(0))
        return;
    QFile::setPermissions(path + QStringLiteral(".lock"), PrivateFile::kFilePermissions);
    m_lock = std::move(lock);
    setAsideLeftover();
}

CaptureJournal::~CaptureJournal()
{
    if (!isActive())
        return;
    m_journal.close();
    FlowJournal::remove(m_path);
}

void CaptureJournal::setAsideLeftover()
{
    // Nothing intact to offer back (no journal, an empty one, only a torn record).
    if (FlowJournal::count(m_path) == 0) {
        FlowJournal::remove(m_path);
        return;
    }
    if (!QFile::exists(m_leftoverPath)) {
        FlowJournal::rename(m_path, m_leftoverPath);
        return;
    }
    // Two unclean ends in a row, the first never restored nor discarded: keep both, in order. The
    // second run's flows are appended to the first's as records of their own (the append cuts a
    // torn tail first, so neither swallows the other).
    const QList<Flow> flows = FlowJournal::recover(m_path);
    FlowJournal leftover;
    QString error;
    if (!leftover.open(m_leftoverPath, &error))
        return;
    for (const Flow &flow : flows) {
        if (!leftover.append(flow))
            return;
    }
    leftover.close();
    FlowJournal::remove(m_path);
}

int CaptureJournal::leftoverFlowCount() const
{
    return isActive() ? FlowJournal::count(m_leftoverPath) : 0;
}

void CaptureJournal::discardLeftover()
{
    if (isActive())
        FlowJournal::remove(m_leftoverPath);
}

bool CaptureJournal::append(const Flow &flow)
{
    if (!isActive())
        return false;
    if (!m_opened) {
        QString error;
        m_opened = m_journal.open(m_path, &error);
        if (!m_opened)
            return false;
    }
    return m_journal.append(flow);
}

void CaptureJournal::clear()
{
    if (!isActive())
        return;
    m_journal.close();
    m_opened = false;
    FlowJournal::remove(m_path);
}

} // namespace Corscope
