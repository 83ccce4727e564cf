package io.harpoon.gateway.pool;

import static java.util.Objects.requireNonNull;

import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineListener;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.engines.registry.EngineView;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.model.PerfHistory;
import io.harpoon.scheduler.service.PlacementService;
import io.harpoon.scheduler.store.PlacementStore;
import io.harpoon.scheduler.store.StoredPlacement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's state: the scheduler's {@link PlacementService} over the placement store, the pool's container table,
 * and an in-memory copy of "container → engine port" that the pass-through reads on the event loop without I/O.
 *
 * <pre>
 *   registry ──engineUp/Down──► Pool ──► service.engines(UP engines)   (inventory for the next placement)
 *                                  └──► down: service.markLost(engine) (rows LOST; next start re-places)
 *                                  └──► up:   service.restore(engine)  (rows still LOST are PLACED again)
 * </pre>
 *
 * The store is opened at start when it already exists (a restarted gateway routes at once), otherwise on the
 * first pool action, so a gateway that never sees the pool writes nothing to its data dir.
 */
public final class Pool implements EngineListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);

    /** Where a container lives: its ExApp id, its engine port (-1 before the first placement), lost or not. */
    record Route(String workloadId, int port, boolean lost) {
    }

    private final Path dataDir;
    private final Supplier<List<EngineView>> views;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Set<String> skippedLogged = ConcurrentHashMap.newKeySet();
    private volatile PlacementService service;
    private volatile boolean closed;
    /** How long an engine may stay unknown after a gateway start before its ExApps count as lost. */
    static final java.time.Duration ABSENT_GRACE = java.time.Duration.ofSeconds(90);
    private final java.util.function.LongSupplier nanoClock;
    private final long startedNanos;
    private final List<java.util.function.IntConsumer> backListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private PlacementStore placements;
    private PoolStore containers;

    public Pool(Path dataDir, EngineRegistry registry) {
        this(dataDir, registry::views);
        registry.addListener(this);
    }

    /** @param views the engines as the registry sees them now (tests give their own) */
    Pool(Path dataDir, Supplier<List<EngineView>> views) {
        this(dataDir, views, System::nanoTime);
    }

    /** @param nanoClock for the grace an engine gets to reconnect after a gateway start ({@link #ABSENT_GRACE}) */
    Pool(Path dataDir, Supplier<List<EngineView>> views, java.util.function.LongSupplier nanoClock) {
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        this.startedNanos = nanoClock.getAsLong();
        this.dataDir = requireNonNull(dataDir, "dataDir");
        this.views = requireNonNull(views, "views");
        if (PlacementStore.exists(dataDir)) {
            service();
        }
    }

    /** The placement service, opening the store on first use. */
    synchronized PlacementService service() {
        if (service == null) {
            placements = PlacementStore.open(dataDir);
            containers = PoolStore.open(placements.file());
            PlacementService s = new PlacementService(SchedulerConfig.DEFAULTS, placements, new PerfHistory());
            containers.all().forEach((c, row) -> routes.put(c, route(s, row.workloadId())));
            LOG.info("Pool: placement store {} opened, {} containers known", placements.file(), routes.size());
            service = s;
            refreshEngines();
        }
        return service;
    }

    synchronized PoolStore containers() {
        service();
        return containers;
    }

    private static Route route(PlacementService s, String workloadId) {
        Optional<StoredPlacement> p = s.placement(workloadId);
        int port = p.map(StoredPlacement::reservation).map(r -> PoolInventory.port(r.engineId()).orElse(-1))
                .orElse(-1);
        return new Route(workloadId, port, p.map(StoredPlacement::state).orElse(null) == StoredPlacement.State.LOST);
    }

    /** Re-reads the ExApp's row into the in-memory route of {@code container}. */
    void refreshRoute(String container, String workloadId) {
        routes.put(container, route(service(), workloadId));
    }

    void forget(String container) {
        routes.remove(container);
    }

    /** The route of a container, empty when the pool never created it (event-loop safe). */
    Optional<Route> route(String container) {
        return Optional.ofNullable(routes.get(container));
    }

    /** The lowest UP engine port, for calls that name no container (image checks and pulls). */
    OptionalInt firstUpEngine() {
        return views.get().stream().filter(v -> v.status() == Engine.Status.UP).mapToInt(EngineView::port)
                .findFirst();
    }

    List<Integer> upEngines() {
        return views.get().stream().filter(v -> v.status() == Engine.Status.UP).map(EngineView::port).toList();
    }

    /** Feeds the UP engines' inventories to the scheduler (also before every placement: inventories change). */
    void refreshEngines() {
        PlacementService s = service;
        if (s == null) {
            return;
        }
        List<String> skipped = new ArrayList<>();
        s.engines(PoolInventory.of(views.get(), skipped));
        for (String line : skipped) {
            if (skippedLogged.add(line)) {
                LOG.warn("Pool: {}", line);
            }
        }
    }

    /**
     * True when the registry has this engine DOWN (a loss the pool may have missed), or has never seen it since the
     * gateway started more than {@link #ABSENT_GRACE} ago: a remote engine whose frpc does not come back after a
     * gateway restart is as lost as one that disconnects (its containers are removed if it ever returns).
     */
    boolean isDown(int port) {
        List<EngineView> now = views.get();
        boolean known = now.stream().anyMatch(v -> v.port() == port);
        if (!known) {
            return nanoClock.getAsLong() - startedNanos > ABSENT_GRACE.toNanos();
        }
        return now.stream().anyMatch(v -> v.port() == port && v.status() == Engine.Status.DOWN);
    }

    /** Told (on a virtual thread) when an engine is up again: PoolActions removes containers left there. */
    void onEngineBack(java.util.function.IntConsumer l) {
        backListeners.add(l);
    }

    @Override
    public void engineUp(EngineView engine) {
        if (closed) {
            return;
        }
        for (java.util.function.IntConsumer l : backListeners) {
            Thread.ofVirtual().name("pool-engine-back-" + engine.port()).start(() -> l.accept(engine.port()));
        }
        refreshEngines();
        PlacementService s = service;
        if (s != null) {
            List<String> back = s.restore(PoolInventory.engineId(engine.port()));
            if (!back.isEmpty()) {
                LOG.info("Pool: engine {} is back; its ExApps {} are placed there again", engine.port(), back);
                refreshRoutes(back);
            }
        }
    }

    @Override
    public void engineDown(EngineView engine) {
        if (closed) {
            return; // the gateway is stopping: its tunnel's proxies go away, the engines are not lost
        }
        refreshEngines();
        markLost(engine.port(), engine.lastError());
    }

    /** Marks the placements on a DOWN engine LOST (also when a pool call finds the engine down). */
    void markLost(int port, String why) {
        PlacementService s = service;
        if (s != null) {
            List<String> lost = s.markLost(PoolInventory.engineId(port));
            if (!lost.isEmpty()) {
                LOG.warn("Pool: engine {} lost ({}); ExApps {} will be placed again on their next start", port, why,
                        lost);
                refreshRoutes(lost);
            }
        }
    }

    private void refreshRoutes(List<String> workloadIds) {
        routes.forEach((c, r) -> {
            if (workloadIds.contains(r.workloadId())) {
                refreshRoute(c, r.workloadId());
            }
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (containers != null) {
            containers.close();
        }
        if (placements != null) {
            placements.close();
        }
    }
}
