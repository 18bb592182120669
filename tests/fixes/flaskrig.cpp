#include "flaskrig.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace CorscopeTest {

namespace {

// Debian's interpreter: the one python3-flask and python3-flask-cors install into (a python3
// earlier on PATH, a pyenv one say, has neither).
const QString python = QStringLiteral("/usr/bin/python3");
const QString modules = QStringLiteral("/usr/lib/python3/dist-packages");

} // namespace

bool FlaskRig::available(QString *why) const
{
    for (const QString &path :
         {python, modules + QStringLiteral("/flask"), modules + QStringLiteral("/flask_cors")}) {
        if (!QFileInfo::exists(path)) {
            *why =
                QStringLiteral("%1 is missing (Debian packages python3-flask python3-flask-cors)").arg(path);
            return false;
        }
    }
    return true;
}

QString FlaskRig::cannotServe(const FixFamily &family) const
{
    // flask-cors' serialize_options() upper-cases `methods`: `curl -X OPTIONS -H
    // 'Access-Control-Request-Method: patch'` gets "Access-Control-Allow-Methods: PATCH",
    // which no browser takes for "patch".
    if (hasLowerCase(family.method))
        return QStringLiteral("flask-cors allows the method '%1' only upper-cased, and the "
                              "browser's method check is case-sensitive (the snippet's note says so)")
            .arg(QString::fromUtf8(family.method));
    return {};
}

bool FlaskRig::writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                           const QString &dir, Launch *launch, QString *error)
{
    // The broken behaviour as users hand-write it: request hooks that set the headers themselves.
    const QJsonObject data = brokenAsJson(broken, pageOrigin);
    if (!writeFile(dir + QStringLiteral("/broken.json"), QJsonDocument(data).toJson(), error))
        return false;
    const QString code = QStringLiteral(R"(import json
import os
from flask import Response, redirect, request

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "broken.json")) as f:
    BROKEN = json.load(f)


def answers_options():
    return request.method == "OPTIONS" and BROKEN["answerOptions"]


@app.before_request
def broken_preflight():
    if answers_options():
        if BROKEN["optionsStatus"] == 301:
            response = redirect(BROKEN["redirect"], 301)
        else:
            response = Response(status=BROKEN["optionsStatus"])
        for name, value in BROKEN["preflight"]:
            response.headers.add(name, value)
        return response


@app.after_request
def broken_headers(response):
    only_for = BROKEN["onlyForOrigin"]
    if not answers_options() and (not only_for or request.headers.get("Origin") == only_for):
        for name, value in BROKEN["actual"]:
            response.headers.add(name, value)
    return response
)");
    return write(code, port, dir, launch, error);
}

bool FlaskRig::writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                          QString *error)
{
    // Pasted as it is, right after the app is created.
    return write(snippet.value(QStringLiteral("python")).toString(), port, dir, launch, error);
}

bool FlaskRig::write(const QString &code, int port, const QString &dir, Launch *launch, QString *error)
{
    // OPTIONS is not listed: Flask answers it itself (provide_automatic_options), as in most apps.
    const QString app = QStringLiteral(R"(from flask import Flask, jsonify

app = Flask(__name__)

%1

@app.route("%2", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def data():
    response = jsonify(ok=True)
    response.headers["X-Total"] = "5"
    return response


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=%3)
)")
                            .arg(code, QLatin1String(endpointPath), QString::number(port));
    if (!writeFile(dir + QStringLiteral("/app.py"), app.toUtf8(), error))
        return false;
    launch->program = python;
    launch->arguments = {dir + QStringLiteral("/app.py")};
    launch->environment = {QStringLiteral("PYTHONDONTWRITEBYTECODE=1"), QStringLiteral("PYTHONUNBUFFERED=1")};
    launch->workingDirectory = dir;
    return true;
}

} // namespace CorscopeTest
