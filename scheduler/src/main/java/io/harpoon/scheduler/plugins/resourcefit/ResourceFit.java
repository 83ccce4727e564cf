package io.harpoon.scheduler.plugins.resourcefit;

import io.harpoon.scheduler.api.Code;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Unit;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.PreFilter;
import io.harpoon.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Filter: enough free CPU, RAM and, for GPU kinds, enough GPUs of that kind each with the per-GPU VRAM free
 * (VRAM is packed per device: two 6 GiB holes on two cards do not make 8 GiB). Reports every failing resource.
 *
 * <p>A request above the engine's total is FILTERED (freeing capacity will never help); above what is free now it
 * is EXHAUSTED.
 */
public final class ResourceFit implements PreFilter, Filter {
    public static final String NAME = "resourcefit";
    public static final String INSUFFICIENT_CPU = "insufficient CPU";
    public static final String INSUFFICIENT_MEMORY = "insufficient RAM";
    public static final String INSUFFICIENT_VRAM = "insufficient VRAM";
    public static final String NO_UNSHARED_GPU = "no unshared GPU";
    public static final String CPU_ABOVE_TOTAL = "CPU above engine total";
    public static final String MEMORY_ABOVE_TOTAL = "RAM above engine total";
    public static final String GPU_TOO_SMALL = "GPU too small";
    public static final String TOO_FEW_GPUS = "too few GPUs";

    /** What the workload asks for, computed once per cycle. */
    public record Request(long cpuMillis, long memoryBytes, int gpus, long vramPerGpu, boolean exclusive) {
    }

    public static final CycleState.Key<Request> REQUEST = CycleState.Key.of(NAME + ".request", Request.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Workload w) {
        state.put(REQUEST, new Request(w.cpuMillis(), w.memoryBytes(), w.kind().usesGpu() ? w.gpuCount() : 0,
                w.vramPerGpuBytes(), w.exclusiveGpu()));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Workload w, EngineState engine) {
        Request req = state.get(REQUEST);
        List<Reason> reasons = new ArrayList<>(2);
        long cpuCap = engine.info().cpuMillis();
        if (req.cpuMillis() > cpuCap) {
            reasons.add(new Reason(NAME, Code.FILTERED, CPU_ABOVE_TOTAL, Unit.MILLICORES, req.cpuMillis(),
                    Math.max(0, engine.freeCpuMillis()), cpuCap));
        } else if (req.cpuMillis() > engine.freeCpuMillis()) {
            reasons.add(Reason.exhausted(NAME, INSUFFICIENT_CPU, Unit.MILLICORES, req.cpuMillis(),
                    Math.max(0, engine.freeCpuMillis()), cpuCap));
        }
        long memCap = engine.info().memoryBytes();
        if (req.memoryBytes() > memCap) {
            reasons.add(new Reason(NAME, Code.FILTERED, MEMORY_ABOVE_TOTAL, Unit.BYTES, req.memoryBytes(),
                    Math.max(0, engine.freeMemoryBytes()), memCap));
        } else if (req.memoryBytes() > engine.freeMemoryBytes()) {
            reasons.add(Reason.exhausted(NAME, INSUFFICIENT_MEMORY, Unit.BYTES, req.memoryBytes(),
                    Math.max(0, engine.freeMemoryBytes()), memCap));
        }
        if (req.gpus() > 0) {
            Reason gpu = gpuReason(w, req, engine);
            if (gpu != null) {
                reasons.add(gpu);
            }
        }
        return Status.of(reasons);
    }

    private static Reason gpuReason(Workload w, Request req, EngineState engine) {
        List<Integer> positions = engine.gpuPositions(w.kind());
        if (positions.size() < req.gpus()) {
            return new Reason(NAME, Code.FILTERED, TOO_FEW_GPUS, Unit.COUNT, req.gpus(), positions.size(),
                    positions.size());
        }
        int bigEnough = 0;
        int usable = 0;
        int unshared = 0; // nobody holds it and it is big enough: what an exclusive request can take
        long maxCap = 0;
        long maxFree = 0;
        for (int p : positions) {
            long cap = engine.info().gpus().get(p).memoryBytes();
            maxCap = Math.max(maxCap, cap);
            if (cap >= req.vramPerGpu()) {
                bigEnough++;
            }
            if (!engine.heldExclusively(p)) {
                maxFree = Math.max(maxFree, engine.freeVram(p));
            }
            if (engine.holders(p) == 0 && cap >= req.vramPerGpu()) {
                unshared++;
            }
            if (engine.gpuUsable(p, req.vramPerGpu(), req.exclusive())) {
                usable++;
            }
        }
        if (bigEnough < req.gpus()) {
            return new Reason(NAME, Code.FILTERED, GPU_TOO_SMALL, Unit.BYTES, req.vramPerGpu(), maxFree, maxCap);
        }
        if (usable >= req.gpus()) {
            return null;
        }
        if (req.exclusive() && unshared < req.gpus()) {
            return Reason.exhausted(NAME, NO_UNSHARED_GPU, Unit.COUNT, req.gpus(), unshared, positions.size());
        }
        return Reason.exhausted(NAME, INSUFFICIENT_VRAM, Unit.BYTES, req.vramPerGpu(), Math.max(0, maxFree), maxCap);
    }
}
