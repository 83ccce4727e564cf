package io.harpoon.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependency direction inside the module and out of it, checked on the sources (ArchUnit is not a scheduler
 * dependency): the pure core never reaches the store, the service, I/O or other Harpoon modules.
 */
class PackageDirectionTest {
    static final Path MAIN = Path.of("src/main/java/io/harpoon/scheduler");

    /** Package (relative to io.harpoon.scheduler) to import prefixes it must not use. */
    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "api", List.of("io.harpoon.scheduler.framework", "io.harpoon.scheduler.plugins",
                    "io.harpoon.scheduler.store", "io.harpoon.scheduler.service", "io.harpoon.scheduler.explain"),
            "model", List.of("io.harpoon.scheduler."),
            "explain", List.of("io.harpoon.scheduler.framework", "io.harpoon.scheduler.plugins",
                    "io.harpoon.scheduler.store"),
            "framework", List.of("io.harpoon.scheduler.plugins", "io.harpoon.scheduler.store",
                    "io.harpoon.scheduler.service", "java.sql", "java.nio.file", "java.util.Random", "java.time"),
            "plugins", List.of("io.harpoon.scheduler.store", "io.harpoon.scheduler.service", "java.sql",
                    "java.nio.file", "java.util.Random", "java.time"),
            "requirements", List.of("io.harpoon.scheduler.framework", "io.harpoon.scheduler.store"));

    @Test
    void importsPointOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString().split("[/\\\\]")[0];
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("import ")) {
                        continue;
                    }
                    if (line.contains("io.harpoon.") && !line.contains("io.harpoon.scheduler")) {
                        violations.add(f + ": " + line + " (expected: no other Harpoon module)");
                    }
                    for (String bad : FORBIDDEN.getOrDefault(pkg, List.of())) {
                        String target = line.replace("import static ", "").replace("import ", "");
                        boolean self = target.startsWith("io.harpoon.scheduler.model.") && pkg.equals("model");
                        if (target.startsWith(bad) && !self) {
                            violations.add(f + ": " + line);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
