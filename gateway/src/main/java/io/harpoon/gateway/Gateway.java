package io.harpoon.gateway;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.admin.AdminServer;
import io.harpoon.gateway.admin.GatewayMetrics;
import io.harpoon.gateway.admin.Watchdog;
import io.harpoon.gateway.config.ConfigException;
import io.harpoon.gateway.config.FrpsToml;
import io.harpoon.gateway.config.GatewayConfig;
import io.harpoon.gateway.engines.EngineStreams;
import io.harpoon.gateway.engines.EngineWiring;
import io.harpoon.gateway.exapp.MetadataStore;
import io.harpoon.gateway.exapp.NextcloudApi;
import io.harpoon.gateway.exapp.NextcloudHttpClient;
import io.harpoon.gateway.exapp.StandaloneNextcloud;
import io.harpoon.gateway.exapp.UserLookup;
import io.harpoon.gateway.http.GatewayServer;
import io.harpoon.gateway.routing.ControlPlane;
import io.harpoon.gateway.routing.Router;
import io.harpoon.gateway.security.BanList;
import io.harpoon.gateway.security.ClientAddresses;
import io.harpoon.gateway.security.FrpLoginHook;
import io.harpoon.gateway.upstream.DefaultUpstreamConnector;
import io.harpoon.gateway.upstream.TunnelListeners;
import io.harpoon.gateway.upstream.TunnelStreams;
import io.harpoon.tunnel.certs.HarpCertificates;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.server.TunnelServer;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * One running gateway: FRP server (8782), HTTP (8780), HTTPS (8781, if {@code $HP_CERTS_DIR/cert.pem} exists),
 * internal control (8200) and admin listeners, wired to Nextcloud (or the standalone file) and to the tunnel.
 * The FRP port opens first, so that frpc logins are checked by the same ban list before any HTTP traffic (spec §2
 * steps 6 and 8); its meters share the admin {@code /metrics} registry.
 *
 * <pre>
 *   client ─► GatewayServer ─► Router ─► MetadataStore ─► NextcloudApi
 *                  │              └────► UserLookup ───┘
 *                  ├─► UpstreamConnector ─► direct TCP (exapp_direct, manual installs)
 *                  ├─► TunnelServer.openStream(port) ─► yamux stream ─► frpc ─► ExApp / remote engine
 *                  │     (FRP mode: 127.0.0.1:23000-24099, in-process, no loopback hop)
 *                  └─► /docker/exapp/* ─► EngineWiring ─► EngineRegistry ─► docker-java ─► engine
 *                        (24000: local socket in-process; 24001-24099: tunnel streams)
 *   frpc ─► TunnelServer (8782) ─► FrpLoginHook ─► BanList (shared with HTTP)
 * </pre>
 */
public final class Gateway implements AutoCloseable {
    /** Implementation version reported as {@code "harpoon"} by {@code /info}. */
    public static final String VERSION = Optional.ofNullable(Gateway.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Gateway.class);
    /** HaRP's health check and watchdog probe timeout. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final GatewayConfig config;
    private final EventLoopGroup group;
    private final ExecutorService resolver;
    private final GatewayServer server;
    private final AdminServer admin;
    private final MetadataStore metadata;
    private final BanList bans;
    private final GatewayMetrics metrics;
    private final TunnelServer tunnel;
    private final EngineWiring engines;
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private ScheduledExecutorService watchdogScheduler;
    private Watchdog watchdog;

    private Gateway(GatewayConfig config, EventLoopGroup group, ExecutorService resolver, GatewayServer server,
            AdminServer admin, MetadataStore metadata, BanList bans, GatewayMetrics metrics, TunnelServer tunnel,
            EngineWiring engines) {
        this.engines = engines;
        this.config = config;
        this.group = group;
        this.resolver = resolver;
        this.server = server;
        this.admin = admin;
        this.metadata = metadata;
        this.bans = bans;
        this.metrics = metrics;
        this.tunnel = tunnel;
    }

    /**
     * {@code harpoon gateway}: the built-in FRP server with HaRP's settings (§11.1: mTLS with {@code
     * $HP_CERTS_DIR/frp}, generated when missing, unless {@code HP_FRP_DISABLE_TLS}; ports 23000-23999 and
     * 24000-24099; one port per client; {@code metas.token} = shared key) serves FRP-mode ExApps.
     */
    public static Gateway start(GatewayConfig config) throws Exception {
        return startWithTunnel(config, nextcloudFor(config), UnaryOperator.identity());
    }

