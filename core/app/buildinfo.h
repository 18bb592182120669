#pragma once

#include <QString>

namespace Corscope {

// Versions of what this binary was built from and is linked against at run time, for
// --version, the About dialog and bug reports.
struct BuildInfo {
    static QString corscopeVersion();
    static QString qtRuntimeVersion();
    static QString curlRuntimeVersion();
    static QString curlSslBackend();
    static QString openSslRuntimeVersion();
};

} // namespace Corscope
