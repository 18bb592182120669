#include "capture/capturejournal.h"

#include <QDir>
#include <QFileInfo>

namespace Corscope {

CaptureJournal::CaptureJournal(const QString &path)
    : m_path(path)
{
    const QFileInfo info(path);
    m_leftoverPath =
        info.dir().filePath(info.completeBaseName() + QStringLiteral("-previous.") + info.suffix());
    QDir().mkpath(info.absolutePath());
    // A lock whose owner died is stale and taken over: QLockFile checks the process id.
    auto lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    if (!lock->tryLock(0))
        return;
    m_lock = std::move(lock);
    setAsideLeftover();
}

CaptureJournal::~CaptureJournal()
{
    if (!isActive())
        return;
    m_journal.close();
    QFile::remove(m_path);
}

void CaptureJournal::setAsideLeftover()
{
    QFile journal(m_path);
    if (!journal.exists() || journal.size() == 0) {
        journal.remove();
        return;
    }
    if (!QFile::exists(m_leftoverPath)) {
        journal.rename(m_leftoverPath);
        return;
    }
    // Two unclean ends in a row, the first never restored nor discarded: keep both, in order.
    QFile leftover(m_leftoverPath);
    if (!leftover.open(QIODevice::ReadWrite | QIODevice::Append) || !journal.open(QIODevice::ReadOnly))
        return;
    // A torn last line must not swallow the first line that follows it.
    if (leftover.size() > 0 && leftover.seek(leftover.size() - 1) && leftover.peek(1) != "\n")
        leftover.write("\n");
    leftover.seek(leftover.size());
    while (!journal.atEnd())
        leftover.write(journal.read(1 << 20));
    leftover.close();
    journal.close();
    journal.remove();
}

int CaptureJournal::leftoverFlowCount() const
{
    QFile leftover(m_leftoverPath);
    if (!isActive() || !leftover.open(QIODevice::ReadOnly))
        return 0;
    int lines = 0;
    bool blank = true;
    while (!leftover.atEnd()) {
        const QByteArray chunk = leftover.read(1 << 20);
        for (const char c : chunk) {
            if (c == '\n') {
                lines += blank ? 0 : 1;
                blank = true;
            } else if (c != ' ' && c != '\r' && c != '\t') {
                blank = false;
            }
        }
    }
    return lines;
}

void CaptureJournal::discardLeftover()
{
    if (isActive())
        QFile::remove(m_leftoverPath);
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
    QFile::remove(m_path);
}

} // namespace Corscope
