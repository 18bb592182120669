#pragma once

// A throwaway certificate authority and one server certificate it signed, made at test time with
// the `openssl` command (no private key is ever committed). The server certificate names what the
// browsers and the proxy connect to: 127.0.0.1, ::1 and localhost.

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <QTemporaryDir>

namespace CorscopeTest {

class TestCertificates {
public:
    // Creates the CA and the server certificate in a fresh temporary directory. False (and
    // *error) when openssl is missing or fails.
    bool create(QString *error);
    bool isValid() const { return !m_ca.isNull() && !m_leaf.isNull() && !m_key.isNull(); }

    // The CA certificate as a PEM file: what a client adds to its trust store.
    QString caPath() const;
    QSslCertificate ca() const { return m_ca; }
    QSslCertificate leaf() const { return m_leaf; }

    // A server-side configuration presenting the leaf and the CA (the chain a server sends),
    // HTTP/1.1 only.
    QSslConfiguration serverConfiguration() const;

    // base64(SHA-256(SubjectPublicKeyInfo)): Chromium's --ignore-certificate-errors-spki-list.
    static QByteArray spkiSha256Base64(const QSslCertificate &certificate);

private:
    QTemporaryDir m_dir;
    QSslCertificate m_ca;
    QSslCertificate m_leaf;
    QSslKey m_key;
};

} // namespace CorscopeTest
