package io.harpoon.tunnel.server;

import io.harpoon.tunnel.config.AuthScope;
import io.harpoon.tunnel.crypto.FrpAuth;
import io.harpoon.tunnel.wire.FrpDecodeFailure;
import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The encrypted control stream after login (spec/frp-wire.md §17 item 6): NewProxy, CloseProxy and Ping are handled,
 * other known messages ignored. Without mux a control that sends no Ping within the heartbeat timeout is dropped.
 */
final class ControlHandler extends ChannelInboundHandlerAdapter {
    private final ClientControl control;
    private final boolean mux;
    private long lastPing = System.nanoTime();
    private ScheduledFuture<?> heartbeat;

    ControlHandler(ClientControl control, boolean mux) {
        this.control = control;
        this.mux = mux;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!mux) {
            long timeout = control.server().config().heartbeatTimeout().toNanos();
            long period = Math.max(10, Math.min(1000, timeout / 1_000_000 / 4));
            heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastPing > timeout) {
                    control.close("no Ping within " + control.server().config().heartbeatTimeout());
                }
            }, period, period, TimeUnit.MILLISECONDS);
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
            case FrpMessage.NewProxy np -> control.newProxy(np);
            case FrpMessage.CloseProxy cp -> control.closeProxy(cp.proxyName());
            case FrpMessage.Ping p -> {
                var cfg = control.server().config();
                if (cfg.authScopes().contains(AuthScope.HEART_BEATS)
                        && !FrpAuth.verifyPrivilegeKey(cfg.token(), p.timestamp(), p.privilegeKey())) {
                    // frpc closes the session on a Pong error; the control stays up until then.
                    ctx.writeAndFlush(new FrpMessage.Pong("token in heartbeat doesn't match token from configuration"));
                    return;
                }
                lastPing = System.nanoTime();
                ctx.writeAndFlush(new FrpMessage.Pong(null));
            }
            case FrpDecodeFailure f -> control.close("control stream: " + f);
            case FrpMessage m -> {
                // Known but unhandled (udp, nat hole, ...): ignored like frps does.
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        control.close("control connection closed");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        control.close("control error: " + cause);
    }
}
