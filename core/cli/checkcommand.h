#pragma once

#include "cli/cliapplication.h"

namespace Corscope {

// `corscope-cli check` and `corscope-cli compare`: send requests to a real server as the browser
// would and report what it decides.
class CheckCommand {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CheckCommand)

public:
    static CliApplication::Command checkCommand();
    static CliApplication::Command compareCommand();
    static ExitStatus runCheck(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static ExitStatus runCompare(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Corscope
