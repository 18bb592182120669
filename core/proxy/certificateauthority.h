#pragma once

#include <QCache>
#include <QCoreApplication>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <memory>
#include <optional>

namespace Corscope {

// The per-install CA that lets the proxy read HTTPS: created with OpenSSL on first use, its
// private key written once with mode 0600 and never exported; leaf certificates are minted per
// host on the fly, all sharing one leaf key (as mitmproxy does, so minting is one signature) and
// cached.
class CertificateAuthority {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CertificateAuthority)

public:
    // Loads ca-key.pem and ca-cert.pem from the directory, or creates them when neither exists.
    // A damaged or mismatched pair is an error: silently replacing a CA the user trusts would
    // break every browser that trusts it. So is a key other users can read (the error names the
    // chmod that fixes it). A new CA is written key 0600, certificate 0644, folder 0700, whatever
    // the umask.
    static std::shared_ptr<CertificateAuthority> loadOrCreate(const QString &directory, QString *error);
    static QString defaultDirectory();

    ~CertificateAuthority();

    // A TLS server configuration presenting a certificate for host, signed by this CA.
    QSslConfiguration serverConfigurationFor(const QString &host);
    QByteArray certificatePem() const;
    // base64(SHA-256(SubjectPublicKeyInfo)) of the CA: Chromium's --ignore-certificate-errors-spki-list.
    QByteArray spkiSha256Base64() const;

private:
    struct Keys;
    CertificateAuthority();
    QByteArray mintLeafPem(const QString &host, QString *error) const;

    std::unique_ptr<Keys> m_keys;
    QSslCertificate m_certificate;
    QSslKey m_leafKey;
    QCache<QString, QSslCertificate> m_leaves{1024};
};

} // namespace Corscope
