package io.harpoon.engines.exapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker part of the control API, {@code POST /docker/exapp/<action>} (spec §8.4, §8.5), against the engine that
 * {@code docker-engine-port} names. Each action runs on its own virtual thread under HaRP's time limit; past it the
 * thread is interrupted and AppAPI gets {@code 504}.
 *
 * <table>
 *   <caption>Actions and limits</caption>
 *   <tr><td>exists</td><td>15 s</td><td>{@code {"exists":bool[,"image_ref"]}}</td></tr>
 *   <tr><td>create</td><td>60 s</td><td>201 {@code {"id","name"}}, 409 exists</td></tr>
 *   <tr><td>start / stop</td><td>30 s</td><td>204, or 200 "Container already started|stopped", 404</td></tr>
 *   <tr><td>wait_for_start</td><td>100 s (180 polls × 0.5 s)</td><td>{@code {"started","status","health"[,"reason"]}}</td></tr>
 *   <tr><td>remove</td><td>60 s</td><td>204, 409 volume in use</td></tr>
 *   <tr><td>image_remove</td><td>60 s</td><td>{@code {"deleted"[,"bytes_freed"][,"reason"]}}</td></tr>
 *   <tr><td>install_certificates</td><td>120 s</td><td>204, 404</td></tr>
 * </table>
 */
public final class ExAppActions implements AutoCloseable, io.harpoon.engines.registry.EngineListener {
    private static final Logger LOG = LoggerFactory.getLogger(ExAppActions.class);
    static final Map<String, Duration> LIMITS = Map.of("exists", Duration.ofSeconds(15), "create",
            Duration.ofSeconds(60), "start", Duration.ofSeconds(30), "stop", Duration.ofSeconds(30),
            "wait_for_start", Duration.ofSeconds(100), "remove", Duration.ofSeconds(60), "image_remove",
            Duration.ofSeconds(60), "install_certificates", Duration.ofSeconds(120));

    private final EngineRegistry engines;
    private final Optional<Path> frpCerts;
    private final MeterRegistry meters;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final PendingCleanups pending = new PendingCleanups();
    private final Map<String, Duration> limits;

    /** @param frpCerts directory with {@code ca.crt}, {@code client.crt}, {@code client.key}; empty: FRP TLS off */
    public ExAppActions(EngineRegistry engines, Optional<Path> frpCerts, MeterRegistry meters) {
        this(engines, frpCerts, meters, LIMITS);
    }

    /** @param limits per-action time limits (tests shorten them; production uses {@link #LIMITS}) */
    public ExAppActions(EngineRegistry engines, Optional<Path> frpCerts, MeterRegistry meters,
            Map<String, Duration> limits) {
        this.limits = Map.copyOf(requireNonNull(limits, "limits"));
        this.engines = requireNonNull(engines, "engines");
        this.frpCerts = requireNonNull(frpCerts, "frpCerts");
        this.meters = requireNonNull(meters, "meters");
        engines.addListener(this);
    }

    /** An engine is back: finish the clean-ups of creates that failed while it was gone. */
    @Override
    public void engineUp(io.harpoon.engines.registry.EngineView view) {
        if (pending.pending(view.port()) > 0) {
            engines.engine(view.port()).ifPresent(e -> threads.submit(() -> pending.run(view.port(), e.docker())));
        }
    }

    @Override
    public void engineDown(io.harpoon.engines.registry.EngineView view) {
        // nothing to do: calls fail with 503 while it is down
    }

