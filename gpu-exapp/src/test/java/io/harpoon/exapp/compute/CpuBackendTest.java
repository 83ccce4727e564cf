package io.harpoon.exapp.compute;

import io.harpoon.exapp.compute.cpu.CpuBackend;
import org.junit.jupiter.api.Nested;

/** The CPU backend on both dot-product paths, crossing the parallel threshold in the large case. */
class CpuBackendTest {

    @Nested
    class Scalar extends BackendContract {
        @Override
        protected ComputeBackend create() {
            return new CpuBackend(false, 3);
        }

        @Override
        protected int largeRows() {
            return CpuBackend.PARALLEL_MIN_ROWS * 2 + 17;
        }
    }

    @Nested
    class VectorApi extends BackendContract {
        @Override
        protected ComputeBackend create() {
            // Surefire loads jdk.incubator.vector (gpu-exapp/pom.xml); without it this path cannot exist.
            io.harpoon.testsupport.Requirements.require("jdk.incubator.vector", CpuBackend.vectorApiLoaded(),
                    "surefire must pass --add-modules jdk.incubator.vector");
            return new CpuBackend(true, 2);
        }

        @Override
        protected int largeRows() {
            return CpuBackend.PARALLEL_MIN_ROWS * 2 + 17;
        }
    }
}
