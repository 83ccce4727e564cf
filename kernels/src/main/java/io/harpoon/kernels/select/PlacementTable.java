package io.harpoon.kernels.select;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchShape;
import io.harpoon.kernels.api.KernelId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measured answer to "where should this kernel run for this batch shape", written by
 * {@code harpoon kernels bench} and read by {@link KernelPlacement}.
 *
 * <pre>
 * {
 *   "machine": "2 cores, Temurin 25, pthread-... (PoCL)",
 *   "command": "harpoon kernels bench --quick",
 *   "entries": [ {"kernel":"crc32c","buffers":64,"bufferBytes":1024,"backend":"jdk",
 *                 "gbps":{"jdk":31.2,"java":0.4,"aparapi":0.3}} , ... ],
 *   "crossovers": [ {"kernel":"crc32c","bufferBytes":1024,"buffers":4096,"from":"jdk","to":"cuda"} ]
 * }
 * </pre>
 *
 * <p>Lookup picks the measured grid point nearest to the asked shape in log2 space (buffers, bytes per buffer).
 *
 * @param machine free text describing where it was measured
 * @param command the command that produced it
 * @param entries one per measured (kernel, buffers, bufferBytes) point with the fastest backend
 * @param crossovers shapes where the fastest backend changes as the batch grows
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlacementTable(String machine, String command, List<Entry> entries, List<Crossover> crossovers) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PlacementTable {
        machine = machine == null ? "" : machine;
        command = command == null ? "" : command;
        entries = entries == null ? List.of() : List.copyOf(entries);
        crossovers = crossovers == null ? List.of() : List.copyOf(crossovers);
    }

    /** One measured grid point. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String kernel, int buffers, int bufferBytes, String backend, Map<String, Double> gbps) {
    }

    /** Where, for a kernel and buffer size, the fastest backend changes from {@code from} to {@code to}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Crossover(String kernel, int bufferBytes, int buffers, String from, String to) {
    }

    public static PlacementTable read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), PlacementTable.class);
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), this);
    }

    /** The fastest measured backend nearest to {@code shape}, if this table measured the kernel at all. */
    public Optional<Backend> lookup(KernelId kernel, BatchShape shape) {
        double lb = log2(Math.max(1, shape.buffers()));
        double ls = log2(Math.max(1, shape.bytesPerBuffer()));
        Entry best = null;
        double bestDist = Double.MAX_VALUE;
        for (Entry e : entries) {
            if (!kernel.wireName().equals(e.kernel())) {
                continue;
            }
            double db = log2(Math.max(1, e.buffers())) - lb;
            double ds = log2(Math.max(1, e.bufferBytes())) - ls;
            double d = db * db + ds * ds;
            if (d < bestDist) {
                bestDist = d;
                best = e;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Backend.parse(best.backend()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
