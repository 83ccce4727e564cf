package io.harpoon.tunnel.internal;

import io.harpoon.tunnel.crypto.StreamCodecFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splices two channels (user connection and work stream), after Netty's proxy example: each side's reads are
 * written to the other; when the other side's outbound buffer is full this side stops reading until it drains, so
 * memory stays bounded by the write-buffer water marks and yamux windows. When either side closes, the other is
 * flushed and closed (frp's {@code io.Join} closes both directions together).
 */
public final class Relay extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final Channel peer;
    private final LongAdder bytes;

    /**
     * @param peer where this channel's reads go
     * @param bytes counter of bytes copied in this direction, or null
     */
    public Relay(Channel peer, LongAdder bytes) {
        this.peer = peer;
        this.bytes = bytes;
    }

    /** Links {@code a} and {@code b} both ways and starts reading on both. */
    public static void link(Channel a, Channel b, LongAdder aToB, LongAdder bToA) {
        a.pipeline().addLast("relay", new Relay(b, aToB));
        b.pipeline().addLast("relay", new Relay(a, bToA));
        a.config().setAutoRead(true);
        b.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamCodecFailure f) {
            LOG.info("relay {} closed: {}", ctx.channel(), f);
            ctx.close();
            closeOnFlush(peer);
            return;
        }
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (bytes != null && msg instanceof ByteBuf b) {
            bytes.add(b.readableBytes());
        }
        peer.writeAndFlush(msg);
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
            Relay back = peer.pipeline().get(Relay.class);
            if (back != null) {
                back.resumeTarget = ctx.channel();
            }
            // The peer may have drained (on its own event loop) before resumeTarget was set: check again.
            if (peer.isWritable() || back == null) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    /** The channel to resume when this channel becomes writable again (set from the other event loop). */
    private volatile Channel resumeTarget;

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel target = resumeTarget;
        if (ctx.channel().isWritable() && target != null) {
            target.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("relay {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
        closeOnFlush(peer);
    }

    public static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (ch.isOpen()) {
            ch.close();
        }
    }
}
