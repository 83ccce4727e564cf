package io.harpoon.gateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineView;
import io.harpoon.engines.registry.Gpu;
import io.harpoon.engines.registry.Inventory;
import io.harpoon.gateway.routing.Decision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool's action semantics against recording stand-in engines (what reaches which engine, and what the pool
 * answers itself); the same against the real dockerd is cli's PoolDeployIT.
 */
class PoolActionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One call that reached an engine. */
    record Call(int port, String action, JsonNode body, io.harpoon.engines.exapp.DevicePins pins) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<EngineView> views = new ArrayList<>();
    volatile int createStatus = 201;

    @TempDir
    Path dataDir;

    EngineCalls engines() {
        return (port, action, body, pins) -> {
            try {
                calls.add(new Call(port, action, JSON.readTree(body), pins));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            Decision.Respond r = switch (action) {
                case "create" -> createStatus == 201 ? Decision.Respond.json(201, "{\"id\":\"x\",\"name\":\"n\"}")
                        : Decision.Respond.text(createStatus, "Conflict");
                case "exists" -> Decision.Respond.json(200, "{\"exists\":true,\"image_ref\":\"img\"}");
                case "image_remove" -> Decision.Respond.json(200, "{\"deleted\":true,\"bytes_freed\":10}");
                default -> new Decision.Respond(204, "text/plain", new byte[0]);
            };
            return CompletableFuture.completedFuture(r);
        };
    }

    static EngineView engine(int port, Engine.Status status, Gpu... gpus) {
        Inventory inv = new Inventory("28.0", "linux", 8, 32L << 30, List.of("runc"), List.of(), List.of(gpus),
                List.of(), List.of(), Map.of(), gpus.length > 0);
        return new EngineView(port, "e" + port, "test", status, "", Instant.EPOCH, "1.44", "1.44", inv);
    }

    static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String create(String app, String device, String... env) {
        StringBuilder vars = new StringBuilder("\"APP_ID=" + app + "\",\"NVIDIA_VISIBLE_DEVICES=all\"");
        for (String e : env) {
            vars.append(",\"").append(e).append('"');
        }
        return "{\"name\":\"" + app + "\",\"instance_id\":\"\",\"image_id\":\"img\",\"compute_device\":\"" + device
                + "\",\"environment_variables\":[" + vars + "]}";
    }

    static String text(Decision.Respond r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void createPinsGpusAndLaterCallsFollowThePlacement() throws Exception {
        views.add(engine(24000, Engine.Status.UP));
        views.add(engine(24001, Engine.Status.UP, new Gpu("nvidia", 0, "A", 24L << 30, "declared"),
                new Gpu("nvidia", 1, "B", 48L << 30, "declared")));
        try (Pool pool = new Pool(dataDir, () -> List.copyOf(views))) {
            PoolActions a = new PoolActions(pool, engines());
            Decision.Respond created = a.run("create", body(create("llm", "cuda", "HARPOON_VRAM=30GiB")));
            assertEquals(201, created.status(), text(created));
            Call c = calls.get(0);
            assertEquals(24001, c.port());
            assertEquals(List.of("1"), c.pins().nvidiaIds(), "only GPU 1 has 30.5 GiB");
            assertEquals("[\"APP_ID=llm\",\"HARPOON_VRAM=30GiB\",\"NVIDIA_VISIBLE_DEVICES=1\"]",
                    c.body().path("environment_variables").toString(), "replaces HaRP's all");

            assertEquals(204, a.run("start", body("{\"name\":\"llm\"}")).status());
            assertEquals(24001, calls.get(1).port());
            assertTrue(text(a.run("exists", body("{\"name\":\"llm\"}"))).contains("true"));

            Decision.Respond none = a.run("create", body(create("big", "cuda", "HARPOON_VRAM=100GiB")));
            assertEquals(503, none.status());
            JsonNode j = JSON.readTree(none.body());
            assertTrue(j.path("summary").asText().startsWith("0/2 engines fit: "), j.toString());
            assertEquals(j.path("summary"), j.path("message"));
            assertEquals(2, j.path("explanation").path("verdicts").size());
            assertEquals(3, calls.size(), "a refusal reaches no engine");

            Decision.Respond removed = a.run("remove", body("{\"name\":\"llm\",\"remove_data\":true}"));
            assertEquals(204, removed.status());
            assertEquals("{\"exists\":false}", text(a.run("exists", body("{\"name\":\"llm\"}"))));
            assertTrue(pool.service().reservations().isEmpty());
        }
    }

    @Test
    void unknownContainersAndBadBodiesAreAnsweredByThePool() {
        try (Pool pool = new Pool(dataDir, () -> List.copyOf(views))) {
            PoolActions a = new PoolActions(pool, engines());
            assertEquals("{\"exists\":false}", text(a.run("exists", body("{\"name\":\"x\"}"))));
            assertEquals(404, a.run("start", body("{\"name\":\"x\"}")).status());
            assertEquals(204, a.run("remove", body("{\"name\":\"x\"}")).status());
            assertTrue(text(a.run("wait_for_start", body("{\"name\":\"x\"}"))).contains("not_found"));
            assertEquals(400, a.run("create", body("[]")).status());
            assertEquals(400, a.run("start", body("{}")).status());
            assertEquals(404, a.run("pause", body("{}")).status());
            assertEquals(503, a.run("image_remove", body("{\"image_ref\":\"img\"}")).status(), "no engine up");
            assertTrue(calls.isEmpty());
        }
    }

    @Test
    void anEngineRefusingTheCreateRollsTheReservationBack() {
        views.add(engine(24000, Engine.Status.UP));
        createStatus = 409;
        try (Pool pool = new Pool(dataDir, () -> List.copyOf(views))) {
            PoolActions a = new PoolActions(pool, engines());
            assertEquals(409, a.run("create", body(create("app", "cpu"))).status());
            assertTrue(pool.service().reservations().isEmpty());
            assertEquals(404, a.run("start", body("{\"name\":\"app\"}")).status(), "never created");
        }
    }

    @Test
    void aLostEnginesExAppIsCreatedElsewhereOnStart() {
        views.add(engine(24001, Engine.Status.UP));
        try (Pool pool = new Pool(dataDir, () -> List.copyOf(views))) {
            PoolActions a = new PoolActions(pool, engines());
            assertEquals(201, a.run("create", body(create("app", "cpu"))).status());
            assertEquals(24001, calls.get(0).port());
            views.set(0, engine(24001, Engine.Status.DOWN));
            views.add(engine(24000, Engine.Status.UP));
            pool.engineDown(views.get(0));
            assertEquals("Container already stopped", text(a.run("stop", body("{\"name\":\"app\"}"))));
            assertEquals("{\"exists\":false}", text(a.run("exists", body("{\"name\":\"app\"}"))));
            assertEquals(503, a.run("install_certificates", body("{\"name\":\"app\"}")).status());
            calls.clear();
            assertEquals(204, a.run("start", body("{\"name\":\"app\",\"instance_id\":\"\"}")).status());
            assertEquals(List.of("create", "start"), calls.stream().map(Call::action).toList());
            assertTrue(calls.stream().allMatch(c -> c.port() == 24000), calls.toString());
            assertEquals("APP_ID=app", calls.get(0).body().path("environment_variables").path(0).asText(),
                    "created from the stored body");
            assertEquals(2, a.run("image_remove", body("{\"image_ref\":\"img\"}")).status() / 100);

            // the lost engine returns: the old container there is removed (data kept), the new one untouched
            calls.clear();
            views.set(0, engine(24001, Engine.Status.UP));
            pool.engineUp(views.get(0));
            long end = System.nanoTime() + 5_000_000_000L;
            while (calls.isEmpty() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            assertEquals(1, calls.size(), calls.toString());
            assertEquals(24001, calls.get(0).port());
            assertEquals("remove", calls.get(0).action());
            assertEquals("app", calls.get(0).body().path("name").asText());
            assertFalse(calls.get(0).body().path("remove_data").asBoolean(true));
            assertEquals(24000, pool.route("nc_app_app").orElseThrow().port(), "the ExApp stays where it moved");
            while (!pool.containers().stale(24001).isEmpty() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            assertTrue(pool.containers().stale(24001).isEmpty(), "done once removed");
        }
    }

    @Test
    void anEngineThatNeverReconnectsAfterARestartIsLostAfterTheGrace() {
        views.add(engine(24001, Engine.Status.UP));
        try (Pool pool = new Pool(dataDir, () -> List.copyOf(views))) {
            assertEquals(201, new PoolActions(pool, engines()).run("create", body(create("app", "cpu"))).status());
        }
        views.clear(); // gateway restarted: 24001's frpc never comes back, 24000 is there
        views.add(engine(24000, Engine.Status.UP));
        long[] now = {0};
        try (Pool pool = new Pool(dataDir, () -> List.copyOf(views), () -> now[0])) {
            PoolActions a = new PoolActions(pool, engines());
            calls.clear();
            ActionResultCheck.startWithin(a, "grace: still waiting for 24001", 24001, calls);
            now[0] = Pool.ABSENT_GRACE.toNanos() + 1;
            calls.clear();
            assertEquals(204, a.run("start", body("{\"name\":\"app\"}")).status());
            assertEquals(List.of("create", "start"), calls.stream().map(Call::action).toList());
            assertTrue(calls.stream().allMatch(c -> c.port() == 24000), calls.toString());
        }
    }

    /** Start inside the grace: the pool still sends it to the absent engine (whose stand-in answers 204). */
    static final class ActionResultCheck {
        static void startWithin(PoolActions a, String why, int port, List<Call> calls) {
            a.run("start", body("{\"name\":\"app\"}"));
            assertEquals(List.of("start"), calls.stream().map(Call::action).toList(), why);
            assertEquals(port, calls.get(0).port(), why);
        }
    }

    @Test
    void startFindsAnEngineTheRegistryAlreadyHasDown() {
        views.add(engine(24001, Engine.Status.UP));
        views.add(engine(24000, Engine.Status.UP));
        try (Pool pool = new Pool(dataDir, () -> List.copyOf(views))) {
            PoolActions a = new PoolActions(pool, engines());
            assertEquals(201, a.run("create", body(create("app", "cpu", "HARPOON_ANTI_AFFINITY=other"))).status());
            int first = calls.get(0).port();
            views.replaceAll(v -> v.port() == first ? engine(first, Engine.Status.DOWN) : v);
            calls.clear();
            assertEquals(204, a.run("start", body("{\"name\":\"app\"}")).status());
            assertTrue(calls.stream().allMatch(c -> c.port() != first), calls.toString());
        }
    }
}
