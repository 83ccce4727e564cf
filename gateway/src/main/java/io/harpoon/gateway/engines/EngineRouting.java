package io.harpoon.gateway.engines;

import static java.util.Objects.requireNonNull;

import io.harpoon.engines.registry.ApiVersion;
import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.gateway.routing.EngineRoutes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docker pass-through with API-version negotiation: AppAPI pins {@code /v1.44/...}; an engine whose maximum is
 * lower (Debian's docker.io: 1.41) would answer {@code 400 client version 1.44 is too new}. When the registry knows
 * the engine's maximum and the request asks for more, the request goes out with the engine's version; logged once
 * per engine. Unknown engines and unprefixed paths pass unchanged (HaRP's behaviour, spec §8.3).
 */
public final class EngineRouting implements EngineRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRouting.class);
    private final EngineRegistry engines;

    public EngineRouting(EngineRegistry engines) {
        this.engines = requireNonNull(engines, "engines");
    }

    @Override
    public boolean accepts(int port) {
        return DIRECT.accepts(port);
    }

    @Override
    public Target route(int port, String method, String path) {
        Optional<Engine> e = engines.engine(port);
        if (e.isEmpty() || e.get().maxApiVersion().isEmpty()) {
            return new Target.Engine(port, path);
        }
        ApiVersion max = e.get().maxApiVersion().get();
        Optional<String> lowered = ApiVersion.downgrade(path, max);
        if (lowered.isPresent() && e.get().firstDowngrade()) {
            LOG.info("Docker engine on port {} speaks API {} at most; requests for {} are sent as {} (logged once)",
                    port, max, ApiVersion.ofPath(path).map(ApiVersion::toString).orElse("?"), max);
        }
        return new Target.Engine(port, lowered.orElse(path));
    }
}
