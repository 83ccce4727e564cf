package io.harpoon.scheduler.cli;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.framework.Scheduler;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.store.PlacementStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlacementsCommandTest {
    static String run(StringWriter out, String... args) {
        CommandLine cl = new CommandLine(new PlacementsCommand());
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute(args);
        return rc + "\n" + out;
    }

    @Test
    void listsPlacementsAndRefusalsWithExplanations(@TempDir Path dataDir) {
        Scheduler s = new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS));
        var engines = List.of(cpuEngine("cpu-1"), nvidia("gpu-1", 2, 24));
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            store.record(s.schedule(ClusterSnapshot.of(engines, List.of()), cuda("llm2", 8).build()));
            store.record(s.schedule(ClusterSnapshot.of(engines, List.of()), cuda("huge", 80).build()));
        }
        String all = run(new StringWriter(), "--data-dir", dataDir.toString(), "--all-engines");
        assertTrue(all.startsWith("0\nhuge  REFUSED\n  0/2 engines fit: 1 GPU too small (need 80 GiB, max 24 GiB), "
                + "1 no cuda device\n"), all);
        assertTrue(all.contains("llm2  PLACED on gpu-1 cuda gpus [0]\n  1/2 engines fit, chose gpu-1 (score "), all);
        assertTrue(all.contains("    cpu-1: devicekind: no cuda device\n"), all);
        assertTrue(all.contains("    score gpu-1 "), all);

        String one = run(new StringWriter(), "--data-dir", dataDir.toString(), "llm2");
        assertTrue(one.startsWith("0\nllm2  PLACED") && !one.contains("huge"), one);
        assertEquals("1\nno placements\n", run(new StringWriter(), "--data-dir", dataDir.toString(), "nope"));

        String json = run(new StringWriter(), "--data-dir", dataDir.toString(), "--json", "huge");
        assertTrue(json.startsWith("0\n{\"workloadId\":\"huge\",\"state\":\"REFUSED\",\"reservation\":null,"
                + "\"explanation\":{\"workloadId\":\"huge\",\"engines\":2,\"feasible\":0,\"chosen\":\"\","
                + "\"summary\":\"0/2 engines fit: 1 GPU too small (need 80 GiB, max 24 GiB), 1 no cuda device\""), json);
    }

    @Test
    void missingStoreIsReportedNotCreated(@TempDir Path dataDir) {
        String out = run(new StringWriter(), "--data-dir", dataDir.resolve("none").toString());
        assertTrue(out.startsWith("0\nno placements (no store under "), out);
        assertTrue(!PlacementStore.exists(dataDir.resolve("none")));
    }

    @Test
    void readsTheStoreWhileAnotherProcessHoldsItOpen(@TempDir Path dataDir) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                StoreHolder.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("ready")) {
                // Skip JVM chatter until the child has written its placement.
            }
            assertEquals("ready", line, "child did not start");
            String out = run(new StringWriter(), "--data-dir", dataDir.toString());
            assertTrue(out.startsWith("0\nheld-by-gateway  PLACED on remote-24001 cuda gpus [0]\n"), out);
        } finally {
            child.getOutputStream().close();
            assertEquals(0, child.waitFor(), "child exit");
        }
    }
}
