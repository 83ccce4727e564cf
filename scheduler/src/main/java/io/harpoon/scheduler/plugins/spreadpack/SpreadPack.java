package io.harpoon.scheduler.plugins.spreadpack;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Policy;
import io.harpoon.scheduler.framework.Score;
import java.util.List;

/**
 * Score: how full the engine would be after placing the workload, averaged over the dimensions the workload
 * uses (CPU and RAM always; VRAM of its kind for GPU kinds). PACK scores fuller engines higher, SPREAD emptier
 * ones. Integer arithmetic, so the same input gives the same score on every JVM.
 */
public final class SpreadPack implements Score {
    public static final String NAME = "spreadpack";

    private final Policy policy;

    public SpreadPack(Policy policy) {
        this.policy = requireNonNull(policy, "policy");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Workload w, EngineState e) {
        long sum = 0;
        int dims = 0;
        if (e.info().cpuMillis() > 0) {
            sum += usedPercent(e.info().cpuMillis() - e.freeCpuMillis() + w.cpuMillis(), e.info().cpuMillis());
            dims++;
        }
        if (e.info().memoryBytes() > 0) {
            sum += usedPercent(e.info().memoryBytes() - e.freeMemoryBytes() + w.memoryBytes(),
                    e.info().memoryBytes());
            dims++;
        }
        if (w.kind().usesGpu()) {
            List<Integer> positions = e.gpuPositions(w.kind());
            long cap = 0;
            long free = 0;
            for (int p : positions) {
                cap += e.info().gpus().get(p).memoryBytes();
                free += Math.max(0, e.freeVram(p));
            }
            if (cap > 0) {
                sum += usedPercent(cap - free + w.totalVramBytes(), cap);
                dims++;
            }
        }
        long used = dims == 0 ? 0 : sum / dims;
        return policy == Policy.PACK ? used : MAX_SCORE - used;
    }

    private static long usedPercent(long used, long cap) {
        long clamped = Math.max(0, Math.min(used, cap));
        // Bytes below 2^56 (64 PiB) times 100 stay below 2^63; multiplyExact turns anything larger into an error.
        return Math.multiplyExact(clamped, MAX_SCORE) / cap;
    }
}
