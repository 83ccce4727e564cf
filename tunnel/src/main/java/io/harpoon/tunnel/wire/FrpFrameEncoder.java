package io.harpoon.tunnel.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes one v1 frame per message, as one buffer (Go writes each message with one {@code Write}).
 *
 * <pre>
 *  +------+-------------------------------+---------------------+
 *  | type |  length (int64, big-endian)   |  JSON (length bytes) |
 *  +------+-------------------------------+---------------------+
 *     1                 8                       &lt;= 10240
 * </pre>
 * A body above {@link FrpFrameDecoder#DEFAULT_MAX_LENGTH} is never sent: the write fails instead.
 */
@Sharable
public final class FrpFrameEncoder extends MessageToByteEncoder<FrpMessage> {
    /** Stateless; share it. */
    public static final FrpFrameEncoder INSTANCE = new FrpFrameEncoder();

    private FrpFrameEncoder() {
        super(FrpMessage.class);
    }

    /** The frame bytes of one message (for tests and for the client's pre-pipeline writes). */
    public static byte[] encode(FrpMessage msg) {
        byte[] json = FrpJson.write(msg);
        check(msg, json);
        byte[] out = new byte[FrpFrameDecoder.HEADER_LENGTH + json.length];
        out[0] = msg.type().code();
        long len = json.length;
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (len >>> (56 - 8 * i));
        }
        System.arraycopy(json, 0, out, FrpFrameDecoder.HEADER_LENGTH, json.length);
        return out;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, FrpMessage msg, ByteBuf out) {
        byte[] json = FrpJson.write(msg);
        check(msg, json);
        out.writeByte(msg.type().code());
        out.writeLong(json.length);
        out.writeBytes(json);
    }

    private static void check(FrpMessage msg, byte[] json) {
        if (json.length > FrpFrameDecoder.DEFAULT_MAX_LENGTH) {
            throw new EncoderException(msg.type() + " body length: " + json.length + " (expected: <= "
                    + FrpFrameDecoder.DEFAULT_MAX_LENGTH + ")");
        }
    }
}
