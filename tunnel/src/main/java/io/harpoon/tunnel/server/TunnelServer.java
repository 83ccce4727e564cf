package io.harpoon.tunnel.server;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.api.LoginHook;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.api.ProxyListener;
import io.harpoon.tunnel.api.TunnelStreams;
import io.harpoon.tunnel.config.AuthScope;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.crypto.CfbDecryptHandler;
import io.harpoon.tunnel.crypto.CfbEncryptHandler;
import io.harpoon.tunnel.crypto.FrpAuth;
import io.harpoon.tunnel.crypto.WorkStreamCodecs;
import io.harpoon.tunnel.mux.YamuxSession;
import io.harpoon.tunnel.mux.YamuxStreamChannel;
import io.harpoon.tunnel.wire.FrpFrameDecoder;
import io.harpoon.tunnel.wire.FrpFrameEncoder;
import io.harpoon.tunnel.wire.FrpMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harpoon's frps (spec/frp-wire.md §17): one listener for frpc (TLS sniffing, yamux or not), logins, tcp proxies on
 * loopback listeners, and {@link TunnelStreams} for in-process access to the same proxies.
 *
 * <pre>
 *  frpc --TCP--&gt; [first-byte] -&gt; [tls] -&gt; [mux-sniffer] -&gt; [yamux-decoder][yamux] -&gt; stream: [frp-decoder][frp-encoder][role]
 *                                                       \-&gt; no mux: the connection itself is the stream
 *  control after Login: [cfb-encrypt][cfb-decrypt][frp-decoder][frp-encoder][control]
 *  work after StartWorkConn: [cfb-*][snappy-*][relay or the caller's handlers]
 * </pre>
 * Every rejected connection, stream or login produces one INFO line naming the reason; tokens are never logged.
 */
public final class TunnelServer implements TunnelStreams, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The pooled work connection died before StartWorkConn could be written: try the next one. */
    static final class DeadWorkConnException extends RuntimeException {
        DeadWorkConnException() {
            super("work connection closed", null, false, false);
        }
    }

    private final TunnelServerConfig config;
    private final LoginHook hook;
    private final TunnelMetrics metrics;
    private final byte[] key;
    private final boolean ownGroup;
    private final EventLoopGroup group;
    private final Map<String, ClientControl> controls = new ConcurrentHashMap<>();
    private final ProxyRegistry proxies;
    /** Every accepted frpc connection, closed with the server even when the event loops are shared. */
    private final ChannelGroup connections = new DefaultChannelGroup("frp-connections",
            GlobalEventExecutor.INSTANCE);
    private final ChannelHandler streamInitializer;
    private final YamuxSession.Listener sessionListener;
    private Channel serverChannel;
    private volatile SslContext fallbackTls;

    public TunnelServer(TunnelServerConfig config, LoginHook hook, MeterRegistry registry) {
        this(config, hook, registry, null);
    }

    /** @param group event loops to share (the gateway's), or null for a private group closed with the server */
    public TunnelServer(TunnelServerConfig config, LoginHook hook, MeterRegistry registry, EventLoopGroup group) {
        this.config = requireNonNull(config, "config");
        this.hook = hook == null ? LoginHook.ALLOW_ALL : hook;
        this.metrics = new TunnelMetrics(registry == null ? new SimpleMeterRegistry() : registry);
        this.key = FrpAuth.aesKey(config.token());
        this.ownGroup = group == null;
        this.group = group != null ? group : new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        this.proxies = new ProxyRegistry(config, this.group, metrics);
        this.streamInitializer = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                installStreamPipeline(ch.pipeline(), null, true);
            }
        };
        this.sessionListener = new YamuxSession.Listener() {
            @Override
            public void streamRefused(int streamId, String reason) {
                LOG.info("frp session stream {} refused: {}", streamId, reason);
            }

            @Override
            public void sessionClosed(YamuxSession session, YamuxSession.CloseReason reason, String detail) {
                if (reason != YamuxSession.CloseReason.TRANSPORT_CLOSED
                        && reason != YamuxSession.CloseReason.LOCAL_CLOSE) {
                    LOG.info("frp session {} closed: {} {}", session.transport().remoteAddress(), reason, detail);
                }
            }
        };
    }

    /** Binds the frpc listener; returns the bound address (port 0 resolved). */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        metrics.sessions.incrementAndGet();
                        connections.add(ch);
                        ch.closeFuture().addListener(f -> metrics.sessions.decrementAndGet());
                        ch.pipeline().addLast("first-byte", new FirstByteSniffer(TunnelServer.this));
                    }
                });
        serverChannel = b.bind(config.bind()).sync().channel();
        LOG.info("frp server listening on {} ({})", serverChannel.localAddress(), config);
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Completes when the frpc listener closes, by {@link #close()} or because it failed; the gateway treats the
     * latter as fatal (spec §2: exit 1 when the FRP server fails irrecoverably).
     */
    public CompletableFuture<Void> listenerClosed() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        serverChannel.closeFuture().addListener(x -> f.complete(null));
        return f;
    }

    public TunnelServerConfig config() {
        return config;
    }

    /**
     * The configured TLS context, or (like frps without certificates) a self-signed one generated on first use; null
     * only if that generation failed.
     */
    SslContext tlsContext() {
        if (config.tls() != null) {
            return config.tls();
        }
        SslContext f = fallbackTls;
        if (f == null) {
            synchronized (this) {
                f = fallbackTls;
                if (f == null) {
                    try {
                        f = TunnelTls.selfSignedServer();
                        fallbackTls = f;
                    } catch (SSLException | RuntimeException e) {
                        LOG.warn("frp server: no self-signed TLS context: {}", e.toString());
                        return null;
                    }
                }
            }
        }
        return f;
    }

    public TunnelMetrics metrics() {
        return metrics;
    }

    /** Registers a listener for proxies being bound and unbound. */
    public void addProxyListener(ProxyListener listener) {
        proxies.addListener(requireNonNull(listener, "listener"));
    }

    /** Names of the proxies bound right now. */
    public Set<String> proxyNames() {
        return proxies.names();
    }

    /** The port a proxy is bound on. */
    public Optional<Integer> proxyPort(String name) {
        TcpTunnelProxy p = proxies.byName(name);
        return p == null || p.port == 0 ? Optional.empty() : Optional.of(p.port);
    }

    /** Run ids of logged-in clients. */
    public Set<String> runIds() {
        return Set.copyOf(controls.keySet());
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        controls.values().forEach(c -> c.close("server shutting down"));
        connections.close().awaitUninterruptibly(5, java.util.concurrent.TimeUnit.SECONDS);
        if (ownGroup) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    // ---- TunnelStreams ----

    @Override
    public CompletableFuture<Channel> openStream(String proxyName, InetSocketAddress source) {
        TcpTunnelProxy p = proxies.byName(requireNonNull(proxyName, "proxyName"));
        return open(p, "proxy [" + proxyName + "]", source);
    }

    @Override
    public CompletableFuture<Channel> openStream(int remotePort, InetSocketAddress source) {
        return open(proxies.byPort(remotePort), "port [" + remotePort + "]", source);
    }

    private CompletableFuture<Channel> open(TcpTunnelProxy p, String what, InetSocketAddress source) {
        if (p == null || p.port == 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(what + " is not registered"));
        }
        InetSocketAddress src = source != null ? source : new InetSocketAddress("127.0.0.1", 0);
        return p.connect(src, new InetSocketAddress(config.proxyBindAddress(), p.port), 0);
    }

    // ---- package-private plumbing ----

    ChannelHandler streamInitializer() {
        return streamInitializer;
    }

    YamuxSession.Listener sessionListener() {
        return sessionListener;
    }

    void installStreamPipeline(ChannelPipeline p, String after, boolean mux) {
        if (after == null) {
            p.addLast("frp-decoder", FrpFrameDecoder.firstMessageOnly());
        } else {
            p.addAfter(after, "frp-decoder", FrpFrameDecoder.firstMessageOnly());
        }
        p.addAfter("frp-decoder", "frp-encoder", FrpFrameEncoder.INSTANCE);
        p.addAfter("frp-encoder", "role", new StreamRoleDispatcher(this, mux));
    }

    void closeConnection(Channel ch, String reason) {
        logClose(ch, reason);
        ch.close();
    }

    /** The one line logged for a connection or stream the server ends. */
    void logClose(Channel ch, String reason) {
        LOG.info("frp connection {} closed: {}", describe(ch), reason);
    }

    private static String describe(Channel ch) {
        return ch instanceof YamuxStreamChannel s ? s.parent().remoteAddress() + " stream " + s.streamId()
                : String.valueOf(ch.remoteAddress());
    }

    /** The TCP (or TLS) connection under a stream; the channel itself without mux. */
    static Channel transportOf(Channel ch) {
        return ch instanceof YamuxStreamChannel ? ch.parent() : ch;
    }

    void login(ChannelHandlerContext ctx, FrpMessage.Login login, boolean mux) {
        Channel ch = ctx.channel();
        InetSocketAddress addr = (InetSocketAddress) transportOf(ch).remoteAddress();
        String reject;
        try {
            reject = hook.check(addr, login);
        } catch (RuntimeException e) {
            LOG.warn("frp login hook failed for {}: {}", addr, e.toString());
            reject = "login check failed";
        }
        if (reject != null) {
            failLogin(ctx, addr, "rejected", reject, false);
            return;
        }
        if (!FrpAuth.verifyPrivilegeKey(config.token(), login.timestamp(), login.privilegeKey())) {
            failLogin(ctx, addr, "token", "token in login doesn't match token from configuration", true);
            return;
        }
        if (config.sharedKey() != null
                && !FrpAuth.constantTimeEquals(login.metas().get("token"), config.sharedKey())) {
            failLogin(ctx, addr, "shared_key", "invalid metas.token", true);
            return;
        }
        String runId = login.runId() != null && !login.runId().isEmpty() ? login.runId() : newRunId();
        ClientControl old = controls.remove(runId);
        if (old != null) {
            old.close("replaced by a new login with the same run id");
        }
        int pool = Math.min(Math.max(login.poolCount(), 0), config.maxPoolCount());
        ClientControl control = new ClientControl(this, runId, ch, mux, pool, addr);
        controls.put(runId, control);
        metrics.clients.incrementAndGet();
        ctx.writeAndFlush(new FrpMessage.LoginResp(config.serverVersion(), runId, null));
        // From here on every byte of the control stream is AES-128-CFB (spec/frp-wire.md §8.1).
        ChannelPipeline p = ch.pipeline();
        p.addBefore("frp-decoder", "cfb-encrypt", new CfbEncryptHandler(key));
        p.addAfter("frp-decoder", "cfb-decrypt", new CfbDecryptHandler(key));
        p.addAfter("cfb-decrypt", "frp-control-decoder", new FrpFrameDecoder());
        p.replace("role", "control", new ControlHandler(control, mux));
        p.remove("frp-decoder");
        LOG.info("frp client login: ip [{}] version [{}] hostname [{}] os [{}] arch [{}] run id [{}]", addr,
                login.version(), login.hostname(), login.os(), login.arch(), runId);
        try {
            hook.succeeded(addr, runId);
        } catch (RuntimeException e) {
            LOG.warn("frp login hook failed for {}: {}", addr, e.toString());
        }
        control.start();
    }

    private void failLogin(ChannelHandlerContext ctx, InetSocketAddress addr, String reason, String detail,
            boolean countFailure) {
        metrics.loginFailure(reason);
        if (countFailure) {
            try {
                hook.failed(addr, reason);
            } catch (RuntimeException e) {
                LOG.warn("frp login hook failed for {}: {}", addr, e.toString());
            }
        }
        LOG.info("frp login from {} rejected: {}", addr, detail);
        Channel ch = ctx.channel();
        ctx.writeAndFlush(new FrpMessage.LoginResp(config.serverVersion(), null, detail)).addListener(f -> {
            ch.close();
            transportOf(ch).close();
        });
    }

    void workConn(ChannelHandlerContext ctx, FrpMessage.NewWorkConn w) {
        Channel ch = ctx.channel();
        ClientControl c = w.runId() == null ? null : controls.get(w.runId());
        if (c == null) {
            LOG.info("frp work connection {} refused: no client control found for run id [{}]", describe(ch),
                    w.runId());
            ctx.writeAndFlush(new FrpMessage.StartWorkConn(null, null, null, 0, 0,
                    "no client control found for run id [" + w.runId() + "]"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (config.authScopes().contains(AuthScope.NEW_WORK_CONNS)
                && !FrpAuth.verifyPrivilegeKey(config.token(), w.timestamp(), w.privilegeKey())) {
            metrics.loginFailure("work_conn_token");
            LOG.info("frp work connection {} refused: token in NewWorkConn doesn't match", describe(ch));
            ctx.writeAndFlush(new FrpMessage.StartWorkConn(null, null, null, 0, 0,
                    "token in NewWorkConn doesn't match token from configuration"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Parked streams do not read: the peer's window, not our memory, holds anything it sends early.
        ch.config().setAutoRead(false);
        if (!c.offer(ch)) {
            LOG.info("frp work connection {} refused: pool full for run id [{}]", describe(ch), w.runId());
            ctx.writeAndFlush(new FrpMessage.StartWorkConn(null, null, null, 0, 0, "work connection pool is full"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Sends StartWorkConn on a pooled work stream and installs the proxy's codecs; auto-read stays off. */
    CompletableFuture<Channel> startWork(Channel work, TcpTunnelProxy proxy, InetSocketAddress src,
            InetSocketAddress dst) {
        CompletableFuture<Channel> f = new CompletableFuture<>();
        work.eventLoop().execute(() -> {
            if (!work.isActive() || work.pipeline().get("role") == null) {
                f.completeExceptionally(new DeadWorkConnException());
                return;
            }
            ChannelPipeline p = work.pipeline();
            work.writeAndFlush(new FrpMessage.StartWorkConn(proxy.name, hostString(src), hostString(dst),
                    src.getPort(), dst.getPort(), null));
            p.remove("role");
            p.remove("frp-encoder");
            WorkStreamCodecs.install(p, key, proxy.useEncryption, proxy.useCompression);
            p.remove("frp-decoder");
            metrics.streams.incrementAndGet();
            metrics.streamsOpened.increment();
            work.closeFuture().addListener(x -> metrics.streams.decrementAndGet());
            f.complete(work);
        });
        return f;
    }

    private static String hostString(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    /** Binds a proxy's listener; completes with the port or fails with the error text for NewProxyResp. */
    CompletableFuture<Integer> bindProxy(TcpTunnelProxy p) {
        return proxies.bind(p);
    }

    void unbindProxy(TcpTunnelProxy p) {
        proxies.unbind(p);
    }

    /** Called once per control (ClientControl.close is idempotent); it may already be replaced in the map. */
    void controlClosed(ClientControl c) {
        controls.remove(c.runId(), c);
        metrics.clients.decrementAndGet();
    }

    /** The cause behind CompletableFuture's wrappers (or null). */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String newRunId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
