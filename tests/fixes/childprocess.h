#pragma once

// The servers the fix tests run are child processes: started with their own environment, waited
// for until they listen, and stopped (terminate, then kill) whatever state they are in.

#include <QProcess>
#include <QStringList>
#include <memory>

namespace CorscopeTest {

// Waits up to 20 s until 127.0.0.1:port accepts connections; false (and why) if the process
// exits first or nothing listens in time.
bool waitForPort(int port, QProcess *process, QString *error);
// Starts program with stdout and stderr merged; environment holds "NAME=value" additions.
std::unique_ptr<QProcess> started(const QString &program, const QStringList &arguments,
                                  const QStringList &environment, const QString &workingDirectory);
// Stops the process if there is one, and resets the pointer.
void stopped(std::unique_ptr<QProcess> &process);

} // namespace CorscopeTest
