package io.harpoon.kernels.tornado;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.api.Probes;
import java.time.Duration;

/**
 * The {@code tornado} backend: {@link TornadoKernels} run as TornadoVM task graphs on whatever device TornadoVM
 * picks by default (docs/tornadovm.md says how to choose one). Loaded by name from {@code select.BackendRegistry};
 * the constructor does nothing, the first {@link #availability()} probes once and caches the answer.
 *
 * <p>Probe, in order (spec/accelerators.md, detection); any failure makes the backend unavailable with the cause:
 * <ol>
 *   <li>system property {@value #RUNTIME_PROPERTY} set (the TornadoVM launcher's argfile sets it; without it any
 *       TornadoVM class throws "Implementation class not specified");</li>
 *   <li>{@value #BAILOUT_PROPERTY} not true: Harpoon sets it to {@code False} when absent, so a kernel TornadoVM
 *       cannot compile throws (reported as {@link BackendFailure}) instead of silently running as sequential Java;</li>
 *   <li>the runtime loads (catching {@link LinkageError} such as {@link NoClassDefFoundError} and
 *       {@link ExceptionInInitializerError}, and TornadoVM's runtime exceptions) and a known-answer CRC-32C
 *       computed on the device is right; all within {@link #PROBE_TIMEOUT} on a daemon thread, so a wedged driver
 *       cannot hang the caller.</li>
 * </ol>
 */
public final class TornadoBackend implements KernelBackend {
    /** Set by the TornadoVM launcher; its absence means no TornadoVM runtime on the class path. */
    public static final String RUNTIME_PROPERTY = "tornado.load.runtime.implementation";
    /** TornadoVM's silent sequential fallback switch ({@code True} by default in TornadoVM). */
    public static final String BAILOUT_PROPERTY = "tornado.recover.bailout";
    /** Longest the probe may take: runtime start plus one JIT compilation of the self-test kernel. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(120);

    private final Probes.Once availability;
    private volatile KernelBackend driver;

    public TornadoBackend() {
        // No work here: the registry constructs every backend eagerly; probing is lazy.
        this.availability = new Probes.Once(this::probe);
    }

    /** The same kernels and host code run as plain sequential Java (the CPU check of the device kernels). */
    static KernelBackend plainJava() {
        return new LaunchDriver(Launcher.plainJava(),
                Availability.available(Backend.TORNADO, "JVM (TornadoVM kernels run as plain sequential Java)"));
    }

    @Override
    public Backend id() {
        return Backend.TORNADO;
    }

    @Override
    public Availability availability() {
        return availability.get();
    }

    private Availability probe() {
        if (System.getProperty(RUNTIME_PROPERTY) == null) {
            return Availability.unavailable(Backend.TORNADO, "TornadoVM runtime not present: system property "
                    + RUNTIME_PROPERTY + " is not set (run under the TornadoVM launcher, see docs/tornadovm.md)");
        }
        String bailout = System.getProperty(BAILOUT_PROPERTY);
        if (bailout == null) {
            System.setProperty(BAILOUT_PROPERTY, "False");
        } else if (Boolean.parseBoolean(bailout.trim())) {
            return Availability.unavailable(Backend.TORNADO, "-D" + BAILOUT_PROPERTY + "=" + bailout
                    + " lets a kernel that fails to compile run silently as sequential Java; use -D"
                    + BAILOUT_PROPERTY + "=False");
        }
        return Probes.inDaemonThread(Backend.TORNADO, "TornadoVM", PROBE_TIMEOUT, () -> {
            TornadoLauncher launcher = new TornadoLauncher();
            String device = launcher.selfTest();
            Availability ok = Availability.available(Backend.TORNADO, device);
            driver = new LaunchDriver(launcher, ok);
            return ok;
        });
    }

    private KernelBackend driver() {
        Availability a = availability();
        KernelBackend d = driver;
        if (!a.available() || d == null) {
            throw new BackendFailure(Backend.TORNADO, "unavailable: " + a.cause());
        }
        return d;
    }

    @Override
    public boolean supports(KernelId kernel) {
        return true;
    }

    @Override
    public void crc32c(BatchBuffers in, int[] out) {
        driver().crc32c(in, out);
    }

    @Override
    public void crc32cMasked(BatchBuffers in, int[] out) {
        driver().crc32cMasked(in, out);
    }

    @Override
    public void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        driver().aes128Cfb(direction, streams, data);
    }

    @Override
    public void gcmSeal(GcmBatch batch) {
        driver().gcmSeal(batch);
    }

    @Override
    public boolean[] gcmOpen(GcmBatch batch) {
        return driver().gcmOpen(batch);
    }
}
