package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;

/**
 * Compile-only declaration of TornadoVM's {@code TornadoExecutionPlan} (since v0.15; {@link AutoCloseable} since
 * 1.0.4, where {@link #close()} frees the plan's device buffers). The real class is {@code sealed} with
 * TornadoVM-internal subclasses; Harpoon never subclasses it, so the declaration leaves that out.
 */
public class TornadoExecutionPlan implements AutoCloseable {
    private static final String STUB = "compile-only TornadoVM declaration";

    public TornadoExecutionPlan(ImmutableTaskGraph... immutableTaskGraphs) {
        throw new UnsupportedOperationException(STUB);
    }

    /** The device of driver (backend) {@code driverIndex}, device {@code deviceIndex}. */
    public static TornadoDevice getDevice(int driverIndex, int deviceIndex) {
        throw new UnsupportedOperationException(STUB);
    }

    /** Runs every graph of the plan once: copies in, launches (JIT-compiling on first use), copies out. */
    public TornadoExecutionResult execute() {
        throw new UnsupportedOperationException(STUB);
    }

    /** Runs every graph of the plan on {@code device}. */
    public TornadoExecutionPlan withDevice(TornadoDevice device) {
        throw new UnsupportedOperationException(STUB);
    }

    /** The device graph {@code immutableTaskGraphIndex} runs on. */
    public TornadoDevice getDevice(int immutableTaskGraphIndex) {
        throw new UnsupportedOperationException(STUB);
    }

    /** Marks the plan's device buffers reusable by the runtime. */
    public TornadoExecutionPlan freeDeviceMemory() {
        throw new UnsupportedOperationException(STUB);
    }

    @Override
    public void close() throws TornadoExecutionPlanException {
        throw new UnsupportedOperationException(STUB);
    }
}
