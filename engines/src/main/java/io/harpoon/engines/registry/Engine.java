package io.harpoon.engines.registry;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import io.harpoon.engines.transport.EngineUnavailableException;
import io.harpoon.engines.transport.NettyDockerHttpClient;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Docker engine as the gateway knows it: the port AppAPI names it by ({@code docker-engine-port}), where it is
 * ({@code source}), whether it answers, its API version and inventory. Mutable state is volatile and replaced as a
 * whole by the registry's probe; readers see a consistent {@link EngineView} via {@link #view()}.
 */
public final class Engine {
    /** Liveness as the last {@code _ping} saw it. */
    public enum Status { CONNECTING, UP, DOWN }

    private final int port;
    private final String source;
    private final NettyDockerHttpClient http;
    private final io.harpoon.engines.transport.StreamDialer dialer;
    private final AtomicBoolean downgradeLogged = new AtomicBoolean();
    private volatile String name;
    private volatile Status status = Status.CONNECTING;
    private volatile String lastError = "";
    private volatile Instant since = Instant.now();
    private volatile ApiVersion maxApi;
    private volatile Inventory inventory = Inventory.UNKNOWN;
    private volatile DockerClient client;
    /** Device nodes found by {@link DeviceProbe} since the last connect; null = not probed yet. */
    private volatile java.util.List<String> probedNodes;

    Engine(int port, String name, String source, io.harpoon.engines.transport.StreamDialer dialer,
            NettyDockerHttpClient http) {
        this.dialer = requireNonNull(dialer, "dialer");
        this.port = port;
        this.name = requireNonNull(name, "name");
        this.source = requireNonNull(source, "source");
        this.http = requireNonNull(http, "http");
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public Status status() {
        return status;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The engine's maximum API version, once a {@code _ping} answered. */
    public java.util.Optional<ApiVersion> maxApiVersion() {
        return java.util.Optional.ofNullable(maxApi);
    }

    /** Opens a raw byte stream to the engine's API (the gateway's pass-through relays HTTP over it). */
    public io.harpoon.engines.transport.StreamDialer dialer() {
        return dialer;
    }

    /** Raw HTTP to the engine (pass-through, probes); a new stream per request. */
    public NettyDockerHttpClient http() {
        return http;
    }

    /**
     * docker-java bound to the negotiated API version.
     *
     * @throws EngineUnavailableException before the first successful probe, or while the engine is down
     */
    public DockerClient docker() {
        DockerClient c = client;
        if (c == null || status == Status.DOWN) {
            throw new EngineUnavailableException("Docker engine on port " + port + " (" + name + ") is "
                    + status.name().toLowerCase(java.util.Locale.ROOT) + (lastError.isEmpty() ? "" : ": " + lastError));
        }
        return c;
    }

    /** True exactly once per engine: the first time a request had to be downgraded (logged once). */
    public boolean firstDowngrade() {
        return downgradeLogged.compareAndSet(false, true);
    }

    public EngineView view() {
        return new EngineView(port, name, source, status, lastError, since, maxApi == null ? "" : maxApi.toString(),
                maxApi == null ? "" : ApiVersion.negotiate(maxApi).toString(), inventory);
    }

    java.util.List<String> probedNodes() {
        return probedNodes;
    }

    void probedNodes(java.util.List<String> nodes) {
        this.probedNodes = java.util.List.copyOf(nodes);
    }

    void rename(String newName) {
        this.name = requireNonNull(newName, "newName");
    }

    /**
     * @param max the engine's maximum API version, or null when its {@code _ping} did not say (typed calls then
     *     go unversioned, and pass-through paths are never rewritten)
     * @return true when the status changed
     */
    boolean up(ApiVersion max, Inventory inv) {
        if (client == null || !java.util.Objects.equals(max, maxApi)) {
            RemoteApiVersion v = max == null ? RemoteApiVersion.UNKNOWN_VERSION
                    : RemoteApiVersion.create(ApiVersion.negotiate(max).major(), ApiVersion.negotiate(max).minor());
            DefaultDockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost("unix:///var/run/docker.sock") // unused: the transport dials
                    .withApiVersion(v)
                    .withDockerTlsVerify(false)
                    .build();
            client = DockerClientImpl.getInstance(cfg, http);
        }
        maxApi = max;
        inventory = inv;
        lastError = "";
        return set(Status.UP);
    }

    /** @return true when the status changed */
    boolean down(String reason) {
        lastError = requireNonNull(reason, "reason");
        probedNodes = null; // the host may come back with other hardware
        return set(Status.DOWN);
    }

    private boolean set(Status s) {
        if (status == s) {
            return false;
        }
        status = s;
        since = Instant.now();
        return true;
    }
}
