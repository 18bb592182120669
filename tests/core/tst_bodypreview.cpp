#include "capture/bodypreview.h"
#include "http/contentdecoding.h"

#include <QTest>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

using namespace Corscope;

namespace {

QByteArray gzipped(const QByteArray &data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray brotlied(const QByteArray &data)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, size_t(data.size()),
                          reinterpret_cast<const uint8_t *>(data.data()), &size,
                          reinterpret_cast<uint8_t *>(out.data()));
    out.resize(qsizetype(size));
    return out;
}

QByteArray zstded(const QByteArray &data)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
    out.resize(qsizetype(ZSTD_compress(out.data(), size_t(out.size()), data.data(), size_t(data.size()), 3)));
    return out;
}

HeaderList typed(const QByteArray &contentType, const QByteArray &encoding = {})
{
    HeaderList headers;
    if (!contentType.isEmpty())
        headers.append("Content-Type", contentType);
    if (!encoding.isEmpty())
        headers.append("Content-Encoding", encoding);
    return headers;
}

const QByteArray kJson = "{\"zeta\":1,\"alpha\":[1,2.50,{}],\"s\":\"a,\\\"b\\\":{[\",\"n\":null}";
const QString kIndented = QStringLiteral("{\n"
    "  \"zeta\": 1,\n"
    "  \"alpha\": [\n"
    "    1,\n"
    "    2.50,\n"
    "    {}\n"
    "  ],\n"
    "  \"s\": \"a,\\\"b\\\":{[\",\n"
    "  \"n\": null\n"
    "}");

} // namespace

class TestBodyPreview : public QObject {
    Q_OBJECT

private slots:
    // DevTools' Preview keeps the server's key order and its numbers as written; a
    // QJsonDocument round trip would sort the keys and print 2.50 as 2.5.
    void jsonIsIndentedInTheServersOrder()
    {
        const BodyPreview preview = BodyPreview::of(kJson, kJson.size(), typed("application/json; charset=utf-8"));
        QCOMPARE(preview.kind, BodyPreview::Kind::Json);
        QCOMPARE(preview.text, kIndented);
        QVERIFY2(preview.summary.startsWith(QStringLiteral("JSON · ")), qPrintable(preview.summary));
    }

    void jsonServedAsTextIsStillIndentedAndSaysSo()
    {
        const BodyPreview preview = BodyPreview::of(kJson, kJson.size(), typed("text/html"));
        QCOMPARE(preview.kind, BodyPreview::Kind::Json);
        QVERIFY2(preview.summary.contains(QStringLiteral("served as text/html")), qPrintable(preview.summary));
    }

    void brokenJsonIsShownAsTextAndCalledSo()
    {
        const QByteArray broken = "{\"a\": 1,";
        const BodyPreview preview = BodyPreview::of(broken, broken.size(), typed("application/json"));
        QCOMPARE(preview.kind, BodyPreview::Kind::Text);
        QCOMPARE(preview.text, QString::fromLatin1(broken));
        QVERIFY2(preview.summary.contains(QStringLiteral("not valid JSON")), qPrintable(preview.summary));
    }

