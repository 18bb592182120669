#pragma once

#include "proxy/proxyaccess.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <QStringList>
#include <QtGlobal>
#include <memory>

namespace Corscope {

class CertificateAuthority;

struct ProxySettings {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port
    qint64 bodyCaptureBytes = 1024 * 1024;
    int maxConnections = 512;
    // Connections the kernel completes before the proxy accepts them: a browser opening a page's
    // connections at once overflowed Qt's 50 (680 of a 2,000 burst were dropped and retried a
    // second later). Linux caps it at net.core.somaxconn (4096 by default since 5.4).
    int listenBacklog = 4096;
    int headerTimeoutMs = 10'000; // slowloris: a request head must arrive within this
    int idleTimeoutMs = 60'000;   // a keep-alive connection with nothing in flight
    // An origin that does not accept the connection in time gets a 504 instead of the OS's
    // minutes of SYN retries.
    int connectTimeoutMs = 15'000;
    // HTTPS interception: with a CA, CONNECT tunnels are opened and read; without, passed through.
    std::shared_ptr<CertificateAuthority> authority;
    QStringList tunnelOnlyHosts;                   // never intercepted (certificate pinning, banking, …)
    QList<QSslCertificate> upstreamCaCertificates; // trusted for origin servers besides the system store
    // Credential and allowed targets; enforced beyond loopback (ProxyServer::start), or on loopback
    // when the caller sets access.enforced itself.
    ProxyAccess access;
};

} // namespace Corscope
