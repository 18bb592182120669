#include "http/origin.h"

#include <QTest>

using Corscope::Origin;

class TestOrigin : public QObject {
    Q_OBJECT

private slots:
    void serializesUrlOrigins_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("origin");
        QTest::newRow("default http port dropped") << "http://a.example:80/x"
                                                   << "http://a.example";
        QTest::newRow("default https port dropped") << "https://a.example:443/"
                                                    << "https://a.example";
        QTest::newRow("other port kept") << "https://a.example:8443/p?q#f"
                                         << "https://a.example:8443";
        QTest::newRow("host lower-cased") << "HTTP://A.Example/"
                                          << "http://a.example";
        QTest::newRow("ipv6 bracketed") << "http://[::1]:8080/"
                                        << "http://[::1]:8080";
        QTest::newRow("ipv6 compressed") << "http://[0:0:0:0:0:0:0:1]/"
                                         << "http://[::1]";
        QTest::newRow("idn to punycode")
            << QStringLiteral("https://b\u00fccher.example/") << "https://xn--bcher-kva.example";
        QTest::newRow("user info ignored") << "https://u:p@a.example/"
                                           << "https://a.example";
        QTest::newRow("file is opaque") << "file:///etc/passwd"
                                        << "null";
        QTest::newRow("data is opaque") << "data:text/plain,hi"
                                        << "null";
    }

    void serializesUrlOrigins()
    {
        QFETCH(QString, url);
        QFETCH(QString, origin);
        QCOMPARE(Origin::fromUrl(QUrl(url)).toString(), origin);
    }

    void parsesSerializedOrigins_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("serialized");
        QTest::addColumn<int>("errorPosition");
        QTest::newRow("plain") << "https://app.example"
                               << "https://app.example" << -1;
        QTest::newRow("port") << "http://127.0.0.1:3000"
                              << "http://127.0.0.1:3000" << -1;
        QTest::newRow("null") << "null"
                              << "null" << -1;
        QTest::newRow("trailing slash") << "https://app.example/"
                                        << "" << 19;
        QTest::newRow("path") << "https://app.example/x"
                              << "" << 19;
        QTest::newRow("no scheme") << "app.example"
                                   << "" << 0;
        QTest::newRow("query") << "https://app.example?x"
                               << "" << 19;
        QTest::newRow("user info") << "https://u@app.example"
                                   << "" << 9;
    }

    void parsesSerializedOrigins()
    {
        QFETCH(QString, text);
        QFETCH(QString, serialized);
        QFETCH(int, errorPosition);
        QString error;
        qsizetype position = -1;
        const Origin origin = Origin::parse(text, &error, &position);
        if (errorPosition < 0) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(origin.toString(), serialized);
        } else {
            QVERIFY(!error.isEmpty());
            QCOMPARE(position, errorPosition);
        }
    }

    // parse() reads the common "http(s)://name[:port]" form without QUrl; whatever it reads must
    // come out as the URL parser makes it, on both sides of the line between the two paths.
    void parseAgreesWithUrlParsing_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *text :
             {"http://app.example",      "https://app.example:8443", "http://app.example:80",
              "https://app.example:443", "http://localhost:0",       "http://localhost:65535",
              "http://a-b.c-d.example",  "https://x1.example:1",     "http://app.example:080",
              "HTTP://App.Example",      "http://127.0.0.1:3000",    "http://127.1",
              "http://0x7f.1",           "http://1e100.net",         "http://xn--bcher-kva.example",
              "http://-a.example",       "http://a-.example",        "http://a..example",
              "http://app.example.",     "http://[::1]:8080",        "http://app_x.example",
              "ws://app.example",        "http://app.example:",      "http://app.example:65536"}) {
            QTest::newRow(text) << QString::fromLatin1(text);
        }
        QTest::newRow("63-character label") << QStringLiteral("http://%1.example").arg(QString(63, u'a'));
        QTest::newRow("64-character label") << QStringLiteral("http://%1.example").arg(QString(64, u'a'));
    }

    void parseAgreesWithUrlParsing()
    {
        QFETCH(QString, text);
        QString error;
        const Origin parsed = Origin::parse(text, &error);
        const QUrl url(text, QUrl::StrictMode);
        const Origin viaUrl = url.isValid() && !url.host().isEmpty() ? Origin::fromUrl(url) : Origin();
        if (!error.isEmpty()) {
            QVERIFY(parsed.isOpaque());
            return; // refused with a message; that path is QUrl's own
        }
        QCOMPARE(parsed.serialize(), viaUrl.serialize());
        QCOMPARE(parsed.scheme(), viaUrl.scheme());
        QCOMPARE(parsed.host(), viaUrl.host());
        QCOMPARE(parsed.port(), viaUrl.port());
    }

    void sameOrigin()
    {
        const Origin a = Origin::fromUrl(QUrl(QStringLiteral("https://a.example/x")));
        QVERIFY(a.isSameOrigin(Origin::fromUrl(QUrl(QStringLiteral("https://a.example:443/y")))));
        QVERIFY(!a.isSameOrigin(Origin::fromUrl(QUrl(QStringLiteral("http://a.example/")))));
        QVERIFY(!a.isSameOrigin(Origin::fromUrl(QUrl(QStringLiteral("https://a.example:444/")))));
        QVERIFY(!Origin::opaque().isSameOrigin(Origin::opaque()));
    }

    // isSameOriginAs compares an ASCII host without building its ACE form: it must agree with
    // building the URL's origin for every kind of host.
    void sameOriginAsUrlAgreesWithTheUrlsOrigin()
    {
        const QStringList urls{QStringLiteral("https://a.example/x"),
                               QStringLiteral("HTTPS://A.EXAMPLE:443/y"),
                               QStringLiteral("https://b.example/"),
                               QStringLiteral("http://a.example/"),
                               QStringLiteral("https://a.example:8443/"),
                               QStringLiteral("https://b\u00fccher.example/"),
                               QStringLiteral("https://xn--bcher-kva.example/"),
                               QStringLiteral("https://b\u00fccher.de/"),
                               QStringLiteral("https://xn--bcher-kva.de/"),
                               QStringLiteral("https://XN--BCHER-KVA.DE/"),
                               QStringLiteral("https://\u212Aa.example/"),
                               QStringLiteral("https://ka.example/"),
                               QStringLiteral("http://127.0.0.1:8080/"),
                               QStringLiteral("http://127.1:8080/"),
                               QStringLiteral("http://[::1]:8080/"),
                               QStringLiteral("http://[0:0::1]:8080/"),
                               QStringLiteral("http://%61.example/"),
                               QStringLiteral("ws://a.example/"),
                               QStringLiteral("file:///tmp/x"),
                               QStringLiteral("data:text/plain,x")};
        for (const QString &pageUrl : urls) {
            const Origin page = Origin::fromUrl(QUrl(pageUrl));
            for (const QString &target : urls) {
                const QUrl url(target);
                QCOMPARE(page.isSameOriginAs(url), page.isSameOrigin(Origin::fromUrl(url)));
            }
        }
    }

    void sameSiteUsesThePublicSuffixList()
    {
        auto origin = [](const char *url) {
            return Origin::fromUrl(QUrl(QString::fromLatin1(url)));
        };
        QVERIFY(origin("https://app.example.com").isSameSite(origin("https://api.example.com:8443")));
        QVERIFY(!origin("https://app.example.com").isSameSite(origin("https://app.example.net")));
        QVERIFY(!origin("https://a.github.io").isSameSite(origin("https://b.github.io")));
        QVERIFY(origin("https://x.a.co.uk").isSameSite(origin("https://y.a.co.uk")));
        QVERIFY(!origin("https://a.co.uk").isSameSite(origin("https://b.co.uk")));
        QVERIFY(!origin("https://app.example.com").isSameSite(origin("http://app.example.com")));
        QCOMPARE(Corscope::registrableDomain(QStringLiteral("deep.sub.example.org")),
                 QStringLiteral("example.org"));
    }
};

QTEST_GUILESS_MAIN(TestOrigin)
#include "tst_origin.moc"
