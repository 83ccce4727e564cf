package io.harpoon.exapp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.exapp.compute.opencl.OpenClBackend;
import io.harpoon.testsupport.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark command end to end on a tiny collection: table printed, OpenCL agrees with the CPU reference. */
class SearchBenchCommandTest {

    @Test
    void printsATableAndChecksDevicesAgainstTheCpu() {
        try (OpenClBackend probe = new OpenClBackend()) {
            Requirements.require("OpenCL", probe.availability().available(), probe.availability().cause());
        }
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new ExAppCommand()).execute("bench", "--vectors", "3000", "--dim", "24",
                    "--batch", "1,9", "--seconds", "0.05", "--min-calls", "2", "--warmup", "1",
                    "--backends", "cpu,opencl,tornado");
        } finally {
            System.setOut(old);
        }
        String table = out.toString(StandardCharsets.UTF_8);
        System.out.println(table);
        assertEquals(0, code, table);
        assertTrue(table.contains("queries/s") && table.contains("p99 ms"), table);
        assertEquals(2, table.lines().filter(l -> l.startsWith("opencl") && l.endsWith("ok")).count(), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("tornado") && l.contains("unavailable")), table);
    }

    @Test
    void agreementAllowsOnlyBoundaryTies() {
        var a = new io.harpoon.exapp.compute.SearchHits[] {
                new io.harpoon.exapp.compute.SearchHits(new long[] {1, 2}, new float[] {0.9f, 0.5f})};
        var tie = new io.harpoon.exapp.compute.SearchHits[] {
                new io.harpoon.exapp.compute.SearchHits(new long[] {1, 3}, new float[] {0.9f, 0.50001f})};
        var wrong = new io.harpoon.exapp.compute.SearchHits[] {
                new io.harpoon.exapp.compute.SearchHits(new long[] {1, 3}, new float[] {0.9f, 0.7f})};
        assertTrue(SearchBenchCommand.agree(a, tie));
        assertTrue(!SearchBenchCommand.agree(a, wrong));
    }
}
