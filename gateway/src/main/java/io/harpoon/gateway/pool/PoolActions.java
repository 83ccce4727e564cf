package io.harpoon.gateway.pool;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.harpoon.engines.exapp.DevicePins;
import io.harpoon.engines.exapp.ExAppActions;
import io.harpoon.engines.exapp.ExAppRequest;
import io.harpoon.gateway.routing.Decision;
import io.harpoon.scheduler.api.DockerDevices;
import io.harpoon.scheduler.api.Placement;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.explain.ExplanationJson;
import io.harpoon.scheduler.requirements.RequirementsParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /docker/exapp/<action>} on the pool port, blocking (the caller runs it on a virtual thread).
 *
 * <table>
 *   <caption>Actions on the pool</caption>
 *   <tr><td>create</td><td>place with the scheduler, create on the chosen engine with pinned GPUs; no fit: 503
 *       {@code {"message": summary, "summary", "explanation"}}; the engine's refusal (409...) as it answered</td></tr>
 *   <tr><td>start</td><td>on the placed engine; placement LOST: placed again and created there first</td></tr>
 *   <tr><td>stop, wait_for_start, exists, install_certificates</td><td>on the placed engine; unknown container:
 *       answered as an engine without it would (404 / {@code exists:false}); LOST: stop is "already stopped",
 *       exists is false (a redeploy then creates it on a live engine)</td></tr>
 *   <tr><td>remove</td><td>on the placed engine, then the reservation is released (kept as home without
 *       {@code remove_data})</td></tr>
 *   <tr><td>image_remove</td><td>on every UP engine; deleted when deleted everywhere, bytes summed</td></tr>
 * </table>
 */
