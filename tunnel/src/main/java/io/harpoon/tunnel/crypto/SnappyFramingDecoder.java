package io.harpoon.tunnel.crypto;

import static java.util.Objects.requireNonNull;

import io.harpoon.kernels.select.Kernels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.compression.Snappy;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the snappy framing format as golang/snappy's {@code Reader} does: the stream identifier must come first, every
 * data chunk's masked CRC32C is verified (through {@link Kernels#crc32cMasked}), padding and reserved skippable chunks
 * are skipped. Any violation emits one {@link StreamCodecFailure} and discards the rest; the handler closes.
 */
public final class SnappyFramingDecoder extends ByteToMessageDecoder {
    private enum State { STREAM_ID, CHUNK, FAILED }

    private final Kernels kernels;
    private final Snappy snappy = new Snappy();
    private State state = State.STREAM_ID;

    public SnappyFramingDecoder() {
        this(Kernels.defaults());
    }

    public SnappyFramingDecoder(Kernels kernels) {
        this.kernels = requireNonNull(kernels, "kernels");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && state != State.FAILED) {
            if (in.readableBytes() < 4) {
                return;
            }
            int type = in.getUnsignedByte(in.readerIndex());
            int len = in.getUnsignedMediumLE(in.readerIndex() + 1);
            if (state == State.STREAM_ID && type != SnappyFraming.TYPE_STREAM_ID) {
                fail(in, out, "chunk type 0x" + Integer.toHexString(type) + " before stream identifier");
                return;
            }
            if (len > SnappyFraming.MAX_CHUNK) {
                fail(in, out, "chunk length: " + len + " (expected: <= " + SnappyFraming.MAX_CHUNK + ")");
                return;
            }
            if (in.readableBytes() < 4 + len) {
                return;
            }
            int body = in.readerIndex() + 4;
            switch (type) {
                case SnappyFraming.TYPE_STREAM_ID -> {
                    byte[] id = new byte[len];
                    in.getBytes(body, id);
                    if (!Arrays.equals(id, Arrays.copyOfRange(SnappyFraming.STREAM_ID, 4, 10))) {
                        fail(in, out, "bad stream identifier " + ByteBufUtil.hexDump(id));
                        return;
                    }
                    state = State.CHUNK;
                }
                case SnappyFraming.TYPE_UNCOMPRESSED -> {
                    if (len < 4 || len - 4 > SnappyFraming.MAX_BLOCK) {
                        fail(in, out, "uncompressed chunk length: " + len);
                        return;
                    }
                    int crc = in.getIntLE(body);
                    ByteBuf data = in.retainedSlice(body + 4, len - 4);
                    if (SnappyFraming.maskedCrc(kernels, data, data.readerIndex(), data.readableBytes()) != crc) {
                        data.release();
                        fail(in, out, "checksum mismatch");
                        return;
                    }
                    out.add(data);
                }
                case SnappyFraming.TYPE_COMPRESSED -> {
                    if (len < 4) {
                        fail(in, out, "compressed chunk length: " + len);
                        return;
                    }
                    int crc = in.getIntLE(body);
                    // Plain unpooled heap buffers: Snappy works byte by byte, which leak-aware wrappers make slow.
                    byte[] block = new byte[len - 4];
                    in.getBytes(body + 4, block);
                    ByteBuf decoded = Unpooled.buffer(SnappyFraming.MAX_BLOCK);
                    try {
                        snappy.reset();
                        snappy.decode(Unpooled.wrappedBuffer(block), decoded);
                    } catch (RuntimeException e) {
                        decoded.release();
                        fail(in, out, "corrupt compressed chunk");
                        return;
                    }
                    if (decoded.readableBytes() > SnappyFraming.MAX_BLOCK
                            || SnappyFraming.maskedCrc(kernels, decoded, decoded.readerIndex(),
                                    decoded.readableBytes()) != crc) {
                        decoded.release();
                        fail(in, out, "checksum mismatch");
                        return;
                    }
                    out.add(decoded);
                }
                default -> {
                    if (type < 0x80) {
                        fail(in, out, "unskippable chunk type 0x" + Integer.toHexString(type));
                        return;
                    }
                    // 0x80..0xfe: padding and reserved skippable chunks.
                }
            }
            in.skipBytes(4 + len);
        }
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new StreamCodecFailure("snappy", reason));
    }
}
