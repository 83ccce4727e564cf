package io.harpoon.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.Code;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.EngineVerdict;
import io.harpoon.scheduler.api.Explanation;
import io.harpoon.scheduler.api.Placement;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.ScoreLine;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.explain.ExplanationBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduling cycle: a pure function {@code (snapshot, workload) -> Plan}. No clock, no random source, no I/O;
 * engines are visited in snapshot order and equal totals go to the earlier engine, so the same input always gives
 * the same plan. Thread-safe when the chain's plugins are (the in-tree ones are stateless).
 *
 * <pre>
 *   PreFilter ──► for each engine: EngineState ─► Filter* (stop at first failure) ─► verdict
 *                                   feasible ─► Score* ─► normalize ─► x weight ─► total
 *   best total (tie: engine order) ─► Reserve* (device ids) ─► Placement + Explanation
 * </pre>
 *
 * A reservation that carries the workload's own id is ignored: one instance per ExApp id, so scheduling an id
 * that is already placed plans its replacement.
 */
public final class Scheduler {
    private final PlacementChain chain;

    public Scheduler(PlacementChain chain) {
        this.chain = requireNonNull(chain, "chain");
    }

    public PlacementChain chain() {
        return chain;
    }

    public Plan schedule(ClusterSnapshot snapshot, Workload w) {
        requireNonNull(snapshot, "snapshot");
        requireNonNull(w, "w");
        CycleState state = new CycleState();
        state.put(CycleState.SNAPSHOT, snapshot);
        List<EngineInfo> engines = snapshot.engines();
        for (PreFilter p : chain.preFilters()) {
            Status s = p.preFilter(state, w);
            if (!s.isSuccess()) {
                return new Plan.Refused(w.id(), ExplanationBuilder.invalid(w.id(), engines.size(), s.reasons()));
            }
        }
        Map<String, List<Reservation>> byEngine = new HashMap<>();
        for (Reservation r : snapshot.reservations()) {
            if (!r.workloadId().equals(w.id())) {
                byEngine.computeIfAbsent(r.engineId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<EngineVerdict> verdicts = new ArrayList<>(engines.size());
        List<EngineState> feasible = new ArrayList<>();
        for (EngineInfo e : engines) {
            EngineState es = EngineState.of(e, byEngine.getOrDefault(e.id(), List.of()));
            EngineVerdict v = filter(state, w, es);
            verdicts.add(v);
            if (v.fits()) {
                feasible.add(es);
            }
        }
        List<ScoreLine> ranked = score(state, w, feasible);
        for (ScoreLine best : ranked) {
            EngineState es = feasible.stream().filter(f -> f.id().equals(best.engineId())).findFirst().orElseThrow();
            ReservationDraft draft = new ReservationDraft();
            Status failed = reserve(state, w, es, draft);
            if (failed == null) {
                Reservation r = draft.freeze(w, es.id());
                Explanation x = ExplanationBuilder.build(w.id(), verdicts, ranked, es.id(), chain.config().topK());
                return new Plan.Placed(new Placement(r, best.total()), x);
            }
            // Filters proved a fit but a Reserve disagreed: record it and try the next engine.
            int i = indexOf(verdicts, es.id());
            verdicts.set(i, new EngineVerdict(es.id(), failed.code(), failed.reasons().get(0).plugin(),
                    failed.reasons()));
        }
        return new Plan.Refused(w.id(), ExplanationBuilder.build(w.id(), verdicts, List.of(), "",
                chain.config().topK()));
    }

    private EngineVerdict filter(CycleState state, Workload w, EngineState es) {
        for (Filter f : chain.filters()) {
            Status s = f.filter(state, w, es);
            if (!s.isSuccess()) {
                return new EngineVerdict(es.id(), s.code(), f.name(), s.reasons());
            }
        }
        return new EngineVerdict(es.id(), Code.SUCCESS, "", List.of());
    }

    /** Scores of the feasible engines, best first; ties keep engine order (stable sort). */
    private List<ScoreLine> score(CycleState state, Workload w, List<EngineState> feasible) {
        int n = feasible.size();
        List<Score> scores = chain.scores();
        long[][] raw = new long[scores.size()][n];
        for (int s = 0; s < scores.size(); s++) {
            Score plugin = scores.get(s);
            for (int i = 0; i < n; i++) {
                raw[s][i] = plugin.score(state, w, feasible.get(i));
            }
            plugin.normalize(state, w, raw[s]);
        }
        List<ScoreLine> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Long> by = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            long total = 0;
            for (int s = 0; s < scores.size(); s++) {
                Score plugin = scores.get(s);
                by.put(plugin.name(), raw[s][i]);
                total += raw[s][i] * chain.config().weight(plugin.name());
            }
            lines.add(new ScoreLine(feasible.get(i).id(), total, by, notes));
        }
        lines.sort((a, b) -> Long.compare(b.total(), a.total()));
        // Notes cost a second pass per plugin; only the engines an explanation shows get them.
        int k = Math.min(chain.config().topK(), lines.size());
        for (int j = 0; j < k; j++) {
            ScoreLine l = lines.get(j);
            EngineState es = feasible.stream().filter(f -> f.id().equals(l.engineId())).findFirst().orElseThrow();
            List<String> notes = new ArrayList<>();
            for (Score plugin : scores) {
                String note = plugin.note(state, w, es);
                if (!note.isEmpty()) {
                    notes.add(plugin.name() + ": " + note);
                }
            }
            lines.set(j, new ScoreLine(l.engineId(), l.total(), l.byPlugin(), notes));
        }
        return lines;
    }

    /** Null when every Reserve succeeded, else the first failure. */
    private Status reserve(CycleState state, Workload w, EngineState es, ReservationDraft draft) {
        for (Reserve r : chain.reserves()) {
            Status s = r.reserve(state, w, es, draft);
            if (!s.isSuccess()) {
                return s.reasons().isEmpty() ? Status.of(Reason.filtered(r.name(), "reserve failed")) : s;
            }
        }
        return null;
    }

    private static int indexOf(List<EngineVerdict> verdicts, String id) {
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i).engineId().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("engine: " + id + " (expected: in verdicts)");
    }
}
