package io.harpoon.tunnel.crypto;

import static java.util.Objects.requireNonNull;

import io.harpoon.kernels.select.Kernels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.compression.Snappy;

/**
 * Writes the snappy framing format like golang/snappy's unbuffered {@code Writer}: the stream identifier before the
 * first chunk, then one chunk per {@value SnappyFraming#MAX_BLOCK} bytes of each write, compressed only when that
 * saves at least an eighth (otherwise an uncompressed chunk, as for the "hello" vector). Per channel: stateful.
 */
public final class SnappyFramingEncoder extends MessageToByteEncoder<ByteBuf> {
    private final Kernels kernels;
    private final Snappy snappy = new Snappy();
    private boolean started;

    public SnappyFramingEncoder() {
        this(Kernels.defaults());
    }

    public SnappyFramingEncoder(Kernels kernels) {
        super(ByteBuf.class, false);
        this.kernels = requireNonNull(kernels, "kernels");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf in, ByteBuf out) {
        if (!in.isReadable()) {
            return;
        }
        if (!started) {
            started = true;
            out.writeBytes(SnappyFraming.STREAM_ID);
        }
        ByteBuf heap = in.hasArray() ? in : ctx.alloc().heapBuffer(in.readableBytes()).writeBytes(in);
        try {
            while (heap.isReadable()) {
                int n = Math.min(heap.readableBytes(), SnappyFraming.MAX_BLOCK);
                int crc = SnappyFraming.maskedCrc(kernels, heap, heap.readerIndex(), n);
                // Plain unpooled heap buffers: Snappy works byte by byte, which leak-aware wrappers make slow.
                byte[] block = new byte[n];
                heap.getBytes(heap.readerIndex(), block);
                ByteBuf compressed = Unpooled.buffer(n + n / 6 + 32);
                try {
                    snappy.reset();
                    snappy.encode(Unpooled.wrappedBuffer(block), compressed, n);
                    if (compressed.readableBytes() < n - n / 8) {
                        chunk(out, SnappyFraming.TYPE_COMPRESSED, crc, compressed, compressed.readableBytes());
                    } else {
                        chunk(out, SnappyFraming.TYPE_UNCOMPRESSED, crc, heap, n);
                    }
                } finally {
                    compressed.release();
                }
                heap.skipBytes(n);
            }
        } finally {
            if (heap != in) {
                heap.release();
            }
            in.skipBytes(in.readableBytes());
        }
    }

    private static void chunk(ByteBuf out, int type, int crc, ByteBuf data, int n) {
        int len = n + 4;
        out.writeByte(type);
        out.writeMediumLE(len);
        out.writeIntLE(crc);
        out.writeBytes(data, data.readerIndex(), n);
    }
}
