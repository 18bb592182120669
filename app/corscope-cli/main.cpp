#include "cli/cliapplication.h"
#include "cli/commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("corscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Corscope"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    Corscope::CliApplication cli(out, err);
    Corscope::registerStandardCommands(cli);
    return static_cast<int>(cli.run(QCoreApplication::arguments()));
}
