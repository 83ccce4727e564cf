package io.harpoon.scheduler.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.GpuDevice;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.Policy;
import io.harpoon.scheduler.framework.Scheduler;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.testing.Invariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** 1,000 ExApps from the spec's sizing table on HaRP's 99 remote engines (CPU, NVIDIA, ROCm, FPGA). */
class SimulationTest {
    static final List<EngineInfo> FLEET = SimulatedFleet.engines(PlacementBenchmark.ENGINES, PlacementBenchmark.SEED);
    static final List<Workload> EXAPPS = SimulatedFleet.exApps(PlacementBenchmark.EXAPPS, PlacementBenchmark.SEED + 1);

    @Test
    void fleetCoversEveryKindAndTheSpecGpuSizes() {
        assertEquals(99, FLEET.size());
        assertTrue(FLEET.stream().anyMatch(e -> e.gpus().isEmpty() && e.fpgas().isEmpty()), "cpu-only");
        assertTrue(FLEET.stream().anyMatch(e -> e.has(DeviceKind.ROCM)), "rocm");
        assertTrue(FLEET.stream().anyMatch(e -> e.has(DeviceKind.FPGA)), "fpga");
        Set<Long> nvidiaGiB = FLEET.stream().flatMap(e -> e.gpusOf(DeviceKind.CUDA).stream())
                .map(g -> g.memoryBytes() / Sizes.GIB).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(24L, 48L, 80L, 141L), nvidiaGiB);
        int maxGpus = FLEET.stream().mapToInt(e -> e.gpusOf(DeviceKind.CUDA).size()).max().orElse(0);
        int minGpus = FLEET.stream().filter(e -> e.has(DeviceKind.CUDA)).mapToInt(e -> e.gpusOf(DeviceKind.CUDA)
                .size()).min().orElse(0);
        assertTrue(minGpus >= 1 && maxGpus <= 8 && maxGpus > minGpus, minGpus + ".." + maxGpus);
        assertEquals(1000, EXAPPS.stream().map(Workload::id).distinct().count(), "unique ids");
        for (DeviceKind k : DeviceKind.values()) {
            assertTrue(EXAPPS.stream().anyMatch(w -> w.kind() == k), "some " + k + " ExApps");
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void thousandExAppsNeverOverCommitAndEveryDecisionIsExplained(Policy policy) {
        Scheduler s = new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS.withPolicy(policy)));
        List<Reservation> held = new ArrayList<>();
        int refused = 0;
        for (Workload w : EXAPPS) {
            Plan p = s.schedule(ClusterSnapshot.of(FLEET, held), w);
            if (p instanceof Plan.Placed placed) {
                held.add(placed.chosen().reservation());
                String summary = p.explanation().summary();
                assertTrue(summary.contains(" engines fit, chose " + placed.chosen().engineId() + " (score "),
                        summary);
            } else {
                refused++;
                assertTrue(p.explanation().summary().startsWith("0/99 engines fit: "), p.explanation().summary());
                assertEquals(99, p.explanation().verdicts().size());
            }
        }
        Invariants.assertNothingOverCommitted(FLEET, held);
        assertEquals(EXAPPS.size(), held.size() + refused);
        // Quality, not speed: the online scheduler places at least 95% of what offline FFD (knowing all 1,000
        // in advance, sorted by size) manages, here and on an over-subscribed quarter of the fleet.
        List<Reservation> ffd = FirstFitDecreasing.pack(FLEET, EXAPPS);
        assertTrue(held.size() >= 0.95 * ffd.size(), held.size() + " vs FFD " + ffd.size());
        List<EngineInfo> small = FLEET.subList(0, PlacementBenchmark.PRESSURE_ENGINES);
        List<Reservation> tight = PlacementBenchmark.sequence(s, small, EXAPPS);
        List<Reservation> tightFfd = FirstFitDecreasing.pack(small, EXAPPS);
        Invariants.assertNothingOverCommitted(small, tight);
        Invariants.assertNothingOverCommitted(small, tightFfd);
        assertTrue(tight.size() >= 0.90 * tightFfd.size(), tight.size() + " vs FFD " + tightFfd.size());
    }

    @Test
    void gpuIdsAreRealDevicesOfTheRightVendor() {
        Scheduler s = new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS));
        List<Reservation> held = PlacementBenchmark.sequence(s, FLEET, EXAPPS);
        for (Reservation r : held) {
            EngineInfo e = FLEET.stream().filter(x -> x.id().equals(r.engineId())).findFirst().orElseThrow();
            for (int id : r.gpuIds()) {
                GpuDevice g = e.gpus().stream().filter(x -> x.index() == id).findFirst().orElseThrow();
                assertEquals(r.kind(), g.kind());
            }
        }
    }
}
