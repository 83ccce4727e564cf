package io.harpoon.exapp.compute.cuda;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.compute.ComputeAvailability;
import io.harpoon.exapp.compute.ComputeBackend;
import io.harpoon.exapp.compute.ComputeFailure;
import io.harpoon.exapp.compute.ComputeKind;
import io.harpoon.exapp.compute.DeviceGeometry;
import io.harpoon.exapp.compute.DeviceKernelSource;
import io.harpoon.exapp.compute.ResidentVectors;
import io.harpoon.exapp.compute.VectorSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaError;

/**
 * Search on the first CUDA device (as {@code CUDA_VISIBLE_DEVICES} shows them) through JCuda's driver API; the
 * kernels of {@code search-kernels.c} are compiled at start by NVRTC for the device's compute capability.
 *
 * <p>Probe order (spec/accelerators.md): the runtime API's {@code cudaGetDeviceCount} first, because it returns an
 * error code instead of throwing when {@code libcuda.so.1} is absent; then the driver API and NVRTC, each failure
 * caught as {@link LinkageError} or {@link CudaException} and reported as the cause. The context is made current on
 * whichever thread holds the lock, since Netty workers and the init thread all search.
 */
public final class CudaBackend implements ComputeBackend {
    private final Object lock = new Object();
    private final long scoreBudget;
    private final Map<Integer, CUfunction[]> functions = new HashMap<>();
    private final Map<Integer, CUmodule> modules = new HashMap<>();
    private ComputeAvailability availability;
    private CUcontext context;
    private int major;
    private int minor;

    public CudaBackend() {
        this(DeviceGeometry.SCORE_BUDGET);
    }

    /** @param scoreBudget floats of scores per query chunk ({@link DeviceGeometry#SCORE_BUDGET}; tests use less) */
    public CudaBackend(long scoreBudget) {
        if (scoreBudget < 1) {
            throw new IllegalArgumentException("scoreBudget: " + scoreBudget + " (expected: >= 1)");
        }
        this.scoreBudget = scoreBudget;
    }

    @Override
    public ComputeKind kind() {
        return ComputeKind.CUDA;
    }

    @Override
    public ComputeAvailability availability() {
        synchronized (lock) {
            if (availability == null) {
                availability = probe();
            }
            return availability;
        }
    }

    private ComputeAvailability probe() {
        try {
            int[] count = new int[1];
            int err = JCuda.cudaGetDeviceCount(count);
            if (err != cudaError.cudaSuccess) {
                return ComputeAvailability.unavailable(ComputeKind.CUDA,
                        "cudaGetDeviceCount: " + cudaError.stringFor(err) + " (no usable CUDA driver)");
            }
            if (count[0] == 0) {
                return ComputeAvailability.unavailable(ComputeKind.CUDA, "no CUDA device visible");
            }
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            CUdevice device = new CUdevice();
            JCudaDriver.cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            JCudaDriver.cuDeviceGetName(name, name.length, device);
            int[] v = new int[1];
            JCudaDriver.cuDeviceGetAttribute(v, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
            major = v[0];
            JCudaDriver.cuDeviceGetAttribute(v, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
            minor = v[0];
            long[] mem = new long[1];
            JCudaDriver.cuDeviceTotalMem(mem, device);
            context = new CUcontext();
            JCudaDriver.cuCtxCreate(context, 0, device);
            functionsFor(DeviceKernelSource.kmaxFor(1)); // NVRTC or PTX JIT problems show in the probe
            String desc = cString(name) + " (sm_" + major + minor + ", " + (mem[0] >> 30) + " GiB, "
                    + count[0] + " device(s) visible)";
            return ComputeAvailability.available(ComputeKind.CUDA, desc, true);
        } catch (LinkageError | RuntimeException e) {
            return ComputeAvailability.unavailable(ComputeKind.CUDA, e);
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }

    /** {@code [hp_scores, hp_topk]} for a size class, compiled by NVRTC on first use. Caller holds the lock. */
    CUfunction[] functionsFor(int kmax) {
        CUfunction[] fs = functions.get(kmax);
        if (fs != null) {
            return fs;
        }
        JCudaDriver.cuCtxSetCurrent(context);
        String ptx = compile(DeviceKernelSource.cuda(kmax));
        CUmodule module = new CUmodule();
        JCudaDriver.cuModuleLoadData(module, ptx);
        modules.put(kmax, module);
        CUfunction scores = new CUfunction();
        JCudaDriver.cuModuleGetFunction(scores, module, "hp_scores");
        CUfunction topk = new CUfunction();
        JCudaDriver.cuModuleGetFunction(topk, module, "hp_topk");
        fs = new CUfunction[] {scores, topk};
        functions.put(kmax, fs);
        return fs;
    }

    private String compile(String source) {
        JNvrtc.setExceptionsEnabled(true);
        nvrtcProgram program = new nvrtcProgram();
        JNvrtc.nvrtcCreateProgram(program, source, "search-kernels.cu", 0, null, null);
        try {
            String[] options = {"--gpu-architecture=compute_" + major + minor};
            try {
                JNvrtc.nvrtcCompileProgram(program, options.length, options);
            } catch (CudaException e) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new ComputeFailure(ComputeKind.CUDA, "NVRTC compile failed: " + log[0], e);
            }
            String[] ptx = new String[1];
            JNvrtc.nvrtcGetPTX(program, ptx);
            return ptx[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    @Override
    public ResidentVectors upload(VectorSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        ComputeAvailability a = availability();
        if (!a.available()) {
            throw new ComputeFailure(ComputeKind.CUDA, "unavailable: " + a.cause());
        }
        synchronized (lock) {
            try {
                JCudaDriver.cuCtxSetCurrent(context);
                return new CudaResident(this, snapshot);
            } catch (CudaException e) {
                throw new ComputeFailure(ComputeKind.CUDA, "upload of " + snapshot.count() + " vectors failed", e);
            }
        }
    }

    Object lock() {
        return lock;
    }

    long scoreBudget() {
        return scoreBudget;
    }

    /** Makes the backend's context current on the calling thread. Caller holds the lock. */
    void makeCurrent() {
        if (context == null) {
            throw new ComputeFailure(ComputeKind.CUDA, "backend closed");
        }
        JCudaDriver.cuCtxSetCurrent(context);
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (context == null) {
                return;
            }
            JCudaDriver.cuCtxSetCurrent(context);
            modules.values().forEach(JCudaDriver::cuModuleUnload);
            modules.clear();
            functions.clear();
            JCudaDriver.cuCtxDestroy(context);
            context = null;
            availability = ComputeAvailability.unavailable(ComputeKind.CUDA, "closed");
        }
    }
}
