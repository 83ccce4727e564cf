package io.harpoon.gateway.pool;

import io.harpoon.gateway.routing.Decision;
import io.harpoon.engines.exapp.DevicePins;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /docker/exapp/<action>} on one real engine, with the placement's devices for {@code create} (the
 * gateway's {@code EngineControl}; a seam so this package does not depend on the wiring that composes it).
 */
@FunctionalInterface
public interface EngineCalls {
    CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body, DevicePins pins);

    default CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body) {
        return exapp(port, action, body, DevicePins.NONE);
    }

    /**
     * Makes {@code image} present on engine {@code port} before a create there (pulled by that engine, or copied
     * from one of {@code sources}); {@code 200} when it is. The default says "present" (stand-ins in tests).
     */
    default CompletableFuture<Decision.Respond> ensureImage(int port, String image, java.util.List<Integer> sources) {
        return CompletableFuture.completedFuture(Decision.Respond.json(200, "{\"how\":\"present\"}"));
    }
}
