package io.harpoon.tunnel.client;

import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.crypto.WorkStreamCodecs;
import io.harpoon.tunnel.internal.Relay;
import io.harpoon.tunnel.mux.YamuxStreamChannel;
import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client work connection: sends NewWorkConn, waits (without timeout, like frpc) for StartWorkConn, dials the
 * proxy's local target on the same event loop, installs the proxy's codecs and splices.
 */
final class WorkConnHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WorkConnHandler.class);

    private final TunnelClient client;
    private final byte[] key;
    private boolean sent;

    WorkConnHandler(TunnelClient client, byte[] key) {
        this.client = client;
        this.key = key;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel() instanceof YamuxStreamChannel) {
            send(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx);
        ctx.fireChannelActive();
    }

    private void send(ChannelHandlerContext ctx) {
        if (!sent) {
            sent = true;
            ctx.writeAndFlush(new FrpMessage.NewWorkConn(client.currentRunId(), null, 0));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FrpMessage.StartWorkConn start)) {
            ReferenceCountUtil.release(msg);
            LOG.info("frp client: work connection closed: unexpected {}", msg);
            ctx.close();
            return;
        }
        if (start.error() != null && !start.error().isEmpty()) {
            LOG.info("frp client: work connection refused: {}", start.error());
            ctx.close();
            return;
        }
        ProxySpec spec = client.proxy(start.proxyName());
        if (spec == null) {
            LOG.info("frp client: work connection for unknown proxy [{}] closed", start.proxyName());
            ctx.close();
            return;
        }
        Channel work = ctx.channel();
        work.config().setAutoRead(false);
        boolean unix = !(spec.target() instanceof InetSocketAddress);
        Bootstrap b = new Bootstrap().group(work.eventLoop())
                .channel(unix ? NioDomainSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                });
        if (!unix) {
            b.option(ChannelOption.TCP_NODELAY, true);
        }
        b.connect(spec.target()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                LOG.info("frp client: proxy [{}] cannot reach {}: {}", spec.name(), spec.target(),
                        f.cause().toString());
                work.close();
                return;
            }
            Channel local = f.channel();
            if (!work.isActive()) {
                local.close();
                return;
            }
            ChannelPipeline p = work.pipeline();
            p.remove(WorkConnHandler.this);
            p.remove("frp-encoder");
            WorkStreamCodecs.install(p, key, spec.useEncryption(), spec.useCompression());
            Relay.link(work, local, null, null);
            p.remove("frp-decoder"); // forwards any bytes that came behind StartWorkConn into the codecs
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("frp client: work connection error: {}", cause.toString());
        ctx.close();
    }
}
