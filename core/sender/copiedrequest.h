#pragma once

#include "sender/curlcommand.h"

namespace Corscope {

// A request copied from DevTools in any of its formats: picks the reader by what the text
// starts with (fetch(, $session or Invoke-WebRequest, else curl) so that GUI and CLI paste
// through one door.
class CopiedRequest {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CopiedRequest)

public:
    // The reader parse() would use; a curl text is CurlPosix here (the curl reader tells bash
    // from cmd.exe).
    static CopyFormat detect(const QString &text);
    static std::optional<CurlImport> parse(const QString &text, CurlParseError *error);
    // The name DevTools' menu gives the format ("Copy as PowerShell" → "PowerShell").
    static QString formatName(CopyFormat format);
};

} // namespace Corscope
