package io.harpoon.gateway.routing;

import io.harpoon.gateway.upstream.ExAppTarget;

/**
 * Where a whitelisted Docker Engine API call goes (spec §8.3). The gateway's implementation lowers the API version
 * prefix for older engines; the scheduler's pool maps its port onto the engine a container was placed on.
 */
public interface EngineRoutes {
    /** HaRP's engine ports only (spec §16 Q9), path unchanged. */
    EngineRoutes DIRECT = new EngineRoutes() {
        @Override
        public boolean accepts(int port) {
            return port >= ExAppTarget.ENGINE_PORT_MIN && port <= ExAppTarget.ENGINE_PORT_MAX;
        }

        @Override
        public Target route(int port, String method, String path) {
            return new Target.Engine(port, path);
        }
    };

    /** Ports accepted in {@code docker-engine-port}; anything else is {@code 400}. */
    boolean accepts(int port);

    /** Human-readable port set for the {@code 400} message. */
    default String describePorts() {
        return ExAppTarget.ENGINE_PORT_MIN + ".." + ExAppTarget.ENGINE_PORT_MAX;
    }

    /** @param path decoded-as-received request path (query not included) */
    Target route(int port, String method, String path);

    /** Forward to an engine port with this path, or answer locally. */
    sealed interface Target {
        record Engine(int port, String path) implements Target {
        }

        record Answer(Decision.Respond response) implements Target {
        }
    }
}
