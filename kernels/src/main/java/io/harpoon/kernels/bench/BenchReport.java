package io.harpoon.kernels.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.select.PlacementTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns measurements into the printed table, CSV, JSON, the placement table and its Markdown rendering. */
final class BenchReport {
    private final List<Measurement> results;
    private final String machine;
    private final String command;

    BenchReport(List<Measurement> results, String machine, String command) {
        this.results = List.copyOf(results);
        this.machine = machine;
        this.command = command;
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-13s %-8s %10s %7s %12s %12s  %s%n", "KERNEL", "BACKEND", "BUF_BYTES",
                "BUFFERS", "GB/S", "US/BATCH", "NOTE"));
        for (Measurement m : results) {
            sb.append(String.format(Locale.ROOT, "%-13s %-8s %10d %7d %12.3f %12.1f  %s%n", m.kernel(), m.backend(),
                    m.bufferBytes(), m.buffers(), m.gbps(), m.nanosPerBatch() / 1000.0, m.note()));
        }
        return sb.toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder("kernel,backend,buffer_bytes,buffers,batch_bytes,iterations,ns_per_batch,gb_per_s,note\n");
        for (Measurement m : results) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%.0f,%.4f,\"%s\"%n", m.kernel(), m.backend(),
                    m.bufferBytes(), m.buffers(), m.batchBytes(), m.iterations(), m.nanosPerBatch(), m.gbps(),
                    m.note().replace("\"", "'")));
        }
        return sb.toString();
    }

    /** Fastest measured backend per (kernel, size, batch); crossovers where it changes as batches grow. */
    PlacementTable placement() {
        Map<String, List<Measurement>> byPoint = new TreeMap<>();
        for (Measurement m : results) {
            if (m.measured()) {
                byPoint.computeIfAbsent(m.kernel() + "|" + m.bufferBytes() + "|" + m.buffers(), k -> new ArrayList<>()).add(m);
            }
        }
        List<PlacementTable.Entry> entries = new ArrayList<>();
        for (List<Measurement> point : byPoint.values()) {
            Measurement best = point.stream().max(Comparator.comparingDouble(Measurement::gbps)).orElseThrow();
            Map<String, Double> gbps = new LinkedHashMap<>();
            point.forEach(m -> gbps.put(m.backend(), round(m.gbps())));
            entries.add(new PlacementTable.Entry(best.kernel(), best.buffers(), best.bufferBytes(), best.backend(), gbps));
            if (best.kernel().equals(KernelId.CRC32C.wireName())) {
                entries.add(new PlacementTable.Entry(KernelId.CRC32C_MASKED.wireName(), best.buffers(), best.bufferBytes(),
                        best.backend(), gbps));
            }
        }
        entries.sort(Comparator.comparing(PlacementTable.Entry::kernel).thenComparingInt(PlacementTable.Entry::bufferBytes)
                .thenComparingInt(PlacementTable.Entry::buffers));
        List<PlacementTable.Crossover> crossovers = new ArrayList<>();
        PlacementTable.Entry prev = null;
        for (PlacementTable.Entry e : entries) {
            if (prev != null && prev.kernel().equals(e.kernel()) && prev.bufferBytes() == e.bufferBytes()
                    && !prev.backend().equals(e.backend())) {
                crossovers.add(new PlacementTable.Crossover(e.kernel(), e.bufferBytes(), e.buffers(), prev.backend(), e.backend()));
            }
            prev = e;
        }
        return new PlacementTable(machine, command, entries, crossovers);
    }

    String placementMarkdown(PlacementTable t) {
        StringBuilder sb = new StringBuilder("# Kernel placement table\n\n");
        sb.append("Measured on: ").append(t.machine()).append("  \nCommand: `").append(t.command()).append("`\n\n");
        sb.append("Fastest backend per kernel and batch shape (GB/s of every backend measured, device transfers included).\n\n");
        sb.append("| kernel | buffer bytes | buffers | fastest | GB/s by backend |\n|---|---:|---:|---|---|\n");
        for (PlacementTable.Entry e : t.entries()) {
            if (e.kernel().equals(KernelId.CRC32C_MASKED.wireName())) {
                continue; // placed like crc32c
            }
            StringBuilder g = new StringBuilder();
            e.gbps().forEach((b, v) -> g.append(g.length() == 0 ? "" : ", ").append(b).append(' ').append(v));
            sb.append("| ").append(e.kernel()).append(" | ").append(e.bufferBytes()).append(" | ").append(e.buffers())
                    .append(" | ").append(e.backend()).append(" | ").append(g).append(" |\n");
        }
        sb.append("\n## Crossovers\n\n");
        if (t.crossovers().isEmpty()) {
            sb.append("None: one backend is fastest at every measured shape of each buffer size.\n");
        }
        for (PlacementTable.Crossover c : t.crossovers()) {
            if (!c.kernel().equals(KernelId.CRC32C_MASKED.wireName())) {
                sb.append("- ").append(c.kernel()).append(", ").append(c.bufferBytes()).append(" B buffers: ")
                        .append(c.from()).append(" -> ").append(c.to()).append(" at ").append(c.buffers()).append(" buffers\n");
            }
        }
        return sb.toString();
    }

    void writeAll(Path dir, PlacementTable t) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), csv());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine);
        doc.put("command", command);
        doc.put("results", results);
        json.writeValue(dir.resolve("results.json").toFile(), doc);
        t.write(dir.resolve("placement.json"));
        Files.writeString(dir.resolve("placement.md"), placementMarkdown(t));
        Files.writeString(dir.resolve("chart.svg"), new SvgChart(results).render());
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
