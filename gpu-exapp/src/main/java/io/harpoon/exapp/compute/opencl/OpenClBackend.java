package io.harpoon.exapp.compute.opencl;

import static java.util.Objects.requireNonNull;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

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
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * Search on an OpenCL device through JOCL: a GPU driver where one exists (ROCm, NVIDIA, Intel), else the first
 * device (PoCL's pthread CPU device in CI). One context and one in-order queue per backend; programs are built once
 * per top-k size class ({@link DeviceKernelSource#kmaxFor}).
 *
 * <p>Probing catches a missing {@code libOpenCL.so.1} ({@link UnsatisfiedLinkError}) and a missing ICD
 * ({@code CL_PLATFORM_NOT_FOUND_KHR}) and reports them as the cause.
 */
public final class OpenClBackend implements ComputeBackend {
    private final Object lock = new Object();
    private final long scoreBudget;
    private final Map<Integer, cl_kernel[]> kernels = new HashMap<>();
    private final Map<Integer, cl_program> programs = new HashMap<>();
    private ComputeAvailability availability;
    private cl_device_id device;
    private cl_context context;
    private cl_command_queue queue;

    public OpenClBackend() {
        this(DeviceGeometry.SCORE_BUDGET);
    }

    /** @param scoreBudget floats of scores per query chunk ({@link DeviceGeometry#SCORE_BUDGET}; tests use less) */
    public OpenClBackend(long scoreBudget) {
        if (scoreBudget < 1) {
            throw new IllegalArgumentException("scoreBudget: " + scoreBudget + " (expected: >= 1)");
        }
        this.scoreBudget = scoreBudget;
    }

    @Override
    public ComputeKind kind() {
        return ComputeKind.OPENCL;
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
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            if (count[0] == 0) {
                return ComputeAvailability.unavailable(ComputeKind.OPENCL, "no OpenCL platform (no ICD installed)");
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            CL.clGetPlatformIDs(platforms.length, platforms, null);
            cl_platform_id chosenPlatform = null;
            boolean gpu = false;
            for (cl_platform_id p : platforms) {
                int[] nd = new int[1];
                try {
                    CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
                } catch (CLException e) {
                    continue; // CL_DEVICE_NOT_FOUND on this platform
                }
                cl_device_id[] ds = new cl_device_id[nd[0]];
                CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ds.length, ds, null);
                for (cl_device_id d : ds) {
                    boolean isGpu = (deviceType(d) & (CL_DEVICE_TYPE_GPU | CL_DEVICE_TYPE_ACCELERATOR)) != 0;
                    if (device == null || (isGpu && !gpu)) {
                        device = d;
                        chosenPlatform = p;
                        gpu = isGpu;
                    }
                }
            }
            if (device == null) {
                return ComputeAvailability.unavailable(ComputeKind.OPENCL, "OpenCL platforms found but no device");
            }
            context = CL.clCreateContext(null, 1, new cl_device_id[] {device}, null, null, null);
            queue = CL.clCreateCommandQueueWithProperties(context, device, new cl_queue_properties(), null);
            kernelsFor(DeviceKernelSource.kmaxFor(1)); // compile errors show up in the probe, not in a search
            String name = deviceString(device) + " (" + platformString(chosenPlatform) + ")";
            return ComputeAvailability.available(ComputeKind.OPENCL, name, gpu);
        } catch (LinkageError | RuntimeException e) {
            return ComputeAvailability.unavailable(ComputeKind.OPENCL, e);
        }
    }

    private static long deviceType(cl_device_id d) {
        long[] type = new long[1];
        CL.clGetDeviceInfo(d, CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
        return type[0];
    }

    private static String deviceString(cl_device_id d) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, CL_DEVICE_NAME, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, CL_DEVICE_NAME, b.length, Pointer.to(b), null);
        return cString(b);
    }

    private static String platformString(cl_platform_id p) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(p, CL_PLATFORM_NAME, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        CL.clGetPlatformInfo(p, CL_PLATFORM_NAME, b.length, Pointer.to(b), null);
        return cString(b);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }

    /** {@code [hp_scores, hp_topk]} for a size class; built on first use. Caller holds {@link #lock}. */
    cl_kernel[] kernelsFor(int kmax) {
        cl_kernel[] ks = kernels.get(kmax);
        if (ks != null) {
            return ks;
        }
        cl_program program = CL.clCreateProgramWithSource(context, 1,
                new String[] {DeviceKernelSource.openCl(kmax)}, null, null);
        try {
            CL.clBuildProgram(program, 0, null, "-cl-std=CL1.2", null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new ComputeFailure(ComputeKind.OPENCL, "kernel build failed: " + log, e);
        }
        programs.put(kmax, program);
        ks = new cl_kernel[] {CL.clCreateKernel(program, "hp_scores", null), CL.clCreateKernel(program, "hp_topk", null)};
        kernels.put(kmax, ks);
        return ks;
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] b = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null);
            return cString(b);
        } catch (CLException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    @Override
    public ResidentVectors upload(VectorSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        ComputeAvailability a = availability();
        if (!a.available()) {
            throw new ComputeFailure(ComputeKind.OPENCL, "unavailable: " + a.cause());
        }
        synchronized (lock) {
            try {
                return new OpenClResident(this, snapshot);
            } catch (CLException e) {
                throw new ComputeFailure(ComputeKind.OPENCL, "upload of " + snapshot.count() + " vectors failed", e);
            }
        }
    }

    long scoreBudget() {
        return scoreBudget;
    }

    Object lock() {
        return lock;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    @Override
    public void close() {
        synchronized (lock) {
            kernels.values().forEach(ks -> {
                for (cl_kernel k : ks) {
                    CL.clReleaseKernel(k);
                }
            });
            kernels.clear();
            programs.values().forEach(CL::clReleaseProgram);
            programs.clear();
            if (queue != null) {
                CL.clReleaseCommandQueue(queue);
                queue = null;
            }
            if (context != null) {
                CL.clReleaseContext(context);
                context = null;
            }
            if (availability != null && availability.available()) {
                availability = ComputeAvailability.unavailable(ComputeKind.OPENCL, "closed");
            }
        }
    }
}
