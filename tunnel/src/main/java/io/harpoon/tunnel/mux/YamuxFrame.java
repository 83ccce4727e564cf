package io.harpoon.tunnel.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One yamux header (spec/frp-wire.md §4.1). For a Data frame the {@code length} payload bytes follow the header;
 * {@link YamuxFrameDecoder} emits them as separate {@link ByteBuf} pieces so a large frame is never buffered whole.
 *
 * <pre>
 *  0       1       2               4                               8                              12
 *  +-------+-------+---------------+-------------------------------+-------------------------------+
 *  |version| type  |     flags     |          stream id            |  length / delta / ping / code |
 *  +-------+-------+---------------+-------------------------------+-------------------------------+
 *  version 0; type 0 Data, 1 WindowUpdate, 2 Ping, 3 GoAway; flags SYN 1, ACK 2, FIN 4, RST 8
 * </pre>
 *
 * @param length unsigned 32-bit value carried in an int (Data length, window delta, ping id or go-away code)
 */
public record YamuxFrame(int type, int flags, int streamId, int length) {
    public static final int HEADER_LENGTH = 12;
    public static final int VERSION = 0;

    public static final int TYPE_DATA = 0;
    public static final int TYPE_WINDOW_UPDATE = 1;
    public static final int TYPE_PING = 2;
    public static final int TYPE_GO_AWAY = 3;

    public static final int FLAG_SYN = 0x1;
    public static final int FLAG_ACK = 0x2;
    public static final int FLAG_FIN = 0x4;
    public static final int FLAG_RST = 0x8;

    public static final int GO_AWAY_NORMAL = 0;
    public static final int GO_AWAY_PROTOCOL_ERROR = 1;
    public static final int GO_AWAY_INTERNAL_ERROR = 2;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The header as 12 bytes in a new buffer. */
    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf b = alloc.buffer(HEADER_LENGTH, HEADER_LENGTH);
        b.writeByte(VERSION).writeByte(type).writeShort(flags).writeInt(streamId).writeInt(length);
        return b;
    }
}