final class PoolActions {
    private static final Logger LOG = LoggerFactory.getLogger(PoolActions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;
    private final EngineCalls engines;

    PoolActions(Pool pool, EngineCalls engines) {
        this.pool = requireNonNull(pool, "pool");
        this.engines = requireNonNull(engines, "engines");
        pool.onEngineBack(this::removeStale);
    }

    /**
     * An engine that was lost is back: the containers of ExApps that moved away meanwhile are still there (and
     * would run twice). Remove them, keeping their volumes (the data may still be wanted); an ExApp whose
     * placement came back to this engine keeps its container.
     */
    void removeStale(int port) {
        for (String c : pool.containers().stale(port)) {
            int now = pool.route(c).map(Pool.Route::port).orElse(-1);
            if (now == port) {
                pool.containers().removeStale(c, port);
                continue;
            }
            PoolStore.Row row = pool.containers().get(c).orElse(null);
            ObjectNode req = JSON.createObjectNode();
            try {
                JsonNode body = row == null ? JSON.createObjectNode() : JSON.readTree(row.createBody());
                for (String f : List.of("name", "instance_id", "role_suffix")) {
                    if (body.hasNonNull(f)) {
                        req.set(f, body.get(f));
                    }
                }
            } catch (IOException e) {
                LOG.warn("Pool: stale {} on engine {}: stored body unreadable: {}", c, port, e.toString());
                continue;
            }
            req.put("remove_data", false);
            Decision.Respond r = engines.exapp(port, "remove", req.toString().getBytes(StandardCharsets.UTF_8))
                    .join();
            if (r.status() == 204) {
                LOG.info("Pool: removed {} from engine {}: it moved while that engine was lost", c, port);
                pool.containers().removeStale(c, port);
            } else {
                LOG.warn("Pool: could not remove stale {} from engine {}: {} {}", c, port, r.status(),
                        new String(r.body(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Thrown by the bind step so the scheduler rolls the reservation back; carries the engine's answer. */
    private static final class EngineRefused extends Exception {
        private final transient Decision.Respond response;

        EngineRefused(Decision.Respond response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    Decision.Respond run(String action, byte[] body) {
        if (!ExAppActions.known(action)) {
            return Decision.Respond.text(404, "unknown Docker action: " + action);
        }
        JsonNode json;
        ExAppRequest r;
        try {
            json = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            if (json == null || !json.isObject()) {
                return Decision.Respond.text(400, "Payload validation error: body must be a JSON object");
            }
            if (action.equals("image_remove")) {
                return imageRemove(body);
            }
            r = ExAppRequest.parse(json);
        } catch (IOException e) {
            return Decision.Respond.text(400, "Payload validation error: body is not JSON");
        } catch (RuntimeException e) {
            return Decision.Respond.text(400, "Payload validation error: " + e.getMessage());
        }
        String c = r.container();
        if (action.equals("create")) {
            return create(c, (ObjectNode) json);
        }
        pool.service(); // opens the store on the first pool action
        Optional<Pool.Route> route = pool.route(c);
        if (route.isEmpty() || route.get().port() < 0) {
            return unknown(action, c);
        }
        Pool.Route rt = route.get();
        if (!rt.lost() && action.equals("start") && pool.isDown(rt.port())) {
            pool.markLost(rt.port(), "down when start was called"); // missed or raced the registry's event
            rt = pool.route(c).orElse(rt);
        }
        if (rt.lost()) {
            return lost(action, c, rt, r);
        }
        Decision.Respond res = engines.exapp(rt.port(), action, body).join();
        if (action.equals("remove") && (res.status() == 204 || res.status() == 409)) {
            boolean removeData = json.path("remove_data").asBoolean(false) && res.status() == 204;
            pool.service().release(rt.workloadId(), removeData);
            if (removeData) {
                pool.containers().remove(c);
                pool.forget(c);
            } else {
                pool.refreshRoute(c, rt.workloadId());
            }
        }
        return res;
    }

    private Decision.Respond create(String container, ObjectNode json) {
        Workload w;
        try {
            w = RequirementsParser.parse(json).workload();
        } catch (IllegalArgumentException e) {
            return Decision.Respond.text(400, "Payload validation error: " + e.getMessage());
        }
        return place(container, w, json);
    }

    /** Scheduler cycle with the engine's create as the bind step. */
    private Decision.Respond place(String container, Workload w, ObjectNode json) {
        pool.service();
        pool.refreshEngines();
        AtomicReference<Decision.Respond> created = new AtomicReference<>();
        Plan plan;
        try {
            plan = pool.service().place(w, p -> {
                Decision.Respond res = createOn(p, json);
                created.set(res);
                if (res.status() != 201) {
                    throw new EngineRefused(res);
                }
            });
        } catch (EngineRefused e) {
            return e.response;
        } catch (Exception e) {
            LOG.warn("Pool: placing {} failed", w.id(), e);
            return Decision.Respond.text(500, "docker/exapp/create on the pool: " + e);
        }
        if (plan instanceof Plan.Refused refused) {
            LOG.warn("Pool: {} not placed: {}", w.id(), refused.explanation().summary());
            ObjectNode out = JSON.createObjectNode().put("message", refused.explanation().summary())
                    .put("summary", refused.explanation().summary());
            try {
                out.set("explanation", JSON.readTree(ExplanationJson.write(refused.explanation())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Decision.Respond.json(503, out.toString());
        }
        LOG.info("Pool: {} placed: {}", w.id(), plan.explanation().summary());
        pool.containers().put(container, w.id(), json.toString());
        pool.refreshRoute(container, w.id());
        return created.get();
    }

    /**
     * The engine's create with the placement's devices: pinned NVIDIA ids or ROCm device paths (kfd plus one render
     * node per GPU), and its environment entries.
     */
    private Decision.Respond createOn(Placement p, ObjectNode json) {
        int port = PoolInventory.port(p.engineId()).orElseThrow();
        String image = json.hasNonNull("image_id") ? json.path("image_id").asText() : json.path("image").asText("");
        if (!image.isEmpty()) { // AppAPI's pull through the pool reached one engine only
            List<Integer> others = pool.upEngines().stream().filter(x -> x != port).toList();
            Decision.Respond ensured = engines.ensureImage(port, image, others).join();
            if (ensured.status() != 200) {
                return ensured;
            }
        }
        DockerDevices d = p.dockerDevices();
        ObjectNode body = json.deepCopy();
        if (!d.environment().isEmpty()) {
            ArrayNode env = body.putArray("environment_variables");
            for (JsonNode v : json.path("environment_variables")) {
                String kv = v.asText("");
                int eq = kv.indexOf('=');
                if (eq <= 0 || !d.environment().containsKey(kv.substring(0, eq))) {
                    env.add(kv);
                }
            }
            d.environment().forEach((k, v) -> env.add(k + "=" + v));
        }
        return engines.exapp(port, "create", body.toString().getBytes(StandardCharsets.UTF_8),
                new DevicePins(d.nvidiaDeviceIds(), d.devicePaths())).join();
    }

    private Decision.Respond lost(String action, String c, Pool.Route rt, ExAppRequest r) {
        switch (action) {
            case "start" -> {
                Optional<PoolStore.Row> row = pool.containers().get(c);
                if (row.isEmpty()) {
                    return unknown(action, c);
                }
                ObjectNode json;
                Workload w;
                try {
                    json = (ObjectNode) JSON.readTree(row.get().createBody());
                    w = RequirementsParser.parse(json).workload();
                } catch (IOException | RuntimeException e) {
                    return Decision.Respond.text(500, "pool: stored create body of " + c + " unreadable: " + e);
                }
                LOG.warn("Pool: {} was on lost engine {}; placing it again", c, rt.port());
                Decision.Respond created = place(c, w, json);
                if (created.status() != 201) {
                    return created;
                }
                int port = pool.route(c).map(Pool.Route::port).orElseThrow();
                if (port != rt.port() && rt.port() > 0) {
                    pool.containers().addStale(c, rt.port()); // removed there when that engine is back
                }
                return engines.exapp(port, "start", requestBody(r)).join();
            }
            case "stop" -> {
                return Decision.Respond.text(200, "Container already stopped");
            }
            case "exists" -> {
                return Decision.Respond.json(200, "{\"exists\":false}");
            }
            case "remove" -> {
                boolean removeData = r.body().path("remove_data").asBoolean(false);
                pool.service().release(rt.workloadId(), removeData);
                if (removeData) {
                    pool.containers().remove(c);
                    pool.forget(c);
                }
                return new Decision.Respond(204, "text/plain", new byte[0]);
            }
            default -> {
                return Decision.Respond.text(503, action + ": the Docker engine on port " + rt.port() + " holding "
                        + c + " is lost; the next start places it on another engine");
            }
        }
    }

    private static byte[] requestBody(ExAppRequest r) {
        return r.body().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Answers as an engine that does not have the container. */
    private static Decision.Respond unknown(String action, String c) {
        return switch (action) {
            case "exists" -> Decision.Respond.json(200, "{\"exists\":false}");
            case "remove" -> new Decision.Respond(204, "text/plain", new byte[0]);
            case "wait_for_start" -> Decision.Respond.json(200,
                    "{\"started\":false,\"status\":\"not_found\",\"health\":null,\"reason\":\"not_found\"}");
            default -> Decision.Respond.text(404, "Container " + c + " not found");
        };
    }

    private Decision.Respond imageRemove(byte[] body) throws IOException {
        List<Integer> up = pool.upEngines();
        if (up.isEmpty()) {
            return Decision.Respond.text(503, "image_remove: no Docker engine is up behind the pool");
        }
        boolean deleted = true;
        long freed = 0;
        String reason = null;
        for (int port : up) {
            Decision.Respond res = engines.exapp(port, "image_remove", body).join();
            if (res.status() != 200) {
                return res;
            }
            JsonNode j = JSON.readTree(res.body());
            deleted &= j.path("deleted").asBoolean(false);
            freed += j.path("bytes_freed").asLong(0);
            if (!j.path("deleted").asBoolean(false)) {
                reason = j.path("reason").asText("in_use");
            }
        }
        ObjectNode out = JSON.createObjectNode().put("deleted", deleted);
        if (deleted) {
            out.put("bytes_freed", freed);
        } else {
            out.put("reason", reason);
        }
        return Decision.Respond.json(200, out.toString());
    }
}
