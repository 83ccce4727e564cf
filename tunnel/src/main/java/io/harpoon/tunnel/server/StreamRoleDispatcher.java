package io.harpoon.tunnel.server;

import io.harpoon.tunnel.wire.FrpDecodeFailure;
import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first message of a stream (or of a connection without mux) decides its role (spec/frp-wire.md §6.4): Login
 * makes it a control, NewWorkConn a parked work connection, NewVisitorConn is refused with a reply, anything else
 * (including the wire v2 magic) closes it with one log line. Other streams of the session are unaffected.
 */
final class StreamRoleDispatcher extends ChannelInboundHandlerAdapter {
    private final TunnelServer server;
    private final boolean mux;
    private ScheduledFuture<?> deadline;
    private boolean decided;

    StreamRoleDispatcher(TunnelServer server, boolean mux) {
        this.server = server;
        this.mux = mux;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long ms = server.config().firstMessageTimeout().toMillis();
        deadline = ctx.executor().schedule(() -> {
            if (!decided) {
                server.closeConnection(ctx.channel(), "no first message within " + ms + " ms");
            }
        }, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided) {
            // A parked work connection must stay silent until StartWorkConn.
            ReferenceCountUtil.release(msg);
            server.closeConnection(ctx.channel(), "data on a parked work connection");
            return;
        }
        decided = true;
        deadline.cancel(false);
        switch (msg) {
            case FrpMessage.Login login -> server.login(ctx, login, mux);
            case FrpMessage.NewWorkConn work -> server.workConn(ctx, work);
            case FrpMessage.NewVisitorConn v -> {
                server.logClose(ctx.channel(), "visitor connection refused for " + v.proxyName());
                ctx.writeAndFlush(new FrpMessage.NewVisitorConnResp(v.proxyName(),
                        "visitor connections are not supported")).addListener(ChannelFutureListener.CLOSE);
            }
            case FrpDecodeFailure f when f.reason() == FrpDecodeFailure.Reason.WIRE_V2 ->
                    server.closeConnection(ctx.channel(), "wire v2 unsupported");
            case FrpDecodeFailure f -> server.closeConnection(ctx.channel(), "bad first message: " + f);
            case FrpMessage m -> server.closeConnection(ctx.channel(), "unexpected first message " + m.type());
            default -> {
                ReferenceCountUtil.release(msg);
                server.closeConnection(ctx.channel(), "unexpected " + msg.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        server.closeConnection(ctx.channel(), "error: " + cause);
    }
}
