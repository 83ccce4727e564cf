package io.harpoon.tunnel.client;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import io.harpoon.tunnel.crypto.FrpAuth;
import io.harpoon.tunnel.mux.YamuxFrameDecoder;
import io.harpoon.tunnel.mux.YamuxSession;
import io.harpoon.tunnel.mux.YamuxStreamChannel;
import io.harpoon.tunnel.wire.FrpFrameDecoder;
import io.harpoon.tunnel.wire.FrpFrameEncoder;
import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java frpc (wire v1): logs in, registers tcp proxies, answers ReqWorkConn with work connections dialled to a local
 * TCP port or unix socket, and reconnects forever with frpc's backoff (1 s doubling to 20 s) and the previous run id.
 *
 * <pre>
 *  TCP [0x17] [TLS harp.nc] [yamux] -- stream 1: Login / LoginResp, then CFB control
 *                                    \- stream 3, 5, ...: NewWorkConn, StartWorkConn, then raw bytes
 * </pre>
 */
public final class TunnelClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelClient.class);

    /** What the client is doing. */
    public enum State { CONNECTING, LOGGED_IN, WAITING_TO_RECONNECT, STOPPED }

    private final TunnelClientConfig config;
    private final boolean ownGroup;
    private final EventLoopGroup group;
    private final byte[] key;
    private final Map<String, ProxySpec> proxies = new ConcurrentHashMap<>();
    private final Map<String, FrpMessage.NewProxyResp> registered = new ConcurrentHashMap<>();
    private final CompletableFuture<String> firstLogin = new CompletableFuture<>();
    private final Consumer<FrpMessage.NewProxyResp> proxyListener;
    private volatile State state = State.CONNECTING;
    private volatile String runId;
    private volatile Channel transport;
    private volatile boolean stopped;
    private volatile boolean everLoggedIn;
    private long backoffMillis;
    private volatile int logins;

    public TunnelClient(TunnelClientConfig config) {
        this(config, null, null);
    }

    /**
     * @param group event loops to share, or null for a private group closed with the client
     * @param proxyListener told about each NewProxyResp (success or error), or null
     */
    public TunnelClient(TunnelClientConfig config, EventLoopGroup group,
            Consumer<FrpMessage.NewProxyResp> proxyListener) {
        this.config = requireNonNull(config, "config");
        this.ownGroup = group == null;
        this.group = group != null ? group : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.key = FrpAuth.aesKey(config.token());
        this.proxyListener = proxyListener;
        this.backoffMillis = config.initialBackoff().toMillis();
        for (ProxySpec p : config.proxies()) {
            proxies.put(p.name(), p);
        }
    }

    /** Starts connecting; the future completes with the run id of the first successful login. */
    public CompletableFuture<String> start() {
        connect();
        return firstLogin;
    }

    public State state() {
        return state;
    }

    public String runId() {
        return runId;
    }

    /** Successful logins so far (1 + reconnects). */
    public int logins() {
        return logins;
    }

    /** The last NewProxyResp per proxy name in the current session. */
    public Map<String, FrpMessage.NewProxyResp> registeredProxies() {
        return Map.copyOf(registered);
    }

    /** Closes the connection without stopping: the client reconnects as after a network failure. */
    public void dropConnection() {
        Channel t = transport;
        if (t != null) {
            t.close();
        }
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        state = State.STOPPED;
        Channel t = transport;
        if (t != null) {
            t.close().syncUninterruptibly();
        }
        firstLogin.completeExceptionally(new IllegalStateException("client closed"));
        if (ownGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    // ---- connection ----

    private void connect() {
        if (stopped) {
            return;
        }
        state = State.CONNECTING;
        registered.clear();
        ChannelFuture f = bootstrap(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                addTransport(p);
                if (config.tcpMux()) {
                    p.addLast("yamux-decoder", new YamuxFrameDecoder());
                    p.addLast("yamux", new YamuxSession(config.yamux(), new RefuseStreams(), null));
                    p.addLast("opener", new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            YamuxSession.of(ctx.channel()).openStream(controlInitializer());
                            ctx.fireChannelActive();
                        }
                    });
                } else {
                    p.addLast("control-init", controlInitializer());
                }
            }
        });
        transport = f.channel();
        f.addListener(x -> {
            if (!x.isSuccess()) {
                LOG.info("frp client: connect to {} failed: {}", config.server(), x.cause().toString());
            }
        });
        f.channel().closeFuture().addListener(x -> scheduleReconnect());
    }

    private ChannelFuture bootstrap(ChannelHandler init) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(init)
                .connect(config.server());
    }

    private void addTransport(ChannelPipeline p) {
        if (config.tls() == null) {
            return;
        }
        if (config.customTlsFirstByte()) {
            p.addLast("tls-marker", new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x17}));
                    ctx.pipeline().remove(this);
                    ctx.fireChannelActive();
                }
            });
        }
        String host = config.serverName() != null ? config.serverName() : config.server().getHostString();
        p.addLast("tls", config.tls().newHandler(p.channel().alloc(), host, config.server().getPort()));
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        if (!everLoggedIn && config.loginFailExit() && firstLogin.isCompletedExceptionally()) {
            state = State.STOPPED;
            return;
        }
        state = State.WAITING_TO_RECONNECT;
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, config.maxBackoff().toMillis());
        LOG.info("frp client: reconnecting to {} in {} ms", config.server(), delay);
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Opens a new stream (mux) or connection (no mux) with the given pipeline. */
    private void openChannel(Channel transportNow, ChannelHandler init) {
        if (config.tcpMux()) {
            YamuxSession s = YamuxSession.of(transportNow);
            if (s != null) {
                s.openStream(init);
            }
        } else {
            bootstrap(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    addTransport(ch.pipeline());
                    ch.pipeline().addLast(init);
                }
            });
        }
    }

    private ChannelHandler controlInitializer() {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("frp-decoder", FrpFrameDecoder.firstMessageOnly());
                ch.pipeline().addLast("frp-encoder", FrpFrameEncoder.INSTANCE);
                ch.pipeline().addLast("login", new LoginHandler(TunnelClient.this));
            }
        };
    }

    FrpMessage.Login loginMessage() {
        long ts = System.currentTimeMillis() / 1000;
        return new FrpMessage.Login(config.version(), config.hostname(), "linux", "amd64", null,
                FrpAuth.privilegeKey(config.token(), ts), ts, runId, null, config.metas(), null,
                config.poolCount());
    }

    // ---- called by LoginHandler / ControlHandler on the control stream's event loop ----

    TunnelClientConfig config() {
        return config;
    }

    byte[] key() {
        return key;
    }

    Iterable<ProxySpec> proxySpecs() {
        return proxies.values();
    }

    void loginRefused(String error) {
        LOG.info("frp client: login to {} refused: {}", config.server(), error);
        if (!everLoggedIn) {
            firstLogin.completeExceptionally(new IllegalStateException("login refused: " + error));
        }
    }

    void loggedIn(String id) {
        runId = id;
        everLoggedIn = true;
        logins++;
        backoffMillis = config.initialBackoff().toMillis();
        state = State.LOGGED_IN;
        LOG.info("frp client: logged in to {} with run id [{}]", config.server(), id);
    }

    void proxiesSent() {
        firstLogin.complete(runId);
    }

    void proxyResponse(FrpMessage.NewProxyResp resp) {
        registered.put(resp.proxyName(), resp);
        if (resp.error() != null && !resp.error().isEmpty()) {
            LOG.info("frp client: proxy [{}] refused: {}", resp.proxyName(), resp.error());
        } else {
            LOG.info("frp client: proxy [{}] registered at {}", resp.proxyName(), resp.remoteAddr());
        }
        if (proxyListener != null) {
            proxyListener.accept(resp);
        }
    }

    void workConnRequested(Channel control) {
        openChannel(transportOf(control), workInitializer());
    }

    static Channel transportOf(Channel ch) {
        return ch instanceof YamuxStreamChannel ? ch.parent() : ch;
    }

    static void closeTransport(Channel ch) {
        transportOf(ch).close();
        ch.close();
    }

    private ChannelHandler workInitializer() {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("frp-decoder", FrpFrameDecoder.firstMessageOnly());
                ch.pipeline().addLast("frp-encoder", FrpFrameEncoder.INSTANCE);
                ch.pipeline().addLast("work", new WorkConnHandler(TunnelClient.this, key));
            }
        };
    }

    String currentRunId() {
        return runId;
    }

    ProxySpec proxy(String name) {
        return proxies.get(name);
    }

    EventLoopGroup group() {
        return group;
    }

    /** Rejects streams opened by the server: frps never opens any. */
    @ChannelHandler.Sharable
    private static final class RefuseStreams extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ((YamuxStreamChannel) ctx.channel()).reset();
        }
    }
}
