package io.harpoon.gateway.pool;

import io.harpoon.gateway.routing.Decision;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /docker/exapp/<action>} on one real engine, with pinned NVIDIA device ids for {@code create} (the
 * gateway's {@code EngineControl}; a seam so this package does not depend on the wiring that composes it).
 */
@FunctionalInterface
public interface EngineCalls {
    CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body, List<String> gpuIds);

    default CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body) {
        return exapp(port, action, body, List.of());
    }
}