    /**
     * Makes {@code image} present on engine {@code port} before a pool {@code create} there: already there, pulled by
     * that engine, or copied from one of {@code sources} (engine ports) that has it ({@link ImageSync}). Same limit
     * as {@code create}.
     */
    public CompletableFuture<ActionResult> ensureImage(int port, String image, List<Integer> sources) {
        Duration limit = LIMITS.get("create");
        CompletableFuture<ActionResult> out = new CompletableFuture<>();
        Thread.ofVirtual().name("exapp-ensure-image-" + port).start(() -> out.complete(bounded(port,
                "image " + image, limit, () -> {
                    List<ImageSync.Source> from = new java.util.ArrayList<>();
                    for (int s : sources) {
                        engines.engine(s).filter(e -> e.status() == io.harpoon.engines.registry.Engine.Status.UP)
                                .ifPresent(e -> from.add(new ImageSync.Source(s, e.docker())));
                    }
                    String how = ImageSync.ensure(docker(port), image, from, limit.dividedBy(2));
                    return ActionResult.json(200, ActionResult.object().put("image", image).put("how", how));
                })));
        return out;
    }

    /** Clean-ups waiting for {@code port} to come back (tests, diagnostics). */
    public int pendingCleanups(int port) {
        return pending.pending(port);
    }

    public static boolean known(String action) {
        return LIMITS.containsKey(action);
    }

    /** Runs {@code action} with HaRP's limit; never completes exceptionally. */
    public CompletableFuture<ActionResult> submit(int port, String action, byte[] body) {
        return submit(port, action, body, DevicePins.NONE);
    }

    /** As above; {@code pins}: the scheduler's devices for {@code create}. */
    public CompletableFuture<ActionResult> submit(int port, String action, byte[] body, DevicePins pins) {
        CompletableFuture<ActionResult> out = new CompletableFuture<>();
        Thread.ofVirtual().name("exapp-" + action + "-" + port).start(() -> out.complete(run(port, action, body,
                pins)));
        return out;
    }

    /** Blocking form of {@link #submit}. */
    public ActionResult run(int port, String action, byte[] body, DevicePins pins) {
        Duration limit = LIMITS.containsKey(action) ? limits.getOrDefault(action, LIMITS.get(action)) : null;
        if (limit == null) {
            return ActionResult.text(404, "unknown Docker action: " + action);
        }
        long t0 = System.nanoTime();
        ActionResult r = bounded(port, action, limit, () -> dispatch(port, action, body, pins));
        String tag = Integer.toString(port);
        Timer.builder("harpoon_engine_actions").tag("engine", tag).tag("action", action)
                .tag("status", Integer.toString(r.status())).register(meters)
                .record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        if (r.status() >= 500) {
            LOG.warn("docker/exapp/{} on engine {}: {} {}", action, port, r.status(), r.bodyText());
        } else {
            LOG.debug("docker/exapp/{} on engine {}: {}", action, port, r.status());
        }
        return r;
    }

