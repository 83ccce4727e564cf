package io.harpoon.tunnel.crypto;

import static java.util.Objects.requireNonNull;

import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.select.Kernels;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Inbound half of frp's AES-128-CFB stream: reads the peer's 16-byte IV, then decrypts every later byte as it comes
 * (a streaming cipher: any split of the input yields the same plaintext; JCE's {@code AES/CFB} would hold back
 * partial blocks and deadlock the request/response protocol, spec/frp-wire.md §14).
 */
public final class CfbDecryptHandler extends ChannelInboundHandlerAdapter {
    private final Kernels kernels;
    private final byte[] key;
    private final byte[] iv = new byte[CfbStream.BLOCK_BYTES];
    private int ivRead;
    private CfbStream stream;

    public CfbDecryptHandler(byte[] key) {
        this(Kernels.defaults(), key);
    }

    public CfbDecryptHandler(Kernels kernels, byte[] key) {
        this.kernels = requireNonNull(kernels, "kernels");
        this.key = key.clone();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (stream == null) {
            int n = Math.min(iv.length - ivRead, in.readableBytes());
            in.readBytes(iv, ivRead, n);
            ivRead += n;
            if (ivRead < iv.length) {
                in.release();
                return;
            }
            stream = new CfbStream(key, iv);
        }
        int n = in.readableBytes();
        if (n == 0) {
            in.release();
            return;
        }
        ByteBuf out = ctx.alloc().heapBuffer(n, n);
        try {
            out.writeBytes(in);
        } finally {
            in.release();
        }
        kernels.aes128Cfb(CfbDirection.DECRYPT, stream, out.array(), out.arrayOffset() + out.readerIndex(), n);
        ctx.fireChannelRead(out);
    }
}
