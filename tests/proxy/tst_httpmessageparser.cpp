#include "proxy/httpmessageparser.h"

#include <QTest>

using namespace Corscope;

// The parser sees whatever segmentation TCP produces: a message split at every possible byte
// must parse exactly as the message in one piece.
class TestHttpMessageParser : public QObject {
    Q_OBJECT

private:
    struct Parsed {
        QList<HttpMessageHead> heads;
        QByteArray body;
        int completed = 0;
        bool error = false;
    };
    // Feeds data in pieces of pieceBytes, as the proxy does: a paused parser (after a complete
    // message) is fed the rest again.
    static Parsed parse(HttpMessageParser::Kind kind, const QByteArray &data, qsizetype pieceBytes)
    {
        Parsed parsed;
        HttpMessageParser parser(kind, {[&](const HttpMessageHead &head) { parsed.heads.append(head); },
                                        [&](QByteArrayView piece) { parsed.body += piece; },
                                        [&] {
                                            ++parsed.completed;
                                        }});
        QByteArray pending;
        for (qsizetype offset = 0; offset < data.size(); offset += pieceBytes) {
            pending += data.mid(offset, pieceBytes);
            while (!pending.isEmpty()) {
                const qsizetype consumed = parser.feed(pending);
                pending.remove(0, consumed);
                if (parser.hasError()) {
                    parsed.error = true;
                    return parsed;
                }
                if (consumed == 0)
                    break;
            }
        }
        return parsed;
    }

private slots:
    void byteAtATimeEqualsWhole_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("messages");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("chunked request with trailer")
            << int(HttpMessageParser::Kind::Request)
            << QByteArray("POST http://api.example/v1/items?x=1 HTTP/1.1\r\nHost: api.example\r\n"
                          "Origin: https://app.example\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n")
            << 1 << QByteArray("hello world");
        QTest::newRow("two pipelined requests")
            << int(HttpMessageParser::Kind::Request)
            << QByteArray(
                   "OPTIONS http://api.example/ HTTP/1.1\r\nHost: api.example\r\n"
                   "Access-Control-Request-Method: PUT\r\n\r\n"
                   "PUT http://api.example/ HTTP/1.1\r\nHost: api.example\r\nContent-Length: 3\r\n\r\nabc")
            << 2 << QByteArray("abc");
        QTest::newRow("response with length")
            << int(HttpMessageParser::Kind::Response)
            << QByteArray("HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nVary: Origin\r\n"
                          "Vary: Accept\r\nContent-Length: 4\r\n\r\n{ok}")
            << 1 << QByteArray("{ok}");
    }
    void byteAtATimeEqualsWhole()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, message);
        QFETCH(int, messages);
        QFETCH(QByteArray, body);
        const Parsed whole = parse(HttpMessageParser::Kind(kind), message, message.size());
        const Parsed bytewise = parse(HttpMessageParser::Kind(kind), message, 1);
        QVERIFY(!whole.error && !bytewise.error);
        QCOMPARE(bytewise.completed, messages);
        QCOMPARE(whole.completed, messages);
        QCOMPARE(bytewise.body, body);
        QCOMPARE(bytewise.heads.size(), whole.heads.size());
        for (qsizetype i = 0; i < whole.heads.size(); ++i) {
            const HttpMessageHead &a = whole.heads.at(i);
            const HttpMessageHead &b = bytewise.heads.at(i);
            QCOMPARE(b.method, a.method);
            QCOMPARE(b.target, a.target);
            QCOMPARE(b.status, a.status);
            QCOMPARE(b.reason, a.reason);
            QCOMPARE(b.headers, a.headers);
            QCOMPARE(b.chunked, a.chunked);
        }
        // Header values split across bytes come back joined, duplicates and order kept.
        if (kind == int(HttpMessageParser::Kind::Response)) {
            QCOMPARE(bytewise.heads.first().reason, QByteArray("OK"));
            QCOMPARE(bytewise.heads.first().headers.values("vary"), (QList<QByteArray>{"Origin", "Accept"}));
        } else {
            QVERIFY(bytewise.heads.first().target.startsWith("http://api.example/"));
            QCOMPARE(bytewise.heads.first().headers.size(), whole.heads.first().headers.size());
            QVERIFY(!bytewise.heads.first().headers.isEmpty());
        }
    }

    // Common names are shared rather than copied: every name must still come back byte for byte
    // as sent, in any case and however TCP split it.
    void headerNamesKeepTheirBytes()
    {
        const QByteArray message = "GET http://a.example/ HTTP/1.1\r\nHOST: a\r\nhost2: b\r\nContent-type: c\r\n"
                                   "Origin: d\r\nOrigi: e\r\norigin: f\r\nAccess-Control-Request-Method: g\r\n\r\n";
        for (const qsizetype piece : {message.size(), qsizetype(1), qsizetype(5)}) {
            const Parsed parsed = parse(HttpMessageParser::Kind::Request, message, piece);
            QCOMPARE(parsed.heads.size(), 1);
            QList<QByteArray> names;
            QList<QByteArray> values;
            for (const Header &header : parsed.heads.first().headers) {
                names << header.name;
                values << header.value;
            }
            QCOMPARE(names, (QList<QByteArray>{"HOST", "host2", "Content-type", "Origin", "Origi", "origin",
                                               "Access-Control-Request-Method"}));
            QCOMPARE(values, (QList<QByteArray>{"a", "b", "c", "d", "e", "f", "g"}));
        }
    }

    void aSwitchingProtocolsResponseEndsHttp()
    {
        // What follows a 101 is the new protocol's bytes: the parser stops right after the head.
        const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                    "Connection: Upgrade\r\n\r\n\x81\x02hi";
        int completed = 0;
        HttpMessageParser parser(HttpMessageParser::Kind::Response, {{}, {}, [&] { ++completed; }});
        const qsizetype consumed = parser.feed(response);
        QCOMPARE(consumed, response.indexOf("\r\n\r\n") + 4);
        QVERIFY(parser.isUpgraded());
        QCOMPARE(completed, 1);
        // A refused switch is an ordinary response.
        HttpMessageParser refused(HttpMessageParser::Kind::Response, {});
        refused.feed("HTTP/1.1 426 Upgrade Required\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Content-Length: 0\r\n\r\n");
        QVERIFY(!refused.isUpgraded());
    }

    void aMalformedMessageFailsAtAnySplit()
    {
        const QByteArray broken = "GET http://api.example/ HTTP/1.1\r\nBad Header\r\n\r\n";
        QVERIFY(parse(HttpMessageParser::Kind::Request, broken, broken.size()).error);
        QVERIFY(parse(HttpMessageParser::Kind::Request, broken, 1).error);
    }
};

QTEST_GUILESS_MAIN(TestHttpMessageParser)
#include "tst_httpmessageparser.moc"
