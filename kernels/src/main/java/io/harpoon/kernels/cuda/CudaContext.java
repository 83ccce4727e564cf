package io.harpoon.kernels.cuda;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.reference.Aes;
import io.harpoon.kernels.reference.Crc32c;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaError;

/**
 * An initialised CUDA device with the kernels compiled: the primary context of device 0, the NVRTC-compiled
 * module, its functions and the constant tables (CRC-32C, S-box) uploaded once. With {@link DeviceMemory} the only
 * code that calls JCuda; created by {@link #connect()} on the probe thread.
 *
 * <p>Driver calls run with JCuda exceptions enabled, so every error is a {@code CudaException} with the driver's
 * message; the caller turns it into a {@code BackendFailure}. CUDA contexts are per thread, so {@link #open()}
 * makes the context current first.
 */
final class CudaContext implements LaunchTarget {
    /** cudaErrorInsufficientDriver: what the runtime API returns on a machine without a (recent enough) driver. */
    static final int INSUFFICIENT_DRIVER = 35;

    final CUcontext context;
    final String description;
    final CUdeviceptr crcTable;
    final CUdeviceptr sbox;
    private final Map<String, CUfunction> functions;

    private CudaContext(CUcontext context, String description, Map<String, CUfunction> functions, CUdeviceptr crcTable,
                        CUdeviceptr sbox) {
        this.context = context;
        this.description = description;
        this.functions = functions;
        this.crcTable = crcTable;
        this.sbox = sbox;
    }

    /** Probes the driver, compiles the source and loads the module; throws with the cause on any failure. */
    static CudaContext connect() {
        int[] count = {0};
        // The runtime API reports a missing driver as an error code; the driver API class would fail to initialise.
        int err = JCuda.cudaGetDeviceCount(count);
        if (err != cudaError.cudaSuccess) {
            throw new IllegalStateException("cudaGetDeviceCount: " + cudaError.stringFor(err) + " (" + err + ")"
                    + (err == INSUFFICIENT_DRIVER ? ": no CUDA driver (libcuda.so.1) or one older than CUDA 12" : ""));
        }
        if (count[0] == 0) {
            throw new IllegalStateException("cudaGetDeviceCount: 0 devices");
        }
        JCudaDriver.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        CUdevice device = new CUdevice();
        JCudaDriver.cuDeviceGet(device, 0);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, device);
        int[] major = {0};
        int[] minor = {0};
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        CUcontext ctx = new CUcontext();
        JCudaDriver.cuDevicePrimaryCtxRetain(ctx, device);
        JCudaDriver.cuCtxSetCurrent(ctx);

        String ptx = compile(CudaKernelSource.load(), major[0] * 10 + minor[0]);
        CUmodule module = new CUmodule();
        JCudaDriver.cuModuleLoadData(module, ptx);
        Map<String, CUfunction> fns = new HashMap<>();
        for (String entry : CudaKernelSource.ENTRY_POINTS) {
            CUfunction f = new CUfunction();
            JCudaDriver.cuModuleGetFunction(f, module, entry);
            fns.put(entry, f);
        }
        CUdeviceptr table = upload(Crc32c.tableCopy());
        CUdeviceptr sbox = upload(Aes.sboxCopy());
        String desc = "CUDA " + cString(name) + " (compute " + major[0] + "." + minor[0] + ", 1 of " + count[0] + ")";
        CudaContext c = new CudaContext(ctx, desc, Map.copyOf(fns), table, sbox);
        c.selfTest();
        return c;
    }

    CUfunction function(String entryPoint) {
        return functions.get(entryPoint);
    }

    /** A session for one launch, with this context made current on the calling thread (contexts are per thread). */
    @Override
    public DeviceMemory open() {
        JCudaDriver.cuCtxSetCurrent(context);
        return new DeviceMemory(this);
    }

    private void selfTest() {
        int[] out = new int[1];
        CudaLaunches.crc32c(this, BatchBuffers.pack("123456789".getBytes(StandardCharsets.US_ASCII)), out, false);
        if (out[0] != 0xE3069283) {
            throw new IllegalStateException("self-test crc32c(\"123456789\") = " + Integer.toHexString(out[0]) + " on "
                    + description + " (expected: e3069283)");
        }
    }

    /**
     * NVRTC to PTX for the device's architecture, falling back to older virtual architectures when this NVRTC does
     * not know the device's (the driver JIT-compiles PTX forward).
     */
    private static String compile(String source, int computeCapability) {
        Set<String> archs = new LinkedHashSet<>();
        archs.add("compute_" + computeCapability);
        archs.add("compute_90");
        archs.add("compute_75");
        StringBuilder errors = new StringBuilder();
        try {
            JNvrtc.setExceptionsEnabled(true);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("NVRTC not loadable (needs libnvrtc.so.12 from a CUDA 12 toolkit on the "
                    + "library path): " + e.getMessage(), e);
        }
        for (String arch : archs) {
            nvrtcProgram program = new nvrtcProgram();
            JNvrtc.nvrtcCreateProgram(program, source, CudaKernelSource.PROGRAM_NAME, 0, null, null);
            try {
                String[] options = {"--gpu-architecture=" + arch, "--std=c++14"};
                JNvrtc.nvrtcCompileProgram(program, options.length, options);
                String[] ptx = new String[1];
                JNvrtc.nvrtcGetPTX(program, ptx);
                return ptx[0];
            } catch (RuntimeException e) {
                String[] log = new String[1];
                try {
                    JNvrtc.nvrtcGetProgramLog(program, log);
                } catch (RuntimeException ignored) {
                    log[0] = "";
                }
                errors.append(arch).append(": ").append(e.getMessage()).append(' ').append(log[0]).append("; ");
            } finally {
                JNvrtc.nvrtcDestroyProgram(program);
            }
        }
        throw new IllegalStateException("NVRTC could not compile " + CudaKernelSource.PROGRAM_NAME + ": " + errors);
    }

    private static CUdeviceptr upload(int[] host) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, (long) host.length * Integer.BYTES);
        JCudaDriver.cuMemcpyHtoD(p, Pointer.to(host), (long) host.length * Integer.BYTES);
        return p;
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }
}
