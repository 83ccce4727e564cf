package io.harpoon.kernels.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.reference.Crc32c;
import io.harpoon.kernels.reference.ReferenceBackend;
import io.harpoon.testsupport.SeededRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The data plane's single-buffer entry points agree with the reference whatever the placement says. */
@ExtendWith(SeededRandom.class)
class KernelsFacadeTest {

    @Test
    void singleBufferHelpersMatchTheReference(Random rnd) {
        byte[] data = new byte[1000];
        rnd.nextBytes(data);
        // a table that sends small CRCs to the reference and everything else to a backend absent on CI
        PlacementTable t = new PlacementTable("t", "t", List.of(
                new PlacementTable.Entry("crc32c-masked", 1, 64, "java", Map.of()),
                new PlacementTable.Entry("aes128-cfb", 1, 64, "cuda", Map.of())), List.of());
        for (Kernels k : List.of(Kernels.defaults(), new Kernels(new KernelPlacement(t, BackendRegistry.defaults(), "t"),
                BackendRegistry.defaults()))) {
            assertEquals(Crc32c.masked(data, 3, 900), k.crc32cMasked(data, 3, 900));
            assertEquals(Crc32c.crc32c(data, 3, 900), k.crc32c(data, 3, 900));
            byte[] key = new byte[16];
            byte[] iv = new byte[16];
            rnd.nextBytes(key);
            rnd.nextBytes(iv);
            byte[] want = data.clone();
            byte[] got = data.clone();
            new ReferenceBackend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {new CfbStream(key, iv)},
                    BatchBuffers.single(want, 5, 777));
            CfbStream s = new CfbStream(key, iv);
            k.aes128Cfb(CfbDirection.ENCRYPT, s, got, 5, 300);
            ExecutionOutcome o = k.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {s}, BatchBuffers.single(got, 305, 477));
            assertArrayEquals(want, got);
            assertEquals(Backend.JDK, o.ran(), "whatever the table says, an unavailable backend never runs");
        }
    }
}
