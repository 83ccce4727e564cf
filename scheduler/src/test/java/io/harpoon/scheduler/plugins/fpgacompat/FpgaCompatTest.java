package io.harpoon.scheduler.plugins.fpgacompat;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.ReservationDraft;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FpgaCompatTest {
    /** Card 0: alveo with aes loaded, can take crc; card 1: agilex with crc loaded. */
    static final EngineInfo CARDS = engine("f")
            .fpga("xilinx", "alveo-u250", "aes-gcm-v1", "crc32c-v2")
            .fpga("intel", "agilex7", "crc32c-v2").build();

    static Workload fpga(String bitstream, String family) {
        return Workload.builder("w").kind(DeviceKind.FPGA).fpga(bitstream, family).build();
    }

    static Reservation holding(int card) {
        return new Reservation("x" + card, "f", DeviceKind.FPGA, List.of(), 0, false, List.of(card), 0, 0, Set.of(),
                "x");
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, workload, reservations, filter, score, reserved card
                Arguments.of("loaded bitstream wins", fpga("crc32c-v2", ""), new Reservation[0], "SUCCESS", 100L,
                        List.of(1)),
                Arguments.of("reprogrammable card when the loaded one is busy", fpga("crc32c-v2", ""),
                        new Reservation[] {holding(1)}, "SUCCESS", 50L, List.of(0)),
                Arguments.of("family narrows the cards", fpga("crc32c-v2", "alveo-u250"), new Reservation[0],
                        "SUCCESS", 50L, List.of(0)),
                Arguments.of("all compatible cards busy", fpga("crc32c-v2", ""),
                        new Reservation[] {holding(0), holding(1)}, "EXHAUSTED compatible FPGA cards busy", 0L,
                        null),
                Arguments.of("unknown bitstream", fpga("resnet50-int8", ""), new Reservation[0],
                        "FILTERED no compatible bitstream", 0L, null),
                Arguments.of("wrong family", fpga("aes-gcm-v1", "agilex7"), new Reservation[0],
                        "FILTERED no compatible bitstream", 0L, null),
                Arguments.of("non-fpga work passes and scores 0", Workload.builder("w").build(), new Reservation[0],
                        "SUCCESS", 0L, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void filterScoreReserve(String name, Workload w, Reservation[] rs, String filter, long score,
                            List<Integer> card) {
        FpgaCompat p = new FpgaCompat();
        var c = cycle(w, CARDS, rs);
        assertEquals(filter, brief(p.filter(c, w, state(CARDS, rs))));
        assertEquals(score, p.score(c, w, state(CARDS, rs)));
        if (card != null) {
            ReservationDraft d = new ReservationDraft();
            assertEquals("SUCCESS", brief(p.reserve(c, w, state(CARDS, rs), d)));
            assertEquals(card, d.fpgaIds());
        }
    }
}
