#include "dialogs/responsecomparisondialog.h"
#include "editors/headernamecompletion.h"
#include "loopbackhttpserver.h"
#include "models/explanationmodel.h"
#include "models/headerdiffmodel.h"
#include "models/traffictablemodel.h"
#include "sender/sendsession.h"
#include "widgets/explanationview.h"
#include "widgets/headerdiffview.h"
#include "widgets/requestbuilder.h"
#include "widgets/trafficcontroller.h"
#include "widgets/trafficview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <Qsci/qsciscintilla.h>

using namespace Corscope;
using CorscopeTest::LoopbackHttpServer;
using CorscopeTest::LoopbackReply;
using CorscopeTest::LoopbackRequest;

// The bugs of issue 19 where a result pane showed something other than what happened: another
// request's result, a network error read as CORS, a completion the user did not pick, a diff
// counting noise, a size of 0. Each function failed before its fix.
class TestResultPanes : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SendSession> m_chromium;
    std::unique_ptr<SendSession> m_firefox;
    std::unique_ptr<RequestBuilder> m_builder;

    template<typename T> T *child(const char *name) const
    {
        return m_builder->findChild<T *>(QLatin1String(name));
    }

    void fillForm(const QString &url, const QString &origin = QStringLiteral("https://app.example"))
    {
        auto *urlEdit = child<QLineEdit>("url");
        urlEdit->clear();
        QTest::keyClicks(urlEdit, url);
        auto *originCombo = child<QComboBox>("origin");
        originCombo->clearEditText();
        QTest::keyClicks(originCombo->lineEdit(), origin);
    }

    // A port on loopback that nothing listens on: bound, then released.
    static quint16 closedPort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

    static FetchRequest putRequest(const QString &url)
    {
        FetchRequest request;
        request.url = QUrl(url);
        request.method = "PUT";
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.headers.append("X-Trace", "1");
        return request;
    }

    static HttpResponse response(int status, const HeaderList &headers)
    {
        HttpResponse r;
        r.status = status;
        r.headers = headers;
        return r;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_settings =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_chromium = std::make_unique<SendSession>(BrowserProfile::chromium());
        m_firefox = std::make_unique<SendSession>(BrowserProfile::firefox());
        m_builder = std::make_unique<RequestBuilder>(*m_settings,
                                                     QList<SendSession *>{m_chromium.get(), m_firefox.get()});
        m_builder->resize(1200, 800);
        m_builder->show();
        m_builder->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_builder.get()));
    }

    void cleanup()
    {
        m_builder.reset();
        m_firefox.reset();
        m_chromium.reset();
        m_settings.reset();
    }

    // Bug 1: pick a History row while a request is in flight, then Cancel: the form and the
    // result pane both keep showing the row picked, and the pane names it.
    void pickingHistoryWhileSendingSwitchesFormAndResultTogether()
    {
        const SessionEntry older = SessionEntry::explainOffline(
            putRequest(QStringLiteral("https://older.example/v1")), std::nullopt,
            response(200, {{"Access-Control-Allow-Origin", "https://app.example"},
                           {"Access-Control-Allow-Methods", "PUT"},
                           {"Access-Control-Allow-Headers", "x-trace"}}),
            BrowserProfile::chromium(), 1'700'000'000'000);
        QVERIFY(older.evaluation.allowed());

        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
        const QString slowUrl = server.url(QStringLiteral("/slow")).toString();
        fillForm(slowUrl);
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        m_builder->send();
        QTRY_COMPARE(server.requests().size(), 1);
        QVERIFY(m_builder->isSending());

        m_builder->showEntry(older);
        QCOMPARE(child<QLineEdit>("url")->text(), QStringLiteral("https://older.example/v1"));
        QVERIFY2(
            m_builder->explanationView()->subjectText().contains(QLatin1String("https://older.example/v1")),
            qPrintable(m_builder->explanationView()->subjectText()));

        m_builder->cancel();
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(!m_builder->isSending());
        // The cancelled request went to History, not into the pane beside the older form.
        QCOMPARE(completed.at(0).at(0).value<SessionEntry>().request().url.toString(), slowUrl);
        QCOMPARE(child<QLineEdit>("url")->text(), QStringLiteral("https://older.example/v1"));
        QVERIFY2(m_builder->explanationView()->verdictText().contains(QLatin1String("Allowed")),
                 qPrintable(m_builder->explanationView()->verdictText()));
        QVERIFY(
            m_builder->explanationView()->subjectText().contains(QLatin1String("https://older.example/v1")));
        QVERIFY2(m_builder->statusText().contains(QLatin1String("History")),
                 qPrintable(m_builder->statusText()));
        if (!qEnvironmentVariableIsEmpty("CORSCOPE_SCREENSHOT_DIR"))
            m_builder->grab().save(qEnvironmentVariable("CORSCOPE_SCREENSHOT_DIR") +
                                   QStringLiteral("/history-while-sending.png"));
    }

    // Bug 2: Enter after a status line is a newline, never "No Content-Type".
    void enterAfterAStatusLineInsertsANewline()
    {
        m_builder->setOffline(true);
        auto *editor = child<QsciScintilla>("responseHeaders");
        editor->setFocus();
        QTRY_VERIFY(editor->hasFocus());
        QTest::keyClicks(editor, QStringLiteral("HTTP/1.1 204 No Content"));
        QVERIFY(!editor->isListActive());
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, QStringLiteral("Vary: Origin"));
        QCOMPARE(editor->text(), QStringLiteral("HTTP/1.1 204 No Content\nVary: Origin"));

        // A name at the start of a line is offered, but Enter without a choice is a newline.
        editor->clear();
        QTest::keyClicks(editor, QStringLiteral("Cont"));
        QTRY_VERIFY(editor->isListActive());
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(editor->text(), QStringLiteral("Cont\n"));
        QVERIFY(!editor->isListActive());

        // Moving into the list and pressing Enter takes the suggestion.
        editor->clear();
        QTest::keyClicks(editor, QStringLiteral("Access-Control-Allow-Or"));
        QTRY_VERIFY(editor->isListActive());
        QTest::keyClick(editor, Qt::Key_Down);
        QTest::keyClick(editor, Qt::Key_Up);
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(editor->text(), QStringLiteral("Access-Control-Allow-Origin"));
    }

    void statusLinesAreNeverCompletedAsNames_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("name");
        QTest::newRow("name") << QStringLiteral("Content") << true;
        QTest::newRow("status line") << QStringLiteral("HTTP/1.1 204 No Content") << false;
        QTest::newRow("status line, lower case") << QStringLiteral("http/2 200 Cont") << false;
        QTest::newRow("value") << QStringLiteral("Vary: Cont") << false;
        QTest::newRow("indented") << QStringLiteral("  Cont") << false;
    }

    void statusLinesAreNeverCompletedAsNames()
    {
        QFETCH(QString, line);
        QFETCH(bool, name);
        QCOMPARE(HeaderNameCompletion::isTypingName(line), name);
    }

    // Bug 5: Escape closes; columns name their side in full; a preflight beside an actual
    // response says so; Date and request ids are greyed and not counted.
    void compareDialogSaysWhatItComparesAndIgnoresNoise()
    {
        const QString longUrl = QStringLiteral("https://api.example/v1/organisations/acme/projects/"
                                               "website/deployments/latest");
        // Stopped at its preflight: the OPTIONS answer has no Access-Control-Allow-Origin.
        const SessionEntry stopped = SessionEntry::explainOffline(
            putRequest(longUrl), response(204, {{"Date", "Mon, 07 Dec 2026 02:00:00 GMT"}}),
            response(200, {{"Date", "Mon, 07 Dec 2026 02:00:00 GMT"}}), BrowserProfile::chromium(),
            1'700'000'000'000);
        QVERIFY(!stopped.evaluation.allowed());
        const SessionEntry reached = SessionEntry::explainOffline(
            putRequest(longUrl),
            response(204, {{"Access-Control-Allow-Origin", "https://app.example"},
                           {"Access-Control-Allow-Methods", "PUT"},
                           {"Access-Control-Allow-Headers", "x-trace"}}),
            response(200, {{"Date", "Mon, 07 Dec 2026 02:05:00 GMT"},
                           {"X-Request-Id", "abc"},
                           {"Access-Control-Allow-Origin", "https://app.example"}}),
            BrowserProfile::chromium(), 1'700'000'300'000);
        QVERIFY(reached.evaluation.allowed());
        QVERIFY(ResponseComparisonDialog::finalResponse(stopped).preflight);
        QVERIFY(!ResponseComparisonDialog::finalResponse(reached).preflight);

        QWidget parent;
        parent.show();
        auto *dialog = new ResponseComparisonDialog(stopped, reached, &parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QPointer<ResponseComparisonDialog> alive(dialog);
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        QVERIFY2(dialog->mismatchText().contains(QLatin1String("preflight")),
                 qPrintable(dialog->mismatchText()));
        HeaderDiffModel *model = dialog->diffView()->diffModel();
        // Date differs and X-Request-Id is new, but only Access-Control-Allow-Origin counts.
        QCOMPARE(model->changedCount(), 1);
        QCOMPARE(model->noiseCount(), 2);
        QVERIFY2(dialog->diffView()->diffSummary().contains(QLatin1String("1 header(s) differ")),
                 qPrintable(dialog->diffView()->diffSummary()));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex name = model->index(row, HeaderDiffModel::Name);
            const bool noise = HeaderDiffModel::isPerResponseNoise(name.data().toString().toLatin1());
            QCOMPARE(name.data(Qt::ForegroundRole).isValid(), noise);
        }
        // Column titles keep their start (the method and URL) and carry the whole title.
        QHeaderView *header = dialog->diffView()->diffTable()->horizontalHeader();
        QVERIFY(header->defaultAlignment() & Qt::AlignLeft);
        QCOMPARE(header->textElideMode(), Qt::ElideRight);
        QCOMPARE(model->headerData(HeaderDiffModel::Left, Qt::Horizontal, Qt::ToolTipRole).toString(),
                 ResponseComparisonDialog::entryTitle(stopped));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("comparisonTitles"))->text().contains(longUrl));

        if (!qEnvironmentVariableIsEmpty("CORSCOPE_SCREENSHOT_DIR"))
            dialog->grab().save(qEnvironmentVariable("CORSCOPE_SCREENSHOT_DIR") +
                                QStringLiteral("/compare.png"));
        // Escape with the focus in the table closes the dialog.
        dialog->diffView()->diffTable()->setFocus();
        QTest::keyClick(dialog->diffView()->diffTable(), Qt::Key_Escape);
        QTRY_VERIFY(alive.isNull() || !alive->isVisible());
    }

    // Bug 6: a refused connection shows the browser's own words and is not called CORS.
    void networkErrorsReadAsTheBrowserShowsThem()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1/refused").arg(port);
        fillForm(url);
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        m_builder->send();
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 15000);
        ExplanationView *view = m_builder->explanationView();
        QVERIFY2(view->verdictText().contains(QLatin1String("Network error")),
                 qPrintable(view->verdictText()));
        QVERIFY(view->verdictText().contains(QLatin1String("not a CORS problem")));
        QVERIFY(!view->verdictText().contains(QLatin1String("Blocked")));
        QVERIFY2(view->consoleText().contains(QStringLiteral("GET %1 net::ERR_CONNECTION_REFUSED").arg(url)),
                 qPrintable(view->consoleText()));
        QVERIFY(view->consoleText().contains(QLatin1String("TypeError: Failed to fetch")));
        QVERIFY2(!m_builder->statusText().startsWith(QLatin1String("Done")),
                 qPrintable(m_builder->statusText()));
        QVERIFY(m_builder->statusText().contains(QLatin1String("not a CORS problem")));
        if (!qEnvironmentVariableIsEmpty("CORSCOPE_SCREENSHOT_DIR"))
            m_builder->grab().save(qEnvironmentVariable("CORSCOPE_SCREENSHOT_DIR") +
                                   QStringLiteral("/network-error.png"));

        m_builder->selectBrowser(QStringLiteral("firefox"));
        m_builder->send();
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 2, 15000);
        QVERIFY2(view->consoleText().contains(
                     QLatin1String("TypeError: NetworkError when attempting to fetch resource.")),
                 qPrintable(view->consoleText()));
        QVERIFY(!view->consoleText().contains(QLatin1String("net::ERR_")));

        // A refused preflight: DevTools names the page's PUT, not the OPTIONS.
        m_builder->selectBrowser(QStringLiteral("chromium"));
        child<QComboBox>("method")->setCurrentText(QStringLiteral("PUT"));
        child<QsciScintilla>("requestHeaders")->setText(QStringLiteral("X-Trace: 1\n"));
        m_builder->send();
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 3, 15000);
        QVERIFY(view->model()->evaluation().preflightSent);
        QVERIFY2(view->consoleText().contains(QStringLiteral("PUT %1 net::ERR_CONNECTION_REFUSED").arg(url)),
                 qPrintable(view->consoleText()));
    }

    void cancelSaysCancelled()
    {
        LoopbackHttpServer server;
        QVERIFY(server.listenLoopback());
        server.setHandler([](const LoopbackRequest &) { return LoopbackReply::silence(); });
        fillForm(server.url(QStringLiteral("/slow")).toString());
        QSignalSpy completed(m_builder.get(), &RequestBuilder::entryCompleted);
        m_builder->send();
        QTRY_COMPARE(server.requests().size(), 1);
        QTest::mouseClick(child<QWidget>("cancel"), Qt::LeftButton);
        QTRY_COMPARE(completed.size(), 1);
        ExplanationView *view = m_builder->explanationView();
        QVERIFY2(view->verdictText().contains(QLatin1String("Cancelled")), qPrintable(view->verdictText()));
        QVERIFY(!view->verdictText().contains(QLatin1String("network-error")));
        QVERIFY2(m_builder->statusText().startsWith(QLatin1String("Cancelled")),
                 qPrintable(m_builder->statusText()));
        QVERIFY(!m_builder->statusText().contains(QLatin1String(" ms")));
    }

    // Bug 7: a HAR that gives sizes shows them: content.size, or (an exporter that keeps no
    // content says 0 or nothing there) response.bodySize, the bytes received.
    void harSizesAreShown_data()
    {
        QTest::addColumn<QByteArray>("sizes");
        QTest::addColumn<qint64>("shown");
        QTest::newRow("content.size, no text")
            << QByteArray("\"content\": {\"size\": 5120}, \"bodySize\": 2048") << qint64(5120);
        QTest::newRow("content.size 0, bodySize")
            << QByteArray("\"content\": {\"size\": 0}, \"bodySize\": 2048") << qint64(2048);
        QTest::newRow("no content.size, bodySize")
            << QByteArray("\"content\": {}, \"bodySize\": 777") << qint64(777);
    }

    void harSizesAreShown()
    {
        QFETCH(QByteArray, sizes);
        QFETCH(qint64, shown);
        TrafficView view;
        view.show();
        TrafficController controller(&view, QString());
        QSignalSpy finished(&controller, &TrafficController::importFinished);
        const QByteArray har =
            QByteArray("{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"test\"}, "
                       "\"entries\": [{\"startedDateTime\": \"2026-11-20T09:14:03.001Z\", "
                       "\"time\": 12, \"request\": {\"method\": \"GET\", \"url\": "
                       "\"https://api.example/v1/big\", \"httpVersion\": \"HTTP/1.1\", "
                       "\"headers\": [{\"name\": \"Origin\", \"value\": "
                       "\"https://app.example\"}], \"headersSize\": -1, \"bodySize\": 0}, "
                       "\"response\": {\"status\": 200, \"statusText\": \"OK\", "
                       "\"headers\": [{\"name\": \"Access-Control-Allow-Origin\", "
                       "\"value\": \"*\"}], ") +
            sizes + "}, \"timings\": {\"send\": 1, \"wait\": 10, \"receive\": 1}}]}}";
        QVERIFY(controller.importHar(har));
        QVERIFY(finished.wait(30000));
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.model()->entryAt(0)->responseBytes, shown);
        QCOMPARE(view.model()->index(0, TrafficTableModel::Size).data().toString(),
                 QLocale().formattedDataSize(shown));
    }
};

QTEST_MAIN(TestResultPanes)
#include "tst_resultpanes.moc"
