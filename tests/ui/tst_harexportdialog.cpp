#include "dialogs/harexportdialog.h"
#include "widgets/trafficcontroller.h"
#include "widgets/trafficview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <sys/stat.h>

using namespace Corscope;

namespace {

QByteArray readData(const QString &relative)
{
    QFile file(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har/") + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int modeOf(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}

QPushButton *okButton(QDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

// Answers the modal dialogs File → Export HAR opens, in turn, as a user would: each handler gets
// the active modal dialog and closes it.
class ModalScript : public QObject {
public:
    explicit ModalScript(QList<std::function<bool(QWidget *)>> steps)
        : m_steps(std::move(steps))
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || m_steps.isEmpty())
                return;
            if (m_steps.first()(modal))
                m_steps.removeFirst();
        });
        m_timer.start();
    }
    bool finished() const { return m_steps.isEmpty(); }

private:
    QList<std::function<bool(QWidget *)>> m_steps;
    QTimer m_timer;
};

} // namespace

// The dialog File → Export HAR asks first, and the file that export writes.
class TestHarExportDialog : public QObject {
    Q_OBJECT

private slots:
    void sharedByDefault()
    {
        HarExportDialog dialog;
        QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("sharedExport"))->isChecked());
        QCOMPARE(dialog.redaction().toSpec(), HarRedaction::shared().toSpec());
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("queryParameters"))
                    ->text()
                    .contains(u"access_token"));
        QVERIFY(okButton(&dialog)->isEnabled());
    }

    void eachOptionCounts()
    {
        HarExportDialog dialog;
        dialog.findChild<QCheckBox *>(QStringLiteral("redactCookies"))->setChecked(false);
        auto *query = dialog.findChild<QLineEdit *>(QStringLiteral("queryParameters"));
        query->setText(QStringLiteral("token, sig ,"));
        QCOMPARE(dialog.redaction().toSpec(), u"authorization,query=token,query=sig"_qs);
        dialog.findChild<QCheckBox *>(QStringLiteral("redactQuery"))->setChecked(false);
        QVERIFY(!query->isEnabled());
        QCOMPARE(dialog.redaction().toSpec(), u"authorization"_qs);
        dialog.findChild<QLineEdit *>(QStringLiteral("headerNames"))->setText(QStringLiteral("X-Api-Key"));
        QCOMPARE(dialog.redaction().toSpec(), u"authorization,header=x-api-key"_qs);
        dialog.findChild<QCheckBox *>(QStringLiteral("redactBodies"))->setChecked(true);
        QCOMPARE(dialog.redaction().toSpec(), u"authorization,header=x-api-key,bodies"_qs);
        // A private export keeps everything, and the options wait greyed out.
        auto *shared = dialog.findChild<QCheckBox *>(QStringLiteral("sharedExport"));
        shared->setChecked(false);
        QVERIFY(dialog.redaction().isEmpty());
        QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("redactCookies"))->isEnabled());
        shared->setChecked(true);
        QCOMPARE(dialog.redaction().toSpec(), u"authorization,header=x-api-key,bodies"_qs);
    }

    void aHeaderTheVerdictReadsCannotBeRedacted()
    {
        HarExportDialog dialog;
        auto *headers = dialog.findChild<QLineEdit *>(QStringLiteral("headerNames"));
        headers->setText(QStringLiteral("X-Api-Key, Access-Control-Allow-Origin"));
        QVERIFY(!dialog.problem().isEmpty());
        QVERIFY(!okButton(&dialog)->isEnabled());
        headers->setText(QStringLiteral("X-Api-Key"));
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(okButton(&dialog)->isEnabled());
    }

    void setRedactionShowsAChoice()
    {
        HarExportDialog dialog;
        HarRedaction chosen;
        chosen.cookies = true;
        chosen.queryParameters = {QStringLiteral("code")};
        dialog.setRedaction(chosen);
        QCOMPARE(dialog.redaction().toSpec(), chosen.toSpec());
        dialog.setRedaction({});
        QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("sharedExport"))->isChecked());
        QVERIFY(dialog.redaction().isEmpty());
    }

    // The action end to end: the dialog, the file dialog, then a file that is private under umask 0
    // and sanitized as the dialog said; cancelled, nothing is written.
    void exportActionAsksAndWritesAPrivateSanitizedFile()
    {
        TrafficView view;
        view.show();
        TrafficController controller(&view, QString());
        QSignalSpy finished(&controller, &TrafficController::importFinished);
        const QByteArray chrome = readData(u"chrome-devtools-save-all.har"_qs);
        QVERIFY(chrome.contains("session=s%3A9f2c"));
        QVERIFY(controller.importHar(chrome));
        QVERIFY(finished.wait(10000));
        QVERIFY(!controller.flows().isEmpty());

        QTemporaryDir dir;
        // The name the dialog proposes: QFileDialog applies its initial selection late enough to
        // overwrite another name chosen at once, which made this test pick a file at random.
        const QString path = dir.filePath(QStringLiteral("corscope.har"));
        {
            ModalScript cancel({[](QWidget *modal) {
                auto *dialog = qobject_cast<HarExportDialog *>(modal);
                if (dialog)
                    dialog->reject();
                return dialog != nullptr;
            }});
            view.exportHarAction()->trigger();
            QVERIFY(cancel.finished());
            QVERIFY(!QFile::exists(path));
        }
        ModalScript script(
            {[](QWidget *modal) {
                 auto *dialog = qobject_cast<HarExportDialog *>(modal);
                 if (!dialog)
                     return false;
                 dialog->findChild<QLineEdit *>(QStringLiteral("queryParameters"))
                     ->setText(QStringLiteral("notify"));
                 okButton(dialog)->click();
                 return true;
             },
             [&](QWidget *modal) {
                 auto *files = qobject_cast<QFileDialog *>(modal);
                 if (!files)
                     return false;
                 files->selectFile(path);
                 static_cast<QDialog *>(files)->accept(); // QFileDialog::accept, through the public slot
                 return true;
             }});
        const mode_t previous = ::umask(0);
        view.exportHarAction()->trigger();
        ::umask(previous);
        QVERIFY(script.finished());
        QCOMPARE(modeOf(path), 0600);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray har = file.readAll();
        QVERIFY(!har.contains("s%3A9f2c"));
        QVERIFY(har.contains("\"session=REDACTED\""));
        QVERIFY(!har.contains("notify=1"));
        QVERIFY(har.contains("\"_redacted\""));
        QVERIFY(har.contains("\"_cors\""));
        QVERIFY(har.contains("\"_redaction\": \"cookies,authorization,query=notify\""));
    }

    void writeHarKeepsEverythingWhenAskedAndStaysPrivate()
    {
        TrafficView view;
        TrafficController controller(&view, QString());
        QSignalSpy finished(&controller, &TrafficController::importFinished);
        QVERIFY(controller.importHar(readData(u"chrome-devtools-save-all.har"_qs)));
        QVERIFY(finished.wait(10000));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("private.har"));
        QFile existing(path); // an older export others could read is narrowed too
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.close();
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        QString error;
        const mode_t previous = ::umask(0);
        QVERIFY2(controller.writeHar(path, {}, &error), qPrintable(error));
        ::umask(previous);
        QCOMPARE(modeOf(path), 0600);
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QVERIFY(existing.readAll().contains("session=s%3A9f2c"));
    }
};

QTEST_MAIN(TestHarExportDialog)
#include "tst_harexportdialog.moc"
