#pragma once

#include "serverrig.h"

namespace CorscopeTest {

// Flask 2 on its own server (werkzeug, `app.run`) serving the endpoint, as the API's own application.
class FlaskRig : public ServerRig {
public:
    QString server() const override { return QStringLiteral("flask"); }
    bool available(QString *why) const override;
    bool isApplication() const override { return true; }
    QString cannotServe(const FixFamily &family) const override;

protected:
    bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     Launch *launch, QString *error) override;
    bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                    QString *error) override;

private:
    bool write(const QString &code, int port, const QString &dir, Launch *launch, QString *error);
};

} // namespace CorscopeTest
