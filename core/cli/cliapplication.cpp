#include "cli/cliapplication.h"

#include "app/buildinfo.h"

namespace Corscope {

CliApplication::CliApplication(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
}

void CliApplication::addCommand(Command command)
{
    m_commands.push_back(std::move(command));
}

const CliApplication::Command *CliApplication::findCommand(const QString &name) const
{
    for (const Command &command : m_commands) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QString CliApplication::helpText() const
{
    QString text;
    QTextStream stream(&text);
    stream << tr("Usage: corscope-cli COMMAND [OPTIONS]\n"
                 "       corscope-cli --help | --version\n\n"
                 "Explains, exactly as Chromium or Firefox would decide, why a cross-origin request\n"
                 "is allowed or blocked by CORS.\n\n");
    stream << tr("Commands:\n");
    for (const Command &command : m_commands)
        stream << QStringLiteral("  %1\n      %2\n").arg(command.synopsis, command.summary);
    stream << tr("\nOptions:\n"
                 "  -h, --help     Show this help, or a command's help with COMMAND --help.\n"
                 "  -v, --version  Show the version.\n\n"
                 "Exit status: 0 when every request is allowed, 1 when any is blocked,\n"
                 "2 for usage errors and unreadable input.\n");
    return text;
}

ExitStatus CliApplication::run(const QStringList &arguments)
{
    // arguments[0] is the program name, as in QCoreApplication::arguments().
    const QStringList args = arguments.mid(1);
    auto finish = [this](ExitStatus status) {
        m_out.flush();
        m_err.flush();
        return status;
    };
    if (args.isEmpty()) {
        m_err << helpText();
        return finish(ExitStatus::UsageError);
    }
    const QString &first = args.first();
    if (first == QLatin1String("-h") || first == QLatin1String("--help") || first == QLatin1String("help")) {
        if (args.size() > 1) {
            if (const Command *command = findCommand(args.at(1)))
                return finish(command->run({QStringLiteral("--help")}, m_out, m_err));
        }
        m_out << helpText();
        return finish(ExitStatus::Ok);
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        m_out << QStringLiteral("corscope-cli %1\n").arg(BuildInfo::corscopeVersion());
        return finish(ExitStatus::Ok);
    }
    if (first.startsWith(QLatin1Char('-'))) {
        m_err << tr("corscope-cli: unknown option '%1'; see 'corscope-cli --help'\n").arg(first);
        return finish(ExitStatus::UsageError);
    }
    const Command *command = findCommand(first);
    if (!command) {
        m_err << tr("corscope-cli: unknown command '%1'; see 'corscope-cli --help'\n").arg(first);
        return finish(ExitStatus::UsageError);
    }
    return finish(command->run(args.mid(1), m_out, m_err));
}

} // namespace Corscope
