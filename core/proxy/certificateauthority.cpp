#include "proxy/certificateauthority.h"

#include "app/privatefile.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QStandardPaths>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Corscope {

namespace {

struct Deleter {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(X509_EXTENSION *p) const { X509_EXTENSION_free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter>;
using Certificate = std::unique_ptr<X509, Deleter>;
using Bio = std::unique_ptr<BIO, Deleter>;

Key generateKey()
{
    return Key(EVP_EC_gen("P-256"));
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

bool addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    std::unique_ptr<X509_EXTENSION, Deleter> extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool randomSerial(X509 *certificate)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    bytes[0] &= 0x7f; // positive
    std::unique_ptr<BIGNUM, Deleter> number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return number && BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate)) != nullptr;
}

// Writes a new file with exactly `mode`: open()'s mode is narrowed by the umask (a umask of 077
// would make a public certificate 0600, one of 0 leaves nothing narrowed), so fchmod sets it
// before the first byte is written.
bool writeNewFile(const QString &path, const QByteArray &bytes, mode_t mode)
{
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0600);
    if (fd < 0)
        return false;
    const bool ok =
        ::fchmod(fd, mode) == 0 && ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    return ::close(fd) == 0 && ok;
}

// The key: 0600 from the first byte, never readable by others, not even for an instant.
bool writePrivateFile(const QString &path, const QByteArray &bytes)
{
    return writeNewFile(path, bytes, 0600);
}

// The certificate is public — it is what the user gives a browser or `certutil` to trust, and
// what Corscope shows and exports — so it is 0644 whatever the umask, as /etc/ssl/certs are; the
// 0700 folder around it still keeps it the owner's unless they copy it out.
bool writePublicFile(const QString &path, const QByteArray &bytes)
{
    return writeNewFile(path, bytes, 0644);
}

} // namespace

struct CertificateAuthority::Keys {
    Key caKey;
    Certificate caCertificate;
    Key leafKey;
};

CertificateAuthority::CertificateAuthority()
    : m_keys(std::make_unique<Keys>())
{
}

CertificateAuthority::~CertificateAuthority() = default;

QString CertificateAuthority::defaultDirectory()
{
    // One CA per user for the GUI and the CLI alike: a browser told to trust it once keeps working.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/corscope/ca");
}

