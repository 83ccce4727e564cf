package io.harpoon.gateway.engines;

import static java.util.Objects.requireNonNull;

import io.harpoon.engines.exapp.ActionResult;
import io.harpoon.engines.exapp.DevicePins;
import io.harpoon.engines.exapp.ExAppActions;
import io.harpoon.gateway.routing.Decision;
import io.harpoon.gateway.routing.DockerControl;
import io.harpoon.gateway.routing.EngineRoutes;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code /docker/exapp/*} on the engines module: each action on its own virtual thread, answered as HaRP does. */
public final class EngineControl implements DockerControl, io.harpoon.gateway.pool.EngineCalls {
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
        return exapp(port, action, body, DevicePins.NONE);
    }

    /** As above; {@code pins}: the devices the scheduler's pool chose, for {@code create}. */
    public CompletableFuture<Decision.Respond> exapp(int port, String action, byte[] body, DevicePins pins) {
        return actions.submit(port, action, body, pins).thenApply(EngineControl::respond);
    }

    @Override
    public CompletableFuture<Decision.Respond> ensureImage(int port, String image, List<Integer> sources) {
        return actions.ensureImage(port, image, sources).thenApply(EngineControl::respond);
    }

    static Decision.Respond respond(ActionResult r) {
        return new Decision.Respond(r.status(), r.contentType(), r.body());
    }
}
