package io.harpoon.kernels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.kernels.select.BackendRegistry;
import io.harpoon.kernels.select.PlacementTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's outputs on a tiny grid (shape, not speed: no figure is asserted). */
class PlacementBenchTest {

    @Test
    void tinyGridWritesEveryArtefactAndAPlacementForEveryKernel(@TempDir Path dir) throws Exception {
        BenchGrid tiny = new BenchGrid(new int[] {64, 1024}, new int[] {1, 8}, 1 << 20, 2_000_000L, 1_000_000L);
        List<Measurement> results = new BenchRunner(tiny, BackendRegistry.defaults(), s -> { }).run();
        assertFalse(results.isEmpty());
        Set<String> backends = results.stream().map(Measurement::backend).collect(Collectors.toSet());
        assertTrue(backends.containsAll(Set.of("java", "jdk")), backends.toString());
        for (Measurement m : results) {
            assertTrue(m.measured() || !m.note().isEmpty(), "unmeasured points say why: " + m);
        }
        BenchReport report = new BenchReport(results, "test machine", "test");
        PlacementTable table = report.placement();
        Set<String> kernels = table.entries().stream().map(PlacementTable.Entry::kernel).collect(Collectors.toSet());
        assertEquals(Set.of("crc32c", "crc32c-masked", "aes128-cfb", "aes-gcm"), kernels);
        assertEquals(4 * 4, table.entries().size(), "one entry per kernel and shape");
        report.writeAll(dir, table);
        for (String f : List.of("results.csv", "results.json", "chart.svg", "placement.json", "placement.md")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(table, PlacementTable.read(dir.resolve("placement.json")));
        // the chart is well-formed XML with one point per measured result
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("chart.svg").toFile());
        long measured = results.stream().filter(Measurement::measured).count();
        int legend = backends.size() * 3; // one legend dot per backend per kernel panel
        assertEquals(measured + legend, svg.getElementsByTagName("circle").getLength());
        assertEquals(results.size() + 1, Files.readAllLines(dir.resolve("results.csv")).size());

        // --render-only rebuilds the same placement from results.json without measuring
        Files.delete(dir.resolve("placement.json"));
        assertEquals(0, PlacementBench.render(dir));
        assertEquals(table, PlacementTable.read(dir.resolve("placement.json")));
    }
}
