package io.harpoon.exapp.compute;

import io.harpoon.exapp.compute.opencl.OpenClBackend;
import io.harpoon.testsupport.Requirements;
import org.junit.jupiter.api.Nested;

/**
 * The OpenCL backend (PoCL in CI: never skippable there). The second variant shrinks the score buffer so every
 * search is split into query chunks, which a real device only does above 64 Mi scores.
 */
class OpenClBackendTest {

    static OpenClBackend require(OpenClBackend b) {
        ComputeAvailability a = b.availability();
        System.out.println("opencl: " + a);
        Requirements.require("OpenCL", a.available(), a.cause());
        return b;
    }

    @Nested
    class DefaultBudget extends BackendContract {
        @Override
        protected ComputeBackend create() {
            return require(new OpenClBackend());
        }

        @Override
        protected int largeRows() {
            return DeviceGeometry.STAGING_VECTORS * 2 + 300; // several upload chunks, a partial last block
        }
    }

    @Nested
    class ChunkedQueries extends BackendContract {
        @Override
        protected ComputeBackend create() {
            return require(new OpenClBackend(5_000));
        }
    }
}
