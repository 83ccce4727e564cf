package io.harpoon.engines.exapp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clean-ups a failed {@code create} could not finish because the engine was gone (the tunnel dropped between the
 * engine creating the container and the answer). They run when that engine is back. A container is removed only
 * if it is still the one the failed call made: never started ({@code created}) and created no later than the
 * failure, so a retry by AppAPI after the reconnect is never touched.
 */
final class PendingCleanups {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCleanups.class);

    record Item(String container, String volumeOrNull, Instant failedAt) {
    }

    private final Map<Integer, List<Item>> byPort = new ConcurrentHashMap<>();

    void add(int port, Item item) {
        LOG.warn("engine {} unreachable: {} (and {}) will be removed when it is back", port, item.container(),
                item.volumeOrNull() == null ? "no volume" : "volume " + item.volumeOrNull());
        byPort.computeIfAbsent(port, p -> new CopyOnWriteArrayList<>()).add(item);
    }

    int pending(int port) {
        return byPort.getOrDefault(port, List.of()).size();
    }

    /** Runs what is pending for {@code port}; items that fail again stay pending. */
    void run(int port, DockerClient d) {
        List<Item> items = byPort.getOrDefault(port, List.of());
        for (Item item : items) {
            try {
                removeIfStillOurs(d, item);
                items.remove(item);
            } catch (RuntimeException e) {
                LOG.warn("pending clean-up of {} on engine {} failed again: {}", item.container(), port, e.toString());
            }
        }
    }

    private static void removeIfStillOurs(DockerClient d, Item item) {
        try {
            InspectContainerResponse c = d.inspectContainerCmd(item.container()).exec();
            boolean untouched = "created".equals(c.getState().getStatus())
                    && !Instant.parse(c.getCreated()).isAfter(item.failedAt().plusSeconds(1));
            if (!untouched) {
                LOG.info("{} was started or re-created since the failed create; left in place", item.container());
                return;
            }
            d.removeContainerCmd(item.container()).withForce(true).exec();
            LOG.info("removed {} left by a create whose answer was lost", item.container());
        } catch (NotFoundException gone) {
            // never created, or already removed
        }
        if (item.volumeOrNull() != null) {
            try {
                d.removeVolumeCmd(item.volumeOrNull()).exec();
            } catch (NotFoundException | ConflictException e) {
                // gone, or a newer container uses it: keep
            }
        }
    }
}
