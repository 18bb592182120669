#include "browserrunner.h"
#include "capture/flowanalyzer.h"
#include "loopbackhttpserver.h"
#include "proxy/certificateauthority.h"
#include "proxy/proxyserver.h"
#include "proxy/rewriterules.h"
#include "verify/chromiumlaunch.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Corscope;
using namespace CorscopeTest;

// HTTPS interception end to end: the CA on disk, leaves it mints, curl trusting the CA, and
// Chromium trusting it only through --ignore-certificate-errors-spki-list.
class TestInterception : public QObject {
    Q_OBJECT

private:
    static bool run(const QString &program, const QStringList &arguments, QByteArray *out = nullptr,
                    int timeoutMs = 30000)
    {
        QProcess process;
        process.start(program, arguments);
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return false;
        }
        if (out)
            *out = process.readAllStandardOutput();
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    QTemporaryDir m_dir;
    std::shared_ptr<CertificateAuthority> m_authority;
    LoopbackHttpServer m_origin;
    std::unique_ptr<ProxyServer> m_proxy;
    QList<Flow> m_flows;

private slots:
    void initTestCase()
    {
        QString error;
        m_authority = CertificateAuthority::loadOrCreate(m_dir.filePath(QStringLiteral("ca")), &error);
        QVERIFY2(m_authority, qPrintable(error));
        // The origin server has its own self-signed certificate, trusted by the proxy's upstream.
        QVERIFY(run(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), m_dir.filePath(QStringLiteral("origin-key.pem")),
             QStringLiteral("-out"), m_dir.filePath(QStringLiteral("origin.pem")), QStringLiteral("-days"),
             QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
             QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")}));
        QVERIFY(m_origin.listenLoopback());
        QVERIFY(m_origin.enableTls(m_dir.filePath(QStringLiteral("origin.pem")),
                                   m_dir.filePath(QStringLiteral("origin-key.pem"))));
        m_origin.setHandler([](const LoopbackRequest &request) {
            if (request.target == "/page")
                return LoopbackReply{
                    LoopbackHttpServer::response(200, {{"Content-Type", "text/html"}},
                                                 "<!doctype html><title>intercepted</title><p>secret</p>")};
            return LoopbackReply{LoopbackHttpServer::response(
                200, {{"Content-Type", "text/plain"}, {"Access-Control-Allow-Origin", "*"}},
                "over tls " + request.target)};
        });
        ProxySettings settings;
        settings.authority = m_authority;
        settings.upstreamCaCertificates =
            QSslCertificate::fromPath(m_dir.filePath(QStringLiteral("origin.pem")));
        m_proxy = std::make_unique<ProxyServer>(settings);
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        connect(m_proxy.get(), &ProxyServer::flowFinished, this,
                [this](const Flow &flow) { m_flows.append(flow); });
    }

    void caFilesArePrivateAndReloadTheSame()
    {
        const QString directory = m_dir.filePath(QStringLiteral("ca"));
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(directory + QStringLiteral("/ca-key.pem")).constData(), &info), 0);
        QCOMPARE(int(info.st_mode & 0777), 0600);
        QString error;
        const auto again = CertificateAuthority::loadOrCreate(directory, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->certificatePem(), m_authority->certificatePem());
        QCOMPARE(again->spkiSha256Base64(), m_authority->spkiSha256Base64());
        QVERIFY(!m_authority->certificatePem().contains("PRIVATE"));
    }

    void spkiHashMatchesOpenssl()
    {
        QFile pem(m_dir.filePath(QStringLiteral("ca/ca-cert.pem")));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        QProcess shell;
        shell.start(QStringLiteral("sh"),
                    {QStringLiteral("-c"),
                     QStringLiteral("openssl x509 -pubkey -noout -in '%1' | openssl pkey -pubin -outform der "
                                    "| openssl dgst -sha256 -binary | base64")
                         .arg(pem.fileName())});
        QVERIFY(shell.waitForFinished(10000));
        QCOMPARE(shell.readAllStandardOutput().trimmed(), m_authority->spkiSha256Base64());
    }

    void damagedCaIsAnErrorAndLeftAlone()
    {
        QTemporaryDir dir;
        QFile key(dir.filePath(QStringLiteral("ca-key.pem")));
        QFile certificate(dir.filePath(QStringLiteral("ca-cert.pem")));
        QVERIFY(key.open(QIODevice::WriteOnly) && certificate.open(QIODevice::WriteOnly));
        key.write("garbage");
        certificate.write(m_authority->certificatePem());
        key.setPermissions(QFileDevice::ReadOwner |
                           QFileDevice::WriteOwner); // refused before it is read otherwise
        key.close();
        certificate.close();
        QString error;
        QVERIFY(!CertificateAuthority::loadOrCreate(dir.path(), &error));
        QVERIFY(error.contains(QStringLiteral("damaged")));
        QVERIFY(key.open(QIODevice::ReadOnly));
        QCOMPARE(key.readAll(), QByteArray("garbage"));
    }

    // The modes are the code's, not the umask's: 0 would leave the certificate world-writable and
    // the folders 0777, 077 would make the public certificate unreadable to the tools that import it.
    void caFileModesDoNotDependOnTheUmask_data()
    {
        QTest::addColumn<int>("umask");
        QTest::newRow("0") << 0;
        QTest::newRow("022") << 022;
        QTest::newRow("077") << 077;
    }

    void caFileModesDoNotDependOnTheUmask()
    {
        QFETCH(int, umask);
        QTemporaryDir dir;
        const QString directory = dir.filePath(QStringLiteral("share/corscope/ca"));
        const mode_t previous = ::umask(mode_t(umask));
        QString error;
        const auto authority = CertificateAuthority::loadOrCreate(directory, &error);
        ::umask(previous);
        QVERIFY2(authority, qPrintable(error));
        auto mode = [](const QString &path) {
            struct stat info = {};
            return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
        };
        QCOMPARE(mode(directory + QStringLiteral("/ca-key.pem")), 0600);
        QCOMPARE(mode(directory + QStringLiteral("/ca-cert.pem")), 0644);
        QCOMPARE(mode(directory), 0700);
        QCOMPARE(mode(dir.filePath(QStringLiteral("share/corscope"))), 0700); // parents it created too
        QCOMPARE(mode(dir.filePath(QStringLiteral("share"))), 0700);
    }

    // As ssh refuses an unprotected private key: one that others could read is not used, nor
    // quietly narrowed, and the error says which file and what to run.
    void aKeyOthersCanReadIsRefused_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("group-readable") << 0640;
        QTest::newRow("world-readable") << 0604;
        QTest::newRow("group-writable") << 0620;
    }

    void aKeyOthersCanReadIsRefused()
    {
        QFETCH(int, mode);
        QTemporaryDir dir;
        const QString directory = dir.filePath(QStringLiteral("ca"));
        QString error;
        const auto created = CertificateAuthority::loadOrCreate(directory, &error);
        QVERIFY2(created, qPrintable(error));
        const QByteArray keyPath = QFile::encodeName(directory + QStringLiteral("/ca-key.pem"));
        QCOMPARE(::chmod(keyPath.constData(), mode_t(mode)), 0);
        error.clear();
        QVERIFY(!CertificateAuthority::loadOrCreate(directory, &error));
        QVERIFY2(error.contains(QStringLiteral("chmod 600 '%1'").arg(QFile::decodeName(keyPath))),
                 qPrintable(error));
        struct stat info = {};
        QCOMPARE(::stat(keyPath.constData(), &info), 0);
        QCOMPARE(int(info.st_mode & 0777), mode); // left as it was: the user decides
        QCOMPARE(::chmod(keyPath.constData(), 0600), 0);
        const auto fixed = CertificateAuthority::loadOrCreate(directory, &error);
        QVERIFY2(fixed, qPrintable(error));
        QCOMPARE(fixed->certificatePem(), created->certificatePem());
    }

    void curlTrustingTheCaReadsThroughTheProxy()
    {
        m_flows.clear();
        QByteArray body;
        const QString caFile = m_dir.filePath(QStringLiteral("ca/ca-cert.pem"));
        QVERIFY(run(QStringLiteral("curl"),
                    {QStringLiteral("-sS"), QStringLiteral("--cacert"), caFile, QStringLiteral("-x"),
                     QStringLiteral("http://") + m_proxy->listenAddress(), QStringLiteral("-H"),
                     QStringLiteral("Origin: https://app.example"),
                     m_origin.url(QStringLiteral("/data")).toString()},
                    &body));
        QCOMPARE(body, QByteArray("over tls /data"));
        QTRY_COMPARE(m_flows.size(), 1);
        const Flow &flow = m_flows.first();
        QCOMPARE(flow.url.scheme(), QStringLiteral("https"));
        QCOMPARE(flow.url.path(), QStringLiteral("/data"));
        QVERIFY(!flow.tunnel);
        QCOMPARE(FlowAnalyzer(BrowserProfile::chromium()).analyze(flow).kind, FlowVerdict::Kind::Allowed);
        // The flow says how the proxy spoke to the origin: its TLS session and certificate.
        QVERIFY(flow.tls);
        QVERIFY2(flow.tls->protocol.startsWith(QStringLiteral("TLSv1.")), qPrintable(flow.tls->protocol));
        QVERIFY(!flow.tls->cipher.isEmpty());
        QCOMPARE(flow.tls->certificateSubject, QStringLiteral("127.0.0.1"));
        QVERIFY(flow.tls->certificateExpiry > QDateTime::currentDateTimeUtc());
        const TlsDetails back = TlsDetails::fromJson(flow.tls->toJson());
        QCOMPARE(back.summary(), flow.tls->summary());
        // Without the CA the minted certificate is rejected: interception needs consent.
        QVERIFY(!run(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("-x"),
                                              QStringLiteral("http://") + m_proxy->listenAddress(),
                                              m_origin.url(QStringLiteral("/data")).toString()}));
    }

    void aRuleAnswersAPreflightInsideTheInterceptedTunnel()
    {
        QString error;
        const auto rules = RewriteRules::parse(
            "[{\"name\": \"tls preflight\", \"match\": {\"path\": \"/data\"},"
            " \"respond\": {\"headers\": {\"Access-Control-Allow-Origin\": \"https://app.example\","
            " \"Access-Control-Allow-Methods\": \"PUT\"}}}]",
            &error);
        QVERIFY2(rules, qPrintable(error));
        m_proxy->setRewriteRules(*rules);
        m_origin.reset();
        m_flows.clear();
        QByteArray answer;
        const bool ok = run(QStringLiteral("curl"),
                            {QStringLiteral("-sS"), QStringLiteral("-i"), QStringLiteral("--cacert"),
                             m_dir.filePath(QStringLiteral("ca/ca-cert.pem")), QStringLiteral("-x"),
                             QStringLiteral("http://") + m_proxy->listenAddress(), QStringLiteral("-X"),
                             QStringLiteral("OPTIONS"), QStringLiteral("-H"),
                             QStringLiteral("Origin: https://app.example"), QStringLiteral("-H"),
                             QStringLiteral("Access-Control-Request-Method: PUT"),
                             m_origin.url(QStringLiteral("/data")).toString()},
                            &answer);
        m_proxy->setRewriteRules({});
        QVERIFY(ok);
        QVERIFY2(answer.contains("HTTP/1.1 204 No Content\r\n"), answer.constData());
        QVERIFY(answer.contains("Access-Control-Allow-Methods: PUT\r\n"));
        QTRY_COMPARE(m_flows.size(), 1);
        QCOMPARE(m_flows.first().url.scheme(), QStringLiteral("https"));
        QVERIFY(m_flows.first().answeredLocally);
        QCOMPARE(FlowAnalyzer(BrowserProfile::chromium()).analyze(m_flows.first()).kind,
                 FlowVerdict::Kind::PreflightPassed);
        QVERIFY(m_origin.requests().isEmpty());
    }

    void chromiumTrustsItThroughTheSpkiFlagOnly()
    {
        if (!BrowserRunner::available(Browser::Chromium))
            QSKIP("chromium is not installed");
        auto dumpDom = [&](bool withSpki) {
            QTemporaryDir profile;
            ChromiumLaunch launch;
            launch.setHeadless(true)
                .setAutomation(true)
                .setUserDataDir(profile.path())
                .setProxy(m_proxy->listenAddress())
                .addArguments({QStringLiteral("--dump-dom")})
                .setStartUrl(m_origin.url(QStringLiteral("/page")).toString());
            if (withSpki)
                launch.setTrustedSpki(m_authority->spkiSha256Base64());
            const QStringList arguments = launch.arguments();
            QByteArray dom;
            run(BrowserRunner::executable(Browser::Chromium), arguments, &dom, 60000);
            return dom;
        };
        m_flows.clear();
        QVERIFY(dumpDom(true).contains("secret"));
        // Chromium also sends its own requests through the proxy; the page's is the one that matters.
        QTRY_VERIFY(std::any_of(m_flows.begin(), m_flows.end(), [](const Flow &flow) {
            return flow.url.scheme() == u"https" && flow.url.path() == u"/page" && flow.status == 200;
        }));
        QVERIFY(!dumpDom(false).contains("secret"));
    }
};

QTEST_GUILESS_MAIN(TestInterception)
#include "tst_interception.moc"
