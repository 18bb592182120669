#include "capture/flowimportjob.h"
#include "har/harentrystream.h"
#include "har/harpairer.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <zlib.h>

using namespace Corscope;

namespace {

QString dataDir()
{
    return qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/har/");
}

QByteArray readData(const QString &relative)
{
    QFile file(dataDir() + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The whole-file read the stream replaces: one QJsonDocument of the file, every entry converted.
QList<HarEntry> wholeFileRead(const QByteArray &json)
{
    const QJsonObject log = QJsonDocument::fromJson(json).object().value(QStringLiteral("log")).toObject();
    QHash<QString, QJsonObject> pages;
    for (const QJsonValue &page : log.value(QStringLiteral("pages")).toArray())
        pages.insert(page.toObject().value(QStringLiteral("id")).toString(), page.toObject());
    QList<HarEntry> entries;
    const QJsonArray array = log.value(QStringLiteral("entries")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        HarError error;
        const QByteArray element = QJsonDocument(QJsonArray{array.at(i)}).toJson(QJsonDocument::Compact);
        std::optional<HarEntry> entry =
            harEntryFromJson(element.mid(1, element.size() - 2), i, pages, true, &error);
        if (entry)
            entries.append(*entry);
    }
    return entries;
}

struct StreamResult {
    QList<HarEntry> entries;
    std::optional<HarError> error;
};

StreamResult streamRead(const QByteArray &bytes, bool keepRaw = true)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    HarEntryStream stream(&buffer, HarEntryStream::Options{.keepRaw = keepRaw});
    StreamResult result;
    while (std::optional<HarEntry> entry = stream.next())
        result.entries.append(*entry);
    result.error = stream.error();
    return result;
}

void compareEntries(const QList<HarEntry> &actual, const QList<HarEntry> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const HarEntry &a = actual.at(i);
        const HarEntry &e = expected.at(i);
        QCOMPARE(a.index, e.index);
        QCOMPARE(a.started, e.started);
        QCOMPARE(a.method, e.method);
        QCOMPARE(a.url, e.url);
        QVERIFY(a.requestHeaders == e.requestHeaders);
        QCOMPARE(a.requestBody, e.requestBody);
        QCOMPARE(a.response.status, e.response.status);
        QCOMPARE(a.response.statusText, e.response.statusText);
        QVERIFY(a.response.headers == e.response.headers);
        QCOMPARE(a.response.body, e.response.body);
        QCOMPARE(a.redirectUrl, e.redirectUrl);
        QCOMPARE(a.networkError, e.networkError);
        QCOMPARE(a.raw, e.raw);
        QCOMPARE(a.page, e.page);
    }
}

// [RFC 1952] a gzip member of data (zlib's deflate with a gzip wrapper).
QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 64, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray utf16(const QByteArray &utf8, QStringConverter::Encoding encoding, bool bom)
{
    QStringEncoder encoder(encoding,
                           bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return encoder(QString::fromUtf8(utf8));
}

// A HAR of count entries, every third a cross-origin PUT whose preflight Chrome lists after it.
QByteArray generatedHar(int count)
{
    QByteArray json = "{\"log\": {\"version\": \"1.2\", \"entries\": [";
    for (int i = 0; i < count; ++i) {
        if (i)
            json += ',';
        const QByteArray url = "https://api.example/items/" + QByteArray::number(i / 3);
        const QByteArray time = QDateTime(QDate(2026, 12, 7), QTime(2, 0))
                                    .addMSecs(i * 10)
                                    .toUTC()
                                    .toString(Qt::ISODateWithMs)
                                    .toLatin1();
        if (i % 3 == 0)
            json +=
                "{\"startedDateTime\": \"" + time + "\", \"request\": {\"method\": \"PUT\", \"url\": \"" +
                url +
                "\", \"headers\": [{\"name\": \"Origin\", \"value\": \"https://app.example\"}]}, "
                "\"response\": {\"status\": 200, \"headers\": [{\"name\": \"Access-Control-Allow-Origin\", "
                "\"value\": \"https://app.example\"}], \"content\": {\"text\": \"ok\"}}}";
        else if (i % 3 == 1)
            json +=
                "{\"startedDateTime\": \"" + time +
                "\", \"_resourceType\": \"preflight\", \"request\": {\"method\": \"OPTIONS\", \"url\": \"" +
                url +
                "\", \"headers\": [{\"name\": \"Origin\", \"value\": \"https://app.example\"}, {\"name\": "
                "\"Access-Control-Request-Method\", \"value\": \"PUT\"}]}, \"response\": {\"status\": 204, "
                "\"headers\": [{\"name\": \"Access-Control-Allow-Origin\", \"value\": "
                "\"https://app.example\"}, {\"name\": \"Access-Control-Allow-Methods\", \"value\": "
                "\"PUT\"}]}}";
        else
            json += "{\"startedDateTime\": \"" + time +
                    "\", \"request\": {\"method\": \"GET\", \"url\": \"https://app.example/page/" +
                    QByteArray::number(i) + "\"}, \"response\": {\"status\": 200}}";
    }
    return json + "\n]}}\n";
}

HarEntry entry(qsizetype index, const QByteArray &method, const QString &url, qint64 atMs,
               const HeaderList &headers)
{
    HarEntry item;
    item.index = index;
    item.method = method;
    item.url = QUrl(url);
    item.started = QDateTime(QDate(2026, 12, 7), QTime(2, 0), QTimeZone::utc()).addMSecs(atMs);
    item.requestHeaders = headers;
    item.response.status = 200;
    return item;
}

HeaderList originHeaders()
{
    HeaderList headers;
    headers.append("Origin", "https://app.example");
    return headers;
}

HeaderList preflightHeaders(const QByteArray &method)
{
    HeaderList headers = originHeaders();
    headers.append("Access-Control-Request-Method", method);
    return headers;
}

} // namespace

class TestHarEntryStream : public QObject {
    Q_OBJECT

private slots:
    void entriesOneAtATimeEqualTheWholeFileRead_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : QDir(dataDir()).entryList({QStringLiteral("*.har")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << file;
    }

    void entriesOneAtATimeEqualTheWholeFileRead()
    {
        QFETCH(QString, file);
        const QByteArray json = readData(file);
        QVERIFY(!json.isEmpty());
        const QList<HarEntry> expected = wholeFileRead(json);
        QVERIFY(!expected.isEmpty());
        // From a file of its own, as the GUI and CLI read it.
        HarEntryStream stream(dataDir() + file, HarEntryStream::Options{.keepRaw = true});
        QList<HarEntry> actual;
        while (std::optional<HarEntry> item = stream.next())
            actual.append(*item);
        QVERIFY2(!stream.error(), qPrintable(stream.error() ? stream.error()->toString() : QString()));
        compareEntries(actual, expected);
        QCOMPARE(stream.bytesRead(), json.size());
        QCOMPARE(stream.totalBytes(), json.size());
        // The DevTools exports have pages; an entry keeps its own.
        if (file.contains(QLatin1String("save-all")))
            QVERIFY(!actual.first().page.isEmpty());
        // Without keepRaw the CORS fields are the same and nothing else is held.
        const StreamResult lean = streamRead(json, false);
        QCOMPARE(lean.entries.size(), expected.size());
        for (qsizetype i = 0; i < lean.entries.size(); ++i) {
            QVERIFY(lean.entries.at(i).raw.isEmpty());
            QVERIFY(lean.entries.at(i).page.isEmpty());
            QVERIFY(lean.entries.at(i).requestHeaders == expected.at(i).requestHeaders);
        }
    }

    void pagesAfterEntriesAreFoundForRawReads()
    {
        // HarWriter's QJsonDocument sorts keys: "entries" comes before "pages".
        const QByteArray json = "{\"log\": {\"entries\": [{\"pageref\": \"p1\", \"request\": {\"method\": "
                                "\"GET\", \"url\": \"https://a.example/\"}}], \"pages\": [{\"id\": \"p1\", "
                                "\"title\": \"Orders\"}], \"version\": \"1.2\"}}";
        const StreamResult result = streamRead(json);
        QVERIFY(!result.error);
        QCOMPARE(result.entries.size(), 1);
        QCOMPARE(result.entries.first().page.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Orders"));
    }

    void encodingsAndCompressionReadTheSameEntries_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("form");
        for (const QString &file :
             {QStringLiteral("chrome-devtools-save-all.har"), QStringLiteral("firefox-export.har")})
            for (const QString &form :
                 {QStringLiteral("gzip"), QStringLiteral("gzip-two-members"), QStringLiteral("utf8-bom"),
                  QStringLiteral("utf16le-bom"), QStringLiteral("utf16be-bom"), QStringLiteral("utf16le"),
                  QStringLiteral("gzip-utf16be-bom")})
                QTest::newRow(qPrintable(file + QLatin1Char(' ') + form)) << file << form;
    }

    void encodingsAndCompressionReadTheSameEntries()
    {
        QFETCH(QString, file);
        QFETCH(QString, form);
        const QByteArray json = readData(file);
        QByteArray bytes;
        if (form == QLatin1String("gzip"))
            bytes = gzip(json);
        else if (form == QLatin1String("gzip-two-members"))
            bytes = gzip(json.left(json.size() / 2)) + gzip(json.mid(json.size() / 2));
        else if (form == QLatin1String("utf8-bom"))
            bytes = "\xef\xbb\xbf" + json;
        else if (form == QLatin1String("utf16le-bom"))
            bytes = utf16(json, QStringConverter::Utf16LE, true);
        else if (form == QLatin1String("utf16be-bom"))
            bytes = utf16(json, QStringConverter::Utf16BE, true);
        else if (form == QLatin1String("utf16le"))
            bytes = utf16(json, QStringConverter::Utf16LE, false);
        else
            bytes = gzip(utf16(json, QStringConverter::Utf16BE, true));
        QVERIFY(bytes != json);
        QVERIFY(HarEntryStream::looksLikeHar(bytes.left(200)));
        QVERIFY(HarReader::looksLikeHar(bytes));
        const StreamResult result = streamRead(bytes);
        QVERIFY2(!result.error, qPrintable(result.error ? result.error->toString() : QString()));
        compareEntries(result.entries, wholeFileRead(json));
    }

    void aBrokenGzipIsAClearError()
    {
        const QByteArray compressed = gzip(readData(QStringLiteral("chrome-export.har")));
        const StreamResult truncated = streamRead(compressed.left(compressed.size() / 2));
        QVERIFY(truncated.error);
        QVERIFY2(truncated.error->toString().contains(QLatin1String("gzip")),
                 qPrintable(truncated.error->toString()));
        QByteArray corrupt = compressed;
        for (qsizetype i = 20; i < 60; ++i)
            corrupt[i] = char(0xff);
        const StreamResult bad = streamRead(corrupt);
        QVERIFY(bad.error);
        QVERIFY2(bad.error->toString().contains(QLatin1String("gzip")), qPrintable(bad.error->toString()));
    }

    void looksLikeHarPeeksTheBeginningOnly()
    {
        const QByteArray har = readData(QStringLiteral("chrome-export.har"));
        QVERIFY(HarEntryStream::looksLikeHar(har.left(30)));
        QVERIFY(HarEntryStream::looksLikeHar("{\"version\": 1, \"log\": {"));
        QVERIFY(!HarEntryStream::looksLikeHar("{\"log\": 1}"));
        QVERIFY(!HarEntryStream::looksLikeHar(
            "{\"name\": \"x\", \"request\": {\"url\": \"https://a.example\"}}"));
        QVERIFY(!HarEntryStream::looksLikeHar("[{\"log\": {}}]"));
        QVERIFY(!HarEntryStream::looksLikeHar(QByteArray()));
        QVERIFY(!HarEntryStream::looksLikeHar("\x1f\x8b"));
    }

    // Cut anywhere, the file gives an error at a line:column, and inside an entry it is the one
    // QJsonDocument gives for the whole cut file, as the whole-file reader reported.
    void truncatedFilesNameTheirPosition()
    {
        const QByteArray json = readData(QStringLiteral("chrome-devtools-save-all.har"));
        const qsizetype entriesStart = json.indexOf("\"entries\"");
        const qsizetype entriesEnd = json.lastIndexOf(']');
        QVERIFY(entriesStart > 0);
        int sameAsWholeFile = 0;
        int checked = 0;
        for (qsizetype cut = 1; cut < json.size() - 2; cut += 7) {
            const QByteArray broken = json.left(cut);
            const StreamResult result = streamRead(broken);
            QVERIFY2(result.error, qPrintable(QString::number(cut)));
            QVERIFY2(result.error->line > 0, qPrintable(QString::number(cut) + result.error->toString()));
            QJsonParseError whole;
            QJsonDocument::fromJson(broken, &whole);
            int line = 1;
            int column = 1;
            for (qsizetype i = 0; i < whole.offset && i < broken.size(); ++i) {
                if (broken.at(i) == '\n') {
                    ++line;
                    column = 1;
                } else {
                    ++column;
                }
            }
            if (cut > entriesStart + 20 && cut < entriesEnd) {
                ++checked;
                if (result.error->line == line && result.error->column == column)
                    ++sameAsWholeFile;
                else
                    qInfo("cut %lld: stream %s, whole %d:%d %s", qint64(cut),
                          qPrintable(result.error->toString()), line, column,
                          qPrintable(whole.errorString()));
            }
        }
        qInfo("%d of %d cuts inside the entries at the whole-file position", sameAsWholeFile, checked);
        QVERIFY(checked > 100);
        QVERIFY(sameAsWholeFile * 10 >= checked * 9);
    }

    void brokenSyntaxBetweenEntriesIsPositioned()
    {
        const QByteArray json = generatedHar(6);
        // The comma after the second entry becomes a space: line 1 is the header, the entries
        // are all on line 1 too, so the column is the byte.
        QByteArray broken = json;
        qsizetype comma = -1;
        int depth = 0;
        int seen = 0;
        const qsizetype listStart = json.indexOf('[');
        for (qsizetype i = listStart + 1; i < json.size(); ++i) {
            if (json.at(i) == '{')
                ++depth;
            else if (json.at(i) == '}')
                --depth;
            else if (json.at(i) == ',' && depth == 0 && ++seen == 2) {
                comma = i;
                break;
            }
        }
        QVERIFY(comma > 0);
        broken[comma] = ' ';
        const StreamResult result = streamRead(broken);
        QCOMPARE(result.entries.size(), 2); // the two before the break were read
        QVERIFY(result.error);
        QCOMPARE(result.error->line, 1);
        QVERIFY2(std::abs(result.error->column - int(comma + 1)) <= 2, qPrintable(result.error->toString()));
        QVERIFY(result.error->toString().startsWith(QStringLiteral("1:")));
    }

    void aPreflightListedAfterItsRequestIsPaired()
    {
        // Chrome's order: the PUT, then its preflight 2 ms later.
        QList<HarEntry> entries{
            entry(0, "PUT", QStringLiteral("https://api.example/o/1"), 0, originHeaders()),
            entry(1, "OPTIONS", QStringLiteral("https://api.example/o/1"), 2, preflightHeaders("PUT")),
        };
        entries[1].response.headers.append("Access-Control-Allow-Origin", "https://app.example");
        QList<HarScenario> scenarios = HarReader::crossOriginScenarios(entries);
        QCOMPARE(scenarios.size(), 1);
        QCOMPARE(scenarios.first().entryIndex, 0);
        QCOMPARE(scenarios.first().preflightEntryIndex, std::optional<qsizetype>(1));

        // Firefox's order pairs as before.
        std::swap(entries[0], entries[1]);
        entries[0].index = 0;
        entries[1].index = 1;
        scenarios = HarReader::crossOriginScenarios(entries);
        QCOMPARE(scenarios.size(), 1);
        QCOMPARE(scenarios.first().entryIndex, 1);
        QCOMPARE(scenarios.first().preflightEntryIndex, std::optional<qsizetype>(0));
    }

    void theNearerPreflightWinsAndAnotherMethodsIsLeft()
    {
        const QString url = QStringLiteral("https://api.example/o/1");
        const QList<HarEntry> entries{
            // A preflight long before (its request failed), the GET that needs none, the PUT and
            // its preflight after it.
            entry(0, "OPTIONS", url, 0, preflightHeaders("PUT")),
            entry(1, "GET", url, 5000, originHeaders()),
            entry(2, "PUT", url, 5100, originHeaders()),
            entry(3, "OPTIONS", url, 5102, preflightHeaders("PUT")),
        };
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(entries);
        QCOMPARE(scenarios.size(), 2);
        // The GET takes the one before (as the reader always did), never the PUT's after it.
        QCOMPARE(scenarios.at(0).entryIndex, 1);
        QCOMPARE(scenarios.at(0).preflightEntryIndex, std::optional<qsizetype>(0));
        QCOMPARE(scenarios.at(1).entryIndex, 2);
        QCOMPARE(scenarios.at(1).preflightEntryIndex, std::optional<qsizetype>(3));
    }

    void aPreflightOutsideTheWindowIsNotPaired()
    {
        const QString url = QStringLiteral("https://api.example/o/1");
        const QList<HarEntry> entries{
            entry(0, "PUT", url, 0, originHeaders()),
            entry(1, "OPTIONS", url, HarPairer::afterWindowMs + 500, preflightHeaders("PUT")),
        };
        const QList<HarScenario> scenarios = HarReader::crossOriginScenarios(entries);
        QCOMPARE(scenarios.size(), 1);
        QVERIFY(!scenarios.first().preflightEntryIndex);
    }

    void scenariosComeOutWhileEntriesStillArrive()
    {
        QList<qsizetype> emitted;
        HarPairer pairer([&emitted](HarScenario &&scenario) { emitted.append(scenario.entryIndex); });
        pairer.add(entry(0, "PUT", QStringLiteral("https://api.example/o/1"), 0, originHeaders()));
        pairer.add(
            entry(1, "OPTIONS", QStringLiteral("https://api.example/o/1"), 2, preflightHeaders("PUT")));
        for (qsizetype i = 2; i < HarPairer::lookahead + 3; ++i)
            pairer.add(entry(i, "GET", QStringLiteral("https://app.example/%1").arg(i), 10 + i, {}));
        // Settled before the end: nothing later can be its preflight any more.
        QCOMPARE(emitted, (QList<qsizetype>{0}));
        pairer.add(entry(500, "GET", QStringLiteral("https://api.example/x"), 900, originHeaders()));
        QCOMPARE(emitted.size(), 1);
        pairer.finish();
        QCOMPARE(emitted, (QList<qsizetype>{0, 500}));
    }

    void thePairerHoldsAWindowNotTheFile()
    {
        // Every entry shares one body: its reference count is the number of entries still held.
        QByteArray body(4096, 'x');
        qsizetype scenarios = 0;
        HarPairer pairer([&scenarios](HarScenario &&) { ++scenarios; });
        qsizetype mostHeld = 0;
        for (qsizetype i = 0; i < 5000; ++i) {
            HarEntry item =
                i % 2 ? entry(i, "GET", QStringLiteral("https://app.example/%1").arg(i), i, {})
                      : entry(i, "POST", QStringLiteral("https://api.example/%1").arg(i), i, originHeaders());
            item.response.body = body;
            pairer.add(std::move(item));
            mostHeld = std::max<qsizetype>(mostHeld, body.data_ptr().d_ptr()->ref_.loadRelaxed() - 1);
        }
        pairer.finish();
        QCOMPARE(scenarios, 2500);
        QVERIFY2(mostHeld <= HarPairer::lookahead + 2, qPrintable(QString::number(mostHeld)));
        QCOMPARE(body.data_ptr().d_ptr()->ref_.loadRelaxed(), 1);
    }

    void pairingIsLinear()
    {
        // 10,000 cross-origin requests among 30,000 entries, each with its preflight after it: the
        // old pairing looked at every earlier entry for each request.
        const QByteArray json = generatedHar(30000);
        QElapsedTimer timer;
        timer.start();
        const StreamResult result = streamRead(json, false);
        QVERIFY(!result.error);
        qsizetype paired = 0;
        qsizetype scenarios = 0;
        HarPairer pairer([&](HarScenario &&scenario) {
            ++scenarios;
            if (scenario.preflightEntryIndex == scenario.entryIndex + 1)
                ++paired;
        });
        for (const HarEntry &item : result.entries)
            pairer.add(item);
        pairer.finish();
        QCOMPARE(scenarios, 10000);
        QCOMPARE(paired, 10000);
        qInfo("30000 entries read and paired in %lld ms", timer.elapsed());
    }

    void anImportReportsMonotonicProgressAndCanBeCancelled()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.har"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(generatedHar(3000));
        }
        {
            auto job = FlowImportJob::fromHarFile(path, BrowserProfile::chromium());
            job->setBatchSize(100);
            QList<std::pair<qsizetype, qsizetype>> progress;
            qsizetype flows = 0;
            connect(job.get(), &FlowImportJob::progress, this, [&](qsizetype done, qsizetype total) {
                progress.append({done, total});
            });
            connect(job.get(), &FlowImportJob::batchReady, this,
                    [&](const QList<Flow> &batch, const QList<FlowVerdict> &) { flows += batch.size(); });
            QSignalSpy finished(job.get(), &FlowImportJob::finished);
            job->start(1);
            QVERIFY(finished.wait(60000));
            QCOMPARE(finished.first().at(1).toString(), QString());
            QCOMPARE(flows, 3000);
            QVERIFY(progress.size() >= 30);
            for (qsizetype i = 1; i < progress.size(); ++i) {
                QVERIFY(progress.at(i).first >= progress.at(i - 1).first);
                QVERIFY(progress.at(i).first <= progress.at(i).second);
            }
            QCOMPARE(progress.last(), (std::pair<qsizetype, qsizetype>{3000, 3000}));
            // The estimate was near the truth before the end.
            const auto middle = progress.at(progress.size() / 2);
            QVERIFY2(middle.second > 2000 && middle.second < 4500,
                     qPrintable(QString::number(middle.second)));
        }
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(generatedHar(60000));
        }
        auto job = FlowImportJob::fromHarFile(path, BrowserProfile::chromium());
        job->setBatchSize(50);
        qsizetype flows = 0;
        connect(job.get(), &FlowImportJob::batchReady, this,
                [&](const QList<Flow> &batch, const QList<FlowVerdict> &) {
                    flows += batch.size();
                    job->cancel();
                });
        QSignalSpy finished(job.get(), &FlowImportJob::finished);
        job->start(1);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(2).toBool(), true);
        QCOMPARE(finished.first().at(0).value<qsizetype>(), flows);
        QVERIFY2(flows > 0 && flows < 60000, qPrintable(QString::number(flows)));
    }

    void aFileThatBreaksPartWayKeepsWhatWasRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.har"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray json = generatedHar(900);
            file.write(json.left(json.size() * 2 / 3));
        }
        auto job = FlowImportJob::fromHarFile(path, BrowserProfile::chromium());
        qsizetype flows = 0;
        connect(job.get(), &FlowImportJob::batchReady, this,
                [&](const QList<Flow> &batch, const QList<FlowVerdict> &) { flows += batch.size(); });
        QSignalSpy finished(job.get(), &FlowImportJob::finished);
        job->start(1);
        QVERIFY(finished.wait(60000));
        const QString error = finished.first().at(1).toString();
        QVERIFY2(error.startsWith(QStringLiteral("1:")), qPrintable(error));
        QVERIFY(flows > 500 && flows < 900);
    }
    // Values are read as QJsonValue read them: the wrong type is absent, the last duplicate key
    // wins, a whole double is an integer, and what simdjson refuses but JSON allows (a lone
    // surrogate escape, an integer beyond 64 bits) still reads; bytes that are not UTF-8 are an
    // error at their position.
    void valuesReadAsQtReadThem()
    {
        const QByteArray entry =
            R"({"startedDateTime":"2026-12-07T01:02:03.456Z","request":{"method":"PUT",)"
            R"("url":"https://api.example/x","bodySize":123456789012345678901234567890,)"
            R"("headers":[{"name":"Origin","value":"https://app.example"},{"name":":authority","value":"x"},)"
            R"({"name":"X-Odd","value":"a\ud800b"},{"name":7,"value":"dropped"}]},)"
            R"("response":{"status":"200","status":204.0,"statusText":5,"headers":[],)"
            R"("content":{"size":12.5,"text":"aGk=","encoding":"base64"}},"_resourceType":"FETCH"})";
        const QByteArray har = R"({"log":{"version":"1.2","entries":[)" + entry + "]}}";
        const StreamResult result = streamRead(har, false);
        QVERIFY2(!result.error, qPrintable(result.error ? result.error->toString() : QString()));
        QCOMPARE(result.entries.size(), 1);
        const HarEntry &read = result.entries.first();
        QCOMPARE(read.method, QByteArray("PUT"));
        QCOMPARE(read.started, QDateTime(QDate(2026, 12, 7), QTime(1, 2, 3, 456), Qt::UTC));
        QCOMPARE(read.requestHeaders.size(), 2);
        QCOMPARE(read.requestHeaders.get("origin").value_or(QByteArray()), QByteArray("https://app.example"));
        const QByteArray odd = read.requestHeaders.get("x-odd").value_or(QByteArray());
        QVERIFY2(odd.startsWith('a') && odd.endsWith('b') && odd.size() > 2, odd.constData());
        QCOMPARE(read.requestBodySize, qint64(-1));
        QCOMPARE(read.response.status, 204);
        QCOMPARE(read.response.statusText, QByteArray());
        QCOMPARE(read.responseBodySize, qint64(-1));
        QCOMPARE(read.response.body, QByteArray("hi"));
        QCOMPARE(read.resourceType, QByteArray("fetch"));

        QByteArray broken = har;
        broken.replace("https://api.example/x", "https://api.example/\xff");
        const StreamResult refused = streamRead(broken, false);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->line, 1);
        QVERIFY2(refused.error->column > 0, qPrintable(refused.error->toString()));
    }
};

QTEST_GUILESS_MAIN(TestHarEntryStream)
#include "tst_harentrystream.moc"
