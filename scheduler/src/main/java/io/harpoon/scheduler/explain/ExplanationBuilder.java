package io.harpoon.scheduler.explain;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.Code;
import io.harpoon.scheduler.api.EngineVerdict;
import io.harpoon.scheduler.api.Explanation;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.ScoreLine;
import io.harpoon.scheduler.api.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds per-engine verdicts and scores into an {@link Explanation} with one summary line:
 *
 * <pre>
 *   0/7 engines fit: 4 insufficient VRAM (need 8 GiB, max free 6 GiB), 3 no cuda device
 *   3/7 engines fit, chose gpu-2 (score 180): 4 insufficient VRAM (need 8 GiB, max free 6 GiB)
 * </pre>
 *
 * Each reason counts the engines that gave it (an engine short of RAM and VRAM counts in both, as in Kubernetes).
 * Groups are ordered by count, then filtered before exhausted, then text; numbers are the largest request and the
 * most that was free on any engine with that reason (capacity for filtered reasons: "need 2, max 1").
 */
public final class ExplanationBuilder {
    private ExplanationBuilder() {
    }

    private static final class Group {
        final Reason first;
        int engines;
        long requested;
        long maxFree;
        long maxCapacity;

        Group(Reason r) {
            first = r;
        }

        void add(Reason r) {
            engines++;
            requested = Math.max(requested, r.requested());
            maxFree = Math.max(maxFree, r.free());
            maxCapacity = Math.max(maxCapacity, r.capacity());
        }

        String render() {
            Unit u = first.unit();
            if (u == Unit.NONE) {
                return engines + " " + first.text();
            }
            if (first.code() == Code.EXHAUSTED) {
                return engines + " " + first.text() + " (need " + u.format(requested) + ", max free "
                        + u.format(maxFree) + ")";
            }
            return engines + " " + first.text() + " (need " + u.format(requested) + ", max " + u.format(maxCapacity)
                    + ")";
        }
    }

    /**
     * @param verdicts  one per engine, engine order
     * @param ranked    feasible engines' scores, best first
     * @param chosen    chosen engine id, "" when refused
     * @param topK      how many score lines to keep
     */
    public static Explanation build(String workloadId, List<EngineVerdict> verdicts, List<ScoreLine> ranked,
                                    String chosen, int topK) {
        requireNonNull(workloadId, "workloadId");
        requireNonNull(verdicts, "verdicts");
        requireNonNull(ranked, "ranked");
        requireNonNull(chosen, "chosen");
        Map<String, Group> groups = new LinkedHashMap<>();
        int feasible = 0;
        for (EngineVerdict v : verdicts) {
            if (v.fits()) {
                feasible++;
                continue;
            }
            for (Reason r : v.reasons()) {
                groups.computeIfAbsent(r.code() + "\u0000" + r.text(), k -> new Group(r)).add(r);
            }
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort((a, b) -> {
            if (a.engines != b.engines) {
                return Integer.compare(b.engines, a.engines);
            }
            if (a.first.code() != b.first.code()) {
                return a.first.code() == Code.FILTERED ? -1 : 1;
            }
            return a.first.text().compareTo(b.first.text());
        });
        Map<String, Integer> filtered = new LinkedHashMap<>();
        Map<String, Integer> exhausted = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (Group g : ordered) {
            (g.first.code() == Code.EXHAUSTED ? exhausted : filtered).merge(g.first.text(), g.engines, Integer::sum);
            parts.add(g.render());
        }
        StringBuilder s = new StringBuilder();
        s.append(feasible).append('/').append(verdicts.size()).append(" engines fit");
        if (!chosen.isEmpty()) {
            // The chosen engine is the best one whose Reserve succeeded: usually, not always, ranked.get(0).
            long score = ranked.stream().filter(l -> l.engineId().equals(chosen)).mapToLong(ScoreLine::total)
                    .findFirst().orElse(0);
            s.append(", chose ").append(chosen).append(" (score ").append(score).append(')');
        }
        if (verdicts.isEmpty()) {
            s.append(": no engines registered");
        } else if (!parts.isEmpty()) {
            s.append(": ").append(String.join(", ", parts));
        }
        List<ScoreLine> top = ranked.subList(0, Math.min(topK, ranked.size()));
        return new Explanation(workloadId, verdicts.size(), feasible, chosen, s.toString(), filtered, exhausted,
                verdicts, top);
    }

    /** A request no engine could take whatever their state (reported by a PreFilter). */
    public static Explanation invalid(String workloadId, int engines, List<Reason> reasons) {
        List<String> texts = reasons.stream().map(Reason::describe).toList();
        String summary = "0/" + engines + " engines fit: invalid request: " + String.join(", ", texts);
        Map<String, Integer> filtered = new LinkedHashMap<>();
        for (Reason r : reasons) {
            filtered.merge(r.text(), engines, Integer::sum);
        }
        return new Explanation(workloadId, engines, 0, "", summary, filtered, Map.of(), List.of(), List.of());
    }
}
