package io.harpoon.gateway.admin;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code HARPOON_ADMIN_ADDRESS}: {@code GET /metrics} (Prometheus text), {@code GET /healthz} ({@code 200 ok}
 * while every listener is bound, else {@code 503}) and {@code GET /engines} (Docker engines with inventories, JSON). Requests are tiny, so this listener aggregates (4 KiB cap);
 * the ExApp relay never does.
 */
public final class AdminServer implements AutoCloseable {
    static final int MAX_REQUEST = 4096;
    private final Channel channel;

    private AdminServer(Channel channel) {
        this.channel = channel;
    }

    public static AdminServer start(EventLoopGroup group, InetSocketAddress address, GatewayMetrics metrics,
            BooleanSupplier healthy) throws InterruptedException {
        return start(group, address, metrics, healthy, () -> "[]");
    }

    /** @param engines JSON listing for {@code GET /engines} ({@code harpoon engines} reads it) */
    public static AdminServer start(EventLoopGroup group, InetSocketAddress address, GatewayMetrics metrics,
            BooleanSupplier healthy, java.util.function.Supplier<String> engines) throws InterruptedException {
        requireNonNull(engines, "engines");
        requireNonNull(metrics, "metrics");
        requireNonNull(healthy, "healthy");
        InetSocketAddress resolved = address.isUnresolved()
                ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast("codec", new HttpServerCodec());
                        c.pipeline().addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST));
                        c.pipeline().addLast("admin", new Handler(metrics, healthy, engines));
                    }
                }).bind(resolved).sync().channel();
        return new AdminServer(ch);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final GatewayMetrics metrics;
        private final BooleanSupplier healthy;
        private final java.util.function.Supplier<String> engines;

        Handler(GatewayMetrics metrics, BooleanSupplier healthy, java.util.function.Supplier<String> engines) {
            this.metrics = metrics;
            this.healthy = healthy;
            this.engines = engines;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = req.uri().split("\\?", 2)[0];
            FullHttpResponse resp = switch (path) {
                case "/metrics" -> text(HttpResponseStatus.OK, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8");
                case "/healthz" -> healthy.getAsBoolean() ? text(HttpResponseStatus.OK, "ok\n", "text/plain")
                        : text(HttpResponseStatus.SERVICE_UNAVAILABLE, "unhealthy\n", "text/plain");
                case "/engines" -> text(HttpResponseStatus.OK, engines.get(), "application/json");
                default -> text(HttpResponseStatus.NOT_FOUND, "404 Not Found\n", "text/plain");
            };
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(resp, keepAlive);
            var f = ctx.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse text(HttpResponseStatus status, String body, String type) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        }
    }
}
