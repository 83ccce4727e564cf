package io.harpoon.scheduler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PerfModelTest {
    @Test
    void noSamplesMeansNoModel() {
        assertInstanceOf(Prediction.NoModel.class, PerfModel.EMPTY.predict("llm2", "e1"));
    }

    @Test
    void fewerThanMinSamplesIsCalibrating() {
        PerfHistory h = new PerfHistory();
        for (int i = 0; i < PerfModel.MIN_SAMPLES - 1; i++) {
            h.record("llm2", "e1", 1.0);
        }
        assertEquals(new Prediction.Calibrating(PerfModel.MIN_SAMPLES - 1, PerfModel.MIN_SAMPLES),
                h.snapshot().predict("llm2", "e1"));
        assertInstanceOf(Prediction.NoModel.class, h.snapshot().predict("llm2", "e2"), "per engine");
    }

    @Test
    void enoughSamplesGiveMeanAndSpread() {
        PerfModel m = PerfModel.builder().sample("k", "e", 1).sample("k", "e", 2).sample("k", "e", 3)
                .sample("k", "e", 4).sample("k", "e", 5).build();
        Prediction.Modelled p = assertInstanceOf(Prediction.Modelled.class, m.predict("k", "e"));
        assertEquals(3.0, p.meanSeconds(), 1e-12);
        assertEquals(Math.sqrt(2.5), p.stddevSeconds(), 1e-12);
        assertEquals(5, p.samples());
    }

    @Test
    void snapshotsAreImmutable() {
        PerfHistory h = new PerfHistory();
        PerfModel before = h.snapshot();
        h.record("k", "e", 1);
        h.recordBandwidth("e", 1000);
        assertInstanceOf(Prediction.NoModel.class, before.predict("k", "e"));
        assertEquals(PerfModel.DEFAULT_H2D_BYTES_PER_SECOND, before.hostToDeviceBytesPerSecond("e"));
        assertEquals(1000, h.snapshot().hostToDeviceBytesPerSecond("e"));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PerfModel.builder().sample("k", "e", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PerfModel.builder().sample("k", "e", -1));
        assertThrows(IllegalArgumentException.class, () -> PerfModel.builder().bandwidth("e", 0));
    }
}
