package io.harpoon.exapp.compute.tornado;

import io.harpoon.exapp.compute.ComputeAvailability;
import io.harpoon.exapp.compute.ComputeBackend;
import io.harpoon.exapp.compute.ComputeFailure;
import io.harpoon.exapp.compute.ComputeKind;
import io.harpoon.exapp.compute.ResidentVectors;
import io.harpoon.exapp.compute.VectorSnapshot;

/**
 * Probe-only TornadoVM adapter: reports whether a TornadoVM runtime is loaded and, until a task-graph
 * implementation of the search exists (the kernels module has no tornado backend yet), that it cannot search.
 * It never touches a TornadoVM class: without the runtime, {@code TaskGraph} throws and
 * {@code TornadoExecutionPlan}'s initialiser fails (spec/accelerators.md), and this JVM may not even have the API.
 */
public final class TornadoProbe implements ComputeBackend {
    /** Set by TornadoVM's launcher argfile; its absence means no runtime. */
    public static final String RUNTIME_PROPERTY = "tornado.load.runtime.implementation";

    private final ComputeAvailability availability;

    public TornadoProbe() {
        this(System.getProperty(RUNTIME_PROPERTY));
    }

    /** @param runtimeImplementation the value of {@link #RUNTIME_PROPERTY}, or null when unset */
    TornadoProbe(String runtimeImplementation) {
        if (runtimeImplementation == null || runtimeImplementation.isBlank()) {
            availability = ComputeAvailability.unavailable(ComputeKind.TORNADO,
                    "TornadoVM runtime not loaded (system property " + RUNTIME_PROPERTY + " unset; start with the"
                            + " tornado launcher)");
        } else {
            availability = ComputeAvailability.unavailable(ComputeKind.TORNADO,
                    "TornadoVM runtime present (" + runtimeImplementation + ") but the vector-search task graph"
                            + " is not implemented yet; use opencl or cuda on this device");
        }
    }

    @Override
    public ComputeKind kind() {
        return ComputeKind.TORNADO;
    }

    @Override
    public ComputeAvailability availability() {
        return availability;
    }

    @Override
    public ResidentVectors upload(VectorSnapshot snapshot) {
        throw new ComputeFailure(ComputeKind.TORNADO, "unavailable: " + availability.cause());
    }
}
