#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Corscope {

// One WebSocket frame ([rfc6455] 5.2) as the playground's demo server speaks it: it writes
// unmasked frames and reads the masked frames every browser sends. The opening handshake is
// WebSocketHandshake's business; this is what flows after the 101.
struct WebSocketFrame {
    enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xa };
    enum class ReadState { Complete, Incomplete, Malformed };

    quint8 opcode = Text;
    bool final = true;
    QByteArray payload; // unmasked

    // [rfc6455] 5.1: a server MUST NOT mask the frames it sends; FIN set, any payload length.
    static QByteArray serverFrame(quint8 opcode, QByteArrayView payload);
    // Takes the first frame off buffer when it is complete. [rfc6455] 5.1: a client frame that
    // is not masked is Malformed (the server must close the connection), and so is one whose
    // payload is longer than maxPayload, so a page cannot make the server buffer without end.
    static ReadState takeClientFrame(QByteArray &buffer, WebSocketFrame *frame,
                                     qint64 maxPayload = 1024 * 1024);
};

} // namespace Corscope
