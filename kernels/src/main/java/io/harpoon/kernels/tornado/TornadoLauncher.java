package io.harpoon.kernels.tornado;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.tornado.Launch.Kind;
import io.harpoon.kernels.tornado.Launch.ShapeClass;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;

/**
 * Runs launches as TornadoVM task graphs. The only class that calls into {@code uk.ac.manchester.tornado}: it is
 * loaded after {@link TornadoBackend} has checked that the runtime is there, so a missing runtime surfaces as a
 * {@link NoClassDefFoundError} the probe catches rather than a failure to load the backend.
 *
 * <p>One task graph and execution plan per {@link ShapeClass}, built on first use (TornadoVM JIT-compiles the
 * kernel on the first execution) and kept; at most {@link #MAX_PLANS} plans live, the least recently used is
 * closed (freeing its device buffers). Tables (CRC, S-box) go to the device once; everything else every execution.
 */
final class TornadoLauncher implements Launcher {
    /** Most execution plans kept alive (each holds device buffers the size of its shape class). */
    static final int MAX_PLANS = 8;
    /** {@code driver:device} indices as {@code tornado --devices} lists them; unset: TornadoVM's default device. */
    static final String DEVICE_PROPERTY = "harpoon.tornado.device";
    /** TornadoVM's options class; its {@code RECOVER_BAILOUT} is read once the runtime is initialised. */
    static final String OPTIONS_CLASS = "uk.ac.manchester.tornado.runtime.common.TornadoOptions";

    private static final AtomicLong GRAPH_IDS = new AtomicLong();

    private final Map<ShapeClass, Plan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ShapeClass, Plan> eldest) {
            if (size() > MAX_PLANS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /** A launch bound to the TornadoVM plan that runs it. */
    record Plan(Launch launch, TornadoExecutionPlan executionPlan) implements AutoCloseable {
        void execute() {
            executionPlan.execute();
        }

        @Override
        public void close() {
            try {
                executionPlan.close();
            } catch (TornadoExecutionPlanException | RuntimeException e) {
                // Freeing device buffers failed: nothing to recover; the plan is dropped either way.
            }
        }
    }

    @Override
    public Launch acquire(ShapeClass shape) {
        Plan p = plans.get(shape);
        if (p == null) {
            p = build(shape);
            plans.put(shape, p);
        }
        return p.launch();
    }

    @Override
    public void run(Launch launch) {
        Plan p = plans.get(launch.shape());
        if (p == null || p.launch() != launch) {
            throw new BackendFailure(Backend.TORNADO, "no plan for " + launch.shape() + " (launch not acquired here)");
        }
        try {
            p.execute();
        } catch (RuntimeException | LinkageError e) {
            // With tornado.recover.bailout=False a kernel TornadoVM cannot compile or run lands here instead of
            // silently running as sequential Java; drop the plan so the next batch rebuilds it.
            plans.remove(launch.shape()).close();
            throw new BackendFailure(Backend.TORNADO, launch.shape().kind() + " failed on TornadoVM (bailout or device error): "
                    + e, e);
        }
    }

    /**
     * Proves the runtime works before the backend reports itself available: bailout recovery must be off, and a
     * CRC-32C of "123456789" computed on the device must equal the check value (TornadoVM has miscompiled shifts
     * before). Returns the device description.
     */
    String selfTest() {
        Boolean recover = recoverBailout();
        if (Boolean.TRUE.equals(recover)) {
            throw new IllegalStateException(OPTIONS_CLASS + ".RECOVER_BAILOUT is true (tornado.recover.bailout was read "
                    + "before Harpoon could set it): a kernel that fails to compile would run silently as sequential "
                    + "Java; start the JVM with -Dtornado.recover.bailout=False");
        }
        try (Plan p = build(ShapeClass.of(Kind.CRC32C, 1, 9, 0))) {
            CrcLaunch l = (CrcLaunch) p.launch();
            l.load(BatchBuffers.pack("123456789".getBytes(StandardCharsets.US_ASCII)), false);
            p.execute();
            String device = describe(p.executionPlan());
            if (l.out[0] != 0xE3069283) {
                throw new IllegalStateException("self-test crc32c(\"123456789\") = " + Integer.toHexString(l.out[0])
                        + " on " + device + " (expected: e3069283): generated device code is wrong");
            }
            return device + (recover == null ? "" : ", bailout recovery off");
        }
    }

    private static Boolean recoverBailout() {
        try {
            return Class.forName(OPTIONS_CLASS).getField("RECOVER_BAILOUT").getBoolean(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // not this TornadoVM layout: rely on the property TornadoBackend set
        }
    }

    private static String describe(TornadoExecutionPlan plan) {
        try {
            TornadoDevice d = plan.getDevice(0);
            return "TornadoVM " + d.getDeviceName() + " (" + d.getPlatformName() + ")";
        } catch (RuntimeException | LinkageError e) {
            return "TornadoVM default device";
        }
    }

    private static Plan build(ShapeClass shape) {
        String name = "harpoon_" + shape.kind().name().toLowerCase(java.util.Locale.ROOT) + "_" + GRAPH_IDS.incrementAndGet();
        Launch launch = Launcher.create(shape);
        TaskGraph g = new TaskGraph(name);
        switch (launch) {
            case CrcLaunch l -> g.transferToDevice(DataTransferMode.FIRST_EXECUTION, l.table)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, l.data, l.offsets, l.lengths, l.control)
                    .task("crc32c", TornadoKernels::crc32c, l.data, l.offsets, l.lengths, l.table, l.control, l.out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, l.out);
            case CfbLaunch l -> g.transferToDevice(DataTransferMode.FIRST_EXECUTION, l.sbox, l.scratch)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, l.data, l.offsets, l.lengths, l.roundKeys,
                            l.control, l.state, l.used)
                    .task("aes128cfb", TornadoKernels::aes128Cfb, l.data, l.offsets, l.lengths, l.roundKeys, l.sbox,
                            l.control, l.state, l.used, l.scratch)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, l.data, l.state, l.used);
            case GcmLaunch l -> g.transferToDevice(DataTransferMode.FIRST_EXECUTION, l.sbox, l.scratch)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, l.data, l.offsets, l.lengths, l.aad,
                            l.aadOffsets, l.aadLengths, l.roundKeys, l.rounds, l.ivs, l.control, l.tags)
                    .task("gcm", TornadoKernels::gcm, l.data, l.offsets, l.lengths, l.aad, l.aadOffsets, l.aadLengths,
                            l.roundKeys, l.rounds, l.ivs, l.sbox, l.control, l.tags, l.ok, l.scratch)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, l.data, l.tags, l.ok);
        }
        TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot());
        String device = System.getProperty(DEVICE_PROPERTY);
        if (device != null) {
            plan.withDevice(device(device));
        }
        return new Plan(launch, plan);
    }

    private static TornadoDevice device(String spec) {
        String[] parts = spec.trim().split(":");
        try {
            if (parts.length == 2) {
                return TornadoExecutionPlan.getDevice(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(DEVICE_PROPERTY + ": " + spec + " (expected: driver:device, e.g. 0:1)");
    }
}
