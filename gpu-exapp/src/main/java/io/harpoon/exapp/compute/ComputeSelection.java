package io.harpoon.exapp.compute;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.compute.cpu.CpuBackend;
import io.harpoon.exapp.compute.cuda.CudaBackend;
import io.harpoon.exapp.compute.opencl.OpenClBackend;
import io.harpoon.exapp.compute.tornado.TornadoProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The backend chosen from {@code COMPUTE_DEVICE} (AppAPI sets {@code CPU}, {@code CUDA} or {@code ROCM}, upper case;
 * either case accepted) and an optional explicit backend name, with every probe result kept for {@code /v1/info}.
 *
 * <pre>
 *   explicit backend   that backend; unavailable -> problem
 *   CPU or unset       cpu
 *   CUDA               cuda; unavailable -> problem
 *   ROCM               opencl on a GPU device (ROCm ships OpenCL); none -> problem
 * </pre>
 *
 * A non-empty {@link #problem()} is what {@code PUT /enabled?enabled=1} answers as its error (the test-deploy
 * pattern: the admin sees why the GPU is unusable); searches meanwhile run on the CPU backend so the API stays
 * usable for diagnosis. Never a silent fallback: the problem and the backend that runs are both reported.
 *
 * @param requestedDevice COMPUTE_DEVICE as given ("" when unset)
 * @param requestedBackend explicit backend name ("" when none)
 * @param backend the backend searches run on
 * @param probed availability of every backend, in {@link ComputeKind} order
 * @param problem why the requested device is unusable, else ""
 */
public record ComputeSelection(String requestedDevice, String requestedBackend, ComputeBackend backend,
                               List<ComputeAvailability> probed, String problem) {
    public ComputeSelection {
        requireNonNull(requestedDevice, "requestedDevice");
        requireNonNull(requestedBackend, "requestedBackend");
        requireNonNull(backend, "backend");
        probed = List.copyOf(probed);
        requireNonNull(problem, "problem");
    }

    /** Probes every backend and chooses; unused backends are closed. */
    public static ComputeSelection select(String computeDevice, String explicitBackend) {
        List<ComputeBackend> all = new ArrayList<>();
        all.add(new CpuBackend());
        all.add(create(ComputeKind.OPENCL, OpenClBackend::new));
        all.add(create(ComputeKind.CUDA, CudaBackend::new));
        all.add(create(ComputeKind.TORNADO, TornadoProbe::new));
        return select(computeDevice, explicitBackend, all);
    }

    /** Chooses among {@code backends} (one per kind, CPU included); unused ones are closed. */
    public static ComputeSelection select(String computeDevice, String explicitBackend, List<ComputeBackend> backends) {
        String device = computeDevice == null ? "" : computeDevice.trim();
        String explicit = explicitBackend == null ? "" : explicitBackend.trim();
        List<ComputeAvailability> probed = new ArrayList<>();
        ComputeBackend cpu = null;
        for (ComputeBackend b : backends) {
            probed.add(b.availability());
            if (b.kind() == ComputeKind.CPU) {
                cpu = b;
            }
        }
        if (cpu == null) {
            throw new IllegalArgumentException("backends: no cpu backend (expected: one per kind, cpu included)");
        }
        ComputeBackend chosen = cpu;
        String problem = "";
        if (!explicit.isEmpty()) {
            ComputeKind kind;
            try {
                kind = ComputeKind.parse(explicit);
            } catch (IllegalArgumentException e) {
                kind = null;
                problem = e.getMessage();
            }
            if (kind != null) {
                ComputeBackend b = find(backends, kind);
                if (b.availability().available()) {
                    chosen = b;
                } else {
                    problem = "backend " + kind.wireName() + " requested but unavailable: " + b.availability().cause();
                }
            }
        } else {
            switch (device.toLowerCase(Locale.ROOT)) {
                case "", "cpu" -> { }
                case "cuda" -> {
                    ComputeBackend b = find(backends, ComputeKind.CUDA);
                    if (b.availability().available()) {
                        chosen = b;
                    } else {
                        problem = "COMPUTE_DEVICE=" + device + " but CUDA is unusable: " + b.availability().cause();
                    }
                }
                case "rocm" -> {
                    ComputeBackend b = find(backends, ComputeKind.OPENCL);
                    ComputeAvailability a = b.availability();
                    if (a.available() && a.gpu()) {
                        chosen = b;
                    } else {
                        problem = "COMPUTE_DEVICE=" + device + " but no OpenCL GPU device is usable: "
                                + (a.available() ? "only " + a.device() + " (not a GPU)" : a.cause());
                    }
                }
                default -> problem = "COMPUTE_DEVICE: " + device + " (expected: cpu, cuda or rocm)";
            }
        }
        for (ComputeBackend b : backends) {
            if (b != chosen) {
                b.close();
            }
        }
        return new ComputeSelection(device, explicit, chosen, probed, problem);
    }

    private static ComputeBackend find(List<ComputeBackend> backends, ComputeKind kind) {
        for (ComputeBackend b : backends) {
            if (b.kind() == kind) {
                return b;
            }
        }
        return new Missing(ComputeAvailability.unavailable(kind, "backend not built into this process"));
    }

    /** Constructs an adapter; a class that cannot even link becomes an unavailable stand-in with the cause. */
    private static ComputeBackend create(ComputeKind kind, Supplier<ComputeBackend> factory) {
        try {
            return factory.get();
        } catch (LinkageError | RuntimeException e) {
            return new Missing(ComputeAvailability.unavailable(kind, e));
        }
    }

    /** The availability of the backend searches run on. */
    public ComputeAvailability active() {
        return backend.availability();
    }

    private record Missing(ComputeAvailability availability) implements ComputeBackend {
        @Override
        public ComputeKind kind() {
            return availability.kind();
        }

        @Override
        public ResidentVectors upload(VectorSnapshot snapshot) {
            throw new ComputeFailure(availability.kind(), "unavailable: " + availability.cause());
        }
    }
}
