package io.harpoon.kernels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.select.BackendRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevicesCommandTest {

    private static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, new CommandLine(new KernelsCommand()).execute(args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsEveryBackendWithDeviceOrCause() {
        String out = run(0, "devices");
        for (Backend b : Backend.values()) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(b.wireName() + " ")), b + " listed in\n" + out);
        }
        for (Availability a : BackendRegistry.defaults().probeAll()) {
            assertTrue(out.contains(a.available() ? a.device() : a.cause()), a + " shown in\n" + out);
        }
        assertTrue(out.contains("placement: "), out);
    }

    @Test
    void requireFailsOnlyForUnavailableBackends() {
        run(0, "devices", "--require", "java,jdk");
        boolean cuda = BackendRegistry.defaults().get(Backend.CUDA).availability().available();
        run(cuda ? 0 : 3, "devices", "--require", "cuda");
    }
}