    void everyCodingABrowserNegotiatesIsUndone_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("gzip") << QByteArray("gzip") << gzipped(kJson);
        QTest::newRow("deflate (zlib)") << QByteArray("deflate") << qCompress(kJson).mid(4);
        QTest::newRow("br") << QByteArray("br") << brotlied(kJson);
        QTest::newRow("zstd") << QByteArray("zstd") << zstded(kJson);
        QTest::newRow("gzip then br") << QByteArray("gzip, br") << brotlied(gzipped(kJson));
    }
    void everyCodingABrowserNegotiatesIsUndone()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, body);
        const BodyPreview preview = BodyPreview::of(body, body.size(), typed("application/json", encoding));
        QCOMPARE(preview.kind, BodyPreview::Kind::Json);
        QCOMPARE(preview.text, kIndented);
        QVERIFY2(preview.summary.contains(QStringLiteral("-decoded from")), qPrintable(preview.summary));
    }

    void aBodyCutByTheCaptureCapStillDecodesAsFarAsItGoes()
    {
        QByteArray text;
        for (int i = 0; i < 20000; ++i)
            text += "line " + QByteArray::number(i) + '\n';
        const QByteArray full = gzipped(text);
        const QByteArray kept = full.left(full.size() / 2);
        const BodyPreview preview = BodyPreview::of(kept, full.size(), typed("text/plain", "gzip"));
        QCOMPARE(preview.kind, BodyPreview::Kind::Text);
        QVERIFY(preview.text.startsWith(QStringLiteral("line 0\nline 1\n")));
        QVERIFY(preview.text.size() < text.size());
        QVERIFY2(preview.summary.contains(QStringLiteral("the capture kept the first")), qPrintable(preview.summary));
    }

    void aCorruptOrUnknownCodingShowsTheBytesAsSentAndSaysWhy()
    {
        const QByteArray garbage = "\x01\x02\x03 not gzip at all";
        const BodyPreview corrupt = BodyPreview::of(garbage, garbage.size(), typed("application/octet-stream", "gzip"));
        QCOMPARE(corrupt.kind, BodyPreview::Kind::Binary);
        QVERIFY2(corrupt.summary.contains(QStringLiteral("does not decode as gzip")), qPrintable(corrupt.summary));
        const BodyPreview unknown = BodyPreview::of(QByteArray("abc"), 3, typed("text/plain", "compress"));
        QCOMPARE(unknown.kind, BodyPreview::Kind::Text);
        QCOMPARE(unknown.text, QStringLiteral("abc"));
        QVERIFY2(unknown.summary.contains(QStringLiteral("\"compress\"")), qPrintable(unknown.summary));
    }

    // A HAR keeps bodies decoded beside the server's Content-Encoding: read as kept.
    void aHarBodyDecodedAlreadyReadsAsItIs()
    {
        for (const char *coding : {"gzip", "deflate", "br"}) {
            const BodyPreview preview = BodyPreview::of(kJson, kJson.size(), typed("application/json", coding));
            QCOMPARE(preview.kind, BodyPreview::Kind::Json);
            QCOMPARE(preview.text, kIndented);
            QVERIFY2(preview.summary.contains(QStringLiteral("a HAR keeps bodies decoded")),
                     qPrintable(preview.summary));
        }
    }

    // A few KiB of gzip can expand to gigabytes; the preview stops at the cap.
    void aDecompressionBombStopsAtTheCap()
    {
        const QByteArray zeros(ContentDecoding::kMaxDecodedBytes + 4 * 1024 * 1024, 'a');
        const QByteArray bomb = gzipped(zeros);
        QVERIFY(bomb.size() < 200 * 1024);
        const DecodedContent content = ContentDecoding::decode(bomb, "gzip");
        QVERIFY(content.decoded);
        QVERIFY(content.truncated);
        QCOMPARE(content.bytes.size(), ContentDecoding::kMaxDecodedBytes);
    }

    void binaryIsAHexDumpWithItsAsciiColumn()
    {
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000");
        const BodyPreview preview = BodyPreview::of(png, png.size(), typed("image/png"));
        QCOMPARE(preview.kind, BodyPreview::Kind::Binary);
        QCOMPARE(preview.text,
                 QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|\n"
                                "00000010  00 00 00                                          |...|\n"));
        QVERIFY2(preview.summary.startsWith(QStringLiteral("Binary (image/png), shown as hex")),
                 qPrintable(preview.summary));
    }

    void aLongBinaryBodyDumpsOnlyItsStart()
    {
        const QByteArray blob(BodyPreview::kMaxHexBytes * 2, '\0');
        const BodyPreview preview = BodyPreview::of(blob, blob.size(), typed("application/octet-stream"));
        QCOMPARE(preview.text.count(u'\n'), BodyPreview::kMaxHexBytes / 16);
        QVERIFY2(preview.summary.contains(QStringLiteral("the dump shows the first")), qPrintable(preview.summary));
    }

    void textInTheDeclaredCharsetIsDecoded()
    {
        const QByteArray latin1 = "caf\xe9";
        const BodyPreview preview = BodyPreview::of(latin1, latin1.size(), typed("text/plain; charset=ISO-8859-1"));
        QCOMPARE(preview.kind, BodyPreview::Kind::Text);
        QCOMPARE(preview.text, QStringLiteral("café"));
    }

    void untypedBytesAreTextOnlyWhenTheyReadAsText()
    {
        QCOMPARE(BodyPreview::of("hello\n", 6, {}).kind, BodyPreview::Kind::Text);
        QCOMPARE(BodyPreview::of(QByteArray("he\0llo", 6), 6, {}).kind, BodyPreview::Kind::Binary);
        QCOMPARE(BodyPreview::of(QByteArray(), 0, {}).kind, BodyPreview::Kind::Empty);
    }
};

QTEST_GUILESS_MAIN(TestBodyPreview)
#include "tst_bodypreview.moc"
