package io.harpoon.exapp.compute;

import io.harpoon.exapp.compute.cuda.CudaBackend;
import io.harpoon.testsupport.Requirements;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA backend against the same contract as every other backend. Needs a CUDA driver and NVRTC: skipped with
 * the probe's cause elsewhere ({@code @Tag("gpu")}). scripts/gpu-check.sh runs it on a GPU machine with
 * {@code -Dharpoon.gpu.required=true}, which turns that skip into a failure.
 */
@Tag("gpu")
class CudaBackendTest {

    static CudaBackend require(CudaBackend b) {
        ComputeAvailability a = b.availability();
        System.out.println("cuda: " + a);
        if (Boolean.getBoolean("harpoon.gpu.required")) {
            assertTrue(a.available(), "harpoon.gpu.required=true but CUDA is unavailable: " + a.cause());
        }
        Requirements.requireDevice("CUDA", a.available(), a.cause());
        return b;
    }

    @Test
    void probeNeverThrowsAndExplainsAbsence() {
        try (CudaBackend b = new CudaBackend()) {
            ComputeAvailability a = b.availability();
            assertTrue(a.available() ? !a.device().isEmpty() : !a.cause().isEmpty(), a.toString());
            assertFalse(a.available() && !a.gpu(), "a CUDA device is a GPU");
        }
    }

    @Nested
    class DefaultBudget extends BackendContract {
        @Override
        protected ComputeBackend create() {
            return require(new CudaBackend());
        }

        @Override
        protected int largeRows() {
            return 200_000;
        }
    }

    @Nested
    class ChunkedQueries extends BackendContract {
        @Override
        protected ComputeBackend create() {
            return require(new CudaBackend(5_000));
        }
    }
}
