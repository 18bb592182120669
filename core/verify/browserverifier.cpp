#include "verify/browserverifier.h"

#include "verify/chromiumlaunch.h"

#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

namespace Corscope {

BrowserVerifier::BrowserVerifier(DemoApiServer &server, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_timeout(new QTimer(this))
{
    qRegisterMetaType<BrowserVerdict>();
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this,
            [this] { finish(tr("Chromium did not report within %1 seconds").arg(m_timeoutMs / 1000)); });
    connect(&m_server, &DemoApiServer::requestReceived, this, &BrowserVerifier::onRequestReceived);
    connect(&m_server, &DemoApiServer::verificationReported, this, &BrowserVerifier::onReported);
}

BrowserVerifier::~BrowserVerifier()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000); // the profile directory is removed right after
    }
}

QString BrowserVerifier::chromiumExecutable()
{
    return ChromiumLaunch::executable();
}

QJsonObject BrowserVerifier::fetchSpec(const FetchRequest &request)
{
    QJsonArray headers;
    for (const Header &header : request.headers)
        headers.append(QJsonArray{QString::fromLatin1(header.name), QString::fromLatin1(header.value)});
    QJsonObject spec;
    spec.insert(QStringLiteral("url"), request.url.toString(QUrl::FullyEncoded));
    spec.insert(QStringLiteral("method"), QString::fromLatin1(request.method));
    spec.insert(QStringLiteral("headers"), headers);
    spec.insert(QStringLiteral("credentials"), toString(request.credentials));
    spec.insert(QStringLiteral("resourceType"), toString(request.resourceType));
    if (request.body)
        spec.insert(QStringLiteral("body"), QString::fromUtf8(*request.body));
    return spec;
}

bool BrowserVerifier::isRunning() const
{
    return m_process != nullptr;
}

bool BrowserVerifier::start(const PlaygroundRequest &request)
{
    const QString executable = chromiumExecutable();
    if (isRunning() || executable.isEmpty() || !m_server.isListening())
        return false;
    m_profile = std::make_unique<QTemporaryDir>();
    if (!m_profile->isValid()) {
        m_profile.reset();
        return false;
    }
    m_verdict = {};
    m_token = QStringLiteral("%1-%2").arg(++m_runs).arg(QRandomGenerator::global()->generate(), 8, 16,
                                                        QLatin1Char('0'));
    const FetchRequest fetch = request.toFetchRequest(m_server.apiUrl(), m_server.pageOrigin());
    const QUrl page = m_server.addVerificationPage(m_token, fetchSpec(fetch));
    m_pageUrl = page.toString(QUrl::FullyEncoded).toLatin1();

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(executable);
    m_process->setArguments(ChromiumLaunch()
                                .setHeadless(true)
                                .setAutomation(true)
                                .setUserDataDir(m_profile->path())
                                .setStartUrl(page.toString(QUrl::FullyEncoded))
                                .arguments());
    // Chromium logs plenty even when all is well; the verdict comes from the page, not the log.
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(QProcess::nullDevice());
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(tr("Chromium could not be started: %1").arg(m_process->errorString()));
    });
    connect(m_process.get(), &QProcess::finished, this, [this](int exitCode) {
        finish(tr("Chromium exited (code %1) before the page reported").arg(exitCode));
    });
    m_timeout->start(m_timeoutMs);
    m_process->start();
    return true;
}

void BrowserVerifier::cancel()
{
    if (isRunning())
        finish(tr("canceled"));
}

void BrowserVerifier::onRequestReceived(const ReceivedRequest &request)
{
    if (!isRunning() || request.port != ReceivedRequest::Port::Api)
        return;
    // The verification page sends its full URL, token included, as Referer (see DemoApiServer);
    // a WebSocket handshake has no Referer and carries the token in its query instead.
    if (request.headers.get("referer") == m_pageUrl ||
        QUrlQuery(QUrl(QString::fromLatin1(request.target))).queryItemValue(QStringLiteral("corscope-verify")) ==
            m_token)
        m_verdict.requests.append(request);
}

void BrowserVerifier::onReported(const QString &token, const QJsonObject &result)
{
    if (!isRunning() || token != m_token)
        return;
    const QString unsupported = result.value(QStringLiteral("unsupported")).toString();
    if (!unsupported.isEmpty()) {
        finish(tr("the verification page cannot make a \"%1\" request yet").arg(unsupported));
        return;
    }
    m_verdict.completed = true;
    m_verdict.allowed = result.value(QStringLiteral("resolved")).toBool();
    m_verdict.status = result.value(QStringLiteral("status")).toInt();
    m_verdict.responseType = result.value(QStringLiteral("type")).toString();
    for (const QJsonValue &name : result.value(QStringLiteral("headers")).toArray())
        m_verdict.readableHeaders.append(name.toString());
    m_verdict.rejection = result.value(QStringLiteral("rejection")).toString();
    m_verdict.socketMessage = result.value(QStringLiteral("message")).toString();
    finish({});
}

void BrowserVerifier::finish(const QString &error)
{
    if (!m_process)
        return;
    m_timeout->stop();
    m_server.removeVerificationPage(m_token);
    // The browser's job is done (or failed): stop it without waiting for it to exit. The
    // process object and the profile go away together once it has.
    QProcess *process = m_process.release();
    QTemporaryDir *profile = m_profile.release();
    process->disconnect(this);
    connect(process, &QProcess::finished, process, [process, profile] {
        delete profile;
        process->deleteLater();
    });
    if (process->state() == QProcess::NotRunning) {
        delete profile;
        process->deleteLater();
    } else {
        process->kill();
    }
    if (!error.isEmpty()) {
        m_verdict.completed = false;
        m_verdict.error = error;
    }
    emit finished(m_verdict);
}

} // namespace Corscope
