package io.harpoon.exapp.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Host-side layout and geometry of the device backends, checked without a device. */
class DeviceGeometryTest {

    @Test
    void blockedLayoutPlacesEveryElementWhereTheKernelReadsIt() {
        int dim = 3;
        int n = DeviceKernelSource.BLOCK + 5;
        float[] data = new float[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        float[] packed = DeviceGeometry.packBlocked(data, dim, 0, n);
        assertEquals(2 * DeviceKernelSource.BLOCK * dim, packed.length, "whole blocks");
        int b = DeviceKernelSource.BLOCK;
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                assertEquals(data[i * dim + d], packed[(i / b) * b * dim + d * b + (i % b)], "element " + i + "," + d);
            }
        }
        float[] tail = DeviceGeometry.packBlocked(data, dim, b, 5);
        assertEquals(data[b * dim + 2], tail[2 * b], "a chunk starting at a block packs like the whole");
        assertThrows(IllegalArgumentException.class, () -> DeviceGeometry.packBlocked(data, dim, 7, 1));
    }

    @Test
    void packAllWritesEveryChunkInOrderAtItsOffset() {
        int dim = 2;
        int n = DeviceGeometry.STAGING_VECTORS * 3 + 100;
        float[] data = new float[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        long padded = DeviceGeometry.paddedCount(n);
        float[] device = new float[(int) (padded * dim)];
        java.util.List<Long> offsets = new java.util.ArrayList<>();
        DeviceGeometry.packAll(data, dim, n, (offset, packed) -> {
            offsets.add(offset);
            System.arraycopy(packed, 0, device, (int) offset, packed.length);
        });
        assertEquals(java.util.List.of(0L, (long) DeviceGeometry.STAGING_VECTORS * dim,
                2L * DeviceGeometry.STAGING_VECTORS * dim, 3L * DeviceGeometry.STAGING_VECTORS * dim), offsets);
        assertArrayEquals(DeviceGeometry.packBlocked(data, dim, 0, n), device, "same as packing everything at once");
    }

    @Test
    void geometryBoundsScoresAndParts() {
        DeviceGeometry g = DeviceGeometry.of(1_000_000, 384, 64, 10);
        assertEquals(64, g.queryChunk(), "64 x 1M scores fit the 256 MiB budget");
        assertEquals(DeviceGeometry.MAX_PARTS, g.parts());
        DeviceGeometry big = DeviceGeometry.of(10_000_000, 384, 64, 10);
        assertTrue((long) big.queryChunk() * 10_000_000 <= DeviceGeometry.SCORE_BUDGET);
        assertEquals(6, big.queryChunk(), "2^26 / 10M scores: fewer than one tile, so not rounded down");
        DeviceGeometry mid = DeviceGeometry.of(1_000_000, 384, 200, 10, 100_000_000);
        assertEquals(96, mid.queryChunk(), "100 fit, rounded down to whole tiles");
        assertEquals(1, DeviceGeometry.of(5, 2, 3, 10).parts(), "small collections: one list per query");
        assertEquals(1, DeviceGeometry.of(100_000, 8, 3, 10, 5).queryChunk(), "at least one query per chunk");
    }

    @Test
    void queriesArePaddedToWholeTiles() {
        float[] q = {1, 2, 3, 4, 5, 6};
        float[] p = DeviceGeometry.packQueries(q, 2, 1, 2);
        assertEquals(DeviceKernelSource.QTILE * 2, p.length);
        assertArrayEquals(new float[] {3, 4, 5, 6}, java.util.Arrays.copyOf(p, 4));
    }

    @Test
    void sizeClasses() {
        assertEquals(16, DeviceKernelSource.kmaxFor(1));
        assertEquals(64, DeviceKernelSource.kmaxFor(17));
        assertEquals(ComputeBackend.MAX_K, DeviceKernelSource.kmaxFor(ComputeBackend.MAX_K));
        assertThrows(IllegalArgumentException.class, () -> DeviceKernelSource.kmaxFor(ComputeBackend.MAX_K + 1));
    }

    @Test
    void bothDialectsShareOneBody() {
        String cl = DeviceKernelSource.openCl(16);
        String cu = DeviceKernelSource.cuda(16);
        String body = cl.substring(cl.indexOf("/*"));
        assertEquals(body, cu.substring(cu.indexOf("/*")));
        assertTrue(cu.contains("extern \"C\" __global__"));
    }

    @Test
    void unpackStopsAtEmptySlots() {
        SearchHits[] h = DeviceGeometry.unpack(new float[] {3, 2, Float.NEGATIVE_INFINITY, 1, 0, 0},
                new long[] {9, 4, -1, 7, -1, -1}, 2, 3);
        assertArrayEquals(new long[] {9, 4}, h[0].ids());
        assertArrayEquals(new long[] {7}, h[1].ids());
    }
}
