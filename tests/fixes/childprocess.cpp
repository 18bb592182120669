#include "childprocess.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QTcpSocket>

namespace CorscopeTest {

bool waitForPort(int port, QProcess *process, QString *error)
{
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (process->state() == QProcess::NotRunning) {
            *error = QStringLiteral("%1 exited (%2) before listening: %3")
                         .arg(process->program())
                         .arg(process->exitCode())
                         .arg(QString::fromUtf8(process->readAll()));
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(port));
        if (socket.waitForConnected(200))
            return true;
        process->waitForReadyRead(50);
    }
    *error = QStringLiteral("%1 did not listen on port %2 within 20 s").arg(process->program()).arg(port);
    return false;
}

std::unique_ptr<QProcess> started(const QString &program, const QStringList &arguments,
                                  const QStringList &environment, const QString &workingDirectory)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &pair : environment) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        env.insert(pair.left(equals), pair.mid(equals + 1));
    }
    process->setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process->setWorkingDirectory(workingDirectory);
    process->start(program, arguments);
    return process;
}

void stopped(std::unique_ptr<QProcess> &process)
{
    if (!process)
        return;
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(5000)) {
            process->kill();
            process->waitForFinished(2000);
        }
    }
    process.reset();
}

} // namespace CorscopeTest