std::shared_ptr<CertificateAuthority> CertificateAuthority::loadOrCreate(const QString &directory,
                                                                         QString *error)
{
    std::shared_ptr<CertificateAuthority> authority(new CertificateAuthority);
    Keys &keys = *authority->m_keys;
    const QString keyPath = directory + QStringLiteral("/ca-key.pem");
    const QString certificatePath = directory + QStringLiteral("/ca-cert.pem");
    const bool keyExists = QFile::exists(keyPath);
    const bool certificateExists = QFile::exists(certificatePath);
    if (keyExists != certificateExists) {
        *error = tr("%1 holds only half of the Corscope CA; remove what is left to create a new one.")
                     .arg(directory);
        return nullptr;
    }
    if (keyExists) {
        // Whoever can read this key can mint a certificate for any site that the user's browser,
        // told to trust this CA, accepts. A key others could read may already have been copied:
        // like ssh with an "UNPROTECTED PRIVATE KEY FILE", Corscope refuses it rather than quietly
        // narrowing it (which would hide the exposure, and mitmproxy's just-use-it hides it too);
        // the user decides whether to chmod it or to delete the CA and remove its trust.
        if (PrivateFile::isReadableByOthers(keyPath)) {
            *error = tr("The Corscope CA key %1 can be read by other users, so anyone of them could "
                        "impersonate any site to a browser that trusts this CA; it was not used. If no one "
                        "else can have copied it, run: chmod 600 '%1' — otherwise delete %2 to create a new "
                        "CA, and remove the old one from every browser that trusts it.")
                         .arg(QDir::toNativeSeparators(keyPath), QDir::toNativeSeparators(directory));
            return nullptr;
        }
        QFile keyFile(keyPath);
        QFile certificateFile(certificatePath);
        if (!keyFile.open(QIODevice::ReadOnly) || !certificateFile.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read the Corscope CA in %1.").arg(directory);
            return nullptr;
        }
        const QByteArray keyPem = keyFile.readAll();
        const QByteArray certificatePem = certificateFile.readAll();
        Bio keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
        Bio certificateBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
        keys.caKey.reset(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
        keys.caCertificate.reset(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
        if (!keys.caKey || !keys.caCertificate ||
            X509_check_private_key(keys.caCertificate.get(), keys.caKey.get()) != 1) {
            *error =
                tr("The Corscope CA in %1 is damaged or its key does not match its certificate; it was left "
                   "untouched.")
                    .arg(directory);
            return nullptr;
        }
    } else {
        // Missing parents are made 0700 too (PrivateFile), not with the umask's 0755.
        QString directoryError;
        if (!PrivateFile::makeDirectory(directory, &directoryError) ||
            !QFile::setPermissions(directory, PrivateFile::kDirectoryPermissions)) {
            *error = tr("Cannot create %1.").arg(directory);
            return nullptr;
        }
        keys.caKey = generateKey();
        keys.caCertificate.reset(X509_new());
        X509 *ca = keys.caCertificate.get();
        const QByteArray commonName =
            QStringLiteral("Corscope Interception CA (%1)").arg(QHostInfo::localHostName()).toUtf8();
        X509_NAME *name = X509_get_subject_name(ca);
        const bool built =
            keys.caKey && X509_set_version(ca, 2) == 1 && randomSerial(ca) &&
            X509_gmtime_adj(X509_getm_notBefore(ca), -24 * 3600) &&
            X509_gmtime_adj(X509_getm_notAfter(ca), 10L * 365 * 24 * 3600) &&
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>(commonName.constData()), -1,
                                       -1, 0) == 1 &&
            X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>("Corscope"), -1, -1, 0) == 1 &&
            X509_set_issuer_name(ca, name) == 1 && X509_set_pubkey(ca, keys.caKey.get()) == 1 &&
            addExtension(ca, ca, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
            addExtension(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign") &&
            addExtension(ca, ca, NID_subject_key_identifier, "hash") &&
            X509_sign(ca, keys.caKey.get(), EVP_sha256()) > 0;
        Bio keyBio(BIO_new(BIO_s_mem()));
        Bio certificateBio(BIO_new(BIO_s_mem()));
        if (!built ||
            PEM_write_bio_PrivateKey(keyBio.get(), keys.caKey.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
                1 ||
            PEM_write_bio_X509(certificateBio.get(), ca) != 1) {
            *error = tr("OpenSSL could not create the Corscope CA.");
            return nullptr;
        }
        if (!writePrivateFile(keyPath, bioBytes(keyBio.get())) ||
            !writePublicFile(certificatePath, bioBytes(certificateBio.get()))) {
            *error = tr("Cannot write the Corscope CA to %1.").arg(directory);
            return nullptr;
        }
    }
    keys.leafKey = generateKey();
    Bio leafKeyBio(BIO_new(BIO_s_mem()));
    Bio certificateBio(BIO_new(BIO_s_mem()));
    if (!keys.leafKey ||
        PEM_write_bio_PrivateKey(leafKeyBio.get(), keys.leafKey.get(), nullptr, nullptr, 0, nullptr,
                                 nullptr) != 1 ||
        PEM_write_bio_X509(certificateBio.get(), keys.caCertificate.get()) != 1) {
        *error = tr("OpenSSL could not create the leaf key.");
        return nullptr;
    }
    authority->m_leafKey = QSslKey(bioBytes(leafKeyBio.get()), QSsl::Ec, QSsl::Pem);
    authority->m_certificate = QSslCertificate(bioBytes(certificateBio.get()), QSsl::Pem);
    return authority;
}

QByteArray CertificateAuthority::mintLeafPem(const QString &host, QString *error) const
{
    Certificate leaf(X509_new());
    X509 *certificate = leaf.get();
    const QByteArray hostBytes = host.toUtf8();
    const QHostAddress address(host);
    const QByteArray subjectAltName = (address.isNull() ? "DNS:" : "IP:") + hostBytes;
    X509_NAME *name = X509_get_subject_name(certificate);
    const bool built =
        X509_set_version(certificate, 2) == 1 && randomSerial(certificate) &&
        X509_gmtime_adj(X509_getm_notBefore(certificate), -24 * 3600) &&
        X509_gmtime_adj(X509_getm_notAfter(certificate), 365L * 24 * 3600) &&
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(hostBytes.constData()), -1, -1,
                                   0) == 1 &&
        X509_set_issuer_name(certificate, X509_get_subject_name(m_keys->caCertificate.get())) == 1 &&
        X509_set_pubkey(certificate, m_keys->leafKey.get()) == 1 &&
        addExtension(certificate, m_keys->caCertificate.get(), NID_basic_constraints, "critical,CA:FALSE") &&
        addExtension(certificate, m_keys->caCertificate.get(), NID_key_usage,
                     "critical,digitalSignature,keyEncipherment") &&
        addExtension(certificate, m_keys->caCertificate.get(), NID_ext_key_usage, "serverAuth") &&
        addExtension(certificate, m_keys->caCertificate.get(), NID_authority_key_identifier, "keyid") &&
        addExtension(certificate, m_keys->caCertificate.get(), NID_subject_alt_name,
                     subjectAltName.constData()) &&
        X509_sign(certificate, m_keys->caKey.get(), EVP_sha256()) > 0;
    Bio bio(BIO_new(BIO_s_mem()));
    if (!built || PEM_write_bio_X509(bio.get(), certificate) != 1) {
        *error = tr("OpenSSL could not mint a certificate for %1.").arg(host);
        return {};
    }
    return bioBytes(bio.get());
}

QSslConfiguration CertificateAuthority::serverConfigurationFor(const QString &host)
{
    QSslCertificate *leaf = m_leaves.object(host);
    if (!leaf) {
        QString error;
        const QByteArray pem = mintLeafPem(host, &error);
        leaf = new QSslCertificate(pem, QSsl::Pem);
        m_leaves.insert(host, leaf);
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain({*leaf, m_certificate});
    configuration.setPrivateKey(m_leafKey);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    return configuration;
}

QByteArray CertificateAuthority::certificatePem() const
{
    return m_certificate.toPem();
}

QByteArray CertificateAuthority::spkiSha256Base64() const
{
    X509_PUBKEY *publicKey = X509_get_X509_PUBKEY(m_keys->caCertificate.get());
    unsigned char *der = nullptr;
    const int length = i2d_X509_PUBKEY(publicKey, &der);
    if (length <= 0)
        return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    EVP_Digest(der, size_t(length), digest, &digestLength, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    return QByteArray(reinterpret_cast<const char *>(digest), int(digestLength)).toBase64();
}

} // namespace Corscope
