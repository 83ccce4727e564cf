package io.harpoon.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Byte relay after a protocol upgrade (netty proxy example): read one buffer, write it to the other side, read
 * the next only when the write succeeded; flush-then-close when either side closes or idles out.
 */
final class RawRelay extends ChannelInboundHandlerAdapter {
    private final Channel other;
    private final Runnable onClose;

    RawRelay(Channel other, Runnable onClose) {
        this.other = other;
        this.onClose = onClose;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().closeFuture().addListener(f -> onClose.run());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            // an HTTP codec removed at the switch may still flush its empty LastHttpContent
            ReferenceCountUtil.release(msg);
            ctx.channel().read();
            return;
        }
        other.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                f.channel().close();
                ctx.close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(other);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // half-close travels through the tunnel: FIN to the other side once pending bytes are out
            if (other instanceof SocketChannel sc && other.isActive()) {
                other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> sc.shutdownOutput());
            }
            if (ctx.channel() instanceof SocketChannel me && me.isOutputShutdown()) {
                ctx.close();
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            closeOnFlush(other);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
        closeOnFlush(other);
    }

    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
