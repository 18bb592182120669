#include "proxy/proxyaccess.h"

#include <QHostInfo>
#include <QRandomGenerator>
#include <QUrl>
#include <algorithm>

namespace Corscope {

namespace {

QString bare(QString host)
{
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return host;
}

bool portMatches(int allowed, quint16 port, bool connect)
{
    return allowed < 0 ? port == (connect ? 443 : 80) : port == allowed;
}

// Compares all of both, so the time taken does not tell how much of a guess was right.
bool sameBytes(QByteArrayView a, QByteArrayView b)
{
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

std::optional<ProxyAccess::Target> ProxyAccess::parseTarget(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    Target target;
    QString host = trimmed;
    // An IPv6 address has colons of its own: its port follows the bracket.
    const qsizetype colon = trimmed.startsWith(u'[') ? trimmed.indexOf(u"]:") + 1 : trimmed.lastIndexOf(u':');
    const bool bareV6 = !trimmed.startsWith(u'[') && trimmed.count(u':') > 1;
    if (colon > 0 && !bareV6) {
        bool ok = false;
        const uint port = trimmed.mid(colon + 1).toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            if (error)
                *error = tr("'%1' is not HOST or HOST:PORT: the port must be 1 to 65535.").arg(text);
            return std::nullopt;
        }
        target.port = int(port);
        host = trimmed.left(colon);
    }
    host = bare(host);
    const bool valid = host == u"*" || !QHostAddress(host).isNull() ||
                       (!host.isEmpty() && !QUrl::toAce(host).isEmpty() &&
                        std::all_of(host.begin(), host.end(), [](QChar c) {
                            return c.isLetterOrNumber() || c == u'-' || c == u'.' || c == u'_';
                        }));
    if (!valid) {
        if (error)
            *error = tr("'%1' is not HOST or HOST:PORT (a name, an address, or * for any host).").arg(text);
        return std::nullopt;
    }
    target.host = host.toLower();
    return target;
}

QByteArray ProxyAccess::randomCredential()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray secret(reinterpret_cast<const char *>(words), sizeof words);
    return "corscope:" + secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool ProxyAccess::authorizes(const HeaderList &headers) const
{
    if (credential.isEmpty())
        return false;
    const QByteArray expected = credential.toBase64();
    bool authorized = false;
    for (const Header &header : headers) {
        if (!HeaderList::equalsLowercaseName(header.name, "proxy-authorization"))
            continue;
        // [rfc9110] 11.1: the scheme is case-insensitive; [rfc7617] 2: "Basic" SP token68.
        const QByteArray value = header.value.trimmed();
        const qsizetype space = value.indexOf(' ');
        if (space < 0 || value.first(space).compare("basic", Qt::CaseInsensitive) != 0)
            continue;
        authorized = sameBytes(value.sliced(space + 1).trimmed(), expected) || authorized;
    }
    return authorized;
}

bool ProxyAccess::isOwn(const QString &host) const
{
    const QString name = bare(host).toLower();
    // [rfc6761] 6.3: localhost and its subdomains are this machine whatever DNS says.
    if (name == u"localhost" || name.endsWith(u".localhost"))
        return true;
    const QHostAddress address(name);
    if (address.isNull())
        return name == QHostInfo::localHostName().toLower();
    // 0.0.0.0 and :: reach the machine's own listeners too.
    if (address.isLoopback() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
        return true;
    // ::ffff:127.0.0.1 is 127.0.0.1.
    bool mapped = false;
    const QHostAddress v4(address.toIPv4Address(&mapped));
    if (mapped && v4.isLoopback())
        return true;
    return std::any_of(ownAddresses.begin(), ownAddresses.end(), [&](const QHostAddress &own) {
        return own.isEqual(address, QHostAddress::TolerantConversion);
    });
}

bool ProxyAccess::names(const QString &host, quint16 port, bool connect) const
{
    const QString name = bare(host).toLower();
    // An address may be written more than one way (::1, 0:0::1): compared as addresses.
    const QHostAddress address(name);
    return std::any_of(targets.begin(), targets.end(), [&](const Target &target) {
        if (target.host == u"*" || !portMatches(target.port, port, connect))
            return false;
        if (target.host == name)
            return true;
        const QHostAddress listed(target.host);
        return !address.isNull() && !listed.isNull() && listed.isEqual(address);
    });
}

std::optional<QString> ProxyAccess::refusal(const QString &host, quint16 port, bool connect) const
{
    if (!enforced)
        return std::nullopt;
    if (names(host, port, connect))
        return std::nullopt;
    if (isOwn(host))
        return tr("%1 is the proxy machine itself; a proxy open beyond loopback goes there only when "
                  "--allow-target names it.")
            .arg(host);
    const auto anyHost = [&](const Target &target) {
        return target.host == u"*" && portMatches(target.port, port, connect);
    };
    if (targets.isEmpty() ? portMatches(-1, port, connect)
                          : std::any_of(targets.begin(), targets.end(), anyHost))
        return std::nullopt;
    if (connect && port != 443)
        return tr("CONNECT to %1:%2 refused: tunnels go to port 443 unless --allow-target names the port.")
            .arg(host)
            .arg(port);
    return tr("%1:%2 is not an allowed target of this proxy (--allow-target).").arg(host).arg(port);
}

std::optional<QString> ProxyAccess::refusalOfPeer(const QString &host, const QString &peerAddress) const
{
    if (!enforced || !isOwn(peerAddress))
        return std::nullopt;
    // Named as a target, a host is allowed wherever it resolves.
    const QString name = bare(host).toLower();
    if (std::any_of(targets.begin(), targets.end(),
                    [&](const Target &target) { return target.host != u"*" && target.host == name; }))
        return std::nullopt;
    return tr("%1 resolved to %2, the proxy machine itself; a proxy open beyond loopback goes there only "
              "when --allow-target names it.")
        .arg(host, peerAddress);
}

} // namespace Corscope
