package io.harpoon.tunnel.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the session byte stream into {@link YamuxFrame} headers and, after a Data header, the payload as retained
 * {@link ByteBuf} slices whose lengths add up to the header's length. Payload is passed on as it arrives, so memory is
 * bounded by what the session accepts (its receive windows), not by the length field. Bad headers produce one
 * {@link YamuxDecodeFailure}; everything after it is discarded.
 */
public final class YamuxFrameDecoder extends ByteToMessageDecoder {
    private enum State { HEADER, PAYLOAD, FAILED }

    private State state = State.HEADER;
    private long remaining;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case HEADER -> {
                    if (in.readableBytes() < YamuxFrame.HEADER_LENGTH) {
                        return;
                    }
                    int version = in.readUnsignedByte();
                    int type = in.readUnsignedByte();
                    int flags = in.readUnsignedShort();
                    int id = in.readInt();
                    int length = in.readInt();
                    if (version != YamuxFrame.VERSION) {
                        fail(in, out, YamuxDecodeFailure.Reason.BAD_VERSION, version);
                        return;
                    }
                    if (type > YamuxFrame.TYPE_GO_AWAY) {
                        fail(in, out, YamuxDecodeFailure.Reason.BAD_TYPE, type);
                        return;
                    }
                    out.add(new YamuxFrame(type, flags, id, length));
                    if (type == YamuxFrame.TYPE_DATA && length != 0) {
                        remaining = Integer.toUnsignedLong(length);
                        state = State.PAYLOAD;
                    }
                }
                case PAYLOAD -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    out.add(in.readRetainedSlice(n));
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.HEADER;
                    }
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    private void fail(ByteBuf in, List<Object> out, YamuxDecodeFailure.Reason reason, int value) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new YamuxDecodeFailure(reason, value));
    }
}
