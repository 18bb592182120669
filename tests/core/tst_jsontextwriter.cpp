#include "report/jsontextwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Corscope;

// The writer must produce exactly the bytes of QJsonDocument::toJson(Compact): each case builds
// the same structure both ways and compares bytes.
class TestJsonTextWriter : public QObject {
    Q_OBJECT

private:
    // Writes a QJsonValue through the writer, members in the order given (shuffled when asked,
    // so the sorting at close is exercised).
    static void writeValue(JsonTextWriter &writer, const QJsonValue &value, QRandomGenerator *rng)
    {
        switch (value.type()) {
        case QJsonValue::Null:
            writer.nullValue();
            return;
        case QJsonValue::Bool:
            writer.value(value.toBool());
            return;
        case QJsonValue::Double:
            writer.value(qint64(value.toInteger()));
            return;
        case QJsonValue::String:
            writer.value(QStringView(value.toString()));
            return;
        case QJsonValue::Array:
            writer.beginArray();
            for (const QJsonValue &item : value.toArray())
                writeValue(writer, item, rng);
            writer.endArray();
            return;
        case QJsonValue::Object: {
            const QJsonObject object = value.toObject();
            QStringList keys = object.keys();
            if (rng) {
                for (qsizetype i = keys.size() - 1; i > 0; --i)
                    keys.swapItemsAt(i, rng->bounded(int(i + 1)));
            }
            writer.beginObject();
            for (const QString &key : keys) {
                const QByteArray latin = key.toLatin1();
                writer.key(QLatin1StringView(latin));
                writeValue(writer, object.value(key), rng);
            }
            writer.endObject();
            return;
        }
        case QJsonValue::Undefined:
            break;
        }
        QFAIL("unexpected value type");
    }

    static QByteArray viaWriter(const QJsonValue &value, QRandomGenerator *rng = nullptr)
    {
        QByteArray out;
        JsonTextWriter writer(out);
        writeValue(writer, value, rng);
        [&] {
            QVERIFY(writer.isComplete());
        }();
        return out;
    }

    static QByteArray viaQt(const QJsonValue &value)
    {
        // QJsonDocument holds only objects and arrays; wrap and strip for a bare value.
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }

    static QString randomString(QRandomGenerator &rng)
    {
        QString s;
        const int length = rng.bounded(12);
        for (int i = 0; i < length; ++i) {
            switch (rng.bounded(6)) {
            case 0:
                s.append(QChar(char16_t(rng.bounded(0x20)))); // C0 control
                break;
            case 1:
                s.append(QChar(char16_t(0x20 + rng.bounded(0x60)))); // printable ASCII + DEL
                break;
            case 2:
                s.append(QChar(char16_t(0x80 + rng.bounded(0x780)))); // two UTF-8 bytes
                break;
            case 3:
                s.append(QChar(char16_t(rng.bounded(0x10000)))); // any unit, lone surrogates too
                break;
            case 4: {
                const char32_t ucs = 0x10000 + rng.bounded(0x100000);
                s.append(QChar::fromUcs4(ucs));
                break;
            }
            default:
                s.append(QLatin1Char("\"\\/"[rng.bounded(3)]));
                break;
            }
        }
        return s;
    }

