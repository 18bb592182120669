#pragma once

#include "serverrig.h"

namespace CorscopeTest {

// Express 4 on Node.js serving the endpoint itself (`app.all`), as the API's own application.
class ExpressRig : public ServerRig {
public:
    QString server() const override { return QStringLiteral("express"); }
    bool available(QString *why) const override;
    bool isApplication() const override { return true; }
    QString cannotServe(const FixFamily &family) const override;

protected:
    bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     Launch *launch, QString *error) override;
    bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                    QString *error) override;

private:
    bool write(const QString &middleware, int port, const QString &dir, Launch *launch, QString *error);
};

} // namespace CorscopeTest
