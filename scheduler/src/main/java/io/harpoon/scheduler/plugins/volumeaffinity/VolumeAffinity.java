package io.harpoon.scheduler.plugins.volumeaffinity;

import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.Status;

/**
 * Filter: an ExApp whose data volume already exists on an engine goes back there. Volumes are host-local named
 * volumes ({@code nc_app_<appid>_data}); AppAPI updates by remove (keeping data) + create, and expects the same
 * host (exapp-contract.md §9, §13.2). Moving means unregistering with {@code --rm-data} first, which drops the home.
 */
public final class VolumeAffinity implements Filter {
    public static final String NAME = "volumeaffinity";
    public static final String ELSEWHERE = "data volume on another engine";

    private static final Status ELSEWHERE_STATUS = Status.of(Reason.filtered(NAME, ELSEWHERE));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Workload workload, EngineState engine) {
        String home = workload.homeEngineId();
        return home.isEmpty() || home.equals(engine.id()) ? Status.SUCCESS : ELSEWHERE_STATUS;
    }
}
