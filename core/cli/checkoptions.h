#pragma once

#include "cors/browserprofile.h"
#include "cors/fetchrequest.h"

#include <QCoreApplication>
#include <QStringList>

namespace Corscope {

enum class ReportFormat { Text, Json, Junit };

// Everything `corscope-cli check` and `compare` were asked to do. The option names are a
// contract other tools parse: add, never rename.
struct CheckOptions {
    FetchRequest request;
    const BrowserProfile *profile = &BrowserProfile::chromium();
    int repeat = 1;
    int intervalMs = 0;
    ReportFormat format = ReportFormat::Text;
    QStringList notes; // what the user should know about how the request was built (cURL import)
    // Transport
    QString caFile;
    bool insecure = false;
    QString proxy;
    int timeoutMs = 30000;
    // --fix: the servers whose snippet to print (SnippetRenderer ids)
    QStringList fixServers;
    // --read-header: response headers the page reads, which a fix must expose
    QByteArrayList readHeaders;
    // --try-fix: re-send a blocked request with the fix applied as rewrite rules (FixTrial)
    bool tryFix = false;
    // compare: the second base URL
    QUrl compareUrl;
};

class CheckOptionsParser {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CheckOptionsParser)

public:
    enum class Command { Check, Compare };
    // Returns nullopt with *error set for a usage error; *helpText is set (and nullopt
    // returned) when --help was asked for.
    static std::optional<CheckOptions> parse(Command command, const QStringList &arguments, QString *error,
                                             QString *helpText);
};

} // namespace Corscope
