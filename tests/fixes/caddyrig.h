#pragma once

#include "serverrig.h"

namespace CorscopeTest {

// Caddy 2 serving the endpoint itself with `respond`, as the API's own server. Not a
// reverse_proxy to startBackend()'s nginx: that backend answers a lower-case method 400, and
// Caddy (Go's net/http) accepts one, so only this way can the lowercase-method family be proven
// on Caddy; the Apache and HAProxy rigs already cover the layer-in-front layout.
class CaddyRig : public ServerRig {
public:
    QString server() const override { return QStringLiteral("caddy"); }
    bool available(QString *why) const override;

protected:
    bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     Launch *launch, QString *error) override;
    bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                    QString *error) override;

private:
    bool write(const QString &site, int port, const QString &dir, Launch *launch, QString *error);
};

} // namespace CorscopeTest
