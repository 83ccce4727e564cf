package io.harpoon.scheduler.plugins.antiaffinity;

import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.Status;

/**
 * Filter: the workload and the engine's residents do not avoid each other. Checked both ways, so an ExApp that
 * "hogs all cores" and declares latency-sensitive ones as anti-affine keeps them off its engine whichever comes
 * first (exapp-contract.md §11).
 */
public final class AntiAffinity implements Filter {
    public static final String NAME = "antiaffinity";
    public static final String CONFLICT = "anti-affinity conflict";

    private static final Status CONFLICT_STATUS = Status.of(Reason.filtered(NAME, CONFLICT));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Workload workload, EngineState engine) {
        if (engine.avoidedByResidents().contains(workload.id())) {
            return CONFLICT_STATUS;
        }
        for (String other : workload.antiAffinity()) {
            if (engine.residents().contains(other)) {
                return CONFLICT_STATUS;
            }
        }
        return Status.SUCCESS;
    }
}
