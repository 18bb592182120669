#pragma once

#include "serverrig.h"

namespace CorscopeTest {

// nginx serving the endpoint itself (`return 200`), as the API's own server.
class NginxRig : public ServerRig {
public:
    QString server() const override { return QStringLiteral("nginx"); }
    bool available(QString *why) const override;
    QString cannotServe(const FixFamily &family) const override;

protected:
    bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     Launch *launch, QString *error) override;
    bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                    QString *error) override;

private:
    bool write(const QString &http, const QString &location, int port, const QString &dir, Launch *launch,
               QString *error);
};

} // namespace CorscopeTest
