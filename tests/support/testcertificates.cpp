#include "testcertificates.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace CorscopeTest {

namespace {

bool runOpenssl(const QStringList &arguments, const QString &workDir, QString *error)
{
    QProcess openssl;
    openssl.setWorkingDirectory(workDir);
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit ||
        openssl.exitCode() != 0) {
        *error =
            QStringLiteral("openssl %1 failed: %2 %3")
                .arg(arguments.value(0), openssl.errorString(), QString::fromLocal8Bit(openssl.readAll()));
        return false;
    }
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

bool TestCertificates::create(QString *error)
{
    QString failure;
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        *error = QStringLiteral("openssl is not installed");
        return false;
    }
    const QString dir = m_dir.path();
    // [rfc5280] 4.2.1.9/4.2.1.3: a CA needs basicConstraints CA:TRUE and keyCertSign; the leaf is
    // no CA, and [rfc6125] 6.4.4 has browsers match only subjectAltName, so the names go there.
    QFile extensions(m_dir.filePath(QStringLiteral("leaf.cnf")));
    if (!extensions.open(QIODevice::WriteOnly) ||
        extensions.write("basicConstraints=critical,CA:FALSE\n"
                         "keyUsage=critical,digitalSignature\n"
                         "extendedKeyUsage=serverAuth\n"
                         "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n") < 0) {
        *error = QStringLiteral("cannot write %1").arg(extensions.fileName());
        return false;
    }
    extensions.close();
    const QString curve = QStringLiteral("ec_paramgen_curve:prime256v1");
    if (!runOpenssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("ec"), QStringLiteral("-pkeyopt"), curve, QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                     QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                     QStringLiteral("-subj"), QStringLiteral("/CN=Corscope test CA"),
                     QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                     QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                    dir, error) ||
        !runOpenssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                     QStringLiteral("ec"), QStringLiteral("-pkeyopt"), curve, QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"), QStringLiteral("leaf.key"), QStringLiteral("-out"),
                     QStringLiteral("leaf.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
                    dir, error) ||
        !runOpenssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                     QStringLiteral("leaf.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                     QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-set_serial"),
                     QStringLiteral("2"), QStringLiteral("-days"), QStringLiteral("2"),
                     QStringLiteral("-extfile"), QStringLiteral("leaf.cnf"), QStringLiteral("-out"),
                     QStringLiteral("leaf.pem")},
                    dir, error)) {
        return false;
    }
    m_ca = QSslCertificate(readFile(m_dir.filePath(QStringLiteral("ca.pem"))), QSsl::Pem);
    m_leaf = QSslCertificate(readFile(m_dir.filePath(QStringLiteral("leaf.pem"))), QSsl::Pem);
    m_key = QSslKey(readFile(m_dir.filePath(QStringLiteral("leaf.key"))), QSsl::Ec, QSsl::Pem);
    if (!isValid()) {
        *error = QStringLiteral("openssl wrote certificates Qt cannot read");
        return false;
    }
    return true;
}

QString TestCertificates::caPath() const
{
    return m_dir.filePath(QStringLiteral("ca.pem"));
}

QSslConfiguration TestCertificates::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain({m_leaf, m_ca});
    configuration.setPrivateKey(m_key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    return configuration;
}

QByteArray TestCertificates::spkiSha256Base64(const QSslCertificate &certificate)
{
    // QSslKey::toDer() of a public key is the DER SubjectPublicKeyInfo ([rfc5280] 4.1.2.7).
    return QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256).toBase64();
}

} // namespace CorscopeTest
