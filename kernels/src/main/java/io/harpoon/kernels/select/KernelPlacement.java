package io.harpoon.kernels.select;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchShape;
import io.harpoon.kernels.api.KernelId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the backend for a kernel and batch shape: from a measured {@link PlacementTable} when one is present
 * and the chosen backend is available here, else {@code jdk}. The data plane asks this once per batch.
 *
 * <p>Where the table comes from, first match wins:
 * <ol>
 *   <li>system property {@code harpoon.kernels.placement} (a file path);</li>
 *   <li>environment variable {@code HARPOON_PLACEMENT_TABLE};</li>
 *   <li>{@code $HARPOON_DATA_DIR/placement.json} ({@code HARPOON_DATA_DIR} defaults to {@code ./data}).</li>
 * </ol>
 * A file that exists but cannot be read is logged once with the cause and ignored.
 */
public final class KernelPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(KernelPlacement.class);
    /** The backend used when no table applies. */
    public static final Backend DEFAULT = Backend.JDK;

    private static volatile KernelPlacement defaults;

    private final PlacementTable table;
    private final BackendRegistry registry;
    private final String source;

    public KernelPlacement(PlacementTable table, BackendRegistry registry, String source) {
        this.table = table;
        this.registry = registry;
        this.source = source;
    }

    /** The process-wide placement, loaded once from the locations above. */
    public static KernelPlacement defaults() {
        KernelPlacement p = defaults;
        if (p == null) {
            synchronized (KernelPlacement.class) {
                p = defaults;
                if (p == null) {
                    p = load(locate(), BackendRegistry.defaults());
                    defaults = p;
                }
            }
        }
        return p;
    }

    /** Loads a table file; a missing file means "always jdk", an unreadable one too, with a warning. */
    public static KernelPlacement load(Path file, BackendRegistry registry) {
        if (file == null || !Files.isRegularFile(file)) {
            return new KernelPlacement(null, registry, "built-in default (jdk)");
        }
        try {
            return new KernelPlacement(PlacementTable.read(file), registry, file.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("placement table {} ignored, using jdk: {}", file, e.toString());
            return new KernelPlacement(null, registry, "built-in default (jdk); " + file + " unreadable");
        }
    }

    static Path locate() {
        String prop = System.getProperty("harpoon.kernels.placement");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("HARPOON_PLACEMENT_TABLE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String dir = System.getenv("HARPOON_DATA_DIR");
        return Path.of(dir == null || dir.isBlank() ? "data" : dir, "placement.json");
    }

    /** Where the table came from, for {@code harpoon kernels devices} and logs. */
    public String source() {
        return source;
    }

    public Optional<PlacementTable> table() {
        return Optional.ofNullable(table);
    }

    /** The backend to run {@code kernel} on for a batch of this shape. Never an unavailable one. */
    public Backend choose(KernelId kernel, BatchShape shape) {
        if (table == null) {
            return DEFAULT;
        }
        Optional<Backend> b = table.lookup(kernel, shape);
        if (b.isEmpty()) {
            return DEFAULT;
        }
        Backend chosen = b.get();
        if (chosen == DEFAULT || chosen == Backend.JAVA) {
            return chosen;
        }
        return registry.get(chosen).availability().available() && registry.get(chosen).supports(kernel) ? chosen : DEFAULT;
    }
}
