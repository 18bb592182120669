#include "cli/commands.h"

#include "cli/checkcommand.h"
#include "cli/cliapplication.h"
#include "cli/explaincommand.h"
#include "cli/proxycommand.h"

namespace Corscope {

void registerStandardCommands(CliApplication &cli)
{
    cli.addCommand(CheckCommand::checkCommand());
    cli.addCommand(CheckCommand::compareCommand());
    cli.addCommand(ExplainCommand::command());
    cli.addCommand(ProxyCommand::command());
    cli.addCommand(HarCommand::command());
}

} // namespace Corscope