    /**
     * Runs {@code work} on its own virtual thread for at most {@code limit}; past it the thread is interrupted and
     * the answer is {@code 504}. Failures become AppAPI's statuses ({@link EngineErrors}); never throws.
     */
    private ActionResult bounded(int port, String what, Duration limit, java.util.concurrent.Callable<ActionResult> work) {
        Future<ActionResult> f = threads.submit(work);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return ActionResult.text(504, what + ": no result from the Docker engine on port " + port + " within "
                    + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return e.getCause() instanceof PayloadException p
                    ? ActionResult.text(400, "Payload validation error: " + p.getMessage())
                    : EngineErrors.map(port, what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return ActionResult.text(503, what + ": interrupted");
        }
    }

    private ActionResult dispatch(int port, String action, byte[] body, DevicePins pins) throws Exception {
        JsonNode json;
        try {
            json = ActionResult.JSON.readTree(body.length == 0 ? "{}".getBytes() : body);
        } catch (IOException e) {
            throw new PayloadException("body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new PayloadException("body must be a JSON object");
        }
        if (action.equals("image_remove")) {
            return imageRemove(docker(port), Payload.requiredString(json, "image_ref"));
        }
        if (action.equals("create")) {
            CreateSpec spec = CreateSpec.parse(json); // validate before touching the engine
            return ContainerCreator.create(docker(port), spec, pins, item -> pending.add(port, item));
        }
        ExAppRequest r = ExAppRequest.parse(json);
        DockerClient d = docker(port);
        String c = r.container();
        return switch (action) {
            case "exists" -> exists(d, c);
            case "start" -> start(d, c);
            case "stop" -> stop(d, c);
            case "wait_for_start" -> WaitForStart.run(d, c, WaitForStart.POLLS, WaitForStart.INTERVAL);
            case "remove" -> remove(d, c, Payload.optionalBool(json, "remove_data", false) ? r.volume() : null);
            case "install_certificates" -> {
                try {
                    yield CertificateInstaller.install(d, c, Payload.optionalString(json, "system_certs_bundle",
                            null), Payload.optionalBool(json, "install_frp_certs", true), frpCerts);
                } catch (NotFoundException e) {
                    yield ActionResult.text(404, "Container " + c + " not found");
                }
            }
            default -> throw new IllegalStateException(action);
        };
    }

    private DockerClient docker(int port) {
        Engine e = engines.engine(port).orElseThrow(() -> new io.harpoon.engines.transport.EngineUnavailableException(
                "no Docker engine is connected on port " + port));
        return e.docker();
    }

    static ActionResult exists(DockerClient d, String c) {
        try {
            String image = d.inspectContainerCmd(c).exec().getConfig().getImage();
            return ActionResult.json(200, ActionResult.object().put("exists", true).put("image_ref", image));
        } catch (NotFoundException e) {
            return ActionResult.json(200, ActionResult.object().put("exists", false));
        }
    }

    static ActionResult start(DockerClient d, String c) {
        try {
            d.startContainerCmd(c).exec();
            return ActionResult.noContent();
        } catch (NotModifiedException e) {
            return ActionResult.text(200, "Container already started");
        } catch (NotFoundException e) {
            return ActionResult.text(404, "Container " + c + " not found");
        }
    }

    static ActionResult stop(DockerClient d, String c) {
        try {
            d.stopContainerCmd(c).exec();
            return ActionResult.noContent();
        } catch (NotModifiedException e) {
            return ActionResult.text(200, "Container already stopped");
        } catch (NotFoundException e) {
            return ActionResult.text(404, "Container " + c + " not found");
        }
    }

    static ActionResult remove(DockerClient d, String c, String volumeOrNull) {
        try {
            d.removeContainerCmd(c).withForce(true).exec();
        } catch (NotFoundException | ConflictException e) {
            // gone already, or removal in progress: both count as removed (spec §8.5)
        }
        if (volumeOrNull != null) {
            try {
                d.removeVolumeCmd(volumeOrNull).exec();
            } catch (NotFoundException e) {
                // no data to remove
            } catch (ConflictException e) {
                return ActionResult.text(409, "Volume " + volumeOrNull + " is in use: " + EngineErrors.engineMessage(e));
            }
        }
        return ActionResult.noContent();
    }

    /**
     * {@code bytes_freed} is the image's size when its last name went (the image itself is deleted) and 0 when the
     * engine only untagged it (another name still points at the same image).
     */
    static ActionResult imageRemove(DockerClient d, String ref) {
        long size;
        String id;
        try {
            var image = d.inspectImageCmd(ref).exec();
            size = image.getSize() == null ? 0 : image.getSize();
            id = image.getId();
        } catch (NotFoundException e) {
            return ActionResult.json(200, ActionResult.object().put("deleted", true).put("bytes_freed", 0)
                    .put("reason", "not_found"));
        }
        try {
            d.removeImageCmd(ref).exec();
        } catch (NotFoundException e) {
            return ActionResult.json(200, ActionResult.object().put("deleted", true).put("bytes_freed", 0)
                    .put("reason", "not_found"));
        } catch (ConflictException e) {
            return ActionResult.json(200, ActionResult.object().put("deleted", false).put("reason", "in_use"));
        }
        long freed = size;
        try {
            d.inspectImageCmd(id).exec();
            freed = 0; // only a name was removed
        } catch (NotFoundException gone) {
            // the image itself was deleted
        }
        return ActionResult.json(200, ActionResult.object().put("deleted", true).put("bytes_freed", freed));
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
