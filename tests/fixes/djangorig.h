#pragma once

#include "serverrig.h"

namespace CorscopeTest {

// A one-directory Django 3.2 project on `runserver` serving the endpoint with a view, as the API's
// own application.
class DjangoRig : public ServerRig {
public:
    QString server() const override { return QStringLiteral("django"); }
    bool available(QString *why) const override;
    bool isApplication() const override { return true; }

protected:
    bool writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port, const QString &dir,
                     Launch *launch, QString *error) override;
    bool writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                    QString *error) override;

private:
    bool write(const QString &settings, const QString &wsgi, int port, const QString &dir, Launch *launch,
               QString *error);
};

} // namespace CorscopeTest
