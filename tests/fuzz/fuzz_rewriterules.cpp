#include "proxy/rewriterules.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

// A hostile rules file must give an error or rules; rules that parse must survive a round trip
// through toJson() unchanged (the GUI saves with it), and applying them must not crash.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<Corscope::RewriteRules> rules = Corscope::RewriteRules::parse(json, &error);
    if (!rules)
        return 0;
    const std::optional<Corscope::RewriteRules> again = Corscope::RewriteRules::parse(rules->toJson(), &error);
    if (!again || again->rules() != rules->rules())
        std::abort();
    Corscope::Flow flow;
    flow.method = "OPTIONS";
    flow.url = QUrl(QStringLiteral("https://api.example/v1/items"));
    flow.requestHeaders = {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "PUT"}};
    Corscope::HeaderList headers{{"Content-Type", "text/plain"}, {"Vary", "Accept"}};
    (void)rules->apply(flow, headers);
    (void)rules->localAnswerFor(flow);
    return 0;
}
