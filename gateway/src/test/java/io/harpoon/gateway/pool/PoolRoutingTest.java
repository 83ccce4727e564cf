package io.harpoon.gateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.engines.registry.InventoryOverrides;
import io.harpoon.gateway.routing.EngineRoutes;
import io.harpoon.gateway.routing.EngineRoutes.Target;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.store.PlacementStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's pass-through decisions without engines; the end-to-end test is cli's PoolDeployIT. */
class PoolRoutingTest {
    static final int POOL = 24999;
    @TempDir
    Path dataDir;
    EngineRegistry registry;

    @BeforeEach
    void registry() {
        registry = new EngineRegistry(EngineRegistry.Settings.DEFAULT, InventoryOverrides.NONE,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void pingIsAnsweredUnknownContainersAre404AndEnginePortsPassThrough() {
        try (Pool pool = new Pool(dataDir, registry)) {
            PoolRouting r = new PoolRouting(EngineRoutes.DIRECT, pool, POOL);
            assertTrue(r.accepts(POOL) && r.accepts(24000) && !r.accepts(25000));
            assertTrue(r.describePorts().contains("24999"));
            Target.Answer ping = (Target.Answer) r.route(POOL, "HEAD", "/v1.44/_ping");
            assertEquals(200, ping.response().status());
            Target.Answer missing = (Target.Answer) r.route(POOL, "GET", "/v1.44/containers/nc_app_x/json");
            assertEquals(404, missing.response().status());
            assertEquals("{\"message\":\"No such container: nc_app_x\"}",
                    new String(missing.response().body(), StandardCharsets.UTF_8));
            Target.Answer noEngine = (Target.Answer) r.route(POOL, "POST", "/v1.44/images/create");
            assertEquals(503, noEngine.response().status());
            assertEquals(new Target.Engine(24001, "/v1.44/_ping"), r.route(24001, "GET", "/v1.44/_ping"));
            assertFalse(Files.exists(dataDir.resolve("scheduler")), "nothing written before the pool is used");
        }
    }

    @Test
    void aRestartedPoolRoutesContainersByTheStoredPlacement() throws Exception {
        try (Pool pool = new Pool(dataDir, registry)) {
            var svc = pool.service();
            svc.engines(List.of(EngineInfo.builder("engine-24001").cores(4).memoryGiB(8).build()));
            svc.place(Workload.builder("app").memoryGiB(1).build(), p -> { });
            pool.containers().put("nc_app_app", "app", "{\"name\":\"app\"}");
        }
        assertTrue(PlacementStore.exists(dataDir));
        try (Pool pool = new Pool(dataDir, registry)) {
            PoolRouting r = new PoolRouting(EngineRoutes.DIRECT, pool, POOL);
            assertEquals(new Target.Engine(24001, "/v1.44/containers/nc_app_app/logs"),
                    r.route(POOL, "GET", "/v1.44/containers/nc_app_app/logs"));
            pool.engineDown(new io.harpoon.engines.registry.EngineView(24001, "gpu", "test",
                    io.harpoon.engines.registry.Engine.Status.DOWN, "gone", java.time.Instant.EPOCH, "", "",
                    io.harpoon.engines.registry.Inventory.UNKNOWN));
            assertTrue(pool.route("nc_app_app").orElseThrow().lost(), "marked for re-placement on start");
            assertEquals(24001, pool.route("nc_app_app").orElseThrow().port());
        }
    }
}
