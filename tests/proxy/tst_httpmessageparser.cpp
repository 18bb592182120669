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

    // Feeds data in pieces as the proxy's response path does: each piece is a buffer of its own,
    // given back after the call, so the parser must keep whatever part of a head it did not
    // finish. Pieces end at the given offsets. A parser that takes nothing from a non-empty
    // piece without an error, an upgrade or a complete message would lose bytes: counted.
    static Parsed stream(HttpMessageParser::Kind kind, const QByteArray &data, const QList<qsizetype> &cuts,
                         int *stalls = nullptr)
    {
        Parsed parsed;
        HttpMessageParser parser(kind, {[&](const HttpMessageHead &head) { parsed.heads.append(head); },
                                        [&](QByteArrayView piece) { parsed.body += piece; },
                                        [&] {
                                            ++parsed.completed;
                                        }});
        qsizetype from = 0;
        QList<qsizetype> ends = cuts;
        ends.append(data.size());
        for (const qsizetype end : std::as_const(ends)) {
            const QByteArray piece = data.mid(from, end - from);
            from = end;
            qsizetype offset = 0;
            while (offset < piece.size()) {
                const qsizetype consumed = parser.feed(QByteArrayView(piece).sliced(offset));
                if (parser.hasError()) {
                    parsed.error = true;
                    return parsed;
                }
                if (consumed < 0 || consumed > piece.size() - offset)
                    qFatal("feed() consumed %lld of %lld bytes", qlonglong(consumed),
                           qlonglong(piece.size() - offset));
                offset += consumed;
                if (consumed == 0) {
                    if (stalls)
                        ++*stalls;
                    break;
                }
            }
        }
        return parsed;
    }
    static void compareHeads(const Parsed &got, const Parsed &want)
    {
        QCOMPARE(got.error, want.error);
        QCOMPARE(got.completed, want.completed);
        QCOMPARE(got.body, want.body);
        QCOMPARE(got.heads.size(), want.heads.size());
        for (qsizetype i = 0; i < want.heads.size(); ++i) {
            const HttpMessageHead &a = want.heads.at(i);
            const HttpMessageHead &b = got.heads.at(i);
            QCOMPARE(b.method, a.method);
            QCOMPARE(b.target, a.target);
            QCOMPARE(b.status, a.status);
            QCOMPARE(b.reason, a.reason);
            QCOMPARE(b.headers, a.headers);
            QCOMPARE(b.chunked, a.chunked);
            QCOMPARE(b.keepAlive, a.keepAlive);
            QCOMPARE(b.upgrade, a.upgrade);
        }
    }
    static HttpMessageHead onlyHead(HttpMessageParser::Kind kind, const QByteArray &message)
    {
        const Parsed parsed = parse(kind, message, message.size());
        if (parsed.error || parsed.heads.size() != 1)
            return {};
        return parsed.heads.first();
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
        const QByteArray message =
            "GET http://a.example/ HTTP/1.1\r\nHOST: a\r\nhost2: b\r\nContent-type: c\r\n"
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
        HttpMessageParser parser(HttpMessageParser::Kind::Response, {{}, {}, [&] {
                                                                         ++completed;
                                                                     }});
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
    // [rfc9110] 9.1: a method is a token and case-sensitive. Fetch upper-cases only DELETE GET
    // HEAD OPTIONS POST PUT, so a page's fetch(url, {method: 'patch'}) sends `patch`: it must
    // reach the server as sent, whatever its case, however TCP splits it.
    void tokenMethodsKeepTheirBytes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("lowercase patch") << QByteArray("patch");
        QTest::newRow("mixed case Patch") << QByteArray("Patch");
        QTest::newRow("upper case PATCH") << QByteArray("PATCH");
        QTest::newRow("custom FOO") << QByteArray("FOO");
        QTest::newRow("custom foo") << QByteArray("foo");
        QTest::newRow("M-SEARCH") << QByteArray("M-SEARCH");
        QTest::newRow("digits") << QByteArray("V2");
        QTest::newRow("single letter") << QByteArray("X");
        QTest::newRow("every tchar symbol") << QByteArray("!#$%&'*+-.^_`|~");
        QTest::newRow("letters digits symbols") << QByteArray("a1-B2.c3_D4~");
        QTest::newRow("lowercase get") << QByteArray("get");
        QTest::newRow("lowercase options") << QByteArray("options");
        QTest::newRow("long token") << QByteArray(200, 'Q');
    }
    void tokenMethodsKeepTheirBytes()
    {
        QFETCH(QByteArray, method);
        const QByteArray message = method + " http://api.example/v1/items HTTP/1.1\r\nHost: api.example\r\n"
                                            "Origin: http://app.example\r\nContent-Length: 2\r\n\r\n{}";
        for (const qsizetype piece : {message.size(), qsizetype(1), qsizetype(3)}) {
            const Parsed parsed = parse(HttpMessageParser::Kind::Request, message, piece);
            QVERIFY(!parsed.error);
            QCOMPARE(parsed.completed, 1);
            QCOMPARE(parsed.heads.first().method, method);
            QCOMPARE(parsed.heads.first().target, QByteArray("http://api.example/v1/items"));
            QCOMPARE(parsed.body, QByteArray("{}"));
            QVERIFY(!parsed.heads.first().upgrade);
        }
    }

    // A method that is not a token is not HTTP: the proxy answers 400.
    void nonTokenMethodsAreRejected_data()
    {
        QTest::addColumn<QByteArray>("requestLine");
        QTest::newRow("parenthesis") << QByteArray("GE(T http://a.example/ HTTP/1.1");
        QTest::newRow("quote") << QByteArray("GE\"T http://a.example/ HTTP/1.1");
        QTest::newRow("at sign") << QByteArray("G@T http://a.example/ HTTP/1.1");
        QTest::newRow("slash") << QByteArray("GET/ http://a.example/ HTTP/1.1");
        QTest::newRow("colon") << QByteArray("G:T http://a.example/ HTTP/1.1");
        QTest::newRow("comma") << QByteArray("G,T http://a.example/ HTTP/1.1");
        QTest::newRow("brace") << QByteArray("G{T http://a.example/ HTTP/1.1");
        QTest::newRow("control byte") << QByteArray("G\x01T http://a.example/ HTTP/1.1");
        QTest::newRow("tab") << QByteArray("G\tT http://a.example/ HTTP/1.1");
        QTest::newRow("non-ASCII") << QByteArray("G\xc3\xa9T http://a.example/ HTTP/1.1");
        QTest::newRow("DEL") << QByteArray("G\x7fT http://a.example/ HTTP/1.1");
        QTest::newRow("empty method") << QByteArray(" http://a.example/ HTTP/1.1");
        QTest::newRow("two spaces") << QByteArray("GET  http://a.example/ HTTP/1.1");
        QTest::newRow("no version") << QByteArray("GET http://a.example/");
        QTest::newRow("HTTP/2.0") << QByteArray("GET http://a.example/ HTTP/2.0");
    }
    void nonTokenMethodsAreRejected()
    {
        QFETCH(QByteArray, requestLine);
        const QByteArray message = requestLine + "\r\nHost: a.example\r\n\r\n";
        for (const qsizetype piece : {message.size(), qsizetype(1)}) {
            HttpMessageParser parser(HttpMessageParser::Kind::Request, {});
            const Parsed parsed = parse(HttpMessageParser::Kind::Request, message, piece);
            QVERIFY(parsed.error);
            QVERIFY(parsed.heads.isEmpty());
            parser.feed(message);
            QVERIFY(parser.hasError());
            QCOMPARE(parser.errorStatus(), 400);
            QVERIFY(!parser.errorString().isEmpty());
        }
    }

    // TCP may cut a message anywhere, and the proxy's response path hands each read to the
    // parser once: every split into two pieces, and a byte at a time, must parse exactly as the
    // whole, without a byte left behind.
    void everySplitPointParsesAsTheWhole_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("messages");
        QTest::newRow("patch with body")
            << int(HttpMessageParser::Kind::Request)
            << QByteArray("patch http://api.example/v1/items/7 HTTP/1.1\r\nHost: api.example\r\n"
                          "Origin: http://app.example\r\nContent-Type: application/json\r\n"
                          "Content-Length: 11\r\n\r\n{\"done\":1}\n")
            << 1;
        QTest::newRow("chunked with extensions and trailers")
            << int(HttpMessageParser::Kind::Request)
            << QByteArray("POST http://api.example/up HTTP/1.1\r\nHost: api.example\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n"
                          "5;name=value;flag\r\nhello\r\n1;q=\"quoted;\"\r\n \r\nA\r\n0123456789\r\n"
                          "0;last=1\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\n")
            << 1;
        QTest::newRow("three pipelined requests, custom methods")
            << int(HttpMessageParser::Kind::Request)
            << QByteArray(
                   "OPTIONS http://api.example/ HTTP/1.1\r\nHost: api.example\r\n"
                   "Origin: http://app.example\r\nAccess-Control-Request-Method: patch\r\n\r\n"
                   "patch http://api.example/ HTTP/1.1\r\nHost: api.example\r\nContent-Length: 3\r\n\r\nabc"
                   "FOO http://api.example/x HTTP/1.1\r\nHost: api.example\r\n\r\n")
            << 3;
        QTest::newRow("pipelined responses, chunked then length then close-delimited")
            << int(HttpMessageParser::Kind::Response)
            << QByteArray("HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Methods: patch\r\n\r\n"
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                          "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope")
            << 3;
        QTest::newRow("interim response then final")
            << int(HttpMessageParser::Kind::Response)
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
            << 2;
    }
    void everySplitPointParsesAsTheWhole()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, message);
        QFETCH(int, messages);
        const auto k = HttpMessageParser::Kind(kind);
        const Parsed whole = stream(k, message, {});
        QVERIFY(!whole.error);
        QCOMPARE(whole.completed, messages);
        for (qsizetype cut = 0; cut <= message.size(); ++cut) {
            int stalls = 0;
            const Parsed split = stream(k, message, {cut}, &stalls);
            compareHeads(split, whole);
            QCOMPARE(stalls, 0);
        }
        QList<qsizetype> everyByte;
        for (qsizetype cut = 1; cut < message.size(); ++cut)
            everyByte.append(cut);
        int stalls = 0;
        compareHeads(stream(k, message, everyByte, &stalls), whole);
        QCOMPARE(stalls, 0);
        // The caller that keeps unconsumed bytes (the request path) gets the same.
        compareHeads(parse(k, message, 1), whole);
    }

    void chunkedBodiesAreDecodedWithoutTrailers()
    {
        const QByteArray message = "POST http://api.example/up HTTP/1.1\r\nHost: api.example\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n"
                                   "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: abc\r\n\r\n";
        const Parsed parsed = stream(HttpMessageParser::Kind::Request, message, {});
        QVERIFY(!parsed.error);
        QCOMPARE(parsed.completed, 1);
        QCOMPARE(parsed.body, QByteArray("hello world"));
        const HttpMessageHead &head = parsed.heads.first();
        QVERIFY(head.chunked);
        QCOMPARE(head.headers.size(), 2);
        QVERIFY(!head.headers.contains("x-checksum"));
        // A chunk size that is not hex is malformed.
        QVERIFY(stream(HttpMessageParser::Kind::Request,
                       "POST http://a/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZ\r\nx\r\n0\r\n\r\n", {})
                    .error);
    }

    void aResponseToHeadHasNoBody()
    {
        const QByteArray response =
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/html\r\n\r\n";
        for (const bool head : {true, false}) {
            int completed = 0;
            QByteArray body;
            HttpMessageParser parser(HttpMessageParser::Kind::Response,
                                     {{},
                                      [&](QByteArrayView piece) { body += piece; },
                                      [&] {
                                          ++completed;
                                      }});
            if (head)
                parser.expectNoBody();
            QCOMPARE(parser.feed(response), response.size());
            QCOMPARE(completed, head ? 1 : 0);
            QVERIFY(parser.inMessage() != head);
            // Without HEAD the parser waits for 100 bytes of body.
            QCOMPARE(parser.feed(QByteArray(100, 'x')), head ? 0 : 100);
            QCOMPARE(completed, 1);
            QCOMPARE(body.size(), head ? 0 : 100);
        }
        // After reset() the next exchange's response parses normally again.
        int completed = 0;
        HttpMessageParser parser(HttpMessageParser::Kind::Response, {{}, {}, [&] {
                                                                         ++completed;
                                                                     }});
        parser.expectNoBody();
        parser.feed(response);
        parser.reset();
        QCOMPARE(parser.feed(response + QByteArray(100, 'x')), response.size() + 100);
        QCOMPARE(completed, 2);
    }

    // [rfc9110] 9.3.6: CONNECT's target is host:port, and what follows the head is the tunnel.
    void connectEndsHttp()
    {
        const QByteArray request = "CONNECT api.example:443 HTTP/1.1\r\nHost: api.example:443\r\n\r\n";
        const QByteArray tls = "\x16\x03\x01\x02\x00";
        HttpMessageParser parser(HttpMessageParser::Kind::Request, {});
        QCOMPARE(parser.feed(request + tls), request.size());
        QVERIFY(parser.isUpgraded());
        QCOMPARE(parser.feed(tls), 0);
        const HttpMessageHead head = onlyHead(HttpMessageParser::Kind::Request, request + tls);
        QCOMPARE(head.method, QByteArray("CONNECT"));
        QCOMPARE(head.target, QByteArray("api.example:443"));
        QVERIFY(head.upgrade);
        // Methods are case-sensitive: `connect` is an unknown method, not a tunnel.
        HttpMessageParser lower(HttpMessageParser::Kind::Request, {});
        const QByteArray lowerRequest = "connect api.example:443 HTTP/1.1\r\nHost: api.example:443\r\n\r\n";
        QCOMPARE(lower.feed(lowerRequest + "GET"), lowerRequest.size());
        QVERIFY(!lower.isUpgraded());
        QVERIFY(!lower.hasError());
    }

    void anUpgradeRequestEndsHttpAfterItsHead()
    {
        const QByteArray request = "GET http://a.example/chat HTTP/1.1\r\nHost: a.example\r\n"
                                   "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\r\n";
        HttpMessageParser parser(HttpMessageParser::Kind::Request, {});
        QCOMPARE(parser.feed(request + "\x81\x02hi"), request.size());
        QVERIFY(parser.isUpgraded());
        // Upgrade without Connection: upgrade announces nothing ([rfc9110] 7.8).
        HttpMessageParser plain(HttpMessageParser::Kind::Request, {});
        const QByteArray announce =
            "GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\nUpgrade: websocket\r\n\r\n";
        QCOMPARE(plain.feed(announce), announce.size());
        QVERIFY(!plain.isUpgraded());
        QVERIFY(!plain.hasError());
    }

    void limitsGiveTheirStatus_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("status");
        const QByteArray longTarget = "http://a.example/" + QByteArray(300, 'p');
        QTest::newRow("target too long")
            << QByteArray("GET " + longTarget + " HTTP/1.1\r\nHost: a\r\n\r\n") << 414;
        QTest::newRow("target too long, line unfinished")
            << QByteArray("GET " + longTarget + longTarget) << 414;
        QTest::newRow("header bytes")
            << QByteArray("GET http://a.example/ HTTP/1.1\r\nX-Big: " + QByteArray(1200, 'v') + "\r\n\r\n")
            << 431;
        QByteArray many = "GET http://a.example/ HTTP/1.1\r\n";
        for (int i = 0; i < 21; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("header count") << QByteArray(many + "\r\n") << 431;
        QTest::newRow("head never ends")
            << QByteArray("GET http://a.example/ HTTP/1.1\r\nX: " + QByteArray(4000, 'v')) << 431;
        QTest::newRow("transfer coding not chunked")
            << QByteArray("POST http://a.example/ HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc") << 400;
        QTest::newRow("length and chunked")
            << QByteArray("POST http://a.example/ HTTP/1.1\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("conflicting lengths")
            << QByteArray(
                   "POST http://a.example/ HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
            << 400;
        QTest::newRow("bad header line")
            << QByteArray("GET http://a.example/ HTTP/1.1\r\nBad Header\r\n\r\n") << 400;
    }
    void limitsGiveTheirStatus()
    {
        QFETCH(QByteArray, message);
        QFETCH(int, status);
        HttpMessageParser::Limits limits;
        limits.maxTargetBytes = 256;
        limits.maxHeaderBytes = 1024;
        limits.maxHeaderCount = 20;
        for (const qsizetype pieceBytes : {message.size(), qsizetype(1), qsizetype(7)}) {
            int heads = 0;
            HttpMessageParser parser(HttpMessageParser::Kind::Request,
                                     {[&](const HttpMessageHead &) { ++heads; }, {}, {}}, limits);
            for (qsizetype offset = 0; offset < message.size() && !parser.hasError(); offset += pieceBytes)
                parser.feed(
                    QByteArrayView(message).sliced(offset, qMin(pieceBytes, message.size() - offset)));
            QVERIFY2(parser.hasError(), qPrintable(QString::number(pieceBytes)));
            QCOMPARE(parser.errorStatus(), status);
            QCOMPARE(heads, 0);
            // An errored parser takes nothing more.
            QCOMPARE(parser.feed("GET"), 0);
        }
        // Within the limits the same parser settings accept an ordinary request.
        HttpMessageParser fine(HttpMessageParser::Kind::Request, {}, limits);
        fine.feed("GET http://a.example/ HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(!fine.hasError());
    }

    void aBodyUntilCloseEndsWithFinish()
    {
        int completed = 0;
        QByteArray body;
        HttpMessageParser parser(HttpMessageParser::Kind::Response,
                                 {{},
                                  [&](QByteArrayView piece) { body += piece; },
                                  [&] {
                                      ++completed;
                                  }});
        const QByteArray response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it";
        QCOMPARE(parser.feed(response), response.size());
        QCOMPARE(completed, 0);
        parser.finish();
        QVERIFY(!parser.hasError());
        QCOMPARE(completed, 1);
        QCOMPARE(body, QByteArray("all of it"));

        // A length not reached, a chunked body or a head cut short is a truncated message.
        for (const QByteArray &cut :
             {QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
              QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc"),
              QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r"),
              QByteArray("HTTP/1.1 200 OK\r\nContent-Le")}) {
            HttpMessageParser truncated(HttpMessageParser::Kind::Response, {});
            truncated.feed(cut);
            QVERIFY(!truncated.hasError());
            truncated.finish();
            QVERIFY2(truncated.hasError(), cut.constData());
            QCOMPARE(truncated.errorStatus(), 502);
        }
        // A close between messages is not an error.
        HttpMessageParser idle(HttpMessageParser::Kind::Response, {});
        idle.feed("HTTP/1.1 204 No Content\r\n\r\n");
        idle.finish();
        QVERIFY(!idle.hasError());
    }

    // The reason phrase is passed on as the server wrote it ([rfc9112] 4: a client ignores it,
    // so the proxy does not "fix" it); an obs-fold in a field value becomes one space
    // ([rfc9112] 5.2: a proxy must replace it or reject the message).
    void reasonVerbatimAndObsFoldReplaced()
    {
        const HttpMessageHead response = onlyHead(
            HttpMessageParser::Kind::Response, "HTTP/1.1 404 Not  Found, here\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(response.status, 404);
        QCOMPARE(response.reason, QByteArray("Not  Found, here"));
        const HttpMessageHead folded =
            onlyHead(HttpMessageParser::Kind::Request,
                     "GET http://a.example/ HTTP/1.1\r\nX-Folded: one\r\n  two\r\n\r\n");
        QCOMPARE(folded.headers.size(), 1);
        QCOMPARE(folded.headers.get("x-folded"), std::optional<QByteArray>("one two"));
    }

    // "HTTP/1.1 200\r\n" lacks the space [rfc9112] 4 requires before an empty reason phrase, but
    // browsers take it: through the proxy a page must too, split anywhere, and two in a row.
    void statusLineWithoutReasonSpaceIsTaken_data()
    {
        QTest::addColumn<int>("pieceBytes");
        for (const int piece : {1, 2, 5, 13, 14, 15, 1000})
            QTest::addRow("pieces of %d", piece) << piece;
    }
    void statusLineWithoutReasonSpaceIsTaken()
    {
        QFETCH(int, pieceBytes);
        const QByteArray message = "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok"
                                   "HTTP/1.1 204\r\n\r\n"
                                   "HTTP/1.0 404 Not Found\r\nContent-Length: 1\r\n\r\nx";
        const Parsed parsed = parse(HttpMessageParser::Kind::Response, message, pieceBytes);
        QVERIFY(!parsed.error);
        QCOMPARE(parsed.completed, 3);
        QCOMPARE(parsed.heads.size(), 3);
        QCOMPARE(parsed.heads.at(0).status, 200);
        QCOMPARE(parsed.heads.at(0).reason, QByteArray());
        QCOMPARE(parsed.heads.at(1).status, 204);
        QCOMPARE(parsed.heads.at(2).reason, QByteArray("Not Found"));
        QCOMPARE(parsed.body, QByteArray("okx"));
        QList<qsizetype> cuts;
        for (qsizetype cut = pieceBytes; cut < message.size(); cut += pieceBytes)
            cuts << cut;
        int stalls = 0;
        const Parsed streamed = stream(HttpMessageParser::Kind::Response, message, cuts, &stalls);
        QVERIFY(!streamed.error);
        QCOMPARE(streamed.completed, 3);
        QCOMPARE(streamed.body, QByteArray("okx"));
        QCOMPARE(stalls, 0);
        // A request line is not a status line: nothing is inserted there.
        QVERIFY(parse(HttpMessageParser::Kind::Request, "GET http://a.example/ HTTP/1.1\r\n\r\n", pieceBytes)
                    .completed == 1);
    }

    // [rfc9112] 2.2: empty lines before a request line are ignored (a CRLF some clients send
    // after a POST body).
    void emptyLinesBeforeARequestAreIgnored()
    {
        const QByteArray first = "POST http://a.example/ HTTP/1.1\r\nContent-Length: 1\r\n\r\nx";
        const QByteArray second = "\r\n\r\nGET http://a.example/2 HTTP/1.1\r\n\r\n";
        const Parsed parsed = stream(HttpMessageParser::Kind::Request, first + second, {});
        QVERIFY(!parsed.error);
        QCOMPARE(parsed.completed, 2);
        QCOMPARE(parsed.heads.at(1).target, QByteArray("http://a.example/2"));
        // Between messages they do not start one: the proxy's idle timeout stays an idle close.
        HttpMessageParser parser(HttpMessageParser::Kind::Request, {});
        QCOMPARE(parser.feed("\r\n"), 2);
        QVERIFY(!parser.inMessage());
    }

    void versionsAndKeepAlive()
    {
        const HttpMessageHead http10 =
            onlyHead(HttpMessageParser::Kind::Request, "GET http://a/ HTTP/1.0\r\n\r\n");
        QCOMPARE(http10.versionMajor, 1);
        QCOMPARE(http10.versionMinor, 0);
        QVERIFY(!http10.keepAlive);
        QVERIFY(onlyHead(HttpMessageParser::Kind::Request,
                         "GET http://a/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    .keepAlive);
        QVERIFY(onlyHead(HttpMessageParser::Kind::Request, "GET http://a/ HTTP/1.1\r\n\r\n").keepAlive);
        QVERIFY(
            !onlyHead(HttpMessageParser::Kind::Request, "GET http://a/ HTTP/1.1\r\nConnection: close\r\n\r\n")
                 .keepAlive);
        QVERIFY(!onlyHead(HttpMessageParser::Kind::Request,
                          "GET http://a/ HTTP/1.1\r\nProxy-Connection: close\r\n\r\n")
                     .keepAlive);
    }
};

QTEST_GUILESS_MAIN(TestHttpMessageParser)
#include "tst_httpmessageparser.moc"
