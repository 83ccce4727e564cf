package io.harpoon.scheduler.framework;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.DockerDevices;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Placement;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.model.PerfModel;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.requirements.RequirementsParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    static Scheduler scheduler(Policy p) {
        return new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS.withPolicy(p)));
    }

    static final Scheduler PACK = scheduler(Policy.PACK);

    @Test
    void refusalExplainsEveryEngineAsInTheIssue() {
        List<EngineInfo> engines = new ArrayList<>();
        List<Reservation> held = new ArrayList<>();
        long[] used = {18, 22, 20, 24};
        for (int i = 0; i < 4; i++) {
            engines.add(nvidia("gpu-" + i, 1, 24));
            held.add(held("x" + i, "gpu-" + i, DeviceKind.CUDA, used[i], 0));
        }
        for (int i = 0; i < 3; i++) {
            engines.add(cpuEngine("cpu-" + i));
        }
        Plan plan = PACK.schedule(ClusterSnapshot.of(engines, held), cuda("llm2", 8).build());
        Plan.Refused r = assertInstanceOf(Plan.Refused.class, plan);
        assertEquals("0/7 engines fit: 4 insufficient VRAM (need 8 GiB, max free 6 GiB), 3 no cuda device",
                r.explanation().summary());
        assertEquals(7, r.explanation().verdicts().size());
        assertEquals("resourcefit", r.explanation().verdicts().get(0).plugin());
        assertEquals("devicekind", r.explanation().verdicts().get(6).plugin());
    }

    @Test
    void placesOnTheOnlyFittingEngineAndPinsItsGpu() {
        List<EngineInfo> engines = List.of(cpuEngine("cpu"), nvidia("small", 1, 8), nvidia("big", 2, 24));
        List<Reservation> held = List.of(held("x", "big", DeviceKind.CUDA, 20, 0));
        Plan plan = PACK.schedule(ClusterSnapshot.of(engines, held), cuda("llm2", 12).build());
        Placement p = plan.placement().orElseThrow();
        assertEquals("big", p.engineId());
        assertEquals(List.of(1), p.reservation().gpuIds());
        assertEquals(new DockerDevices(List.of("1"), List.of(), Map.of("NVIDIA_VISIBLE_DEVICES", "1")),
                p.dockerDevices());
        assertTrue(plan.explanation().summary().startsWith("1/3 engines fit, chose big (score "),
                plan.explanation().summary());
    }

    @Test
    void rocmMapsToRenderNodes() {
        Plan plan = PACK.schedule(ClusterSnapshot.of(List.of(amd("amd", 4, 64)), List.of(held("x", "amd",
                DeviceKind.ROCM, 60, 0))), Workload.builder("w").kind(DeviceKind.ROCM).gpus(2, 1L << 30).build());
        DockerDevices d = plan.placement().orElseThrow().dockerDevices();
        assertEquals(List.of("/dev/kfd", "/dev/dri/renderD128", "/dev/dri/renderD129"), d.devicePaths());
    }

    @Test
    void equalScoresGoToTheEarlierEngine() {
        List<EngineInfo> engines = List.of(nvidia("a", 1, 24), nvidia("b", 1, 24), nvidia("c", 1, 24));
        assertEquals("a", PACK.schedule(ClusterSnapshot.of(engines, List.of()), cuda("w", 4).build())
                .placement().orElseThrow().engineId());
        assertEquals("b", PACK.schedule(ClusterSnapshot.of(List.of(engines.get(1), engines.get(0)), List.of()),
                cuda("w", 4).build()).placement().orElseThrow().engineId());
    }

    @Test
    void packFillsTheFullerEngineSpreadTheEmptier() {
        List<EngineInfo> engines = List.of(nvidia("empty", 1, 24), nvidia("half", 1, 24));
        List<Reservation> held = List.of(held("x", "half", DeviceKind.CUDA, 12, 0));
        Workload w = cuda("w", 4).build();
        assertEquals("half", scheduler(Policy.PACK).schedule(ClusterSnapshot.of(engines, held), w).placement()
                .orElseThrow().engineId());
        assertEquals("empty", scheduler(Policy.SPREAD).schedule(ClusterSnapshot.of(engines, held), w).placement()
                .orElseThrow().engineId());
    }

    @Test
    void ownReservationIsReplacedNotCounted() {
        List<EngineInfo> engines = List.of(nvidia("only", 1, 24));
        List<Reservation> held = List.of(held("llm2", "only", DeviceKind.CUDA, 20, 0));
        assertTrue(PACK.schedule(ClusterSnapshot.of(engines, held), cuda("llm2", 20).build()).placement()
                .isPresent());
        assertTrue(PACK.schedule(ClusterSnapshot.of(engines, held), cuda("other", 20).build()).placement()
                .isEmpty());
    }

    @Test
    void earliestFinishSteersToTheFasterEngineAndSaysCalibrating() {
        List<EngineInfo> engines = List.of(nvidia("slow", 1, 24), nvidia("fast", 1, 24), nvidia("new", 1, 24));
        PerfModel.Builder m = PerfModel.builder();
        for (int i = 0; i < 5; i++) {
            m.sample("llm2", "slow", 9).sample("llm2", "fast", 1);
        }
        m.sample("llm2", "new", 1);
        SchedulerConfig cfg = new SchedulerConfig(Policy.PACK, 3, Map.of("earliestfinish", 10));
        Plan plan = new Scheduler(StandardChain.build(cfg)).schedule(new ClusterSnapshot(engines, List.of(),
                m.build()), cuda("llm2", 8).build());
        assertEquals("fast", plan.placement().orElseThrow().engineId());
        List<String> notes = plan.explanation().topScores().stream().flatMap(s -> s.notes().stream()).toList();
        assertTrue(notes.contains("earliestfinish: calibrating (1/5 samples)"), notes.toString());
    }

    @Test
    void specCaseThroughTheParser() {
        EngineInfo rtx = nvidia("rtx4090", 1, 24);
        List<Reservation> held = new ArrayList<>();
        for (String app : List.of("llm2", "text2image_stablediffusion2", "translate2")) {
            Plan p = PACK.schedule(ClusterSnapshot.of(List.of(rtx), held), parse(app));
            held.add(p.placement().orElseThrow(() -> new AssertionError(p.explanation().summary())).reservation());
        }
        List<Reservation> second = new ArrayList<>();
        for (String app : List.of("llm2", "llm2-b")) {
            second.add(PACK.schedule(ClusterSnapshot.of(List.of(rtx), second), parse(app)).placement().orElseThrow()
                    .reservation());
        }
        Plan flux = PACK.schedule(ClusterSnapshot.of(List.of(rtx), second), parse("text2image_flux"));
        assertEquals("0/1 engines fit: 1 insufficient VRAM (need 8.5 GiB, max free 7 GiB)",
                flux.explanation().summary());
    }

    private static Workload parse(String app) {
        String id = app.equals("llm2-b") ? "llm2" : app;
        Workload w = RequirementsParser.fromFields(id, "cuda", null, null, Map.of()).workload();
        return app.equals("llm2-b") ? w.withId("llm2-b") : w;
    }

    @Test
    void sameInputSamePlan() {
        List<EngineInfo> engines = List.of(nvidia("a", 2, 24), amd("b", 2, 64), cpuEngine("c"), nvidia("d", 4, 80));
        List<Reservation> held = List.of(held("x", "a", DeviceKind.CUDA, 10, 1), held("y", "d", DeviceKind.CUDA, 70, 0));
        ClusterSnapshot s = ClusterSnapshot.of(engines, held);
        Workload w = cuda("w", 8).build();
        assertEquals(PACK.schedule(s, w), PACK.schedule(s, w));
        assertEquals(PACK.schedule(s, w), scheduler(Policy.PACK).schedule(ClusterSnapshot.of(engines, held), w));
    }

    /** A Reserve that refuses engine "a": stands in for a device that vanished between filter and reserve. */
    static final class RefuseA implements Reserve {
        @Override
        public String name() {
            return "refusea";
        }

        @Override
        public Status reserve(CycleState state, Workload w, EngineState engine, ReservationDraft draft) {
            return engine.id().equals("a") ? Status.of(io.harpoon.scheduler.api.Reason.exhausted("refusea",
                    "device vanished", io.harpoon.scheduler.api.Unit.NONE, 0, 0, 0)) : Status.SUCCESS;
        }
    }

    @Test
    void aFailedReserveFallsBackToTheNextEngineAndSaysWhy() {
        PluginRegistry reg = StandardChain.registry().with("refusea", c -> new RefuseA());
        PlacementChain chain = PlacementChain.builder(reg, SchedulerConfig.DEFAULTS)
                .preFilter("resourcefit").filter("devicekind").filter("resourcefit")
                .score("spreadpack").reserve("gpupinning").reserve("refusea").build();
        List<EngineInfo> engines = List.of(nvidia("a", 1, 24), nvidia("b", 1, 24));
        List<Reservation> held = List.of(held("x", "a", DeviceKind.CUDA, 8, 0));
        Plan plan = new Scheduler(chain).schedule(ClusterSnapshot.of(engines, held), cuda("w", 4).build());
        assertEquals("b", plan.placement().orElseThrow().engineId());
        long bScore = plan.explanation().topScores().stream().filter(l -> l.engineId().equals("b")).findFirst()
                .orElseThrow().total();
        assertEquals(bScore, plan.placement().get().score());
        assertEquals("1/2 engines fit, chose b (score " + bScore + "): 1 device vanished",
                plan.explanation().summary());
        assertEquals("refusea", plan.explanation().verdicts().get(0).plugin());
    }
}
