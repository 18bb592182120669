#include "app/privatefile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Corscope;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 07777;
}

} // namespace

class TestPrivateFile : public QObject {
    Q_OBJECT

private slots:
    void init() { m_previousUmask = ::umask(0); } // the most permissive umask a user can have
    void cleanup() { ::umask(m_previousUmask); }

    void plainFileIsOwnerOnlyInOwnerOnlyFolders()
    {
        QTemporaryDir root;
        const QString path = root.filePath(QStringLiteral("a/b/capture.jsonl"));
        QFile file(path);
        QString error;
        QVERIFY2(PrivateFile::open(file, QIODevice::WriteOnly | QIODevice::Append, &error),
                 qPrintable(error));
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(modeOf(root.filePath(QStringLiteral("a"))), mode_t(0700));
        QCOMPARE(modeOf(root.filePath(QStringLiteral("a/b"))), mode_t(0700));
        QVERIFY(!PrivateFile::isReadableByOthers(path));
    }

    void saveFileIsOwnerOnlyAndExistingFilesAreNarrowed()
    {
        QTemporaryDir root;
        const QString path = root.filePath(QStringLiteral("export.har"));
        {
            QFile existing(path);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("old");
        }
        ::chmod(QFile::encodeName(path).constData(), 0666);
        QVERIFY(PrivateFile::isReadableByOthers(path));
        QSaveFile file(path);
        QString error;
        QVERIFY2(PrivateFile::open(file, QIODevice::WriteOnly, &error), qPrintable(error));
        file.write("{}");
        QVERIFY(file.commit());
        QCOMPARE(modeOf(path), mode_t(0600));
        // The folder existed before: it is the user's, and stays as it was.
        QCOMPARE(modeOf(root.path()), mode_t(0700)); // QTemporaryDir's own
    }

    void unwritableFolderIsAClearError()
    {
        QTemporaryDir root;
        ::chmod(QFile::encodeName(root.path()).constData(), 0500);
        QFile file(root.filePath(QStringLiteral("sub/x.har")));
        QString error;
        if (::geteuid() == 0)
            QSKIP("root writes into a 0500 folder");
        QVERIFY(!PrivateFile::open(file, QIODevice::WriteOnly, &error));
        QVERIFY(error.contains(QStringLiteral("sub")));
        ::chmod(QFile::encodeName(root.path()).constData(), 0700);
    }

private:
    mode_t m_previousUmask = 022;
};

QTEST_GUILESS_MAIN(TestPrivateFile)
#include "tst_privatefile.moc"
