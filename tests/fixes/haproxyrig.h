#pragma once

#include "serverrig.h"

namespace CorscopeTest {

// HAProxy 2.6 in front of startBackend()'s nginx: a load balancer is only ever a layer in front
// of an application, so that is the layout its snippet has to work in.
class HaproxyRig : public ServerRig {
public:
    QString server() const override { return QStringLiteral("haproxy"); }
    bool available(QString *why) const override;
    QString cannotServe(const FixFamily &family) const override;

protected:
    bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     Launch *launch, QString *error) override;
    bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                    QString *error) override;

private:
    bool write(const QString &frontend, const QString &backend, int port, const QString &dir, Launch *launch,
               QString *error);
};

} // namespace CorscopeTest
