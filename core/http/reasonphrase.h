#pragma once

#include <QByteArray>

namespace Corscope {

// The standard reason phrase for a status code (RFC 9110 §15), for the responses Corscope writes
// itself: the proxy's own answers and the playground's demo API. Unknown codes get an empty one,
// which HTTP/1.1 allows.
QByteArray reasonPhrase(int status);

} // namespace Corscope
