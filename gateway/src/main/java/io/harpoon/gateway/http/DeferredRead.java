package io.harpoon.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Re-issues every {@code read()} on a tunnel stream as a task of the stream's own event loop.
 *
 * <p>Why: the stream ({@code YamuxStreamChannel}, auto-read off) clears its read demand <em>after</em> it fired a
 * buffer, so a {@code read()} made synchronously inside that {@code channelRead} is lost. That happens here whenever
 * the client shares the stream's event loop and a relayed write completes at once (e.g. the {@code 101} of a
 * WebSocket): the relay would stall. Deferred, the demand lands after the delivery loop and is kept. Costs one task
 * per read; direct TCP upstreams do not get this handler.
 */
final class DeferredRead extends ChannelOutboundHandlerAdapter {
    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.executor().execute(ctx::read);
    }
}
