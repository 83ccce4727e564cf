package io.harpoon.tunnel.client;

import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's encrypted control stream after login: ReqWorkConn opens a work connection, NewProxyResp is reported,
 * a Pong error or anything unexpected ends the session (the client then reconnects). Without mux it sends Ping at
 * the heartbeat interval, as frpc does.
 */
final class ControlHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);

    private final TunnelClient client;
    private ScheduledFuture<?> heartbeat;

    ControlHandler(TunnelClient client) {
        this.client = client;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!client.config().tcpMux()) {
            long ms = client.config().heartbeatInterval().toMillis();
            heartbeat = ctx.executor().scheduleAtFixedRate(
                    () -> ctx.writeAndFlush(new FrpMessage.Ping(null, 0)), ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case FrpMessage.ReqWorkConn r -> client.workConnRequested(ctx.channel());
            case FrpMessage.NewProxyResp resp -> client.proxyResponse(resp);
            case FrpMessage.Pong p -> {
                if (p.error() != null && !p.error().isEmpty()) {
                    LOG.info("frp client: Pong error: {}", p.error());
                    TunnelClient.closeTransport(ctx.channel());
                }
            }
            default -> {
                // Other messages (and decode failures) end the control.
                LOG.info("frp client: control stream ended by {}", msg);
                TunnelClient.closeTransport(ctx.channel());
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        TunnelClient.closeTransport(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("frp client: control error: {}", cause.toString());
        TunnelClient.closeTransport(ctx.channel());
    }
}
