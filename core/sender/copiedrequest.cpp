#include "sender/copiedrequest.h"

#include "sender/fetchcall.h"
#include "sender/powershellcommand.h"

namespace Corscope {

namespace {

// The first word that is not a blank or a comment line (# in shells, // in JavaScript).
QString firstWord(const QString &text)
{
    qsizetype at = 0;
    while (at < text.size()) {
        if (text.at(at).isSpace()) {
            ++at;
        } else if (text.at(at) == u'#' || text.mid(at, 2) == QLatin1String("//")) {
            const qsizetype end = text.indexOf(u'\n', at);
            at = end < 0 ? text.size() : end + 1;
        } else {
            break;
        }
    }
    qsizetype end = at;
    while (end < text.size() && !text.at(end).isSpace() && text.at(end) != u'(' && text.at(end) != u'.')
        ++end;
    return text.mid(at, end - at);
}

} // namespace

CopyFormat CopiedRequest::detect(const QString &text)
{
    const QString word = firstWord(text);
    if (word == QLatin1String("fetch") || word == QLatin1String("await"))
        return CopyFormat::Fetch;
    if (word.startsWith(u'$'))
        return CopyFormat::PowerShell;
    for (const char *command : {"Invoke-WebRequest", "iwr", "Invoke-RestMethod", "irm"}) {
        if (word.compare(QLatin1String(command), Qt::CaseInsensitive) == 0)
            return CopyFormat::PowerShell;
    }
    return CopyFormat::CurlPosix;
}

std::optional<CurlImport> CopiedRequest::parse(const QString &text, CurlParseError *error)
{
    switch (detect(text)) {
    case CopyFormat::Fetch:
    case CopyFormat::FetchNode:
        return FetchCall::parse(text, error);
    case CopyFormat::PowerShell:
        return PowerShellCommand::parse(text, error);
    case CopyFormat::CurlPosix:
    case CopyFormat::CurlCmd:
        break;
    }
    return CurlCommand::parse(text, error);
}

QString CopiedRequest::formatName(CopyFormat format)
{
    switch (format) {
    case CopyFormat::CurlPosix:
        return tr("cURL (bash)");
    case CopyFormat::CurlCmd:
        return tr("cURL (cmd)");
    case CopyFormat::PowerShell:
        return tr("PowerShell");
    case CopyFormat::Fetch:
        return tr("fetch");
    case CopyFormat::FetchNode:
        return tr("fetch (Node.js)");
    }
    return {};
}

} // namespace Corscope
