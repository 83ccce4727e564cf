package io.harpoon.exapp.compute;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.exapp.compute.tornado.TornadoProbe;
import org.junit.jupiter.api.Test;

class TornadoProbeTest {

    @Test
    void withoutRuntimeNamesTheProperty() {
        String prop = System.getProperty(TornadoProbe.RUNTIME_PROPERTY);
        ComputeAvailability a = new TornadoProbe().availability();
        assertFalse(a.available());
        assertTrue(a.cause().contains(prop == null ? TornadoProbe.RUNTIME_PROPERTY : "not implemented"), a.cause());
        assertThrows(ComputeFailure.class, () -> new TornadoProbe().upload(
                new VectorSnapshot(1, 0, new float[0], new long[0], new float[0])));
    }
}