    static QJsonValue randomValue(QRandomGenerator &rng, int depth)
    {
        switch (rng.bounded(depth > 3 ? 5 : 7)) {
        case 0:
            return QJsonValue::Null;
        case 1:
            return rng.bounded(2) == 1;
        case 2:
            return qint64(rng.bounded(2000000)) - 1000000;
        case 3:
        case 4:
            return randomString(rng);
        case 5: {
            QJsonArray array;
            const int n = rng.bounded(5);
            for (int i = 0; i < n; ++i)
                array.append(randomValue(rng, depth + 1));
            return array;
        }
        default: {
            QJsonObject object;
            const int n = rng.bounded(6);
            for (int i = 0; i < n; ++i) {
                // ASCII keys, as all of ours are; prefixes of each other to test the order.
                QString key;
                const int len = 1 + rng.bounded(4);
                for (int j = 0; j < len; ++j)
                    key.append(QLatin1Char(char(" !#AZaz_-09~"[rng.bounded(12)])));
                object.insert(key, randomValue(rng, depth + 1));
            }
            return object;
        }
        }
    }

private slots:
    void edgeStrings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls.append(QChar(c));
        QTest::newRow("all C0 controls") << controls;
        QTest::newRow("quote backslash slash") << QStringLiteral("\"\\/");
        QTest::newRow("DEL") << QString(QChar(char16_t(0x7f)));
        QTest::newRow("C1 and latin") << QStringLiteral("\u0080\u009f\u00e9\u00ff");
        QTest::newRow("BMP") << QStringLiteral("\u0800\u20ac\ufeff\uffff");
        QTest::newRow("non-BMP") << QString::fromUcs4(U"\U0001F600\U0010FFFF\U00010000");
        QTest::newRow("lone high") << QString(QChar(char16_t(0xd800))) + QLatin1String("x");
        QTest::newRow("lone low") << QString(QChar(char16_t(0xdc00)));
        QTest::newRow("high at end") << QStringLiteral("a") + QChar(char16_t(0xdbff));
        QTest::newRow("low then high") << QString(QChar(char16_t(0xdc00))) + QChar(char16_t(0xd800));
        QTest::newRow("U+2028") << QStringLiteral("\u2028\u2029");
    }

    void edgeStrings()
    {
        QFETCH(QString, text);
        QCOMPARE(viaWriter(text), viaQt(text));
        // As a key too (keys are ASCII-only by contract, so only the ASCII part).
        QJsonObject object{{QStringLiteral("k"), text}};
        QCOMPARE(viaWriter(object), QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    void latin1AndUtf8Strings()
    {
        QByteArray latin;
        for (int c = 1; c < 256; ++c)
            latin.append(char(c));
        QByteArray out;
        JsonTextWriter writer(out);
        writer.value(QLatin1StringView(latin));
        QCOMPARE(out, viaQt(QString::fromLatin1(latin)));

        const QString text = QString::fromUcs4(U"a\"\\\n\x01\x7f\u00e9\u20ac\U0001F600");
        QByteArray utf8Out;
        JsonTextWriter utf8Writer(utf8Out);
        utf8Writer.valueUtf8(text.toUtf8());
        QCOMPARE(utf8Out, viaQt(text));
    }

    void integers()
    {
        for (qint64 n :
             {qint64(0), qint64(-1), qint64(200), qint64(-2147483648LL), qint64(9007199254740991LL)}) {
            QCOMPARE(viaWriter(QJsonValue(n)), viaQt(QJsonValue(n)));
        }
    }

    void emptyContainers()
    {
        QCOMPARE(viaWriter(QJsonObject{}), QByteArray("{}"));
        QCOMPARE(viaWriter(QJsonArray{}), QByteArray("[]"));
        const QJsonObject nested{{QStringLiteral("a"), QJsonArray{QJsonObject{}, QJsonArray{}}},
                                 {QStringLiteral("b"), QJsonObject{}}};
        QCOMPARE(viaWriter(nested), QJsonDocument(nested).toJson(QJsonDocument::Compact));
    }

    void unsortedKeysComeOutSorted()
    {
        QByteArray out;
        JsonTextWriter writer(out);
        writer.beginObject();
        writer.key(QLatin1StringView("zeta"));
        writer.value(1);
        writer.key(QLatin1StringView("ab"));
        writer.beginObject();
        writer.key(QLatin1StringView("y"));
        writer.value(true);
        writer.key(QLatin1StringView("x"));
        writer.nullValue();
        writer.endObject();
        writer.key(QLatin1StringView("a"));
        writer.value(QStringView(u"\u00e9"));
        writer.endObject();
        QCOMPARE(out, QByteArray("{\"a\":\"\xc3\xa9\",\"ab\":{\"x\":null,\"y\":true},\"zeta\":1}"));
    }

    void randomStructures()
    {
        QRandomGenerator rng(20261207);
        for (int round = 0; round < 3000; ++round) {
            QJsonObject root;
            const int n = 1 + rng.bounded(6);
            for (int i = 0; i < n; ++i)
                root.insert(QStringLiteral("k%1").arg(rng.bounded(20)), randomValue(rng, 0));
            const QByteArray expected = QJsonDocument(root).toJson(QJsonDocument::Compact);
            QCOMPARE(viaWriter(root), expected);
            QCOMPARE(viaWriter(root, &rng), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonTextWriter)
#include "tst_jsontextwriter.moc"
