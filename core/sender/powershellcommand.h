#pragma once

#include "sender/curlcommand.h"

namespace Corscope {

// Chrome DevTools' "Copy as PowerShell" read back into the fetch() the page made: the
// $session preamble (UserAgent, Cookies.Add) and one Invoke-WebRequest with -Uri, -Method,
// -Headers @{…}, -ContentType and -Body, PowerShell's double-quoted strings (backtick escapes,
// $([char]N) for every character outside printable ASCII) and backtick line continuations.
// Nothing is run: a string that would expand a variable is an error.
class PowerShellCommand {
    Q_DECLARE_TR_FUNCTIONS(Corscope::PowerShellCommand)

public:
    static std::optional<CurlImport> parse(const QString &text, CurlParseError *error);
};

} // namespace Corscope
