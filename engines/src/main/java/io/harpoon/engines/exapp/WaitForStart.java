package io.harpoon.engines.exapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;

/**
 * {@code wait_for_start} (spec §8.5): poll inspect up to {@link #POLLS} times every {@link #INTERVAL}. Fails fast
 * when the engine refused to start the container (status {@code created} with {@code State.Error}, §16 Q22), e.g.
 * {@code could not select device driver "nvidia"} on a host without GPUs.
 */
final class WaitForStart {
    static final int POLLS = 180;
    static final Duration INTERVAL = Duration.ofMillis(500);

    private WaitForStart() {
    }

    static ActionResult run(DockerClient d, String container, int polls, Duration interval)
            throws InterruptedException {
        String status = "unknown";
        String health = null;
        for (int i = 0; i < polls; i++) {
            InspectContainerResponse c;
            try {
                c = d.inspectContainerCmd(container).exec();
            } catch (NotFoundException e) {
                return result(false, "not_found", null, "not_found");
            }
            InspectContainerResponse.ContainerState s = c.getState();
            status = s.getStatus() == null ? "unknown" : s.getStatus();
            health = s.getHealth() == null ? null : s.getHealth().getStatus();
            String error = s.getError() == null ? "" : s.getError();
            switch (status) {
                case "running" -> {
                    if (health == null || health.equals("healthy")) {
                        return result(true, status, health, null);
                    }
                    if (health.equals("unhealthy")) {
                        return result(true, status, health, "unhealthy");
                    }
                }
                case "paused", "exited", "dead" -> {
                    return result(false, status, health, error.isEmpty() ? null : error);
                }
                case "created" -> {
                    if (!error.isEmpty()) {
                        return result(false, status, health, error);
                    }
                }
                default -> { }
            }
            Thread.sleep(interval.toMillis());
        }
        return result(false, status, health, "timeout");
    }

    private static ActionResult result(boolean started, String status, String health, String reason) {
        ObjectNode o = ActionResult.object().put("started", started).put("status", status);
        if (health == null) {
            o.putNull("health");
        } else {
            o.put("health", health);
        }
        if (reason != null) {
            o.put("reason", reason);
        }
        return ActionResult.json(200, o);
    }
}
