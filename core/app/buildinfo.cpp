#include "app/buildinfo.h"

#include "corscopeversion.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

namespace Corscope {

QString BuildInfo::corscopeVersion()
{
    return QStringLiteral(CORSCOPE_VERSION_STRING);
}

QString BuildInfo::qtRuntimeVersion()
{
    return QString::fromLatin1(qVersion());
}

QString BuildInfo::curlRuntimeVersion()
{
    // The run-time library, not the headers: a distribution upgrade changes it under us.
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    return info && info->version ? QString::fromLatin1(info->version) : QString();
}

QString BuildInfo::curlSslBackend()
{
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    return info && info->ssl_version ? QString::fromLatin1(info->ssl_version) : QString();
}

QString BuildInfo::openSslRuntimeVersion()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

} // namespace Corscope
