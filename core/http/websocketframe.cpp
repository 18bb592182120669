#include "http/websocketframe.h"

namespace Corscope {

QByteArray WebSocketFrame::serverFrame(quint8 opcode, QByteArrayView payload)
{
    QByteArray frame;
    frame.append(char(0x80 | (opcode & 0x0f)));
    const quint64 length = quint64(payload.size());
    // [rfc6455] 5.2: 7-bit length, or 126 and 16 bits, or 127 and 64 bits, in network order.
    if (length < 126) {
        frame.append(char(length));
    } else if (length <= 0xffff) {
        frame.append(char(126));
        for (int shift = 8; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

WebSocketFrame::ReadState WebSocketFrame::takeClientFrame(QByteArray &buffer, WebSocketFrame *frame,
                                                          qint64 maxPayload)
{
    if (buffer.size() < 2)
        return ReadState::Incomplete;
    const quint8 first = quint8(buffer.at(0));
    const quint8 second = quint8(buffer.at(1));
    if (!(second & 0x80))
        return ReadState::Malformed; // [rfc6455] 5.1: every client frame is masked
    quint64 length = second & 0x7f;
    qsizetype pos = 2;
    const int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    if (extended) {
        if (buffer.size() < pos + extended)
            return ReadState::Incomplete;
        length = 0;
        for (int i = 0; i < extended; ++i)
            length = (length << 8) | quint8(buffer.at(pos + i));
        pos += extended;
        if (length >> 63)
            return ReadState::Malformed; // [rfc6455] 5.2: the most significant bit MUST be 0
    }
    if (length > quint64(maxPayload))
        return ReadState::Malformed;
    const qsizetype maskAt = pos;
    pos += 4;
    if (quint64(buffer.size() - pos) < length)
        return ReadState::Incomplete;
    frame->final = first & 0x80;
    frame->opcode = first & 0x0f;
    frame->payload = buffer.mid(pos, qsizetype(length));
    for (qsizetype i = 0; i < frame->payload.size(); ++i)
        frame->payload[i] = char(frame->payload.at(i) ^ buffer.at(maskAt + i % 4));
    buffer.remove(0, pos + qsizetype(length));
    return ReadState::Complete;
}

} // namespace Corscope
