package io.harpoon.gateway.routing;

import io.harpoon.gateway.upstream.ExAppTarget;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code /docker/exapp/<action>} half of the control API (spec §8.4) as the gateway sees it: a port that
 * {@link #accepts}, an action name and the JSON body in, a response out (never a failed future).
 */
public interface DockerControl {
    /** No engines in this process: every action is {@code 503}. */
    DockerControl UNAVAILABLE = new DockerControl() {
        @Override
        public boolean accepts(int port) {
            return port >= ExAppTarget.ENGINE_PORT_MIN && port <= ExAppTarget.ENGINE_PORT_MAX;
        }

        @Override
        public CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body) {
            return CompletableFuture.completedFuture(Decision.Respond.text(503,
                    "Docker engine actions are not available: this gateway was started without engines"));
        }
    };

    boolean accepts(int port);

    default String describePorts() {
        return ExAppTarget.ENGINE_PORT_MIN + ".." + ExAppTarget.ENGINE_PORT_MAX;
    }

    CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body);
}
