#pragma once

#include "cors/fetchsimulation.h"
#include "proxy/rewriterules.h"

#include <QString>

namespace Corscope {

// How the request engine talks to a real server. Everything the browser would decide (method,
// headers, Origin, preflight) comes from the FetchSimulation; these are only transport choices.
struct SendOptions {
    // TLS: the system CA store unless caFile names a PEM bundle to trust instead.
    QString caFile;
    // Accept any certificate and host name. Recorded in every result so reports can say so.
    bool insecure = false;
    // Offer HTTP/2 through ALPN on https:// (as browsers do); plain http:// stays HTTP/1.1.
    bool http2 = true;
    // "http://host:port", "socks5h://…"; empty means a direct connection. libcurl's own
    // http_proxy/https_proxy environment lookup is switched off so results do not depend on
    // the shell they were run from.
    QString proxyUrl;
    int connectTimeoutMs = 10'000;
    int totalTimeoutMs = 30'000; // per exchange
    // Bodies are kept up to this size; the rest is not read and the exchange says so.
    qint64 maxBodyBytes = 1024 * 1024;
    // All header blocks of one response together (1xx included); beyond it the exchange fails.
    qint64 maxHeaderBytes = 256 * 1024;
    EvaluationDetail detail = EvaluationDetail::Full;
    // "Try the fix" without the proxy: the same rules the proxy applies, applied by the engine to
    // every response the server sends (preflight, actual, each redirect hop) before the evaluator
    // sees it, or answering a request itself when a rule says so. Empty for a real check: a
    // result sent with rules is what Corscope made of the server's answers, not the answers.
    RewriteRules rewriteRules;
};

} // namespace Corscope
