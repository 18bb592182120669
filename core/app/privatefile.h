#pragma once

#include <QCoreApplication>
#include <QFileDevice>
#include <QString>

namespace Corscope {

// Capture files carry cookies, Authorization headers and tokens in URLs: every one Corscope
// writes (HAR exports, journals, the GUI's capture journal) is created readable by its owner only,
// whatever the umask, and the folders Corscope creates for them are the owner's alone.
class PrivateFile {
    Q_DECLARE_TR_FUNCTIONS(Corscope::PrivateFile)

public:
    static constexpr QFileDevice::Permissions kFilePermissions =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    static constexpr QFileDevice::Permissions kDirectoryPermissions =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

    // Creates `path` and its missing parents 0700. A folder that already exists is left as it is
    // (it may be the user's own, shared on purpose); its files are still private.
    static bool makeDirectory(const QString &path, QString *error);

    // Opens a QFile or QSaveFile for writing after creating its missing parent folders 0700; the
    // file is 0600 from its first byte (QFile) or before its first byte is written (QSaveFile's
    // temporary file), and an existing file is narrowed to 0600.
    static bool open(QFileDevice &file, QIODevice::OpenMode mode, QString *error);

    // Whether anyone but the owner may read, write or run the file or folder at `path`.
    static bool isReadableByOthers(const QString &path);
};

} // namespace Corscope
