package io.harpoon.gateway.pool;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.routing.Decision;
import io.harpoon.gateway.routing.DockerControl;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /docker/exapp/*} with the pool: the pool port runs {@link PoolActions} on a virtual thread (placement,
 * store and engine calls block); every engine port goes to the engines' own control unchanged.
 */
public final class PoolControl implements DockerControl {
    private final DockerControl engines;
    private final PoolActions actions;
    private final int poolPort;

    /** @param calls the same engines as {@code engines}, with GPU pinning for {@code create} */
    public PoolControl(DockerControl engines, EngineCalls calls, Pool pool, int poolPort) {
        this.engines = requireNonNull(engines, "engines");
        this.actions = new PoolActions(pool, calls);
        this.poolPort = poolPort;
    }

    @Override
    public boolean accepts(int port) {
        return port == poolPort || engines.accepts(port);
    }

    @Override
    public String describePorts() {
        return engines.describePorts() + " or the pool " + poolPort;
    }

    @Override
    public CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body) {
        if (port != poolPort) {
            return engines.exapp(port, action, body);
        }
        CompletableFuture<Decision.Respond> out = new CompletableFuture<>();
        Thread.ofVirtual().name("pool-" + action).start(() -> {
            try {
                out.complete(actions.run(action, body));
            } catch (RuntimeException | Error e) {
                out.complete(Decision.Respond.text(500, "docker/exapp/" + action + " on the pool: " + e));
            }
        });
        return out;
    }
}
