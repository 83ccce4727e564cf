package io.harpoon.scheduler.framework;

import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import java.util.ArrayList;
import java.util.List;

/** Device choices collected by {@link Reserve} plugins for the chosen engine, then frozen into a Reservation. */
public final class ReservationDraft {
    private final List<Integer> gpuIds = new ArrayList<>();
    private final List<Integer> fpgaIds = new ArrayList<>();

    public void gpuIds(List<Integer> ids) {
        gpuIds.clear();
        gpuIds.addAll(ids);
    }

    public void fpgaIds(List<Integer> ids) {
        fpgaIds.clear();
        fpgaIds.addAll(ids);
    }

    public List<Integer> gpuIds() {
        return List.copyOf(gpuIds);
    }

    public List<Integer> fpgaIds() {
        return List.copyOf(fpgaIds);
    }

    Reservation freeze(Workload w, String engineId) {
        return new Reservation(w.id(), engineId, w.kind(), gpuIds, w.vramPerGpuBytes(), w.exclusiveGpu(), fpgaIds,
                w.memoryBytes(), w.cpuMillis(), w.antiAffinity(), w.modelKey());
    }
}
