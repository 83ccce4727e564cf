package io.harpoon.kernels.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Launch geometry for batch shapes (pure arithmetic, no device needed). */
class LaunchGeometryTest {

    @Test
    void primeBatchIsPaddedToWholeGroupsOfSixtyFour() {
        assertEquals(new LaunchGeometry(257, 320, 64), LaunchGeometry.of(257, 4096));
    }

    @Test
    void smallBatchRunsOneGroup() {
        assertEquals(new LaunchGeometry(1, 64, 64), LaunchGeometry.of(1, 4096));
        assertEquals(new LaunchGeometry(7, 64, 64), LaunchGeometry.of(7, 4096));
        assertEquals(new LaunchGeometry(64, 64, 64), LaunchGeometry.of(64, 4096));
    }

    @Test
    void tenThousandBuffers() {
        assertEquals(new LaunchGeometry(10_000, 10_048, 64), LaunchGeometry.of(10_000, 4096));
    }

    @Test
    void deviceWithSmallWorkGroupsGetsItsMaximum() {
        assertEquals(new LaunchGeometry(257, 272, 16), LaunchGeometry.of(257, 16));
        assertEquals(new LaunchGeometry(3, 3, 1), LaunchGeometry.of(3, 0));
    }

    @Test
    void emptyBatchIsNeverLaunched() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(0, 64));
        assertEquals("count: 0 (expected: > 0; empty batches launch nothing)", e.getMessage());
    }

    @Test
    void largestCountStillFitsAnInt() {
        LaunchGeometry g = LaunchGeometry.of(Integer.MAX_VALUE - 63, 64);
        assertEquals(Integer.MAX_VALUE - 63, g.global());
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(Integer.MAX_VALUE, 64));
    }
}
