#include "proxy/tlsinterception.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Corscope {

namespace {

// [rfc9110] 5.6.2 tchar
bool isTokenChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c));
}

} // namespace

TlsInterception::Inside TlsInterception::classify(QByteArrayView seen)
{
    if (seen.isEmpty())
        return Inside::Unknown;
    // [rfc8446] 5.1: a TLS record starts with its content type; a ClientHello is handshake(22).
    if (seen.front() == 0x16)
        return Inside::Tls;
    // [rfc9112] 3: a request line starts with a method token and a space.
    const qsizetype space = seen.indexOf(' ');
    const QByteArrayView token = space < 0 ? seen : seen.first(space);
    const bool tokenSoFar = std::all_of(token.begin(), token.end(), isTokenChar);
    if (tokenSoFar && space < 0 && seen.size() < sniffBytes)
        return Inside::Unknown; // the method is still arriving
    return tokenSoFar && space > 0 ? Inside::PlainHttp : Inside::Raw;
}

QSslSocket *TlsInterception::takeOver(QTcpSocket *plain, QObject *parent, QString *error)
{
    // QAbstractSocket cannot hand its descriptor over, so the QSslSocket gets a duplicate; closing
    // the plain socket's copy (a close, no shutdown) leaves the connection itself open.
    const int descriptor = ::fcntl(int(plain->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (descriptor < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return nullptr;
    }
    auto *tls = new QSslSocket(parent);
    if (!tls->setSocketDescriptor(descriptor)) {
        ::close(descriptor);
        delete tls;
        *error = QString::fromLocal8Bit(std::strerror(EBADF));
        return nullptr;
    }
    plain->disconnect(parent);
    plain->abort();
    plain->deleteLater();
    return tls;
}

} // namespace Corscope
