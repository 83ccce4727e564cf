package io.harpoon.engines.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.harpoon.engines.transport.NettyDockerHttpClient;
import io.harpoon.engines.transport.StreamDialer;
import io.harpoon.tunnel.api.ProxyListener;
import io.harpoon.tunnel.api.TunnelStreams;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Docker engine the gateway can reach, keyed by the port AppAPI names it with ({@code docker-engine-port}):
 * the bundled local engine on {@value #LOCAL_PORT} (HaRP's bundled frpc, here served in-process from the socket,
 * spec §16 Q26) and each remote engine whose frpc binds a port in 24001-24099 through the tunnel (§13).
 *
 * <pre>
 *  frpc proxy bound (port) ──► register ──► probe: _ping (Api-Version) ─► /info ─► inventory ─► UP ─► listeners
 *  frpc proxy unbound      ──► DOWN ─► listeners          every pingInterval: probe all (UP ⇄ DOWN)
 * </pre>
 *
 * Metrics per engine (tag {@code engine} = port): {@code harpoon_engine_up}, {@code harpoon_engine_cpus},
 * {@code harpoon_engine_memory_bytes}, {@code harpoon_engine_gpus}.
 */
public final class EngineRegistry implements ProxyListener, AutoCloseable {
    public static final int LOCAL_PORT = 24000;
    public static final int MIN_PORT = 24000;
    public static final int MAX_PORT = 24099;
    private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Dial and answer limits for engine calls, how often liveness is checked, and which device nodes to probe on
     * connect ({@link DeviceProbe}; empty = no probe).
     */
    public record Settings(Duration connectTimeout, Duration responseTimeout, Duration pingInterval,
            List<String> probeDevices) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(120),
                Duration.ofSeconds(10), DeviceProbe.NODES);

        public Settings {
            probeDevices = List.copyOf(probeDevices);
        }

        /** Without a device probe. */
        public Settings(Duration connectTimeout, Duration responseTimeout, Duration pingInterval) {
            this(connectTimeout, responseTimeout, pingInterval, List.of());
        }
    }

    private final Settings settings;
    private final InventoryOverrides overrides;
    private final MeterRegistry meters;
    private final Map<Integer, Engine> engines = new ConcurrentHashMap<>();
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pinger;
    private volatile TunnelStreams tunnel;

    public EngineRegistry(Settings settings, InventoryOverrides overrides, MeterRegistry meters) {
        this.settings = requireNonNull(settings, "settings");
        this.overrides = requireNonNull(overrides, "overrides");
        this.meters = requireNonNull(meters, "meters");
        this.pinger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("harpoon-engines")
                .factory());
        long every = settings.pingInterval().toMillis();
        pinger.scheduleWithFixedDelay(this::probeAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** The bundled local engine on {@value #LOCAL_PORT}, e.g. {@code /var/run/docker.sock} or {@code DOCKER_HOST}. */
    public Engine addLocal(StreamDialer dialer, String source) {
        return register(LOCAL_PORT, "local", source, dialer);
    }

    /**
     * An engine on a fixed port reached by {@code dialer} (an embedding application's own engines, tests with a
     * second dockerd); tunnelled engines register themselves through {@link #proxyBound}.
     */
    public Engine addStatic(int port, String name, StreamDialer dialer, String source) {
        if (port < MIN_PORT || port > MAX_PORT || engines.containsKey(port)) {
            throw new IllegalArgumentException("port: " + port + " (expected: a free port in " + MIN_PORT + ".."
                    + MAX_PORT + ")");
        }
        return register(port, name, source, dialer);
    }

    /** Remote engines come from this tunnel's proxies on 24001-24099 (register as its {@link ProxyListener}). */
    public void attach(TunnelStreams streams) {
        this.tunnel = requireNonNull(streams, "streams");
    }

    public void addListener(EngineListener l) {
        listeners.add(requireNonNull(l, "l"));
    }

    public Optional<Engine> engine(int port) {
        return Optional.ofNullable(engines.get(port));
    }

    public List<Engine> engines() {
        return engines.values().stream().sorted(Comparator.comparingInt(Engine::port)).toList();
    }

    public List<EngineView> views() {
        return engines().stream().map(Engine::view).toList();
    }

    @Override
    public void proxyBound(String name, int port, String runId) {
        TunnelStreams t = tunnel;
        if (port < MIN_PORT || port > MAX_PORT || t == null) {
            return;
        }
        Engine known = engines.get(port);
        if (known != null && known.source().startsWith("tunnel")) {
            known.rename(name);
            Thread.ofVirtual().start(() -> probe(known));
            return;
        }
        if (known != null) {
            LOG.warn("frpc proxy {} asked for port {}, which the local engine serves; ignored", name, port);
            return;
        }
        register(port, name, "tunnel proxy " + name, () -> t.openStream(port));
    }

    @Override
    public void proxyUnbound(String name, int port, String runId) {
        Engine e = engines.get(port);
        if (e != null && e.source().startsWith("tunnel") && e.down("tunnel disconnected (frpc proxy " + name + " gone)")) {
            LOG.warn("Docker engine on port {} ({}) lost: its frpc disconnected", port, name);
            listeners.forEach(l -> l.engineDown(e.view()));
        }
    }

    private Engine register(int port, String name, String source, StreamDialer dialer) {
        Engine e = new Engine(port, name, source, dialer, new NettyDockerHttpClient(dialer, settings.connectTimeout(),
                settings.responseTimeout()));
        engines.put(port, e);
        Tags tags = Tags.of("engine", Integer.toString(port));
        Gauge.builder("harpoon_engine_up", e, x -> x.status() == Engine.Status.UP ? 1 : 0).tags(tags)
                .description("1 while the engine answers _ping").register(meters);
        Gauge.builder("harpoon_engine_cpus", e, x -> x.inventory().cpus()).tags(tags).register(meters);
        Gauge.builder("harpoon_engine_memory_bytes", e, x -> x.inventory().memoryBytes()).tags(tags).register(meters);
        Gauge.builder("harpoon_engine_gpus", e, x -> x.inventory().gpus().size()).tags(tags).register(meters);
        LOG.info("Docker engine on port {}: {}", port, source);
        Thread.ofVirtual().name("engine-probe-" + port).start(() -> probe(e));
        return e;
    }

    /** Probes every engine now (also run every {@code pingInterval}). */
    public void probeAll() {
        engines.values().forEach(e -> Thread.ofVirtual().start(() -> probe(e)));
    }

    /** Ping, then (re)read the inventory; updates status and tells listeners about a change. Blocking. */
    public void probe(Engine e) {
        try {
            ApiVersion max = ping(e);
            Inventory base = InventoryProbe.fromInfo(getJson(e, "/info"));
            boolean changed = e.up(max, inventory(e, base));
            if (e.probedNodes() == null && !settings.probeDevices().isEmpty()) {
                try {
                    e.probedNodes(DeviceProbe.probe(e.docker(), settings.probeDevices()));
                } catch (RuntimeException ex) {
                    LOG.warn("device probe on engine {} ({}) failed, device nodes unknown: {}", e.port(), e.name(),
                            ex.toString());
                    e.probedNodes(List.of());
                }
                e.up(max, inventory(e, base));
            }
            if (changed) {
                Inventory inv = e.inventory();
                LOG.info("Docker engine on port {} ({}) up: Docker {}, API {}, {} CPUs, {} MiB, runtimes {}, {} GPUs, "
                        + "devices {}", e.port(), e.name(), inv.serverVersion(), max == null ? "unknown" : max,
                        inv.cpus(), inv.memoryBytes() >> 20, inv.runtimes(), inv.gpus().size(), inv.deviceNodes());
                listeners.forEach(l -> l.engineUp(e.view()));
            }
        } catch (RuntimeException | IOException ex) {
            String reason = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            if (e.down(reason)) {
                LOG.warn("Docker engine on port {} ({}) down: {}", e.port(), e.name(), reason);
                listeners.forEach(l -> l.engineDown(e.view()));
            }
        }
    }

    /** /info, plus probed device nodes (and NVIDIA GPUs they imply when nothing better is known), plus declarations. */
    private Inventory inventory(Engine e, Inventory base) {
        List<String> nodes = e.probedNodes() == null ? List.of() : e.probedNodes();
        Inventory probed = new Inventory(base.serverVersion(), base.operatingSystem(), base.cpus(),
                base.memoryBytes(), base.runtimes(), base.cdiDevices(),
                base.gpus().isEmpty() ? DeviceProbe.gpus(nodes) : base.gpus(), nodes, base.fpgas(), base.labels(),
                false);
        return overrides.apply(e.port(), e.name(), probed);
    }

    private static ApiVersion ping(Engine e) throws IOException {
        try (DockerHttpClient.Response r = e.http().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/_ping").build())) {
            String body = new String(r.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (r.getStatusCode() != 200) {
                throw new IOException("_ping answered " + r.getStatusCode() + " " + body.strip());
            }
            String v = r.getHeader("Api-Version");
            return v == null ? null : ApiVersion.parse(v); // unknown: no negotiation, unversioned typed calls
        }
    }

    private static JsonNode getJson(Engine e, String path) throws IOException {
        try (DockerHttpClient.Response r = e.http().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build());
                InputStream in = r.getBody()) {
            if (r.getStatusCode() != 200) {
                throw new IOException(path + " answered " + r.getStatusCode());
            }
            return JSON.readTree(in);
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
    }
}
