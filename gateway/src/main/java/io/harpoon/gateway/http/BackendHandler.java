package io.harpoon.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Upstream side of one exchange: hands every decoded response object to the attached {@link FrontendHandler}.
 * While pooled (detached), any inbound byte or a timeout closes the connection.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private FrontendHandler frontend;

    void attach(FrontendHandler f) {
        this.frontend = f;
    }

    void detach() {
        this.frontend = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendHandler f = frontend;
        if (f == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        f.onUpstreamRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FrontendHandler f = frontend;
        frontend = null;
        if (f != null) {
            f.onUpstreamClosed();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        FrontendHandler f = frontend;
        if (f != null && ctx.channel().isWritable()) {
            f.readClientIfWanted();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            FrontendHandler f = frontend;
            if (f != null) {
                f.onUpstreamTimeout();
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
