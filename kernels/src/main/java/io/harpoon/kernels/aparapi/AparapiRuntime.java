package io.harpoon.kernels.aparapi;

import com.aparapi.Config;
import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelPreferences;
import com.aparapi.internal.kernel.KernelProfile;
import com.aparapi.internal.model.ClassModel;
import com.aparapi.internal.writer.KernelWriter;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.reference.Aes;
import io.harpoon.kernels.reference.Crc32c;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenCL device Aparapi chose and the three kernels built for it, created once by the probe
 * ({@link #open()}) and reused for every batch. Callers serialise on this object: an Aparapi kernel instance
 * holds its arguments in fields, so one batch at a time may use it.
 *
 * <p>Aparapi's habit of silently running a kernel on its Java thread pool when OpenCL fails is defeated in three
 * ways: each kernel's preferred devices are only the chosen OpenCL device; each kernel is compiled for it up
 * front ({@code Kernel.compile} throws instead of falling back); and after every launch {@link #launch} checks
 * that the device was not marked failed and that no Java device ever ran the kernel, throwing
 * {@link BackendFailure} otherwise.
 */
final class AparapiRuntime {
    private static final Pattern OPENCL_VERSION = Pattern.compile("OpenCL \\d+\\.\\d+");

    private final OpenCLDevice device;
    /**
     * Constant tables, assigned to the kernels before every launch: with auto clean-up Aparapi replaces
     * <em>every</em> array field of a kernel by an empty array after a launch, tables included.
     */
    final int[] sbox = Aes.sboxCopy();
    final int[] crcTable = Crc32c.tableCopy();
    final CrcKernel crc = new CrcKernel();
    final CfbKernel cfb = new CfbKernel();
    final GcmKernel gcm = new GcmKernel();

    private AparapiRuntime(OpenCLDevice device) {
        this.device = device;
    }

    /** Finds the best OpenCL device and builds every kernel for it; throws when there is none or a build fails. */
    static AparapiRuntime open() throws CompileFailedException {
        Device best = KernelManager.instance().bestDevice();
        if (!(best instanceof OpenCLDevice cl)) {
            throw new IllegalStateException("no OpenCL device: Aparapi's best device is "
                    + (best == null ? "none" : best.getShortDescription())
                    + " (expected: an OpenCL device; without one Aparapi would run kernels on its Java thread pool)");
        }
        AparapiRuntime rt = new AparapiRuntime(cl);
        for (Kernel k : rt.kernels()) {
            rt.prepare(k);
        }
        return rt;
    }

    /**
     * Pins {@code kernel} to this runtime's device and builds it there; throws instead of falling back when the
     * build fails.
     */
    void prepare(Kernel kernel) throws CompileFailedException {
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
        // Release device buffers (and the arrays' references) after each launch: every batch brings fresh
        // staging arrays anyway, and an idle backend should not pin the last batch in memory.
        kernel.setAutoCleanUpArrays(true);
        // Aparapi's class parser warns about every method's MethodParameters attribute (javac -parameters, which
        // the build uses): harmless, so its logger is raised to SEVERE while the kernel is built, then restored.
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Config.getLoggerName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.SEVERE);
        try {
            kernel.compile(device);
        } finally {
            log.setLevel(level);
        }
    }

    List<Kernel> kernels() {
        return List.of(crc, cfb, gcm);
    }

    /** "device name (OpenCL x.y, platform name)". */
    String description() {
        String platformVersion = device.getOpenCLPlatform().getVersion();
        Matcher m = OPENCL_VERSION.matcher(platformVersion == null ? "" : platformVersion);
        String version = m.find() ? m.group() : "OpenCL ?";
        return device.getName().trim() + " (" + version + ", " + device.getOpenCLPlatform().getName().trim() + ")";
    }

    int maxGroup() {
        return device.getMaxWorkGroupSize();
    }

    long maxAllocBytes() {
        return device.getMaxMemAllocSize();
    }

    /** Runs {@code kernel} over {@code count} work items on the OpenCL device; count must be &gt; 0. */
    void launch(Kernel kernel, int count) {
        LaunchGeometry g = LaunchGeometry.of(count, maxGroup());
        Range range = Range.create(device, g.global(), g.local());
        if (!range.isValid()) {
            throw new BackendFailure(Backend.APARAPI, "range " + range + " invalid on " + description());
        }
        try {
            kernel.execute(range);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            throw new BackendFailure(Backend.APARAPI, name(kernel) + " launch failed", e);
        }
        String fallback = fallbackOf(kernel, device);
        if (fallback != null) {
            throw new BackendFailure(Backend.APARAPI, name(kernel) + " did not run on OpenCL: " + fallback);
        }
    }

    /**
     * Why {@code kernel}'s last run was not on {@code device} (Aparapi fell back), or null if it was. Aparapi does
     * not report where a launch ran, so this checks what a fallback leaves behind: the device marked failed, the
     * kernel no longer targeting an OpenCL device, or a Java device among those that ran the kernel class.
     */
    static String fallbackOf(Kernel kernel, Device device) {
        KernelPreferences prefs = KernelManager.instance().getPreferences(kernel);
        if (prefs.getFailedDevices().contains(device)) {
            return "device " + device.getShortDescription() + " marked failed";
        }
        if (!kernel.isRunningCL()) {
            Device target = kernel.getTargetDevice();
            return "target device is " + (target == null ? "none" : target.getShortDescription());
        }
        KernelProfile profile = KernelManager.instance().getProfile(kernel.getClass());
        for (Device d : profile.getDevices()) {
            if (d instanceof JavaDevice) {
                return "kernel ran on " + d.getShortDescription();
            }
        }
        return null;
    }

    /** The OpenCL C Aparapi generates for a kernel class (what {@code -Dcom.aparapi.enableShowGeneratedOpenCL} shows). */
    static String openClSource(Kernel kernel) {
        try {
            return KernelWriter.writeToString(ClassModel.createClassModel(kernel.getClass()).getEntrypoint("run", kernel));
        } catch (Exception e) {
            throw new BackendFailure(Backend.APARAPI, "code generation failed for " + name(kernel), e);
        }
    }

    private static String name(Kernel kernel) {
        return kernel.getClass().getSimpleName();
    }
}
