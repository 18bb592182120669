#pragma once

#include <QtGlobal>

namespace Corscope {

// Where the time of one HTTP exchange went, as a waterfall draws it. Each phase is in
// microseconds, -1 when it did not happen: a reused connection has no DNS lookup or connect,
// plain HTTP no TLS handshake, and a proxy sees only the wait and the download.
struct ExchangePhases {
    qint64 dnsUs = -1;
    qint64 connectUs = -1;
    qint64 tlsUs = -1;
    qint64 sendUs = -1;    // writing the request
    qint64 waitUs = -1;    // request sent until the first byte of the response
    qint64 receiveUs = -1; // first byte until the last

    qint64 totalUs() const;
    bool isEmpty() const { return totalUs() < 0; }

    // From cumulative times since the exchange started, as libcurl reports them
    // (CURLINFO_*_TIME_T; 0 for a phase that did not happen).
    static ExchangePhases fromCumulative(qint64 dnsDoneUs, qint64 connectDoneUs, qint64 tlsDoneUs,
                                         qint64 requestSentUs, qint64 firstByteUs, qint64 totalUs);
};

} // namespace Corscope
