#pragma once

#include <QHostAddress>
#include <QtGlobal>

namespace Corscope {

struct ProxySettings {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port
    qint64 bodyCaptureBytes = 1024 * 1024;
    int maxConnections = 512;
    int headerTimeoutMs = 10'000; // slowloris: a request head must arrive within this
    int idleTimeoutMs = 60'000;   // a keep-alive connection with nothing in flight
};

} // namespace Corscope
