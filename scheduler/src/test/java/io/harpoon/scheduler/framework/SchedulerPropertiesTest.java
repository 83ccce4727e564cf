package io.harpoon.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.FpgaCard;
import io.harpoon.scheduler.api.GpuVendor;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.testing.Invariants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of sequences of placements on random fleets: each workload is placed on the state the earlier
 * placements left, then the whole reservation set is checked.
 */
class SchedulerPropertiesTest {
    static final List<String> BITSTREAMS = List.of("crc", "aes", "cnn");

    /** Engine shape before ids are assigned: kind 0 cpu, 1 nvidia, 2 amd, 3 fpga. */
    record Shape(int type, int devices, long vramGiB, int cores, long memGiB, String zone, int loaded) {
    }

    record Want(int kind, int gpus, long vramHalfGiB, boolean exclusive, int pin, long memGiB, int cores,
                int extra) {
    }

    @Provide
    Arbitrary<List<Shape>> fleets() {
        Arbitrary<Shape> shape = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 4), Arbitraries.of(8L, 16L, 24L, 48L),
                Arbitraries.integers().between(2, 64), Arbitraries.longs().between(4, 256),
                Arbitraries.of("a", "b"), Arbitraries.integers().between(0, 2)).as(Shape::new);
        return shape.list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Want>> workloads() {
        Arbitrary<Want> want = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.longs().between(0, 60),
                Arbitraries.integers().between(0, 9).map(i -> i == 0), Arbitraries.integers().between(-4, 3),
                Arbitraries.longs().between(0, 64), Arbitraries.integers().between(0, 16),
                Arbitraries.integers().between(0, 99)).as(Want::new);
        return want.list().ofMinSize(1).ofMaxSize(40);
    }

    static List<EngineInfo> engines(List<Shape> shapes) {
        List<EngineInfo> out = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            EngineInfo.Builder b = EngineInfo.builder("e" + i).cores(s.cores()).memoryGiB(s.memGiB())
                    .label("zone", s.zone());
            switch (s.type()) {
                case 1 -> b.gpus(s.devices(), GpuVendor.NVIDIA, "nv", s.vramGiB());
                case 2 -> b.gpus(s.devices(), GpuVendor.AMD, "amd", s.vramGiB());
                case 3 -> {
                    for (int c = 0; c < s.devices(); c++) {
                        b.fpga("x", c % 2 == 0 ? "f1" : "f2", BITSTREAMS.get((s.loaded() + c) % 3),
                                BITSTREAMS.get((s.loaded() + c + 1) % 3));
                    }
                }
                default -> { }
            }
            out.add(b.build());
        }
        return out;
    }

    static Workload workload(int i, Want w) {
        DeviceKind kind = DeviceKind.values()[w.kind()];
        Workload.Builder b = Workload.builder("w" + i).kind(kind).memoryGiB(w.memGiB()).cores(w.cores());
        if (kind.usesGpu()) {
            b.gpus(w.gpus(), w.vramHalfGiB() * Sizes.mib(512)).exclusiveGpu(w.exclusive());
            if (w.pin() >= 0 && w.gpus() == 1) {
                b.pin(w.pin());
            }
        }
        if (kind == DeviceKind.FPGA) {
            b.fpga(BITSTREAMS.get(w.extra() % 3), w.extra() % 5 == 0 ? "f1" : "");
        }
        if (w.extra() < 10) {
            b.require("zone", "a");
        }
        if (w.extra() >= 90 && i > 0) {
            b.avoid("w" + (i - 1));
        }
        return b.build();
    }

    /** Places every workload in order; returns the plans. */
    static List<Plan> run(Scheduler s, List<EngineInfo> engines, List<Workload> ws, List<Reservation> held) {
        List<Plan> plans = new ArrayList<>();
        for (Workload w : ws) {
            Plan p = s.schedule(ClusterSnapshot.of(engines, held), w);
            plans.add(p);
            p.placement().ifPresent(pl -> held.add(pl.reservation()));
        }
        return plans;
    }

    static Scheduler scheduler(boolean pack) {
        return new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS.withPolicy(pack ? Policy.PACK
                : Policy.SPREAD)));
    }

    static List<Workload> toWorkloads(List<Want> wants) {
        List<Workload> ws = new ArrayList<>();
        for (int i = 0; i < wants.size(); i++) {
            ws.add(workload(i, wants.get(i)));
        }
        return ws;
    }

    @Property(tries = 300)
    void neverOverCommitsVramRamCpuOrAPinnedGpu(@ForAll("fleets") List<Shape> fleet,
                                                @ForAll("workloads") List<Want> wants, @ForAll boolean pack) {
        List<EngineInfo> engines = engines(fleet);
        List<Reservation> held = new ArrayList<>();
        run(scheduler(pack), engines, toWorkloads(wants), held);
        Invariants.assertNothingOverCommitted(engines, held);
    }

    @Property(tries = 300)
    void deviceKindAlwaysMatchesAndPinsAreKept(@ForAll("fleets") List<Shape> fleet,
                                               @ForAll("workloads") List<Want> wants) {
        List<EngineInfo> engines = engines(fleet);
        Map<String, EngineInfo> byId = new HashMap<>();
        engines.forEach(e -> byId.put(e.id(), e));
        List<Workload> ws = toWorkloads(wants);
        List<Plan> plans = run(scheduler(true), engines, ws, new ArrayList<>());
        for (int i = 0; i < ws.size(); i++) {
            Workload w = ws.get(i);
            Plan p = plans.get(i);
            if (p.placement().isEmpty()) {
                assertTrue(p.explanation().summary().startsWith("0/" + engines.size() + " engines fit: "),
                        p.explanation().summary());
                continue;
            }
            Reservation r = p.placement().get().reservation();
            EngineInfo e = byId.get(r.engineId());
            assertEquals(w.kind(), r.kind());
            assertTrue(e.has(w.kind()), "engine " + e.id() + " lacks " + w.kind());
            assertEquals(w.kind().usesGpu() ? w.gpuCount() : 0, r.gpuIds().size());
            for (int id : r.gpuIds()) {
                assertEquals(w.kind(), e.gpus().stream().filter(g -> g.index() == id).findFirst().orElseThrow()
                        .kind());
            }
            if (!w.pinnedGpuIds().isEmpty()) {
                assertEquals(w.pinnedGpuIds(), r.gpuIds());
            }
            if (w.kind() == DeviceKind.FPGA) {
                assertEquals(1, r.fpgaIds().size());
                FpgaCard c = e.fpgas().get(r.fpgaIds().get(0));
                assertTrue(c.canRun(w.fpgaBitstream()));
            } else {
                assertTrue(r.fpgaIds().isEmpty());
            }
            w.requiredLabels().forEach((k, v) -> assertEquals(v, e.labels().get(k)));
        }
    }

    @Property(tries = 200)
    void sameInputSamePlan(@ForAll("fleets") List<Shape> fleet, @ForAll("workloads") List<Want> wants,
                           @ForAll boolean pack) {
        List<EngineInfo> engines = engines(fleet);
        List<Workload> ws = toWorkloads(wants);
        List<Plan> first = run(scheduler(pack), engines, ws, new ArrayList<>());
        List<Plan> second = run(scheduler(pack), engines(fleet), toWorkloads(wants), new ArrayList<>());
        assertEquals(first, second);
    }
}
