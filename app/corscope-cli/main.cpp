#include "cli/cliapplication.h"
#include "cli/commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // Qt's own poll loop instead of GLib's: GLib wakes itself through an eventfd whenever a socket
    // notifier is switched on or off, two more system calls and a loop turn per proxied exchange,
    // and nothing in a headless tool needs GLib's main loop. Set before the loop exists.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("corscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Corscope"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    Corscope::CliApplication cli(out, err);
    Corscope::registerStandardCommands(cli);
    return static_cast<int>(cli.run(QCoreApplication::arguments()));
}
