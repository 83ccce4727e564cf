package io.harpoon.tunnel.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.util.List;

/**
 * Decodes v1 frames into {@link FrpMessage} records (spec/frp-wire.md §6.1). A state machine that never throws for
 * bad input: it emits one {@link FrpDecodeFailure} and then discards every later byte.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>Limit</th><th>Default</th><th>On violation</th></tr>
 *   <tr><td>JSON body length</td><td>{@value #DEFAULT_MAX_LENGTH} (golib {@code defaultMaxMsgLength})</td>
 *       <td>{@code LENGTH_TOO_LARGE}</td></tr>
 *   <tr><td>negative length</td><td>-</td><td>{@code NEGATIVE_LENGTH}</td></tr>
 * </table>
 *
 * <p>A stream whose first byte is {@code 'F'} (0x46, the wire v2 magic) yields {@code WIRE_V2}. Use
 * {@link #firstMessageOnly()} where the pipeline changes after the first message (Login, NewWorkConn): the bytes
 * behind that frame stay buffered and are passed on when the decoder is removed.
 */
public final class FrpFrameDecoder extends ByteToMessageDecoder {
    /** Maximum JSON body length. */
    public static final int DEFAULT_MAX_LENGTH = 10240;
    /** Type byte plus int64 length. */
    public static final int HEADER_LENGTH = 9;

    private static final byte WIRE_V2_FIRST_BYTE = 0x46;

    private enum State { HEADER, BODY, FAILED, DONE }

    private final int maxLength;
    private final boolean firstOnly;
    private State state = State.HEADER;
    private FrpMessageType type;
    private int length;
    private boolean first = true;

    public FrpFrameDecoder() {
        this(DEFAULT_MAX_LENGTH, false);
    }

    public FrpFrameDecoder(int maxLength, boolean firstOnly) {
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength: " + maxLength + " (expected: > 0)");
        }
        this.maxLength = maxLength;
        this.firstOnly = firstOnly;
        setSingleDecode(firstOnly);
    }

    /** A decoder that emits exactly one message and then holds the rest for whoever replaces it. */
    public static FrpFrameDecoder firstMessageOnly() {
        return new FrpFrameDecoder(DEFAULT_MAX_LENGTH, true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case HEADER -> {
                if (!in.isReadable()) {
                    return;
                }
                byte code = in.getByte(in.readerIndex());
                FrpMessageType t = FrpMessageType.of(code);
                if (t == null) {
                    fail(in, out, first && code == WIRE_V2_FIRST_BYTE ? FrpDecodeFailure.Reason.WIRE_V2
                            : FrpDecodeFailure.Reason.UNKNOWN_TYPE, String.format("0x%02x", code & 0xff));
                    return;
                }
                if (in.readableBytes() < HEADER_LENGTH) {
                    return;
                }
                long len = in.getLong(in.readerIndex() + 1);
                if (len < 0) {
                    fail(in, out, FrpDecodeFailure.Reason.NEGATIVE_LENGTH, Long.toString(len));
                    return;
                }
                if (len > maxLength) {
                    fail(in, out, FrpDecodeFailure.Reason.LENGTH_TOO_LARGE,
                            len + " (expected: <= " + maxLength + ")");
                    return;
                }
                in.skipBytes(HEADER_LENGTH);
                type = t;
                length = (int) len;
                first = false;
                state = State.BODY;
                decodeBody(in, out);
            }
            case BODY -> decodeBody(in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
            case DONE -> {
                // Single-message mode: keep the rest for the successor handler.
            }
        }
    }

    private void decodeBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < length) {
            return;
        }
        byte[] json = new byte[length];
        in.readBytes(json);
        try {
            out.add(FrpJson.read(type, json));
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            out.add(new FrpDecodeFailure(FrpDecodeFailure.Reason.INVALID_JSON,
                    type + " " + e.getClass().getSimpleName()));
            return;
        }
        state = firstOnly ? State.DONE : State.HEADER;
    }

    private void fail(ByteBuf in, List<Object> out, FrpDecodeFailure.Reason reason, String value) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new FrpDecodeFailure(reason, value));
    }
}
