package io.harpoon.kernels.select;

import static java.util.Objects.requireNonNull;

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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a kernel on the first backend of an ordered preference that can run it, remembering per kernel which
 * backends failed (so a broken device is not retried on every call) and reporting in an {@link ExecutionOutcome}
 * why each skipped backend was skipped.
 *
 * <p>With {@code fallback = false} (tests, benchmarks) only the first backend is tried and its failure is
 * thrown: a device run that would quietly become a CPU run fails instead. In-place kernels are retried on the
 * next backend from a snapshot of the inputs, so a failure part-way never leaks half-transformed bytes.
 */
public final class BackendChain {
    private static final Logger LOG = LoggerFactory.getLogger(BackendChain.class);

    private final BackendRegistry registry;
    private final List<Backend> preference;
    private final boolean fallback;
    private final Map<KernelId, Map<Backend, String>> failed = new EnumMap<>(KernelId.class);

    public BackendChain(BackendRegistry registry, List<Backend> preference, boolean fallback) {
        this.registry = requireNonNull(registry, "registry");
        requireNonNull(preference, "preference");
        if (preference.isEmpty()) {
            throw new IllegalArgumentException("preference: [] (expected: at least one backend)");
        }
        this.preference = List.copyOf(preference);
        this.fallback = fallback;
        for (KernelId k : KernelId.values()) {
            failed.put(k, new ConcurrentHashMap<>());
        }
    }

    /** A chain that runs only {@code backend} and throws its failure (no fallback). */
    public static BackendChain only(Backend backend) {
        return new BackendChain(BackendRegistry.defaults(), List.of(backend), false);
    }

    public List<Backend> preference() {
        return preference;
    }

    public ExecutionOutcome crc32c(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        return run(KernelId.CRC32C, b -> {
            b.crc32c(in, out);
            return null;
        }, null).outcome();
    }

    public ExecutionOutcome crc32cMasked(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        return run(KernelId.CRC32C_MASKED, b -> {
            b.crc32cMasked(in, out);
            return null;
        }, null).outcome();
    }

    public ExecutionOutcome aes128Cfb(CfbDirection dir, CfbStream[] streams, BatchBuffers data) {
        Checks.cfbArgs(dir, streams, data);
        return run(KernelId.AES128_CFB, b -> {
            b.aes128Cfb(dir, streams, data);
            return null;
        }, () -> {
            byte[] bytes = data.data().clone();
            CfbStream[] saved = new CfbStream[streams.length];
            for (int i = 0; i < streams.length; i++) {
                saved[i] = streams[i].copy();
            }
            return () -> {
                System.arraycopy(bytes, 0, data.data(), 0, bytes.length);
                for (int i = 0; i < streams.length; i++) {
                    streams[i].restoreFrom(saved[i]);
                }
            };
        }).outcome();
    }

    /** Seals in place; see {@link KernelBackend#gcmSeal}. */
    public ExecutionOutcome gcmSeal(GcmBatch batch) {
        Checks.gcmArgs(batch);
        return run(KernelId.AES_GCM, b -> {
            b.gcmSeal(batch);
            return null;
        }, () -> snapshot(batch.data().data())).outcome();
    }

    /** Opens in place; the result's value says which tags verified. */
    public Result<boolean[]> gcmOpen(GcmBatch batch) {
        Checks.gcmArgs(batch);
        return run(KernelId.AES_GCM, b -> b.gcmOpen(batch), () -> snapshot(batch.data().data()));
    }

    /** A kernel's return value with its outcome. */
    public record Result<T>(T value, ExecutionOutcome outcome) {
    }

    /** Restores inputs that an in-place kernel may have half-transformed before failing. */
    private interface Undo {
        void restore();
    }

    private static Undo snapshot(byte[] data) {
        byte[] copy = data.clone();
        return () -> System.arraycopy(copy, 0, data, 0, copy.length);
    }

    private <T> Result<T> run(KernelId kernel, Function<KernelBackend, T> call, Supplier<Undo> snapshot) {
        List<String> skipped = new ArrayList<>();
        Map<Backend, String> memory = failed.get(kernel);
        for (int i = 0; i < preference.size(); i++) {
            Backend id = preference.get(i);
            boolean last = !fallback || i == preference.size() - 1;
            KernelBackend b = registry.get(id);
            String why = memory.get(id);
            if (why == null) {
                Availability a = b.availability();
                if (!a.available()) {
                    why = "unavailable: " + a.cause();
                } else if (!b.supports(kernel)) {
                    why = "does not implement " + kernel.wireName();
                }
            }
            if (why != null) {
                if (last) {
                    throw new BackendFailure(id, why);
                }
                skipped.add(id.wireName() + ": " + why);
                continue;
            }
            boolean canFailMidway = id != Backend.JAVA && id != Backend.JDK;
            Undo undo = !last && canFailMidway && snapshot != null ? snapshot.get() : null;
            try {
                T value = call.apply(b);
                return new Result<>(value, new ExecutionOutcome(kernel, id, skipped));
            } catch (BackendFailure | LinkageError e) {
                if (last) {
                    throw e instanceof BackendFailure bf ? bf : new BackendFailure(id, "linkage error", e);
                }
                String cause = Availability.unavailable(id, e).cause();
                memory.put(id, "failed earlier: " + cause);
                LOG.warn("kernel {} failed on {}, falling back: {}", kernel.wireName(), id.wireName(), cause);
                skipped.add(id.wireName() + ": " + cause);
                if (undo != null) {
                    undo.restore();
                }
            }
        }
        throw new IllegalStateException("unreachable: empty preference");
    }
}
