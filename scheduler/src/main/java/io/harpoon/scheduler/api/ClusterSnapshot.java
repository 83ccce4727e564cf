package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.model.PerfModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one scheduling cycle reads, frozen: the input of the pure function
 * {@code (engines, reservations, models, workload) -> Plan}.
 *
 * @param engines      engines in a fixed order; ties between equal scores go to the earlier engine
 * @param reservations capacity already held
 * @param models       performance models measured on the engines
 */
public record ClusterSnapshot(List<EngineInfo> engines, List<Reservation> reservations, PerfModel models) {
    public ClusterSnapshot {
        engines = List.copyOf(requireNonNull(engines, "engines"));
        reservations = List.copyOf(requireNonNull(reservations, "reservations"));
        requireNonNull(models, "models");
        Set<String> ids = new HashSet<>();
        for (EngineInfo e : engines) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("engines: duplicate id " + e.id() + " (expected: unique)");
            }
        }
    }

    public static ClusterSnapshot of(List<EngineInfo> engines, List<Reservation> reservations) {
        return new ClusterSnapshot(engines, reservations, PerfModel.EMPTY);
    }
}
