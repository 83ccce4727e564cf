package io.harpoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code harpoon.jar} as the launcher runs it (Failsafe: after {@code package}).
 * The TornadoVM declarations must never be inside: under the TornadoVM launcher they would shadow the real classes.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "harpoon.jar");

    @Test
    void jarHasTheMainClassAndNoTornadoDeclarations() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " exists");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals("io.harpoon.cli.HarpoonMain", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(jar.stream().anyMatch(e -> e.getName().equals("io/harpoon/kernels/jdk/JdkBackend.class")));
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("uk/ac/manchester/tornado/")),
                    "tornado-api is compile-only and must not be shaded");
        }
    }

    @Test
    void devicesCommandRunsFromTheJar() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(),
                "kernels", "devices", "--require", "java,jdk"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kernels devices finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        for (String b : List.of("java", "jdk", "aparapi", "tornado", "cuda")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(b + " ")), b + " in\n" + out);
        }
    }
}
