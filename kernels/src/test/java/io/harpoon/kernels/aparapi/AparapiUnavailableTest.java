package io.harpoon.kernels.aparapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM whose OpenCL loader finds no platform (ocl-icd's {@code OCL_ICD_VENDORS} pointed at an empty directory):
 * the backend must report itself unavailable with the cause, reject bad input first, then fail batches with
 * {@code BackendFailure}, instead of crashing, hanging or silently running on Aparapi's Java thread pool.
 * Runs in a child JVM because Aparapi discovers devices once per process.
 */
class AparapiUnavailableTest {

    @Test
    void withoutAnOpenClPlatformTheBackendIsUnavailableAndFailsCleanly(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path emptyVendors = Files.createDirectory(dir.resolve("vendors"));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                ProbeMain.class.getName());
        pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
        pb.redirectErrorStream(true);
        Path log = dir.resolve("child.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String out = String.join("\n", lines);
        assertTrue(exited, "child JVM hung:\n" + out);
        assertTrue(p.exitValue() == 0, "child JVM exit " + p.exitValue() + ":\n" + out);
        List<String> results = lines.stream().filter(l -> l.startsWith("RESULT ")).toList();
        assertTrue(results.size() == 3, out);
        // The cause depends on the machine: "no OpenCL device" where libOpenCL loads but finds no platform (CI),
        // a linkage error where there is no libOpenCL at all; either way unavailable, with a cause.
        assertTrue(results.get(0).matches("RESULT availability aparapi unavailable: .+"), results.get(0));
        if (AparapiBackendTest.BACKEND.availability().available()) {
            assertTrue(results.get(0).contains("no OpenCL device"), "OpenCL works in this JVM, so the child's only "
                    + "missing piece is the platform: " + results.get(0));
        }
        assertTrue(results.get(1).equals("RESULT null-batch IllegalArgumentException"), results.get(1));
        assertTrue(results.get(2).startsWith("RESULT crc BackendFailure: aparapi: unavailable: "), results.get(2));
    }
}
