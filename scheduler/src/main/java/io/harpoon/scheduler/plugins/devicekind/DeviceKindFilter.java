package io.harpoon.scheduler.plugins.devicekind;

import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.Status;

/** Does the engine have the workload's compute kind at all? Every engine has a CPU. */
public final class DeviceKindFilter implements Filter {
    public static final String NAME = "devicekind";
    public static final String NO_CUDA = "no cuda device";
    public static final String NO_ROCM = "no rocm device";
    public static final String NO_FPGA = "no fpga device";

    private static final Status NO_CUDA_STATUS = Status.of(Reason.filtered(NAME, NO_CUDA));
    private static final Status NO_ROCM_STATUS = Status.of(Reason.filtered(NAME, NO_ROCM));
    private static final Status NO_FPGA_STATUS = Status.of(Reason.filtered(NAME, NO_FPGA));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Workload workload, EngineState engine) {
        if (engine.info().has(workload.kind())) {
            return Status.SUCCESS;
        }
        return switch (workload.kind()) {
            case CPU -> Status.SUCCESS;
            case CUDA -> NO_CUDA_STATUS;
            case ROCM -> NO_ROCM_STATUS;
            case FPGA -> NO_FPGA_STATUS;
        };
    }
}
