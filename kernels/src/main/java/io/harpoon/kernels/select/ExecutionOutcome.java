package io.harpoon.kernels.select;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.KernelId;
import java.util.List;

/**
 * What a {@link BackendChain} call did: which backend ran the kernel and why each earlier one in the preference
 * was skipped (absent, unsupported, failed with a cause). Nothing is silent: a "GPU" result that really ran on
 * the CPU shows here.
 *
 * @param kernel the kernel run
 * @param ran the backend that produced the result
 * @param skipped one line per backend tried before, e.g. {@code "aparapi: unavailable: no OpenCL platform"}
 */
public record ExecutionOutcome(KernelId kernel, Backend ran, List<String> skipped) {
    public ExecutionOutcome {
        skipped = List.copyOf(skipped);
    }

    public boolean fellBack() {
        return !skipped.isEmpty();
    }
}