    /** As {@link #start(GatewayConfig)} with {@code adjust} applied to HaRP's FRP server settings. */
    public static Gateway startWithTunnel(GatewayConfig config, UnaryOperator<TunnelServerConfig> adjust)
            throws Exception {
        return startWithTunnel(config, nextcloudFor(config), adjust);
    }

    /**
     * As {@link #start(GatewayConfig)} with {@code adjust} applied to HaRP's FRP server settings (tests narrow the
     * allowed ports or shorten timeouts).
     */
    public static Gateway startWithTunnel(GatewayConfig config, NextcloudApi nextcloud,
            UnaryOperator<TunnelServerConfig> adjust) throws Exception {
        return start(config, nextcloud, null, requireNonNull(adjust, "adjust"));
    }

    /** HaRP's frps settings from the gateway configuration; creates {@code $HP_CERTS_DIR/frp} when TLS is on. */
    static TunnelServerConfig frpSettings(GatewayConfig config) throws javax.net.ssl.SSLException {
        SslContext tls = null;
        if (!config.frpDisableTls()) {
            java.nio.file.Path dir = config.certsDir().resolve("frp");
            HarpCertificates.ensure(dir, config.frpCertValidityDays());
            tls = TunnelTls.harpServer(dir);
        }
        InetSocketAddress bind = config.frpAddress().isUnresolved()
                ? new InetSocketAddress(config.frpAddress().getHostString(), config.frpAddress().getPort())
                : config.frpAddress();
        TunnelServerConfig harp = TunnelServerConfig.harp(bind, config.sharedKey().value(), tls);
        java.nio.file.Path mounted = config.harpConfigDir().resolve("frps.toml");
        for (String ignored : java.util.List.of("haproxy.cfg", "frpc-docker.toml")) {
            if (java.nio.file.Files.exists(config.harpConfigDir().resolve(ignored))) {
                LOG.warn("{} is ignored: Harpoon has no HAProxy and serves the local Docker socket in-process "
                        + "(spec §16 Q26/Q27)", config.harpConfigDir().resolve(ignored));
            }
        }
        if (!java.nio.file.Files.isRegularFile(mounted)) {
            return harp;
        }
        LOG.warn("{} found: its bindAddr/bindPort, proxyBindAddr, allowPorts, maxPortsPerClient and transport.tls.* "
                + "replace HaRP's FRP settings (spec §16 Q27)", mounted);
        return FrpsToml.load(mounted).apply(harp);
    }

    /** Starts with the Nextcloud (or standalone) source named by the configuration. */
    public static Gateway start(GatewayConfig config, TunnelStreams tunnel) throws Exception {
        return start(config, nextcloudFor(config), tunnel);
    }

    /** Without a built-in FRP server: FRP-mode targets go to {@code tunnel} (tests, external frps). */
    public static Gateway start(GatewayConfig config, NextcloudApi nextcloud, TunnelStreams tunnel) throws Exception {
        return start(config, nextcloud, requireNonNull(tunnel, "tunnel"), null);
    }

    private static Gateway start(GatewayConfig config, NextcloudApi nextcloud, TunnelStreams external,
            UnaryOperator<TunnelServerConfig> frp) throws Exception {
        requireNonNull(config, "config");
        requireNonNull(nextcloud, "nextcloud");
        BanList bans = new BanList(config.blacklistCount(), config.blacklistWindow(), System::nanoTime);
        GatewayMetrics metrics = new GatewayMetrics(bans);
        MetadataStore metadata = new MetadataStore(nextcloud, System::nanoTime, config.metaTtlSeconds());
        UserLookup users = new UserLookup(nextcloud, config.sessionLifetime(), System::nanoTime);
        ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        EngineWiring engines;
        try {
            engines = EngineWiring.create(config, group, metrics.registry());
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            resolver.shutdownNow();
            throw e;
        }
        Router router = new Router(config.sharedKey(), new ClientAddresses(config.trustedProxies()), bans, metadata,
                users, config.forwardClientIp(), config.routeMethodCheck(), engines.routes());
        ControlPlane control = new ControlPlane(config.sharedKey(), metadata, bans, config.k8sEnabled(), VERSION,
                engines.control());
        File pem = config.certsDir().resolve("cert.pem").toFile();
        GatewayServer server = null;
        TunnelServer frps = null;
        try {
            TunnelStreams tunnel = external;
            if (frp != null) {
                TunnelServerConfig settings = frp.apply(engines.adjust(frpSettings(config)));
                frps = new TunnelServer(settings, new FrpLoginHook(bans), metrics.registry(), group);
                TunnelListeners listeners = new TunnelListeners(settings.proxyBindAddress());
                frps.addProxyListener(listeners);
                engines.attach(frps);
                frps.start();
                tunnel = listeners; // only for code paths without in-process streams
            }
            DefaultUpstreamConnector connector = new DefaultUpstreamConnector(tunnel, resolver, System::nanoTime);
            server = GatewayServer.start(group, new GatewayServer.Settings(config.exappsAddress(),
                    Optional.of(config.exappsHttpsAddress()), pem.isFile() ? Optional.of(pem) : Optional.empty(),
                    config.controlAddress(), config.timeoutConnect(), config.timeoutClient(), config.timeoutServer(),
                    config.timeoutTunnel()), router, control, connector,
                    Optional.ofNullable(frps).map(f -> new EngineStreams(f, engines.registry())), bans, metrics);
            GatewayServer s = server;
            AdminServer admin = AdminServer.start(group, config.adminAddress(), metrics, s::healthy, engines::json);
            Gateway gw = new Gateway(config, group, resolver, server, admin, metadata, bans, metrics, frps, engines);
            if (config.watchdogEnabled()) {
                gw.startWatchdog();
            }
            if (frps != null) {
                frps.listenerClosed().thenRun(() -> {
                    if (!gw.closed.get()) {
                        gw.fatal.complete("FRP server listener on " + config.frpAddress() + " closed unexpectedly");
                    }
                });
            }
            return gw;
        } catch (Exception e) {
            if (server != null) {
                server.close();
            }
            if (frps != null) {
                frps.close();
            }
            engines.close();
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            resolver.shutdownNow();
            throw e;
        }
    }

