package io.harpoon.kernels.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchShape;
import io.harpoon.kernels.api.KernelId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelPlacementTest {
    private static final PlacementTable TABLE = new PlacementTable("test", "none", List.of(
            new PlacementTable.Entry("crc32c", 1, 1024, "jdk", Map.of()),
            new PlacementTable.Entry("crc32c", 4096, 1024, "java", Map.of()),
            new PlacementTable.Entry("crc32c", 4096, 65536, "cuda", Map.of())), List.of());

    @Test
    void withoutATableEverythingRunsOnJdk() {
        KernelPlacement p = KernelPlacement.load(null, BackendRegistry.defaults());
        for (KernelId k : KernelId.values()) {
            assertEquals(Backend.JDK, p.choose(k, new BatchShape(4096, 4096L * 1024)));
        }
        assertTrue(p.source().contains("default"));
    }

    @Test
    void lookupTakesTheNearestMeasuredShapeInLogSpace() {
        KernelPlacement p = new KernelPlacement(TABLE, BackendRegistry.defaults(), "test");
        assertEquals(Backend.JDK, p.choose(KernelId.CRC32C, new BatchShape(2, 2048)));
        assertEquals(Backend.JAVA, p.choose(KernelId.CRC32C, new BatchShape(2000, 2000L * 900)));
        // a kernel the table never measured
        assertEquals(Backend.JDK, p.choose(KernelId.AES_GCM, new BatchShape(2000, 2000L * 900)));
    }

    @Test
    void anUnavailableChoiceFallsBackToJdk() {
        KernelPlacement p = new KernelPlacement(TABLE, BackendRegistry.defaults(), "test");
        // cuda is never available on CI machines
        assertEquals(Backend.JDK, p.choose(KernelId.CRC32C, new BatchShape(4096, 4096L * 65536)));
    }

    @Test
    void tablesRoundTripThroughJsonAndBadFilesAreIgnored(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("placement.json");
        TABLE.write(f);
        assertEquals(TABLE, PlacementTable.read(f));
        KernelPlacement p = KernelPlacement.load(f, BackendRegistry.defaults());
        assertEquals(f.toString(), p.source());
        assertEquals(Backend.JAVA, p.choose(KernelId.CRC32C, new BatchShape(4096, 4096L * 1024)));

        Files.writeString(f, "{ not json");
        KernelPlacement bad = KernelPlacement.load(f, BackendRegistry.defaults());
        assertTrue(bad.source().contains("unreadable"), bad.source());
        assertEquals(Backend.JDK, bad.choose(KernelId.CRC32C, new BatchShape(4096, 4096L * 1024)));
    }
}
