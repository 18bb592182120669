#include "sender/copiedrequest.h"
#include "sender/curlcommand.h"

#include <cstddef>
#include <cstdint>

namespace {

bool sameRequest(const Corscope::FetchRequest &a, const Corscope::FetchRequest &b)
{
    return a.url == b.url && a.origin.serialize() == b.origin.serialize() && a.method == b.method &&
           a.headers == b.headers && a.body == b.body && a.mode == b.mode && a.credentials == b.credentials &&
           a.redirect == b.redirect;
}

bool isUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// cmd.exe has no escape for a byte that is not UTF-8; only POSIX quoting can carry those.
bool fitsWindowsCmd(const Corscope::CurlImport &import)
{
    if (!isUtf8(import.request.method) || !isUtf8(import.cookies) ||
        !isUtf8(import.request.body.value_or(QByteArray())))
        return false;
    for (const Corscope::Header &header : import.request.headers) {
        if (!isUtf8(header.name) || !isUtf8(header.value))
            return false;
    }
    return true;
}

} // namespace

// A hostile command must give an error with a position inside the text, or a request that
// survives export and import unchanged, in both quoting dialects; never a crash or a hang.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString command = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    Corscope::CurlParseError error;
    // Every copy format (curl, PowerShell, fetch) goes through the one door the GUI and CLI use;
    // whatever is read must survive export to curl and import again.
    const std::optional<Corscope::CurlImport> first = Corscope::CopiedRequest::parse(command, &error);
    if (!first) {
        if (error.message.isEmpty() || error.position < 0 || error.position > command.size())
            __builtin_trap();
        return 0;
    }
    (void)Corscope::CurlCommand::toFetch(first->request);
    for (const Corscope::CurlDialect dialect :
         {Corscope::CurlDialect::Posix, Corscope::CurlDialect::WindowsCmd}) {
        if (dialect == Corscope::CurlDialect::WindowsCmd && !fitsWindowsCmd(*first))
            continue;
        const QString exported = Corscope::CurlCommand::toCurl(*first, dialect);
        const std::optional<Corscope::CurlImport> second = Corscope::CurlCommand::parse(exported, &error);
        if (!second || !sameRequest(first->request, second->request) || second->cookies != first->cookies ||
            second->insecure != first->insecure || second->compressed != first->compressed)
            __builtin_trap();
    }
    return 0;
}
