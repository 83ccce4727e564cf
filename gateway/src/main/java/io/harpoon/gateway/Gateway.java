package io.harpoon.gateway;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.admin.AdminServer;
import io.harpoon.gateway.admin.GatewayMetrics;
import io.harpoon.gateway.admin.Watchdog;
import io.harpoon.gateway.config.ConfigException;
import io.harpoon.gateway.config.GatewayConfig;
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
import io.harpoon.gateway.upstream.DefaultUpstreamConnector;
import io.harpoon.gateway.upstream.TunnelStreams;
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

/**
 * One running gateway: HTTP (8780), HTTPS (8781, if {@code $HP_CERTS_DIR/cert.pem} exists), internal control
 * (8200) and admin listeners, wired to Nextcloud (or the standalone file) and to the tunnel.
 *
 * <pre>
 *   client ─► GatewayServer ─► Router ─► MetadataStore ─► NextcloudApi
 *                  │              └────► UserLookup ───┘
 *                  └─► UpstreamConnector ─► direct TCP | TunnelStreams (frp, 127.0.0.1:23000-24099)
 * </pre>
 */
public final class Gateway implements AutoCloseable {
    /** Implementation version reported as {@code "harpoon"} by {@code /info}. */
    public static final String VERSION = Optional.ofNullable(Gateway.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");
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
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private ScheduledExecutorService watchdogScheduler;
    private Watchdog watchdog;

    private Gateway(GatewayConfig config, EventLoopGroup group, ExecutorService resolver, GatewayServer server,
            AdminServer admin, MetadataStore metadata, BanList bans, GatewayMetrics metrics) {
        this.config = config;
        this.group = group;
        this.resolver = resolver;
        this.server = server;
        this.admin = admin;
        this.metadata = metadata;
        this.bans = bans;
        this.metrics = metrics;
    }

    /** Starts with the Nextcloud (or standalone) source named by the configuration. */
    public static Gateway start(GatewayConfig config, TunnelStreams tunnel) throws Exception {
        return start(config, nextcloudFor(config), tunnel);
    }

    public static Gateway start(GatewayConfig config, NextcloudApi nextcloud, TunnelStreams tunnel) throws Exception {
        requireNonNull(config, "config");
        requireNonNull(nextcloud, "nextcloud");
        requireNonNull(tunnel, "tunnel");
        BanList bans = new BanList(config.blacklistCount(), config.blacklistWindow(), System::nanoTime);
        GatewayMetrics metrics = new GatewayMetrics(bans);
        MetadataStore metadata = new MetadataStore(nextcloud, System::nanoTime, config.metaTtlSeconds());
        UserLookup users = new UserLookup(nextcloud, config.sessionLifetime(), System::nanoTime);
        Router router = new Router(config.sharedKey(), new ClientAddresses(config.trustedProxies()), bans, metadata,
                users, config.forwardClientIp(), config.routeMethodCheck());
        ControlPlane control = new ControlPlane(config.sharedKey(), metadata, bans, config.k8sEnabled(), VERSION);
        ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();
        DefaultUpstreamConnector connector = new DefaultUpstreamConnector(tunnel, resolver, System::nanoTime);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        File pem = config.certsDir().resolve("cert.pem").toFile();
        GatewayServer server = null;
        try {
            server = GatewayServer.start(group, new GatewayServer.Settings(config.exappsAddress(),
                    Optional.of(config.exappsHttpsAddress()), pem.isFile() ? Optional.of(pem) : Optional.empty(),
                    config.controlAddress(), config.timeoutConnect(), config.timeoutClient(), config.timeoutServer(),
                    config.timeoutTunnel()), router, control, connector, bans, metrics);
            GatewayServer s = server;
            AdminServer admin = AdminServer.start(group, config.adminAddress(), metrics, s::healthy);
            Gateway gw = new Gateway(config, group, resolver, server, admin, metadata, bans, metrics);
            if (config.watchdogEnabled()) {
                gw.startWatchdog();
            }
            return gw;
        } catch (Exception e) {
            if (server != null) {
                server.close();
            }
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
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        resolver.shutdownNow();
    }
}
