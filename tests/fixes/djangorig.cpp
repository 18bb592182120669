#include "djangorig.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace CorscopeTest {

namespace {

// Debian's interpreter: the one python3-django and python3-django-cors-headers install into (a
// python3 earlier on PATH, a pyenv one say, has neither).
const QString python = QStringLiteral("/usr/bin/python3");
const QString modules = QStringLiteral("/usr/lib/python3/dist-packages");

const QString plainWsgi = QStringLiteral(R"(from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
)");

} // namespace

bool DjangoRig::available(QString *why) const
{
    for (const QString &path :
         {python, modules + QStringLiteral("/django"), modules + QStringLiteral("/corsheaders")}) {
        if (!QFileInfo::exists(path)) {
            *why =
                QStringLiteral("%1 is missing (Debian packages python3-django python3-django-cors-headers)")
                    .arg(path);
            return false;
        }
    }
    return true;
}

bool DjangoRig::writeBroken(const BrokenPolicy &broken, const QString &pageOrigin, int port,
                            const QString &dir, Launch *launch, QString *error)
{
    const QJsonObject data = brokenAsJson(broken, pageOrigin);
    if (!writeFile(dir + QStringLiteral("/broken.json"), QJsonDocument(data).toJson(), error))
        return false;
    // The broken behaviour in a WSGI middleware around the project, where a proxy or a hand-written
    // layer sets the headers: Django's own response headers are a dict, one value per name, and
    // the duplicate family needs the header on two lines.
    const QString wsgi = QStringLiteral(R"(import http
import json
import os

from django.core.wsgi import get_wsgi_application

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "broken.json")) as f:
    BROKEN = json.load(f)

django_application = get_wsgi_application()


def status_line(code):
    return "%d %s" % (code, http.HTTPStatus(code).phrase)


def application(environ, start_response):
    if environ["REQUEST_METHOD"] == "OPTIONS" and BROKEN["answerOptions"]:
        headers = [tuple(pair) for pair in BROKEN["preflight"]]
        headers.append(("Content-Length", "0"))
        if BROKEN["optionsStatus"] == 301:
            headers.append(("Location", BROKEN["redirect"]))
        start_response(status_line(BROKEN["optionsStatus"]), headers)
        return [b""]

    only_for = BROKEN["onlyForOrigin"]
    actual = [tuple(pair) for pair in BROKEN["actual"]]
    if only_for and environ.get("HTTP_ORIGIN") != only_for:
        actual = []

    def with_headers(status, headers, exc_info=None):
        return start_response(status, headers + actual, exc_info)

    return django_application(environ, with_headers)
)");
    return write(QString(), wsgi, port, dir, launch, error);
}

bool DjangoRig::writeFixed(const QJsonObject &snippet, int port, const QString &dir, Launch *launch,
                           QString *error)
{
    // Appended as it is to settings.py.
    return write(snippet.value(QStringLiteral("settings")).toString(), plainWsgi, port, dir, launch, error);
}

bool DjangoRig::write(const QString &settings, const QString &wsgi, int port, const QString &dir,
                      Launch *launch, QString *error)
{
    // The lists as django-admin startproject writes them (trimmed to what the endpoint needs).
    const QString settingsPy = QStringLiteral(R"(SECRET_KEY = "corscope-fix-test"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = []
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"
DATABASES = {}
USE_TZ = True

%1)")
                                   .arg(settings);
    // Any method gets the endpoint's answer: no CSRF middleware to refuse a PUT.
    const QString urls = QStringLiteral(R"(from django.http import JsonResponse
from django.urls import path


def data(request):
    response = JsonResponse({"ok": True})
    response["X-Total"] = "5"
    return response


urlpatterns = [path("%1", data)]
)")
                             .arg(QLatin1String(endpointPath).mid(1));
    if (!writeFile(dir + QStringLiteral("/settings.py"), settingsPy.toUtf8(), error) ||
        !writeFile(dir + QStringLiteral("/urls.py"), urls.toUtf8(), error) ||
        !writeFile(dir + QStringLiteral("/wsgi.py"), wsgi.toUtf8(), error))
        return false;
    launch->program = python;
    launch->arguments = {QStringLiteral("-m"), QStringLiteral("django"), QStringLiteral("runserver"),
                         QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--noreload")};
    launch->environment = {QStringLiteral("DJANGO_SETTINGS_MODULE=settings"),
                           QStringLiteral("PYTHONPATH=") + dir, QStringLiteral("PYTHONDONTWRITEBYTECODE=1"),
                           QStringLiteral("PYTHONUNBUFFERED=1")};
    launch->workingDirectory = dir;
    return true;
}

} // namespace CorscopeTest
