#pragma once

#include "cli/cliapplication.h"

namespace Corscope {

// `corscope-cli proxy --listen 127.0.0.1:PORT`: runs the intercepting proxy headless until
// SIGINT or SIGTERM, one line per cross-origin flow, and writes the capture as HAR on exit.
class ProxyCommand {
    Q_DECLARE_TR_FUNCTIONS(Corscope::ProxyCommand)

public:
    static CliApplication::Command command();
    static ExitStatus run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

// `corscope-cli har FILE`: evaluates every cross-origin entry of an existing HAR capture.
class HarCommand {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HarCommand)

public:
    static CliApplication::Command command();
    static ExitStatus run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Corscope
