package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

/**
 * A chosen engine and devices for one workload.
 *
 * @param reservation what the placement holds, ready to be recorded
 * @param score       total weighted score of the chosen engine
 */
public record Placement(Reservation reservation, long score) {
    public Placement {
        requireNonNull(reservation, "reservation");
    }

    public String workloadId() {
        return reservation.workloadId();
    }

    public String engineId() {
        return reservation.engineId();
    }

    /** How the gateway turns this placement into Docker HostConfig device settings. */
    public DockerDevices dockerDevices() {
        return DockerDevices.of(reservation);
    }
}
