package io.harpoon.gateway.engines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.harpoon.engines.exapp.ExAppActions;
import io.harpoon.engines.registry.DeviceProbe;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.engines.registry.InventoryOverrides;
import io.harpoon.engines.transport.SocketDialer;
import io.harpoon.gateway.config.ConfigException;
import io.harpoon.gateway.config.GatewayConfig;
import io.harpoon.gateway.pool.Pool;
import io.harpoon.gateway.pool.PoolControl;
import io.harpoon.gateway.pool.PoolRouting;
import io.harpoon.gateway.routing.DockerControl;
import io.harpoon.gateway.routing.EngineRoutes;
import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.server.TunnelServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles the engine side of one gateway (an initializer in Netty's sense: no behaviour of its own): the
 * registry with the local engine and the tunnel's engines, the {@code /docker/exapp/*} actions, the scheduler's
 * pool on {@code HARPOON_POOL_PORT}, and the seams the router and control plane use.
 */
public final class EngineWiring implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EngineRegistry registry;
    private final ExAppActions actions;
    private final Pool pool;
    private final DockerControl control;
    private final EngineRoutes routes;

    private EngineWiring(EngineRegistry registry, ExAppActions actions, Pool pool, DockerControl control,
            EngineRoutes routes) {
        this.registry = registry;
        this.actions = actions;
        this.pool = pool;
        this.control = control;
        this.routes = routes;
    }

    public static EngineWiring create(GatewayConfig config, EventLoopGroup group, MeterRegistry meters) {
        InventoryOverrides overrides = InventoryOverrides.NONE;
        if (config.engineInventory().isPresent()) {
            Path f = config.engineInventory().get();
            try {
                overrides = InventoryOverrides.load(f);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("HARPOON_ENGINE_INVENTORY: " + f + " (expected: readable JSON "
                        + "{\"engines\": {...}}: " + e.getMessage() + ")");
            }
        }
        EngineRegistry registry = new EngineRegistry(new EngineRegistry.Settings(config.timeoutConnect(),
                EngineRegistry.Settings.DEFAULT.responseTimeout(), EngineRegistry.Settings.DEFAULT.pingInterval(),
                config.deviceProbe() ? DeviceProbe.NODES : List.of()), overrides, meters);
        config.localDocker().ifPresent(host -> registry.addLocal(
                SocketDialer.forDockerHost(group, host, config.timeoutConnect()), "local " + host));
        Optional<Path> frpCerts = config.frpDisableTls() ? Optional.empty()
                : Optional.of(config.certsDir().resolve("frp"));
        ExAppActions actions = new ExAppActions(registry, frpCerts, meters);
        EngineControl engines = new EngineControl(actions);
        Pool pool = new Pool(config.dataDir(), registry); // the scheduler's pool engine (docs/pool.md)
        return new EngineWiring(registry, actions, pool, new PoolControl(engines, engines, pool,
                config.poolPort()), new PoolRouting(new EngineRouting(registry), pool, config.poolPort()));
    }

    /**
     * HaRP's FRP settings adjusted for engines: with a local engine, port 24000 is served in-process and a remote
     * frpc asking for it is refused like a port in use (spec §16 Q26).
     */
    public TunnelServerConfig adjust(TunnelServerConfig settings) {
        if (registry.engine(EngineRegistry.LOCAL_PORT).isEmpty()) {
            return settings;
        }
        List<PortRange> out = new ArrayList<>();
        for (PortRange r : settings.allowPorts()) {
            if (!r.contains(EngineRegistry.LOCAL_PORT)) {
                out.add(r);
                continue;
            }
            if (r.from() < EngineRegistry.LOCAL_PORT) {
                out.add(new PortRange(r.from(), EngineRegistry.LOCAL_PORT - 1));
            }
            if (r.to() > EngineRegistry.LOCAL_PORT) {
                out.add(new PortRange(EngineRegistry.LOCAL_PORT + 1, r.to()));
            }
        }
        return settings.allowPorts().isEmpty() ? settings : settings.withAllowPorts(out);
    }

    /** Remote engines arrive as tunnel proxies on 24001-24099. */
    public void attach(TunnelServer frps) {
        registry.attach(frps);
        frps.addProxyListener(registry);
    }

    public EngineRegistry registry() {
        return registry;
    }

    public DockerControl control() {
        return control;
    }

    public EngineRoutes routes() {
        return routes;
    }

    /** {@code GET /engines} on the admin address. */
    public String json() {
        try {
            return JSON.writeValueAsString(registry.views());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        actions.close();
        pool.close();
        registry.close();
    }
}
