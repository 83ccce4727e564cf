package io.harpoon.scheduler.service;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.Scheduler;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.model.PerfHistory;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.requirements.Requirements;
import io.harpoon.scheduler.requirements.RequirementsParser;
import io.harpoon.scheduler.store.PlacementStore;
import io.harpoon.scheduler.store.StoredPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stateful face of the scheduler, for the gateway's pool: current engines, committed reservations (loaded
 * from the store at start, so a restart keeps them), performance history, and the reserve/bind step.
 *
 * <pre>
 *   pool ──create body──► place(json) ──► Scheduler.schedule(snapshot, workload)   (pure)
 *                                          Placed  ─► reserve in memory ─► bind: store.record ─► DockerDevices
 *                                          Refused ─► store.record (explanation)  ─► 503 body = summary
 *   pool ──remove──────► release(appId, removeData)   (keeping data keeps the engine as the app's home)
 * </pre>
 *
 * All mutations are serialized on this object, so two concurrent creates never both take the last 8 GiB.
 */
public final class PlacementService {
    private final Scheduler scheduler;
    private final PlacementStore store;
    private final PerfHistory perf;
    private List<EngineInfo> engines = List.of();
    private final List<Reservation> held = new ArrayList<>();

    public PlacementService(SchedulerConfig config, PlacementStore store, PerfHistory perf) {
        this.scheduler = new Scheduler(StandardChain.build(requireNonNull(config, "config")));
        this.store = requireNonNull(store, "store");
        this.perf = requireNonNull(perf, "perf");
        held.addAll(store.reservations());
    }

    /** Replaces the engine inventory (from the engine registry); reservations on vanished engines stay held. */
    public synchronized void engines(List<EngineInfo> inventory) {
        this.engines = List.copyOf(requireNonNull(inventory, "inventory"));
    }

    public synchronized List<EngineInfo> engines() {
        return engines;
    }

    /** The frozen input of the next cycle. */
    public synchronized ClusterSnapshot snapshot() {
        return new ClusterSnapshot(engines, held, perf.snapshot());
    }

    /** Plans without committing anything (what-if, {@code --dry-run}). */
    public Plan preview(Workload w) {
        return scheduler.schedule(snapshot(), w);
    }

    /**
     * Plans, then on success reserves and binds (stores) the placement; a refusal is stored too. An ExApp that
     * already has a row with an engine (placed, or released with its data kept) is bound to that engine.
     */
    public synchronized Plan place(Workload w) {
        requireNonNull(w, "w");
        Plan plan = scheduler.schedule(snapshot(), withHome(w));
        String id = w.id();
        held.removeIf(r -> r.workloadId().equals(id));
        plan.placement().ifPresent(p -> held.add(p.reservation()));
        store.record(plan);
        return plan;
    }

    /**
     * Reserve, then bind outside the lock, then record: the full Kubernetes-style cycle for the pool. A refusal is
     * stored and returned without calling {@code binder}; a binder failure restores what the id held before
     * (nothing is stored) and is rethrown.
     */
    public Plan place(Workload w, Binder binder) throws Exception {
        requireNonNull(w, "w");
        requireNonNull(binder, "binder");
        Plan plan;
        List<Reservation> previous;
        synchronized (this) {
            Workload bound = withHome(w);
            plan = scheduler.schedule(snapshot(), bound);
            if (plan.placement().isEmpty()) {
                store.record(plan);
                held.removeIf(r -> r.workloadId().equals(w.id()));
                return plan;
            }
            previous = held.stream().filter(r -> r.workloadId().equals(w.id())).toList();
            held.removeAll(previous);
            held.add(plan.placement().get().reservation());
        }
        Reservation mine = plan.placement().get().reservation();
        try {
            binder.bind(plan.placement().get());
        } catch (Exception | Error e) {
            synchronized (this) {
                held.remove(mine);
                held.addAll(previous);
            }
            throw e;
        }
        synchronized (this) {
            store.record(plan);
        }
        return plan;
    }

    private Workload withHome(Workload w) {
        if (!w.homeEngineId().isEmpty()) {
            return w;
        }
        return w.withHome(store.get(w.id()).map(StoredPlacement::homeEngineId).orElse(""));
    }

    /** Parses a HaRP {@code docker/exapp/create} body and places it. */
    public Plan place(String createRequestJson) {
        Requirements r = RequirementsParser.parse(createRequestJson);
        return place(r.workload());
    }

    /**
     * Frees what {@code appId} holds ({@code docker/exapp/remove}). With {@code removeData} the row is forgotten
     * and the app may land anywhere next time; without it the engine stays its home (the volume lives there).
     * True when it held something.
     */
    public synchronized boolean release(String appId, boolean removeData) {
        requireNonNull(appId, "appId");
        boolean had = held.removeIf(r -> r.workloadId().equals(appId));
        if (removeData) {
            store.remove(appId);
        } else {
            store.release(appId);
        }
        return had;
    }

    /**
     * The engine is gone (the registry saw it go down): its placements become LOST and free nothing anywhere else;
     * the pool re-places each on its next {@code start}. Returns the ExApp ids marked.
     */
    public synchronized List<String> markLost(String engineId) {
        List<String> ids = store.markLost(engineId);
        held.removeIf(r -> r.engineId().equals(engineId) && ids.contains(r.workloadId()));
        return ids;
    }

    /** The engine is back before its ExApps were re-placed: they hold their old reservations again. */
    public synchronized List<String> restore(String engineId) {
        List<String> ids = store.restore(engineId);
        for (String id : ids) {
            store.get(id).flatMap(StoredPlacement::held).ifPresent(r -> {
                held.removeIf(h -> h.workloadId().equals(id));
                held.add(r);
            });
        }
        return ids;
    }

    public synchronized List<Reservation> reservations() {
        return List.copyOf(held);
    }

    public Optional<StoredPlacement> placement(String appId) {
        return store.get(appId);
    }

    /** Feeds a measured run time into the earliestfinish model. */
    public void recordRunTime(String modelKey, String engineId, double seconds) {
        perf.record(modelKey, engineId, seconds);
    }
}
