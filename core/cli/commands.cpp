#include "cli/commands.h"

#include "cli/cliapplication.h"

namespace Corscope {

void registerStandardCommands(CliApplication &cli) { Q_UNUSED(cli) }

} // namespace Corscope
