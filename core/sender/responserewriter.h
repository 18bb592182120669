#pragma once

#include "proxy/rewriterules.h"
#include "sender/sendoptions.h"
#include "sender/sendresult.h"

#include <optional>

namespace Corscope {

// The proxy's rewrite rules applied to one exchange outside the proxy: by the request engine to
// what a real server sent (SendOptions::rewriteRules), and by FixTrial to responses pasted from
// DevTools. One implementation, so a rule does there exactly what it does in the proxy.
class ResponseRewriter {
public:
    // The exchange as the proxy's rules see one: host, path, method; a preflight by its Origin and
    // Access-Control-Request-Method.
    static Flow flowFor(const OutgoingRequest &request);
    // The rules' own answer to this request when one of them gives it (the server never sees the
    // request), as the proxy sends it.
    static std::optional<ExchangeRecord>
    localAnswer(const OutgoingRequest &request, const RewriteRules &rules, const SendOptions &options = {});
    // The response's headers as the rules change them; the server's are kept beside them whenever
    // the two differ, as the proxy keeps a Flow's originalResponseHeaders.
    static void rewrite(ExchangeRecord &record, const RewriteRules &rules);
};

} // namespace Corscope
