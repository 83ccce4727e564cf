package io.harpoon.exapp.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choice of backend from COMPUTE_DEVICE, with stand-in backends whose availability the test fixes. */
class ComputeSelectionTest {

    record Fixed(ComputeAvailability availability) implements ComputeBackend {
        @Override
        public ComputeKind kind() {
            return availability.kind();
        }

        @Override
        public ResidentVectors upload(VectorSnapshot snapshot) {
            throw new UnsupportedOperationException();
        }
    }

    private static List<ComputeBackend> backends(boolean cuda, boolean openclGpu) {
        List<ComputeBackend> l = new ArrayList<>();
        l.add(new Fixed(ComputeAvailability.available(ComputeKind.CPU, "2 threads", false)));
        l.add(new Fixed(ComputeAvailability.available(ComputeKind.OPENCL, openclGpu ? "gfx90a" : "pthread-cpu", openclGpu)));
        l.add(new Fixed(cuda ? ComputeAvailability.available(ComputeKind.CUDA, "H200", true)
                : ComputeAvailability.unavailable(ComputeKind.CUDA, "cudaGetDeviceCount: cudaErrorInsufficientDriver")));
        l.add(new Fixed(ComputeAvailability.unavailable(ComputeKind.TORNADO, "no runtime")));
        return l;
    }

    @Test
    void cpuOrUnsetRunsOnCpu() {
        for (String d : new String[] {"CPU", "cpu", "", null}) {
            ComputeSelection s = ComputeSelection.select(d, "", backends(true, true));
            assertEquals(ComputeKind.CPU, s.backend().kind());
            assertEquals("", s.problem());
            assertEquals(4, s.probed().size());
        }
    }

    @Test
    void cudaInEitherCase() {
        assertEquals(ComputeKind.CUDA, ComputeSelection.select("CUDA", "", backends(true, false)).backend().kind());
        assertEquals(ComputeKind.CUDA, ComputeSelection.select("cuda", "", backends(true, false)).backend().kind());
    }

    @Test
    void unusableCudaIsAReadableProblemAndCpuServes() {
        ComputeSelection s = ComputeSelection.select("CUDA", "", backends(false, false));
        assertEquals(ComputeKind.CPU, s.backend().kind());
        assertTrue(s.problem().contains("COMPUTE_DEVICE=CUDA") && s.problem().contains("cudaErrorInsufficientDriver"),
                s.problem());
    }

    @Test
    void rocmNeedsAnOpenClGpu() {
        assertEquals(ComputeKind.OPENCL, ComputeSelection.select("ROCM", "", backends(false, true)).backend().kind());
        ComputeSelection s = ComputeSelection.select("ROCM", "", backends(false, false));
        assertEquals(ComputeKind.CPU, s.backend().kind());
        assertTrue(s.problem().contains("not a GPU"), s.problem());
    }

    @Test
    void explicitBackendWins() {
        assertEquals(ComputeKind.OPENCL, ComputeSelection.select("CUDA", "opencl", backends(true, false)).backend().kind());
        ComputeSelection s = ComputeSelection.select("CPU", "tornado", backends(true, false));
        assertTrue(s.problem().contains("tornado requested but unavailable: no runtime"), s.problem());
    }

    @Test
    void unknownDeviceIsAProblem() {
        ComputeSelection s = ComputeSelection.select("TPU", "", backends(true, true));
        assertEquals("COMPUTE_DEVICE: TPU (expected: cpu, cuda or rocm)", s.problem());
    }
}
