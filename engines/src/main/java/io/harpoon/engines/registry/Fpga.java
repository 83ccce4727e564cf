package io.harpoon.engines.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An FPGA card of an engine, declared by the operator (no engine reports them): the scheduler's FPGA filter input. */
public record Fpga(String vendor, String family, String device, String loadedBitstream, List<String> compatible) {
    public Fpga {
        requireNonNull(vendor, "vendor");
        requireNonNull(family, "family");
        requireNonNull(device, "device");
        requireNonNull(loadedBitstream, "loadedBitstream");
        compatible = List.copyOf(compatible);
    }
}
