package io.harpoon.scheduler.sim;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.Policy;
import io.harpoon.scheduler.framework.Scheduler;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.plugins.StandardChain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Placement benchmark, JMH-ready: fixtures are built in {@link #setUp()} (never in the measured methods), and
 * {@link #placeOne()} / {@link #placeThousand()} return their result so a JMH wrapper can sink it. Until the lead
 * wires JMH, {@link #main} runs a plain warm-up-then-measure loop and prints the figures plus the packing
 * efficiency against {@link FirstFitDecreasing}. Speed is never asserted in a test.
 *
 * <p>How to run (from the repository root):
 * <pre>
 *   mvn -q -pl scheduler -am package -DskipTests
 *   java -cp scheduler/target/classes:$(cat scheduler/target/cp.txt) io.harpoon.scheduler.sim.PlacementBenchmark
 * </pre>
 * ({@code cp.txt} from {@code mvn -q -pl scheduler dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.)
 */
public final class PlacementBenchmark {
    public static final long SEED = 20261128L;
    public static final int ENGINES = SimulatedFleet.HARP_REMOTE_ENGINES;
    public static final int EXAPPS = 1000;
    /** Engines in the over-subscribed packing scenario. */
    public static final int PRESSURE_ENGINES = 25;

    private final Policy policy;
    private Scheduler scheduler;
    private List<EngineInfo> engines;
    private List<Workload> exApps;
    private ClusterSnapshot halfFull;
    private Workload probe;

    public PlacementBenchmark(Policy policy) {
        this.policy = policy;
    }

    /** Builds the fleet, the ExApp list and a half-full snapshot for the single-placement case. */
    public void setUp() {
        scheduler = new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS.withPolicy(policy)));
        engines = SimulatedFleet.engines(ENGINES, SEED);
        exApps = SimulatedFleet.exApps(EXAPPS, SEED + 1);
        List<Reservation> held = sequence(exApps.subList(0, EXAPPS / 2));
        halfFull = ClusterSnapshot.of(engines, held);
        probe = Workload.builder("llm2-probe").kind(DeviceKind.CUDA).vramGiB(8).memoryGiB(12).cores(2).build();
    }

    /** One ExApp (llm2, 8 GiB VRAM) on 99 engines holding 500 placements. */
    public Plan placeOne() {
        return scheduler.schedule(halfFull, probe);
    }

    /** 1,000 ExApps in arrival order on an empty fleet; returns the reservations made. */
    public List<Reservation> placeThousand() {
        return sequence(exApps);
    }

    private List<Reservation> sequence(List<Workload> ws) {
        return sequence(scheduler, engines, ws);
    }

    /** Places {@code ws} in order, each cycle seeing the reservations of the earlier ones. */
    public static List<Reservation> sequence(Scheduler scheduler, List<EngineInfo> engines, List<Workload> ws) {
        List<Reservation> held = new ArrayList<>();
        for (Workload w : ws) {
            scheduler.schedule(ClusterSnapshot.of(engines, held), w).placement()
                    .ifPresent(p -> held.add(p.reservation()));
        }
        return held;
    }

    public static void main(String[] args) {
        for (Policy p : Policy.values()) {
            PlacementBenchmark b = new PlacementBenchmark(p);
            b.setUp();
            long[] one = time(b::placeOne, 2_000, 5_000);
            long[] seq = time(b::placeThousand, 3, 10);
            List<Reservation> placed = b.placeThousand();
            List<Reservation> ffd = FirstFitDecreasing.pack(b.engines, b.exApps);
            System.out.printf(Locale.ROOT, "policy=%s engines=%d exapps=%d%n", p, ENGINES, EXAPPS);
            System.out.printf(Locale.ROOT, "  placeOne      median %8.1f us  p99 %8.1f us  (n=%d)%n",
                    one[one.length / 2] / 1e3, one[(int) (one.length * 0.99)] / 1e3, one.length);
            System.out.printf(Locale.ROOT, "  placeThousand median %8.1f ms  min %8.1f ms  (n=%d)%n",
                    seq[seq.length / 2] / 1e6, seq[0] / 1e6, seq.length);
            System.out.printf(Locale.ROOT, "  packing: placed %d/%d (VRAM %s), FFD placed %d (VRAM %s): "
                            + "%.1f%% of FFD by count, %.1f%% by VRAM%n",
                    placed.size(), EXAPPS, SimulatedFleet.gib(vram(placed)), ffd.size(),
                    SimulatedFleet.gib(vram(ffd)), 100.0 * placed.size() / ffd.size(),
                    100.0 * vram(placed) / Math.max(1, vram(ffd)));
            // Under pressure (the same 1,000 ExApps on the first PRESSURE_ENGINES engines) packing matters.
            List<EngineInfo> small = b.engines.subList(0, PRESSURE_ENGINES);
            List<Reservation> tight = sequence(b.scheduler, small, b.exApps);
            List<Reservation> tightFfd = FirstFitDecreasing.pack(small, b.exApps);
            System.out.printf(Locale.ROOT, "  pressure (%d engines): placed %d (VRAM %s), FFD %d (VRAM %s): "
                            + "%.1f%% of FFD by count, %.1f%% by VRAM%n", PRESSURE_ENGINES,
                    tight.size(), SimulatedFleet.gib(vram(tight)), tightFfd.size(), SimulatedFleet.gib(vram(tightFfd)),
                    100.0 * tight.size() / tightFfd.size(), 100.0 * vram(tight) / Math.max(1, vram(tightFfd)));
        }
    }

    static long vram(List<Reservation> rs) {
        return rs.stream().mapToLong(r -> r.vramPerGpuBytes() * r.gpuIds().size()).sum();
    }

    /** Sorted durations in ns of {@code measured} runs after {@code warmup} runs. */
    private static long[] time(Supplier<?> op, int warmup, int measured) {
        Object sink = null;
        for (int i = 0; i < warmup; i++) {
            sink = op.get();
        }
        long[] t = new long[measured];
        for (int i = 0; i < measured; i++) {
            long s = System.nanoTime();
            sink = op.get();
            t[i] = System.nanoTime() - s;
        }
        if (sink == null) {
            throw new IllegalStateException("benchmark: no result");
        }
        Arrays.sort(t);
        return t;
    }
}
