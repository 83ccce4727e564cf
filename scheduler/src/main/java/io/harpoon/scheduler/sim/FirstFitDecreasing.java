package io.harpoon.scheduler.sim;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.PlacementChain;
import io.harpoon.scheduler.framework.Policy;
import io.harpoon.scheduler.framework.Scheduler;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.plugins.antiaffinity.AntiAffinity;
import io.harpoon.scheduler.plugins.devicekind.DeviceKindFilter;
import io.harpoon.scheduler.plugins.fpgacompat.FpgaCompat;
import io.harpoon.scheduler.plugins.gpupinning.GpuPinning;
import io.harpoon.scheduler.plugins.nodelabels.NodeLabels;
import io.harpoon.scheduler.plugins.resourcefit.ResourceFit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Offline reference packer for the packing-efficiency figure: sorts all workloads by size (VRAM, then RAM, then
 * CPU, decreasing) and puts each on the first engine that passes the same filters (the chain without scores:
 * all totals tie, and ties go to the first engine). It knows the whole arrival list in advance, which the online
 * scheduler does not, so its count is the yardstick the scheduler is compared against.
 */
public final class FirstFitDecreasing {
    private FirstFitDecreasing() {
    }

    /** Reservations FFD makes; workloads it cannot place are left out. */
    public static List<Reservation> pack(List<EngineInfo> engines, List<Workload> workloads) {
        SchedulerConfig config = SchedulerConfig.DEFAULTS.withPolicy(Policy.PACK);
        PlacementChain chain = PlacementChain.builder(StandardChain.registry(), config)
                .preFilter(ResourceFit.NAME)
                .filter(DeviceKindFilter.NAME).filter(NodeLabels.NAME).filter(AntiAffinity.NAME)
                .filter(FpgaCompat.NAME).filter(ResourceFit.NAME).filter(GpuPinning.NAME)
                .reserve(GpuPinning.NAME).reserve(FpgaCompat.NAME)
                .build();
        Scheduler firstFit = new Scheduler(chain);
        List<Workload> sorted = new ArrayList<>(workloads);
        sorted.sort(Comparator.comparingLong(Workload::totalVramBytes)
                .thenComparingLong(Workload::memoryBytes)
                .thenComparingLong(Workload::cpuMillis).reversed()
                .thenComparing(Workload::id));
        List<Reservation> held = new ArrayList<>();
        for (Workload w : sorted) {
            Plan p = firstFit.schedule(ClusterSnapshot.of(engines, held), w);
            p.placement().ifPresent(pl -> held.add(pl.reservation()));
        }
        return held;
    }
}
