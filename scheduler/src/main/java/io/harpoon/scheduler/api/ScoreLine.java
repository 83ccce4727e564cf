package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of one feasible engine.
 *
 * @param engineId engine
 * @param total    weighted sum over the score plugins
 * @param byPlugin plugin NAME to its normalized score 0..100, in chain order (unweighted)
 * @param notes    plugin remarks, e.g. "earliestfinish: calibrating (2/5 samples)"
 */
public record ScoreLine(String engineId, long total, Map<String, Long> byPlugin, List<String> notes) {
    public ScoreLine {
        requireNonNull(engineId, "engineId");
        byPlugin = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(byPlugin, "byPlugin")));
        notes = List.copyOf(requireNonNull(notes, "notes"));
    }
}
