#include "dialogs/aboutdialog.h"

#include <QTest>
#include <Qsci/qsciglobal.h>
#include <curl/curl.h>

class TestAboutDialog : public QObject {
    Q_OBJECT

private slots:
    void reportsTheLinkedLibcurl()
    {
        // Asked of libcurl directly, independently of BuildInfo, so a dialog that showed the
        // header version or a stale string would fail.
        const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
        QVERIFY(info && info->version);
        Corscope::AboutDialog dialog;
        QVERIFY2(dialog.curlVersionText().startsWith(QString::fromLatin1(info->version) + QLatin1Char(' ')),
                 qPrintable(dialog.curlVersionText()));
        QVERIFY(dialog.curlVersionText().contains(QString::fromLatin1(info->ssl_version)));
    }

    void reportsQtAndQScintilla()
    {
        Corscope::AboutDialog dialog;
        QCOMPARE(dialog.qtVersionText(), QString::fromLatin1(qVersion()));
        QCOMPARE(dialog.qscintillaVersionText(), QStringLiteral(QSCINTILLA_VERSION_STR));
        QVERIFY(dialog.qscintillaVersionText().startsWith(QLatin1String("2.")));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
