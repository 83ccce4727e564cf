package io.harpoon.kernels.select;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.jdk.JdkBackend;
import io.harpoon.kernels.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every backend, created once per JVM. The optional ones ({@code aparapi}, {@code tornado}, {@code cuda}) are
 * loaded by class name, so a missing native library or runtime turns into an {@link Availability} with the cause
 * instead of a linkage error in the caller. Probing is lazy and cached by each backend.
 */
public final class BackendRegistry {
    private static final Map<Backend, String> OPTIONAL = Map.of(
            Backend.APARAPI, "io.harpoon.kernels.aparapi.AparapiBackend",
            Backend.TORNADO, "io.harpoon.kernels.tornado.TornadoBackend",
            Backend.CUDA, "io.harpoon.kernels.cuda.CudaBackend");

    private static volatile BackendRegistry defaultRegistry;

    private final Map<Backend, KernelBackend> backends;

    private BackendRegistry(Map<Backend, KernelBackend> backends) {
        this.backends = Collections.unmodifiableMap(new EnumMap<>(backends));
    }

    /** The process-wide registry. */
    public static BackendRegistry defaults() {
        BackendRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (BackendRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = create();
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    static BackendRegistry create() {
        Map<Backend, KernelBackend> m = new EnumMap<>(Backend.class);
        m.put(Backend.JAVA, new ReferenceBackend());
        m.put(Backend.JDK, new JdkBackend());
        for (Backend b : new Backend[] {Backend.APARAPI, Backend.TORNADO, Backend.CUDA}) {
            m.put(b, load(b, OPTIONAL.get(b)));
        }
        return new BackendRegistry(m);
    }

    /** A registry over the given backends (tests, embedding); every {@link Backend} must be present. */
    public static BackendRegistry of(Map<Backend, KernelBackend> backends) {
        for (Backend b : Backend.values()) {
            if (!backends.containsKey(b)) {
                throw new IllegalArgumentException("backends: missing " + b.wireName() + " (expected: every backend)");
            }
        }
        return new BackendRegistry(backends);
    }

    private static KernelBackend load(Backend b, String className) {
        try {
            Class<?> c = Class.forName(className);
            return (KernelBackend) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Absent(Availability.unavailable(b, e));
        }
    }

    public KernelBackend get(Backend b) {
        return backends.get(b);
    }

    /** All backends in declaration order. */
    public List<KernelBackend> all() {
        return new ArrayList<>(backends.values());
    }

    /** Availability of every backend, probing each (once per JVM). */
    public List<Availability> probeAll() {
        List<Availability> out = new ArrayList<>();
        for (KernelBackend k : backends.values()) {
            out.add(k.availability());
        }
        return out;
    }

    /** A backend whose adapter class could not even be loaded. Every call fails with the recorded cause. */
    static final class Absent implements KernelBackend {
        private final Availability availability;

        Absent(Availability availability) {
            this.availability = availability;
        }

        @Override
        public Backend id() {
            return availability.backend();
        }

        @Override
        public Availability availability() {
            return availability;
        }

        @Override
        public boolean supports(KernelId kernel) {
            return false;
        }

        private BackendFailure fail() {
            return new BackendFailure(availability.backend(), "unavailable: " + availability.cause());
        }

        @Override
        public void crc32c(BatchBuffers in, int[] out) {
            throw fail();
        }

        @Override
        public void crc32cMasked(BatchBuffers in, int[] out) {
            throw fail();
        }

        @Override
        public void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
            throw fail();
        }

        @Override
        public void gcmSeal(GcmBatch batch) {
            throw fail();
        }

        @Override
        public boolean[] gcmOpen(GcmBatch batch) {
            throw fail();
        }
    }
}
