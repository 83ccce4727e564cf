package io.harpoon.scheduler.service;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.model.PerfHistory;
import io.harpoon.scheduler.store.PlacementStore;
import io.harpoon.scheduler.store.StoredPlacement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementServiceTest {
    static final List<EngineInfo> ENGINES = List.of(nvidia("rtx", 1, 24));
    static final String LLM2 = """
            {"name":"llm2","instance_id":"","compute_device":"cuda","environment_variables":[]}""";
    static final String FLUX = """
            {"name":"text2image_flux","instance_id":"","compute_device":"cuda","environment_variables":[]}""";

    @Test
    void reservesBindsAndKeepsReservationsAcrossRestart(@TempDir Path dataDir) {
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            svc.engines(ENGINES);
            Plan first = svc.place(LLM2);
            assertEquals(List.of(0), first.placement().orElseThrow().reservation().gpuIds());
            assertTrue(svc.place(FLUX).placement().isPresent());
            assertEquals(2, svc.reservations().size());
        }
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            svc.engines(ENGINES);
            assertEquals(2, svc.reservations().size(), "reservations reloaded from the store");
            // 24 - 8.5 - 8.5 = 7 GiB left: a third 8 GiB app is refused, with the reason stored.
            Plan third = svc.place(LLM2.replace("\"llm2\"", "\"text2image_stablediffusion2\""));
            assertEquals("0/1 engines fit: 1 insufficient VRAM (need 8.5 GiB, max free 7 GiB)",
                    third.explanation().summary());
            assertEquals(third.explanation(), svc.placement("text2image_stablediffusion2").orElseThrow()
                    .explanation());
            // Re-creating llm2 (HaRP: exists, remove, create) replaces its own reservation instead of doubling it.
            assertTrue(svc.place(LLM2).placement().isPresent());
            assertEquals(2, svc.reservations().size());
            assertTrue(svc.release("llm2", true));
            assertFalse(svc.release("llm2", true));
            assertTrue(svc.place(LLM2.replace("\"llm2\"", "\"text2image_stablediffusion2\"")).placement()
                    .isPresent());
        }
    }

    @Test
    void aLostEngineFreesItsExAppsToMoveAndARestoredOneTakesThemBack(@TempDir Path dataDir) {
        List<EngineInfo> two = List.of(nvidia("a", 1, 24), nvidia("b", 1, 24));
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            svc.engines(two);
            assertEquals("a", svc.place(LLM2).placement().orElseThrow().engineId());
            assertEquals(List.of("llm2"), svc.markLost("a"));
            assertEquals(StoredPlacement.State.LOST, store.get("llm2").orElseThrow().state());
            assertEquals("", store.get("llm2").orElseThrow().homeEngineId(), "its data is out of reach");
            assertEquals(List.of(), svc.reservations());
            assertEquals(List.of("llm2"), svc.restore("a"), "back before anything moved");
            assertEquals(1, svc.reservations().size());
            assertEquals(List.of(), svc.restore("a"));

            svc.markLost("a");
            svc.engines(List.of(two.get(1)));
            assertEquals("b", svc.place(LLM2).placement().orElseThrow().engineId(), "not bound to the lost home");
            assertEquals(List.of(), svc.restore("a"), "placed elsewhere: nothing to take back");
        }
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            assertEquals("b", svc.reservations().get(0).engineId());
        }
    }

    @Test
    void previewCommitsNothing(@TempDir Path dataDir) {
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            svc.engines(ENGINES);
            assertTrue(svc.preview(cuda("w", 8).build()).placement().isPresent());
            assertEquals(List.of(), svc.reservations());
            assertEquals(List.of(), store.list());
        }
    }

    @Test
    void anExAppReturnsToTheEngineHoldingItsDataUntilTheDataIsRemoved(@TempDir Path dataDir) {
        List<EngineInfo> two = List.of(nvidia("a", 1, 24), nvidia("b", 1, 24));
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            svc.engines(two);
            assertEquals("a", svc.place(LLM2).placement().orElseThrow().engineId());
            // Update: remove keeping data, then create. Meanwhile something else took most of engine a.
            assertTrue(svc.release("llm2", false));
            assertEquals(StoredPlacement.State.RELEASED, store.get("llm2").orElseThrow().state());
            assertEquals(List.of(), svc.reservations());
            assertEquals("a", svc.place(cuda("squatter", 20).build()).placement().orElseThrow().engineId());
            Plan back = svc.place(LLM2);
            assertEquals("0/2 engines fit: 1 data volume on another engine, "
                    + "1 insufficient VRAM (need 8.5 GiB, max free 4 GiB)", back.explanation().summary());
            // A refusal forgets the home only when the data goes too; here the row still names engine a.
            svc.release("squatter", true);
            assertEquals("a", svc.place(LLM2).placement().orElseThrow().engineId());
            // Unregister with --rm-data: free to move.
            svc.release("llm2", true);
            svc.place(cuda("squatter", 20).build());
            assertEquals("b", svc.place(LLM2).placement().orElseThrow().engineId());
        }
    }

    @Test
    void concurrentCreatesNeverShareTheLastGigabytes(@TempDir Path dataDir) throws Exception {
        List<EngineInfo> fleet = List.of(nvidia("a", 2, 24), nvidia("b", 1, 48), cpuEngine("c"));
        int threads = 8;
        int perThread = 25;
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            svc.engines(fleet);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Thread> ts = new java.util.ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int tt = t;
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            svc.place(cuda("app-" + tt + "-" + i, 1 + (i % 6)).build());
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                th.start();
                ts.add(th);
            }
            start.countDown();
            for (Thread th : ts) {
                th.join();
            }
            assertEquals(List.of(), errors);
            io.harpoon.scheduler.testing.Invariants.assertNothingOverCommitted(fleet, svc.reservations());
            assertEquals(svc.reservations().size(), store.reservations().size(), "memory and store agree");
            assertEquals(threads * perThread, store.list().size(), "every decision stored");
        }
    }

    @Test
    void bindSeesItsCapacityHeldAndAFailedBindRollsBack(@TempDir Path dataDir) throws Exception {
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            PlacementService svc = new PlacementService(SchedulerConfig.DEFAULTS, store, new PerfHistory());
            svc.engines(List.of(nvidia("rtx", 1, 24)));
            List<String> during = new java.util.ArrayList<>();
            Plan ok = svc.place(cuda("big", 20).build(), p -> {
                // While this bind runs (docker create), the 20 GiB already count: a rival is refused.
                during.add(svc.place(cuda("rival", 20).build()).explanation().summary());
                during.add(p.dockerDevices().environment().get("NVIDIA_VISIBLE_DEVICES"));
            });
            assertTrue(ok.placement().isPresent());
            assertEquals(List.of("0/1 engines fit: 1 insufficient VRAM (need 20 GiB, max free 4 GiB)", "0"), during);
            assertEquals(StoredPlacement.State.PLACED, store.get("big").orElseThrow().state());

            IllegalStateException boom = new IllegalStateException("docker create: 500");
            IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> svc.place(cuda("small", 2).build(), p -> {
                        throw boom;
                    }));
            assertEquals(boom, thrown);
            assertEquals(List.of("big"), svc.reservations().stream().map(r -> r.workloadId()).toList());
            assertTrue(store.get("small").isEmpty(), "a failed bind stores nothing");
        }
    }
}
