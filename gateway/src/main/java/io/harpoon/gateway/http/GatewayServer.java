package io.harpoon.gateway.http;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.admin.GatewayMetrics;
import io.harpoon.gateway.routing.ControlPlane;
import io.harpoon.gateway.routing.Router;
import io.harpoon.gateway.security.BanList;
import io.harpoon.gateway.upstream.UpstreamConnector;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * The HTTP listeners: {@code HP_EXAPPS_ADDRESS} (plain), {@code HP_EXAPPS_HTTPS_ADDRESS} (TLS, only when a
 * certificate is given) and the internal control listener. Pipelines: {@link PipelineNames}.
 */
public final class GatewayServer implements AutoCloseable {
    /** Global connection limit as HaRP's HAProxy {@code maxconn}. */
    public static final int ACCEPT_BACKLOG = 8192;

    private final List<Channel> listeners = new ArrayList<>();
    private final InetSocketAddress http;
    private final Optional<InetSocketAddress> https;
    private final InetSocketAddress control;
    private final Optional<File> pem;
    private final AtomicReference<SslContext> ssl;

    /** Netty-free knobs of the listeners. */
    public record Settings(InetSocketAddress httpAddress, Optional<InetSocketAddress> httpsAddress,
            Optional<File> combinedPem, InetSocketAddress controlAddress, Duration connectTimeout,
            Duration clientTimeout, Duration serverTimeout, Duration tunnelTimeout) {
        public Settings {
            requireNonNull(httpAddress, "httpAddress");
            requireNonNull(httpsAddress, "httpsAddress");
            requireNonNull(combinedPem, "combinedPem");
            requireNonNull(controlAddress, "controlAddress");
        }
    }

    private GatewayServer(InetSocketAddress http, Optional<InetSocketAddress> https, InetSocketAddress control,
            Optional<File> pem, AtomicReference<SslContext> ssl) {
        this.http = http;
        this.https = https;
        this.control = control;
        this.pem = pem;
        this.ssl = ssl;
    }

    /** Binds every listener on {@code group}; closing the server closes the listeners, not the group. */
    public static GatewayServer start(EventLoopGroup group, Settings s, Router router, ControlPlane controlPlane,
            UpstreamConnector connector, BanList bans, GatewayMetrics metrics) throws InterruptedException,
            SSLException {
        return start(group, s, router, controlPlane, connector, Optional.empty(), bans, metrics);
    }

    /**
     * As above; FRP-mode targets (127.0.0.1:23000-24099) go through {@code inProcess} streams when present, without
     * the loopback hop through the FRP server's proxy listeners.
     */
    public static GatewayServer start(EventLoopGroup group, Settings s, Router router, ControlPlane controlPlane,
            UpstreamConnector connector, Optional<io.harpoon.tunnel.api.TunnelStreams> inProcess, BanList bans,
            GatewayMetrics metrics) throws InterruptedException, SSLException {
        Services services = new Services(router, controlPlane, connector,
                new UpstreamPools(s.connectTimeout(), s.serverTimeout()), bans, metrics, s.clientTimeout(),
                s.serverTimeout(), s.tunnelTimeout(), java.util.Objects.requireNonNull(inProcess, "inProcess"));
        List<Channel> bound = new ArrayList<>();
        AtomicReference<SslContext> ssl = new AtomicReference<>();
        try {
            Channel httpCh = bind(group, s.httpAddress(), services, null, false);
            bound.add(httpCh);
            Optional<InetSocketAddress> httpsAddr = Optional.empty();
            if (s.combinedPem().isPresent() && s.httpsAddress().isPresent()) {
                ssl.set(sslContext(s.combinedPem().get()));
                Channel httpsCh = bind(group, s.httpsAddress().get(), services, ssl, false);
                bound.add(httpsCh);
                httpsAddr = Optional.of((InetSocketAddress) httpsCh.localAddress());
            }
            Channel controlCh = bind(group, s.controlAddress(), services, null, true);
            bound.add(controlCh);
            GatewayServer server = new GatewayServer((InetSocketAddress) httpCh.localAddress(), httpsAddr,
                    (InetSocketAddress) controlCh.localAddress(), s.combinedPem(), ssl);
            server.listeners.addAll(bound);
            return server;
        } catch (InterruptedException | SSLException | RuntimeException e) {
            bound.forEach(Channel::close);
            throw e;
        }
    }

    private static SslContext sslContext(File combinedPem) throws SSLException {
        return SslContextBuilder.forServer(combinedPem, combinedPem).build();
    }

    /**
     * Re-reads the certificate file (SIGHUP, spec §2 Harpoon decision): new TLS connections use it, open ones are
     * not touched. A broken file keeps the previous certificate and throws.
     */
    public void reloadCertificate() throws SSLException {
        if (pem.isPresent() && ssl.get() != null) {
            ssl.set(sslContext(pem.get()));
        }
    }

    private static Channel bind(EventLoopGroup group, InetSocketAddress address, Services services,
            AtomicReference<SslContext> ssl, boolean internal) throws InterruptedException {
        InetSocketAddress resolved = address.isUnresolved()
                ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(PipelineNames.TLS, ssl.get().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(PipelineNames.GUARD, new RequestGuard());
                        ch.pipeline().addLast(PipelineNames.CODEC, new HttpServerCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(RequestGuard.DEFAULT_MAX_REQUEST_LINE + 2)
                                .setMaxHeaderSize(RequestGuard.DEFAULT_MAX_HEADER_SECTION + 2)
                                .setMaxChunkSize(UpstreamPools.MAX_CHUNK)));
                        ch.pipeline().addLast(PipelineNames.FRONTEND, new FrontendHandler(services, internal));
                    }
                })
                .bind(resolved).sync().channel();
    }

    public InetSocketAddress httpAddress() {
        return http;
    }

    public Optional<InetSocketAddress> httpsAddress() {
        return https;
    }

    public InetSocketAddress controlAddress() {
        return control;
    }

    /** True while every listener is bound (watchdog and /healthz). */
    public boolean healthy() {
        return listeners.stream().allMatch(Channel::isActive);
    }

    @Override
    public void close() {
        listeners.forEach(c -> c.close().syncUninterruptibly());
    }
}
