#include "app/privatefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Corscope {

bool PrivateFile::makeDirectory(const QString &path, QString *error)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(absolute).isDir())
        return true;
    // Parents first, each created 0700 so no folder of the chain is briefly open to others.
    const QString parent = QFileInfo(absolute).absolutePath();
    if (parent != absolute && !makeDirectory(parent, error))
        return false;
    if (QDir().mkdir(absolute, kDirectoryPermissions) || QFileInfo(absolute).isDir())
        return true;
    if (error)
        *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(absolute));
    return false;
}

bool PrivateFile::open(QFileDevice &file, QIODevice::OpenMode mode, QString *error)
{
    const QString path = file.fileName();
    if (!makeDirectory(QFileInfo(path).absolutePath(), error))
        return false;
    bool opened = false;
    if (auto *plain = qobject_cast<QFile *>(&file))
        opened = plain->open(mode, kFilePermissions); // created 0600, whatever the umask
    else
        opened = file.open(mode);
    // QSaveFile writes a temporary file created with the umask's permissions and an existing
    // file keeps its own: both are narrowed before anything is written.
    if (opened && !file.setPermissions(kFilePermissions)) {
        if (auto *save = qobject_cast<QSaveFile *>(&file))
            save->cancelWriting();
        file.close();
        opened = false;
        if (error)
            *error = tr("Cannot make %1 private: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (!opened && error)
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return opened;
}

bool PrivateFile::isReadableByOthers(const QString &path)
{
    constexpr QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileInfo info(path);
    return info.exists() && (info.permissions() & others);
}

} // namespace Corscope
