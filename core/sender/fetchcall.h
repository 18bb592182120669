#pragma once

#include "sender/curlcommand.h"

namespace Corscope {

// Chrome DevTools' "Copy as fetch" and "Copy as fetch (Node.js)" read back into the fetch()
// the page made. DevTools writes fetch(URL, OPTIONS); with both as JSON.stringify() output, so
// the URL and the options object are read as JSON (QJsonDocument), never evaluated. A
// hand-written object literal with bare keys or trailing commas (as CurlCommand::toFetch writes
// it) is accepted too; anything else is an error with its position.
class FetchCall {
    Q_DECLARE_TR_FUNCTIONS(Corscope::FetchCall)

public:
    static std::optional<CurlImport> parse(const QString &text, CurlParseError *error);
};

} // namespace Corscope
