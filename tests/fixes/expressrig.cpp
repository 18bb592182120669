#include "expressrig.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace CorscopeTest {

namespace {

const QString node = QStringLiteral("/usr/bin/node");
// Debian installs Node's modules here, not where require() looks by default.
const QString nodePath = QStringLiteral("/usr/share/nodejs");

} // namespace

bool ExpressRig::available(QString *why) const
{
    for (const QString &path :
         {node, nodePath + QStringLiteral("/express"), nodePath + QStringLiteral("/cors")}) {
        if (!QFileInfo::exists(path)) {
            *why = QStringLiteral("%1 is missing (Debian packages nodejs node-express node-cors)").arg(path);
            return false;
        }
    }
    return true;
}

QString ExpressRig::cannotServe(const FixFamily &family) const
{
    // llhttp matches the method against its table of upper-case names: `curl -X patch` gets
    // "400 Bad Request" from Node before any JavaScript runs.
    if (hasLowerCase(family.method))
        return QStringLiteral("Node.js answers the method '%1' with 400 before Express runs "
                              "(the snippet's note says so)")
            .arg(QString::fromUtf8(family.method));
    return {};
}

bool ExpressRig::writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                             const QString &dir, Launch *launch, QString *error)
{
    // The broken behaviour as users hand-write it: a middleware that sets the headers itself.
    const QJsonObject data = brokenAsJson(broken, pageOrigin);
    const QString middleware =
        QStringLiteral("const broken = %1;\n")
            .arg(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))) +
        QStringLiteral(R"(app.use('%1', (req, res, next) => {
  if (req.method === 'OPTIONS' && broken.answerOptions) {
    for (const [name, value] of broken.preflight) res.append(name, value);
    if (broken.optionsStatus === 301) return res.redirect(301, broken.redirect);
    return res.status(broken.optionsStatus).end();
  }
  if (!broken.onlyForOrigin || req.get('Origin') === broken.onlyForOrigin)
    for (const [name, value] of broken.actual) res.append(name, value);
  next();
});
)")
            .arg(QLatin1String(endpointPath));
    return write(middleware, port, dir, launch, error);
}

bool ExpressRig::writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                            QString *error)
{
    // Pasted as it is, between the app's creation and its routes.
    return write(snippet.value(QStringLiteral("js")).toString(), port, dir, launch, error);
}

bool ExpressRig::write(const QString &middleware, int port, const QString &dir, Launch *launch,
                       QString *error)
{
    const QString script = QStringLiteral(R"(const express = require('express');
const app = express();

%1
app.all('%2', (req, res) => {
  res.set('X-Total', '5');
  res.json({ ok: true });
});

app.listen(%3, '127.0.0.1');
)")
                               .arg(middleware, QLatin1String(endpointPath), QString::number(port));
    if (!writeFile(dir + QStringLiteral("/server.js"), script.toUtf8(), error))
        return false;
    launch->program = node;
    launch->arguments = {dir + QStringLiteral("/server.js")};
    launch->environment = {QStringLiteral("NODE_PATH=") + nodePath};
    launch->workingDirectory = dir;
    return true;
}

} // namespace CorscopeTest
