#pragma once

#include <QByteArrayView>

namespace Corscope {

// Request headers that come from the browser, not from the page's fetch(): the forbidden
// request-headers ([fetch]) and what DevTools shows of the browser's own networking. Captures
// (HAR, "Copy as cURL") contain them; taken for page-set headers they would fake a preflight.
bool isBrowserGeneratedRequestHeader(QByteArrayView name);

// Pragma/Cache-Control: no-cache, which DevTools adds when "Disable cache" is ticked.
bool isDevToolsNoCacheHeader(QByteArrayView name, QByteArrayView value);

} // namespace Corscope
