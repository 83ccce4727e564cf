package io.harpoon.scheduler.store;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.framework.Scheduler;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.plugins.StandardChain;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementStoreTest {
    static final Scheduler S = new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS));
    static final List<EngineInfo> ENGINES = List.of(cpuEngine("cpu"), nvidia("gpu", 2, 24));

    @Test
    void placementsAndRefusalsSurviveARestart(@TempDir Path dataDir) {
        Plan placed = S.schedule(ClusterSnapshot.of(ENGINES, List.of()), cuda("llm2", 8).build());
        Plan refused = S.schedule(ClusterSnapshot.of(ENGINES, List.of()), cuda("huge", 80).build());
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            store.record(placed);
            store.record(refused);
        }
        assertTrue(PlacementStore.exists(dataDir));
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            List<StoredPlacement> rows = store.list();
            assertEquals(List.of("huge", "llm2"), rows.stream().map(StoredPlacement::workloadId).toList());
            StoredPlacement llm2 = store.get("llm2").orElseThrow();
            assertEquals(StoredPlacement.State.PLACED, llm2.state());
            assertEquals(placed.placement().orElseThrow().reservation(), llm2.reservation());
            assertEquals(placed.explanation(), llm2.explanation(), "explanation round-trips exactly");
            StoredPlacement huge = store.get("huge").orElseThrow();
            assertEquals(StoredPlacement.State.REFUSED, huge.state());
            assertEquals(refused.explanation(), huge.explanation());
            assertEquals(List.of(llm2.reservation()), store.reservations());
            assertTrue(huge.sequence() > llm2.sequence());
        }
    }

    @Test
    void latestDecisionReplacesAndRemoveForgets(@TempDir Path dataDir) {
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            store.record(S.schedule(ClusterSnapshot.of(ENGINES, List.of()), cuda("llm2", 8).build()));
            store.record(S.schedule(ClusterSnapshot.of(ENGINES, List.of()), cuda("llm2", 80).build()));
            assertEquals(StoredPlacement.State.REFUSED, store.get("llm2").orElseThrow().state());
            assertEquals(List.of(), store.reservations(), "a refusal holds nothing");
            assertTrue(store.remove("llm2"));
            assertFalse(store.remove("llm2"));
            assertEquals(List.of(), store.list());
        }
    }

    @Test
    void releasedRowsKeepTheHomeButHoldNothingAfterRestart(@TempDir Path dataDir) {
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            store.record(S.schedule(ClusterSnapshot.of(ENGINES, List.of()), cuda("llm2", 8).build()));
            assertTrue(store.release("llm2"));
            assertFalse(store.release("llm2"), "only a PLACED row is released");
        }
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            StoredPlacement row = store.get("llm2").orElseThrow();
            assertEquals(StoredPlacement.State.RELEASED, row.state());
            assertEquals("gpu", row.homeEngineId());
            assertTrue(row.held().isEmpty());
            assertEquals(List.of(), store.reservations());
        }
    }
}
