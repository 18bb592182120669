#include "cli/commands.h"

#include "cli/cliapplication.h"
#include "cli/explaincommand.h"

namespace Corscope {

void registerStandardCommands(CliApplication &cli) { cli.addCommand(ExplainCommand::command()); }

} // namespace Corscope
