#include "proxy/tlsinterception.h"

#include <QTest>

using namespace Corscope;

// What an intercepted CONNECT carries, told from its first bytes as they arrive.
class TestTlsInterception : public QObject {
    Q_OBJECT

private slots:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<int>("inside");
        using Inside = TlsInterception::Inside;
        // [rfc8446] 5.1: handshake(22), whatever follows.
        QTest::newRow("ClientHello") << QByteArray("\x16\x03\x01\x02\x00\x01", 6) << int(Inside::Tls);
        QTest::newRow("one byte of a ClientHello") << QByteArray("\x16") << int(Inside::Tls);
        QTest::newRow("nothing yet") << QByteArray() << int(Inside::Unknown);
        // [rfc9112] 3: a method token and a space.
        QTest::newRow("request line") << QByteArray("GET /ws HTTP/1.1\r\n") << int(Inside::PlainHttp);
        QTest::newRow("token method") << QByteArray("M-SEARCH * HTTP/1.1") << int(Inside::PlainHttp);
        QTest::newRow("method still arriving") << QByteArray("GE") << int(Inside::Unknown);
        QTest::newRow("a token too long for a method")
            << QByteArray(TlsInterception::sniffBytes, 'A') << int(Inside::Raw);
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03", 4) << int(Inside::Raw);
        QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.6\r\n") << int(Inside::Raw);
        QTest::newRow("space first") << QByteArray(" GET") << int(Inside::Raw);
    }
    void classify()
    {
        QFETCH(QByteArray, first);
        QFETCH(int, inside);
        QCOMPARE(int(TlsInterception::classify(first)), inside);
    }
};

QTEST_GUILESS_MAIN(TestTlsInterception)
#include "tst_tlsinterception.moc"
