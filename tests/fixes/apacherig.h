#pragma once

#include "serverrig.h"

namespace CorscopeTest {

// Apache httpd 2.4 as a reverse proxy (mod_proxy_http) in front of startBackend()'s nginx: the
// layout where Apache's CORS directives matter most, and where upstream copies must be dropped.
class ApacheRig : public ServerRig {
public:
    QString server() const override { return QStringLiteral("apache"); }
    bool available(QString *why) const override;
    QString cannotServe(const FixFamily &family) const override;

protected:
    bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     Launch *launch, QString *error) override;
    bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                    QString *error) override;

private:
    bool write(const QString &server, int port, const QString &dir, Launch *launch, QString *error);
};

} // namespace CorscopeTest
