package io.harpoon.engines.exapp;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.harpoon.engines.transport.EngineTimeoutException;
import io.harpoon.engines.transport.EngineUnavailableException;
import java.io.IOException;

/**
 * Maps what went wrong talking to an engine onto the statuses AppAPI expects (spec §8.4): unreachable or dropped
 * {@code 503}, timeout {@code 504}, unknown {@code 404}, conflict {@code 409}, anything else the engine refused
 * {@code 500}; the body always says which engine and what it said.
 */
final class EngineErrors {
    private EngineErrors() {
    }

    static ActionResult map(int port, String what, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EngineUnavailableException u) {
                String m = String.valueOf(u.getMessage());
                return ActionResult.text(503, what + ": " + (m.startsWith("Docker engine") ? m
                        : "Docker engine on port " + port + " unavailable: " + m));
            }
            if (c instanceof EngineTimeoutException x) {
                return ActionResult.text(504, what + ": " + x.getMessage());
            }
            if (c instanceof NotFoundException n) {
                return ActionResult.text(404, what + ": " + engineMessage(n));
            }
            if (c instanceof ConflictException n) {
                return ActionResult.text(409, what + ": " + engineMessage(n));
            }
            if (c instanceof DockerException d) {
                return ActionResult.text(500, what + ": the engine answered " + d.getHttpStatus() + ": "
                        + engineMessage(d));
            }
            if (c instanceof IOException io) {
                return ActionResult.text(503, what + ": connection to the Docker engine on port " + port
                        + " lost: " + io.getMessage());
            }
        }
        return ActionResult.text(500, what + ": " + t);
    }

    /** docker-java says {@code Status 500: {"message":"..."}}; keep only the engine's message. */
    static String engineMessage(DockerException d) {
        String m = String.valueOf(d.getMessage());
        int i = m.indexOf("{\"message\":");
        if (i >= 0) {
            try {
                return ActionResult.JSON.readTree(m.substring(i)).path("message").asText(m).strip();
            } catch (IOException e) {
                return m.strip();
            }
        }
        return m.strip();
    }
}
