package io.harpoon.gateway.engines;

import static java.util.Objects.requireNonNull;

import io.harpoon.engines.exapp.ActionResult;
import io.harpoon.engines.exapp.ExAppActions;
import io.harpoon.gateway.routing.Decision;
import io.harpoon.gateway.routing.DockerControl;
import io.harpoon.gateway.routing.EngineRoutes;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code /docker/exapp/*} on the engines module: each action on its own virtual thread, answered as HaRP does. */
public final class EngineControl implements DockerControl {
    private final ExAppActions actions;

    public EngineControl(ExAppActions actions) {
        this.actions = requireNonNull(actions, "actions");
    }

    @Override
    public boolean accepts(int port) {
        return EngineRoutes.DIRECT.accepts(port);
    }

    @Override
    public CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body) {
        return exapp(port, action, body, List.of());
    }

    /** As above; {@code gpuIds} pins NVIDIA devices on {@code create} (the scheduler's pool). */
    public CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body, List<String> gpuIds) {
        return actions.submit(port, action, body, gpuIds).thenApply(EngineControl::respond);
    }

    static Decision.Respond respond(ActionResult r) {
        return new Decision.Respond(r.status(), r.contentType(), r.body());
    }
}
