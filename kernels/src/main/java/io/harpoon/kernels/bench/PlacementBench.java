package io.harpoon.kernels.bench;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.select.BackendRegistry;
import io.harpoon.kernels.select.PlacementTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code harpoon kernels bench}: measures, prints, writes {@code results.csv}, {@code results.json},
 * {@code chart.svg}, {@code placement.json} (read by {@code KernelPlacement}) and {@code placement.md}.
 *
 * <p>How to run: {@code ./harpoon kernels bench --quick --out bench-out}; copy {@code bench-out/placement.json}
 * to {@code $HARPOON_DATA_DIR/placement.json} to make the data plane follow it. Speed figures are recorded in
 * docs/benchmarks.md; nothing here asserts a speed.
 */
public final class PlacementBench {
    private PlacementBench() {
    }

    /** Re-renders table, chart and placement from an earlier run's {@code results.json} (no measuring). */
    public static int render(Path out) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        com.fasterxml.jackson.databind.JsonNode doc = json.readTree(out.resolve("results.json").toFile());
        List<Measurement> results = json.convertValue(doc.get("results"),
                json.getTypeFactory().constructCollectionType(List.class, Measurement.class));
        BenchReport report = new BenchReport(results, doc.path("machine").asText(), doc.path("command").asText());
        PlacementTable table = report.placement();
        report.writeAll(out, table);
        System.out.print(report.placementMarkdown(table));
        return 0;
    }

    public static int run(boolean quick, Path out) throws IOException {
        BenchGrid grid = quick ? BenchGrid.quick() : BenchGrid.full();
        BackendRegistry registry = BackendRegistry.defaults();
        String machine = describe(registry);
        String command = "harpoon kernels bench" + (quick ? " --quick" : "") + " --out " + out;
        System.out.println("machine: " + machine);
        long t0 = System.nanoTime();
        List<Measurement> results = new BenchRunner(grid, registry, System.out::println).run();
        BenchReport report = new BenchReport(results, machine, command);
        PlacementTable table = report.placement();
        report.writeAll(out, table);
        System.out.println();
        System.out.print(report.table());
        System.out.println();
        System.out.print(report.placementMarkdown(table));
        System.out.printf("%nwrote %s/{results.csv,results.json,chart.svg,placement.json,placement.md} in %.1f s%n",
                out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static String describe(BackendRegistry registry) {
        StringJoiner j = new StringJoiner("; ");
        j.add(Runtime.getRuntime().availableProcessors() + " cores");
        j.add(System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + Runtime.version());
        j.add(System.getProperty("os.arch"));
        for (Availability a : registry.probeAll()) {
            if (a.available() && !a.backend().wireName().equals("java") && !a.backend().wireName().equals("jdk")) {
                j.add(a.backend().wireName() + " on " + a.device());
            }
        }
        return j.toString();
    }
}
