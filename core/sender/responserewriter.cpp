#include "sender/responserewriter.h"

#include "http/reasonphrase.h"

#include <QDateTime>

namespace Corscope {

Flow ResponseRewriter::flowFor(const OutgoingRequest &request)
{
    Flow flow;
    flow.method = request.method;
    flow.url = request.url;
    flow.requestHeaders = request.headers;
    return flow;
}

std::optional<ExchangeRecord> ResponseRewriter::localAnswer(const OutgoingRequest &request,
                                                            const RewriteRules &rules,
                                                            const SendOptions &options)
{
    const RewriteRule *rule = rules.isEmpty() ? nullptr : rules.localAnswerFor(flowFor(request));
    if (!rule)
        return std::nullopt;
    ExchangeRecord record;
    record.request = request;
    record.insecure = options.insecure;
    record.timing.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    HttpResponse response;
    response.status = rule->respond->status;
    response.statusText = reasonPhrase(rule->respond->status);
    response.headers = rule->respond->headers;
    response.body = rule->respond->body;
    record.response = response;
    record.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.bodyBytesReceived = response.body.size();
    record.answeredLocally = true;
    record.appliedRules = {rule->name};
    return record;
}

void ResponseRewriter::rewrite(ExchangeRecord &record, const RewriteRules &rules)
{
    if (rules.isEmpty() || !record.response)
        return;
    HeaderList rewritten = record.response->headers;
    record.appliedRules = rules.apply(flowFor(record.request), rewritten);
    if (rewritten == record.response->headers)
        return;
    record.originalResponseHeaders = record.response->headers;
    record.response->headers = rewritten;
}

} // namespace Corscope
