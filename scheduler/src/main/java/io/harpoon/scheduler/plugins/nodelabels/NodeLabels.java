package io.harpoon.scheduler.plugins.nodelabels;

import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.Score;
import io.harpoon.scheduler.framework.Status;
import java.util.Map;
import java.util.Objects;

/**
 * Filter: every required label matches the engine's value. Score: the share of preferred labels that match,
 * 0..100 (0 for all engines when none is preferred, so it never decides alone).
 */
public final class NodeLabels implements Filter, Score {
    public static final String NAME = "nodelabels";
    public static final String LABEL_MISMATCH = "required label missing";

    private static final Status MISMATCH = Status.of(Reason.filtered(NAME, LABEL_MISMATCH));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Workload workload, EngineState engine) {
        Map<String, String> labels = engine.info().labels();
        for (Map.Entry<String, String> e : workload.requiredLabels().entrySet()) {
            if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
                return MISMATCH;
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Workload workload, EngineState engine) {
        Map<String, String> preferred = workload.preferredLabels();
        if (preferred.isEmpty()) {
            return 0;
        }
        Map<String, String> labels = engine.info().labels();
        long hits = preferred.entrySet().stream().filter(e -> Objects.equals(labels.get(e.getKey()), e.getValue()))
                .count();
        return hits * MAX_SCORE / preferred.size();
    }
}