    static NextcloudApi nextcloudFor(GatewayConfig config) {
        if (config.nextcloudUrl().isPresent()) {
            return new NextcloudHttpClient(config.nextcloudUrl().get(), config.sharedKey());
        }
        if (config.exappsFile().isEmpty()) {
            return new StandaloneNextcloud(Map.of());
        }
        try {
            return StandaloneNextcloud.load(config.exappsFile().get());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ConfigException("HP_EXAPPS_FILE: " + config.exappsFile().get() + " (expected: readable JSON "
                    + "object of app id -> exapp-meta record: " + e.getMessage() + ")");
        }
    }

    private void startWatchdog() {
        HttpClient probeClient = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        URI heartbeat = URI.create("http://" + hostForUri(server.controlAddress()) + ":"
                + server.controlAddress().getPort() + "/heartbeat");
        watchdog = new Watchdog(config.watchdogFails(), () -> {
            if (!server.healthy()) {
                return false;
            }
            try {
                return probeClient.send(HttpRequest.newBuilder(heartbeat).timeout(PROBE_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> fatal.complete("watchdog: " + config.watchdogFails() + " consecutive failed probes"));
        watchdogScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "harpoon-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.start(watchdogScheduler, Duration.ofSeconds(config.watchdogIntervalSeconds()));
    }

    private static String hostForUri(InetSocketAddress a) {
        String h = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** SIGHUP: reload {@code $HP_CERTS_DIR/cert.pem} for new HTTPS connections without dropping open ones. */
    public void reload() throws javax.net.ssl.SSLException {
        server.reloadCertificate();
    }

    /** Completes with a reason when a core component failed irrecoverably; the command then exits 1. */
    public CompletableFuture<String> fatal() {
        return fatal;
    }

    public GatewayConfig config() {
        return config;
    }

    public InetSocketAddress httpAddress() {
        return server.httpAddress();
    }

    public Optional<InetSocketAddress> httpsAddress() {
        return server.httpsAddress();
    }

    public InetSocketAddress controlAddress() {
        return server.controlAddress();
    }

    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** The FRP server's bound address; empty when started with an external {@link TunnelStreams}. */
    public Optional<InetSocketAddress> frpAddress() {
        return Optional.ofNullable(tunnel).map(TunnelServer::localAddress);
    }

    /** The built-in FRP server, if any (proxy names, run ids, in-process streams). */
    public Optional<TunnelServer> tunnelServer() {
        return Optional.ofNullable(tunnel);
    }

    /** Docker engines: the local socket (24000) and tunnelled remote engines (24001-24099). */
    public io.harpoon.engines.registry.EngineRegistry engines() {
        return engines.registry();
    }

    public MetadataStore metadata() {
        return metadata;
    }

    public BanList bans() {
        return bans;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public boolean healthy() {
        return server.healthy();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (watchdog != null) {
            watchdog.close();
            watchdogScheduler.shutdownNow();
        }
        admin.close();
        server.close();
        engines.close(); // before the tunnel: its proxies going away at shutdown are no engine loss for the pool
        if (tunnel != null) {
            tunnel.close();
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        resolver.shutdownNow();
    }
}
