package io.harpoon.kernels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code harpoon kernels bench}: measures kernel x backend x batch shape and writes the placement table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure every kernel on every available backend over buffer sizes 64 B..1 MiB and batches "
                + "1..4096; print a table, write CSV, JSON, an SVG chart and the placement table.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A small grid that finishes in under a minute on 2 cores.")
    boolean quick;

    @Option(names = "--out", description = "Output directory (default: ${DEFAULT-VALUE}).", defaultValue = "bench-out")
    Path out;

    @Option(names = "--render-only", description = "Do not measure: re-render the table, chart and placement "
            + "from OUT/results.json of an earlier run.")
    boolean renderOnly;

    @Override
    public Integer call() throws Exception {
        if (renderOnly) {
            return io.harpoon.kernels.bench.PlacementBench.render(out);
        }
        return io.harpoon.kernels.bench.PlacementBench.run(quick, out);
    }
}
