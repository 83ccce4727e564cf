package io.harpoon.scheduler.plugins.devicekind;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.GpuDevice;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.Score;
import io.harpoon.scheduler.framework.Status;

/**
 * Filter: does the engine have the workload's compute kind at all? Every engine has a CPU.
 *
 * <p>Score: does the engine carry accelerators the workload will not use? 100 when it does not, 0 when it does,
 * so CPU work stays off GPU and FPGA hosts while plain hosts have room and leaves their cores and RAM to the work
 * that needs the devices (without this, PACK filled GPU hosts' CPUs with CPU ExApps and refused 9% of the GPU
 * ExApps in the over-subscribed simulation).
 */
public final class DeviceKindFilter implements Filter, Score {
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

    @Override
    public long score(CycleState state, Workload workload, EngineState engine) {
        DeviceKind kind = workload.kind();
        for (GpuDevice g : engine.info().gpus()) {
            if (g.kind() != kind) {
                return 0;
            }
        }
        if (!engine.info().fpgas().isEmpty() && kind != DeviceKind.FPGA) {
            return 0;
        }
        return MAX_SCORE;
    }
}
