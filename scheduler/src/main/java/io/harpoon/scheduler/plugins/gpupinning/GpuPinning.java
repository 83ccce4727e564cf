package io.harpoon.scheduler.plugins.gpupinning;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.Code;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Unit;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.Policy;
import io.harpoon.scheduler.framework.ReservationDraft;
import io.harpoon.scheduler.framework.Reserve;
import io.harpoon.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the GPU device ids a placement gets (what HaRP's Count -1 never did, exapp-contract.md §8.4).
 *
 * <p>Filter: GPUs the admin pinned ({@code HARPOON_GPU_IDS}) exist with the right kind and can take the request.
 * Reserve: the pinned ids, else {@code gpuCount} usable GPUs chosen by policy: PACK takes the fullest GPU that still
 * fits (best fit, keeps whole cards free for large models), SPREAD the emptiest; ties go to the lower index.
 */
public final class GpuPinning implements Filter, Reserve {
    public static final String NAME = "gpupinning";
    public static final String PINNED_GPU_MISSING = "pinned GPU missing";
    public static final String PINNED_GPU_BUSY = "pinned GPU busy";
    public static final String NO_GPU_CHOICE = "no GPU choice";

    private static final Status MISSING = Status.of(Reason.filtered(NAME, PINNED_GPU_MISSING));

    private final Policy policy;

    public GpuPinning(Policy policy) {
        this.policy = requireNonNull(policy, "policy");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Workload w, EngineState engine) {
        if (!w.kind().usesGpu() || w.pinnedGpuIds().isEmpty()) {
            return Status.SUCCESS;
        }
        for (int id : w.pinnedGpuIds()) {
            int p = engine.position(id);
            if (p < 0 || engine.info().gpus().get(p).kind() != w.kind()) {
                return MISSING;
            }
        }
        for (int id : w.pinnedGpuIds()) {
            int p = engine.position(id);
            if (!engine.gpuUsable(p, w.vramPerGpuBytes(), w.exclusiveGpu())) {
                long free = engine.heldExclusively(p) ? 0 : Math.max(0, engine.freeVram(p));
                return Status.of(new Reason(NAME, Code.EXHAUSTED, PINNED_GPU_BUSY, Unit.BYTES, w.vramPerGpuBytes(),
                        free, engine.info().gpus().get(p).memoryBytes()));
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status reserve(CycleState state, Workload w, EngineState engine, ReservationDraft draft) {
        if (!w.kind().usesGpu()) {
            return Status.SUCCESS;
        }
        if (!w.pinnedGpuIds().isEmpty()) {
            draft.gpuIds(w.pinnedGpuIds());
            return Status.SUCCESS;
        }
        List<Integer> usable = new ArrayList<>();
        for (int p : engine.gpuPositions(w.kind())) {
            if (engine.gpuUsable(p, w.vramPerGpuBytes(), w.exclusiveGpu())) {
                usable.add(p);
            }
        }
        if (usable.size() < w.gpuCount()) {
            return Status.of(new Reason(NAME, Code.EXHAUSTED, NO_GPU_CHOICE, Unit.COUNT, w.gpuCount(), usable.size(),
                    engine.gpuPositions(w.kind()).size()));
        }
        Comparator<Integer> byFree = Comparator.comparingLong(engine::freeVram);
        if (policy == Policy.SPREAD) {
            byFree = byFree.reversed();
        }
        usable.sort(byFree.thenComparingInt(p -> engine.info().gpus().get(p).index()));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < w.gpuCount(); i++) {
            ids.add(engine.info().gpus().get(usable.get(i)).index());
        }
        ids.sort(Integer::compare);
        draft.gpuIds(ids);
        return Status.SUCCESS;
    }
}
