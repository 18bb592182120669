#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <vector>

namespace Corscope {

// Exit statuses are a contract scripts rely on: 0 all allowed, 1 something blocked,
// 2 usage errors, unreadable input and unreachable servers.
enum class ExitStatus : int { Ok = 0, Blocked = 1, UsageError = 2 };

// The headless front end: dispatches to a subcommand and writes to the given streams, so tests
// can run it in-process as well as through the binary.
class CliApplication {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CliApplication)

public:
    struct Command {
        QString name;
        QString synopsis;
        QString summary;
        std::function<ExitStatus(const QStringList &arguments, QTextStream &out, QTextStream &err)> run;
    };

    CliApplication(QTextStream &out, QTextStream &err);

    void addCommand(Command command);
    ExitStatus run(const QStringList &arguments);

    QString helpText() const;

private:
    const Command *findCommand(const QString &name) const;

    QTextStream &m_out;
    QTextStream &m_err;
    std::vector<Command> m_commands;
};

} // namespace Corscope
