#include "http/exchangephases.h"

#include <algorithm>

namespace Corscope {

qint64 ExchangePhases::totalUs() const
{
    qint64 total = -1;
    for (const qint64 phase : {dnsUs, connectUs, tlsUs, sendUs, waitUs, receiveUs})
        if (phase >= 0)
            total = std::max<qint64>(total, 0) + phase;
    return total;
}

ExchangePhases ExchangePhases::fromCumulative(qint64 dnsDoneUs, qint64 connectDoneUs, qint64 tlsDoneUs,
                                              qint64 requestSentUs, qint64 firstByteUs, qint64 totalUs)
{
    ExchangePhases phases;
    if (totalUs <= 0)
        return phases;
    // libcurl's marks only grow; a phase whose mark is 0 (or not past the previous one on a
    // reused connection) did not happen.
    qint64 previous = 0;
    const auto phase = [&previous](qint64 mark) -> qint64 {
        if (mark <= 0 || mark < previous)
            return -1;
        const qint64 length = mark - previous;
        previous = mark;
        return length;
    };
    phases.dnsUs = dnsDoneUs > 0 ? phase(dnsDoneUs) : -1;
    phases.connectUs = connectDoneUs > dnsDoneUs ? phase(connectDoneUs) : -1;
    phases.tlsUs = tlsDoneUs > connectDoneUs ? phase(tlsDoneUs) : -1;
    phases.sendUs = phase(std::max(requestSentUs, previous));
    phases.waitUs = phase(std::max(firstByteUs, previous));
    phases.receiveUs = phase(std::max(totalUs, previous));
    return phases;
}

} // namespace Corscope
