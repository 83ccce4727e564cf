package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One FPGA card of an engine.
 *
 * @param index                card index on the host
 * @param vendor               "xilinx", "intel", ...
 * @param family               device family ("alveo-u250", "agilex7"); a workload may require one
 * @param loadedBitstream      bitstream programmed right now, or "" when blank
 * @param compatibleBitstreams bitstreams this card can be programmed with (the loaded one is implied)
 */
public record FpgaCard(int index, String vendor, String family, String loadedBitstream,
                       Set<String> compatibleBitstreams) {
    public FpgaCard {
        requireNonNull(vendor, "vendor");
        requireNonNull(family, "family");
        requireNonNull(loadedBitstream, "loadedBitstream");
        // Sorted copy: explanations and stored JSON list them in a stable order.
        compatibleBitstreams = Collections.unmodifiableSet(new TreeSet<>(requireNonNull(compatibleBitstreams,
                "compatibleBitstreams")));
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
    }

    /** True when the card runs {@code bitstream} now or can be programmed with it. */
    public boolean canRun(String bitstream) {
        return loadedBitstream.equals(bitstream) || compatibleBitstreams.contains(bitstream);
    }
}
