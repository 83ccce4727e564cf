package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a workload went where it went, or nowhere. The pool's 503 body and {@code harpoon placements} render this one
 * object.
 *
 * @param workloadId  ExApp id
 * @param engines     engines considered
 * @param feasible    engines that passed every filter
 * @param chosen      chosen engine id, "" when refused
 * @param summary     one line, e.g. {@code 0/7 engines fit: 4 insufficient VRAM (need 8 GiB, max free 6 GiB), 3 no
 *                    cuda device}
 * @param filtered    reason text to engine count, for reasons that need relabelling or other hardware
 * @param exhausted   reason text to engine count, for reasons that need more free capacity
 * @param verdicts    one per engine, in engine order
 * @param topScores   best feasible engines, best first (at most the configured K)
 */
public record Explanation(String workloadId, int engines, int feasible, String chosen, String summary,
                          Map<String, Integer> filtered, Map<String, Integer> exhausted,
                          List<EngineVerdict> verdicts, List<ScoreLine> topScores) {
    public Explanation {
        requireNonNull(workloadId, "workloadId");
        requireNonNull(chosen, "chosen");
        requireNonNull(summary, "summary");
        filtered = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(filtered, "filtered")));
        exhausted = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(exhausted, "exhausted")));
        verdicts = List.copyOf(requireNonNull(verdicts, "verdicts"));
        topScores = List.copyOf(requireNonNull(topScores, "topScores"));
    }
}
