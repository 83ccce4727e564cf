package io.harpoon.kernels.cuda;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.Checks;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.api.Probes;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The {@code cuda} backend: {@code harpoon_kernels.cu} compiled once by NVRTC and launched through JCuda's driver
 * API on device 0, one thread per buffer, stream or message. Loaded by name from {@code select.BackendRegistry};
 * the constructor does nothing native, the first {@link #availability()} probes once and caches the answer.
 *
 * <p>Probe (spec/accelerators.md, detection), on a daemon thread bounded by {@link #PROBE_TIMEOUT}: the runtime
 * API's {@code cudaGetDeviceCount} (error 35 without a driver, instead of the driver API's class-initialisation
 * failure), then driver init, NVRTC compile, module load and a known-answer CRC-32C on the device. Missing natives
 * ({@link LinkageError}) and driver errors become an unavailable {@link Availability} with the cause.
 * Kernel calls are serialised (one context, one stream).
 */
public final class CudaBackend implements KernelBackend {
    /** Longest the probe may take: driver start, NVRTC compile and one launch. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private final Object lock = new Object();
    private final Probes.Once availability;
    private volatile LaunchTarget target;

    public CudaBackend() {
        // No native work here: the registry constructs every backend eagerly; probing is lazy.
        this.availability = new Probes.Once(this::probe);
    }

    /** A backend over another launch target (the tests' host-compiled .cu), already probed. */
    CudaBackend(LaunchTarget target, Availability availability) {
        this.target = target;
        this.availability = Probes.Once.of(availability);
    }

    @Override
    public Backend id() {
        return Backend.CUDA;
    }

    @Override
    public Availability availability() {
        return availability.get();
    }

    private Availability probe() {
        return Probes.inDaemonThread(Backend.CUDA, "CUDA", PROBE_TIMEOUT, () -> {
            CudaContext c = CudaContext.connect();
            target = c;
            return Availability.available(Backend.CUDA, c.description);
        });
    }

    /** Runs {@code work} on the device with the context current; any driver error becomes a BackendFailure. */
    private <T> T onDevice(String kernel, Supplier<T> work) {
        Availability a = availability();
        if (!a.available() || target == null) {
            throw new BackendFailure(Backend.CUDA, "unavailable: " + a.cause());
        }
        synchronized (lock) {
            try {
                return work.get();
            } catch (RuntimeException | LinkageError e) {
                if (e instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                throw new BackendFailure(Backend.CUDA, kernel + " failed on " + a.device() + ": " + e, e);
            }
        }
    }

    private void checkedOnDevice(Runnable validate) {
        Availability a = availability();
        if (!a.available()) {
            throw new BackendFailure(Backend.CUDA, "unavailable: " + a.cause());
        }
        validate.run();
    }

    @Override
    public boolean supports(KernelId kernel) {
        return true;
    }

    @Override
    public void crc32c(BatchBuffers in, int[] out) {
        checkedOnDevice(() -> Checks.crcArgs(in, out));
        onDevice("crc32c", () -> {
            CudaLaunches.crc32c(target, in, out, false);
            return null;
        });
    }

    @Override
    public void crc32cMasked(BatchBuffers in, int[] out) {
        checkedOnDevice(() -> Checks.crcArgs(in, out));
        onDevice("crc32c-masked", () -> {
            CudaLaunches.crc32c(target, in, out, true);
            return null;
        });
    }

    @Override
    public void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        checkedOnDevice(() -> Checks.cfbArgs(direction, streams, data));
        onDevice("aes128-cfb", () -> {
            CudaLaunches.aes128Cfb(target, direction, streams, data);
            return null;
        });
    }

    @Override
    public void gcmSeal(GcmBatch batch) {
        checkedOnDevice(() -> Checks.gcmArgs(batch));
        onDevice("aes-gcm seal", () -> CudaLaunches.gcm(target, batch, false));
    }

    @Override
    public boolean[] gcmOpen(GcmBatch batch) {
        checkedOnDevice(() -> Checks.gcmArgs(batch));
        return onDevice("aes-gcm open", () -> CudaLaunches.gcm(target, batch, true));
    }
}
