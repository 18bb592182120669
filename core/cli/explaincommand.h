#pragma once

#include "cli/cliapplication.h"

namespace Corscope {

// `corscope-cli explain FILE`: explains a scenario offline, without network.
class ExplainCommand {
    Q_DECLARE_TR_FUNCTIONS(Corscope::ExplainCommand)

public:
    static CliApplication::Command command();
    static ExitStatus run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Corscope
