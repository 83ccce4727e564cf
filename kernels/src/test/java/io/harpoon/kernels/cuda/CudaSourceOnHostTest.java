package io.harpoon.kernels.cuda;

import io.harpoon.kernels.KernelBackendContract;
import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The cuda backend's own host code ({@link CudaLaunches}: packing, argument lists, stream state in and out) over
 * {@code harpoon_kernels.cu} compiled for the CPU with g++, against the whole backend contract. Proves the CUDA C
 * kernels compute the reference's bytes and that the Java side calls each entry point with the arguments it
 * declares; what remains for a GPU is NVRTC, the driver and real parallel execution ({@link CudaBackendTest}).
 * Skipped with the reason where no g++ is installed.
 */
class CudaSourceOnHostTest extends KernelBackendContract {
    private static HostLaunchTarget target;
    private static KernelBackend backend;
    private static String missing;

    @BeforeAll
    static void compile() throws Exception {
        Path gxx = HostLaunchTarget.findCompiler();
        if (gxx == null) {
            missing = "no g++ on the PATH to compile harpoon_kernels.cu for the host";
            return;
        }
        target = HostLaunchTarget.build(gxx, Files.createTempDirectory("harpoon-cuda-host"));
        backend = new CudaBackend(target, Availability.available(Backend.CUDA, "harpoon_kernels.cu compiled by g++ (host)"));
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected KernelBackend backend() {
        return backend;
    }

    @Override
    protected void assumeAvailable() {
        Requirements.requireDevice("host C++ compiler", missing == null, String.valueOf(missing));
    }
}
