package io.harpoon.tunnel.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first byte of a connection decides its transport (spec/frp-wire.md §3): {@code 0x17} is frp's TLS marker
 * (dropped, TLS follows), {@code 0x16} starts a TLS ClientHello (kept), anything else is plain TCP, refused without
 * writing a byte when TLS is forced. Like frps, a server without configured TLS still accepts TLS clients, with a
 * self-signed certificate made on first use. Then {@link MuxSniffer} decides yamux or not. Nothing within the deadline closes.
 */
final class FirstByteSniffer extends ByteToMessageDecoder {
    static final byte TLS_MARKER = 0x17;
    static final byte TLS_HANDSHAKE = 0x16;

    private final TunnelServer server;
    private ScheduledFuture<?> deadline;

    FirstByteSniffer(TunnelServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long ms = server.config().firstMessageTimeout().toMillis();
        deadline = ctx.executor().schedule(() -> {
            if (!ctx.isRemoved()) {
                server.closeConnection(ctx.channel(), "no data within " + ms + " ms");
            }
        }, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        byte first = in.getByte(in.readerIndex());
        if (first == TLS_MARKER || first == TLS_HANDSHAKE) {
            var tls = server.tlsContext();
            if (tls == null) {
                server.closeConnection(ctx.channel(), "TLS connection received but no TLS context is available");
                in.skipBytes(in.readableBytes());
                return;
            }
            if (first == TLS_MARKER) {
                in.skipBytes(1);
            }
            ctx.pipeline().addAfter(ctx.name(), "tls", tls.newHandler(ctx.alloc()));
            ctx.pipeline().addAfter("tls", "tls-log", new TlsFailureLogger(server));
            ctx.pipeline().addAfter("tls-log", "mux-sniffer", new MuxSniffer(server));
        } else {
            if (server.config().tlsForced()) {
                server.closeConnection(ctx.channel(), "non-TLS connection received on a TlsOnly server");
                in.skipBytes(in.readableBytes());
                return;
            }
            ctx.pipeline().addAfter(ctx.name(), "mux-sniffer", new MuxSniffer(server));
        }
        ctx.pipeline().remove(this);
    }

    /** Logs a failed handshake once (missing or foreign client certificate) and closes. */
    static final class TlsFailureLogger extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final TunnelServer server;

        TlsFailureLogger(TunnelServer server) {
            this.server = server;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (!e.isSuccess()) {
                    // Stay in the pipeline: the exception that follows is swallowed, so one line is logged.
                    fail(ctx, "TLS handshake failed: " + rootMessage(e.cause()));
                    return;
                }
                ctx.pipeline().remove(this);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, "TLS handshake failed: " + rootMessage(cause));
        }

        private void fail(ChannelHandlerContext ctx, String reason) {
            if (!failed) {
                failed = true;
                server.closeConnection(ctx.channel(), reason);
            }
        }

        private boolean failed;

        private static String rootMessage(Throwable t) {
            Throwable c = t;
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
            return c.getClass().getSimpleName() + ": " + c.getMessage();
        }
    }
}
