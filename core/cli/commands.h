#pragma once

namespace Corscope {

class CliApplication;

// Registers every subcommand corscope-cli offers.
void registerStandardCommands(CliApplication &cli);

} // namespace Corscope
