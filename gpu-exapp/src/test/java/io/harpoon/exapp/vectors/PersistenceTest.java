package io.harpoon.exapp.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.exapp.compute.SearchHits;
import io.harpoon.exapp.compute.cpu.CpuBackend;
import io.harpoon.testsupport.SeededRandom;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Collections survive a restart exactly (ids, floats bit for bit, deletions, overwrites); torn writes do not. */
@ExtendWith(SeededRandom.class)
class PersistenceTest {
    @TempDir
    Path dir;
    private final CpuBackend cpu = new CpuBackend(false, 2);

    @AfterEach
    void close() {
        cpu.close();
    }

    private static float[] rows(Random rnd, int n, int dim) {
        float[] f = new float[n * dim];
        for (int i = 0; i < f.length; i++) {
            f[i] = rnd.nextFloat() * 2 - 1;
        }
        return f;
    }

    @Test
    void roundTripKeepsRowsDeletesAndOverwrites(Random rnd) throws IOException {
        Map<Long, float[]> before;
        SearchHits[] hitsBefore;
        float[] q = rows(rnd, 2, 8);
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            VectorCollection c = store.create("docs", 8).collection();
            long[] ids = new long[500];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i * 3L;
            }
            c.upsert(ids, rows(rnd, 500, 8));
            c.upsert(new long[] {3, 9_000_000_000L}, rows(rnd, 2, 8)); // one overwrite, one new beyond 32 bits
            assertEquals(2, c.delete(new long[] {0, 6, 1}));
            store.create("other", 3).collection().upsert(new long[] {1}, new float[] {1, 2, 3});
            before = c.rowsById();
            hitsBefore = c.search(q, 2, 10, Metric.INNER_PRODUCT);
        }
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            assertEquals(2, store.list().size());
            VectorCollection c = store.get("docs").orElseThrow();
            assertEquals(8, c.dimension());
            assertEquals(499, c.count());
            Map<Long, float[]> after = c.rowsById();
            assertEquals(before.keySet(), after.keySet());
            before.forEach((id, row) -> assertArrayEquals(row, after.get(id), "row " + id));
            SearchHits[] hitsAfter = c.search(q, 2, 10, Metric.INNER_PRODUCT);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(hitsBefore[i].ids(), hitsAfter[i].ids());
                assertArrayEquals(hitsBefore[i].scores(), hitsAfter[i].scores());
            }
            assertArrayEquals(new float[] {1, 2, 3}, store.get("other").orElseThrow().rowsById().get(1L));
        }
    }

    @Test
    void tornTailIsDroppedAndLogStaysAppendable(Random rnd) throws IOException {
        Path file = dir.resolve("collections").resolve("t" + CollectionStore.SUFFIX);
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            VectorCollection c = store.create("t", 4).collection();
            c.upsert(new long[] {1, 2}, rows(rnd, 2, 4));
            c.upsert(new long[] {3}, rows(rnd, 1, 4));
        }
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3); // crash in the middle of the last record
        }
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            VectorCollection c = store.get("t").orElseThrow();
            assertEquals(2, c.count(), "the torn upsert of id 3 is gone");
            assertFalse(c.rowsById().containsKey(3L));
            c.upsert(new long[] {4}, rows(rnd, 1, 4));
        }
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            assertEquals(java.util.Set.of(1L, 2L, 4L), store.get("t").orElseThrow().rowsById().keySet());
        }
    }

    @Test
    void corruptRecordEndsReplay(Random rnd) throws IOException {
        Path file = dir.resolve("collections").resolve("c" + CollectionStore.SUFFIX);
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            VectorCollection c = store.create("c", 2).collection();
            c.upsert(new long[] {1}, rows(rnd, 1, 2));
            c.upsert(new long[] {2}, rows(rnd, 1, 2));
        }
        byte[] b = Files.readAllBytes(file);
        b[b.length - 6] ^= 0x40; // a float of the last record: its CRC no longer matches
        Files.write(file, b);
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            assertEquals(java.util.Set.of(1L), store.get("c").orElseThrow().rowsById().keySet());
        }
    }

    @Test
    void mostlyDeadLogIsCompactedOnLoad(Random rnd) throws IOException {
        Path file = dir.resolve("collections").resolve("z" + CollectionStore.SUFFIX);
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            VectorCollection c = store.create("z", 64).collection();
            long[] ids = new long[5_000];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            c.upsert(ids, rows(rnd, ids.length, 64));
            c.delete(java.util.Arrays.copyOf(ids, 4_990));
        }
        long bloated = Files.size(file);
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            assertEquals(10, store.get("z").orElseThrow().count());
        }
        assertTrue(Files.size(file) < bloated / 50, "rewritten to the live rows: " + Files.size(file));
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            assertEquals(10, store.get("z").orElseThrow().count());
        }
    }

    @Test
    void createIsIdempotentAndDeleteRemovesTheFile() throws IOException {
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            assertTrue(store.create("a", 4).created());
            assertFalse(store.create("a", 4).created());
            assertThrows(IllegalStateException.class, () -> store.create("a", 5));
            assertThrows(IllegalArgumentException.class, () -> store.create("../etc", 5));
            assertTrue(store.delete("a"));
            assertFalse(store.delete("a"));
        }
        assertFalse(Files.exists(dir.resolve("collections").resolve("a" + CollectionStore.SUFFIX)));
    }

    @Test
    void invalidInputChangesNothing() throws IOException {
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            VectorCollection c = store.create("v", 2).collection();
            assertThrows(IllegalArgumentException.class, () -> c.upsert(new long[] {1}, new float[] {1, Float.NaN}));
            assertThrows(IllegalArgumentException.class, () -> c.upsert(new long[] {-1}, new float[] {1, 2}));
            assertThrows(IllegalArgumentException.class, () -> c.upsert(new long[] {1}, new float[] {1, 2, 3}));
            assertEquals(0, c.count());
        }
        try (CollectionStore store = CollectionStore.open(dir, cpu)) {
            assertEquals(0, store.get("v").orElseThrow().count());
        }
    }
}
