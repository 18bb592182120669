#pragma once

// Flows as the proxy records them, for the tests of what is made of them (evaluation, pairing,
// Fix with a rule): a page on http://app.example calling a PUT on http://api.example/v1/items
// with a custom header, so it needs a preflight.

#include "capture/flow.h"

namespace CapturedFlows {

using Corscope::Flow;
using Corscope::HeaderList;

inline Flow flow(quint64 id, const QByteArray &method, const HeaderList &request, int status,
                 const HeaderList &response,
                 const QString &url = QStringLiteral("http://api.example/v1/items"))
{
    Flow f;
    f.id = id;
    f.state = Flow::State::Complete;
    f.started = QDateTime::currentDateTimeUtc();
    f.method = method;
    f.url = QUrl(url);
    f.requestHeaders = request;
    f.status = status;
    f.reason = "OK";
    f.responseHeaders = response;
    f.completeMs = 12.5;
    return f;
}

// The preflight the browser sends for put().
inline Flow preflight(quint64 id, const HeaderList &response, int status = 204)
{
    return flow(id, "OPTIONS",
                {{"Origin", "http://app.example"},
                 {"Access-Control-Request-Method", "PUT"},
                 {"Access-Control-Request-Headers", "content-type,x-trace"}},
                status, response);
}

inline Flow put(quint64 id, const HeaderList &response)
{
    return flow(id, "PUT",
                {{"Origin", "http://app.example"}, {"Content-Type", "application/json"}, {"X-Trace", "1"}},
                200, response);
}

// A CONNECT the proxy passed through unread (--no-intercept, --tunnel-only), as it records one:
// https://host:port, the 200 it answered, nothing of what went through.
inline Flow tunnel(quint64 id, const QString &hostPort)
{
    Flow f =
        flow(id, "CONNECT", {{"Host", hostPort.toUtf8()}}, 200, {}, QStringLiteral("https://") + hostPort);
    f.reason = "Connection established";
    f.tunnel = true;
    return f;
}

} // namespace CapturedFlows
