package io.harpoon.tunnel.crypto;

import static java.util.Objects.requireNonNull;

import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.select.Kernels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.security.SecureRandom;

/**
 * Outbound half of frp's AES-128-CFB stream (spec/frp-wire.md §8.2): the first write is preceded by this
 * direction's 16-byte IV in clear, as a separate write; every later byte is CFB128 ciphertext. The cipher runs in
 * {@code io.harpoon.kernels} ({@link Kernels#aes128Cfb}), placed by {@code KernelPlacement}.
 *
 * <pre>
 *   +----------------+---------------------------------------------+
 *   | IV (16, clear) | AES-128-CFB128(key, IV, payload...)          |  one direction, no framing, no MAC
 *   +----------------+---------------------------------------------+
 * </pre>
 */
public final class CfbEncryptHandler extends ChannelOutboundHandlerAdapter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Kernels kernels;
    private final byte[] iv;
    private final CfbStream stream;
    private boolean ivSent;

    public CfbEncryptHandler(byte[] key) {
        this(Kernels.defaults(), key, randomIv());
    }

    /** With a chosen IV: for test vectors only; frp requires a fresh random IV per direction and connection. */
    public CfbEncryptHandler(Kernels kernels, byte[] key, byte[] iv) {
        this.kernels = requireNonNull(kernels, "kernels");
        this.iv = iv.clone();
        this.stream = new CfbStream(key, iv);
    }

    public static byte[] randomIv() {
        byte[] iv = new byte[CfbStream.BLOCK_BYTES];
        RANDOM.nextBytes(iv);
        return iv;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.write(msg, promise);
            return;
        }
        if (!ivSent) {
            ivSent = true;
            ctx.write(Unpooled.wrappedBuffer(iv.clone()), ctx.voidPromise());
        }
        int n = in.readableBytes();
        ByteBuf out = ctx.alloc().heapBuffer(n, n);
        try {
            out.writeBytes(in);
        } finally {
            in.release();
        }
        if (n > 0) {
            kernels.aes128Cfb(CfbDirection.ENCRYPT, stream, out.array(), out.arrayOffset() + out.readerIndex(), n);
        }
        ctx.write(out, promise);
    }
}
