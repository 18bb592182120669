#pragma once

#include "cors/fetchrequest.h"

#include <QCoreApplication>
#include <QStringList>
#include <optional>

namespace Corscope {

// The two quoting styles DevTools offers under "Copy as cURL": a POSIX shell (bash, zsh) and
// Windows cmd.exe, where Chrome and Firefox escape with ^ and quote with ^"…^".
enum class CurlDialect { Posix, WindowsCmd };

// Every way DevTools copies a request (Chrome's Network panel: "Copy as cURL (bash)", "(cmd)",
// "Copy as PowerShell", "Copy as fetch", "Copy as fetch (Node.js)"; Firefox's cURL POSIX and
// Windows), each read back by its own reader (sender/copiedrequest.h picks the reader).
enum class CopyFormat { CurlPosix, CurlCmd, PowerShell, Fetch, FetchNode };

// A copied request ("Copy as cURL" and its siblings) read back into the fetch() the page made.
struct CurlImport {
    FetchRequest request;
    // What the import dropped or had to assume (ignored options, browser-set headers removed,
    // no Origin header…), one sentence each, for the user to read.
    QStringList warnings;
    CopyFormat format = CopyFormat::CurlPosix;
    CurlDialect dialect = CurlDialect::Posix; // for the two curl formats
    // The copy does not say the page's origin (no Origin header: a same-origin or GET copy,
    // or a fetch() copy, which never lists it). The front end asks for one in its own words
    // (--origin, the Origin field) unless it already has one.
    bool originMissing = false;
    bool insecure = false;   // -k: the capture was made against a certificate curl would reject
    bool compressed = false; // --compressed
    QByteArray cookies;      // -b values and Cookie headers, joined with "; "
};

struct CurlParseError {
    QString message;
    qsizetype position = 0; // 0-based offset into the command text (UTF-16 code units)
    QString toString() const;
};

// "Copy as cURL" import and export. Reading undoes the shell's quoting exactly as bash or
// cmd.exe would (so what curl would send is what the request holds), then maps curl's options
// onto the page's fetch(): headers the browser adds on its own are removed, because the
// evaluator would otherwise take them for headers the page set.
class CurlCommand {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CurlCommand)

public:
    static std::optional<CurlImport> parse(const QString &command, CurlParseError *error);

    // A command that parse() reads back to an equal request, with the page's Origin header
    // added back (none for an opaque origin: there is no page to name). Credentials "include"
    // without cookies is written as -b '' so that it survives the round trip.
    static QString toCurl(const FetchRequest &request, CurlDialect dialect = CurlDialect::Posix);
    // The same, with the import's cookies, -k and --compressed.
    static QString toCurl(const CurlImport &import, CurlDialect dialect);

    // The fetch() call a page would make: method, headers, body, mode, credentials, redirect.
    static QString toFetch(const FetchRequest &request);
};

} // namespace Corscope
